// Package calendar counts working days: Monday to Friday, minus the
// public holidays (ngày nghỉ lễ, Tết) and plus the make-up working days
// (ngày làm bù, usually a Saturday) that the board keeps year by year.
// It is pure: the days come from the caller.
package calendar

import (
	"fmt"
	"time"

	"thidua/internal/errs"
)

// Kind is what a kept day is.
type Kind string

const (
	Holiday Kind = "holiday" // a day off that would be a working day
	Workday Kind = "workday" // a make-up working day on a weekend
)

// Label is the kind in Vietnamese.
func (k Kind) Label() string {
	switch k {
	case Holiday:
		return "Ngày nghỉ lễ"
	case Workday:
		return "Ngày làm bù"
	}
	return string(k)
}

// Day is one day of the board's calendar.
type Day struct {
	Date time.Time `json:"date"`
	Kind Kind      `json:"kind"`
	Note string    `json:"note"` // e.g. "Tết Nguyên đán", "Làm bù cho ngày 02/01"
}

// Validate checks a day the board enters: a known kind, a holiday on a
// weekday, a make-up working day on a weekend. Messages name the field.
func (d Day) Validate() error {
	f := errs.Fields{}
	if d.Date.IsZero() {
		f.Add("date", "Vui lòng nhập ngày (dd/mm/yyyy).")
	}
	switch d.Kind {
	case Holiday:
		if !d.Date.IsZero() && weekend(d.Date) {
			f.Add("date", fmt.Sprintf("Ngày %s là %s, vốn đã là ngày nghỉ; không cần ghi là ngày nghỉ lễ.", d.Date.Format("02/01/2006"), weekdayName(d.Date)))
		}
	case Workday:
		if !d.Date.IsZero() && !weekend(d.Date) {
			f.Add("date", fmt.Sprintf("Ngày làm bù phải là thứ Bảy hoặc Chủ nhật; ngày %s là %s.", d.Date.Format("02/01/2006"), weekdayName(d.Date)))
		}
	default:
		f.Add("kind", "Vui lòng chọn loại ngày: ngày nghỉ lễ hoặc ngày làm bù.")
	}
	if len([]rune(d.Note)) > 200 {
		f.Add("note", "Ghi chú dài quá 200 ký tự.")
	}
	return f.Err()
}

// Calendar answers whether a day is a working day.
type Calendar struct {
	kinds map[civil]Kind
}

type civil struct {
	y int
	m time.Month
	d int
}

func dayOf(t time.Time) civil { y, m, d := t.Date(); return civil{y, m, d} }

// New builds a calendar from the board's days; days are compared by
// their calendar date, whatever their zone.
func New(days []Day) Calendar {
	c := Calendar{kinds: map[civil]Kind{}}
	for _, d := range days {
		c.kinds[dayOf(d.Date)] = d.Kind
	}
	return c
}

func weekend(t time.Time) bool { return t.Weekday() == time.Saturday || t.Weekday() == time.Sunday }

// IsWorkingDay: Monday to Friday unless a holiday, or a make-up day.
func (c Calendar) IsWorkingDay(t time.Time) bool {
	switch c.kinds[dayOf(t)] {
	case Holiday:
		return false
	case Workday:
		return true
	}
	return !weekend(t)
}

func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// AddWorkingDays is the n-th working day after from (n ≥ 1); from itself
// does not count, as a time limit starts the day after the event. n ≤ 0
// gives from's date.
func (c Calendar) AddWorkingDays(from time.Time, n int) time.Time {
	t := midnight(from)
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if c.IsWorkingDay(t) {
			n--
		}
	}
	return t
}

// WorkingDaysLeft counts the working days after today up to and
// including the deadline: 0 on the deadline's day (or when only days off
// remain before it), negative once it has passed (-2: two working days
// late).
func (c Calendar) WorkingDaysLeft(today, deadline time.Time) int {
	a, b := midnight(today), midnight(deadline)
	sign := 1
	if b.Before(a) {
		a, b, sign = b, a, -1
	}
	n := 0
	for t := a.AddDate(0, 0, 1); !t.After(b); t = t.AddDate(0, 0, 1) {
		if c.IsWorkingDay(t) {
			n++
		}
	}
	return sign * n
}

// WorkingDaysLeftLabel says it in Vietnamese: "còn 5 ngày làm việc",
// "hôm nay là hạn cuối", "quá hạn 2 ngày làm việc".
func WorkingDaysLeftLabel(days int) string {
	switch {
	case days > 0:
		return fmt.Sprintf("còn %d ngày làm việc", days)
	case days == 0:
		return "hôm nay là hạn cuối"
	}
	return fmt.Sprintf("quá hạn %d ngày làm việc", -days)
}

func weekdayName(t time.Time) string {
	return [...]string{"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"}[t.Weekday()]
}
