// Package store is the one place that knows the schema: every query of the
// app lives here, one file per entity, over GORM and PostgreSQL.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"thidua/internal/errs"
	"thidua/migrations"
)

// Q is a query handle: the pool outside a transaction, the transaction
// inside one. Every query method hangs on Q; a transaction hands its
// callback a Q only, so nothing called from it can open a second
// connection and read outside its snapshot. Methods take a context so
// request cancellation reaches PostgreSQL.
type Q struct {
	db *gorm.DB
}

// Store is the connection pool: a Q plus what only the pool can do
// (transactions, closing, health).
type Store struct {
	Q
	stmts *statementCounter
}

// DefaultPoolSize is how many connections a Store opens at most unless
// told otherwise (DB_POOL_SIZE): a few per database core. More only queue
// on its CPUs; fewer leave it idle while commits wait for the disk. On
// make load's two cores 8 did best of 4, 8 and 20 (docs/performance.md).
const DefaultPoolSize = 8

// SetPoolSize sets how many connections the pool opens at most.
func (s *Store) SetPoolSize(n int) { setPoolSize(s.SQL(), n) }

func setPoolSize(db *sql.DB, n int) {
	db.SetMaxOpenConns(n)
	// As many idle as open: with fewer, a burst returns connections the
	// pool closes, and the next burst pays a new backend and re-prepares
	// every statement (make load's p99).
	db.SetMaxIdleConns(n)
}

// Open connects to PostgreSQL. It does not migrate.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgx.ParseConfig(withConnectTimeout(url))
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL không hợp lệ: %w", err)
	}
	// A pooled connection whose server has closed it (a failover, a
	// restart, pg_terminate_backend) is replaced before a query is sent
	// (shouldPing): no request fails for it.
	counter := &statementCounter{}
	cfg.Tracer = counter
	pool := stdlib.OpenDB(*cfg, stdlib.OptionShouldPing(shouldPing))
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: pool}), &gorm.Config{
		Logger:                 logger.Default.LogMode(logger.Silent),
		SkipDefaultTransaction: true, // we open transactions ourselves, one per user action
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		return nil, connectProblem(cfg, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	setPoolSize(sqlDB, DefaultPoolSize)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		sqlDB.Close()
		return nil, connectProblem(cfg, err)
	}
	return &Store{Q: Q{db: db}, stmts: counter}, nil
}

// connectProblem says in Vietnamese why the database could not be opened
// and what to do, the driver's own (English) words kept after it as the
// technical detail.
func connectProblem(cfg *pgx.ConnConfig, err error) error {
	var pg *pgconn.PgError
	where := fmt.Sprintf("%s:%d", cfg.Host, cfg.Port)
	msg := fmt.Sprintf("Không kết nối được PostgreSQL tại %s: máy chủ không trả lời hoặc từ chối kết nối. Hãy kiểm tra PostgreSQL đang chạy và DATABASE_URL trỏ đúng máy, đúng cổng.", where)
	if errors.As(err, &pg) {
		switch {
		case pg.Code == "3D000": // invalid_catalog_name
			msg = fmt.Sprintf("Cơ sở dữ liệu “%s” chưa có trên máy chủ PostgreSQL %s. Chạy `thidua migrate up` để tạo cơ sở dữ liệu và cấu trúc của nó (hoặc `thidua serve --migrate`), rồi chạy lại.", cfg.Database, where)
		case pg.Code == "28P01" || pg.Code == "28000": // invalid_password, invalid_authorization_specification
			msg = fmt.Sprintf("PostgreSQL %s từ chối đăng nhập của người dùng “%s”: kiểm tra tên người dùng và mật khẩu trong DATABASE_URL.", where, cfg.User)
		case pg.Code == "57P03": // cannot_connect_now
			msg = fmt.Sprintf("PostgreSQL %s đang khởi động hoặc dừng, chưa nhận kết nối. Hãy thử lại sau ít giây.", where)
		default:
			msg = fmt.Sprintf("PostgreSQL %s từ chối kết nối (mã lỗi %s).", where, pg.Code)
		}
	}
	return fmt.Errorf("%s\nChi tiết kỹ thuật: %w", msg, err)
}

// ConnectTimeout bounds each new connection when the URL sets no
// connect_timeout: a database host that does not answer (a failover, a
// network cut) fails the request after this long instead of holding it.
const ConnectTimeout = 5 * time.Second

func withConnectTimeout(url string) string {
	if strings.Contains(url, "connect_timeout") {
		return url
	}
	param := fmt.Sprintf("connect_timeout=%d", int(ConnectTimeout.Seconds()))
	switch {
	case !strings.HasPrefix(url, "postgres://") && !strings.HasPrefix(url, "postgresql://"):
		return url + " " + param // key=value form
	case strings.Contains(url, "?"):
		return url + "&" + param
	}
	return url + "?" + param
}

// Unavailable reports whether err means that the database could not be
// reached or dropped the connection (stopped, restarting, refusing
// connections, unreachable), rather than that a query failed: the same
// request may succeed in a moment. The pool replaces broken connections
// by itself, so nothing needs restarting when the database is back.
func Unavailable(err error) bool {
	var connect *pgconn.ConnectError
	var pg *pgconn.PgError
	var op *net.OpError
	switch {
	case err == nil:
		return false
	case errors.As(err, &connect): // whatever the server said: refused, starting up, not accepting connections
		return true
	case errors.As(err, &pg):
		// 08: connection exception; 57P01-03: terminated by the
		// administrator, crash shutdown, cannot connect now.
		return strings.HasPrefix(pg.Code, "08") || pg.Code == "57P01" || pg.Code == "57P02" || pg.Code == "57P03"
	case errors.As(err, &op), errors.Is(err, driver.ErrBadConn), errors.Is(err, sql.ErrConnDone),
		errors.Is(err, pgconn.ErrConnClosed), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return true
	}
	return pgconn.SafeToRetry(err)
}

// Close releases the connection pool.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// SQL returns the underlying *sql.db.
func (s *Store) SQL() *sql.DB {
	sqlDB, _ := s.db.DB()
	return sqlDB
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	return s.SQL().PingContext(ctx)
}

// Migrator returns a goose provider over the embedded migrations. The
// session locker (a PostgreSQL advisory lock) makes app servers started at
// once migrate exactly once.
func Migrator(db *sql.DB) (*goose.Provider, error) {
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectPostgres, db, migrations.FS, goose.WithSessionLocker(locker))
}

// Pending reports how many migrations have not been applied yet.
func Pending(ctx context.Context, db *sql.DB) (int, error) {
	p, err := Migrator(db)
	if err != nil {
		return 0, err
	}
	status, err := p.Status(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range status {
		if s.State == goose.StatePending {
			n++
		}
	}
	return n, nil
}

// Tx runs fn in one transaction: every user action writes all or nothing.
func (s *Store) Tx(ctx context.Context, fn func(tx *Q) error) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(&Q{db: tx})
	})
}

// loadedVersion is a version as compared by an optimistic update
// ("WHERE version = ?"). A client can send any number; one no row can
// have (0, negative, or beyond the int4 column, like a forged
// 9999999999999) becomes 0, which matches nothing, so the update reports
// the usual conflict instead of failing to encode the parameter.
func loadedVersion(v int) int {
	if v < 1 || v > math.MaxInt32 {
		return 0
	}
	return v
}

// notFound turns gorm's not-found into the app's coded error.
func notFound(err error, what string) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return errs.New(errs.NotFound, "Không tìm thấy %s.", what)
	}
	return err
}

// isUniqueViolation reports whether err is PostgreSQL's unique_violation.
func isUniqueViolation(err error, constraint string) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && pg.Code == "23505" && (constraint == "" || pg.ConstraintName == constraint)
}

// EnsureDatabase creates the database named in url if the server says it
// does not exist, so a first `migrate up` needs nothing done by hand.
func EnsureDatabase(ctx context.Context, url string) error {
	cfg, err := pgconn.ParseConfig(withConnectTimeout(url))
	if err != nil {
		return fmt.Errorf("DATABASE_URL không hợp lệ: %w", err)
	}
	conn, err := pgconn.ConnectConfig(ctx, cfg)
	if err == nil {
		return conn.Close(ctx)
	}
	var pg *pgconn.PgError
	if !errors.As(err, &pg) || pg.Code != "3D000" { // invalid_catalog_name
		return fmt.Errorf("không kết nối được PostgreSQL: %w", err)
	}
	name := cfg.Database
	cfg.Database = "postgres"
	admin, err := pgconn.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("không kết nối được PostgreSQL để tạo cơ sở dữ liệu %s: %w", name, err)
	}
	defer admin.Close(ctx)
	ident := `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
	_, err = admin.Exec(ctx, "CREATE DATABASE "+ident).ReadAll()
	// Another server created it just now: duplicate_database, or, when both
	// got past the existence check at once, the catalog's unique index.
	if errors.As(err, &pg) && (pg.Code == "42P04" || pg.Code == "23505" && pg.ConstraintName == "pg_database_datname_index") {
		return nil
	}
	if err != nil {
		return fmt.Errorf("tạo cơ sở dữ liệu %s: %w", name, err)
	}
	return nil
}

// OnTx returns a Store whose queries run in the transaction tx and whose
// own transactions nest in it as savepoints: for a loader (the demo seed)
// that drives the app inside one transaction of its own, so the whole
// load is written or nothing. It counts no statements.
func OnTx(tx *Q) *Store {
	return &Store{Q: *tx}
}
