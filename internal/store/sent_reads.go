package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"thidua/internal/cluster"
)

// A request that reads a unit's filing (its page, the API's read, a
// draft save) sends that read in the same round trip as its session's or
// token's read, which comes first: one write and one wait on each side
// instead of two. This is not a cache: the filing is read once a request,
// as it was, only earlier, and the first UnitFiling on the pool takes it;
// any other read of it reads again. Nothing of it is used before the
// caller has authorised the principal it read with it on the unit year
// (UnitFiling's contract).

// filingRead is a unit's filing read with the request's first statement.
type filingRead struct {
	year  int
	unit  int64
	sent  bool // with the request's first statement, whatever came of it
	done  bool // read; taken by the first UnitFiling that asks for it
	uy    UnitYear
	sheet FilingSheet
	found bool
}

type filingReadKey struct{}

// WithFilingRead returns a context in which the session's or the token's
// read also reads unit's filing for year (UnitFiling), in one round trip.
func WithFilingRead(ctx context.Context, year int, unit int64) context.Context {
	return context.WithValue(ctx, filingReadKey{}, &filingRead{year: year, unit: unit})
}

// queue adds the read to b; read then reads its result, in b's order.
func (f *filingRead) queue(b *pgx.Batch) {
	b.Queue(unitFilingSQL, f.unit, f.year, string(cluster.DeadlineSelfAssessment))
}

// read keeps what the read brought. A read that failed is dropped: the
// caller's UnitFiling reads again and meets the error itself.
func (f *filingRead) read(br pgx.BatchResults) {
	rows, err := br.Query()
	if err != nil {
		return
	}
	defer rows.Close()
	f.uy, f.sheet, f.found, err = readUnitFiling(rows, nil, f.year, f.unit)
	rows.Close()
	f.done = err == nil && rows.Err() == nil
}

// takeFilingRead gives the filing read with the request's first
// statement, once, if it is unit's for year.
func takeFilingRead(ctx context.Context, year int, unit int64) (*filingRead, bool) {
	f, _ := ctx.Value(filingReadKey{}).(*filingRead)
	if f == nil || !f.done || f.year != year || f.unit != unit {
		return nil, false
	}
	f.done = false
	return f, true
}

// queryRowWith runs query on c, with the filing read ctx asks for if it
// has not been sent yet, in one batch, and scans query's first row with
// scan (sql.ErrNoRows when it has none). The filing's read is not waited
// for when query fails or finds nothing.
func queryRowWith(ctx context.Context, c *pgx.Conn, scan func(row positionalRows) error, query string, args ...any) error {
	f, _ := ctx.Value(filingReadKey{}).(*filingRead)
	if f == nil || f.sent {
		rows, err := c.Query(ctx, query, args...)
		return firstRow(rows, err, scan)
	}
	f.sent = true
	b := &pgx.Batch{}
	b.Queue(query, args...)
	f.queue(b)
	br := c.SendBatch(ctx, b)
	defer br.Close()
	rows, err := br.Query()
	if err := firstRow(rows, err, scan); err != nil {
		return err
	}
	f.read(br)
	return nil
}
