// Package app is the service layer: each exported method is one user
// action. It authorises the action, validates it with the domain's pure
// rules, and writes it in one transaction with an audit record.
package app

import (
	"context"
	"crypto/x509"
	"reflect"
	"testing"
	"time"

	"thidua/internal/auth"
	"thidua/internal/store"
)

// App holds what the services need. Build it once in main.
type App struct {
	store  *store.Store
	Hasher auth.Hasher
	// Now is the app's one clock: deadlines, windows, the day a rule is
	// judged on and every "today" come from it. Records are stamped by
	// the database when written.
	Now func() time.Time
	// Mailer delivers notifications by e-mail; nil: in the app only.
	Mailer Mailer
	// PublicURL is the address users open the app at, for links in
	// e-mails ("https://thidua.vks.gov.vn"); empty gives bare paths.
	PublicURL string
	// SignatureRoots are the roots a signed PDF's signer must chain to
	// (SIGNATURE_ROOTS); nil: no signature is trusted.
	SignatureRoots *x509.CertPool
}

// New returns an App with production defaults and the given clock: main
// passes time.Now, tests a fixed time. A test that passes the wall clock
// (or none) fails here rather than on the day the calendar moves past
// the demo's deadlines.
func New(s *store.Store, h auth.Hasher, now func() time.Time) *App {
	if now == nil {
		panic("app.New: no clock")
	}
	if testing.Testing() && isWallClock(now) {
		panic("app.New: a test must give the app a fixed clock, not time.Now")
	}
	return &App{store: s, Hasher: h, Now: now}
}

// FixedClock is a clock stopped at t, for tests and the seed.
func FixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }

func isWallClock(now func() time.Time) bool {
	return reflect.ValueOf(now).Pointer() == reflect.ValueOf(time.Now).Pointer()
}

// Ping checks that the database answers, for the health check.
func (a *App) Ping(ctx context.Context) error { return a.store.Ping(ctx) }

// Unavailable reports whether err means that the database could not be
// reached, rather than that the action failed: the same request may
// succeed in a moment.
func Unavailable(err error) bool { return store.Unavailable(err) }
