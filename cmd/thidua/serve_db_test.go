package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"thidua/internal/config"
	"thidua/internal/dbtest"
	"thidua/internal/store"
)

// `thidua serve` against a database that does not exist, or exists but is
// not migrated, says so in Vietnamese and names the command to run; the
// driver's English is kept only as the technical detail.
func TestServeSaysWhichCommandToRun(t *testing.T) {
	ctx := context.Background()
	missing := dbtest.Missing(t)
	t.Setenv("DATABASE_URL", missing)
	t.Setenv("ADDR", "127.0.0.1:0")
	err := run(ctx, []string{"serve"}, nil, &bytes.Buffer{})
	if err == nil {
		t.Fatal("served a database that does not exist")
	}
	first, _, _ := strings.Cut(err.Error(), "\n")
	for _, want := range []string{"chưa có trên máy chủ PostgreSQL", "`thidua migrate up`"} {
		if !strings.Contains(first, want) {
			t.Errorf("missing database: %q lacks %q", first, want)
		}
	}
	if strings.Contains(first, "does not exist") || strings.Contains(first, "failed to connect") {
		t.Errorf("English before the technical detail: %q", first)
	}

	if err := store.EnsureDatabase(ctx, missing); err != nil {
		t.Fatal(err)
	}
	err = run(ctx, []string{"serve"}, nil, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "`thidua migrate up`") || !strings.Contains(err.Error(), "chưa áp dụng") {
		t.Errorf("empty database: %v", err)
	}
}

// SMTP_HOST without a sender stops `thidua serve` at once, saying which
// setting is missing, before it touches the database.
func TestServeChecksMailSettings(t *testing.T) {
	t.Setenv("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none?sslmode=disable")
	t.Setenv("ADDR", "127.0.0.1:0")
	t.Setenv("SMTP_HOST", "127.0.0.1")
	err := run(context.Background(), []string{"serve"}, nil, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "SMTP_FROM") || !strings.Contains(err.Error(), "cấu hình gửi thư") {
		t.Fatalf("want the missing SMTP_FROM named, got %v", err)
	}
	t.Setenv("SMTP_FROM", "thidua@vks.test")
	t.Setenv("SMTP_TLS", "ssl")
	if err := run(context.Background(), []string{"serve"}, nil, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "SMTP_TLS") {
		t.Fatalf("want SMTP_TLS refused, got %v", err)
	}
}

// DB_POOL_SIZE sets how many connections the server opens at most; unset,
// the store's default; below zero, refused by name before the database is
// touched.
func TestPoolSizeFromTheEnvironment(t *testing.T) {
	ctx := context.Background()
	t.Setenv("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none?sslmode=disable")
	t.Setenv("ADDR", "127.0.0.1:0")
	t.Setenv("DB_POOL_SIZE", "-1")
	if err := run(ctx, []string{"serve"}, nil, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "DB_POOL_SIZE") {
		t.Fatalf("want DB_POOL_SIZE refused, got %v", err)
	}

	url := dbtest.NewURL(t)
	for size, want := range map[int]int{0: store.DefaultPoolSize, 3: 3} {
		_, s, err := openApp(ctx, config.Config{DatabaseURL: url, DBPoolSize: size, BcryptCost: 4})
		if err != nil {
			t.Fatal(err)
		}
		if got := s.SQL().Stats().MaxOpenConnections; got != want {
			t.Errorf("DB_POOL_SIZE=%d: at most %d connections, want %d", size, got, want)
		}
		s.Close()
	}
}
