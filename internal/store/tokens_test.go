package store_test

import (
	"context"
	"testing"
	"time"

	"thidua/internal/dbtest"
	"thidua/internal/store"
)

// A token's use is recorded on its first request, then at most once a
// minute: an API client in a loop does not write the token's row each time.
func TestUserByTokenRecordsUseOnceAMinute(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := context.Background()
	u, err := s.CreateUser(ctx, store.User{Username: "api.client", FullName: "Máy khách API", PasswordHash: "x", Role: "admin", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	token, err := s.CreateToken(ctx, u.ID, "tải thử", nil)
	if err != nil {
		t.Fatal(err)
	}
	lastUsed := func() *time.Time {
		var at *time.Time
		if err := s.ScanForTest(&at, "SELECT last_used_at FROM api_tokens WHERE user_id = ?", u.ID); err != nil {
			t.Fatal(err)
		}
		return at
	}
	use := func() int64 {
		before := s.Statements()
		// The token never expires, so the day judged on is any fixed one;
		// last_used_at is the database's clock, as in production.
		got, err := s.UserByToken(ctx, token, time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC))
		if err != nil || got.ID != u.ID {
			t.Fatalf("UserByToken = %v, %v; want user %d", got.ID, err, u.ID)
		}
		return s.Statements() - before
	}
	// The token with its user is one statement; recording the use, one more.
	if n := use(); n != 2 || lastUsed() == nil {
		t.Fatalf("first use: %d statements, last_used_at %v; want 2 and set", n, lastUsed())
	}
	if n := use(); n != 1 {
		t.Fatalf("second use within the minute: %d statements, want 1 (no write)", n)
	}
	if err := s.ExecForTest("UPDATE api_tokens SET last_used_at = now() - interval '2 minutes' WHERE user_id = ?", u.ID); err != nil {
		t.Fatal(err)
	}
	stale := lastUsed()
	if n := use(); n != 2 || !lastUsed().After(*stale) {
		t.Fatalf("use after two minutes: %d statements, last_used_at %v; want 2 and later than %v", n, lastUsed(), stale)
	}
}
