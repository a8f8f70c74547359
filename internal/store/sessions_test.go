package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"thidua/internal/dbtest"
	"thidua/internal/store"
)

// The session store records who a session is signed in as, and a read of
// the row made for a request (WithSessionUser) brings that user in the
// same statement; rows of nobody, of a deleted user, or written before the
// column, bring none, and the caller reads the user itself.
func TestSessionReadBringsItsUser(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := context.Background()
	u, err := s.CreateUser(ctx, store.User{Username: "phien.thu", FullName: "Phiên Thử", PasswordHash: "x", Role: "admin", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	st := s.SessionStore("user_id")
	// Far ahead of the database's clock, whatever the day the test runs.
	expiry := time.Date(2199, time.January, 1, 0, 0, 0, 0, time.UTC)
	commit := func(token string, values map[string]any) {
		t.Helper()
		b, err := scs.GobCodec{}.Encode(expiry, values)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.CommitCtx(ctx, token, b, expiry); err != nil {
			t.Fatal(err)
		}
	}
	find := func(token string) (store.SessionUser, bool, int64) {
		t.Helper()
		rctx := store.WithSessionUser(ctx)
		before := s.Statements()
		b, found, err := st.FindCtx(rctx, token)
		if err != nil || !found || len(b) == 0 {
			t.Fatalf("FindCtx(%s) = %d bytes, %v, %v", token, len(b), found, err)
		}
		su, ok := store.SessionUserRead(rctx, u.ID)
		return su, ok, s.Statements() - before
	}

	commit("signed-in", map[string]any{"user_id": u.ID, "flash": "x"})
	if su, ok, n := find("signed-in"); !ok || su.ID != u.ID || su.Username != "phien.thu" || !su.Active || n != 1 {
		t.Errorf("signed in: %+v %v in %d statements", su, ok, n)
	}
	if _, ok := store.SessionUserRead(ctx, u.ID); ok {
		t.Error("a context without WithSessionUser has a user")
	}
	commit("anonymous", map[string]any{"flash": "x"})
	if _, ok, _ := find("anonymous"); ok {
		t.Error("a session of nobody brought a user")
	}
	commit("old", map[string]any{"user_id": u.ID})
	if err := s.ExecForTest("UPDATE sessions SET user_id = NULL WHERE token = 'old'"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := find("old"); ok {
		t.Error("a row written before user_id brought a user")
	}
	// Signing out of one user into another rewrites the row's user.
	other, err := s.CreateUser(ctx, store.User{Username: "phien.khac", FullName: "Phiên Khác", PasswordHash: "y", Role: "viewer", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	commit("signed-in", map[string]any{"user_id": other.ID})
	if _, ok, _ := find("signed-in"); ok {
		t.Error("the session still brings its former user")
	}
	if err := st.DeleteCtx(ctx, "signed-in"); err != nil {
		t.Fatal(err)
	}
	if _, found, err := st.FindCtx(store.WithSessionUser(ctx), "signed-in"); found || err != nil {
		t.Errorf("a deleted session: found %v, %v", found, err)
	}
	// Without a user in the session the plain read is used, and still finds it.
	if b, found, err := st.FindCtx(ctx, "anonymous"); !found || err != nil || len(b) == 0 {
		t.Errorf("plain read: found %v, %v", found, err)
	}
	// The user read alone says NotFound for a user that does not exist.
	if _, err := s.SessionUser(ctx, other.ID+1000); err == nil {
		t.Error("SessionUser of nobody: no error")
	}
	if su, err := s.SessionUser(ctx, u.ID); err != nil || su.ID != u.ID || su.FullName != "Phiên Thử" {
		t.Errorf("SessionUser = %+v, %v", su, err)
	}
}
