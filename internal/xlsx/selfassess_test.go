package xlsx

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"thidua/internal/scoring"
)

// selfDoc is a unit's template over the test table, with one saved entry.
func selfDoc() SelfDoc {
	return SelfDoc{UnitID: 7, UnitCode: "VKS-TH", UnitName: "Viện kiểm sát nhân dân tỉnh Thanh Hóa", Year: 2026,
		TableID: 3, TableName: "Bảng tiêu chí cụm 4 năm 2026", TableVersion: 2, StatusLabel: "Đang tự chấm",
		Table:   scoring.Table{ID: 3, Year: 2026, Name: "Bảng tiêu chí cụm 4 năm 2026", Criteria: tioStored()},
		Entries: map[int64]scoring.Entry{16: {CriterionID: 16, Score: tioF(10), Explanation: "Đã lưu trước"}},
	}
}

func selfWrite(t testing.TB, d SelfDoc) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSelfTemplate(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// selfFill types into a template as a user does: numbers, text with a
// decimal comma, a formula without a stored result, the list value.
func selfFill(t testing.TB, book []byte, cells map[string]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for ref, v := range cells {
		if s, ok := v.(string); ok && strings.HasPrefix(s, "=") {
			err = f.SetCellFormula(SheetSelf, ref, s[1:])
		} else {
			err = f.SetCellValue(SheetSelf, ref, v)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// selfFilled is the template filled in: rows 6… follow tioStored's order
// (I, 1, 1.1, 1.2, 2, 3, T, Tr).
var selfFilled = map[string]any{
	"G8": 180, "H8": "200", // 1.1: a rate, the denominator typed as text
	"I9": NotArisenLabel, "J9": "Năm 2026 không có vụ án nào bị hủy", // 1.2 không phát sinh
	"G10": "=0*5",                                                          // 2: a count, by a formula with no stored result
	"F11": "12,5", "J11": "Kháng nghị đúng", "K11": "Báo cáo số 12/BC-VKS", // 3: fixed, decimal comma, replaces the saved 10
	"F12": 2, "J12": "Sáng kiến cấp ngành", // T: bonus with its explanation
}

func selfWant() map[int64]scoring.Entry {
	return map[int64]scoring.Entry{
		13: {CriterionID: 13, Numerator: tioF(180), Denominator: tioF(200)},
		14: {CriterionID: 14, NotArisen: true, Explanation: "Năm 2026 không có vụ án nào bị hủy"},
		15: {CriterionID: 15, Numerator: tioF(0)},
		16: {CriterionID: 16, Score: tioF(12.5), Explanation: "Kháng nghị đúng", Evidence: "Báo cáo số 12/BC-VKS"},
		17: {CriterionID: 17, Score: tioF(2), Explanation: "Sáng kiến cấp ngành"},
		18: {CriterionID: 18},
	}
}

func TestSelfRoundTrip(t *testing.T) {
	d := selfDoc()
	up, problems, err := ReadSelf(bytes.NewReader(selfFill(t, selfWrite(t, d), selfFilled)), -1)
	if err != nil || len(problems) > 0 {
		t.Fatalf("read: %v %v", err, problems)
	}
	target := SelfTarget{UnitID: 7, UnitName: d.UnitName, Year: 2026, TableID: 3, TableName: d.TableName, TableVersion: 2}
	if m := up.Mismatch(target); m != "" {
		t.Fatalf("own template refused: %s", m)
	}
	got, problems := SelfEntries(up, d.Table, nil)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if want := selfWant(); !reflect.DeepEqual(got, want) {
		t.Errorf("entries\n got %+v\nwant %+v", got, want)
	}
	// The prefilled entry comes back as it was when left alone.
	up, _, _ = ReadSelf(bytes.NewReader(selfWrite(t, d)), -1)
	got, _ = SelfEntries(up, d.Table, nil)
	if e := got[16]; e.Score == nil || *e.Score != 10 || e.Explanation != "Đã lưu trước" {
		t.Errorf("prefilled entry read back as %+v", e)
	}
}

func TestSelfTemplateLayout(t *testing.T) {
	d := selfDoc()
	d.Off = map[int64]string{15: "Đơn vị không có thẩm quyền xét xử"}
	f, err := excelize.OpenReader(bytes.NewReader(selfWrite(t, d)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{SheetGuide, SheetSelf, sheetSelfMeta}) {
		t.Fatalf("sheets %v", got)
	}
	if vis, _ := f.GetSheetVisible(sheetSelfMeta); vis {
		t.Error("the identification sheet is visible")
	}
	if v, _ := f.GetCellValue(SheetSelf, "A8"); v != "1.1" {
		t.Errorf("A8 = %q, want the code 1.1", v)
	}
	locked := func(ref string) bool {
		id, _ := f.GetCellStyle(SheetSelf, ref)
		st, _ := f.GetStyle(id)
		return st.Protection == nil || st.Protection.Locked
	}
	for ref, want := range map[string]bool{
		"A8": true, "B8": true, "D8": true, "F8": true, // 1.1's code, name, max; no score on an indicator
		"G8": false, "H8": false, "I8": false, "J8": false, "K8": false, // its inputs
		"H10": true, "G10": true, // 2 is switched off for the unit
		"F11": false, "G11": true, // 3 is scored directly
		"F6": true, "J6": true, // a group takes no input
	} {
		if got := locked(ref); got != want {
			t.Errorf("%s locked = %v, want %v", ref, got, want)
		}
	}
	if v, _ := f.GetCellValue(SheetSelf, "E10"); !strings.Contains(v, "Không áp dụng") {
		t.Errorf("E10 = %q, want the reason it is switched off", v)
	}
	dvs, err := f.GetDataValidations(SheetSelf)
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]string{}
	for _, dv := range dvs {
		for _, ref := range strings.Fields(dv.Sqref) {
			rules[ref] = dv.Type + " " + dv.Operator + " " + dv.Formula1 + " " + dv.Formula2
		}
	}
	for ref, want := range map[string]string{
		"F11": "decimal between 0 16.5", "F12": "decimal between 0 5", "F13": "decimal greaterThanOrEqual 0",
		"H8": "decimal greaterThanOrEqual 0", "I8": `list  "Không phát sinh"`,
	} {
		if got := strings.TrimSpace(rules[ref]); got != want {
			t.Errorf("validation of %s = %q, want %q", ref, got, want)
		}
	}
	if !strings.Contains(rules["G8"], "G8<=H8") {
		t.Errorf("validation of G8 = %q, want numerator ≤ denominator", rules["G8"])
	}
	if _, ok := rules["G10"]; ok {
		t.Error("a switched-off row has a validation")
	}
	panes, _ := f.GetPanes(SheetSelf)
	if !panes.Freeze || panes.YSplit != selfHeaderRow {
		t.Errorf("panes %+v, want the header frozen", panes)
	}
	if ok, _ := sheetProtected(f, SheetSelf); !ok {
		t.Error("the sheet is not protected")
	}
}

// sheetProtected reads the sheet's protection flag from its XML.
func sheetProtected(f *excelize.File, sheet string) (bool, error) {
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return false, err
	}
	g, err := excelize.OpenReader(&b)
	if err != nil {
		return false, err
	}
	defer g.Close()
	// excelize has no getter; unprotecting a sheet that is not protected fails.
	return g.UnprotectSheet(sheet) == nil, nil
}

func TestSelfProblems(t *testing.T) {
	d := selfDoc()
	book := selfFill(t, selfWrite(t, d), map[string]any{
		"F6": 3,              // a group
		"G8": 250, "H8": 200, // numerator above denominator
		"I9":  NotArisenLabel,  // no explanation
		"H10": 4,               // a count has no denominator
		"F11": 17,              // above the maximum 16,5
		"F12": "hai",           // not a number
		"F13": 1,               // a deduction without explanation
		"A14": "9.9", "F14": 1, // a code not in the table
	})
	up, problems, err := ReadSelf(bytes.NewReader(book), -1)
	if err != nil || len(problems) > 0 {
		t.Fatalf("read: %v %v", err, problems)
	}
	_, problems = SelfEntries(up, d.Table, nil)
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := []string{
		"Trang “Tự chấm điểm”, dòng 6, cột F (Điểm tự chấm): giá trị “3” – cần ô trống: dòng nhóm tiêu chí không chấm điểm, điểm của nhóm là tổng các tiêu chí con",
		"Trang “Tự chấm điểm”, dòng 8, cột G (Tử số): giá trị “250” – cần tử số không lớn hơn mẫu số (200)",
		"Trang “Tự chấm điểm”, dòng 9, cột J (Giải trình): ô trống – cần giải trình vì sao chỉ tiêu không phát sinh",
		"Trang “Tự chấm điểm”, dòng 10, cột H (Mẫu số): giá trị “4” – cần ô trống: chỉ tiêu này là số đếm, không có mẫu số",
		"Trang “Tự chấm điểm”, dòng 11, cột F (Điểm tự chấm): giá trị “17” – cần điểm từ 0 đến 16,5",
		"Trang “Tự chấm điểm”, dòng 12, cột F (Điểm tự chấm): giá trị “hai” – cần một số, ví dụ 4,5 hoặc 120",
		"Trang “Tự chấm điểm”, dòng 13, cột J (Giải trình): ô trống – cần giải trình căn cứ của điểm trừ",
		"Trang “Tự chấm điểm”, dòng 14, cột A (Mã): giá trị “9.9” – cần mã một tiêu chí của bảng “Bảng tiêu chí cụm 4 năm 2026”",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n got %q\nwant %q", got, want)
	}
}

func TestSelfMismatch(t *testing.T) {
	up, _, err := ReadSelf(bytes.NewReader(selfWrite(t, selfDoc())), -1)
	if err != nil {
		t.Fatal(err)
	}
	base := SelfTarget{UnitID: 7, UnitName: "Viện kiểm sát nhân dân tỉnh Thanh Hóa", Year: 2026, TableID: 3, TableName: "Bảng 2026", TableVersion: 2}
	for name, c := range map[string]struct {
		change func(*SelfTarget)
		want   string
	}{
		"unit": {func(t *SelfTarget) { t.UnitID, t.UnitName = 8, "Viện kiểm sát nhân dân tỉnh Nghệ An" },
			"Tệp này là mẫu tự chấm điểm của Viện kiểm sát nhân dân tỉnh Thanh Hóa, không phải của Viện kiểm sát nhân dân tỉnh Nghệ An. Hãy tải mẫu của đơn vị mình ở trang Tự chấm điểm."},
		"year": {func(t *SelfTarget) { t.Year = 2027 }, "Tệp này là mẫu tự chấm điểm năm 2026, không phải năm 2027. Hãy tải mẫu của năm 2027."},
		"version": {func(t *SelfTarget) { t.TableVersion = 3 },
			"Tệp được lập theo một bảng tiêu chí khác hoặc phiên bản cũ; đơn vị đang chấm theo bảng “Bảng 2026” (phiên bản 3). Hãy tải mẫu mới và nhập lại."},
	} {
		tg := base
		c.change(&tg)
		if got := up.Mismatch(tg); got != c.want {
			t.Errorf("%s: %q, want %q", name, got, c.want)
		}
	}
	if got := up.Mismatch(base); got != "" {
		t.Errorf("own target refused: %s", got)
	}
}

func TestReadSelfRefusesOtherWorkbooks(t *testing.T) {
	var table bytes.Buffer
	if err := WriteTableTemplate(&table, TableDoc{Year: 2026}); err != nil {
		t.Fatal(err)
	}
	_, _, err := ReadSelf(bytes.NewReader(table.Bytes()), -1)
	tioRefused(t, err, MsgSelfNoMeta)
	// The template without its sheet.
	g, err := excelize.OpenReader(bytes.NewReader(selfWrite(t, selfDoc())))
	if err != nil {
		t.Fatal(err)
	}
	if err := g.DeleteSheet(SheetSelf); err != nil {
		t.Fatal(err)
	}
	var gone bytes.Buffer
	_ = g.Write(&gone)
	_, _, err = ReadSelf(&gone, -1)
	tioRefused(t, err, MsgSelfNoSheet)
	// A sheet with the right header but no identification: typed by hand.
	f := excelize.NewFile()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"Mã", "Tên tiêu chí", "Điểm tự chấm", "Tử số", "Mẫu số", "Không phát sinh", "Giải trình", "Tài liệu chứng minh"})
	_ = f.SetSheetRow("Sheet1", "A2", &[]any{"1.1", "x", 1})
	var b bytes.Buffer
	_ = f.Write(&b)
	_, _, err = ReadSelf(&b, -1)
	tioRefused(t, err, MsgSelfNoMeta)
	_, _, err = ReadSelf(bytes.NewReader(nil), 0)
	tioRefused(t, err, MsgSelfEmpty)
}

// TestReadSelfTolerant: what users do to a template that must not matter —
// a notes sheet in front, a merged explanation cell, styled empty rows
// below the table, numbers typed as text with a decimal comma, the
// "không phát sinh" typed by hand without diacritics.
func TestReadSelfTolerant(t *testing.T) {
	d := selfDoc()
	f, err := excelize.OpenReader(bytes.NewReader(selfWrite(t, d)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Ghi chú"); err != nil {
		t.Fatal(err)
	}
	if err := f.MoveSheet("Ghi chú", SheetGuide); err != nil {
		t.Skip("this excelize cannot move sheets:", err)
	}
	_ = f.UnprotectSheet(SheetSelf)
	for ref, v := range map[string]any{"G8": "180,0", "H8": "200", "I9": "khong phat sinh", "J9": "Không có vụ án bị hủy", "F11": " 12,5 "} {
		_ = f.SetCellValue(SheetSelf, ref, v)
	}
	_ = f.MergeCell(SheetSelf, "J9", "K9")
	style, _ := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFF00"}}})
	_ = f.SetCellStyle(SheetSelf, "A20", "K900", style)
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	up, problems, err := ReadSelf(&b, -1)
	if err != nil || len(problems) > 0 {
		t.Fatalf("read: %v %v", err, problems)
	}
	got, problems := SelfEntries(up, d.Table, nil)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if e := got[13]; e.Numerator == nil || *e.Numerator != 180 || *e.Denominator != 200 {
		t.Errorf("1.1: %+v", e)
	}
	if e := got[14]; !e.NotArisen || e.Explanation != "Không có vụ án bị hủy" {
		t.Errorf("1.2: %+v", e)
	}
	if e := got[16]; e.Score == nil || *e.Score != 12.5 {
		t.Errorf("3: %+v", e)
	}
}

// A filing saved with a denominator on a count indicator (the API took it
// before the rule was shared) gives a template that reads back clean.
func TestSelfTemplateOfAStaleCountDenominator(t *testing.T) {
	d := selfDoc()
	d.Entries = map[int64]scoring.Entry{15: {CriterionID: 15, Numerator: tioF(3), Denominator: tioF(10)}}
	up, problems, err := ReadSelf(bytes.NewReader(selfWrite(t, d)), -1)
	if err != nil || len(problems) > 0 {
		t.Fatalf("read: %v %v", err, problems)
	}
	got, problems := SelfEntries(up, d.Table, nil)
	if len(problems) > 0 {
		t.Fatalf("the unit's own template has problems: %v", problems)
	}
	if e := got[15]; e.Numerator == nil || *e.Numerator != 3 || e.Denominator != nil {
		t.Errorf("count entry read back as %+v", e)
	}
}

// A formula the shared guard will not compute (a function over a range)
// is placed on its cell, and the cell is read as empty, so the entry
// check says nothing more of it.
func TestReadSelfFormulaNotComputed(t *testing.T) {
	d := selfDoc()
	book := selfFill(t, selfWrite(t, d), map[string]any{"F12": "=SUM(F1:F3)"})
	up, problems, err := ReadSelf(bytes.NewReader(book), -1)
	if err != nil || len(problems) != 1 {
		t.Fatalf("read: %v %v", err, problems)
	}
	if p := problems[0]; p.Row != 12 || p.Column != "F" || p.Header != "Điểm tự chấm" || p.Value != "=SUM(F1:F3)" ||
		!strings.Contains(p.Expected, "không lưu kết quả tính") {
		t.Errorf("problem: %+v", p)
	}
	if _, more := SelfEntries(up, d.Table, nil); len(more) != 0 {
		t.Errorf("the entry check speaks of it again: %v", more)
	}
}
