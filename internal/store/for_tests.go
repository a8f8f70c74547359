package store

import (
	"context"
	"fmt"
	"sync/atomic"

	"gorm.io/gorm"
)

// What tests of other packages need below the app, now that the GORM
// handle is private: to arrange a state no action reaches (a stale total,
// a token last used minutes ago), to inspect what was written, and to
// break a transaction halfway. Only test files may call these (the names
// end in ForTest; internal/web/layering_test.go refuses them elsewhere).

// ScanForTest runs a query written by a test and scans its result into
// dest, as GORM's Raw(…).Scan does (a number, a struct, a slice of either).
func (s *Q) ScanForTest(dest any, query string, args ...any) error {
	return s.db.Raw(query, args...).Scan(dest).Error
}

// ExecForTest runs a statement written by a test.
func (s *Q) ExecForTest(query string, args ...any) error {
	return s.db.Exec(query, args...).Error
}

// Inserted is one INSERT reported to HookInsertsForTest, inside the
// transaction that sent it.
type Inserted struct {
	Table string
	Rows  int64
	// BackendPID asks PostgreSQL which backend runs the connection that
	// sent the INSERT, for a test that terminates it.
	BackendPID func() (int, error)
}

var hooks atomic.Int64

// HookInsertsForTest calls fn after every successful INSERT the store
// sends from now on, before its transaction goes on.
func (s *Store) HookInsertsForTest(fn func(Inserted)) error {
	name := fmt.Sprintf("test:inserted_%d", hooks.Add(1))
	return s.db.Callback().Create().After("gorm:create").Register(name, func(tx *gorm.DB) {
		if tx.Error != nil {
			return
		}
		fn(Inserted{Table: tx.Statement.Table, Rows: tx.Statement.RowsAffected, BackendPID: func() (int, error) {
			var pid int
			err := tx.Statement.ConnPool.QueryRowContext(context.Background(), "SELECT pg_backend_pid()").Scan(&pid)
			return pid, err
		}})
	})
}
