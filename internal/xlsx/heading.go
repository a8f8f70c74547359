package xlsx

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"thidua/internal/scoring"
)

// Nation and Motto are the right block of the national heading
// (Nghị định 30/2020, Phụ lục I).
const (
	Nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	Motto  = "Độc lập - Tự do - Hạnh phúc"
)

// heading is the national heading of a document sheet: top left the parent
// body in capitals over the issuing body in bold capitals; top right the
// nation in bold capitals over the motto, bold and underlined, then the
// place and date in italics under the motto.
type heading struct {
	Parent, Issuer string
	PlaceDate      string
	// The left block spans columns 1..LeftTo, the right block
	// RightFrom..RightTo (1-based, LeftTo < RightFrom); the widths are the
	// blocks' total column widths, for row heights.
	LeftTo, RightFrom, RightTo int
	LeftWidth, RightWidth      float64
	// Gap is the height of the empty row between the motto and the place
	// and date; 0 leaves the row at the default height.
	Gap float64
}

// writeHeading writes the heading's rows (parent and nation; issuer and
// motto; a gap; place and date) and merges each block's cells. The caller
// goes on from the next row.
func writeHeading(r *rowWriter, st styles, h heading) error {
	pair := func(height float64, left, right any) error {
		row := make([]any, h.RightFrom)
		row[0], row[h.RightFrom-1] = left, right
		if err := r.write(height, row...); err != nil {
			return err
		}
		if h.LeftTo > 1 {
			if err := r.merge(1, h.LeftTo); err != nil {
				return err
			}
		}
		if h.RightTo > h.RightFrom {
			return r.merge(h.RightFrom, h.RightTo)
		}
		return nil
	}
	ht := math.Max(height(capsLines(h.Parent, h.LeftWidth, 12), 12), height(capsLines(Nation, h.RightWidth, 12), 12))
	if err := pair(ht, cell(st.parent, h.Parent), cell(st.nation, Nation)); err != nil {
		return err
	}
	issuer := breakCaps(h.Issuer, h.LeftWidth, 12)
	ht = math.Max(height(capsLines(issuer, h.LeftWidth, 12), 12), height(1, 13))
	if err := pair(ht, cell(st.issuer, issuer), cell(st.motto, Motto)); err != nil {
		return err
	}
	if h.Gap > 0 {
		if err := r.write(h.Gap); err != nil {
			return err
		}
	} else {
		r.skip()
	}
	row := make([]any, h.RightFrom)
	row[h.RightFrom-1] = cell(st.placeDate, h.PlaceDate)
	if err := r.write(height(lines(h.PlaceDate, h.RightWidth, 13), 13), row...); err != nil {
		return err
	}
	if h.RightTo > h.RightFrom {
		return r.merge(h.RightFrom, h.RightTo)
	}
	return nil
}

// Landscape pages (A4, for wide tables) keep the portrait margins of
// Nghị định 30/2020 and fit to one page across. Each sheet is its own
// document, numbered from 1 (the number shows from page 2), even when the
// whole workbook is printed or converted at once.
func landscapeSetup(f *excelize.File, sheet string) error {
	if err := printSetup(f, sheet); err != nil {
		return err
	}
	landscape, first := "landscape", uint(1)
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FirstPageNumber: &first})
}

// printTitles repeats a sheet's table header (row n) at the top of every
// printed page.
func printTitles(f *excelize.File, sheet string, row int) error {
	ref := fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(sheet, "'", "''"), row, row)
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: ref, Scope: sheet})
}

// headingBlocks places the heading's two blocks over a table's columns:
// the right block takes columns from the last back until it covers about
// the right 45 % of the table and at least 50 units ("CỘNG HÒA XÃ HỘI CHỦ
// NGHĨA VIỆT NAM" in bold needs about 47); the left block takes columns
// from the first until it is wide enough for the parent body ("VIỆN KIỂM
// SÁT NHÂN DÂN TỐI CAO", about 40 units at 12 pt) and, room allowing, the
// issuing body on one line. Columns between the two stay empty.
func headingBlocks(widths []float64, parent, issuer, placeDate string) heading {
	n := len(widths)
	var total float64
	for _, w := range widths {
		total += w
	}
	h := heading{Parent: parent, Issuer: issuer, PlaceDate: placeDate, RightFrom: n, RightTo: n, Gap: 6}
	for h.RightWidth = widths[n-1]; h.RightFrom > 2 && h.RightWidth < math.Max(50, 0.45*total); {
		h.RightFrom--
		h.RightWidth += widths[h.RightFrom-1]
	}
	need := 40.0
	for _, name := range []string{parent, issuer} {
		need = math.Max(need, math.Min(float64(runes(name))*fontScale(12)/0.82+1, total-h.RightWidth))
	}
	for h.LeftTo = 1; h.LeftTo < h.RightFrom-1 && h.LeftWidth+widths[h.LeftTo-1] < need; h.LeftTo++ {
		h.LeftWidth += widths[h.LeftTo-1]
	}
	h.LeftWidth += widths[h.LeftTo-1]
	return h
}

// breakCaps breaks a name in capitals that is too long for one line of
// its block: before its bracket ("CỤM THI ĐUA SỐ 6" over "(BẮC TRUNG
// BỘ)"), after "NHÂN DÂN" ("VIỆN KIỂM SÁT NHÂN DÂN" over "TỈNH THANH
// HÓA"), or else at the space nearest its middle, so neither line is a
// lone word.
func breakCaps(name string, width, size float64) string {
	if strings.Contains(name, "\n") || capsLines(name, width, size) < 2 {
		return name
	}
	if strings.Contains(name, " (") {
		return strings.Replace(name, " (", "\n(", 1)
	}
	// "VIỆN KIỂM SÁT NHÂN DÂN" over "TỈNH THANH HÓA" or "KHU VỰC 1 - THANH HÓA".
	if before, after, ok := strings.Cut(name, "NHÂN DÂN "); ok && strings.TrimSpace(after) != "" {
		return before + "NHÂN DÂN\n" + after
	}
	r := []rune(name)
	best := -1
	for i, c := range r {
		if c == ' ' && (best < 0 || abs(i-len(r)/2) < abs(best-len(r)/2)) {
			best = i
		}
	}
	if best < 0 {
		return name
	}
	return string(r[:best]) + "\n" + string(r[best+1:])
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

// Number formats. Stored numbers stay numbers; Excel and LibreOffice show
// the decimal and thousands separators of the reader's locale, so a
// Vietnamese desktop shows 92,50 and 98,4% and 1.234.
const (
	fmtInt     = "0"        // ranks, STT, counts of indicators
	fmtScore   = "0.00"     // points, always two decimals: 92,50
	fmtRate    = "0.0%"     // achievement rates, from fractions rounded once to 0,1 %
	fmtFigure  = "#,##0"    // a unit's whole figures: 1.234
	fmtFigure2 = "#,##0.00" // figures with a fraction
	fmtValue   = "0.00%"    // an indicator's rate, from a fraction: 95,00%
)

// tableStyles are the cell styles of a report table at one font size.
type tableStyles struct {
	title, subtitle, note                     int
	th                                        int
	no, text, center, count, score, rate      int
	totalText, totalCount, totalScore, totalR int
	figure, figure2, value                    int
	groupText, groupCenter, groupScore        int
	indent                                    [5]int // criterion names by tree depth
	changed                                   int    // a reviewed score that differs from the unit's
}

func newTableStyles(f *excelize.File, size float64) (tableStyles, error) {
	var s tableStyles
	font := func(bold, italic bool) *excelize.Font {
		return &excelize.Font{Family: Font, Size: size, Bold: bold, Italic: italic}
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	align := func(h string) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "top", WrapText: h != "right"}
	}
	fill := func(color string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	grey, yellow := fill("F2F2F2"), fill("FFF2CC")
	numFmt := func(f string) *string { return &f }
	type def struct {
		id *int
		s  excelize.Style
	}
	defs := []def{
		{&s.title, excelize.Style{Font: &excelize.Font{Family: Font, Size: 14, Bold: true},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.subtitle, excelize.Style{Font: &excelize.Font{Family: Font, Size: 13, Bold: true},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.note, excelize.Style{Font: font(false, true), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.th, excelize.Style{Font: font(true, false), Border: border, Fill: fill("D9E1F2"),
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.no, excelize.Style{Font: font(false, false), Border: border, Alignment: align("center"), CustomNumFmt: numFmt(fmtInt)}},
		{&s.text, excelize.Style{Font: font(false, false), Border: border, Alignment: align("left")}},
		{&s.center, excelize.Style{Font: font(false, false), Border: border, Alignment: align("center")}},
		{&s.count, excelize.Style{Font: font(false, false), Border: border, Alignment: align("center"), CustomNumFmt: numFmt(fmtInt)}},
		{&s.score, excelize.Style{Font: font(false, false), Border: border, Alignment: align("right"), CustomNumFmt: numFmt(fmtScore)}},
		{&s.rate, excelize.Style{Font: font(false, false), Border: border, Alignment: align("right"), CustomNumFmt: numFmt(fmtRate)}},
		{&s.totalText, excelize.Style{Font: font(true, false), Border: border, Fill: grey, Alignment: align("left")}},
		{&s.totalCount, excelize.Style{Font: font(true, false), Border: border, Fill: grey, Alignment: align("center"), CustomNumFmt: numFmt(fmtInt)}},
		{&s.totalScore, excelize.Style{Font: font(true, false), Border: border, Fill: grey, Alignment: align("right"), CustomNumFmt: numFmt(fmtScore)}},
		{&s.totalR, excelize.Style{Font: font(true, false), Border: border, Fill: grey, Alignment: align("right"), CustomNumFmt: numFmt(fmtRate)}},
		{&s.figure, excelize.Style{Font: font(false, false), Border: border, Alignment: align("right"), CustomNumFmt: numFmt(fmtFigure)}},
		{&s.figure2, excelize.Style{Font: font(false, false), Border: border, Alignment: align("right"), CustomNumFmt: numFmt(fmtFigure2)}},
		{&s.value, excelize.Style{Font: font(false, false), Border: border, Alignment: align("right"), CustomNumFmt: numFmt(fmtValue)}},
		{&s.groupText, excelize.Style{Font: font(true, false), Border: border, Fill: grey, Alignment: align("left")}},
		{&s.groupCenter, excelize.Style{Font: font(true, false), Border: border, Fill: grey, Alignment: align("center")}},
		{&s.groupScore, excelize.Style{Font: font(true, false), Border: border, Fill: grey, Alignment: align("right"), CustomNumFmt: numFmt(fmtScore)}},
		{&s.changed, excelize.Style{Font: font(true, false), Border: border, Fill: yellow, Alignment: align("right"), CustomNumFmt: numFmt(fmtScore)}},
	}
	for i := range s.indent {
		defs = append(defs, def{&s.indent[i], excelize.Style{Font: font(false, false), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true, Indent: i}}})
	}
	for _, d := range defs {
		var err error
		if *d.id, err = f.NewStyle(&d.s); err != nil {
			return s, err
		}
	}
	return s, nil
}

// num is a number cell, or an empty bordered cell when there is no number.
func num(style int, v *float64) excelize.Cell {
	if v == nil {
		return excelize.Cell{StyleID: style}
	}
	return excelize.Cell{StyleID: style, Value: *v}
}

// rateOf is n/d as a fraction rounded once, half up, to 0,1 % (the rule of
// scoring.Percent), for a cell formatted "0.0%"; nil when d is 0 (nothing
// arose: no rate, rather than 0 %).
func rateOf(n, d int) *float64 {
	if d == 0 {
		return nil
	}
	v := math.Round(scoring.Percent(n, d)*10) / 1000
	return &v
}

// wrapped estimates the lines text takes in a wrapped cell of width
// (column units) at a font size, breaking between words as Excel and
// LibreOffice do — so "Điểm thẩm định" in a narrow header takes three
// lines, not the two its length alone suggests. The characters per unit
// are those of lines (pledge.go), a little less for bold.
func wrapped(text string, width, size float64, bold bool) int {
	k := 1.05
	if bold {
		k = 0.97
	}
	per := max(1, int(width/fontScale(size)*k))
	n := 0
	for _, para := range strings.Split(text, "\n") {
		used := 0 // characters on the current line
		n++
		for _, word := range strings.Fields(para) {
			w := runes(word)
			switch {
			case used == 0 && w <= per:
				used = w
			case used > 0 && used+1+w <= per:
				used += 1 + w
			default: // to a new line, itself broken if longer than a line
				if used > 0 {
					n++
				}
				n += (w - 1) / per
				used = (w-1)%per + 1
			}
		}
	}
	return n
}
