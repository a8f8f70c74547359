package xlsx

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua/internal/award"
	"thidua/internal/document"
)

// AwardListDoc is a danh sách of collectives and individuals proposed for
// (or granted) emulation titles and forms of commendation, as it is filed:
// the national heading, the title, the table grouped by title with
// subtotals, a grand total and the signature block.
type AwardListDoc struct {
	Issuer document.Issuer // the body the list comes from: heading and place
	Number string          // "Số: …/DS-VKSTH"; empty: none
	Date   *time.Time      // nil prints "ngày … tháng … năm …"
	Year   int
	// Title is the list's title; empty: AwardListTitle(Year).
	Title string
	// Subtitle is printed in italics under the title, e.g. "(Kèm theo
	// Quyết định số …/QĐ-VKSTC ngày … tháng … năm …)"; empty: none.
	Subtitle string
	// Government adds the columns "Ngày sinh" and "Giới tính" (lists sent
	// up for Government-level awards).
	Government bool
	// Decided says the titles are granted, not proposed: the column says
	// "Danh hiệu / hình thức khen thưởng".
	Decided bool
	Rows    []AwardListRow
	Signer  Signer
}

// AwardListRow is one collective or person on the list.
type AwardListRow struct {
	Collective bool   // a collective: Name is the collective's name ("Tên tập thể")
	Name       string // "Họ và tên" or "Tên tập thể"
	BirthDate  *time.Time
	Sex        string // "Nam", "Nữ"
	Position   string // "Kiểm sát viên sơ cấp"; empty for a collective
	Unit       string // "Phòng 7, VKSND tỉnh Thanh Hóa"
	Title      award.Title
	Summary    string // tóm tắt thành tích
	Note       string
	// Flag marks a line whose eligibility verdict is not "đủ điều kiện":
	// the verdict's label ("Không đủ điều kiện", "Chưa đủ thông tin"),
	// printed in the note, the line in italics on a yellow ground.
	Flag string
}

// Signer is a document's signature block: the position in bold capitals
// ("VIỆN TRƯỞNG", or "KT. VIỆN TRƯỞNG\nPHÓ VIỆN TRƯỞNG"), room to sign,
// and the name in bold.
type Signer struct {
	Position string
	Name     string
}

// SignerOf is the signature block of who signs (document.Signer): its
// lines above the room to sign, and the name.
func SignerOf(s document.Signer) Signer {
	lines := s.Lines()
	return Signer{Position: strings.Join(lines[:len(lines)-2], "\n"), Name: lines[len(lines)-1]}
}

// SheetAwardList is the sheet of WriteAwardList.
const SheetAwardList = "Danh sách"

// AwardListTitle is the proposal list's default title for a year.
func AwardListTitle(year int) string {
	return fmt.Sprintf("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM %d", year)
}

// awardListHeaderRow is the table header's row: the heading takes rows
// 1–4, a gap, the title and subtitle 6–7, a gap. Rows above it are frozen
// and it is repeated on every printed page.
const awardListHeaderRow = 9

// WriteAwardList writes the list to w as a one-sheet workbook ("Danh
// sách"): A4 landscape, one page across, Times New Roman; the rows grouped
// by title in the catalogue's order (collective titles, then individual
// ones, then any other title in order of appearance), each group headed by
// its Roman number and the title's label and closed by a subtotal ("Cộng:
// n", a number); then the grand total and the signature block. STT are
// numbers, restarting in each group. The sheet is streamed.
func WriteAwardList(w io.Writer, d AwardListDoc) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont(Font); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetAwardList); err != nil {
		return err
	}
	ds, err := newDocStyles(f)
	if err != nil {
		return err
	}
	if err := writeAwardListSheet(f, ds, SheetAwardList, d); err != nil {
		return err
	}
	return f.Write(w)
}

// docStyles are the styles of the award documents: the pledge's document
// styles, the report table's, and a few of their own.
type docStyles struct {
	st        styles
	ts        tableStyles
	date      int // a birth date in the table
	subtotal  int // "Cộng: n", a number
	total     int // "Tổng cộng: n", a number
	subtitle  int // italic, centred
	signPos   int // bold capitals, centred
	signName  int // bold, centred
	para      int // a paragraph, 14 pt, justified
	italPara  int // a ground, italic, 14 pt, justified
	recipient int // "Kính gửi: …", 14 pt, centred
	copiesHd  int // "Nơi nhận:", bold italic 12 pt
	copies    int // the addressees, 11 pt
	center13  int // bold 13 pt, centred (subject, "QUYẾT ĐỊNH:")
	// A flagged line of a list (AwardListRow.Flag): italic on yellow.
	flagNo, flagText, flagCenter, flagDate int
}

func newDocStyles(f *excelize.File) (docStyles, error) {
	var d docStyles
	var err error
	if d.st, err = newStyles(f); err != nil {
		return d, err
	}
	if d.ts, err = newTableStyles(f, 12); err != nil {
		return d, err
	}
	font := func(size float64, bold, italic bool) *excelize.Font {
		return &excelize.Font{Family: Font, Size: size, Bold: bold, Italic: italic}
	}
	border := thinBorder()
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}
	yellow := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}
	justify := &excelize.Alignment{Horizontal: "justify", Vertical: "top", WrapText: true}
	str := func(s string) *string { return &s }
	defs := []styleDef{
		{&d.date, excelize.Style{Font: font(12, false, false), Border: border, CustomNumFmt: str("dd/mm/yyyy"),
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&d.subtotal, excelize.Style{Font: font(12, true, false), Border: border, Fill: grey, CustomNumFmt: str(`"Cộng: "0`),
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}}},
		{&d.total, excelize.Style{Font: font(12, true, false), Border: border, Fill: grey, CustomNumFmt: str(`"Tổng cộng: "0`),
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}}},
		{&d.subtitle, excelize.Style{Font: font(13, false, true), Alignment: center}},
		{&d.signPos, excelize.Style{Font: font(13, true, false), Alignment: center}},
		{&d.signName, excelize.Style{Font: font(14, true, false), Alignment: center}},
		{&d.para, excelize.Style{Font: font(14, false, false), Alignment: justify}},
		{&d.italPara, excelize.Style{Font: font(14, false, true), Alignment: justify}},
		{&d.recipient, excelize.Style{Font: font(14, false, false), Alignment: center}},
		{&d.copiesHd, excelize.Style{Font: font(12, true, true), Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&d.copies, excelize.Style{Font: font(11, false, false), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&d.center13, excelize.Style{Font: font(13, true, false), Alignment: center}},
		{&d.flagNo, excelize.Style{Font: font(12, false, true), Border: border, Fill: yellow,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&d.flagText, excelize.Style{Font: font(12, false, true), Border: border, Fill: yellow,
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}}},
		{&d.flagCenter, excelize.Style{Font: font(12, false, true), Border: border, Fill: yellow,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}}},
		{&d.flagDate, excelize.Style{Font: font(12, false, true), Border: border, Fill: yellow, CustomNumFmt: str("dd/mm/yyyy"),
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
	}
	return d, addStyles(f, defs)
}

// awardGroup is the rows of one title, in the caller's order.
type awardGroup struct {
	title award.Title
	rows  []AwardListRow
}

// groupAwards groups rows by title in the catalogue's order: collective
// titles, then individual ones, then titles outside the catalogue in order
// of first appearance. Empty groups are left out.
func groupAwards(rows []AwardListRow) []awardGroup {
	by := map[award.Title][]AwardListRow{}
	var extra []award.Title
	known := map[award.Title]bool{}
	for _, t := range award.CollectiveTitles {
		known[t] = true
	}
	for _, t := range award.IndividualTitles {
		known[t] = true
	}
	for _, r := range rows {
		if _, seen := by[r.Title]; !seen && !known[r.Title] {
			extra = append(extra, r.Title)
		}
		by[r.Title] = append(by[r.Title], r)
	}
	var out []awardGroup
	for _, ts := range [][]award.Title{award.CollectiveTitles, award.IndividualTitles, extra} {
		for _, t := range ts {
			if len(by[t]) > 0 {
				out = append(out, awardGroup{t, by[t]})
			}
		}
	}
	return out
}

// roman writes 1..3999 in Roman numerals (the group numbers I, II, …).
func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return fmt.Sprint(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// rowNote is the column "Ghi chú": the verdict of a flagged line, then
// the note.
func rowNote(r AwardListRow) string {
	note := strings.TrimSpace(r.Note)
	if r.Flag == "" {
		return note
	}
	flag := "Kết quả xét: " + strings.ToLower(r.Flag)
	if note == "" {
		return flag
	}
	return flag + "; " + note
}

// positionUnit is the column "Chức vụ, đơn vị công tác".
func positionUnit(r AwardListRow) string {
	p, u := strings.TrimSpace(r.Position), strings.TrimSpace(r.Unit)
	switch {
	case p == "":
		return u
	case u == "":
		return p
	}
	return p + ", " + u
}

// awardListColumns are the list's headers and widths: rune counts at
// 12 pt, within bounds, long text wraps. The widths total about 130 units
// (A4 landscape) for a list with long summaries.
func awardListColumns(d AwardListDoc) ([]string, []float64) {
	longest := func(n *int, s string) {
		for _, line := range strings.Split(s, "\n") {
			*n = max(*n, runes(line))
		}
	}
	var name, pu, title, summary, note int
	for _, r := range d.Rows {
		longest(&name, r.Name)
		longest(&pu, positionUnit(r))
		longest(&title, r.Title.Label())
		longest(&summary, r.Summary)
		longest(&note, rowNote(r))
	}
	width := func(n int, lo, hi float64) float64 {
		return math.Min(hi, math.Max(lo, float64(n)*fontScale(12)+2))
	}
	headers := []string{"STT", "Họ và tên / Tên tập thể"}
	widths := []float64{6, width(name, 20, 30)}
	if d.Government {
		headers = append(headers, "Ngày sinh", "Giới tính")
		widths = append(widths, 12, 8)
	}
	what := "Danh hiệu / hình thức đề nghị"
	if d.Decided {
		what = "Danh hiệu / hình thức khen thưởng"
	}
	headers = append(headers, "Chức vụ, đơn vị công tác", what, "Tóm tắt thành tích", "Ghi chú")
	widths = append(widths, width(pu, 22, 36), width(title, 16, 26), width(summary, 30, 50), width(note, 10, 22))
	return headers, widths
}

// writeAwardListSheet writes the list on sheet, which must exist.
func writeAwardListSheet(f *excelize.File, ds docStyles, sheet string, d AwardListDoc) error {
	st, ts := ds.st, ds.ts
	headers, widths := awardListColumns(d)
	ncol := len(headers)
	sw, r, all, h, err := startListSheet(f, st, sheet, awardListHeaderRow, widths, d.Issuer, d.Number, d.Date)
	if err != nil {
		return err
	}
	title := d.Title
	if strings.TrimSpace(title) == "" {
		title = AwardListTitle(d.Year)
	}
	if err := titleRow(r, ts.title, title, ncol, all, 14); err != nil {
		return err
	}
	if strings.TrimSpace(d.Subtitle) == "" {
		if err := r.write(6); err != nil {
			return err
		}
	} else {
		if err := r.write(height(lines(d.Subtitle, all*0.95, 13), 13), cell(ds.subtitle, d.Subtitle)); err != nil {
			return err
		}
		if err := r.merge(1, ncol); err != nil {
			return err
		}
	}
	if err := r.write(6); err != nil {
		return err
	}
	if r.row+1 != awardListHeaderRow {
		return fmt.Errorf("xlsx: award list header on row %d, want %d", r.row+1, awardListHeaderRow)
	}
	hn, hcells := 1, make([]any, ncol)
	for i, t := range headers {
		hcells[i] = cell(ts.th, t)
		hn = max(hn, wrapped(t, widths[i], 12, true))
	}
	if err := r.write(height(hn, 12), hcells...); err != nil {
		return err
	}

	off := 0 // the Government columns shift the rest by two
	if d.Government {
		off = 2
	}
	row := make([]any, 0, ncol)
	total := 0
	for gi, g := range groupAwards(d.Rows) {
		label := g.title.Label()
		row = append(row[:0], cell(ts.groupCenter, roman(gi+1)), cell(ts.groupText, label))
		row = append(row, blanks(ts.groupText, ncol-2)...)
		if err := r.write(height(wrapped(label, all-widths[0], 12, true), 12), row...); err != nil {
			return err
		}
		if err := r.merge(2, ncol); err != nil {
			return err
		}
		r.keepWithNext() // a group's title goes with its first line
		for i, a := range g.rows {
			pu, note := positionUnit(a), rowNote(a)
			n := max(1, wrapped(a.Name, widths[1], 12, false), wrapped(pu, widths[2+off], 12, false),
				wrapped(g.title.Label(), widths[3+off], 12, false), wrapped(a.Summary, widths[4+off], 12, false),
				wrapped(note, widths[5+off], 12, false))
			no, text, center, date := ts.no, ts.text, ts.center, ds.date
			if a.Flag != "" {
				no, text, center, date = ds.flagNo, ds.flagText, ds.flagCenter, ds.flagDate
			}
			row = append(row[:0], cell(no, i+1), cell(text, a.Name))
			if d.Government {
				birth := excelize.Cell{StyleID: date}
				if a.BirthDate != nil {
					birth.Value = excelDate(*a.BirthDate)
				}
				row = append(row, birth, cell(center, a.Sex))
			}
			row = append(row, cell(text, pu), cell(text, label), cell(text, a.Summary), cell(text, note))
			if err := r.write(height(n, 12), row...); err != nil {
				return err
			}
		}
		r.keepWithNext() // the last line goes with the subtotal
		total += len(g.rows)
		row = append(row[:0], excelize.Cell{StyleID: ts.totalText}, cell(ds.subtotal, len(g.rows)))
		row = append(row, blanks(ds.subtotal, ncol-2)...)
		if err := r.write(height(1, 12), row...); err != nil {
			return err
		}
		if err := r.merge(2, ncol); err != nil {
			return err
		}
	}
	r.keepWithNext() // the last group goes with the total and the signature
	row = append(row[:0], excelize.Cell{StyleID: ts.totalText}, cell(ds.total, total))
	row = append(row, blanks(ds.total, ncol-2)...)
	if err := r.write(height(1, 12), row...); err != nil {
		return err
	}
	if err := r.merge(2, ncol); err != nil {
		return err
	}
	r.keepWithNext()
	r.skip()
	r.keepWithNext()
	if err := writeSignature(r, ds, d.Signer, nil, h.RightFrom, h.RightTo, h.RightWidth, 1, h.LeftTo, h.LeftWidth); err != nil {
		return err
	}
	if err := r.paginate(f, sheet, pages{widths: widths, landscape: true, titleRow: awardListHeaderRow}); err != nil {
		return err
	}
	return sw.Flush()
}

// writeSignature writes a signature block: on the right (columns
// rightFrom..rightTo) the position in bold capitals, room to sign and the
// name in bold; on the left (leftFrom..leftTo), when copies are given,
// "Nơi nhận:" and the addressees, one a row, beside it.
func writeSignature(r *rowWriter, ds docStyles, s Signer, copies []string,
	rightFrom, rightTo int, rightWidth float64, leftFrom, leftTo int, leftWidth float64) error {
	pos := strings.ToUpper(strings.TrimSpace(s.Position))
	var left []any
	if len(copies) > 0 {
		left = append(left, cell(ds.copiesHd, "Nơi nhận:"))
		for _, c := range copies {
			left = append(left, cell(ds.copies, c))
		}
	}
	right := []any{cell(ds.signPos, pos)}
	heights := []float64{height(capsLines(pos, rightWidth, 13), 13)}
	for range 4 { // room to sign and seal
		right, heights = append(right, nil), append(heights, 18)
	}
	right, heights = append(right, cell(ds.signName, strings.TrimSpace(s.Name))), append(heights, height(1, 14))
	n := max(len(left), len(right))
	for i := range n {
		cells := make([]any, rightFrom)
		ht := 18.0
		if i < len(heights) {
			ht = heights[i]
		}
		if i < len(left) {
			cells[leftFrom-1] = left[i]
			if i > 0 {
				ht = math.Max(ht, height(lines(left[i].(excelize.Cell).Value.(string), leftWidth, 11), 11))
			}
		}
		if i < len(right) && right[i] != nil {
			cells[rightFrom-1] = right[i]
		}
		if err := r.write(ht, cells...); err != nil {
			return err
		}
		if i < len(left) && leftTo > leftFrom {
			if err := r.merge(leftFrom, leftTo); err != nil {
				return err
			}
		}
		if i < len(right) && right[i] != nil && rightTo > rightFrom {
			if err := r.merge(rightFrom, rightTo); err != nil {
				return err
			}
		}
		if i < n-1 {
			r.keepWithNext() // the block is never split
		}
	}
	return nil
}
