package store

import (
	"context"
	"time"
)

// RecentLoginFailures counts failed sign-ins for a user name since a time,
// across every app server.
func (s *Store) RecentLoginFailures(ctx context.Context, username string, since time.Time) (int64, error) {
	var n int64
	err := s.DB.WithContext(ctx).Table("login_failures").
		Where("lower(username) = lower(?) AND at > ?", username, since).Count(&n).Error
	return n, err
}

// RecordLoginFailure notes one failed sign-in at a time of the app's clock.
func (s *Store) RecordLoginFailure(ctx context.Context, username, ip string, at time.Time) error {
	return s.DB.WithContext(ctx).Exec(`INSERT INTO login_failures (username, ip, at) VALUES (?, ?, ?)`, username, ip, at).Error
}

// ClearLoginFailures forgets a user name's failures after a good sign-in.
func (s *Store) ClearLoginFailures(ctx context.Context, username string) error {
	return s.DB.WithContext(ctx).Exec(`DELETE FROM login_failures WHERE lower(username) = lower(?)`, username).Error
}
