// Package dbtest gives each test its own PostgreSQL database, cloned from
// a template that was migrated once per test binary, so tests run in
// parallel against the real server and leave nothing behind.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver for the admin connection

	"thidua/internal/store"
)

// AdminURL is the server the tests use; TEST_DATABASE_URL overrides it.
// Its database is used only to create and drop the per-test databases.
func AdminURL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

var (
	once     sync.Once
	template string
	setupErr error
)

// Main runs a package's tests and then drops its template database. Call it
// from TestMain: os.Exit(dbtest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	seededMu.Lock()
	for _, st := range seeded {
		if st.name != "" {
			if err := exec(context.Background(), "DROP DATABASE IF EXISTS "+quote(st.name)+" WITH (FORCE)"); err != nil {
				fmt.Fprintln(os.Stderr, "dbtest: dropping seeded template:", err)
			}
		}
	}
	seededMu.Unlock()
	if template != "" {
		if err := exec(context.Background(), "DROP DATABASE IF EXISTS "+quote(template)+" WITH (FORCE)"); err != nil {
			fmt.Fprintln(os.Stderr, "dbtest: dropping template:", err)
		}
	}
	return code
}

// New returns a store on a fresh, migrated database that is dropped when
// the test ends.
func New(t testing.TB) *store.Store {
	t.Helper()
	url := NewURL(t)
	s, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatalf("dbtest: open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// NewURL creates a fresh, migrated database and returns its URL; it is
// dropped when the test ends.
func NewURL(t testing.TB) string {
	t.Helper()
	once.Do(func() { setupErr = makeTemplate() })
	if setupErr != nil {
		t.Fatalf("dbtest: template: %v (is PostgreSQL running? see README)", setupErr)
	}
	name := dbName("test")
	if err := exec(context.Background(), "CREATE DATABASE "+quote(name)+" TEMPLATE "+quote(template)); err != nil {
		t.Fatalf("dbtest: create database: %v", err)
	}
	t.Cleanup(func() {
		if err := exec(context.Background(), "DROP DATABASE IF EXISTS "+quote(name)+" WITH (FORCE)"); err != nil {
			t.Errorf("dbtest: drop %s: %v", name, err)
		}
	})
	return withDatabase(AdminURL(), name)
}

// seededTemplate is a migrated database filled once per test binary, for
// NewSeeded to clone.
type seededTemplate struct {
	once sync.Once
	name string
	err  error
}

var (
	seededMu sync.Mutex
	seeded   = map[string]*seededTemplate{}
)

// NewSeeded returns a store on a fresh database holding what fill wrote:
// fill runs once per test binary and key, into a template that each test
// then clones (a copy takes a fraction of a second; the demo data set
// takes seconds to write). The clone is dropped when the test ends.
func NewSeeded(t testing.TB, key string, fill func(context.Context, *store.Store) error) *store.Store {
	t.Helper()
	once.Do(func() { setupErr = makeTemplate() })
	if setupErr != nil {
		t.Fatalf("dbtest: template: %v (is PostgreSQL running? see README)", setupErr)
	}
	seededMu.Lock()
	st := seeded[key]
	if st == nil {
		st = &seededTemplate{}
		seeded[key] = st
	}
	seededMu.Unlock()
	st.once.Do(func() {
		ctx := context.Background()
		name := dbName("tpl")
		if st.err = exec(ctx, "CREATE DATABASE "+quote(name)+" TEMPLATE "+quote(template)); st.err != nil {
			return
		}
		st.name = name
		s, err := store.Open(ctx, withDatabase(AdminURL(), name))
		if err != nil {
			st.err = err
			return
		}
		defer s.Close() // a template must have no open connections while it is cloned
		st.err = fill(ctx, s)
	})
	if st.err != nil {
		t.Fatalf("dbtest: filling the %s template: %v", key, st.err)
	}
	name := dbName("test")
	if err := exec(context.Background(), "CREATE DATABASE "+quote(name)+" TEMPLATE "+quote(st.name)); err != nil {
		t.Fatalf("dbtest: create database: %v", err)
	}
	t.Cleanup(func() {
		if err := exec(context.Background(), "DROP DATABASE IF EXISTS "+quote(name)+" WITH (FORCE)"); err != nil {
			t.Errorf("dbtest: drop %s: %v", name, err)
		}
	})
	s, err := store.Open(context.Background(), withDatabase(AdminURL(), name))
	if err != nil {
		t.Fatalf("dbtest: open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Empty creates a database with no schema at all, for migration tests.
func Empty(t testing.TB) string {
	t.Helper()
	name := dbName("test")
	if err := exec(context.Background(), "CREATE DATABASE "+quote(name)); err != nil {
		t.Fatalf("dbtest: create database: %v", err)
	}
	t.Cleanup(func() { _ = exec(context.Background(), "DROP DATABASE IF EXISTS "+quote(name)+" WITH (FORCE)") })
	return withDatabase(AdminURL(), name)
}

// Missing returns the URL of a database that does not exist yet, for
// tests of what creates it; it is dropped when the test ends.
func Missing(t testing.TB) string {
	t.Helper()
	name := dbName("test")
	t.Cleanup(func() {
		if err := exec(context.Background(), "DROP DATABASE IF EXISTS "+quote(name)+" WITH (FORCE)"); err != nil {
			t.Errorf("dbtest: drop %s: %v", name, err)
		}
	})
	return withDatabase(AdminURL(), name)
}

func makeTemplate() error {
	dropStale()
	name := dbName("tpl")
	if err := exec(context.Background(), "CREATE DATABASE "+quote(name)); err != nil {
		return err
	}
	template = name
	db, err := sql.Open("pgx", withDatabase(AdminURL(), name))
	if err != nil {
		return err
	}
	defer db.Close() // a template must have no open connections while it is cloned
	p, err := store.Migrator(db)
	if err != nil {
		return err
	}
	_, err = p.Up(context.Background())
	return err
}

// dbName names a test database with its creation time, so that databases
// left by a test binary that was killed can be recognised and dropped.
func dbName(kind string) string {
	return fmt.Sprintf("thidua_%s_%d_%s", kind, time.Now().Unix(), randomHex(4))
}

// dropStale drops test databases more than two hours old: no test runs
// that long, so their binary died before it could clean up.
func dropStale() {
	db, err := sql.Open("pgx", AdminURL())
	if err != nil {
		return
	}
	defer db.Close()
	rows, err := db.Query(`SELECT datname FROM pg_database WHERE datname ~ '^thidua_(tpl|test)_[0-9]+_'`)
	if err != nil {
		return
	}
	var stale []string
	for rows.Next() {
		var name string
		if rows.Scan(&name) != nil {
			continue
		}
		var ts int64
		if _, err := fmt.Sscanf(strings.Split(name, "_")[2], "%d", &ts); err == nil && time.Since(time.Unix(ts, 0)) > 2*time.Hour {
			stale = append(stale, name)
		}
	}
	rows.Close()
	for _, name := range stale {
		_, _ = db.Exec("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)")
	}
}

func exec(ctx context.Context, stmt string) error {
	db, err := sql.Open("pgx", AdminURL())
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, stmt)
	return err
}

func withDatabase(raw, name string) string {
	u, err := url.Parse(raw)
	if err != nil {
		panic(err)
	}
	u.Path = "/" + name
	return u.String()
}

func quote(ident string) string { return `"` + strings.ReplaceAll(ident, `"`, `""`) + `"` }

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// Reopen opens another connection pool on s's database, as a second app
// server has: for tests of several servers over one database.
func Reopen(t testing.TB, s *store.Store) *store.Store {
	t.Helper()
	var name string
	if err := s.SQL().QueryRowContext(context.Background(), "SELECT current_database()").Scan(&name); err != nil {
		t.Fatal(err)
	}
	s2, err := store.Open(context.Background(), withDatabase(AdminURL(), name))
	if err != nil {
		t.Fatalf("dbtest: reopen: %v", err)
	}
	t.Cleanup(func() { s2.Close() })
	return s2
}
