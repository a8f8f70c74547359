package xlsx

import (
	"archive/zip"
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

var updateCorpus = flag.Bool("update-corpus", false, "rewrite the generated files of testdata/bad")

// corpusFiles writes the generated files of the corpus.
func corpusFiles(t *testing.T) map[string][]byte {
	good := selfWrite(t, selfDoc())
	zipOf := func(parts map[string][]byte) []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "word/document.xml"} {
			if data, ok := parts[name]; ok {
				w, _ := zw.Create(name)
				_, _ = w.Write(data)
			}
		}
		for name, data := range parts { // the rest, in any order
			switch name {
			case "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "word/document.xml":
				continue
			}
			w, _ := zw.Create(name)
			_, _ = w.Write(data)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	// A sheet that unzips to 40 MB of blanks: a few tens of kilobytes zipped.
	bomb := zipOf(map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "xl/workbook.xml": []byte("<workbook/>"),
		"xl/worksheets/sheet1.xml": bytes.Repeat([]byte(" "), 40<<20)})
	many := map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "xl/workbook.xml": []byte("<workbook/>")}
	for i := range 2001 {
		many["m/"+itoa(i)] = nil
	}
	f := excelize.NewFile()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"STT", "Họ và tên", "Điểm"})
	_ = f.SetSheetRow("Sheet1", "A2", &[]any{1, "Nguyễn Văn An", 95.5})
	var hand, locked bytes.Buffer
	if err := f.Write(&hand); err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenReader(bytes.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Write(&locked, excelize.Options{Password: "matkhau"}); err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{
		"empty.xlsx":       nil,
		"csv-renamed.xlsx": []byte("\xEF\xBB\xBFMã,Tên tiêu chí,Điểm tự chấm\r\n1.1,Tỷ lệ giải quyết tin báo,\"98,5\"\r\n"),
		"web-page.xlsx": []byte("<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head><meta charset=\"utf-8\"></head><body>" +
			"<table><tr><td>Mã</td><td>Điểm tự chấm</td></tr><tr><td>1.1</td><td>5</td></tr></table></body></html>"),
		"word.xlsx":          zipOf(map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "word/document.xml": []byte("<w:document/>")}),
		"truncated.xlsx":     good[:len(good)/2],
		"password.xlsx":      locked.Bytes(),
		"zip-bomb.xlsx":      bomb,
		"many-parts.xlsx":    zipOf(many),
		"typed-by-hand.xlsx": hand.Bytes(),
	}
}

func TestBadFileCorpus(t *testing.T) {
	if *updateCorpus {
		for name, data := range corpusFiles(t) {
			if err := os.WriteFile(filepath.Join("testdata", "bad", name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	entries, err := os.ReadDir(filepath.Join("testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, f := range BadFiles {
		listed[f.Name] = true
	}
	for _, e := range entries {
		if !listed[e.Name()] && e.Name() != "README.md" {
			t.Errorf("testdata/bad/%s has no entry in BadFiles", e.Name())
		}
	}
	for _, bf := range BadFiles {
		t.Run(bf.Name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "bad", bf.Name))
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = ReadSelf(bytes.NewReader(data), int64(len(data)))
			tioRefused(t, err, bf.Self)
			_, _, err = ReadTable(bytes.NewReader(data), int64(len(data)))
			tioRefused(t, err, bf.Table)
			_, _, err = ReadPeople(bytes.NewReader(data), int64(len(data)))
			tioRefused(t, err, bf.People)
		})
	}
}
