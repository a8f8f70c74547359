package cluster

import (
	"testing"
	"time"
)

func TestDaysLeft(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		name            string
		today, deadline time.Time
		want            int
		label           string
	}{
		{"two weeks ahead", day(2026, 11, 26), day(2026, 12, 10), 14, "còn 14 ngày"},
		{"the last day", day(2026, 12, 10), day(2026, 12, 10), 0, "hôm nay là hạn cuối"},
		{"three days late", day(2026, 12, 3), day(2026, 11, 30), -3, "quá hạn 3 ngày"},
		{"across the new year", day(2026, 12, 30), day(2027, 1, 2), 3, "còn 3 ngày"},
		{"the time of day does not count", time.Date(2026, 11, 26, 23, 59, 0, 0, ict), day(2026, 11, 27), 1, "còn 1 ngày"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := DaysLeft(c.today, c.deadline)
			if got != c.want || DaysLeftLabel(got) != c.label {
				t.Fatalf("DaysLeft = %d (%q), want %d (%q)", got, DaysLeftLabel(got), c.want, c.label)
			}
		})
	}
}
