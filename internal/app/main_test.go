package app_test

import (
	"context"
	"os"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/dbtest"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/seed"
	"thidua/internal/store"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

// fixture is an App on its own database with the demo data loaded.
type fixture struct {
	*app.App
	Store                                *store.Store // the test's own handle on the database, below the app
	ctx                                  context.Context
	admin, board, officer, other, viewer auth.Principal
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	h := auth.Hasher{Cost: bcrypt.MinCost}
	ctx := context.Background()
	s := dbtest.NewSeeded(t, "demo", func(ctx context.Context, s *store.Store) error { return seed.Demo(ctx, s, h, seed.FixtureClock) })
	f := &fixture{App: app.New(s, h, app.FixedClock(seed.FixtureClock)), Store: s, ctx: ctx}
	for _, u := range []struct {
		name string
		p    *auth.Principal
	}{{"admin", &f.admin}, {"hoidong", &f.board}, {"canbo.thanhhoa", &f.officer}, {"canbo.nghean", &f.other}, {"xem", &f.viewer}} {
		user, err := s.UserByName(ctx, u.name)
		if err != nil {
			t.Fatal(err)
		}
		*u.p = user.Principal()
	}
	return f
}

func (f *fixture) unit(t *testing.T, code string) org.Unit {
	t.Helper()
	u, err := f.Store.UnitByCode(f.ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func wantCode(t *testing.T, err error, code errs.Code) {
	t.Helper()
	if err == nil || errs.CodeOf(err) != code {
		t.Fatalf("want %s error, got %v", code, err)
	}
}

func wantField(t *testing.T, err error, field string) {
	t.Helper()
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Invalid || e.Fields[field] == "" {
		t.Fatalf("want a message for field %s, got %v", field, err)
	}
}

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

func dayp(s string) *time.Time {
	d := day(s)
	return &d
}
