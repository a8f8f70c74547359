package xlsx

// Writing the self-assessment template: the guide, the protected sheet
// with the table's rows and the unit's saved entries, and the hidden sheet
// that names the unit, year and table version.

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua/internal/scoring"
)

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
	border := thinBorder()
	open := &excelize.Protection{Locked: false}
	fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}} // the cells to fill in
	font := &excelize.Font{Family: Font, Size: 12}
	numFmt := "#,##0.##"
	defs := []styleDef{
		{&s.number, excelize.Style{Font: font, Border: border, Fill: fill, Protection: open, CustomNumFmt: &numFmt,
			Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}},
		{&s.text, excelize.Style{Font: font, Border: border, Fill: fill, Protection: open, NumFmt: 49,
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}}},
		{&s.list, excelize.Style{Font: font, Border: border, Fill: fill, Protection: open,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}}},
		{&s.off, excelize.Style{Font: &excelize.Font{Family: Font, Size: 12, Italic: true, Color: "7F7F7F"}, Border: border,
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}}},
	}
	return s, addStyles(f, defs)
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

func writeSelfGuide(f *excelize.File, st templateStyles, d SelfDoc) error {
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

func writeSelfSheet(f *excelize.File, st templateStyles, in selfInputStyles, d SelfDoc) error {
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

func writeSelfRow(f *excelize.File, st templateStyles, in selfInputStyles, v *selfValidations, n int, c scoring.Criterion, d SelfDoc) error {
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
