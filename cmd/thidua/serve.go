package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"thidua/internal/config"
	"thidua/internal/mail"
	"thidua/internal/web"
)

func serve(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	fs := newFlags("serve")
	migrateFirst := fs.Bool("migrate", false, "apply pending migrations before serving")
	if err := parse(fs, args); err != nil {
		return err
	}
	// Mail settings are checked before anything else starts.
	var mailer *mail.SMTP
	if cfg.SMTPHost != "" {
		m, err := mail.New(mail.Settings{Host: cfg.SMTPHost, Port: cfg.SMTPPort, Username: cfg.SMTPUsername,
			Password: cfg.SMTPPassword, From: cfg.SMTPFrom, TLS: cfg.SMTPTLS})
		if err != nil {
			return fmt.Errorf("cấu hình gửi thư chưa đúng: %w", err)
		}
		mailer = m
	}
	// The live heap is tens of megabytes and requests allocate briskly: at
	// the default GOGC=100 the collector took 15–20 % of the server's CPU
	// under make load (docs/performance.md). GOGC in the environment wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if *migrateFirst {
		// Before the app's pool opens: prepared statements must not outlive a schema change.
		if err := migrateUp(ctx, cfg, stdout); err != nil {
			return err
		}
	}
	a, s, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	if mailer != nil {
		a.Mailer = mailer
	}
	a.PublicURL = cfg.PublicURL
	srv, err := web.New(a, web.Options{OrgName: cfg.OrgName, SessionLifetime: cfg.SessionLifetime,
		SessionIdle: cfg.SessionIdle, CookieSecure: cfg.CookieSecure, TrustProxy: cfg.TrustProxy, Logger: slog.Default()})
	if err != nil {
		return err
	}
	go a.SweepSessions(ctx, 5*time.Minute)
	// Every server runs these; the job and the outbox are claimed in the
	// database, so each reminder and each e-mail goes out once.
	go a.RunNotifications(ctx, max(cfg.NotifyInterval, time.Second))

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("không mở được cổng %s: %w", cfg.Addr, err)
	}
	srv.Listener = ln
	slog.Info("serving", "url", "http://"+ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Start(cfg.Addr) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	case <-ctx.Done():
	}
	slog.Info("shutting down: finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}
