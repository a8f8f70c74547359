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
// trips counts the times those statements were sent: a batch of them
// (sent_reads.go) is one.
type statementCounter struct{ n, trips atomic.Int64 }

func (c *statementCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	if !transactionControl(d.SQL) {
		c.n.Add(1)
		c.trips.Add(1)
	}
	return ctx
}

func (c *statementCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// A batch's statements are counted one by one: sent together, they are
// still statements (sent_reads.go).
func (c *statementCounter) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	c.trips.Add(1)
	return ctx
}

func (c *statementCounter) TraceBatchQuery(_ context.Context, _ *pgx.Conn, d pgx.TraceBatchQueryData) {
	if !transactionControl(d.SQL) {
		c.n.Add(1)
	}
}

func (c *statementCounter) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

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

// RoundTrips is how many times this Store has sent statements and waited
// for them since it was opened: Statements, less those sent together.
func (s *Store) RoundTrips() int64 {
	if s.stmts == nil {
		return 0
	}
	return s.stmts.trips.Load()
}
