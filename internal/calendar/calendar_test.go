package calendar

import (
	"testing"
	"time"

	"thidua/internal/errs"
)

func d(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// cal2024 is the 2024 calendar as the Government set it: Tết Giáp Thìn
// 08/02–14/02, Giỗ Tổ 18/04, 29/04–01/05 with Saturday 04/05 worked in
// exchange for Monday 29/04, and National Day 02/09–03/09.
func cal2024() Calendar {
	var days []Day
	for _, s := range []string{"2024-01-01", "2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14",
		"2024-04-18", "2024-04-29", "2024-04-30", "2024-05-01", "2024-09-02", "2024-09-03"} {
		days = append(days, Day{Date: d(s), Kind: Holiday})
	}
	return New(append(days, Day{Date: d("2024-05-04"), Kind: Workday, Note: "Làm bù cho thứ Hai 29/04"}))
}

func TestIsWorkingDay(t *testing.T) {
	c := cal2024()
	for _, tc := range []struct {
		day  string
		want bool
	}{
		{"2024-02-07", true},  // Wednesday before Tết
		{"2024-02-08", false}, // Tết
		{"2024-02-10", false}, // Saturday (Mùng 1)
		{"2024-02-15", true},  // back to work
		{"2024-04-30", false},
		{"2024-05-01", false},
		{"2024-05-04", true},  // make-up Saturday
		{"2024-05-11", false}, // an ordinary Saturday
		{"2024-09-02", false},
		{"2024-09-04", true},
	} {
		if got := c.IsWorkingDay(d(tc.day)); got != tc.want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tc.day, got, tc.want)
		}
	}
	// In another zone, the date is what counts.
	ict := time.FixedZone("ICT", 7*3600)
	if c.IsWorkingDay(time.Date(2024, 2, 8, 23, 0, 0, 0, ict)) {
		t.Error("Tết late in the evening, Vietnam time, is still Tết")
	}
}

func TestAddWorkingDays(t *testing.T) {
	c := cal2024()
	for _, tc := range []struct {
		name, from string
		n          int
		want       string
	}{
		{"across Tết", "2024-02-07", 1, "2024-02-15"},
		{"across Tết, a week", "2024-02-07", 5, "2024-02-21"},
		{"30/4–1/5", "2024-04-26", 1, "2024-05-02"},
		{"30/4–1/5, second day", "2024-04-26", 2, "2024-05-03"},
		{"make-up Saturday counts", "2024-04-26", 3, "2024-05-04"},
		{"then Monday", "2024-04-26", 4, "2024-05-06"},
		{"2/9", "2024-08-30", 1, "2024-09-04"},
		{"ordinary week", "2024-12-02", 5, "2024-12-09"},
		{"from a Saturday", "2024-12-07", 1, "2024-12-09"},
		{"zero", "2024-12-07", 0, "2024-12-07"},
	} {
		if got := c.AddWorkingDays(d(tc.from), tc.n); !got.Equal(d(tc.want)) {
			t.Errorf("%s: AddWorkingDays(%s, %d) = %s, want %s", tc.name, tc.from, tc.n, got.Format("2006-01-02"), tc.want)
		}
	}
	// Without the board's calendar Tết is ordinary weekdays.
	if got := New(nil).AddWorkingDays(d("2024-02-07"), 1); !got.Equal(d("2024-02-08")) {
		t.Errorf("empty calendar: %s", got)
	}
}

func TestWorkingDaysLeft(t *testing.T) {
	c := cal2024()
	for _, tc := range []struct {
		name, today, deadline string
		want                  int
	}{
		{"deadline today", "2024-12-09", "2024-12-09", 0},
		{"across Tết", "2024-02-07", "2024-02-16", 2},
		{"late across Tết", "2024-02-16", "2024-02-07", -2},
		{"across 30/4 with the make-up Saturday", "2024-04-26", "2024-05-06", 4},
		{"across 2/9", "2024-08-30", "2024-09-06", 3},
		{"a weekend only", "2024-12-06", "2024-12-08", 0},
		{"ordinary", "2024-12-02", "2024-12-13", 9},
	} {
		if got := c.WorkingDaysLeft(d(tc.today), d(tc.deadline)); got != tc.want {
			t.Errorf("%s: WorkingDaysLeft(%s, %s) = %d, want %d", tc.name, tc.today, tc.deadline, got, tc.want)
		}
	}
	// Counting and adding agree.
	for n := 1; n < 60; n++ {
		from := d("2024-01-31")
		if got := c.WorkingDaysLeft(from, c.AddWorkingDays(from, n)); got != n {
			t.Fatalf("WorkingDaysLeft(from, AddWorkingDays(from, %d)) = %d", n, got)
		}
	}
}

func TestLabel(t *testing.T) {
	for n, want := range map[int]string{5: "còn 5 ngày làm việc", 0: "hôm nay là hạn cuối", -2: "quá hạn 2 ngày làm việc"} {
		if got := WorkingDaysLeftLabel(n); got != want {
			t.Errorf("%d: %q, want %q", n, got, want)
		}
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		day   Day
		field string // "" = valid
	}{
		{"holiday on a weekday", Day{Date: d("2024-02-08"), Kind: Holiday, Note: "Tết Nguyên đán"}, ""},
		{"make-up Saturday", Day{Date: d("2024-05-04"), Kind: Workday}, ""},
		{"holiday on a Saturday", Day{Date: d("2024-02-10"), Kind: Holiday}, "date"},
		{"make-up on a Monday", Day{Date: d("2024-05-06"), Kind: Workday}, "date"},
		{"no date", Day{Kind: Holiday}, "date"},
		{"no kind", Day{Date: d("2024-05-06")}, "kind"},
	} {
		err := tc.day.Validate()
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		e, ok := errs.As(err)
		if !ok || e.Code != errs.Invalid || e.Fields[tc.field] == "" {
			t.Errorf("%s: want an error on %s, got %v", tc.name, tc.field, err)
		}
	}
}
