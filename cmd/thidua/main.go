// Command thidua runs the emulation and commendation system: the web
// server, migrations, demo data and account administration.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/config"
	"thidua/internal/pdfsig"
	"thidua/internal/store"
)

const usage = `thidua — hệ thống quản lý thi đua, khen thưởng

Usage:
  thidua serve [--migrate]          run the web server (ADDR, DATABASE_URL)
  thidua migrate up|down|status     apply, revert one, or list schema migrations
  thidua seed --demo                load the demo data set (idempotent)
  thidua seed --scale national [--seed N]
                                    generate a whole sector for load tests (empty database only)
  thidua user add --username U --name "Họ tên" --role admin|board|officer|viewer [--unit CODE] [--password P]
                                    create an account; without --password it is read from stdin
  thidua token create --user U [--name N] [--ttl 720h]
                                    issue an API bearer token (printed once)

Environment: see README.md (DATABASE_URL, ADDR, COOKIE_SECURE, SMTP_HOST, …).
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "thidua:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		return nil
	}
	cfg, err := config.Load()
	if err != nil {
		return fmt.Errorf("cấu hình: %w", err)
	}
	setupLogging(cfg.LogFormat)
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return serve(ctx, cfg, rest, stdout)
	case "migrate":
		return migrate(ctx, cfg, rest, stdout)
	case "seed":
		return seedCmd(ctx, cfg, rest, stdout)
	case "user":
		return userCmd(ctx, cfg, rest, stdin, stdout)
	case "token":
		return tokenCmd(ctx, cfg, rest, stdout)
	}
	return fmt.Errorf("lệnh không hợp lệ %q\n\n%s", cmd, usage)
}

func setupLogging(format string) {
	var h slog.Handler = slog.NewTextHandler(os.Stderr, nil)
	if format == "json" {
		h = slog.NewJSONHandler(os.Stderr, nil)
	}
	slog.SetDefault(slog.New(h))
}

// clock is the app's clock: the wall clock, or a fixed one in tests.
var clock = time.Now

// openApp connects and refuses to go on over an unmigrated database. It
// returns the pool too: main closes it, and the wiring that is not a
// user's action (sessions, the demo seed) takes it from here, not from
// the app.
func openApp(ctx context.Context, cfg config.Config) (*app.App, *store.Store, error) {
	if cfg.DBPoolSize < 0 {
		return nil, nil, fmt.Errorf("DB_POOL_SIZE phải là số nguyên dương (đang là %d)", cfg.DBPoolSize)
	}
	s, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, nil, err
	}
	if cfg.DBPoolSize > 0 {
		s.SetPoolSize(cfg.DBPoolSize)
	}
	n, err := store.Pending(ctx, s.SQL())
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	if n > 0 {
		s.Close()
		return nil, nil, fmt.Errorf("cơ sở dữ liệu còn %d bản cập nhật cấu trúc (migration) chưa áp dụng: chạy `thidua migrate up` hoặc `thidua serve --migrate`", n)
	}
	a := app.New(s, auth.Hasher{Cost: cfg.BcryptCost}, clock)
	if cfg.SignatureRoots != "" {
		if a.SignatureRoots, err = pdfsig.LoadRoots(cfg.SignatureRoots); err != nil {
			s.Close()
			return nil, nil, fmt.Errorf("SIGNATURE_ROOTS: %w", err)
		}
	}
	return a, s, nil
}

func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return fmt.Errorf("%s\n%s", err, usage)
		}
		return fmt.Errorf("%s: %w", fs.Name(), err)
	}
	return nil
}
