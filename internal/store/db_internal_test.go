package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
)

func TestWithConnectTimeout(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u@h:5432/db":              "postgres://u@h:5432/db?connect_timeout=5",
		"postgresql://u@h/db?sslmode=disable": "postgresql://u@h/db?sslmode=disable&connect_timeout=5",
		"postgres://u@h/db?connect_timeout=1": "postgres://u@h/db?connect_timeout=1",
		"host=h dbname=db sslmode=disable":    "host=h dbname=db sslmode=disable connect_timeout=5",
		"host=h dbname=db connect_timeout=2":  "host=h dbname=db connect_timeout=2",
	} {
		if got := withConnectTimeout(in); got != want {
			t.Errorf("withConnectTimeout(%q) = %q, want %q", in, got, want)
		}
		if _, err := pgconn.ParseConfig(withConnectTimeout(in)); err != nil {
			t.Errorf("%q: %v", withConnectTimeout(in), err)
		}
	}
}

// Lost connections are "unavailable" (503, try again); failed queries and
// the app's own outcomes are not.
func TestUnavailable(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("saving: %w", err) }
	for _, err := range []error{
		&pgconn.PgError{Code: "57P01", Message: "terminating connection due to administrator command"},
		&pgconn.PgError{Code: "57P03", Message: "the database system is starting up"},
		&pgconn.PgError{Code: "08006"},
		wrap(io.ErrUnexpectedEOF),
		wrap(&net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}),
		driver.ErrBadConn,
		wrap(pgconn.ErrConnClosed),
	} {
		if !Unavailable(err) {
			t.Errorf("Unavailable(%v) = false", err)
		}
	}
	for _, err := range []error{
		nil,
		&pgconn.PgError{Code: "23505", Message: "duplicate key"},
		&pgconn.PgError{Code: "57014", Message: "canceling statement due to statement timeout"},
		gorm.ErrRecordNotFound,
		context.Canceled,
		ErrFilingChanged,
	} {
		if Unavailable(err) {
			t.Errorf("Unavailable(%v) = true", err)
		}
	}
}
