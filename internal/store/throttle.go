package store

import (
	"context"
	"time"

	"thidua/internal/auth"
)

// Kinds of recorded failure.
const (
	FailSignIn         = "sign_in"
	FailPasswordChange = "password_change" // the current password, on the password change form
)

// LoginAttempt counts, since a time, the failures recorded against the
// three keys of an attempt: the account at this address, the account,
// and the address (see auth.Attempt).
func (s *Q) LoginAttempt(ctx context.Context, username, ip string, since time.Time) (auth.Attempt, error) {
	var r struct {
		PairN, AccountN, AddressN          int
		PairLast, AccountLast, AddressLast *time.Time
	}
	err := s.db.WithContext(ctx).Raw(`
		SELECT count(*) FILTER (WHERE lower(username) = lower(@u) AND ip = @ip) AS pair_n,
		       max(at)  FILTER (WHERE lower(username) = lower(@u) AND ip = @ip) AS pair_last,
		       count(*) FILTER (WHERE lower(username) = lower(@u)) AS account_n,
		       max(at)  FILTER (WHERE lower(username) = lower(@u)) AS account_last,
		       count(*) FILTER (WHERE ip = @ip) AS address_n,
		       max(at)  FILTER (WHERE ip = @ip) AS address_last
		FROM login_failures
		WHERE at > @since AND (lower(username) = lower(@u) OR ip = @ip)`,
		map[string]any{"u": username, "ip": ip, "since": since}).Scan(&r).Error
	f := func(n int, last *time.Time) auth.Failures {
		if last == nil {
			return auth.Failures{}
		}
		return auth.Failures{Count: n, Last: *last}
	}
	return auth.Attempt{Pair: f(r.PairN, r.PairLast), Account: f(r.AccountN, r.AccountLast), Address: f(r.AddressN, r.AddressLast)}, err
}

// RecordLoginFailure notes one failed sign-in (or current-password check).
func (s *Q) RecordLoginFailure(ctx context.Context, username, ip, kind string, at time.Time) error {
	return s.db.WithContext(ctx).Exec(`INSERT INTO login_failures (username, ip, kind, at) VALUES (?, ?, ?, ?)`,
		username, ip, kind, at).Error
}

// ClearLoginFailures forgets the failures of an account at one address
// after it signed in there: the guesser at another address is still slowed.
func (s *Q) ClearLoginFailures(ctx context.Context, username, ip string) error {
	return s.db.WithContext(ctx).Exec(`DELETE FROM login_failures WHERE lower(username) = lower(?) AND ip = ?`, username, ip).Error
}

// Throttled is one (account, address) with failures within the window,
// for the administrator's list.
type Throttled struct {
	Username       string    `json:"username"`
	IP             string    `json:"ip"`
	Count          int       `json:"count"`
	PasswordChange int       `json:"password_change"` // of Count, failures on the password change form
	First          time.Time `json:"first"`
	Last           time.Time `json:"last"`
}

// ThrottledLogins lists every (account, address) with failures since a
// time, the most recent first.
func (s *Q) ThrottledLogins(ctx context.Context, since time.Time) ([]Throttled, error) {
	var out []Throttled
	err := s.db.WithContext(ctx).Raw(`
		SELECT min(username) AS username, ip, count(*) AS count,
		       count(*) FILTER (WHERE kind = 'password_change') AS password_change, min(at) AS first, max(at) AS last
		FROM login_failures WHERE at > ?
		GROUP BY lower(username), ip ORDER BY max(at) DESC, 1, 2 LIMIT 1000`, since).Scan(&out).Error
	return out, err
}

// DeleteLoginFailures forgets every failure of an account (username set)
// or of a client address (ip set), and says how many.
func (s *Q) DeleteLoginFailures(ctx context.Context, username, ip string) (int64, error) {
	res := s.db.WithContext(ctx).Exec(`DELETE FROM login_failures
		WHERE (@u = '' OR lower(username) = lower(@u)) AND (@ip = '' OR ip = @ip)`, map[string]any{"u": username, "ip": ip})
	return res.RowsAffected, res.Error
}
