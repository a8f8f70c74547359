package app_test

import (
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
)

// A test that builds the app on the wall clock, or on none, fails at once
// rather than on the day the calendar passes the demo's deadlines.
func TestNewRefusesTheWallClockInATest(t *testing.T) {
	for name, clock := range map[string]func() time.Time{"time.Now": time.Now, "nil": nil} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), "clock") {
					t.Errorf("app.New with %s: recovered %v, want a panic about the clock", name, r)
				}
			}()
			app.New(nil, auth.Hasher{}, clock)
		}()
	}
	at := time.Date(2028, 2, 29, 9, 0, 0, 0, time.UTC)
	if a := app.New(nil, auth.Hasher{}, app.FixedClock(at)); !a.Now().Equal(at) {
		t.Fatalf("a fixed clock reads %v, want %v", a.Now(), at)
	}
}
