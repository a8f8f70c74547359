package auth

import (
	"strconv"
	"time"
)

// Sign-in throttling, after OWASP's Authentication Cheat Sheet: no hard
// lock-out (anyone could lock the board out on the deadline day by typing
// its user name five times), but a delay that grows with each failure,
// counted three ways so that neither one guesser nor many can go fast:
//
//   - per account and client address: the one guesser at one machine;
//   - per client address, whatever the account: one machine trying a
//     common password on every account (password spraying);
//   - per account, whatever the address: many machines on one account.
//     Its delay is capped at a minute, so the real user, who is at none of
//     the guessers' addresses, waits a minute at worst and is never shut out.
//
// A failure of the current-password check when changing a password counts
// like a failed sign-in, so a session holder cannot guess faster there.

// Failures is what was recorded against one key within ThrottleWindow:
// how many failures, and when the last one was.
type Failures struct {
	Count int       `json:"count"`
	Last  time.Time `json:"last"`
}

// ThrottleRule is how one key is slowed: Free failures cost nothing, each
// one after doubles the wait before the next attempt, from a second up
// to Max.
type ThrottleRule struct {
	Free int
	Max  time.Duration
}

// The three rules; failures older than ThrottleWindow are forgotten.
var (
	PairRule    = ThrottleRule{Free: 3, Max: 15 * time.Minute}
	AddressRule = ThrottleRule{Free: 10, Max: 15 * time.Minute}
	AccountRule = ThrottleRule{Free: 10, Max: time.Minute}
)

// ThrottleWindow is how long a failure counts.
const ThrottleWindow = time.Hour

// Delay is the wait after n failures.
func (r ThrottleRule) Delay(n int) time.Duration {
	if n <= r.Free {
		return 0
	}
	d := time.Second << min(n-r.Free-1, 30)
	return min(d, r.Max)
}

// Until is when the next attempt is allowed after f.
func (r ThrottleRule) Until(f Failures) time.Time { return f.Last.Add(r.Delay(f.Count)) }

// Attempt is what the three keys of one sign-in attempt have on record.
type Attempt struct {
	Pair, Account, Address Failures
}

// Wait is how long the attempt must wait at now: the longest of the three
// rules' waits; 0 lets it through.
func (a Attempt) Wait(now time.Time) time.Duration {
	var w time.Duration
	for _, x := range []struct {
		r ThrottleRule
		f Failures
	}{{PairRule, a.Pair}, {AccountRule, a.Account}, {AddressRule, a.Address}} {
		w = max(w, x.r.Until(x.f).Sub(now))
	}
	return w
}

// WaitText says a wait in Vietnamese, rounded up: "45 giây", "3 phút".
func WaitText(d time.Duration) string {
	if d <= time.Minute {
		return strconv.Itoa(int((d+time.Second-1)/time.Second)) + " giây"
	}
	return strconv.Itoa(int((d+time.Minute-1)/time.Minute)) + " phút"
}
