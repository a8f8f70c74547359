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

// HasLibreOffice reports whether soffice is installed.
func HasLibreOffice() bool {
	_, err := exec.LookPath("soffice")
	return err == nil
}

// SaveWithLibreOffice opens a workbook in LibreOffice headless and saves
// it again as .xlsx. ok is false when LibreOffice is not installed.
func SaveWithLibreOffice(t testing.TB, book []byte) (saved []byte, ok bool) {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
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
	if saved, err = os.ReadFile(filepath.Join(dir, "out", "book.xlsx")); err != nil {
		t.Fatalf("soffice wrote nothing: %v", err)
	}
	return saved, true
}
