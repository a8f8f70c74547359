package web

import (
	"testing"
	"time"
)

func TestIdle(t *testing.T) {
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name           string
		seen           time.Time
		expired, touch bool
	}{
		{"never recorded: starts now", time.Unix(0, 0), false, true},
		{"just now", at, false, false},
		{"a minute ago", at.Add(-time.Minute), false, false},
		{"two minutes ago", at.Add(-2 * time.Minute), false, true},
		{"exactly the timeout ago", at.Add(-2 * time.Hour), false, true},
		{"past the timeout", at.Add(-2*time.Hour - time.Second), true, true},
	} {
		expired, touch := idle(c.seen, at, 2*time.Hour)
		if expired != c.expired || touch != c.touch {
			t.Errorf("%s: expired %v touch %v, want %v %v", c.name, expired, touch, c.expired, c.touch)
		}
	}
}
