package xlsx

import "github.com/xuri/excelize/v2"

// What the import templates (criteria table, self-assessment, personnel)
// share: a new workbook with its sheets and styles, and the guide sheet.

// newTemplate starts an import template: Times New Roman, the shared
// styles, and its sheets in order (the first is the one a new file has).
func newTemplate(sheets ...string) (*excelize.File, templateStyles, error) {
	f := excelize.NewFile()
	var st templateStyles
	err := f.SetDefaultFont(Font)
	if err == nil {
		st, err = newTemplateStyles(f)
	}
	if err == nil {
		err = f.SetSheetName("Sheet1", sheets[0])
	}
	for _, name := range sheets[1:] {
		if err == nil {
			_, err = f.NewSheet(name)
		}
	}
	if err != nil {
		f.Close()
		return nil, st, err
	}
	return f, st, nil
}

type templateStyles struct {
	title, subtitle, text, bold, th                 int
	td, code, number, grp, grpCode, grpNum          int
	colText, colPlain, colNumber, guideTh, guideTd  int
	guideTdBold, guideTdCenter, guideNote, guideSep int
}

func newTemplateStyles(f *excelize.File) (templateStyles, error) {
	var s templateStyles
	font := func(size float64, bold, italic bool) *excelize.Font {
		return &excelize.Font{Family: Font, Size: size, Bold: bold, Italic: italic}
	}
	border := thinBorder()
	fill := func(color string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	top := func(h string) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "top", WrapText: true}
	}
	textFmt := 49 // "@": what is typed stays text, so "1.1" is not turned into a number or a date
	grey := fill("F2F2F2")
	defs := []styleDef{
		{&s.title, excelize.Style{Font: font(14, true, false), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.subtitle, excelize.Style{Font: font(12, false, true), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.text, excelize.Style{Font: font(12, false, false), Alignment: top("left")}},
		{&s.bold, excelize.Style{Font: font(12, true, false), Alignment: top("left")}},
		{&s.th, excelize.Style{Font: font(12, true, false), Border: border, Fill: fill("D9E1F2"),
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.td, excelize.Style{Font: font(12, false, false), Border: border, Alignment: top("left")}},
		{&s.code, excelize.Style{Font: font(12, false, false), Border: border, Alignment: top("center"), NumFmt: textFmt}},
		{&s.number, excelize.Style{Font: font(12, false, false), Border: border, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}},
		{&s.grp, excelize.Style{Font: font(12, true, false), Border: border, Fill: grey, Alignment: top("left")}},
		{&s.grpCode, excelize.Style{Font: font(12, true, false), Border: border, Fill: grey, Alignment: top("center"), NumFmt: textFmt}},
		{&s.grpNum, excelize.Style{Font: font(12, true, false), Border: border, Fill: grey, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}},
		{&s.colText, excelize.Style{Font: font(12, false, false), Alignment: top("center"), NumFmt: textFmt}},
		{&s.colPlain, excelize.Style{Font: font(12, false, false), Alignment: top("left")}},
		{&s.colNumber, excelize.Style{Font: font(12, false, false), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}},
		{&s.guideTh, excelize.Style{Font: font(12, true, false), Border: border, Fill: fill("D9E1F2"),
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.guideTd, excelize.Style{Font: font(12, false, false), Border: border, Alignment: top("left")}},
		{&s.guideTdBold, excelize.Style{Font: font(12, true, false), Border: border, Alignment: top("left")}},
		{&s.guideTdCenter, excelize.Style{Font: font(12, false, false), Border: border, Alignment: top("center")}},
		{&s.guideNote, excelize.Style{Font: font(12, false, true), Alignment: top("left")}},
		{&s.guideSep, excelize.Style{Font: font(13, true, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "bottom"}}},
	}
	return s, addStyles(f, defs)
}

// startGuide streams a template's guide sheet (A4 portrait) with these
// column widths; line writes a paragraph across all of them, as tall as
// its wrapped text.
func startGuide(f *excelize.File, widths []float64) (*excelize.StreamWriter, *rowWriter, func(style int, size float64, text string) error, error) {
	var total float64
	for _, w := range widths {
		total += w
	}
	if err := printSetup(f, SheetGuide); err != nil {
		return nil, nil, nil, err
	}
	sw, err := f.NewStreamWriter(SheetGuide)
	if err != nil {
		return nil, nil, nil, err
	}
	for i, cw := range widths {
		if err := sw.SetColWidth(i+1, i+1, cw); err != nil {
			return nil, nil, nil, err
		}
	}
	r := &rowWriter{sw: sw}
	line := func(style int, size float64, text string) error {
		if err := r.write(height(lines(text, total, size), size), cell(style, text)); err != nil {
			return err
		}
		return r.merge(1, len(widths))
	}
	return sw, r, line, nil
}
