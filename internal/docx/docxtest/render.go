// Package docxtest renders documents in tests as an office sees them:
// a .docx through LibreOffice to PDF, a PDF to its text page by page
// (pdftotext) and to the positions of its words (pdftotext -bbox).
package docxtest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// need finds a program, skipping the test without it except under CI=true
// (where .ci/run installs it), where the test fails.
func need(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s is missing: %v", name, err)
		}
		t.Skipf("%s is not installed", name)
	}
	return path
}

// ToPDF converts a .docx with LibreOffice headless, as Writer opens it.
func ToPDF(t testing.TB, docx []byte) []byte {
	t.Helper()
	soffice := need(t, "soffice")
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "doc.docx")
	if err := os.MkdirAll(filepath.Dir(in), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, docx, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// A profile of its own: a user's running LibreOffice would take the job.
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "pdf:writer_pdf_Export", "--outdir", filepath.Join(dir, "out"), in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "out", "doc.pdf"))
	if err != nil {
		t.Fatalf("soffice wrote nothing: %v", err)
	}
	return pdf
}

func writeTemp(t testing.TB, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Pages is the text of each page of a PDF, in reading order.
func Pages(t testing.TB, pdf []byte) []string {
	t.Helper()
	out, err := exec.Command(need(t, "pdftotext"), "-layout", writeTemp(t, pdf), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

// Word is a word of a PDF and its box in millimetres from the page's
// top-left corner.
type Word struct {
	Page                   int
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// Words are the words of a PDF with their boxes (pdftotext -bbox).
func Words(t testing.TB, pdf []byte) []Word {
	t.Helper()
	out, err := exec.Command(need(t, "pdftotext"), "-bbox", writeTemp(t, pdf), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var doc struct {
		Pages []struct {
			Words []struct {
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
				Text string  `xml:",chardata"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(strings.NewReader(string(out)))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("pdftotext -bbox output: %v", err)
	}
	const mm = 25.4 / 72 // pdftotext's boxes are in points
	var words []Word
	for i, p := range doc.Pages {
		for _, w := range p.Words {
			words = append(words, Word{Page: i + 1, Text: w.Text, XMin: w.XMin * mm, YMin: w.YMin * mm, XMax: w.XMax * mm, YMax: w.YMax * mm})
		}
	}
	return words
}

// PNG renders a PDF's pages at 60 dpi into dir (pdftoppm -r 60), for a
// person to look at; it returns the files written.
func PNG(t testing.TB, pdf []byte, dir, name string) []string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	prefix := filepath.Join(dir, name)
	if out, err := exec.Command(need(t, "pdftoppm"), "-r", "60", "-png", writeTemp(t, pdf), prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	files, _ := filepath.Glob(prefix + "*.png")
	return files
}

// Squash is text with runs of white space as one space, for matching
// text that LibreOffice may have wrapped.
func Squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// Text is the text of a .docx as it is stored (word/document.xml), one
// line per paragraph and per line break, table cells being paragraphs
// too: what the file says even where LibreOffice is not installed.
func Text(t testing.TB, docx []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("not a .docx: %v", err)
	}
	f, err := z.Open("word/document.xml")
	if err != nil {
		t.Fatalf(".docx without word/document.xml: %v", err)
	}
	defer f.Close()
	var b strings.Builder
	dec, inText := xml.NewDecoder(f), false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			t.Fatalf("word/document.xml: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			inText = el.Name.Local == "t"
			switch el.Name.Local {
			case "br", "cr":
				b.WriteString("\n")
			case "tab":
				b.WriteString("\t")
			}
		case xml.EndElement:
			inText = false
			if el.Name.Local == "p" {
				b.WriteString("\n")
			}
		case xml.CharData:
			if inText {
				b.Write(el)
			}
		}
	}
}
