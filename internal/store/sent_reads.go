package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"thidua/internal/cluster"
)

// A request whose first read is known from its path (a filing's page, its
// API read, a draft save; a person's page) sends that read in the same
// round trip as its session's or token's read, which comes first: one
// write and one wait on each side instead of two. This is not a cache:
// the read is made once a request, as it was, only earlier, and the first
// read of the same thing on the pool takes it; any other read reads
// again, and a transaction reads its own. Nothing of it is used before
// the caller has authorised the principal it read with it (the contracts
// of UnitFiling and PersonFile).

// sentRead is a read to send with the request's first statement.
type sentRead struct {
	key   any // what it reads: a filingKey or a personKey
	query string
	args  []any
	scan  func(rows pgx.Rows) (any, error)
	sent  bool // with the request's first statement, whatever came of it
	value any  // what scan gave, until taken; nil when it failed
}

type sentReadKey struct{}

type filingKey struct {
	year int
	unit int64
}

type personKey struct{ id int64 }

// filingRead is what UnitFiling reads.
type filingRead struct {
	uy    UnitYear
	sheet FilingSheet
	found bool
}

// WithFilingRead returns a context in which the session's or the token's
// read also reads unit's filing for year (UnitFiling), in one round trip.
func WithFilingRead(ctx context.Context, year int, unit int64) context.Context {
	return context.WithValue(ctx, sentReadKey{}, &sentRead{key: filingKey{year, unit},
		query: unitFilingSQL, args: []any{unit, year, string(cluster.DeadlineSelfAssessment)},
		scan: func(rows pgx.Rows) (any, error) {
			uy, sheet, found, err := readUnitFiling(rows, nil, year, unit)
			return filingRead{uy, sheet, found}, err
		}})
}

// WithPersonRead returns a context in which the session's or the token's
// read also reads person id's file (PersonFile), in one round trip. It is
// read without logging: PersonFile logs the read of a discipline record
// when it is taken, before it gives the file.
func WithPersonRead(ctx context.Context, id int64) context.Context {
	return context.WithValue(ctx, sentReadKey{}, &sentRead{key: personKey{id},
		query: personFileSQL, args: []any{id, int64(0), "", int64(0)},
		scan: func(rows pgx.Rows) (any, error) {
			if !rows.Next() {
				return nil, rows.Err() // no such person: PersonFile reads again and says so
			}
			var f PersonFile
			if err := scanPersonFile(rows, &f); err != nil {
				return nil, err
			}
			return f, nil
		}})
}

// read keeps what the read brought. A read that failed is dropped: the
// caller reads again and meets the error itself.
func (r *sentRead) read(br pgx.BatchResults) {
	rows, err := br.Query()
	if err != nil {
		return
	}
	defer rows.Close()
	v, err := r.scan(rows)
	rows.Close()
	if err == nil && rows.Err() == nil {
		r.value = v
	}
}

// takeSentRead gives, once, what was read with the request's first
// statement, if it read key.
func takeSentRead(ctx context.Context, key any) (any, bool) {
	r, _ := ctx.Value(sentReadKey{}).(*sentRead)
	if r == nil || r.value == nil || r.key != key {
		return nil, false
	}
	v := r.value
	r.value = nil
	return v, true
}

// queryRowWith runs query on c, with the read ctx asks for if it has not
// been sent yet, in one batch, and scans query's first row with scan
// (sql.ErrNoRows when it has none). The other read is not waited for when
// query fails or finds nothing.
func queryRowWith(ctx context.Context, c *pgx.Conn, scan func(row positionalRows) error, query string, args ...any) error {
	r, _ := ctx.Value(sentReadKey{}).(*sentRead)
	if r == nil || r.sent {
		rows, err := c.Query(ctx, query, args...)
		return firstRow(rows, err, scan)
	}
	r.sent = true
	b := &pgx.Batch{}
	b.Queue(query, args...)
	b.Queue(r.query, r.args...)
	br := c.SendBatch(ctx, b)
	defer br.Close()
	rows, err := br.Query()
	if err := firstRow(rows, err, scan); err != nil {
		return err
	}
	r.read(br)
	return nil
}
