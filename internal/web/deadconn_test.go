package web_test

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"testing"

	"thidua/internal/dbtest"
)

// TestTerminatedBackendsDoNotFailRequests: what a failover, a restart or
// an idle-connection killer does to the pool while PostgreSQL stays up.
// Every backend of the app's database is terminated (FATAL 57P01 waits in
// each pooled connection); the next requests, reads and writes, and the
// health check must all succeed on fresh connections.
func TestTerminatedBackendsDoNotFailRequests(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	b.login("admin")
	// Fill the pool: hold four connections at once, then give them back,
	// so four idle connections wait in it (requests sent together may be
	// served one after another on a busy machine and use only one).
	ctx := context.Background()
	var held []*sql.Conn
	for range 4 {
		c, err := s.store.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.PingContext(ctx); err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	for _, c := range held {
		c.Close()
	}
	if r := b.get("/units"); r.status != http.StatusOK {
		t.Fatalf("before: %d", r.status)
	}

	var name string
	if err := s.store.SQL().QueryRow(`SELECT current_database()`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	admin, err := sql.Open("pgx", dbtest.AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	// pg_terminate_backend with a timeout returns once each backend has
	// gone (it waits, up to 5 s, for the process to exit), as after a
	// restart or a failover: the next requests come after it, not during.
	var killed int
	if err := admin.QueryRow(`SELECT count(*) FROM (SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity
		WHERE datname = $1 AND pid <> pg_backend_pid()) k`, name).Scan(&killed); err != nil {
		t.Fatal(err)
	}
	if killed < 2 {
		t.Fatalf("only %d backends to terminate: the pool was not filled", killed)
	}

	for i, path := range []string{"/years/2026/ranking", "/healthz", "/units", "/years/2026", "/people", "/healthz", "/units", "/proposals", "/years", "/users", "/"} {
		if r := b.get(path); r.status != http.StatusOK {
			t.Errorf("request %d after terminating %d backends, GET %s: %d %.200s", i+1, killed, path, r.status, r.body)
		}
	}
	r := b.post("/users", url.Values{"username": {"moi.sau.su.co"}, "full_name": {"Người dùng mới"}, "role": {"viewer"},
		"password": {"mat-khau-du-dai-1"}})
	if r.status != http.StatusSeeOther {
		t.Errorf("a write after the termination: %d %.300s", r.status, r.body)
	}
}
