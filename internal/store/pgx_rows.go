package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// positionalRows is what a read scanned by position needs of its rows:
// database/sql's or pgx's own.
type positionalRows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// queryFunc runs a statement; done closes its rows (more than once is
// harmless).
type queryFunc func(query string, args ...any) (rows positionalRows, done func(), err error)

// skipFor is a destination that scans a column of rows into nothing:
// pgx takes nil, database/sql a Scanner.
func skipFor(rows positionalRows) any {
	if _, ok := rows.(pgx.Rows); ok {
		return nil
	}
	return skipColumn{}
}

// skipColumn scans a column into nothing.
type skipColumn struct{}

func (skipColumn) Scan(any) error { return nil }

// readWithPgx runs read with its statements on one connection of the
// pool, their rows scanned by pgx itself: through database/sql every
// value is boxed into a driver.Value and converted again by reflection
// (convertAssign), which for the ranking's some 8,000 values a request
// was a fifth of the page's time. Inside a transaction (whose connection
// database/sql does not lend) the rows are database/sql's.
func (s *Q) readWithPgx(ctx context.Context, read func(query queryFunc) error) error {
	db, ok := s.db.Statement.ConnPool.(*sql.DB)
	if !ok {
		pool := s.db.Statement.ConnPool
		return read(func(query string, args ...any) (positionalRows, func(), error) {
			rows, err := pool.QueryContext(ctx, query, args...)
			if err != nil {
				return nil, nil, err
			}
			return rows, func() { rows.Close() }, nil
		})
	}
	return withPgx(ctx, db, func(c *pgx.Conn) error {
		return read(func(query string, args ...any) (positionalRows, func(), error) {
			rows, err := c.Query(ctx, query, args...)
			if err != nil {
				return nil, nil, err
			}
			return rows, rows.Close, nil
		})
	})
}

// withPgx lends fn pgx's own connection under one of db's.
func withPgx(ctx context.Context, db *sql.DB, fn func(*pgx.Conn) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(driverConn any) error {
		c, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("store: a %T is not pgx's connection", driverConn)
		}
		return fn(c.Conn())
	})
}

// queryRowWithPgx runs query on a connection of db and scans its first
// row with scan, by pgx itself (see readWithPgx); sql.ErrNoRows when it
// has none. What the request reads first goes with it (queryRowWith).
func queryRowWithPgx(ctx context.Context, db *sql.DB, scan func(row positionalRows) error, query string, args ...any) error {
	return withPgx(ctx, db, func(c *pgx.Conn) error { return queryRowWith(ctx, c, scan, query, args...) })
}

// firstRow scans the first of rows (or fails with err, the query's) with
// scan; sql.ErrNoRows when there is none.
func firstRow(rows pgx.Rows, err error, scan func(row positionalRows) error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := scan(rows); err != nil {
		return err
	}
	rows.Close()
	return rows.Err()
}
