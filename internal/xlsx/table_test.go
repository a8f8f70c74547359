package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"thidua/internal/errs"
	"thidua/internal/scoring"
)

func tioF(v float64) *float64 { return &v }

// tioStored is a table as the store returns it: ids, parents by id.
func tioStored() []scoring.Criterion {
	return []scoring.Criterion{
		{ID: 11, Code: "I", Name: "Thực hành quyền công tố, kiểm sát điều tra", Method: scoring.Group, Max: 30, Below: scoring.Nothing},
		{ID: 12, ParentID: 11, Code: "1", Name: "Thụ lý, giải quyết tố giác, tin báo về tội phạm", Method: scoring.Group, Max: 8.5, Below: scoring.Nothing},
		{ID: 13, ParentID: 12, Code: "1.1", Name: "Tỷ lệ tin báo được giải quyết đúng thời hạn", Method: scoring.Indicator, Max: 6,
			Numerator: "Số tin báo đã giải quyết trong thời hạn", Denominator: "Tổng số tin báo phải giải quyết",
			Direction: scoring.Higher, TargetNA: tioF(90), TargetSector: tioF(95.5), ExceedBonus: 0.5, Below: scoring.Proportional},
		{ID: 14, ParentID: 12, Code: "1.2", Name: "Tỷ lệ án bị hủy do lỗi chủ quan", Method: scoring.Indicator, Max: 2.5,
			Numerator: "Số vụ án bị hủy", Denominator: "Tổng số vụ án", Direction: scoring.Lower, TargetSector: tioF(1), Below: scoring.Nothing},
		{ID: 15, ParentID: 11, Code: "2", Name: "Không có bị can bị Tòa án tuyên không phạm tội", Method: scoring.Indicator, Max: 5,
			Numerator: "Số bị can bị tuyên không phạm tội", Direction: scoring.Zero, Below: scoring.Nothing},
		{ID: 16, ParentID: 11, Code: "3", Name: "Chất lượng kháng nghị, kiến nghị", Method: scoring.Fixed, Max: 16.5, Below: scoring.Nothing},
		{ID: 17, Code: "T", Name: "Điểm thưởng sáng kiến", Method: scoring.Bonus, Max: 5, Below: scoring.Nothing},
		{ID: 18, Code: "Tr", Name: "Điểm trừ kỷ luật", Method: scoring.Deduction, Below: scoring.Nothing},
	}
}

// tioPositional is what ReadTable should give back for rows: parents by
// position, no ids, orders 1…n.
func tioPositional(rows []scoring.Criterion) []scoring.Criterion {
	out := append([]scoring.Criterion(nil), rows...)
	if len(rows) > 0 && rows[0].ID != 0 {
		out = scoring.Table{Criteria: rows}.Positional().Criteria
	}
	for i := range out {
		out[i].Order = i + 1
		if out[i].Below == "" {
			out[i].Below = scoring.Nothing
		}
	}
	return out
}

func tioSame(t *testing.T, got, want []scoring.Criterion) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	t.Fatalf("criteria differ:\ngot  %s\nwant %s", g, w)
}

func tioWrite(t *testing.T, d TableDoc) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTable(&buf, d); err != nil {
		t.Fatal(err)
	}
	if path := os.Getenv("TABLE_OUT"); path != "" { // for looking at it
		_ = os.WriteFile(path, buf.Bytes(), 0o644)
	}
	return buf.Bytes()
}

func tioRead(t *testing.T, b []byte) ([]scoring.Criterion, []Problem) {
	t.Helper()
	rows, problems, err := ReadTable(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("ReadTable: %v", err)
	}
	return rows, problems
}

func tioOpen(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestTableRoundTrip(t *testing.T) {
	stored := tioStored()
	b := tioWrite(t, TableDoc{Year: 2026, Name: "Bảng tiêu chí năm 2026", Level: "Cụm thi đua toàn quốc", VersionNo: 2, Criteria: stored})
	rows, problems := tioRead(t, b)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	tioSame(t, rows, tioPositional(stored))

	// And the rows read back save as they are: the same table again.
	again, problems := tioRead(t, tioWrite(t, TableDoc{Year: 2026, Criteria: rows}))
	if len(problems) > 0 {
		t.Fatalf("second pass problems: %v", problems)
	}
	tioSame(t, again, rows)
}

func TestTableWorkbookLayout(t *testing.T) {
	f := tioOpen(t, tioWrite(t, TableDoc{Year: 2026, Name: "Bảng A", Criteria: tioStored()}))
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{SheetGuide, SheetTable, SheetExample}) {
		t.Fatalf("sheets: %v", got)
	}
	for i, h := range tioHeaders {
		ref, _ := excelize.CoordinatesToCellName(i+1, 1)
		if v, _ := f.GetCellValue(SheetTable, ref); v != h {
			t.Errorf("header %s = %q, want %q", ref, v, h)
		}
	}
	want := []string{"Mã", "Tên tiêu chí", "Mã nhóm cấp trên", "Cách chấm", "Điểm tối đa", "Tử số", "Mẫu số", "Chiều",
		"Chỉ tiêu Quốc hội", "Chỉ tiêu Ngành", "Điểm cộng khi vượt", "Chưa đạt"}
	if !reflect.DeepEqual(tioHeaders[:], want) {
		t.Errorf("headers %v", tioHeaders)
	}
	// Header frozen (with the code and name columns).
	panes, err := f.GetPanes(SheetTable)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 2 {
		t.Errorf("panes: %+v %v", panes, err)
	}
	// Numbers are numbers, codes are text.
	for ref, want := range map[string]excelize.CellType{"E4": excelize.CellTypeNumber, "I4": excelize.CellTypeNumber,
		"J4": excelize.CellTypeNumber, "K4": excelize.CellTypeNumber, "A4": excelize.CellTypeSharedString, "C4": excelize.CellTypeSharedString} {
		got, _ := f.GetCellType(SheetTable, ref)
		if want == excelize.CellTypeNumber && got == excelize.CellTypeUnset {
			got = excelize.CellTypeNumber
		}
		if want == excelize.CellTypeSharedString && got == excelize.CellTypeInlineString {
			got = want
		}
		if got != want {
			t.Errorf("%s type %v, want %v", ref, got, want)
		}
	}
	if v, _ := f.GetCellValue(SheetTable, "J4", excelize.Options{RawCellValue: true}); v != "95.5" {
		t.Errorf("J4 = %q", v)
	}
	if v, _ := f.GetCellValue(SheetTable, "C4"); v != "1" {
		t.Errorf("C4 (parent of 1.1) = %q", v)
	}
	// Times New Roman, codes formatted as text.
	for _, ref := range []string{"A1", "B4", "A4", "E4"} {
		id, _ := f.GetCellStyle(SheetTable, ref)
		st, _ := f.GetStyle(id)
		if st == nil || st.Font == nil || st.Font.Family != Font {
			t.Errorf("%s font: %+v", ref, st)
		}
		if ref == "A4" && st.NumFmt != 49 {
			t.Errorf("A4 number format %d, want 49 (text)", st.NumFmt)
		}
	}
	// Drop-down lists on Cách chấm, Chiều, Chưa đạt.
	dvs, err := f.GetDataValidations(SheetTable)
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[dv.Sqref] = dv.Formula1
	}
	for sq, values := range map[string][]string{"D2:D2001": methodLabels(), "H2:H2001": directionLabels(), "L2:L2001": belowLabels()} {
		f1, ok := lists[sq]
		if !ok {
			t.Errorf("no list on %s (have %v)", sq, lists)
			continue
		}
		for _, v := range values {
			if !strings.Contains(f1, v) {
				t.Errorf("list %s lacks %q: %s", sq, v, f1)
			}
		}
	}
	// The guide explains every column.
	rows, _ := f.GetRows(SheetGuide)
	guide := ""
	for _, r := range rows {
		guide += strings.Join(r, " | ") + "\n"
	}
	for _, s := range append(append(append([]string{"HƯỚNG DẪN", "Bảng A", "Bắt buộc"}, want...), methodLabels()...), directionLabels()...) {
		if !strings.Contains(guide, s) {
			t.Errorf("guide lacks %q", s)
		}
	}
}

func TestTableTemplateAndExample(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTableTemplate(&buf, TableDoc{Year: 2026, Criteria: tioStored()}); err != nil {
		t.Fatal(err)
	}
	f := tioOpen(t, buf.Bytes())
	if rows, _ := f.GetRows(SheetTable); len(rows) != 1 {
		t.Errorf("template has %d rows, want the header only", len(rows))
	}
	_, _, err := ReadTable(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	tioRefused(t, err, MsgFileNoRows)

	// The worked example is itself a valid table.
	rows, problems := tioRead(t, tioWrite(t, TableDoc{Criteria: exampleCriteria()}))
	if len(problems) > 0 {
		t.Fatalf("example problems: %v", problems)
	}
	tioSame(t, rows, tioPositional(exampleCriteria()))
}

// tioHandBuilt is a workbook as people make them: an extra sheet first,
// a sheet name and text in NFD, decimal commas, numbers typed as text,
// a percentage-formatted target, formulas (with and without a stored
// result), labels without diacritics, an empty row inside and styled
// empty rows after the table.
func tioHandBuilt(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	nfd := norm.NFD.String
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Ghi chú"))
	must(f.SetCellValue("Ghi chú", "A1", "Mã"))
	must(f.SetCellValue("Ghi chú", "B1", "Ghi chú của tổ thư ký"))
	sheet := nfd("Bảng tiêu chí")
	_, err := f.NewSheet(sheet)
	must(err)
	must(f.SetCellValue(sheet, "A1", "BẢNG TIÊU CHÍ NĂM 2026 (bản nháp)"))
	header := []any{nfd("Mã"), nfd("Tên tiêu chí"), nfd("Mã nhóm cấp trên"), nfd("Cách chấm"), nfd("Điểm tối đa"), nfd("Tử số"),
		nfd("Mẫu số"), nfd("Chiều"), nfd("Chỉ tiêu Quốc hội"), nfd("Chỉ tiêu Ngành"), nfd("Điểm cộng khi vượt"), nfd("Chưa đạt"), "Ghi chú"}
	must(f.SetSheetRow(sheet, "A3", &header))
	rows := [][]any{
		{"I", nfd("Công tác   kiểm sát\nđiều tra"), nil, nfd("Nhóm tiêu chí"), nil},
		{"1", nfd("Tỷ lệ giải quyết tin báo đúng hạn"), "I", "chi tieu", "6", nfd("Số tin báo đã giải quyết"), nfd("Tổng số tin báo"),
			nfd("càng cao càng tốt"), "90%", 0.955, "0,5", nfd("Tính theo tỷ lệ"), "ghi chú bất kỳ"},
		{},
		{"2", nfd("Chất lượng kháng nghị"), "I", nfd("Chấm trực tiếp"), "98,5"},
		{"3", nfd("Báo cáo đúng hạn"), "I", "fixed", nil},
		{"4", nfd("Ban hành thông báo rút kinh nghiệm"), "I", nfd("Chấm trực tiếp"), nil},
		{"T", nfd("Điểm thưởng"), nil, nfd("ĐIỂM THƯỞNG"), 2},
	}
	for i, r := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, 4+i)
		must(f.SetSheetRow(sheet, ref, &r))
	}
	// 0,955 shown as 95,5 %.
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10})
	must(err)
	must(f.SetCellStyle(sheet, "J5", "J5", pct))
	// A formula with a stored result (as Excel saves it) and one without.
	must(f.SetCellValue(sheet, "E8", 3))
	must(f.SetCellFormula(sheet, "E8", "1+2"))
	must(f.SetCellFormula(sheet, "E9", "2*2"))
	// Trailing rows that are empty but styled, as after deleting content.
	blank, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	must(err)
	must(f.SetCellStyle(sheet, "A20", "L40", blank))
	must(f.SetCellValue(sheet, "B30", "   "))
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

func TestReadTableTolerant(t *testing.T) {
	rows, problems := tioRead(t, tioHandBuilt(t))
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	want := []scoring.Criterion{
		{Code: "I", Name: "Công tác kiểm sát điều tra", Method: scoring.Group, Below: scoring.Nothing, Order: 1},
		{Code: "1", ParentID: 1, Name: "Tỷ lệ giải quyết tin báo đúng hạn", Method: scoring.Indicator, Max: 6,
			Numerator: "Số tin báo đã giải quyết", Denominator: "Tổng số tin báo", Direction: scoring.Higher,
			TargetNA: tioF(90), TargetSector: tioF(95.5), ExceedBonus: 0.5, Below: scoring.Proportional, Order: 2},
		{Code: "2", ParentID: 1, Name: "Chất lượng kháng nghị", Method: scoring.Fixed, Max: 98.5, Below: scoring.Nothing, Order: 3},
		{Code: "3", ParentID: 1, Name: "Báo cáo đúng hạn", Method: scoring.Fixed, Max: 3, Below: scoring.Nothing, Order: 4},
		{Code: "4", ParentID: 1, Name: "Ban hành thông báo rút kinh nghiệm", Method: scoring.Fixed, Max: 4, Below: scoring.Nothing, Order: 5},
		{Code: "T", Name: "Điểm thưởng", Method: scoring.Bonus, Max: 2, Below: scoring.Nothing, Order: 6},
	}
	tioSame(t, rows, want)
	for _, c := range rows {
		if !norm.NFC.IsNormalString(c.Name) || !norm.NFC.IsNormalString(c.Numerator) {
			t.Errorf("%s not NFC: %q", c.Code, c.Name)
		}
	}
}

func tioRefused(t *testing.T, err error, msg string) {
	t.Helper()
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Invalid {
		t.Fatalf("err = %v, want Invalid %q", err, msg)
	}
	if e.Message != msg || e.Fields["file"] != msg {
		t.Fatalf("message\n got %q\nwant %q", e.Message, msg)
	}
}

func tioZip(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, b := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadTableRefusals(t *testing.T) {
	random := make([]byte, 8192)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	random[0] = 0x13
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...)
	encrypted := append(append([]byte{}, ole...), encPackage...)
	good := tioWrite(t, TableDoc{Criteria: tioStored()})
	xlsxParts := func(extra map[string][]byte) map[string][]byte {
		m := map[string][]byte{"[Content_Types].xml": []byte(`<?xml version="1.0"?><Types/>`), "xl/workbook.xml": []byte(`<workbook/>`)}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	many := excelize.NewFile()
	_ = many.SetSheetName("Sheet1", SheetTable)
	_ = many.SetSheetRow(SheetTable, "A1", &[]any{"Mã", "Tên tiêu chí", "Cách chấm"})
	for i := 2; i <= MaxTableRows+2; i++ {
		ref, _ := excelize.CoordinatesToCellName(1, i)
		_ = many.SetSheetRow(SheetTable, ref, &[]any{i, "Tiêu chí", "Chấm trực tiếp"})
	}
	var manyBuf bytes.Buffer
	_ = many.Write(&manyBuf)
	many.Close()
	noHeader := excelize.NewFile()
	_ = noHeader.SetSheetRow("Sheet1", "A1", &[]any{"STT", "Nội dung"})
	var noHeaderBuf bytes.Buffer
	_ = noHeader.Write(&noHeaderBuf)
	noHeader.Close()

	for _, tc := range []struct {
		name string
		data []byte
		size int64 // 0: len(data)
		msg  string
	}{
		{"renamed csv", []byte("Mã,Tên tiêu chí,Cách chấm\nI,Công tác kiểm sát,Nhóm tiêu chí\n"), 0,
			"Tệp tải lên là tệp văn bản (CSV hoặc văn bản được đổi đuôi thành .xlsx), không phải tệp Excel. Hãy mở tệp bằng Excel và lưu lại dưới dạng “Sổ làm việc Excel (*.xlsx)”, hoặc dùng tệp mẫu."},
		{"random bytes", random, 0, "Tệp tải lên không phải là tệp Excel (.xlsx). Hãy tải lên tệp .xlsx theo mẫu."},
		{"zip that is not xlsx", tioZip(t, map[string][]byte{"bao-cao.txt": []byte("xin chào")}), 0,
			"Tệp tải lên là tệp nén nhưng không phải sổ làm việc Excel (.xlsx). Hãy tải lên tệp .xlsx theo mẫu."},
		{"oversize by its size", good, 6 << 20, "Tệp quá lớn (6,0 MB); chỉ nhận tệp Excel tối đa 5 MB."},
		{"oversize by its bytes", append(append([]byte{}, good...), make([]byte, 5<<20)...), -1, MsgFileTooBig(5<<20 + 1)},
		{"pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), 0, MsgFilePDF},
		{"xls", ole, 0, MsgFileXLS},
		{"encrypted xlsx", encrypted, 0, MsgFileEncrypted},
		{"html saved as xls", []byte("\xEF\xBB\xBF  <html><body><table><tr><td>Mã</td></tr></table></body></html>"), 0, MsgFileHTML},
		{"word", tioZip(t, map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "word/document.xml": []byte("<w/>")}), 0, MsgFileWord},
		{"ods", tioZip(t, map[string][]byte{"mimetype": []byte("application/vnd.oasis.opendocument.spreadsheet")}), 0, MsgFileODS},
		{"empty", nil, 0, MsgFileEmpty},
		{"corrupt", append([]byte("PK\x03\x04"), random[:2000]...), 0, MsgFileCorrupt},
		{"zip bomb", tioZip(t, xlsxParts(map[string][]byte{"xl/worksheets/sheet1.xml": make([]byte, 25<<20)})), 0,
			"Tệp Excel khi giải nén lớn hơn 20 MB, quá lớn đối với một bảng tiêu chí. Hãy xóa các trang tính, hình ảnh không cần thiết rồi tải lên lại."},
		{"xlsx parts with broken XML", tioZip(t, xlsxParts(map[string][]byte{"xl/workbook.xml": []byte("<workbook><sheets><sheet name=")})), 0, MsgFileCorrupt},
		{"xlsx without sheets", tioZip(t, xlsxParts(nil)), 0, MsgFileCorrupt},
		{"truncated", good[:len(good)/2], 0, MsgFileCorrupt},
		{"too many rows", manyBuf.Bytes(), 0, "Bảng có hơn 2 000 dòng tiêu chí; mỗi bảng nhập được tối đa 2 000 tiêu chí."},
		{"no header", noHeaderBuf.Bytes(), 0, MsgFileNoSheet},
	} {
		t.Run(tc.name, func(t *testing.T) {
			size := tc.size
			if size == 0 {
				size = int64(len(tc.data))
			}
			rows, problems, err := ReadTable(bytes.NewReader(tc.data), size)
			if rows != nil || problems != nil {
				t.Errorf("rows %v problems %v", rows, problems)
			}
			tioRefused(t, err, tc.msg)
		})
	}
}

// tioSheet is a workbook with the template's header and the given rows.
func tioSheet(t *testing.T, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetName("Sheet1", SheetTable)
	head := make([]any, tioNCols)
	for i, h := range tioHeaders {
		head[i] = h
	}
	if err := f.SetSheetRow(SheetTable, "A1", &head); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(SheetTable, ref, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadTableListsEveryProblem(t *testing.T) {
	b := tioSheet(t,
		[]any{"I", "Công tác kiểm sát", nil, "Nhóm tiêu chí"},
		[]any{"1", "Chất lượng kháng nghị", "I", "Chấm điểm", 5},
		[]any{"2", "Báo cáo đúng hạn", "I", "Chấm trực tiếp", "năm"},
		[]any{"3", "Thông báo rút kinh nghiệm", "IX", "Chấm trực tiếp", 3},
	)
	rows, problems := tioRead(t, b)
	if rows != nil {
		t.Errorf("rows returned with problems: %v", rows)
	}
	want := []Problem{
		{Sheet: SheetTable, Row: 3, Column: "D", Header: "Cách chấm", Value: "Chấm điểm",
			Expected: "một trong “Nhóm tiêu chí”, “Chấm trực tiếp”, “Chỉ tiêu”, “Điểm thưởng”, “Điểm trừ”"},
		{Sheet: SheetTable, Row: 4, Column: "E", Header: "Điểm tối đa", Value: "năm", Expected: "một số (ví dụ 5 hoặc 2,5)"},
		{Sheet: SheetTable, Row: 5, Column: "C", Header: "Mã nhóm cấp trên", Value: "IX",
			Expected: "mã của một dòng “Nhóm tiêu chí” ở phía trên; không có dòng nào mang mã “IX”"},
	}
	if !reflect.DeepEqual(problems, want) {
		t.Fatalf("problems:\n got %+v\nwant %+v", problems, want)
	}
	if s := problems[0].String(); s != "Trang “Bảng tiêu chí”, dòng 3, cột D (Cách chấm): giá trị “Chấm điểm” – cần một trong “Nhóm tiêu chí”, “Chấm trực tiếp”, “Chỉ tiêu”, “Điểm thưởng”, “Điểm trừ”" {
		t.Errorf("String: %s", s)
	}
}

func TestReadTableRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows [][]any
		want []string // "row col: expected" fragments, in order
	}{
		{"duplicate code, missing name", [][]any{
			{"I", "Nhóm", nil, "Nhóm tiêu chí"},
			{"I", nil, nil, "Nhóm tiêu chí"},
		}, []string{"3 A: mã không trùng nhau; mã “I” đã dùng ở dòng 2", "3 B: tên tiêu chí"}},
		{"parent below, parent not a group, parent itself", [][]any{
			{"1", "Tiêu chí", "II", "Chấm trực tiếp", 5},
			{"2", "Tiêu chí", "1", "Chấm trực tiếp", 5},
			{"II", "Nhóm", "II", "Nhóm tiêu chí"},
		}, []string{"2 C: nhóm “II” nằm ở dòng 4, bên dưới dòng này", "3 C: dòng 2 (mã “1”) là “Chấm trực tiếp”", "4 C: không phải mã của chính nó"}},
		{"indicator without its parts", [][]any{
			{"1", "Tỷ lệ", nil, "Chỉ tiêu", 0},
		}, []string{"2 E: lớn hơn 0", "2 F: tử số", "2 H: “Càng cao càng tốt”"}},
		{"indicator without target, bad numbers", [][]any{
			{"1", "Tỷ lệ", nil, "Chỉ tiêu", 5, "Số việc", "Tổng số", "Càng cao càng tốt"},
			{"2", "Tỷ lệ", nil, "Chỉ tiêu", 5, "Số việc", "Tổng số", "Càng cao", "chín mươi", 120, -1, "Trừ hết"},
		}, []string{"2 I: ít nhất một trong hai cột", "3 H: một trong", "3 I: phần trăm", "3 J: không quá 100%", "3 K: số không âm", "3 L: “Không tính điểm”"}},
		{"indicator columns on a fixed row", [][]any{
			{"1", "Tiêu chí", nil, "Chấm trực tiếp", 5, nil, nil, "Càng cao càng tốt", 90},
		}, []string{"2 H: chỉ dùng cho dòng “Chỉ tiêu”", "2 I: chỉ dùng cho dòng “Chỉ tiêu”"}},
		{"group maximum that is not its rows' sum", [][]any{
			{"I", "Nhóm", nil, "Nhóm tiêu chí", 20},
			{"1", "Tiêu chí", "I", "Chấm trực tiếp", 5},
			{"2", "Tiêu chí", "I", "Chấm trực tiếp", "7,5"},
			{"T", "Thưởng", "I", "Điểm thưởng", 5},
		}, []string{"2 E: tổng điểm tối đa của các tiêu chí trong nhóm (12,5), hoặc để trống"}},
		{"missing method, negative max", [][]any{
			{"1", "Tiêu chí", nil, nil, -2},
		}, []string{"2 D: không được để trống", "2 E: số không âm"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, problems := tioRead(t, tioSheet(t, tc.rows...))
			if len(problems) != len(tc.want) {
				t.Fatalf("%d problems, want %d: %+v", len(problems), len(tc.want), problems)
			}
			for i, p := range problems {
				got := strings.TrimSpace(strings.Join([]string{itoaT(p.Row), p.Column}, " ")) + ": " + p.Expected
				head, frag, _ := strings.Cut(tc.want[i], ": ")
				if !strings.HasPrefix(got, head+": ") || !strings.Contains(got, frag) {
					t.Errorf("problem %d = %q, want %q", i, got, tc.want[i])
				}
				if p.Sheet != SheetTable || p.Header == "" {
					t.Errorf("problem %d lacks its place: %+v", i, p)
				}
			}
		})
	}
}

func itoaT(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestReadTableMissingColumns(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"Mã", "Tên tiêu chí", "Cách chấm", "Điểm tối đa", "Mã", "Ghi chú"})
	_ = f.SetSheetRow("Sheet1", "A2", &[]any{"1", "Tiêu chí", "Chấm trực tiếp", 5})
	var buf bytes.Buffer
	_ = f.Write(&buf)
	_, problems := tioRead(t, buf.Bytes())
	var got []string
	for _, p := range problems {
		got = append(got, p.Where()+": "+p.Expected)
	}
	joined := strings.Join(got, "\n")
	for _, s := range []string{"dòng 1, cột E (Mã): mỗi cột chỉ một lần; cột “Mã” đã có ở cột A", "dòng 1: dòng tiêu đề có cột “Mã nhóm cấp trên”", "cột “Chưa đạt”"} {
		if !strings.Contains(joined, s) {
			t.Errorf("missing %q in\n%s", s, joined)
		}
	}
	if len(problems) != 1+8 {
		t.Errorf("%d problems: %s", len(problems), joined)
	}
}

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]float64{"98,5": 98.5, "98.5": 98.5, "1.234,5": 1234.5, "1,234.5": 1234.5, " 90 % ": 90,
		"1.234.567": 1234567, "2\u00a0000": 2000, "-3": -3, "0,25": 0.25} {
		v, _, ok := parseNumber(in)
		if !ok || v != want {
			t.Errorf("parseNumber(%q) = %v %v, want %v", in, v, ok, want)
		}
	}
	for _, in := range []string{"", "%", "năm", "1,2,3.4.5x", "NaN", "Inf"} {
		if _, _, ok := parseNumber(in); ok {
			t.Errorf("parseNumber(%q) accepted", in)
		}
	}
}

func TestReadTableFormulas(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetName("Sheet1", SheetTable)
	head := make([]any, tioNCols)
	for i, h := range tioHeaders {
		head[i] = h
	}
	_ = f.SetSheetRow(SheetTable, "A1", &head)
	for i, r := range [][]any{
		{"1", "Một", nil, "Chấm trực tiếp"},
		{"2", "Hai", nil, "Chấm trực tiếp"},
		{"3", "Ba", nil, "Chấm trực tiếp"},
		{"4", "Bốn", nil, "Chấm trực tiếp"},
	} {
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		_ = f.SetSheetRow(SheetTable, ref, &r)
	}
	// E2 plain; E3 refers to E2 (computed through it); E4 a function over
	// a huge range and E5 a name: neither is computed, both are reported.
	for ref, fm := range map[string]string{"E2": "(1+2)*2", "E3": "$E$2/2", "E4": "SUM(A1:XFC1048575)", "E5": "Diem_chuan"} {
		if err := f.SetCellFormula(SheetTable, ref, fm); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	_ = f.Write(&buf)
	_, problems := tioRead(t, buf.Bytes())
	if len(problems) != 2 {
		t.Fatalf("problems: %+v", problems)
	}
	for i, want := range []struct {
		row   int
		value string
	}{{4, "=SUM(A1:XFC1048575)"}, {5, "=Diem_chuan"}} {
		p := problems[i]
		if p.Row != want.row || p.Column != "E" || p.Value != want.value || !strings.Contains(p.Expected, "không lưu kết quả tính") {
			t.Errorf("problem %d: %+v", i, p)
		}
	}
	// Without E4 and E5 the plain ones are computed.
	_ = f.SetCellFormula(SheetTable, "E4", "")
	_ = f.SetCellValue(SheetTable, "E4", 1)
	_ = f.SetCellFormula(SheetTable, "E5", "")
	_ = f.SetCellValue(SheetTable, "E5", "2,5")
	buf.Reset()
	_ = f.Write(&buf)
	rows, problems := tioRead(t, buf.Bytes())
	if len(problems) > 0 {
		t.Fatalf("problems: %+v", problems)
	}
	var got []float64
	for _, c := range rows {
		got = append(got, c.Max)
	}
	if !reflect.DeepEqual(got, []float64{6, 3, 1, 2.5}) {
		t.Errorf("maxima %v", got)
	}
}

func TestPlainFormula(t *testing.T) {
	for fm, want := range map[string]bool{
		"1+2": true, "(E2+E3)/2": true, "$E$2*10%": true, "-A1^2": true, "2.5*B7": true,
		"SUM(A1:A3)": false, "SUM (A1)": false, "LOG10(5)": false, "A1:B2": false, "Sheet2!A1": false,
		"Diem_chuan": false, "A1,B1": false, `"x"&A1`: false, "INDIRECT(\"A1\")": false, "1E+300": false,
	} {
		if got := plainFormula(fm); got != want {
			t.Errorf("plainFormula(%q) = %v", fm, got)
		}
	}
}

// The last check, scoring.ValidateTable, names each problem's field by
// its key; each must land on its column.
func TestValidateTableFields(t *testing.T) {
	base := func() []scoring.Criterion {
		return []scoring.Criterion{
			{ID: 1, Code: "I", Name: "Nhóm", Method: scoring.Group},
			{ID: 2, ParentID: 1, Code: "1", Name: "Tỷ lệ", Method: scoring.Indicator, Max: 5, Numerator: "Số việc",
				Direction: scoring.Higher, TargetSector: tioF(90)},
		}
	}
	for _, tc := range []struct {
		name  string
		spoil func(c []scoring.Criterion)
		col   tioCol
	}{
		{"no code", func(c []scoring.Criterion) { c[1].Code = "" }, colCode},
		{"same code", func(c []scoring.Criterion) { c[1].Code = "I" }, colCode},
		{"no name", func(c []scoring.Criterion) { c[1].Name = "" }, colName},
		{"parent not a group", func(c []scoring.Criterion) { c[0].Method = scoring.Fixed; c[0].Max = 5 }, colParent},
		{"no maximum", func(c []scoring.Criterion) { c[1].Max = 0 }, colMax},
		{"no direction", func(c []scoring.Criterion) { c[1].Direction = "" }, colDirection},
		{"no numerator", func(c []scoring.Criterion) { c[1].Numerator = "" }, colNumerator},
		{"no target", func(c []scoring.Criterion) { c[1].TargetSector = nil }, colTargetNA},
		{"negative target", func(c []scoring.Criterion) { c[1].TargetNA = tioF(-1) }, colTargetNA},
		{"unknown method", func(c []scoring.Criterion) { c[1].Method = "other" }, colMethod},
		{"group sum", func(c []scoring.Criterion) { c[0].Max = 7 }, colMax},
	} {
		rows := base()
		tc.spoil(rows)
		err := scoring.ValidateTable(scoring.Table{Name: "Bảng", Criteria: rows})
		e, ok := errs.As(err)
		if !ok || len(e.Problems) == 0 {
			t.Errorf("%s: ValidateTable = %v", tc.name, err)
			continue
		}
		for _, p := range e.Problems {
			if i, col, ok := tableField(p.Field); i < 1 || !ok || col != tc.col {
				t.Errorf("%s: %q → row %d column %v %v, want %v", tc.name, p.Field, i, col, ok, tc.col)
			}
		}
	}
}
