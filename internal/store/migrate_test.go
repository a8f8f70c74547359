package store_test

import (
	"context"
	"database/sql"
	"sync"
	"testing"

	"thidua/internal/dbtest"
	"thidua/internal/store"
)

func tables(t *testing.T, db *sql.DB) map[string]bool {
	t.Helper()
	rows, err := db.Query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[n] = true
	}
	return out
}

// Every migration applies, reverts and re-applies cleanly.
func TestMigrationsUpDownUp(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, err := store.Open(ctx, dbtest.Empty(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := store.Migrator(s.SQL())
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := store.Pending(ctx, s.SQL()); n == 0 {
		t.Fatal("an empty database reports no pending migration")
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatalf("up: %v", err)
	}
	if n, _ := store.Pending(ctx, s.SQL()); n != 0 {
		t.Fatalf("%d migrations pending after up", n)
	}
	for _, want := range []string{"units", "unit_lineage", "users", "api_tokens", "sessions", "login_failures", "audit_log"} {
		if !tables(t, s.SQL())[want] {
			t.Errorf("table %s missing after up", want)
		}
	}
	if _, err := p.DownTo(ctx, 0); err != nil {
		t.Fatalf("down: %v", err)
	}
	for name := range tables(t, s.SQL()) {
		if name != "goose_db_version" {
			t.Errorf("table %s left after down", name)
		}
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatalf("up again: %v", err)
	}
}

// Several app servers started at once migrate exactly once: goose's
// advisory lock serialises them and the others find nothing to do.
func TestMigrationsConcurrentUp(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.Empty(t)
	const servers = 4
	applied := make([]int, servers)
	var wg sync.WaitGroup
	for i := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := store.Open(ctx, url)
			if err != nil {
				t.Error(err)
				return
			}
			defer s.Close()
			p, err := store.Migrator(s.SQL())
			if err != nil {
				t.Error(err)
				return
			}
			res, err := p.Up(ctx)
			if err != nil {
				t.Error(err)
				return
			}
			applied[i] = len(res)
		}()
	}
	wg.Wait()
	total := 0
	for _, n := range applied {
		total += n
	}
	s, _ := store.Open(ctx, url)
	defer s.Close()
	p, _ := store.Migrator(s.SQL())
	want := len(p.ListSources())
	if total != want {
		t.Fatalf("migrations applied %d times in all, want %d (each once): %v", total, want, applied)
	}
}
