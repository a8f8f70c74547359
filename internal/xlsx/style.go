package xlsx

import (
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"thidua/internal/document"
	"thidua/internal/scoring"
)

// Cell styles shared by the documents: the national-heading documents'
// styles and the report tables' styles with their number formats.

// styles are the workbook's cell styles.
type styles struct {
	parent, issuer, nation, motto, placeDate     int
	number                                       int // "Số: …/…"
	docTitle, pledgeTitle, note, preamble, label int
	th, tdNo, tdText, tdCenter, tdDate           int
	listTh, listNo, listText, listDate           int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	font := func(size float64, bold, italic bool, underline string) *excelize.Font {
		return &excelize.Font{Family: Font, Size: size, Bold: bold, Italic: italic, Underline: underline}
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}
	border := thinBorder()
	dateFmt := "dd/mm/yyyy"
	defs := []styleDef{
		{&s.parent, excelize.Style{Font: font(document.SizeIssuer, false, false, ""), Alignment: center}},
		{&s.issuer, excelize.Style{Font: font(document.SizeIssuer, true, false, ""), Alignment: center}},
		{&s.nation, excelize.Style{Font: font(document.SizeNation, true, false, ""), Alignment: center}},
		{&s.motto, excelize.Style{Font: font(document.SizeMotto, true, false, "single"), Alignment: center}},
		{&s.placeDate, excelize.Style{Font: font(document.SizePlaceDate, false, true, ""), Alignment: center}},
		{&s.number, excelize.Style{Font: font(document.SizeNumber, false, false, ""), Alignment: center}},
		{&s.docTitle, excelize.Style{Font: font(document.SizeKind, true, false, ""), Alignment: center}},
		{&s.pledgeTitle, excelize.Style{Font: font(13, true, false, ""), Alignment: center}},
		{&s.note, excelize.Style{Font: font(12, false, true, ""), Alignment: center}},
		{&s.preamble, excelize.Style{Font: font(13, false, false, ""),
			Alignment: &excelize.Alignment{Horizontal: "justify", Vertical: "top", WrapText: true}}},
		{&s.label, excelize.Style{Font: font(13, true, false, ""), Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&s.th, excelize.Style{Font: font(12, true, false, ""), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.tdNo, excelize.Style{Font: font(12, false, false, ""), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&s.tdText, excelize.Style{Font: font(12, false, false, ""), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}}},
		{&s.tdCenter, excelize.Style{Font: font(12, false, false, ""), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}}},
		{&s.tdDate, excelize.Style{Font: font(12, false, false, ""), Border: border, CustomNumFmt: &dateFmt,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&s.listTh, excelize.Style{Font: font(12, true, false, ""), Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.listNo, excelize.Style{Font: font(12, false, false, ""), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&s.listText, excelize.Style{Font: font(12, false, false, ""), Border: border,
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.listDate, excelize.Style{Font: font(12, false, false, ""), Border: border, CustomNumFmt: &dateFmt,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
	}
	return s, addStyles(f, defs)
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
	border := thinBorder()
	align := func(h string) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "top", WrapText: h != "right"}
	}
	fill := func(color string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	grey, yellow := fill("F2F2F2"), fill("FFF2CC")
	numFmt := func(f string) *string { return &f }
	defs := []styleDef{
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
		defs = append(defs, styleDef{&s.indent[i], excelize.Style{Font: font(false, false), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true, Indent: i}}})
	}
	return s, addStyles(f, defs)
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
	per := max(1, int(width/fontScale(size)*k)-1) // less a character for the cell's padding
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

// thinBorder is a thin black line on every side of a cell.
func thinBorder() []excelize.Border {
	return []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
}

// styleDef is a style to add to a workbook and where its id goes.
type styleDef struct {
	id *int
	s  excelize.Style
}

// addStyles adds the styles in order (their ids follow it).
func addStyles(f *excelize.File, defs []styleDef) error {
	for _, d := range defs {
		var err error
		if *d.id, err = f.NewStyle(&d.s); err != nil {
			return err
		}
	}
	return nil
}
