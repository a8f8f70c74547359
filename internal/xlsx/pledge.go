// Package xlsx writes the workbooks users download, with excelize's
// StreamWriter. It takes plain data, not app or store types, so it depends
// only on the domain packages.
package xlsx

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"thidua/internal/cluster"
)

// PledgeDoc is a pledge as it is printed: the national heading, the text
// and one signature line per member, in member order.
type PledgeDoc struct {
	IssuerParent string     // "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", or the province for a bloc
	Issuer       string     // "CỤM THI ĐUA SỐ 6 (BẮC TRUNG BỘ)"
	Place        string     // "Thanh Hóa"
	SignedOn     *time.Time // the signing ceremony; nil prints "ngày … tháng … năm …"
	Title        string
	Preamble     string
	Commitments  []cluster.Commitment
	Signatures   []SignatureLine
	Status       string // the status label, e.g. "Đã ký kết"
	VersionNo    int
}

// SignatureLine is one member's line with the unit's name resolved.
type SignatureLine struct {
	UnitName       string
	Representative string
	Position       string
	SignedAt       *time.Time // nil: not signed yet
}

// Sheet names of the pledge workbook.
const (
	SheetPledge      = "Giao ước"
	SheetCommitments = "Cam kết"
	SheetSignatures  = "Chữ ký"
)

// Font is the font of every cell (Nghị định 30/2020: Times New Roman, Unicode).
const Font = "Times New Roman"

// vnZone is Vietnam's time: a signature at 06:00 on the 5th in Hà Nội is
// stored as the 4th in UTC, and must print as the 5th.
var vnZone = time.FixedZone("ICT", 7*3600)

// LongDate writes a date as documents do (Nghị định 30/2020, Phụ lục I):
// "ngày 30 tháng 11 năm 2020", with a leading zero for days below 10 and
// for January and February ("ngày 05 tháng 02 năm 2021") so they cannot
// be altered by hand.
func LongDate(t time.Time) string {
	t = t.In(vnZone)
	day, month := strconv.Itoa(t.Day()), strconv.Itoa(int(t.Month()))
	if t.Day() < 10 {
		day = "0" + day
	}
	if t.Month() < time.March {
		month = "0" + month
	}
	return fmt.Sprintf("ngày %s tháng %s năm %d", day, month, t.Year())
}

// PlaceDate is the line under the national motto: "Thanh Hóa, ngày 30
// tháng 11 năm 2020", with dots left for what is not known yet.
func PlaceDate(place string, on *time.Time) string {
	place = strings.TrimSpace(place)
	if place == "" {
		place = "……"
	}
	if on == nil {
		return place + ", ngày … tháng … năm …"
	}
	return place + ", " + LongDate(*on)
}

// excelDate is the Vietnamese calendar date of t at midnight, the value
// Excel stores for a date (excelize adds the zone offset itself, so the
// zone is dropped here).
func excelDate(t time.Time) time.Time {
	t = t.In(vnZone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Page geometry. The printable width of A4 portrait with the margins of
// Nghị định 30/2020 (left 30 mm, right 15 mm) is 165 mm ≈ 624 px at 96 dpi;
// a column of width w (in the default font's digit widths, Times New Roman
// 11 ≈ 7 px) takes about 7w+5 px, so six columns fit in about 85 units.
// Wider sheets still print on one page across: fit-to-width scales them.
const (
	marginTop, marginBottom = 20.0 / 25.4, 20.0 / 25.4 // inches
	marginLeft, marginRight = 30.0 / 25.4, 15.0 / 25.4
	marginHeader            = 10.0 / 25.4
	paperA4                 = 9
)

// WritePledge writes the pledge workbook to w.
//
// Three sheets, all A4 portrait, Times New Roman:
//   - "Giao ước" is the document as signed — national heading, place and
//     date, title, preamble, the numbered commitments and the signature
//     table — laid out to print on A4. It has no frozen panes: freezing the
//     commitments' header in the middle of the sheet would also pin the
//     whole heading above it on screen.
//   - "Cam kết" and "Chữ ký" are the same commitments and signatures as
//     plain lists, each with its header on row 1, frozen and filterable,
//     for working with the data.
func WritePledge(w io.Writer, d PledgeDoc) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont(Font); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetPledge); err != nil {
		return err
	}
	for _, name := range []string{SheetCommitments, SheetSignatures} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	if err := writeDocument(f, st, d); err != nil {
		return err
	}
	if err := writeCommitmentList(f, st, d); err != nil {
		return err
	}
	if err := writeSignatureList(f, st, d); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// styles are the workbook's cell styles.
type styles struct {
	parent, issuer, nation, motto, placeDate     int
	docTitle, pledgeTitle, note, preamble, label int
	th, tdNo, tdText, tdCenter, tdDate           int
	listTh, listNo, listText, listDate           int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	font := func(size float64, bold, italic bool, underline string) *excelize.Font {
		return &excelize.Font{Family: Font, Size: size, Bold: bold, Italic: italic, Underline: underline}
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	dateFmt := "dd/mm/yyyy"
	defs := []struct {
		id *int
		s  excelize.Style
	}{
		{&s.parent, excelize.Style{Font: font(12, false, false, ""), Alignment: center}},
		{&s.issuer, excelize.Style{Font: font(12, true, false, ""), Alignment: center}},
		{&s.nation, excelize.Style{Font: font(12, true, false, ""), Alignment: center}},
		{&s.motto, excelize.Style{Font: font(13, true, false, "single"), Alignment: center}},
		{&s.placeDate, excelize.Style{Font: font(13, false, true, ""), Alignment: center}},
		{&s.docTitle, excelize.Style{Font: font(14, true, false, ""), Alignment: center}},
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
	for _, def := range defs {
		if *def.id, err = f.NewStyle(&def.s); err != nil {
			return s, err
		}
	}
	return s, nil
}

// printSetup makes a sheet print on A4 portrait, one page wide, with the
// margins of Nghị định 30/2020 and the page number centred at the top from
// page 2 on. It must run before the sheet's StreamWriter is created: the
// stream writes sheetPr when it starts.
func printSetup(f *excelize.File, sheet string) error {
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	size, portrait, one, auto := paperA4, "portrait", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &portrait, FitToWidth: &one, FitToHeight: &auto,
	}); err != nil {
		return err
	}
	top, bottom, left, right, hdr := marginTop, marginBottom, marginLeft, marginRight, marginHeader
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Top: &top, Bottom: &bottom, Left: &left, Right: &right, Header: &hdr, Footer: &hdr,
	}); err != nil {
		return err
	}
	return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		DifferentFirst: true,
		OddHeader:      `&C&"Times New Roman,Regular"&13&P`,
	})
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
// text per unit at 11 pt (86 in 77 units at 12 pt), 0.84 for capitals. The
// factors below stay a little under that, so a row is never too short
// for its text — hidden lines would not print.
func lines(text string, width, size float64) int { return linesK(text, width, size, 1.05) }

func capsLines(text string, width, size float64) int { return linesK(text, width, size, 0.82) }

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
// and each is written once.
type rowWriter struct {
	sw  *excelize.StreamWriter
	row int
}

func (r *rowWriter) write(h float64, cells ...any) error {
	r.row++
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

func (r *rowWriter) skip() { r.row++ }

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

func signStatus(s SignatureLine) string {
	if s.SignedAt == nil {
		return "Chưa ký"
	}
	return "Đã ký"
}

// signDate is the cell value of a signature date: a real date, or nothing.
func signDate(s SignatureLine) any {
	if s.SignedAt == nil {
		return nil
	}
	return excelDate(*s.SignedAt)
}

// Columns of the document sheet. The heading's left block spans A:B and the
// right block C:F; the commitments use A (STT), B:E (text) and F
// (criterion); the signature table uses all six.
const docCols = 6

// docBudget is the document sheet's total width: a little over the 85
// units of A4's printable width, so fit-to-width shrinks it by a few
// percent at most.
const docBudget = 90

// docWidths sizes the document sheet's columns from the signature table's
// content (rune counts), within the page's budget and keeping room for the
// heading: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in bold 12 pt needs about 47
// units (C:F), "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO" about 38 (A:B). Unit names,
// signers and positions wrap when the page is too narrow for them; the
// commitments take B:E and wrap too.
func docWidths(d PledgeDoc) [docCols]float64 {
	var names, people, positions []string
	for _, s := range d.Signatures {
		names, people, positions = append(names, s.UnitName), append(people, s.Representative), append(positions, s.Position)
	}
	const stt, date, status = 5, 11, 10 // "STT"; "30/11/2020"; "Trạng thái", "Chưa ký", criterion codes such as "III.2"
	const minB, minC, minD = 33, 14, 12
	b := fitWidth(12, minB, 46, append(names, "Đơn vị")...)
	c := fitWidth(12, minC, 24, append(people, "Người ký")...)
	dd := fitWidth(12, minD, 20, append(positions, "Chức vụ")...)
	room := float64(docBudget - stt - date - status)
	if over := b + c + dd - room; over <= 0 {
		b -= over // the unit names get what is left
	} else {
		// Unit names wrap best (they are long and several words), so B
		// gives first, down to its minimum; then signer and position, in
		// proportion to what each has above its minimum.
		take := math.Min(over, b-minB)
		b, over = b-take, over-take
		if slack := (c - minC) + (dd - minD); over > 0 && slack > 0 {
			k := math.Min(1, over/slack)
			c, dd = c-(c-minC)*k, dd-(dd-minD)*k
		}
	}
	return [docCols]float64{stt, b, c, dd, date, status}
}

func writeDocument(f *excelize.File, st styles, d PledgeDoc) error {
	if err := printSetup(f, SheetPledge); err != nil {
		return err
	}
	w := docWidths(d)
	sw, err := f.NewStreamWriter(SheetPledge)
	if err != nil {
		return err
	}
	for i, cw := range w {
		if err := sw.SetColWidth(i+1, i+1, cw); err != nil {
			return err
		}
	}
	left, right := w[0]+w[1], w[2]+w[3]+w[4]+w[5]
	text := w[1] + w[2] + w[3] + w[4] // B:E, the commitment text
	all := left + right
	r := &rowWriter{sw: sw}

	// National heading: two blocks side by side.
	if err := writeHeading(r, st, heading{Parent: d.IssuerParent, Issuer: d.Issuer, PlaceDate: PlaceDate(d.Place, d.SignedOn),
		LeftTo: 2, RightFrom: 3, RightTo: docCols, LeftWidth: left, RightWidth: right}); err != nil {
		return err
	}
	r.skip()

	// Title block.
	if err := r.write(height(1, 14), cell(st.docTitle, "GIAO ƯỚC THI ĐUA")); err != nil {
		return err
	}
	if err := r.merge(1, docCols); err != nil {
		return err
	}
	if err := r.write(height(lines(d.Title, all*0.9, 13), 13), cell(st.pledgeTitle, d.Title)); err != nil {
		return err
	}
	if err := r.merge(1, docCols); err != nil {
		return err
	}
	if note := versionNote(d); note != "" {
		if err := r.write(height(1, 12), cell(st.note, note)); err != nil {
			return err
		}
		if err := r.merge(1, docCols); err != nil {
			return err
		}
	}
	r.skip()

	if strings.TrimSpace(d.Preamble) != "" {
		if err := r.write(height(lines(d.Preamble, all, 13), 13), cell(st.preamble, d.Preamble)); err != nil {
			return err
		}
		if err := r.merge(1, docCols); err != nil {
			return err
		}
		r.skip()
	}

	// Commitments.
	if err := r.write(height(1, 13), cell(st.label, "I. NỘI DUNG GIAO ƯỚC")); err != nil {
		return err
	}
	if err := r.merge(1, docCols); err != nil {
		return err
	}
	header := append([]any{cell(st.th, "STT"), cell(st.th, "Nội dung cam kết")}, blanks(st.th, 3)...)
	if err := r.write(height(2, 12), append(header, cell(st.th, "Tiêu chí gắn kèm"))...); err != nil {
		return err
	}
	if err := r.merge(2, 5); err != nil {
		return err
	}
	for i, c := range d.Commitments {
		no := c.No
		if no == 0 {
			no = i + 1
		}
		n := max(lines(c.Text, text, 12), lines(c.CriterionCode, w[5], 12))
		row := append([]any{cell(st.tdNo, no), cell(st.tdText, c.Text)}, blanks(st.tdText, 3)...)
		if err := r.write(height(n, 12), append(row, cell(st.tdCenter, c.CriterionCode))...); err != nil {
			return err
		}
		if err := r.merge(2, 5); err != nil {
			return err
		}
	}
	r.skip()

	// Signatures.
	if err := r.write(height(1, 13), cell(st.label, "II. CÁC ĐƠN VỊ KÝ KẾT")); err != nil {
		return err
	}
	if err := r.merge(1, docCols); err != nil {
		return err
	}
	hn := max(lines("Người ký", w[2]*0.9, 12), lines("Chức vụ", w[3]*0.9, 12), lines("Trạng thái", w[5]*0.9, 12))
	if err := r.write(height(hn, 12), cell(st.th, "STT"), cell(st.th, "Đơn vị"), cell(st.th, "Người ký"),
		cell(st.th, "Chức vụ"), cell(st.th, "Ngày ký"), cell(st.th, "Trạng thái")); err != nil {
		return err
	}
	for i, s := range d.Signatures {
		n := max(lines(s.UnitName, w[1], 12), lines(s.Representative, w[2], 12), lines(s.Position, w[3], 12))
		if err := r.write(height(n, 12), cell(st.tdNo, i+1), cell(st.tdText, s.UnitName), cell(st.tdText, s.Representative),
			cell(st.tdText, s.Position), cell(st.tdDate, signDate(s)), cell(st.tdCenter, signStatus(s))); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// versionNote says which version this is and where it stands.
func versionNote(d PledgeDoc) string {
	var parts []string
	if d.VersionNo > 1 {
		parts = append(parts, fmt.Sprintf("Bản sửa đổi lần %d", d.VersionNo-1))
	}
	if d.Status != "" {
		parts = append(parts, d.Status)
	}
	if len(parts) == 0 {
		return ""
	}
	return "(" + strings.Join(parts, " – ") + ")"
}

// listSheet writes a plain list: header on row 1, frozen and filterable,
// widths from the longest text in each column.
func listSheet(f *excelize.File, st styles, sheet string, header []string, rows [][]any, widths []float64) error {
	last, err := excelize.CoordinatesToCellName(len(header), max(2, len(rows)+1))
	if err != nil {
		return err
	}
	// AutoFilter replaces sheetPr, so it goes before printSetup; both go
	// before the stream starts.
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}
	if err := printSetup(f, sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, cw := range widths {
		if err := sw.SetColWidth(i+1, i+1, cw); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	r := &rowWriter{sw: sw}
	hcells := make([]any, len(header))
	for i, h := range header {
		hcells[i] = cell(st.listTh, h)
	}
	if err := r.write(height(1, 12), hcells...); err != nil {
		return err
	}
	for _, row := range rows {
		n := 1
		for i, v := range row {
			if c, ok := v.(excelize.Cell); ok {
				if s, ok := c.Value.(string); ok {
					n = max(n, lines(s, widths[i], 12))
				}
			}
		}
		if err := r.write(height(n, 12), row...); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func writeCommitmentList(f *excelize.File, st styles, d PledgeDoc) error {
	header := []string{"STT", "Nội dung cam kết", "Tiêu chí gắn kèm"}
	texts, codes := []string{header[1]}, []string{header[2]}
	var rows [][]any
	for i, c := range d.Commitments {
		no := c.No
		if no == 0 {
			no = i + 1
		}
		texts, codes = append(texts, c.Text), append(codes, c.CriterionCode)
		rows = append(rows, []any{cell(st.listNo, no), cell(st.listText, c.Text), cell(st.listText, c.CriterionCode)})
	}
	widths := []float64{fitWidth(12, 6, 8, "STT"), fitWidth(12, 30, 80, texts...), fitWidth(12, 12, 24, codes...)}
	return listSheet(f, st, SheetCommitments, header, rows, widths)
}

func writeSignatureList(f *excelize.File, st styles, d PledgeDoc) error {
	header := []string{"STT", "Đơn vị", "Người ký", "Chức vụ", "Ngày ký", "Trạng thái"}
	names, people, positions := []string{header[1]}, []string{header[2]}, []string{header[3]}
	var rows [][]any
	for i, s := range d.Signatures {
		names, people, positions = append(names, s.UnitName), append(people, s.Representative), append(positions, s.Position)
		rows = append(rows, []any{cell(st.listNo, i+1), cell(st.listText, s.UnitName), cell(st.listText, s.Representative),
			cell(st.listText, s.Position), cell(st.listDate, signDate(s)), cell(st.listText, signStatus(s))})
	}
	widths := []float64{
		fitWidth(12, 6, 8, "STT"),
		fitWidth(12, 16, 50, names...),
		fitWidth(12, 14, 30, people...),
		fitWidth(12, 12, 30, positions...),
		fitWidth(12, 12, 12, "dd/mm/yyyy"),
		fitWidth(12, 12, 14, "Trạng thái", "Chưa ký"),
	}
	return listSheet(f, st, SheetSignatures, header, rows, widths)
}
