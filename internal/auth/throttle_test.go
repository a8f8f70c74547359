package auth

import (
	"testing"
	"time"
)

func TestThrottleDelays(t *testing.T) {
	for _, tc := range []struct {
		r    ThrottleRule
		n    int
		want time.Duration
	}{
		{PairRule, 0, 0}, {PairRule, 3, 0}, {PairRule, 4, time.Second}, {PairRule, 5, 2 * time.Second},
		{PairRule, 13, 512 * time.Second}, {PairRule, 14, 15 * time.Minute}, {PairRule, 1000, 15 * time.Minute},
		{AccountRule, 10, 0}, {AccountRule, 11, time.Second}, {AccountRule, 17, time.Minute}, {AccountRule, 5000, time.Minute},
		{AddressRule, 20, 512 * time.Second}, {AddressRule, 21, 15 * time.Minute},
	} {
		if got := tc.r.Delay(tc.n); got != tc.want {
			t.Errorf("%+v after %d: %v, want %v", tc.r, tc.n, got, tc.want)
		}
	}
}

// However many machines guess at an account, the real user, at an address
// of their own, waits a minute at most: there is no lock-out.
func TestThrottleNeverLocksTheRealUserOut(t *testing.T) {
	now := time.Date(2026, 12, 15, 8, 0, 0, 0, time.UTC)
	attack := Attempt{Account: Failures{Count: 100000, Last: now}}
	if w := attack.Wait(now); w != time.Minute {
		t.Errorf("the real user waits %v", w)
	}
	if w := attack.Wait(now.Add(time.Minute)); w != 0 {
		t.Errorf("a minute later: %v", w)
	}
	guesser := Attempt{Pair: Failures{Count: 20, Last: now}, Account: Failures{Count: 20, Last: now}, Address: Failures{Count: 20, Last: now}}
	if w := guesser.Wait(now.Add(time.Minute)); w != 14*time.Minute {
		t.Errorf("the guesser at one address waits %v, want 14m", w)
	}
	if got := WaitText(61 * time.Second); got != "2 phút" {
		t.Errorf("WaitText: %q", got)
	}
	if got := WaitText(1500 * time.Millisecond); got != "2 giây" {
		t.Errorf("WaitText: %q", got)
	}
}
