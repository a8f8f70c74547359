package store

import (
	"context"
	"strings"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// statementCounter counts the SQL statements a Store sends, for tests
// that cap the statements of one request. Transaction control (BEGIN,
// COMMIT, SAVEPOINT …) is not counted: it is not a query the design
// chose.
type statementCounter struct{ n atomic.Int64 }

func (c *statementCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	if !transactionControl(d.SQL) {
		c.n.Add(1)
	}
	return ctx
}

func (c *statementCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func transactionControl(sql string) bool {
	// Only the first word is looked at, and lowered only when it is short
	// enough to be one of them: a statement's whole text is not copied.
	head := strings.TrimSpace(sql)
	if i := strings.IndexAny(head, " ;"); i >= 0 {
		head = head[:i]
	}
	if len(head) > len("savepoint") {
		return false
	}
	switch strings.ToLower(head) {
	case "begin", "commit", "rollback", "savepoint", "release", "start":
		return true
	}
	return false
}

// Statements is how many statements this Store has sent since it was
// opened. A test reads it before and after one request; the counter is
// shared by every connection of the pool.
func (s *Store) Statements() int64 {
	if s.stmts == nil { // a Store made over a transaction (the seed)
		return 0
	}
	return s.stmts.n.Load()
}
