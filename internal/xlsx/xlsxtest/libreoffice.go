// Package xlsxtest helps tests of workbooks: saving one with LibreOffice
// as a user who edits it there does.
package xlsxtest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// RequireLibreOffice skips the test when soffice is not installed, except
// on CI (CI=true), where .ci/run installs it and its absence must fail
// rather than turn the round trips silently green.
func RequireLibreOffice(t testing.TB) {
	t.Helper()
	if _, ok := lookSoffice(t); !ok {
		t.Skip("LibreOffice (soffice) is not installed; the kept copies are read by internal/xlsx")
	}
}

func lookSoffice(t testing.TB) (string, bool) {
	t.Helper()
	path, err := exec.LookPath("soffice")
	if err != nil && os.Getenv("CI") == "true" {
		t.Fatalf("CI=true but LibreOffice (soffice) is missing: %v", err)
	}
	return path, err == nil
}

// SaveWithLibreOffice opens a workbook in LibreOffice headless and saves
// it again as .xlsx. ok is false when LibreOffice is not installed (on
// CI, the test fails instead).
func SaveWithLibreOffice(t testing.TB, book []byte) (saved []byte, ok bool) {
	t.Helper()
	soffice, ok := lookSoffice(t)
	if !ok {
		return nil, false
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "book.xlsx")
	if err := os.MkdirAll(filepath.Dir(in), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, book, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// A profile of its own: a user's running LibreOffice would take the job.
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", filepath.Join(dir, "out"), in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	saved, err := os.ReadFile(filepath.Join(dir, "out", "book.xlsx"))
	if err != nil {
		t.Fatalf("soffice wrote nothing: %v", err)
	}
	return saved, true
}
