package xlsx

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"thidua/internal/errs"
	"thidua/internal/scoring"
)

// Sheets of the criteria table workbook: the instructions first, then the
// table the board fills in, then a small worked example.
const (
	SheetGuide   = "Hướng dẫn"
	SheetTable   = "Bảng tiêu chí"
	SheetExample = "Ví dụ"
)

// Limits on an uploaded criteria table.
const (
	MaxTableFileSize = 5 << 20 // bytes of the .xlsx file
	MaxTableRows     = 2000    // criteria (non-empty rows)
	// A workbook may unzip to at most this much (zip bombs), and parts
	// larger than tioUnzipXMLLimit are spooled to a temporary file.
	tioUnzipLimit    = 20 << 20
	tioUnzipXMLLimit = 10 << 20
	tioMaxZipEntries = 2000
	tioHeaderScan    = 20 // rows searched for the header
	tioValueRunes    = 120
	tioMaxCalc       = 500     // formulas without a stored result computed per file
	tioLookupLimit   = 4 << 20 // worksheets up to this size (XML) may be loaded whole
)

// TableDoc is a criteria table as the workbook shows it.
type TableDoc struct {
	Year      int
	Name      string // empty for the blank template
	Level     string // label: "Cụm thi đua toàn quốc", "Khối thi đua trong tỉnh"
	UnitType  string // label, empty for every type
	VersionNo int
	// Criteria in display order. ParentID names the parent's ID, as stored;
	// when no row has an ID, ParentID is the parent's 1-based position.
	Criteria []scoring.Criterion
}

// The workbook's columns, in template order.
type tioCol int

const (
	colCode tioCol = iota
	colName
	colParent
	colMethod
	colMax
	colNumerator
	colDenominator
	colDirection
	colTargetNA
	colTargetSector
	colExceed
	colBelow
	tioNCols
)

var tioHeaders = [tioNCols]string{"Mã", "Tên tiêu chí", "Mã nhóm cấp trên", "Cách chấm", "Điểm tối đa", "Tử số", "Mẫu số",
	"Chiều", "Chỉ tiêu Quốc hội", "Chỉ tiêu Ngành", "Điểm cộng khi vượt", "Chưa đạt"}

var tioWidths = [tioNCols]float64{9, 48, 12, 17, 10, 34, 34, 20, 11, 11, 11, 18}

// tioAliases are other headers people give the same columns.
var tioAliases = map[string]tioCol{}

func init() {
	for i, h := range tioHeaders {
		tioAliases[fold(h)] = tioCol(i)
	}
	for h, c := range map[string]tioCol{
		"Mã tiêu chí": colCode, "Mã số": colCode, "Tên": colName, "Nội dung tiêu chí": colName, "Tiêu chí": colName,
		"Mã cấp trên": colParent, "Nhóm cấp trên": colParent, "Mã nhóm": colParent, "Thuộc nhóm": colParent,
		"Phương pháp chấm": colMethod, "Điểm": colMax, "Điểm chuẩn": colMax, "Chiều đánh giá": colDirection,
		"Chỉ tiêu QH": colTargetNA, "Chỉ tiêu của Quốc hội": colTargetNA, "Chỉ tiêu của Ngành": colTargetSector,
		"Điểm cộng": colExceed, "Điểm vượt": colExceed, "Khi chưa đạt": colBelow,
	} {
		tioAliases[fold(h)] = c
	}
}

// Allowed values of the enumerated columns.
var (
	tioMethods    = []scoring.Method{scoring.Group, scoring.Fixed, scoring.Indicator, scoring.Bonus, scoring.Deduction}
	tioDirections = []scoring.Direction{scoring.Higher, scoring.Lower, scoring.Zero}
	tioBelows     = []scoring.BelowRule{scoring.Nothing, scoring.Proportional}
)

// DirectionLabel is the workbook's word for a direction.
func DirectionLabel(d scoring.Direction) string {
	switch d {
	case scoring.Higher:
		return "Càng cao càng tốt"
	case scoring.Lower:
		return "Càng thấp càng tốt"
	case scoring.Zero:
		return "Bằng 0"
	}
	return string(d)
}

// BelowLabel is the workbook's word for what a missed target earns.
func BelowLabel(b scoring.BelowRule) string {
	switch b {
	case scoring.Proportional:
		return "Tính theo tỷ lệ"
	case scoring.Nothing:
		return "Không tính điểm"
	}
	return string(b)
}

func methodLabels() []string {
	out := make([]string, len(tioMethods))
	for i, m := range tioMethods {
		out[i] = m.Label()
	}
	return out
}

func directionLabels() []string {
	out := make([]string, len(tioDirections))
	for i, d := range tioDirections {
		out[i] = DirectionLabel(d)
	}
	return out
}

func belowLabels() []string {
	out := make([]string, len(tioBelows))
	for i, b := range tioBelows {
		out[i] = BelowLabel(b)
	}
	return out
}

// ---------------------------------------------------------------------
// Writing

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

// newTemplate starts an import template: Times New Roman, the shared
// styles, and its sheets in order (the first is the one a new file has).
func newTemplate(sheets ...string) (*excelize.File, tioStyles, error) {
	f := excelize.NewFile()
	var st tioStyles
	err := f.SetDefaultFont(Font)
	if err == nil {
		st, err = newTioStyles(f)
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

type tioStyles struct {
	title, subtitle, text, bold, th                 int
	td, code, number, grp, grpCode, grpNum          int
	colText, colPlain, colNumber, guideTh, guideTd  int
	guideTdBold, guideTdCenter, guideNote, guideSep int
}

func newTioStyles(f *excelize.File) (tioStyles, error) {
	var s tioStyles
	font := func(size float64, bold, italic bool) *excelize.Font {
		return &excelize.Font{Family: Font, Size: size, Bold: bold, Italic: italic}
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	fill := func(color string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	top := func(h string) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "top", WrapText: true}
	}
	textFmt := 49 // "@": what is typed stays text, so "1.1" is not turned into a number or a date
	grey := fill("F2F2F2")
	defs := []struct {
		id *int
		s  excelize.Style
	}{
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
	for _, d := range defs {
		var err error
		if *d.id, err = f.NewStyle(&d.s); err != nil {
			return s, err
		}
	}
	return s, nil
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

// groupDigits writes 2000 as "2 000" (the grouping used in the messages).
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + " " + s[i:]
	}
	return s
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

func writeTioGuide(f *excelize.File, st tioStyles, d TableDoc) error {
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
func writeTioSheet(f *excelize.File, st tioStyles, sheet string, rows []scoring.Criterion, lists bool) error {
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

// ---------------------------------------------------------------------
// Reading

// MsgFileTooManyRows is the refusal of a table with too many criteria.
var MsgFileTooManyRows = fmt.Sprintf("Bảng có hơn %s dòng tiêu chí; mỗi bảng nhập được tối đa %s tiêu chí.", groupDigits(MaxTableRows), groupDigits(MaxTableRows))

// ReadTable reads a criteria table from an uploaded workbook. size is the
// upload's declared size (-1 if unknown); at most MaxTableFileSize bytes
// are read whatever it says.
//
// A file that cannot be a criteria table (too big, not an .xlsx, corrupt,
// encrypted, a zip bomb, no sheet with the header, too many rows) is
// refused with an errs.Invalid error whose message says why in
// Vietnamese. Otherwise every problem in the rows is collected — sheet,
// row, column, value found, value expected — rather than stopping at the
// first; rows are returned only when there are none. Rows name their
// parent by 1-based position (scoring.Table.Positional), ready for
// app.SaveTable.
func ReadTable(r io.Reader, size int64) (rows []scoring.Criterion, problems []Problem, err error) {
	defer func() { // a parser's panic on a malformed file is a corrupt file, not a crash
		if p := recover(); p != nil {
			notePanic(p)
			rows, problems, err = nil, nil, refuse(MsgFileCorrupt)
		}
	}()
	f, sheetXML, err := openUpload(r, size, MsgFileEmpty, MsgFileBomb)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	// Looking a cell up (its formula, its number format) loads the whole
	// sheet into memory, about 20 times its XML; only for sheets of a
	// size a real table has.
	tr := &tableReader{f: f, lean: sheetXML > tioLookupLimit}
	if err := tr.read(); err != nil {
		return nil, nil, err
	}
	if rows, problems = tr.criteria(); len(problems) > 0 {
		return nil, problems, nil
	}
	return rows, nil, nil
}

// tableReader reads the sheet of a workbook that holds the table.
type tableReader struct {
	f       *excelize.File
	lean    bool            // the sheet is too big to load: no formulas computed, no number formats looked at
	sheet   string          // as the workbook names it
	label   string          // the same in NFC, for messages
	header  int             // the header's row number
	cols    [tioNCols]int   // 0-based column of each field, -1 if missing
	extra   []Problem       // header problems: missing, repeated columns
	rows    []tioRow        // the non-empty rows under the header
	calc    map[string]bool // cells whose value was computed here from their formula
	pending map[string]bool // cells whose formula has no stored result and was not computed
}

type tioRow struct {
	n     int
	cells [tioNCols]string
}

// findHeader finds the header row in a sheet's first rows: the first with
// "Mã", "Tên tiêu chí" and "Cách chấm". ok is false when there is none.
func (tr *tableReader) findHeader(sheet string) (row int, cols [tioNCols]int, extra []Problem, ok bool, err error) {
	rows, err := tr.f.Rows(sheet)
	if err != nil {
		return 0, cols, nil, false, err
	}
	defer rows.Close()
	for n := 1; n <= tioHeaderScan && rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return 0, cols, nil, false, err
		}
		for i := range cols {
			cols[i] = -1
		}
		extra = extra[:0]
		for j, v := range cells {
			k, known := tioAliases[fold(v)]
			if !known {
				continue
			}
			if cols[k] >= 0 {
				extra = append(extra, Problem{Sheet: norm.NFC.String(sheet), Row: n, Column: colLetter(j), Header: clean(v), Value: clean(v),
					Expected: fmt.Sprintf("mỗi cột chỉ một lần; cột “%s” đã có ở cột %s", tioHeaders[k], colLetter(cols[k]))})
				continue
			}
			cols[k] = j
		}
		if cols[colCode] >= 0 && cols[colName] >= 0 && cols[colMethod] >= 0 {
			for k, j := range cols {
				if j < 0 {
					extra = append(extra, Problem{Sheet: norm.NFC.String(sheet), Row: n, Expected: fmt.Sprintf("dòng tiêu đề có cột “%s” (xem tệp mẫu)", tioHeaders[k])})
				}
			}
			return n, cols, extra, true, rows.Error()
		}
	}
	return 0, cols, nil, false, rows.Error()
}

// read picks the sheet and reads its rows.
func (tr *tableReader) read() error {
	sheets := tr.f.GetSheetList()
	order := make([]string, 0, len(sheets))
	for _, s := range sheets { // the named sheet first, then the others in order
		if fold(s) == fold(SheetTable) {
			order = append([]string{s}, order...)
		} else if fold(s) != fold(SheetGuide) && fold(s) != fold(SheetExample) {
			order = append(order, s)
		}
	}
	for _, s := range order {
		row, cols, extra, ok, err := tr.findHeader(s)
		if err == nil && ok { // a sheet that cannot be read (a chart sheet) is passed over
			tr.sheet, tr.label, tr.header, tr.cols, tr.extra = s, norm.NFC.String(s), row, cols, extra
			break
		}
	}
	if tr.sheet == "" {
		return refuse(MsgFileNoSheet)
	}
	rows, err := tr.f.Rows(tr.sheet)
	if err != nil {
		return refuse(MsgFileCorrupt)
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return refuse(MsgFileCorrupt)
		}
		if n <= tr.header {
			continue
		}
		row := tioRow{n: n}
		blank := true
		for k, j := range tr.cols {
			if j >= 0 && j < len(cells) {
				if bad := badText(tr.label, n, j, tioHeaders[k], cells[j]); bad != nil {
					tr.extra = append(tr.extra, *bad)
				}
				row.cells[k] = clean(cells[j])
				blank = blank && row.cells[k] == ""
			}
		}
		if blank {
			continue
		}
		if len(tr.rows) == MaxTableRows {
			return refuse(MsgFileTooManyRows)
		}
		tr.rows = append(tr.rows, row)
	}
	if rows.Error() != nil {
		return refuse(MsgFileCorrupt)
	}
	if len(tr.rows) == 0 {
		return refuse(MsgFileNoRows)
	}
	tr.computeFormulas()
	return nil
}

// computeFormulas fills the empty cells that hold a formula with no
// stored result (files written by programs; Excel and LibreOffice store
// results) by computing it — only plain arithmetic on cells, and only so
// many: a function or a range could make an uploaded file cost minutes
// or gigabytes (=SUM(A1:XFC1048575)). Other formulas are reported.
func (tr *tableReader) computeFormulas() {
	tr.calc, tr.pending = map[string]bool{}, map[string]bool{}
	if tr.lean {
		return
	}
	budget := tioMaxCalc
	for i := range tr.rows {
		row := &tr.rows[i]
		for k, j := range tr.cols {
			if j < 0 || row.cells[k] != "" {
				continue
			}
			ref := tr.ref(row.n, j)
			fm, err := tr.f.GetCellFormula(tr.sheet, ref)
			if err != nil || fm == "" {
				continue
			}
			v := ""
			if budget > 0 && tr.plainTree(fm, map[string]bool{ref: true}) {
				budget--
				v, err = tr.f.CalcCellValue(tr.sheet, ref, excelize.Options{RawCellValue: true, MaxCalcIterations: 0})
			}
			if err != nil || v == "" {
				row.cells[k] = clean("=" + fm)
				tr.pending[ref] = true
				continue
			}
			row.cells[k] = clean(v)
			tr.calc[ref] = true
		}
	}
}

// plainFormula reports whether a formula is arithmetic on numbers and
// single cells of the same sheet: no functions, no names (which may stand
// for ranges), no ranges, no other sheets.
func plainFormula(fm string) bool {
	if len(fm) > 200 {
		return false
	}
	afterOperand := false // a "(" right after a number or cell is a call
	for _, tok := range formulaTokens.FindAllString(fm, -1) {
		switch {
		case strings.TrimSpace(tok) == "":
		case tok == "(":
			if afterOperand {
				return false
			}
		case tok == ")" || tok == "%":
			afterOperand = true
		case strings.Contains("+-*/^", tok):
			afterOperand = false
		case numberToken.MatchString(tok) || cellToken.MatchString(tok):
			afterOperand = true
		default:
			return false
		}
	}
	return strings.Join(formulaTokens.FindAllString(fm, -1), "") == fm
}

// plainTree reports whether a formula and every formula it reaches
// through its cells are plain, within a small number of cells.
func (tr *tableReader) plainTree(fm string, seen map[string]bool) bool {
	if !plainFormula(fm) || len(seen) > 50 {
		return false
	}
	for _, tok := range formulaTokens.FindAllString(fm, -1) {
		if !cellToken.MatchString(tok) {
			continue
		}
		ref := strings.ToUpper(strings.ReplaceAll(tok, "$", ""))
		if seen[ref] {
			return false // a circle
		}
		seen[ref] = true
		sub, err := tr.f.GetCellFormula(tr.sheet, ref)
		if err != nil || sub != "" && !tr.plainTree(sub, seen) {
			return false
		}
	}
	return true
}

var (
	formulaTokens = regexp.MustCompile(`[A-Za-z0-9$.]+|[-+*/^()%]|\s+`)
	numberToken   = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)
	cellToken     = regexp.MustCompile(`^\$?[A-Za-z]{1,3}\$?[1-9][0-9]{0,6}$`)
)

func (tr *tableReader) ref(row, col int) string {
	ref, _ := excelize.CoordinatesToCellName(col+1, row)
	return ref
}

// numberFormat reports whether a number cell is shown as a percentage or
// as a date.
func (tr *tableReader) numberFormat(ref string) (percent, date bool) {
	if tr.lean {
		return false, false
	}
	switch t, _ := tr.f.GetCellType(tr.sheet, ref); t {
	case excelize.CellTypeUnset, excelize.CellTypeNumber, excelize.CellTypeDate:
	default:
		return false, false
	}
	idx, err := tr.f.GetCellStyle(tr.sheet, ref)
	if err != nil {
		return false, false
	}
	st, err := tr.f.GetStyle(idx)
	if err != nil || st == nil {
		return false, false
	}
	if st.CustomNumFmt != nil {
		code := stripFormatLiterals(*st.CustomNumFmt)
		return strings.Contains(code, "%"), strings.ContainsAny(strings.ToLower(code), "dmy")
	}
	switch n := st.NumFmt; {
	case n == 9 || n == 10:
		return true, false
	case n >= 14 && n <= 22, n >= 27 && n <= 36, n >= 45 && n <= 47, n >= 50 && n <= 58:
		return false, true
	}
	return false, false
}

// stripFormatLiterals removes quoted text, [colour]/[locale] sections and
// escaped characters from a number format code.
func stripFormatLiterals(code string) string {
	if strings.EqualFold(code, "general") {
		return ""
	}
	var b strings.Builder
	quoted, bracket, escape := false, false, false
	for _, r := range code {
		switch {
		case escape:
			escape = false
		case quoted:
			quoted = r != '"'
		case bracket:
			bracket = r != ']'
		case r == '"':
			quoted = true
		case r == '[':
			bracket = true
		case r == '\\' || r == '_' || r == '*':
			escape = true
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// matchLabel finds a value among labels, loosely (case and diacritics
// aside), also accepting the stored English word.
func matchLabel[T ~string](s string, values []T, label func(T) string) (T, bool) {
	fs := fold(s)
	for _, v := range values {
		if fs == fold(label(v)) || fs == fold(string(v)) {
			return v, true
		}
	}
	var zero T
	return zero, false
}

func quoteList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "“" + v + "”"
	}
	return strings.Join(q, ", ")
}

// criteria turns the rows into criteria, collecting every problem.
func (tr *tableReader) criteria() ([]scoring.Criterion, []Problem) {
	problems := append([]Problem(nil), tr.extra...)
	reported := map[[2]int]bool{} // one problem per cell: the first found
	add := func(row tioRow, k tioCol, expected string) {
		if reported[[2]int{row.n, int(k)}] {
			return
		}
		reported[[2]int{row.n, int(k)}] = true
		p := Problem{Sheet: tr.label, Row: row.n, Header: tioHeaders[k], Value: row.cells[k], Expected: expected}
		if j := tr.cols[k]; j >= 0 {
			p.Column = colLetter(j)
		}
		if r := []rune(p.Value); len(r) > tioValueRunes {
			p.Value = string(r[:tioValueRunes]) + "…"
		}
		problems = append(problems, p)
	}
	out := make([]scoring.Criterion, len(tr.rows))
	methodOK := make([]bool, len(tr.rows))
	maxBad := make([]bool, len(tr.rows)) // a maximum that could not be read
	firstRow := map[string]int{}         // code → index of its first row
	for i, row := range tr.rows {
		c := scoring.Criterion{Order: i + 1, Below: scoring.Nothing}
		v := row.cells
		for k, j := range tr.cols {
			if j >= 0 && tr.pending[tr.ref(row.n, j)] {
				add(row, tioCol(k), "giá trị của công thức, nhưng tệp không lưu kết quả tính – hãy mở tệp bằng Excel, "+
					"để Excel tính lại rồi lưu, hoặc thay công thức bằng giá trị")
			}
		}
		// Codes typed into a General cell can be turned into dates by Excel.
		for _, k := range []tioCol{colCode, colParent} {
			if _, _, isNum := parseNumber(v[k]); isNum && tr.cols[k] >= 0 {
				if _, date := tr.numberFormat(tr.ref(row.n, tr.cols[k])); date {
					add(row, k, "mã dạng văn bản; Excel đã đổi mã thành ngày tháng – hãy định dạng cột là Văn bản (Text) rồi gõ lại mã")
					v[k] = ""
					tr.rows[i].cells[k] = ""
				}
			}
		}
		c.Code, c.Name = v[colCode], v[colName]
		switch j, dup := firstRow[c.Code]; {
		case c.Code == "":
			add(row, colCode, "mã tiêu chí (ví dụ I, 1, 1.1), không được để trống")
		case dup:
			add(row, colCode, fmt.Sprintf("mã không trùng nhau; mã “%s” đã dùng ở dòng %d", c.Code, tr.rows[j].n))
		default:
			firstRow[c.Code] = i
		}
		if c.Name == "" {
			add(row, colName, "tên tiêu chí, không được để trống")
		}
		if m, ok := matchLabel(v[colMethod], tioMethods, scoring.Method.Label); ok {
			c.Method, methodOK[i] = m, true
		} else if v[colMethod] == "" {
			add(row, colMethod, "cách chấm, không được để trống: một trong "+quoteList(methodLabels()))
		} else {
			add(row, colMethod, "một trong "+quoteList(methodLabels()))
		}
		indicator := c.Method == scoring.Indicator

		// Điểm tối đa.
		if v[colMax] != "" {
			n, _, ok := parseNumber(v[colMax])
			maxBad[i] = !ok || n < 0
			switch {
			case !ok:
				add(row, colMax, "một số (ví dụ 5 hoặc 2,5)")
			case n < 0:
				add(row, colMax, "số không âm")
			case n == 0 && c.Scored():
				add(row, colMax, "số điểm lớn hơn 0 (bắt buộc với “Chấm trực tiếp” và “Chỉ tiêu”)")
			default:
				c.Max = round9(n)
			}
		} else if c.Scored() {
			add(row, colMax, "số điểm lớn hơn 0 (bắt buộc với “Chấm trực tiếp” và “Chỉ tiêu”)")
		}

		// The indicator's own columns.
		c.Numerator, c.Denominator = v[colNumerator], v[colDenominator]
		if methodOK[i] && !indicator {
			for _, k := range []tioCol{colNumerator, colDenominator, colDirection, colTargetNA, colTargetSector, colExceed, colBelow} {
				if v[k] != "" {
					add(row, k, "ô trống: cột này chỉ dùng cho dòng “Chỉ tiêu” (dòng này là “"+c.Method.Label()+"”)")
				}
			}
			c.Numerator, c.Denominator = "", ""
			out[i] = c
			continue
		}
		if indicator && c.Numerator == "" {
			add(row, colNumerator, "nội dung được đếm (tử số), bắt buộc với “Chỉ tiêu”")
		}
		if d, ok := matchLabel(v[colDirection], tioDirections, DirectionLabel); ok {
			c.Direction = d
		} else if v[colDirection] != "" || indicator {
			add(row, colDirection, "một trong "+quoteList(directionLabels())+" (bắt buộc với “Chỉ tiêu”)")
		}
		rate := c.Denominator != "" && c.Direction != scoring.Zero
		for _, k := range []tioCol{colTargetNA, colTargetSector} {
			if v[k] == "" {
				continue
			}
			n, pct, ok := parseNumber(v[k])
			if ok && !pct && tr.cols[k] >= 0 {
				if p, _ := tr.numberFormat(tr.ref(row.n, tr.cols[k])); p && !tr.calc[tr.ref(row.n, tr.cols[k])] {
					n = round9(n * 100) // 90 % is stored as 0.9
				}
			}
			switch {
			case !ok:
				add(row, k, "một số theo phần trăm (ví dụ 90 hoặc 90%), hoặc để trống")
				continue
			case n < 0:
				add(row, k, "số không âm")
				continue
			case rate && n > 100:
				add(row, k, "tỷ lệ không quá 100%")
				continue
			}
			n = round9(n)
			if k == colTargetNA {
				c.TargetNA = &n
			} else {
				c.TargetSector = &n
			}
		}
		if indicator && c.Direction != "" && c.Direction != scoring.Zero && c.TargetNA == nil && c.TargetSector == nil &&
			v[colTargetNA] == "" && v[colTargetSector] == "" {
			add(row, colTargetNA, "chỉ tiêu của Quốc hội hoặc của Ngành (ít nhất một trong hai cột), trừ chiều “Bằng 0”")
		}
		if v[colExceed] != "" {
			n, _, ok := parseNumber(v[colExceed])
			switch {
			case !ok:
				add(row, colExceed, "một số điểm (ví dụ 0,5), hoặc để trống")
			case n < 0:
				add(row, colExceed, "số không âm")
			default:
				c.ExceedBonus = round9(n)
			}
		}
		if v[colBelow] != "" {
			if b, ok := matchLabel(v[colBelow], tioBelows, BelowLabel); ok {
				c.Below = b
			} else {
				add(row, colBelow, "một trong "+quoteList(belowLabels())+", hoặc để trống (Không tính điểm)")
			}
		}
		out[i] = c
	}

	// Parents: an earlier group, named by its code.
	before := len(problems)
	for i, row := range tr.rows {
		p := row.cells[colParent]
		if p == "" {
			continue
		}
		j, ok := firstRow[p]
		switch {
		case p == out[i].Code && j == i:
			add(row, colParent, "mã của nhóm chứa dòng này, không phải mã của chính nó")
		case !ok:
			add(row, colParent, fmt.Sprintf("mã của một dòng “Nhóm tiêu chí” ở phía trên; không có dòng nào mang mã “%s”", p))
		case j > i:
			add(row, colParent, fmt.Sprintf("mã của một nhóm ở phía trên; nhóm “%s” nằm ở dòng %d, bên dưới dòng này", p, tr.rows[j].n))
		case methodOK[j] && out[j].Method != scoring.Group:
			add(row, colParent, fmt.Sprintf("mã của một dòng “Nhóm tiêu chí”; dòng %d (mã “%s”) là “%s”", tr.rows[j].n, p, out[j].Method.Label()))
		default:
			out[i].ParentID = int64(j + 1)
		}
	}
	parentBad := len(problems) > before
	// A group's maximum, when given, is its rows' maxima added up (rows
	// that failed above are not added, so no second message about them).
	sums, unsure := make([]float64, len(out)), make([]bool, len(out))
	for i, c := range out {
		if c.ParentID > 0 {
			j := c.ParentID - 1
			unsure[j] = unsure[j] || maxBad[i] || !methodOK[i]
			if c.Scored() || c.Method == scoring.Group {
				sums[j] += c.Max
			}
		}
	}
	for i, c := range out {
		if c.Method == scoring.Group && c.Max != 0 && !parentBad && !unsure[i] && math.Abs(sums[i]-c.Max) > 1e-9 {
			add(tr.rows[i], colMax, fmt.Sprintf("tổng điểm tối đa của các tiêu chí trong nhóm (%s), hoặc để trống",
				scoring.FormatNumber(sums[i])))
		}
	}
	if len(problems) > 0 {
		return nil, tr.sorted(problems)
	}
	// The domain's own rules, as a last check; each message goes back to
	// its sheet row and, where it names one, its column.
	check := scoring.Table{Name: SheetTable, Criteria: make([]scoring.Criterion, len(out))}
	for i, c := range out {
		c.ID = int64(i + 1)
		check.Criteria[i] = c
	}
	if err := scoring.ValidateTable(check); err != nil {
		e, ok := errs.As(err)
		if !ok {
			return nil, []Problem{{Sheet: tr.label, Expected: err.Error()}}
		}
		for field, msg := range e.Fields {
			idx, err := strconv.Atoi(strings.TrimPrefix(field, "criteria."))
			if err != nil || idx < 1 || idx > len(tr.rows) {
				problems = append(problems, Problem{Sheet: tr.label, Expected: msg})
				continue
			}
			row := tr.rows[idx-1]
			if _, rest, ok := strings.Cut(msg, ": "); ok {
				msg = rest
			}
			if k, ok := validateColumn(msg); ok {
				add(row, k, strings.TrimSuffix(msg, "."))
			} else {
				problems = append(problems, Problem{Sheet: tr.label, Row: row.n, Expected: strings.TrimSuffix(msg, ".")})
			}
		}
		return nil, tr.sorted(problems)
	}
	return out, nil
}

// validateColumn is the column a scoring.ValidateTable message is about.
func validateColumn(msg string) (tioCol, bool) {
	for _, m := range []struct {
		part string
		col  tioCol
	}{
		{"cấp trên", colParent}, {"bị trùng", colCode}, {"mã tiêu chí", colCode}, {"tên tiêu chí", colName},
		{"điểm tối đa", colMax}, {"điểm không được âm", colMax}, {"chiều đánh giá", colDirection}, {"tử số", colNumerator},
		{"chỉ tiêu của Quốc hội", colTargetNA}, {"chỉ tiêu không được âm", colTargetNA}, {"cách chấm", colMethod},
	} {
		if strings.Contains(msg, m.part) {
			return m.col, true
		}
	}
	return 0, false
}

// sorted orders problems by row, then by column as they stand in the sheet.
func (tr *tableReader) sorted(ps []Problem) []Problem {
	col := func(p Problem) int {
		if p.Column == "" {
			return -1
		}
		n, _ := excelize.ColumnNameToNumber(p.Column)
		return n
	}
	sort.SliceStable(ps, func(a, b int) bool {
		if ps[a].Row != ps[b].Row {
			return ps[a].Row < ps[b].Row
		}
		return col(ps[a]) < col(ps[b])
	})
	return ps
}
