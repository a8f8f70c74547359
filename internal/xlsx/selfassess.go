package xlsx

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"thidua/internal/scoring"
)

// The self-assessment workbook: a unit's tự chấm điểm filled offline. The
// criteria are prefilled and the sheet protected so only the input cells
// can be typed in; a hidden sheet names the unit, year and table version,
// so that a file for another unit, year or table is refused on upload.

const (
	SheetSelf     = "Tự chấm điểm"
	sheetSelfMeta = "_thidua_tu_cham"
	selfKind      = "tu_cham_diem"
	selfHeaderRow = 5 // rows 1–3 are the title block
	// MaxSelfText is the longest explanation or evidence a cell may hold.
	MaxSelfText = 4000
)

// The columns of the self-assessment sheet.
const (
	scCode = iota
	scName
	scMethod
	scMax
	scNeeds
	scScore
	scNumerator
	scDenominator
	scNotArisen
	scExplanation
	scEvidence
	scNCols
)

var selfHeaders = [scNCols]string{"Mã", "Tên tiêu chí", "Cách chấm", "Điểm tối đa", "Cần nhập", "Điểm tự chấm", "Tử số", "Mẫu số",
	"Không phát sinh", "Giải trình", "Tài liệu chứng minh"}

var selfWidths = [scNCols]float64{7, 44, 13, 9, 34, 10, 10, 10, 13, 34, 28}

// selfAliases are the headers the reader accepts for each column.
var selfAliases = map[string]int{}

func init() {
	for i, h := range selfHeaders {
		selfAliases[fold(h)] = i
	}
	for a, i := range map[string]int{"ma tieu chi": scCode, "tieu chi": scName, "noi dung": scName, "diem": scScore, "diem tu cham diem": scScore,
		"so lieu": scNumerator, "tu so (so lieu)": scNumerator, "khong phat sinh?": scNotArisen, "giai trinh, ghi chu": scExplanation,
		"tai lieu": scEvidence, "minh chung": scEvidence, "tai lieu, minh chung": scEvidence} {
		selfAliases[a] = i
	}
}

// NotArisenLabel is the value of the "Không phát sinh" column's list.
const NotArisenLabel = "Không phát sinh"

// SelfDoc is what the template is written from.
type SelfDoc struct {
	UnitID       int64
	UnitCode     string
	UnitName     string
	Year         int
	TableID      int64
	TableName    string
	TableVersion int
	StatusLabel  string
	Deadline     *time.Time
	Table        scoring.Table
	Entries      map[int64]scoring.Entry // prefilled: what the unit has saved
	Off          map[int64]string        // criteria switched off for the unit, with the reason
}

// WriteSelfTemplate writes the self-assessment workbook ReadSelf reads:
// "Hướng dẫn", then "Tự chấm điểm" with the table's rows prefilled and
// locked, the unit's entries in the unlocked input cells, validation on
// every input, the sheet protected (no password: the protection guards
// against slips; the server checks everything again), and the hidden
// identification sheet.
func WriteSelfTemplate(w io.Writer, d SelfDoc) error {
	f, st, err := newTemplate(SheetGuide, SheetSelf, sheetSelfMeta)
	if err != nil {
		return err
	}
	defer f.Close()
	in, err := newSelfInputStyles(f)
	if err != nil {
		return err
	}
	f.SetActiveSheet(1)
	if err := writeSelfGuide(f, st, d); err != nil {
		return err
	}
	if err := writeSelfSheet(f, st, in, d); err != nil {
		return err
	}
	meta := [][2]string{{"kind", selfKind}, {"unit_id", strconv.FormatInt(d.UnitID, 10)}, {"unit_code", d.UnitCode},
		{"unit_name", d.UnitName}, {"year", strconv.Itoa(d.Year)}, {"table_id", strconv.FormatInt(d.TableID, 10)},
		{"table_version", strconv.Itoa(d.TableVersion)}, {"table_name", d.TableName}}
	for i, kv := range meta {
		if err := f.SetSheetRow(sheetSelfMeta, "A"+strconv.Itoa(i+1), &[]any{kv[0], kv[1]}); err != nil {
			return err
		}
	}
	if err := f.SetSheetVisible(sheetSelfMeta, false, true); err != nil { // very hidden: not listed under Unhide
		return err
	}
	return f.Write(w)
}

type selfInputStyles struct{ number, text, list, off int }

func newSelfInputStyles(f *excelize.File) (selfInputStyles, error) {
	var s selfInputStyles
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	open := &excelize.Protection{Locked: false}
	fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}} // the cells to fill in
	font := &excelize.Font{Family: Font, Size: 12}
	numFmt := "#,##0.##"
	defs := []struct {
		id *int
		s  excelize.Style
	}{
		{&s.number, excelize.Style{Font: font, Border: border, Fill: fill, Protection: open, CustomNumFmt: &numFmt,
			Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}},
		{&s.text, excelize.Style{Font: font, Border: border, Fill: fill, Protection: open, NumFmt: 49,
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}}},
		{&s.list, excelize.Style{Font: font, Border: border, Fill: fill, Protection: open,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}}},
		{&s.off, excelize.Style{Font: &excelize.Font{Family: Font, Size: 12, Italic: true, Color: "7F7F7F"}, Border: border,
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}}},
	}
	for _, d := range defs {
		var err error
		if *d.id, err = f.NewStyle(&d.s); err != nil {
			return s, err
		}
	}
	return s, nil
}

var selfGuideSteps = []string{
	"1. Nhập số liệu, điểm vào các ô nền vàng của trang “" + SheetSelf + "”. Các ô khác (mã, tên tiêu chí, điểm tối đa) đã khóa; không thêm, xóa hay đổi thứ tự dòng.",
	"2. Tiêu chí “Chấm trực tiếp”: ghi điểm tự chấm, từ 0 đến điểm tối đa. Điểm thưởng, điểm trừ: ghi số điểm và giải trình căn cứ.",
	"3. Tiêu chí “Chỉ tiêu”: ghi tử số (số đạt được) và, với chỉ tiêu tính tỷ lệ, mẫu số (tổng số); tử số không lớn hơn mẫu số. Hệ thống tự tính tỷ lệ và điểm.",
	"4. Chỉ tiêu không phát sinh trong năm: chọn “" + NotArisenLabel + "” và giải trình vì sao; chỉ tiêu đó không tính vào tổng điểm tối đa (điểm được quy đổi).",
	"5. Số thập phân ghi bằng dấu phẩy hoặc dấu chấm đều được (4,5 hoặc 4.5). Ô có công thức được đọc theo giá trị đã tính.",
	"6. Tệp này chỉ dùng cho đơn vị, năm và phiên bản bảng tiêu chí ghi ở trên; nếu bảng tiêu chí có phiên bản mới, hãy tải mẫu mới.",
	fmt.Sprintf("7. Lưu tệp dạng Excel .xlsx (Excel, LibreOffice, WPS đều được), không đặt mật khẩu, tối đa %d MB.", MaxTableFileSize>>20),
	"8. Tải tệp lên ở trang Tự chấm điểm → “Nhập từ tệp Excel”. Hệ thống kiểm tra toàn bộ tệp, liệt kê mọi lỗi (trang, dòng, cột, giá trị, yêu cầu) " +
		"và chưa ghi gì cho đến khi anh/chị xem bản tóm tắt và bấm xác nhận. Số liệu được lưu dưới dạng bản nháp; nộp cho Cụm trưởng ở trang Tự chấm điểm.",
}

func writeSelfGuide(f *excelize.File, st tioStyles, d SelfDoc) error {
	sw, r, line, err := startGuide(f, []float64{6, 80}) // A4 portrait, margins included
	if err != nil {
		return err
	}
	facts := []string{
		fmt.Sprintf("HƯỚNG DẪN TỰ CHẤM ĐIỂM THI ĐUA NĂM %d", d.Year),
		"Đơn vị: " + d.UnitName,
		fmt.Sprintf("Bảng tiêu chí: %s (phiên bản %d), tổng điểm tối đa %s", d.TableName, max(d.TableVersion, 1), scoring.FormatNumber(d.Table.MaxTotal())),
	}
	if d.Deadline != nil {
		facts = append(facts, "Hạn nộp: "+d.Deadline.Format("02/01/2006"))
	}
	if d.StatusLabel != "" {
		facts = append(facts, "Trạng thái khi tải mẫu: "+d.StatusLabel)
	}
	for i, s := range facts {
		style := st.bold
		if i == 0 {
			style = st.title
		}
		if err := line(style, 12, s); err != nil {
			return err
		}
	}
	r.skip()
	for _, s := range selfGuideSteps {
		if err := line(st.text, 12, s); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// selfNeeds says, for the "Cần nhập" column, what a row asks for.
func selfNeeds(c scoring.Criterion) string {
	switch c.Method {
	case scoring.Fixed:
		return "Điểm từ 0 đến " + scoring.FormatNumber(c.Max)
	case scoring.Bonus, scoring.Deduction:
		s := "Số điểm " + map[scoring.Method]string{scoring.Bonus: "thưởng", scoring.Deduction: "trừ"}[c.Method]
		if c.Max > 0 {
			s += ", tối đa " + scoring.FormatNumber(c.Max)
		}
		return s + "; có điểm thì giải trình"
	case scoring.Indicator:
		s := "Tử số: " + c.Numerator
		if c.IsRate() {
			s += "\nMẫu số: " + c.Denominator
		}
		if t := c.Target(); t != nil && c.Direction != scoring.Zero {
			op := map[scoring.Direction]string{scoring.Higher: "≥", scoring.Lower: "≤"}[c.Direction]
			unit := ""
			if c.IsRate() {
				unit = "%"
			}
			s += "\nChỉ tiêu: " + op + " " + scoring.FormatNumber(*t) + unit
		} else if c.Direction == scoring.Zero {
			s += "\nChỉ tiêu: bằng 0"
		}
		return s
	}
	return ""
}

func writeSelfSheet(f *excelize.File, st tioStyles, in selfInputStyles, d SelfDoc) error {
	const sh = SheetSelf
	if err := landscapeSetup(f, sh); err != nil {
		return err
	}
	if err := printTitles(f, sh, selfHeaderRow); err != nil {
		return err
	}
	var total float64
	for i, w := range selfWidths {
		col := colLetter(i)
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return err
		}
		total += w
	}
	last := colLetter(scNCols - 1)
	title := []struct {
		text  string
		style int
	}{
		{fmt.Sprintf("BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM %d", d.Year), st.title},
		{d.UnitName, st.title},
		{fmt.Sprintf("Theo bảng tiêu chí: %s (phiên bản %d)", d.TableName, max(d.TableVersion, 1)), st.subtitle},
	}
	for i, t := range title {
		ref := "A" + strconv.Itoa(i+1)
		if err := f.SetCellValue(sh, ref, t.text); err != nil {
			return err
		}
		if err := f.MergeCell(sh, ref, last+strconv.Itoa(i+1)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, ref, ref, t.style); err != nil {
			return err
		}
	}
	hdr := make([]any, scNCols)
	for i, h := range selfHeaders {
		hdr[i] = h
	}
	hr := strconv.Itoa(selfHeaderRow)
	if err := f.SetSheetRow(sh, "A"+hr, &hdr); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A"+hr, last+hr, st.th); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, selfHeaderRow, height(2, 12)); err != nil {
		return err
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: selfHeaderRow, TopLeftCell: "C" + strconv.Itoa(selfHeaderRow+1), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	v := &selfValidations{byMax: map[string][]string{}}
	for i, c := range d.Table.Criteria {
		if err := writeSelfRow(f, st, in, v, selfHeaderRow+1+i, c, d); err != nil {
			return err
		}
	}
	if err := v.add(f); err != nil {
		return err
	}
	return f.ProtectSheet(sh, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true,
		FormatColumns: true, FormatRows: true})
}

func writeSelfRow(f *excelize.File, st tioStyles, in selfInputStyles, v *selfValidations, n int, c scoring.Criterion, d SelfDoc) error {
	const sh = SheetSelf
	ref := func(col int) string { r, _ := excelize.CoordinatesToCellName(col+1, n); return r }
	e := d.Entries[c.ID]
	vals := make([]any, scNCols)
	vals[scCode], vals[scName], vals[scMethod] = c.Code, c.Name, c.Method.Label()
	if c.Max > 0 || c.Scored() {
		vals[scMax] = c.Max
	}
	vals[scNeeds] = selfNeeds(c)
	styles := make([]int, scNCols)
	for i := range styles {
		styles[i] = st.td
	}
	styles[scCode], styles[scMax] = st.code, st.number
	if c.Method == scoring.Group {
		for i := range styles {
			styles[i] = st.grp
		}
		styles[scCode], styles[scMax] = st.grpCode, st.grpNum
	}
	open := map[int]bool{}
	reason, off := d.Off[c.ID]
	switch {
	case off:
		vals[scNeeds] = "Không áp dụng với đơn vị: " + reason
		styles[scNeeds] = in.off
	case c.Method == scoring.Fixed:
		open[scScore], open[scNotArisen] = true, true
	case c.Method == scoring.Bonus || c.Method == scoring.Deduction:
		open[scScore] = true
	case c.Method == scoring.Indicator:
		open[scNumerator], open[scNotArisen] = true, true
		open[scDenominator] = c.IsRate()
	}
	if len(open) > 0 {
		open[scExplanation], open[scEvidence] = true, true
		// Only what the criterion takes is written back: a value saved where
		// it has no place (a denominator sent to the API for a count before
		// that was refused) would come back as a problem in the unit's own file.
		put := func(col int, p *float64) {
			if p != nil && open[col] {
				vals[col] = *p
			}
		}
		put(scScore, e.Score)
		put(scNumerator, e.Numerator)
		put(scDenominator, e.Denominator)
		if e.NotArisen {
			vals[scNotArisen] = NotArisenLabel
		}
		if e.Explanation != "" {
			vals[scExplanation] = e.Explanation
		}
		if e.Evidence != "" {
			vals[scEvidence] = e.Evidence
		}
		for col := range open {
			switch col {
			case scScore, scNumerator, scDenominator:
				styles[col] = in.number
			case scNotArisen:
				styles[col] = in.list
			default:
				styles[col] = in.text
			}
		}
		v.row(n, c, open)
	}
	if err := f.SetSheetRow(sh, ref(0), &vals); err != nil {
		return err
	}
	for col, s := range styles {
		if err := f.SetCellStyle(sh, ref(col), ref(col), s); err != nil {
			return err
		}
	}
	h := max(lines(c.Name, selfWidths[scName], 12), lines(vals[scNeeds].(string), selfWidths[scNeeds], 12),
		lines(e.Explanation, selfWidths[scExplanation], 12), lines(e.Evidence, selfWidths[scEvidence], 12))
	return f.SetRowHeight(sh, n, height(min(h, 12), 12))
}

// selfValidations gathers the input cells by the rule they need, so the
// sheet gets one validation per rule rather than one per cell.
type selfValidations struct {
	byMax                            map[string][]string // "0..5" → F6 F9 …
	counts, rates, denoms, notArisen []string
}

func (v *selfValidations) row(n int, c scoring.Criterion, open map[int]bool) {
	r := strconv.Itoa(n)
	if open[scScore] {
		key := "0.." + strconv.FormatFloat(c.Max, 'g', -1, 64)
		if c.Method != scoring.Fixed && c.Max <= 0 {
			key = "0.."
		}
		v.byMax[key] = append(v.byMax[key], "F"+r)
	}
	if open[scNumerator] && !open[scDenominator] {
		v.counts = append(v.counts, "G"+r)
	}
	if open[scDenominator] {
		v.rates = append(v.rates, "G"+r)
		v.denoms = append(v.denoms, "H"+r)
	}
	if open[scNotArisen] {
		v.notArisen = append(v.notArisen, "I"+r)
	}
}

func (v *selfValidations) add(f *excelize.File) error {
	add := func(cells []string, set func(dv *excelize.DataValidation) error, title, msg string) error {
		if len(cells) == 0 {
			return nil
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = strings.Join(cells, " ")
		if err := set(dv); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, title, msg)
		return f.AddDataValidation(SheetSelf, dv)
	}
	nonNeg := func(dv *excelize.DataValidation) error {
		err := dv.SetRange(0, 0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual)
		dv.Formula2 = "" // one bound
		return err
	}
	keys := make([]string, 0, len(v.byMax))
	for k := range v.byMax {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		_, hi, _ := strings.Cut(k, "..")
		if hi == "" {
			if err := add(v.byMax[k], nonNeg, "Điểm không hợp lệ", "Nhập số điểm không âm."); err != nil {
				return err
			}
			continue
		}
		m, _ := strconv.ParseFloat(hi, 64)
		if err := add(v.byMax[k], func(dv *excelize.DataValidation) error {
			return dv.SetRange(0, m, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
		}, "Điểm không hợp lệ", "Nhập số điểm từ 0 đến "+scoring.FormatNumber(m)+"."); err != nil {
			return err
		}
	}
	if err := add(v.counts, nonNeg, "Số liệu không hợp lệ", "Nhập một số không âm."); err != nil {
		return err
	}
	if err := add(v.denoms, nonNeg, "Số liệu không hợp lệ", "Nhập một số không âm."); err != nil {
		return err
	}
	// The numerator of a rate: a number, not above the denominator of its
	// row (the formula is relative to the first cell of the list).
	if len(v.rates) > 0 {
		first := strings.TrimPrefix(v.rates[0], "G")
		if err := add(v.rates, func(dv *excelize.DataValidation) error {
			dv.Type = "custom"
			// excelize writes a custom formula as it is: escape it for the XML.
			dv.Formula1 = fmt.Sprintf("AND(ISNUMBER(G%[1]s),G%[1]s&gt;=0,OR(H%[1]s=&quot;&quot;,G%[1]s&lt;=H%[1]s))", first)
			return nil
		}, "Tử số không hợp lệ", "Tử số là số không âm và không lớn hơn mẫu số."); err != nil {
			return err
		}
	}
	return add(v.notArisen, func(dv *excelize.DataValidation) error { return dv.SetDropList([]string{NotArisenLabel}) },
		"Giá trị không hợp lệ", "Chọn “"+NotArisenLabel+"” hoặc để trống.")
}

// ---------------------------------------------------------------------
// Reading

// SelfUpload is a self-assessment workbook as read: the identification
// from its hidden sheet and the rows under the header.
type SelfUpload struct {
	Kind         string // "tu_cham_diem" in a workbook from the system
	UnitID       int64
	UnitCode     string
	UnitName     string
	Year         int
	TableID      int64
	TableVersion int
	Sheet        string
	Rows         []SelfRow
	cols         [scNCols]int // where each column is in the uploaded sheet, -1: missing
}

// SelfRow is one non-empty row: its number and cell texts by column.
type SelfRow struct {
	N     int
	Cells [scNCols]string
}

// Refusals of a self-assessment workbook.
const (
	MsgSelfEmpty   = "Tệp tải lên trống. Hãy chọn tệp Excel (.xlsx) tự chấm điểm của đơn vị."
	MsgSelfNoSheet = "Không tìm thấy trang tính “" + SheetSelf + "” có dòng tiêu đề gồm các cột “Mã” và “Điểm tự chấm” hoặc “Tử số” (trong 20 dòng đầu). Hãy tải lại mẫu ở trang Tự chấm điểm, không xóa, đổi tên trang tính hay dòng tiêu đề."
	MsgSelfBomb    = "Tệp Excel khi giải nén lớn hơn 20 MB, quá lớn đối với một bảng tự chấm điểm. Hãy xóa các trang tính, hình ảnh không cần thiết rồi tải lên lại."
	MsgSelfNoMeta  = "Tệp không phải là mẫu tự chấm điểm tải từ hệ thống (thiếu phần nhận dạng đơn vị, năm, bảng tiêu chí). Hãy tải mẫu ở trang Tự chấm điểm, nhập vào mẫu đó rồi tải lên."
)

// ReadSelf reads a self-assessment workbook. A file that cannot be one is
// refused as ReadTable refuses it (errs.Invalid, message on "file");
// problems are cells that cannot be read at all (the rows are matched to
// the table by SelfEntries).
func ReadSelf(r io.Reader, size int64) (up SelfUpload, problems []Problem, err error) {
	defer func() {
		if p := recover(); p != nil {
			notePanic(p)
			up, problems, err = SelfUpload{}, nil, refuse(MsgFileCorrupt)
		}
	}()
	f, _, err := openUpload(r, size, MsgSelfEmpty, MsgSelfBomb)
	if err != nil {
		return up, nil, err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	for _, s := range sheets {
		if fold(s) == fold(sheetSelfMeta) {
			readSelfMeta(f, s, &up)
		}
	}
	if up.Kind != selfKind {
		return SelfUpload{}, nil, refuse(MsgSelfNoMeta)
	}
	order := make([]string, 0, len(sheets))
	for _, s := range sheets {
		switch fold(s) {
		case fold(SheetSelf):
			order = append([]string{s}, order...)
		case fold(sheetSelfMeta), fold(SheetGuide):
		default:
			order = append(order, s)
		}
	}
	for _, s := range order {
		rows, cols, ok, perr, err := readSelfSheet(f, s)
		if err != nil {
			return SelfUpload{}, nil, err
		}
		if ok {
			up.Sheet, up.Rows, up.cols, problems = norm.NFC.String(s), rows, cols, perr
			break
		}
	}
	if up.Sheet == "" {
		return SelfUpload{}, nil, refuse(MsgSelfNoSheet)
	}
	return up, problems, nil
}

func readSelfMeta(f *excelize.File, sheet string, up *SelfUpload) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return
	}
	for _, r := range rows {
		if len(r) < 2 {
			continue
		}
		v := strings.TrimSpace(r[1])
		switch strings.TrimSpace(r[0]) {
		case "kind":
			up.Kind = v
		case "unit_id":
			up.UnitID, _ = strconv.ParseInt(v, 10, 64)
		case "unit_code":
			up.UnitCode = clean(v)
		case "unit_name":
			up.UnitName = clean(v)
		case "year":
			up.Year, _ = strconv.Atoi(v)
		case "table_id":
			up.TableID, _ = strconv.ParseInt(v, 10, 64)
		case "table_version":
			up.TableVersion, _ = strconv.Atoi(v)
		}
	}
}

// readSelfSheet finds the header in a sheet's first rows and reads the
// non-empty rows under it; ok is false when the sheet has no header.
// Formulas with no stored result are computed when plain arithmetic.
func readSelfSheet(f *excelize.File, sheet string) (out []SelfRow, cols [scNCols]int, ok bool, problems []Problem, err error) {
	rows, rerr := f.Rows(sheet)
	if rerr != nil {
		return nil, cols, false, nil, nil // a chart sheet
	}
	defer rows.Close()
	label := norm.NFC.String(sheet)
	header := 0
	calc := &tableReader{f: f, sheet: sheet}
	budget := tioMaxCalc
	for n := 1; rows.Next(); n++ {
		cells, cerr := rows.Columns(excelize.Options{RawCellValue: true})
		if cerr != nil {
			return nil, cols, false, nil, refuse(MsgFileCorrupt)
		}
		if header == 0 {
			if n > tioHeaderScan {
				return nil, cols, false, nil, nil
			}
			for i := range cols {
				cols[i] = -1
			}
			var dup []Problem
			for j, v := range cells {
				k, known := selfAliases[fold(v)]
				if !known {
					continue
				}
				if cols[k] >= 0 {
					dup = append(dup, Problem{Sheet: label, Row: n, Column: colLetter(j), Header: selfHeaders[k], Value: clean(v),
						Expected: fmt.Sprintf("mỗi cột chỉ một lần; cột “%s” đã có ở cột %s", selfHeaders[k], colLetter(cols[k]))})
					continue
				}
				cols[k] = j
			}
			if cols[scCode] >= 0 && (cols[scScore] >= 0 || cols[scNumerator] >= 0) {
				header = n
				problems = append(problems, dup...)
				for _, k := range []int{scScore, scNumerator, scDenominator, scNotArisen, scExplanation, scEvidence} {
					if cols[k] < 0 {
						problems = append(problems, Problem{Sheet: label, Row: n, Expected: fmt.Sprintf("dòng tiêu đề có cột “%s” (xem tệp mẫu)", selfHeaders[k])})
					}
				}
			}
			continue
		}
		row := SelfRow{N: n}
		blank := true
		for k, j := range cols {
			if j < 0 {
				continue
			}
			if j < len(cells) {
				if bad := badText(label, n, j, selfHeaders[k], cells[j]); bad != nil {
					problems = append(problems, *bad)
				}
				row.Cells[k] = clean(cells[j])
			}
			if row.Cells[k] == "" && k >= scScore && budget > 0 {
				ref, _ := excelize.CoordinatesToCellName(j+1, n)
				if fm, _ := f.GetCellFormula(sheet, ref); fm != "" {
					budget--
					v := ""
					if calc.plainTree(fm, map[string]bool{ref: true}) {
						v, _ = f.CalcCellValue(sheet, ref, excelize.Options{RawCellValue: true})
					}
					if v == "" {
						problems = append(problems, Problem{Sheet: label, Row: n, Column: colLetter(j), Header: selfHeaders[k], Value: "=" + fm,
							Expected: "một giá trị; công thức này chưa có kết quả đã tính – hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại"})
					}
					row.Cells[k] = clean(v)
				}
			}
			blank = blank && row.Cells[k] == ""
		}
		if blank {
			continue
		}
		if len(out) == MaxTableRows {
			return nil, cols, false, nil, refuse(MsgFileTooManyRows)
		}
		out = append(out, row)
	}
	if rows.Error() != nil {
		return nil, cols, false, nil, refuse(MsgFileCorrupt)
	}
	return out, cols, header > 0, problems, nil
}

// SelfTarget is what an upload must belong to: the unit, year and table
// version the unit files against now.
type SelfTarget struct {
	UnitID       int64
	UnitName     string
	Year         int
	TableID      int64
	TableName    string
	TableVersion int
}

// Mismatch says why a workbook belongs to another unit, year or table
// version; "" when it belongs to t.
func (up SelfUpload) Mismatch(t SelfTarget) string {
	switch {
	case up.UnitID != t.UnitID:
		who := up.UnitName
		if who == "" {
			who = "đơn vị khác"
		}
		return fmt.Sprintf("Tệp này là mẫu tự chấm điểm của %s, không phải của %s. Hãy tải mẫu của đơn vị mình ở trang Tự chấm điểm.", who, t.UnitName)
	case up.Year != t.Year:
		return fmt.Sprintf("Tệp này là mẫu tự chấm điểm năm %d, không phải năm %d. Hãy tải mẫu của năm %d.", up.Year, t.Year, t.Year)
	case up.TableID != t.TableID || up.TableVersion != t.TableVersion:
		return fmt.Sprintf("Tệp được lập theo một bảng tiêu chí khác hoặc phiên bản cũ; đơn vị đang chấm theo bảng “%s” (phiên bản %d). Hãy tải mẫu mới và nhập lại.",
			t.TableName, max(t.TableVersion, 1))
	}
	return ""
}

// SelfEntries matches the rows to the table by code and checks every
// input against its criterion: the entries of the rows in the workbook
// (a row whose inputs are all empty gives an empty entry, which clears
// what was saved), and every problem with its sheet, row and column.
// off lists the criteria switched off for the unit.
func SelfEntries(up SelfUpload, t scoring.Table, off map[int64]string) (map[int64]scoring.Entry, []Problem) {
	byCode := map[string]scoring.Criterion{}
	for _, c := range t.Criteria {
		byCode[fold(c.Code)] = c
	}
	out := map[int64]scoring.Entry{}
	seen := map[int64]int{}
	var ps []Problem
	for _, row := range up.Rows {
		flagged := map[int]bool{} // columns of this row with a problem already
		add := func(col int, expected string) {
			flagged[col] = true
			ps = append(ps, Problem{Sheet: up.Sheet, Row: row.N, Column: selfColLetter(up, row, col), Header: selfHeaders[col], Value: row.Cells[col], Expected: expected})
		}
		code := row.Cells[scCode]
		c, ok := byCode[fold(code)]
		switch {
		case code == "":
			add(scCode, "mã tiêu chí của dòng (không xóa cột Mã)")
			continue
		case !ok:
			add(scCode, fmt.Sprintf("mã một tiêu chí của bảng “%s”", t.Name))
			continue
		case seen[c.ID] > 0:
			add(scCode, fmt.Sprintf("mỗi tiêu chí một dòng; mã %s đã có ở dòng %d", c.Code, seen[c.ID]))
			continue
		}
		seen[c.ID] = row.N
		inputs := []int{scScore, scNumerator, scDenominator, scNotArisen, scExplanation, scEvidence}
		filled := func(cols ...int) bool {
			for _, k := range cols {
				if row.Cells[k] != "" {
					return true
				}
			}
			return false
		}
		if c.Method == scoring.Group {
			for _, k := range inputs {
				if row.Cells[k] != "" {
					add(k, "ô trống: dòng nhóm tiêu chí không chấm điểm, điểm của nhóm là tổng các tiêu chí con")
				}
			}
			continue
		}
		if reason, isOff := off[c.ID]; isOff {
			for _, k := range inputs {
				if row.Cells[k] != "" {
					add(k, "ô trống: tiêu chí này không áp dụng với đơn vị ("+reason+")")
				}
			}
			continue
		}
		e := scoring.Entry{CriterionID: c.ID, Explanation: row.Cells[scExplanation], Evidence: row.Cells[scEvidence]}
		bad := false
		number := func(col int) *float64 {
			s := row.Cells[col]
			if s == "" {
				return nil
			}
			v, pct, ok := parseNumber(s)
			switch {
			case !ok || pct:
				add(col, "một số, ví dụ 4,5 hoặc 120")
			case v < 0:
				add(col, "một số không âm")
			default:
				v = round9(v)
				return &v
			}
			bad = true
			return nil
		}
		switch c.Method {
		case scoring.Fixed, scoring.Bonus, scoring.Deduction:
			e.Score = number(scScore)
		case scoring.Indicator:
			e.Numerator = number(scNumerator)
			e.Denominator = number(scDenominator)
		}
		// What a cell holds that its criterion has no place for is said by
		// the domain's rule, like any other problem of the entry.
		if row.Cells[scScore] != "" && c.Method == scoring.Indicator {
			e.Score = &zero
		}
		if c.Method != scoring.Indicator {
			e.Numerator, e.Denominator = present(row.Cells[scNumerator]), present(row.Cells[scDenominator])
		}
		if s := row.Cells[scNotArisen]; s != "" {
			switch {
			case fold(s) == fold(NotArisenLabel) || fold(s) == "x" || fold(s) == "co":
				e.NotArisen = true
			case c.Method == scoring.Fixed || c.Method == scoring.Indicator:
				add(scNotArisen, "“"+NotArisenLabel+"” hoặc để trống")
			default:
				e.NotArisen = true // refused below, for its method
			}
		}
		for _, p := range scoring.CheckEntry(c, e) {
			col := entryColumn[p.Part]
			switch {
			case bad && (col == scNumerator || col == scDenominator):
				continue // a figure that is not a number is said already; the pair is judged when both are read
			case flagged[col]:
				continue
			case row.Cells[col] == "" && col == scExplanation:
				flagged[col] = true
				ps = append(ps, Problem{Sheet: up.Sheet, Row: row.N, Column: selfColLetter(up, row, col), Header: selfHeaders[col], Expected: p.Expected})
				continue
			}
			add(col, p.Expected)
		}
		switch c.Method {
		case scoring.Fixed, scoring.Bonus, scoring.Deduction:
			e.Numerator, e.Denominator = nil, nil
		case scoring.Indicator:
			e.Score = nil
		}
		if e.NotArisen && c.Method != scoring.Fixed && c.Method != scoring.Indicator {
			e.NotArisen = false
		}
		for _, k := range []int{scExplanation, scEvidence} {
			if len([]rune(row.Cells[k])) > MaxSelfText {
				add(k, fmt.Sprintf("tối đa %s ký tự", groupDigits(MaxSelfText)))
			}
		}
		if !filled(inputs...) {
			e = scoring.Entry{CriterionID: c.ID}
		}
		out[c.ID] = e
	}
	return out, sortProblems(ps)
}

// entryColumn is the template's column of each part of an entry.
var entryColumn = map[scoring.Part]int{scoring.PartScore: scScore, scoring.PartNumerator: scNumerator,
	scoring.PartDenominator: scDenominator, scoring.PartNotArisen: scNotArisen, scoring.PartExplanation: scExplanation}

// zero stands for "something was typed" where only its presence matters.
var zero float64

// present is a non-nil value when a cell holds anything.
func present(s string) *float64 {
	if s == "" {
		return nil
	}
	return &zero
}

// selfColLetter is the letter of a column as the uploaded sheet has it.
func selfColLetter(up SelfUpload, row SelfRow, col int) string {
	if j := up.cols[col]; j >= 0 && up.Sheet != "" {
		return colLetter(j)
	}
	return ""
}
