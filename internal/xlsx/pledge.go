package xlsx

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua/internal/cluster"
	"thidua/internal/document"
)

// PledgeDoc is a pledge as it is printed: the national heading, the text
// and one signature line per member, in member order.
type PledgeDoc struct {
	// Issuer is the cluster ("CỤM THI ĐUA SỐ 6 (BẮC TRUNG BỘ)") under the
	// body that set it up, with the place of the signing.
	Issuer      document.Issuer
	Number      string     // "Số:      /GƯTĐ-CTĐ6"
	SignedOn    *time.Time // the signing ceremony; nil prints "ngày … tháng … năm …"
	Title       string
	Preamble    string
	Commitments []cluster.Commitment
	Signatures  []SignatureLine
	Status      string // the status label, e.g. "Đã ký kết"
	VersionNo   int
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
//     for working with the data; hidden, so that they do not print.
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
	// The lists are for working with the data, not for print: hidden, they
	// do not print as extra pages after the document (View ▸ Unhide).
	for _, name := range []string{SheetCommitments, SheetSignatures} {
		if err := f.SetSheetVisible(name, false); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
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
	if err := pageSetup(f, SheetPledge, "portrait"); err != nil {
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
	if err := writeHeading(r, st, heading{Issuer: d.Issuer, Number: d.Number, PlaceDate: PlaceDate(d.Issuer.Place, d.SignedOn),
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
	r.keepWithNext()
	if err := r.merge(1, docCols); err != nil {
		return err
	}
	header := append([]any{cell(st.th, "STT"), cell(st.th, "Nội dung cam kết")}, blanks(st.th, 3)...)
	if err := r.write(height(2, 12), append(header, cell(st.th, "Tiêu chí gắn kèm"))...); err != nil {
		return err
	}
	r.keepWithNext()
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
	r.keepWithNext()
	if err := r.merge(1, docCols); err != nil {
		return err
	}
	hn := max(lines("Người ký", w[2]*0.9, 12), lines("Chức vụ", w[3]*0.9, 12), lines("Trạng thái", w[5]*0.9, 12))
	if err := r.write(height(hn, 12), cell(st.th, "STT"), cell(st.th, "Đơn vị"), cell(st.th, "Người ký"),
		cell(st.th, "Chức vụ"), cell(st.th, "Ngày ký"), cell(st.th, "Trạng thái")); err != nil {
		return err
	}
	// The signatures print together, on one page when they fit one.
	for i, s := range d.Signatures {
		r.keepWithNext()
		n := max(lines(s.UnitName, w[1], 12), lines(s.Representative, w[2], 12), lines(s.Position, w[3], 12))
		if err := r.write(height(n, 12), cell(st.tdNo, i+1), cell(st.tdText, s.UnitName), cell(st.tdText, s.Representative),
			cell(st.tdText, s.Position), cell(st.tdDate, signDate(s)), cell(st.tdCenter, signStatus(s))); err != nil {
			return err
		}
	}
	if err := r.paginate(f, SheetPledge, pages{widths: w[:]}); err != nil {
		return err
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
