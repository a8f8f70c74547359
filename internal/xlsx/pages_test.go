package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestPageBreaks(t *testing.T) {
	ten := func(n int) []float64 { // n rows of 10 points
		h := make([]float64, n)
		for i := range h {
			h[i] = 10
		}
		return h
	}
	keepFrom := func(n, from, to int) []bool { // rows from..to (1-based) keep with the next
		k := make([]bool, n)
		for i := from; i <= to; i++ {
			k[i-1] = true
		}
		return k
	}
	cases := []struct {
		name     string
		heights  []float64
		keep     []bool
		room     float64
		titleRow int
		want     []int
	}{
		{"one page", ten(5), keepFrom(5, 1, 0), 100, 0, nil},
		{"full pages", ten(25), keepFrom(25, 1, 0), 100, 0, []int{11, 21}},
		// Rows 9–12 keep together: 9 starts page 2 rather than 11.
		{"group moves on", ten(15), keepFrom(15, 9, 11), 100, 0, []int{9}},
		// The title row 2 repeats on each page: 9 rows of content a page after the first.
		{"title repeats", ten(30), keepFrom(30, 1, 0), 100, 2, []int{11, 20, 29}},
		// A group longer than a page splits where the page ends.
		{"group too long", ten(30), keepFrom(30, 3, 29), 100, 0, []int{11, 21}},
		// The first row never breaks off an empty page.
		{"tall first row", []float64{150, 10}, []bool{false, false}, 100, 0, []int{2}},
	}
	for _, c := range cases {
		if got := pageBreaks(c.heights, c.keep, c.room, c.titleRow); !slices.Equal(got, c.want) {
			t.Errorf("%s: breaks %v, want %v", c.name, got, c.want)
		}
	}
}

// pageStarts are the rows (1-based) where a sheet's manual page breaks
// start a new page, read from the workbook's XML.
func pageStarts(t *testing.T, book []byte, sheet int) []int {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(fmt.Sprintf("xl/worksheets/sheet%d.xml", sheet))
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	x, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, m := range regexp.MustCompile(`<brk id="(\d+)"`).FindAllSubmatch(x, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		out = append(out, n+1) // a break after row id
	}
	return out
}

// The signature block of a list is never alone on its page, wherever the
// table ends: a page never starts between the table's last line and the
// signer's name.
func TestAwardListSignatureKeptWithTable(t *testing.T) {
	for n := 1; n <= 60; n++ {
		var buf bytes.Buffer
		d := sectorAwardList(n)
		d.Signer = Signer{Position: "VIỆN TRƯỞNG", Name: "Hoàng Văn Minh"}
		if err := WriteAwardList(&buf, d); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(SheetAwardList)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		name := len(rows) // the signer's name is the last row
		if !strings.Contains(rows[name-1][len(rows[name-1])-1], "Hoàng Văn Minh") {
			t.Fatalf("the last row is %q", rows[name-1])
		}
		starts := pageStarts(t, buf.Bytes(), 1)
		if n > 20 && len(starts) == 0 {
			t.Fatalf("%d lines on one page?", n)
		}
		for _, b := range starts {
			// Above the signature (6 rows with the room to sign): a blank
			// row, the total, the subtotal, the last line.
			if b > name-9 && b <= name {
				t.Fatalf("%d lines: a page starts at row %d, between the last line and the signature (rows %d–%d)", n, b, name-8, name)
			}
		}
	}
}
