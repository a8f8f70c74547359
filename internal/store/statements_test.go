package store_test

import (
	"context"
	"testing"

	"thidua/internal/dbtest"
	"thidua/internal/store"
)

// The counter sees every query the pool sends, in and out of
// transactions, and leaves transaction control out.
func TestStatementsCountsQueriesNotTransactionControl(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := context.Background()
	before := s.Statements()
	if _, err := s.Years(ctx); err != nil {
		t.Fatal(err)
	}
	err := s.Tx(ctx, func(tx *store.Q) error {
		_, err := tx.Years(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Statements() - before; got != 2 {
		t.Fatalf("statements = %d, want 2 (one query outside, one inside a transaction)", got)
	}
}
