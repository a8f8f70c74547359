package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"thidua/internal/dbtest"
	"thidua/internal/store"
)

// App servers deployed together each create the missing database at
// once: all of them succeed, whichever creates it. (PostgreSQL answers the
// losers duplicate_database, or a unique violation in pg_database when
// they passed its existence check together.)
func TestEnsureDatabaseConcurrently(t *testing.T) {
	t.Parallel()
	dbURL := dbtest.Missing(t)
	const servers = 6
	errs := make([]error, servers)
	var wg sync.WaitGroup
	gate := make(chan struct{})
	for i := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			errs[i] = store.EnsureDatabase(ctx, dbURL)
		}()
	}
	close(gate)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("server %d: %v", i+1, err)
		}
	}
}
