package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

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
