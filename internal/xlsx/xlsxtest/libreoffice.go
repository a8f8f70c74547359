// Package xlsxtest helps tests of workbooks: saving one with LibreOffice
// as a user who edits it there does.
package xlsxtest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

// PDFPages converts workbooks (by name) to PDF with LibreOffice, as a
// user who prints them or saves them as PDF does, in one run, and returns
// each one's pages' text (pdftotext -layout). ok is false when
// LibreOffice or pdftotext is not installed (on CI, the test fails
// instead). With XLSX_PDF_DIR set, the PDFs are also kept there, to look
// at.
func PDFPages(t testing.TB, books map[string][]byte) (pages map[string][]string, ok bool) {
	t.Helper()
	soffice, ok := lookSoffice(t)
	if !ok {
		return nil, false
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but pdftotext (poppler-utils) is missing: %v", err)
		}
		return nil, false
	}
	dir := t.TempDir()
	args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", filepath.Join(dir, "out")}
	if err := os.MkdirAll(filepath.Join(dir, "in"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, book := range books {
		in := filepath.Join(dir, "in", name+".xlsx")
		if err := os.WriteFile(in, book, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, in)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pages = map[string][]string{}
	for name := range books {
		pdf := filepath.Join(dir, "out", name+".pdf")
		if keep := os.Getenv("XLSX_PDF_DIR"); keep != "" {
			if b, err := os.ReadFile(pdf); err == nil {
				_ = os.WriteFile(filepath.Join(keep, name+".pdf"), b, 0o644)
			}
		}
		out, err := exec.CommandContext(ctx, pdftotext, "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", name, err)
		}
		ps := strings.Split(string(out), "\f")
		if n := len(ps); n > 0 && strings.TrimSpace(ps[n-1]) == "" {
			ps = ps[:n-1] // the text ends with a form feed
		}
		pages[name] = ps
	}
	return pages, true
}

// Expect is what a document's printed pages must show.
type Expect struct {
	// First are texts on the first page (the heading: parent, issuer,
	// place and date), each matched word by word in order, so a name
	// broken over two lines of its block still matches and a clipped one
	// does not.
	First []string
	// Together are pairs of texts on one page: the signature block with the
	// table's last line, never alone on a page.
	Together [][2]string
	// Columns are a table's first and last column headers: every page with
	// the first has the last, so no column is pushed onto a page of its own.
	Columns [2]string
	// MaxPages bounds the page count (0: any).
	MaxPages int
}

// CheckPages checks a document's printed pages (PDFPages): what Expect
// says, and no "###" anywhere (a number too wide for its column).
func CheckPages(t testing.TB, name string, pages []string, e Expect) {
	t.Helper()
	if len(pages) == 0 {
		t.Fatalf("%s: no pages", name)
	}
	if e.MaxPages > 0 && len(pages) > e.MaxPages {
		t.Errorf("%s: %d pages, want at most %d", name, len(pages), e.MaxPages)
	}
	words := strings.Fields(pages[0])
	for _, want := range e.First {
		at := 0
		for _, w := range strings.Fields(want) {
			i := slicesIndex(words[at:], w)
			if i < 0 {
				t.Errorf("%s: page 1 has no %q of %q (in order) in:\n%s", name, w, want, pages[0])
				return
			}
			at += i + 1
		}
	}
	for i, p := range pages {
		if strings.Contains(p, "###") {
			t.Errorf("%s: page %d shows ###:\n%s", name, i+1, p)
		}
		if e.Columns[0] != "" && strings.Contains(p, e.Columns[0]) && !strings.Contains(p, e.Columns[1]) {
			t.Errorf("%s: page %d has the column %q but not %q:\n%s", name, i+1, e.Columns[0], e.Columns[1], p)
		}
	}
	for _, pair := range e.Together {
		found := false
		for _, p := range pages {
			found = found || strings.Contains(p, pair[0]) && strings.Contains(p, pair[1])
		}
		if !found {
			t.Errorf("%s: no page has both %q and %q:\n%s", name, pair[0], pair[1], strings.Join(pages, "\n——— page ———\n"))
		}
	}
}

func slicesIndex(words []string, w string) int {
	for i, x := range words {
		if x == w {
			return i
		}
	}
	return -1
}
