package xlsx

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"thidua/internal/scoring"
)

func pf(v float64) *float64 { return &v }

// demoTable is shaped like domain.md §5: groups, a nested group, rate and
// count indicators, a direct score, a capped bonus and a deduction.
func demoTable() scoring.Table {
	return scoring.Table{ID: 7, Year: 2026, Name: "Bảng tiêu chí thi đua cấp tỉnh năm 2026 (demo)", Criteria: []scoring.Criterion{
		{ID: 1, Code: "I", Name: "Thực hành quyền công tố, kiểm sát điều tra", Method: scoring.Group},
		{ID: 2, ParentID: 1, Code: "1", Name: "Tỷ lệ tin báo, tố giác tội phạm được giải quyết đúng hạn", Method: scoring.Indicator, Max: 10,
			Numerator: "tin báo giải quyết đúng hạn", Denominator: "tin báo phải giải quyết", Direction: scoring.Higher,
			TargetNA: pf(90), TargetSector: pf(95), ExceedBonus: 1, Below: scoring.Proportional},
		{ID: 3, ParentID: 1, Code: "2", Name: "Không có bị can Tòa án tuyên không phạm tội", Method: scoring.Indicator, Max: 10,
			Numerator: "bị can Tòa tuyên không phạm tội", Direction: scoring.Zero},
		{ID: 4, ParentID: 1, Code: "3", Name: "Vụ án trọng điểm", Method: scoring.Group},
		{ID: 5, ParentID: 4, Code: "3.1", Name: "Phối hợp xác định vụ án trọng điểm, xét xử lưu động và rút kinh nghiệm các phiên tòa theo yêu cầu cải cách tư pháp", Method: scoring.Indicator, Max: 10,
			Numerator: "vụ án trọng điểm", Denominator: "vụ án phải xác định", Direction: scoring.Higher, TargetSector: pf(100)},
		{ID: 6, ParentID: 4, Code: "3.2", Name: "Kháng nghị phúc thẩm được chấp nhận", Method: scoring.Indicator, Max: 10,
			Numerator: "kháng nghị được chấp nhận", Denominator: "kháng nghị", Direction: scoring.Higher, TargetSector: pf(70)},
		{ID: 7, Code: "II", Name: "Xây dựng Ngành, Đảng, đoàn thể, phong trào thi đua", Method: scoring.Group},
		{ID: 8, ParentID: 7, Code: "4", Name: "Đoàn kết nội bộ, chấp hành kỷ luật", Method: scoring.Fixed, Max: 60},
		{ID: 9, Code: "T", Name: "Điểm thưởng (cách làm hay, mô hình mới)", Method: scoring.Bonus, Max: 5},
		{ID: 10, Code: "TR", Name: "Điểm trừ (án bị hủy có lỗi của Viện kiểm sát)", Method: scoring.Deduction},
	}}
}

func sampleFiling() FilingDoc {
	t := demoTable()
	f := scoring.Filing{TableID: 7, UnitID: 1, Year: 2026, Status: scoring.Reviewed,
		Self: map[int64]scoring.Entry{
			2:  {Numerator: pf(1234), Denominator: pf(1250), Explanation: "Giải quyết đúng hạn 1.234/1.250 tin báo.", Evidence: "Báo cáo số 12/BC-VKS ngày 20/11/2026"},
			3:  {Numerator: pf(0)},
			5:  {NotArisen: true, Explanation: "Không có vụ án trọng điểm nào được xác định trong năm."},
			6:  {Numerator: pf(7), Denominator: pf(10)},
			8:  {Score: pf(58.5), Explanation: "Tập thể đoàn kết; không có cán bộ vi phạm."},
			9:  {Score: pf(3), Explanation: "Mô hình “Phiên tòa rút kinh nghiệm trực tuyến”."},
			10: {Score: pf(1), Explanation: "01 vụ án bị hủy để điều tra lại có lỗi của Viện kiểm sát."},
		},
		Review: map[int64]scoring.Review{
			6: {Numerator: pf(6), Denominator: pf(10), Comment: "Đối chiếu sổ thụ lý: 06/10 kháng nghị được chấp nhận."},
		},
	}
	adj := map[int64]scoring.Adjustment{}
	self := scoring.Evaluate(t, f.Self, adj)
	rev := scoring.Evaluate(t, f.ReviewedEntries(), adj)
	return FilingDoc{
		Issuer:      thanhHoa(),
		UnitName:    "Viện kiểm sát nhân dân tỉnh Thanh Hóa",
		Date:        day(2026, 12, 1),
		Year:        2026,
		TableName:   t.Name,
		StatusLabel: scoring.Reviewed.Label(),
		Reviewed:    true,
		Rows:        FilingRows(t, f, adj, self, rev, true),
		Self:        TotalsOf(self),
		Review:      TotalsOf(rev),
	}
}

func TestFilingRows(t *testing.T) {
	d := sampleFiling()
	byCode := map[string]FilingRow{}
	for _, r := range d.Rows {
		byCode[r.Code] = r
	}
	for code, want := range map[string]int{"I": 0, "1": 1, "3": 1, "3.1": 2, "II": 0, "4": 1, "T": 0} {
		if got := byCode[code].Level; got != want {
			t.Errorf("%s level %d, want %d", code, got, want)
		}
	}
	// Group I: 1 (11 points, exceeded) + 2 (10) + 3 (3.1 excluded, 3.2
	// reviewed 6/10 missed against 70 % with no proportional points).
	i := byCode["I"]
	if !i.Group || i.Max != 40 || i.SelfPoints != 31 || i.ReviewedPoints != 21 {
		t.Errorf("group I = %+v", i)
	}
	if g := byCode["3"]; g.Max != 20 || g.SelfPoints != 10 || g.ReviewedPoints != 0 {
		t.Errorf("group 3 = %+v", g)
	}
	if r := byCode["3.1"]; !r.NotArisen || !r.Excluded || r.Outcome != "Không phát sinh" {
		t.Errorf("3.1 = %+v", r)
	}
	if r := byCode["3.2"]; !r.Differs || *r.Numerator != 6 || r.Outcome != "Chưa đạt" || r.ReviewComment == "" {
		t.Errorf("3.2 = %+v (the reviewed figures count)", r)
	}
	if r := byCode["1"]; !r.Rate || r.Value == nil || *r.Value != 98.72 || r.Outcome != "Vượt" {
		t.Errorf("1 = %+v", r)
	}
	if r := byCode["2"]; r.Rate || r.Denominator != nil || *r.Value != 0 || r.Outcome != "Đạt" {
		t.Errorf("2 = %+v", r)
	}
	if r := byCode["II"]; r.Method != "" || r.Max != 60 {
		t.Errorf("II = %+v", r)
	}
	// Self: 11 + 10 + 10 + 58.5 = 89.5 of 90 applicable → 99.44; +3 −1.
	if d.Self.Raw != 89.5 || d.Self.Applicable != 90 || d.Self.Scaled != 99.44 || d.Self.Total != 101.44 {
		t.Errorf("self totals %+v", d.Self)
	}
}

func TestWriteFiling(t *testing.T) {
	d := sampleFiling()
	var buf bytes.Buffer
	if err := WriteFiling(&buf, d); err != nil {
		t.Fatal(err)
	}
	f := book(t, &buf, "FILING_OUT")
	if got := f.GetSheetList(); !slices.Equal(got, []string{SheetFiling}) {
		t.Fatalf("sheets = %q", got)
	}
	const s = SheetFiling
	sheetChecks(t, f, s, filingHeaderRow)
	get := func(ref string) string {
		t.Helper()
		v, err := f.GetCellValue(s, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if got := issuerName(get("A2")); got != "VIỆN KIỂM SÁT NHÂN DÂN TỈNH THANH HÓA" {
		t.Errorf("issuer = %q", got)
	}
	want := filingHeaders()
	for i, h := range want {
		ref, _ := excelize.CoordinatesToCellName(i+1, filingHeaderRow)
		if got := get(ref); got != h {
			t.Errorf("header %s = %q, want %q", ref, got, h)
		}
	}
	for ref, want := range map[string]string{
		"A6":  "BẢNG TỰ CHẤM ĐIỂM VÀ KẾT QUẢ THẨM ĐỊNH THI ĐUA NĂM 2026",
		"A10": "I", "B10": "Thực hành quyền công tố, kiểm sát điều tra",
		"B11": "Tỷ lệ tin báo, tố giác tội phạm được giải quyết đúng hạn", "C11": "Chỉ tiêu", "H11": "Vượt",
		"K11": "Giải quyết đúng hạn 1.234/1.250 tin báo.\nTài liệu: Báo cáo số 12/BC-VKS ngày 20/11/2026",
		"H14": "Không phát sinh", "L15": "Đối chiếu sổ thụ lý: 06/10 kháng nghị được chấp nhận.",
		"K18": "Mô hình “Phiên tòa rút kinh nghiệm trực tuyến”.",
	} {
		if got := get(ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	if !strings.HasPrefix(get("A7"), "Đơn vị: Viện kiểm sát nhân dân tỉnh Thanh Hóa – Bảng tiêu chí: ") {
		t.Errorf("A7 = %q", get("A7"))
	}
	// Numbers: max, figures, the value as a fraction, both points.
	for ref, want := range map[string]string{
		"D10": "40", "I10": "31", "J10": "21",
		"D11": "10", "E11": "1234", "F11": "1250", "G11": "0.9872", "I11": "11", "J11": "11",
		"E12": "0", "G12": "0", "E15": "6", "J15": "0", "I15": "10", "I17": "58.5",
	} {
		if got := numeric(t, f, s, ref); got != want {
			t.Errorf("%s raw = %q, want %q", ref, got, want)
		}
	}
	for ref, want := range map[string]string{"I11": fmtScore, "G11": fmtValue, "E11": fmtFigure, "D10": fmtScore} {
		if got := numFmt(t, f, s, ref); got != want {
			t.Errorf("%s format %q, want %q", ref, got, want)
		}
	}
	// Not arisen: no points on either side.
	for _, ref := range []string{"I14", "J14", "E14", "G14"} {
		if got := get(ref); got != "" {
			t.Errorf("%s = %q, want empty", ref, got)
		}
	}
	// Groups bold; the reviewer's change highlighted.
	style := func(ref string) *excelize.Style {
		id, _ := f.GetCellStyle(s, ref)
		st, _ := f.GetStyle(id)
		return st
	}
	if !style("B10").Font.Bold || style("B11").Font.Bold {
		t.Error("groups are not bold, or criteria are")
	}
	if st := style("J15"); st.Fill.Pattern != 1 || !slices.Equal(st.Fill.Color, []string{"FFF2CC"}) {
		t.Errorf("changed reviewed score fill = %+v", st.Fill)
	}
	if st := style("B14"); st.Alignment == nil || st.Alignment.Indent != 2 {
		t.Errorf("3.1 indent = %+v", st.Alignment)
	}

	// Totals under the table: labels in A, self in I, reviewed in J.
	rows, err := f.GetRows(s)
	if err != nil {
		t.Fatal(err)
	}
	total := -1
	for i, r := range rows {
		if len(r) > 0 && strings.HasPrefix(r[0], "TỔNG ĐIỂM") {
			total = i + 1
		}
	}
	if total < 0 {
		t.Fatal("no TỔNG ĐIỂM row")
	}
	cellAt := func(col, row int) string { r, _ := excelize.CoordinatesToCellName(col, row); return r }
	if got := numeric(t, f, s, cellAt(fcSelf, total)); got != "101.44" {
		t.Errorf("self total %q", got)
	}
	if got := numeric(t, f, s, cellAt(fcReview, total)); got != strings.TrimRight(strings.TrimRight(
		strings.Replace(scoring.FormatNumber(d.Review.Total), ",", ".", 1), "0"), ".") {
		t.Errorf("reviewed total %q, want %v", got, d.Review.Total)
	}
	scaled := total - 3
	if got := get(cellAt(1, scaled)); !strings.HasPrefix(got, "Tổng điểm quy đổi") {
		t.Errorf("scaled label %q", got)
	}
	var note bool
	for _, r := range rows[total:] {
		if len(r) > 0 && strings.Contains(r[0], "Tổng điểm quy đổi = điểm đạt × 100 / điểm tối đa của các tiêu chí phát sinh") {
			note = true
		}
	}
	if !note {
		t.Error("the rescaling rule is not explained under the totals")
	}
	rate := cellAt(fcSelf, total+3)
	if got := get(cellAt(1, total+3)); got != "Tỷ lệ chỉ tiêu đạt" {
		t.Errorf("rate label %q", got)
	}
	if got := numeric(t, f, s, rate); got != "1" { // 3 of 3 arisen indicators met
		t.Errorf("self met rate %q", got)
	}
}

// Before the review the reviewed columns stay empty.
func TestWriteFilingNotReviewed(t *testing.T) {
	d := sampleFiling()
	d.Reviewed, d.StatusLabel = false, scoring.Submitted.Label()
	var buf bytes.Buffer
	if err := WriteFiling(&buf, d); err != nil {
		t.Fatal(err)
	}
	f := book(t, &buf, "")
	rows, err := f.GetRows(SheetFiling)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows[filingHeaderRow:] {
		if len(r) >= fcReview && r[fcReview-1] != "" {
			t.Errorf("row %d: reviewed %q before the review", filingHeaderRow+i+1, r[fcReview-1])
		}
	}
	if v, _ := f.GetCellValue(SheetFiling, "I10"); v != "31.00" {
		t.Errorf("self points I10 = %q", v)
	}
}

// An empty filing (no rows, nothing known) still writes.
func TestWriteFilingEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteFiling(&buf, FilingDoc{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteRanking(&buf, RankingDoc{}); err != nil {
		t.Fatal(err)
	}
}
