package xlsx

import (
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"thidua/internal/document"
	"thidua/internal/org"
)

// The issuers of the tests' documents, derived as app derives them.
var (
	supremeUnit  = org.Unit{ID: 1, Name: "Viện kiểm sát nhân dân tối cao", Type: org.TypeSupreme}
	thanhHoaUnit = org.Unit{ID: 2, Name: "Viện kiểm sát nhân dân tỉnh Thanh Hóa", Type: org.TypeProvincial, ParentID: &supremeUnit.ID}
	regionalUnit = org.Unit{ID: 3, Name: "Viện kiểm sát nhân dân khu vực 1 – Thanh Hóa", Type: org.TypeRegional, ParentID: &thanhHoaUnit.ID}
)

func supreme() document.Issuer  { return document.Derive(supremeUnit, nil) }
func thanhHoa() document.Issuer { return document.Derive(thanhHoaUnit, &supremeUnit) }
func regional() document.Issuer { return document.Derive(regionalUnit, &thanhHoaUnit) }

// documentPages checks that a document sheet is laid out page by page
// (pages.go): a print scale, not "fit to page", which would make Excel
// ignore the page breaks; the margins of Nghị định 30/2020; the page
// number in the header from page 2.
func documentPages(t *testing.T, f *excelize.File, sheet string) {
	t.Helper()
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if pl.AdjustTo == nil || *pl.AdjustTo < 10 || *pl.AdjustTo > 100 {
		t.Errorf("%s: scale %v, want 10–100 %%", sheet, pl.AdjustTo)
	}
	if props, err := f.GetSheetProps(sheet); err != nil || props.FitToPage != nil && *props.FitToPage {
		t.Errorf("%s: fit to page is set (%v): Excel would ignore the page breaks", sheet, err)
	}
	m, err := f.GetPageMargins(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		got  *float64
		mm   float64
	}{{"top", m.Top, document.MarginTopMM}, {"bottom", m.Bottom, document.MarginBottomMM}, {"left", m.Left, document.MarginLeftMM}, {"right", m.Right, document.MarginRightMM}} {
		if c.got == nil || math.Abs(*c.got*25.4-c.mm) > 0.01 {
			t.Errorf("%s: %s margin %v in, want %v mm", sheet, c.name, c.got, c.mm)
		}
	}
	hf, err := f.GetHeaderFooter(sheet)
	if err != nil || !hf.DifferentFirst || !strings.Contains(hf.OddHeader, "&C") || !strings.Contains(hf.OddHeader, "&P") || hf.FirstHeader != "" {
		t.Errorf("%s: header %+v, %v; want the page number centred from page 2", sheet, hf, err)
	}
}

// issuerName is the issuer's name in its heading cell, on one line,
// without its short line.
func issuerName(cell string) string {
	name, _, _ := strings.Cut(cell, "\n___")
	return strings.ReplaceAll(name, "\n", " ")
}
