package xlsx

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"thidua/internal/document"
)

// What every writer shares: the font, page setup, row heights for wrapped
// text, rows streamed in order, sheet names.

// Font is the font of every cell (Nghị định 30/2020: Times New Roman, Unicode).
const Font = document.Font

// Page geometry, from the layout of Nghị định 30/2020 (document/layout.go).
// The printable width of A4 portrait with its margins (left 30 mm, right
// 15 mm) is 165 mm ≈ 624 px at 96 dpi; a column of width w (in the default
// font's digit widths, Times New Roman 11 ≈ 7 px) takes about 7w+5 px, so
// six columns fit in about 85 units.
const (
	mmPerInch = 25.4
	paperA4   = 9
)

// pageSetup makes a sheet print on A4 with the margins of Nghị định
// 30/2020 and the page number centred in the top margin from page 2 on
// (a different, empty first-page header).
func pageSetup(f *excelize.File, sheet, orientation string) error {
	size, first := paperA4, uint(1)
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation, FirstPageNumber: &first}); err != nil {
		return err
	}
	in := func(mm float64) *float64 { v := mm / mmPerInch; return &v }
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Top: in(document.MarginTopMM), Bottom: in(document.MarginBottomMM), Left: in(document.MarginLeftMM), Right: in(document.MarginRightMM),
		Header: in(document.HeaderMM), Footer: in(document.HeaderMM),
	}); err != nil {
		return err
	}
	return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		DifferentFirst: true,
		OddHeader:      fmt.Sprintf(`&C&"%s,Regular"&%d&P`, Font, int(document.SizePageNumber)),
	})
}

// printSetup makes a data sheet (templates, lists to work with) print on
// A4 portrait, one page wide, however wide it is. It must run before the
// sheet's StreamWriter is created: the stream writes sheetPr when it
// starts. Documents are laid out page by page instead (paginate).
func printSetup(f *excelize.File, sheet string) error {
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := pageSetup(f, sheet, "portrait"); err != nil {
		return err
	}
	one, auto := 1, 0
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{FitToWidth: &one, FitToHeight: &auto})
}

// runes counts characters, not bytes: "Thanh Hóa" is 9 wide, not 10.
func runes(s string) int { return utf8.RuneCountInString(s) }

// fontScale widens a column for text larger than the default 11 pt.
func fontScale(size float64) float64 { return size / 11 }

// fitWidth is a column width for the longest of texts at a font size,
// kept within [lo, hi]; longer text wraps.
func fitWidth(size, lo, hi float64, texts ...string) float64 {
	longest := 0
	for _, t := range texts {
		for _, line := range strings.Split(t, "\n") {
			longest = max(longest, runes(line))
		}
	}
	w := float64(longest)*fontScale(size) + 2
	return math.Min(hi, math.Max(lo, w))
}

// lines estimates how many lines text takes in a wrapped cell of width
// (column units) at a font size. Measured in LibreOffice with Liberation
// Serif (Times New Roman's metrics): about 1.12 characters of Vietnamese
// text per unit at 11 pt (86 in 77 units at 12 pt), 0.84 for capitals,
// fewer in bold ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", 30 bold capitals at
// 12 pt, does not fit 40 units). The factors below stay under that, so a
// row is never too short for its text — hidden lines would not print.
func lines(text string, width, size float64) int { return linesK(text, width, size, 1.05) }

func capsLines(text string, width, size float64) int { return linesK(text, width, size, 0.74) }

func linesK(text string, width, size, k float64) int {
	perLine := math.Max(1, width/fontScale(size)*k)
	n := 0
	for _, para := range strings.Split(text, "\n") {
		n += max(1, int(math.Ceil(float64(runes(para))/perLine)))
	}
	return n
}

// height is a row height (points) for n lines at a font size.
func height(n int, size float64) float64 {
	return math.Min(409, float64(n)*size*1.3+4)
}

// rowWriter writes rows one after another, so rows are always ascending
// and each is written once. It records each row's height and whether it
// keeps with the next, for paginate.
type rowWriter struct {
	sw      *excelize.StreamWriter
	row     int
	heights []float64 // by row - 1, in points
	keep    []bool    // keep[row-1]: the row prints on the same page as the next
}

// defaultRowHeight is what an empty row or one left to its default height
// is counted as: a little over the default (Times New Roman 11).
const defaultRowHeight = 16.0

func (r *rowWriter) write(h float64, cells ...any) error {
	r.row++
	r.record(h)
	ref, err := excelize.CoordinatesToCellName(1, r.row)
	if err != nil {
		return err
	}
	var opts []excelize.RowOpts
	if h > 0 {
		opts = append(opts, excelize.RowOpts{Height: h})
	}
	return r.sw.SetRow(ref, cells, opts...)
}

func (r *rowWriter) skip() { r.row++; r.record(0) }

func (r *rowWriter) record(h float64) {
	if h <= 0 {
		h = defaultRowHeight
	}
	r.heights, r.keep = append(r.heights, h), append(r.keep, false)
}

// keepWithNext keeps the row just written on the page of the next one.
func (r *rowWriter) keepWithNext() {
	if r.row > 0 {
		r.keep[r.row-1] = true
	}
}

// merge merges columns from..to (1-based) of the current row.
func (r *rowWriter) merge(from, to int) error {
	a, err := excelize.CoordinatesToCellName(from, r.row)
	if err != nil {
		return err
	}
	b, err := excelize.CoordinatesToCellName(to, r.row)
	if err != nil {
		return err
	}
	return r.sw.MergeCell(a, b)
}

func cell(style int, v any) excelize.Cell { return excelize.Cell{StyleID: style, Value: v} }

// blanks are n empty cells with a style: the borders of a merged range are
// drawn from every cell in it.
func blanks(style, n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = excelize.Cell{StyleID: style}
	}
	return out
}

// landscapeSetup is printSetup on A4 landscape, for wide data sheets.
// Each sheet is its own document, numbered from 1 (the number shows from
// page 2), even when the whole workbook is printed or converted at once.
func landscapeSetup(f *excelize.File, sheet string) error {
	if err := printSetup(f, sheet); err != nil {
		return err
	}
	landscape := "landscape"
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape})
}

// printTitles repeats a sheet's table header (row n) at the top of every
// printed page.
func printTitles(f *excelize.File, sheet string, row int) error {
	ref := fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(sheet, "'", "''"), row, row)
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: ref, Scope: sheet})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// sheetName makes a name safe for a sheet tab: no : \ / ? * [ ], no
// apostrophe at either end, at most 31 characters (Excel's limit, in UTF-16
// units), and unique in the workbook regardless of case — a repeated name
// gets " (2)", " (3)" … used records the names taken so far.
func sheetName(name string, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) || r < ' ' {
			return '-'
		}
		return r
	}, strings.TrimSpace(name))
	name = strings.Trim(name, "' ")
	if name == "" {
		name = "Trang"
	}
	fit := func(s string, room int) string {
		u := utf16.Encode([]rune(s))
		if len(u) <= room {
			return s
		}
		u = u[:room]
		if utf16.IsSurrogate(rune(u[room-1])) { // half a pair: drop it
			u = u[:room-1]
		}
		return strings.TrimRight(string(utf16.Decode(u)), " '")
	}
	base := fit(name, 31)
	out := base
	for i := 2; used[strings.ToLower(out)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		out = fit(name, 31-len(suffix)) + suffix
	}
	used[strings.ToLower(out)] = true
	return out
}

// groupDigits writes 2000 as "2 000" (the grouping used in the messages).
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + " " + s[i:]
	}
	return s
}
