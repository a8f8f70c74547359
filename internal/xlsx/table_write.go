package xlsx

// Writing the criteria table workbook: the guide, the table the board
// fills in (or the exported table) and a worked example.

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"thidua/internal/scoring"
)

// WriteTableTemplate writes the blank criteria table workbook: the same
// sheets as WriteTable, with no rows.
func WriteTableTemplate(w io.Writer, d TableDoc) error {
	d.Criteria = nil
	return WriteTable(w, d)
}

// WriteTable writes a criteria table as the workbook ReadTable reads:
// "Hướng dẫn" (what each column means and the allowed values), "Bảng tiêu
// chí" (header on row 1, frozen with the code and name columns; drop-down
// lists on the enumerated columns; codes stored as text; numbers as
// numbers) and "Ví dụ" (a small complete table). Times New Roman
// throughout; the table prints on A4 landscape, one page across, with its
// header repeated.
func WriteTable(w io.Writer, d TableDoc) error {
	f, st, err := newTemplate(SheetGuide, SheetTable, SheetExample)
	if err != nil {
		return err
	}
	defer f.Close()
	if len(d.Criteria) > 0 {
		// An exported table opens on its rows; the template on the guide.
		// Set before any sheet is streamed (afterwards it would parse the
		// streamed sheets back).
		f.SetActiveSheet(1)
	}
	if err := writeTioGuide(f, st, d); err != nil {
		return err
	}
	if err := writeTioSheet(f, st, SheetTable, d.Criteria, true); err != nil {
		return err
	}
	if err := writeTioSheet(f, st, SheetExample, exampleCriteria(), false); err != nil {
		return err
	}
	return f.Write(w)
}

// tioColumnHelp is the guide's line for each column: whether it is
// required and what it holds.
var tioColumnHelp = [tioNCols][2]string{
	colCode: {"Bắt buộc", "Mã tiêu chí như in trong bảng: I, II, 1, 1.1, 2a … Không được trùng nhau. Cột để dạng văn bản nên 1.1 không bị Excel đổi thành số hay ngày tháng."},
	colName: {"Bắt buộc", "Tên (nội dung) tiêu chí."},
	colParent: {"Không bắt buộc", "Mã của dòng “Nhóm tiêu chí” chứa tiêu chí này; nhóm đó phải nằm ở một dòng phía trên. " +
		"Để trống với nhóm cấp cao nhất (I, II …) và với điểm thưởng, điểm trừ đứng riêng."},
	colMethod: {"Bắt buộc", "Chọn trong danh sách: Nhóm tiêu chí (đề mục; điểm bằng tổng các tiêu chí con); Chấm trực tiếp (người chấm cho từ 0 đến điểm tối đa); " +
		"Chỉ tiêu (điểm tính từ số liệu của đơn vị so với chỉ tiêu); Điểm thưởng (cộng sau khi quy đổi); Điểm trừ (trừ sau khi quy đổi)."},
	colMax: {"Bắt buộc với Chấm trực tiếp, Chỉ tiêu", "Số điểm khi đạt đầy đủ, lớn hơn 0 (ví dụ 5 hoặc 2,5). Với Điểm thưởng, Điểm trừ: mức tối đa được cộng, trừ " +
		"(để trống hoặc 0 là không giới hạn). Với Nhóm tiêu chí: tổng điểm tối đa của các dòng trực tiếp trong nhóm (phải khớp), hoặc để trống."},
	colNumerator:   {"Bắt buộc với Chỉ tiêu", "Nội dung được đếm (tử số), ví dụ “Số tin báo đã giải quyết đúng thời hạn”."},
	colDenominator: {"Không bắt buộc", "Tổng số để tính tỷ lệ (mẫu số). Để trống nếu chỉ tiêu là số đếm, không phải tỷ lệ."},
	colDirection: {"Bắt buộc với Chỉ tiêu", "Chọn trong danh sách: Càng cao càng tốt (phải đạt từ chỉ tiêu trở lên); Càng thấp càng tốt (không được vượt chỉ tiêu); " +
		"Bằng 0 (số vụ việc phải bằng 0, không cần ghi chỉ tiêu)."},
	colTargetNA: {"Chỉ tiêu: ít nhất một trong hai cột (trừ chiều Bằng 0)", "Chỉ tiêu do Quốc hội giao, tính theo %: ghi 90 hoặc 90%. " +
		"Khi có cả hai chỉ tiêu, chỉ tiêu chặt hơn được dùng để tính điểm."},
	colTargetSector: {"Chỉ tiêu: ít nhất một trong hai cột (trừ chiều Bằng 0)", "Chỉ tiêu của Ngành, tính theo %: ghi 95 hoặc 95%."},
	colExceed:       {"Không bắt buộc", "Số điểm được cộng thêm khi vượt chỉ tiêu; để trống là 0."},
	colBelow: {"Không bắt buộc", "Chọn trong danh sách: Không tính điểm (mặc định: chưa đạt chỉ tiêu thì không có điểm) hoặc " +
		"Tính theo tỷ lệ (điểm tối đa × tỷ lệ đạt được so với chỉ tiêu)."},
}

var tioGuideSteps = []string{
	"1. Mỗi tiêu chí nhập trên một dòng của trang “" + SheetTable + "”, theo đúng thứ tự sẽ hiển thị. Không đổi tên các cột ở dòng 1; dòng trống được bỏ qua.",
	"2. Nhóm tiêu chí đứng trước các tiêu chí thuộc nhóm; tiêu chí con ghi mã của nhóm vào cột “Mã nhóm cấp trên”. Nhóm có thể lồng nhau (I → 1 → 1.1).",
	"3. Tổng điểm tối đa của bảng là tổng điểm tối đa của các dòng Chấm trực tiếp và Chỉ tiêu; điểm thưởng, điểm trừ tính riêng, ngoài tổng điểm.",
	"4. Các cột Tử số, Mẫu số, Chiều, Chỉ tiêu Quốc hội, Chỉ tiêu Ngành, Điểm cộng khi vượt, Chưa đạt chỉ dùng cho dòng “Chỉ tiêu”; với các dòng khác để trống.",
	"5. Số thập phân ghi bằng dấu phẩy hoặc dấu chấm đều được (98,5 hoặc 98.5). Ô có công thức được đọc theo giá trị đã tính.",
	"6. Trang “" + SheetExample + "” là một bảng mẫu hoàn chỉnh để tham khảo; hệ thống chỉ đọc trang “" + SheetTable + "”. Có thể thêm trang tính khác để ghi chú.",
	fmt.Sprintf("7. Tệp lưu dạng Excel .xlsx, không đặt mật khẩu, dung lượng tối đa %d MB, tối đa %s tiêu chí.", MaxTableFileSize>>20, groupDigits(MaxTableRows)),
	"8. Tải tệp lên ở trang Bảng tiêu chí → “Nhập từ tệp Excel”. Hệ thống kiểm tra toàn bộ tệp và liệt kê mọi lỗi (trang, dòng, cột, giá trị, yêu cầu); " +
		"chưa ghi gì cho đến khi anh/chị xem bản tóm tắt và bấm xác nhận.",
}

func writeTioGuide(f *excelize.File, st templateStyles, d TableDoc) error {
	widths := []float64{8, 22, 24, 78}
	sw, r, line, err := startGuide(f, widths)
	if err != nil {
		return err
	}
	title := "HƯỚNG DẪN NHẬP BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA"
	if d.Year > 0 {
		title += " NĂM " + strconv.Itoa(d.Year)
	}
	if err := line(st.title, 14, title); err != nil {
		return err
	}
	sub := "Mẫu trống – điền vào trang “" + SheetTable + "” rồi tải lên"
	if d.Name != "" {
		sub = "Bảng: " + d.Name
		if d.VersionNo > 1 {
			sub += fmt.Sprintf(" (phiên bản %d)", d.VersionNo)
		}
		var scope []string
		for _, s := range []string{d.Level, d.UnitType} {
			if s != "" {
				scope = append(scope, s)
			}
		}
		if len(scope) > 0 {
			sub += " – áp dụng: " + strings.Join(scope, ", ")
		}
	}
	if err := line(st.subtitle, 12, sub); err != nil {
		return err
	}
	r.skip()
	if err := line(st.guideSep, 13, "Cách nhập"); err != nil {
		return err
	}
	for _, s := range tioGuideSteps {
		if err := line(st.text, 12, s); err != nil {
			return err
		}
	}
	r.skip()
	if err := line(st.guideSep, 13, "Các cột của trang “"+SheetTable+"”"); err != nil {
		return err
	}
	if err := r.write(height(1, 12), cell(st.guideTh, "Cột"), cell(st.guideTh, "Tiêu đề"), cell(st.guideTh, "Bắt buộc"),
		cell(st.guideTh, "Nội dung, giá trị hợp lệ")); err != nil {
		return err
	}
	for i, h := range tioHeaders {
		letter, _ := excelize.ColumnNumberToName(i + 1)
		help := tioColumnHelp[i]
		n := max(lines(help[1], widths[3], 12), lines(help[0], widths[2], 12), lines(h, widths[1], 12))
		if err := r.write(height(n, 12), cell(st.guideTdCenter, letter), cell(st.guideTdBold, h),
			cell(st.guideTd, help[0]), cell(st.guideTd, help[1])); err != nil {
			return err
		}
	}
	r.skip()
	note := "Lưu ý: chữ tiếng Việt gõ bằng bất kỳ bộ gõ nào (Unicode dựng sẵn hay tổ hợp) đều được chuẩn hóa khi nhập. " +
		"Giá trị trong danh sách chọn có thể gõ tay, không phân biệt chữ hoa, chữ thường."
	if err := line(st.guideNote, 12, note); err != nil {
		return err
	}
	return sw.Flush()
}

// writeTioSheet writes a table sheet: the header on row 1, then a row per
// criterion. The import sheet gets the drop-down lists.
func writeTioSheet(f *excelize.File, st templateStyles, sheet string, rows []scoring.Criterion, lists bool) error {
	if err := landscapeSetup(f, sheet); err != nil {
		return err
	}
	if err := printTitles(f, sheet, 1); err != nil {
		return err
	}
	if lists {
		if err := addTioValidations(f, sheet); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, cw := range tioWidths {
		if err := sw.SetColWidth(i+1, i+1, cw); err != nil {
			return err
		}
		// What is typed below the table looks like the table: codes as text.
		style := st.colPlain
		switch tioCol(i) {
		case colCode, colParent:
			style = st.colText
		case colMax, colTargetNA, colTargetSector, colExceed:
			style = st.colNumber
		}
		if err := sw.SetColStyle(i+1, i+1, style); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "C2", ActiveCell: "C2", Pane: "bottomRight"}}}); err != nil {
		return err
	}
	r := &rowWriter{sw: sw}
	head := make([]any, tioNCols)
	hn := 1
	for i, h := range tioHeaders {
		head[i] = cell(st.th, h)
		hn = max(hn, lines(h, tioWidths[i], 12))
	}
	if err := r.write(height(hn, 12), head...); err != nil {
		return err
	}
	parents := tioParentCodes(rows)
	for i, c := range rows {
		vals := tioValues(c, parents[i])
		text, code, number := st.td, st.code, st.number
		if c.Method == scoring.Group {
			text, code, number = st.grp, st.grpCode, st.grpNum
		}
		cells := make([]any, tioNCols)
		n := 1
		for j, v := range vals {
			style := text
			switch tioCol(j) {
			case colCode, colParent:
				style = code
			case colMax, colTargetNA, colTargetSector, colExceed:
				style = number
			}
			cells[j] = cell(style, v)
			if s, ok := v.(string); ok {
				n = max(n, lines(s, tioWidths[j], 12))
			}
		}
		if err := r.write(height(n, 12), cells...); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// addTioValidations puts drop-down lists on the enumerated columns of the
// rows a table can fill, with a prompt and an error that name the values.
func addTioValidations(f *excelize.File, sheet string) error {
	for _, v := range []struct {
		col    tioCol
		values []string
		prompt string
	}{
		{colMethod, methodLabels(), "Nhóm tiêu chí, Chấm trực tiếp, Chỉ tiêu, Điểm thưởng hoặc Điểm trừ."},
		{colDirection, directionLabels(), "Chỉ với dòng Chỉ tiêu: Càng cao càng tốt, Càng thấp càng tốt hoặc Bằng 0."},
		{colBelow, belowLabels(), "Chỉ với dòng Chỉ tiêu: Không tính điểm (mặc định) hoặc Tính theo tỷ lệ."},
	} {
		letter, err := excelize.ColumnNumberToName(int(v.col) + 1)
		if err != nil {
			return err
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", letter, letter, MaxTableRows+1)
		if err := dv.SetDropList(v.values); err != nil {
			return err
		}
		dv.SetInput(tioHeaders[v.col], v.prompt)
		dv.SetError(excelize.DataValidationErrorStyleStop, tioHeaders[v.col], "Giá trị không có trong danh sách. Chọn một trong: "+strings.Join(v.values, "; ")+".")
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// tioParentCodes is each row's parent code.
func tioParentCodes(rows []scoring.Criterion) []string {
	positional := true
	for _, c := range rows {
		if c.ID != 0 {
			positional = false
			break
		}
	}
	code := map[int64]string{}
	for i, c := range rows {
		if positional {
			code[int64(i+1)] = c.Code
		} else {
			code[c.ID] = c.Code
		}
	}
	out := make([]string, len(rows))
	for i, c := range rows {
		if c.ParentID != 0 {
			out[i] = code[c.ParentID]
		}
	}
	return out
}

// tioValues is a criterion's cells: text as strings, numbers as float64,
// nothing as nil. Indicator-only columns are filled for indicators only.
func tioValues(c scoring.Criterion, parent string) [tioNCols]any {
	var v [tioNCols]any
	str := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	v[colCode], v[colName], v[colParent], v[colMethod] = str(c.Code), str(c.Name), str(parent), str(c.Method.Label())
	if c.Max != 0 || c.Scored() {
		v[colMax] = c.Max
	}
	if c.Method == scoring.Indicator {
		v[colNumerator], v[colDenominator], v[colDirection] = str(c.Numerator), str(c.Denominator), str(DirectionLabel(c.Direction))
		if c.TargetNA != nil {
			v[colTargetNA] = *c.TargetNA
		}
		if c.TargetSector != nil {
			v[colTargetSector] = *c.TargetSector
		}
		if c.ExceedBonus != 0 {
			v[colExceed] = c.ExceedBonus
		}
		below := c.Below
		if below == "" {
			below = scoring.Nothing
		}
		v[colBelow] = BelowLabel(below)
	}
	return v
}

// exampleCriteria is the worked example: two groups, a fixed criterion,
// three kinds of indicator, a bonus and a deduction. Parents by position.
func exampleCriteria() []scoring.Criterion {
	p := func(v float64) *float64 { return &v }
	return []scoring.Criterion{
		{Code: "I", Name: "Thực hành quyền công tố, kiểm sát điều tra", Method: scoring.Group, Max: 20},
		{Code: "1", ParentID: 1, Name: "Tỷ lệ tin báo về tội phạm được giải quyết đúng thời hạn", Method: scoring.Indicator, Max: 6,
			Numerator: "Số tin báo đã giải quyết trong thời hạn", Denominator: "Tổng số tin báo phải giải quyết trong kỳ",
			Direction: scoring.Higher, TargetNA: p(90), TargetSector: p(95), ExceedBonus: 0.5, Below: scoring.Proportional},
		{Code: "2", ParentID: 1, Name: "Tỷ lệ án bị hủy để điều tra lại do lỗi chủ quan", Method: scoring.Indicator, Max: 4,
			Numerator: "Số vụ án bị hủy do lỗi chủ quan", Denominator: "Tổng số vụ án đã giải quyết",
			Direction: scoring.Lower, TargetSector: p(1), Below: scoring.Nothing},
		{Code: "3", ParentID: 1, Name: "Không có bị can bị Tòa án tuyên không phạm tội", Method: scoring.Indicator, Max: 5,
			Numerator: "Số bị can bị Tòa án tuyên không phạm tội", Direction: scoring.Zero, Below: scoring.Nothing},
		{Code: "4", ParentID: 1, Name: "Chất lượng báo cáo án, kháng nghị", Method: scoring.Fixed, Max: 5},
		{Code: "II", Name: "Công tác xây dựng Ngành", Method: scoring.Group, Max: 10},
		{Code: "5", ParentID: 6, Name: "Thực hiện chế độ thông tin, báo cáo", Method: scoring.Fixed, Max: 10},
		{Code: "T", Name: "Điểm thưởng: sáng kiến, mô hình mới được Viện kiểm sát nhân dân tối cao công nhận", Method: scoring.Bonus, Max: 3},
		{Code: "Tr", Name: "Điểm trừ: bị xử lý kỷ luật, vi phạm quy chế nghiệp vụ", Method: scoring.Deduction},
	}
}
