package xlsx

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"thidua/internal/award"
)

func sampleSubmission() SubmissionDoc {
	return SubmissionDoc{
		Issuer:    thanhHoa(),
		Number:    "Số: 45/TTr-VKSTH",
		Date:      day(2026, 12, 5),
		Recipient: "Kính gửi: Hội đồng Thi đua – Khen thưởng ngành Kiểm sát nhân dân",
		Subject:   "V/v đề nghị khen thưởng năm 2026",
		Year:      2026,
		Grounds: []string{
			"Căn cứ Luật Thi đua, khen thưởng năm 2022;",
			"Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
			"Căn cứ kết quả họp xét của Hội đồng Thi đua – Khen thưởng Viện kiểm sát nhân dân tỉnh Thanh Hóa ngày 01/12/2026,",
		},
		Counts: []TitleCount{
			{award.TapTheLaoDongXuatSac, 3}, {award.CoThiDuaNganh, 1},
			{award.ChienSiThiDuaCoSo, 12}, {award.ChienSiThiDuaNganh, 2},
		},
		Copies: []string{"- Như trên;", "- Lưu: VT, TĐKT."},
		Signer: Signer{Position: "Viện trưởng", Name: "Hoàng Văn Minh"},
	}
}

func cellStyle(t *testing.T, f *excelize.File, sheet, ref string) excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(id)
	if err != nil || s.Font == nil {
		t.Fatalf("%s!%s style %v %v", sheet, ref, s, err)
	}
	return *s
}

// portraitChecks: A4 portrait, Times New Roman in every filled cell.
func portraitChecks(t *testing.T, f *excelize.File, sheet string, onePage bool) [][]string {
	t.Helper()
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Orientation == nil || *pl.Orientation != "portrait" || pl.Size == nil || *pl.Size != 9 {
		t.Errorf("%s page %v %v, want A4 portrait", sheet, pl.Size, pl.Orientation)
	}
	documentPages(t, f, sheet)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			if v == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if got := cellStyle(t, f, sheet, ref).Font.Family; got != Font {
				t.Errorf("%s!%s font %q", sheet, ref, got)
			}
		}
	}
	if !strings.HasPrefix(rows[0][0], "VIỆN KIỂM SÁT NHÂN DÂN") || rows[0][2] != Nation || rows[1][2] != Motto {
		t.Errorf("%s heading %q %q", sheet, rows[0], rows[1])
	}
	issuer := "A2"
	if strings.Contains(rows[0][0], "\n___") { // no parent: the body is on rows 1–2
		issuer = "A1"
	}
	if !cellStyle(t, f, sheet, issuer).Font.Bold || !cellStyle(t, f, sheet, "C4").Font.Italic {
		t.Errorf("%s: issuer not bold or place/date not italic", sheet)
	}
	return rows
}

func TestWriteSubmission(t *testing.T) {
	var buf bytes.Buffer
	d := sampleSubmission()
	if err := WriteSubmission(&buf, d); err != nil {
		t.Fatal(err)
	}
	f := book(t, &buf, "SUBMISSION_OUT")
	if got := f.GetSheetList(); !slices.Equal(got, []string{SheetSubmission}) {
		t.Fatalf("sheets %q", got)
	}
	sh := SheetSubmission
	rows := portraitChecks(t, f, sh, true)
	if rows[3][0] != "Số: 45/TTr-VKSTH" || rows[3][2] != "Thanh Hóa, ngày 05 tháng 12 năm 2026" {
		t.Errorf("number and date row %q", rows[3])
	}
	for _, s := range []string{"TỜ TRÌNH", d.Subject, d.Recipient, d.Grounds[1], SubmissionClosing} {
		if findRow(rows, 1, s) == 0 {
			t.Errorf("no %q", s)
		}
	}
	if r := findRow(rows, 1, "TỜ TRÌNH"); !cellStyle(t, f, sh, "A"+itoaT(r)).Font.Bold {
		t.Error("TỜ TRÌNH not bold")
	}
	// The table: labels in catalogue form, counts as numbers, the total.
	r := findRow(rows, 2, award.ChienSiThiDuaCoSo.Label())
	if r == 0 || rows[r-1][4] != "Cá nhân" {
		t.Fatalf("no count row for %q", award.ChienSiThiDuaCoSo.Label())
	}
	if v := numeric(t, f, sh, "F"+itoaT(r)); v != "12" {
		t.Errorf("count = %s", v)
	}
	if v := numeric(t, f, sh, "A"+itoaT(r)); v != "3" {
		t.Errorf("STT = %s", v)
	}
	tot := findRow(rows, 1, "Tổng cộng")
	if tot != r+2 {
		t.Fatalf("total on row %d, want %d", tot, r+2)
	}
	if v := numeric(t, f, sh, "F"+itoaT(tot)); v != "18" {
		t.Errorf("total = %s", v)
	}
	// Signature on the right, nơi nhận on the left.
	pos := findRow(rows, 3, "VIỆN TRƯỞNG")
	name := findRow(rows, 3, "Hoàng Văn Minh")
	if pos == 0 || name <= pos+1 || rows[pos-1][0] != "Nơi nhận:" {
		t.Errorf("signature rows %d, %d; left %q", pos, name, rows[pos-1])
	}
	if !cellStyle(t, f, sh, "C"+itoaT(name)).Font.Bold {
		t.Error("name not bold")
	}
}

func TestWriteDraftDecision(t *testing.T) {
	annex := sampleAwardList()
	annex.Title = "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG"
	annex.Issuer = supreme()
	d := DraftDecisionDoc{
		Issuer:    supreme(),
		Number:    "Số: …/QĐ-VKSTC (dự thảo)",
		Title:     "QUYẾT ĐỊNH Về việc tặng danh hiệu Chiến sĩ thi đua ngành Kiểm sát nhân dân năm 2026",
		Authority: "Viện trưởng Viện kiểm sát nhân dân tối cao",
		Grounds:   []string{"Căn cứ Luật Tổ chức Viện kiểm sát nhân dân năm 2014;", "Căn cứ Luật Thi đua, khen thưởng năm 2022;"},
		Articles: []string{
			"Tặng danh hiệu Chiến sĩ thi đua ngành Kiểm sát nhân dân cho 2 cá nhân có tên trong danh sách kèm theo.",
			"Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
			"Chánh Văn phòng, Vụ trưởng Vụ Thi đua – Khen thưởng và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
		},
		Copies: []string{"- Như Điều 3;", "- Lưu: VT, TĐKT."},
		Signer: Signer{Position: "Viện trưởng", Name: "Nguyễn Huy Tiến"},
		Annex:  annex,
	}
	var buf bytes.Buffer
	if err := WriteDraftDecision(&buf, d); err != nil {
		t.Fatal(err)
	}
	f := book(t, &buf, "DECISION_OUT")
	if got := f.GetSheetList(); !slices.Equal(got, []string{SheetDecision, SheetAnnex}) {
		t.Fatalf("sheets %q", got)
	}
	rows := portraitChecks(t, f, SheetDecision, false)
	if rows[3][0] != "Số: …/QĐ-VKSTC (dự thảo)" || rows[3][2] != "Hà Nội, ngày … tháng … năm …" {
		t.Errorf("number row %q", rows[3])
	}
	qd := findRow(rows, 1, "QUYẾT ĐỊNH")
	if qd == 0 || rows[qd][0] != "Về việc tặng danh hiệu Chiến sĩ thi đua ngành Kiểm sát nhân dân năm 2026" {
		t.Errorf("title rows %d", qd)
	}
	for _, s := range []string{"VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", "QUYẾT ĐỊNH:", d.Grounds[0]} {
		if findRow(rows, 1, s) == 0 {
			t.Errorf("no %q", s)
		}
	}
	if r := findRow(rows, 1, d.Grounds[0]); !cellStyle(t, f, SheetDecision, "A"+itoaT(r)).Font.Italic {
		t.Error("grounds not italic")
	}
	var arts []string
	for _, r := range rows {
		if len(r) > 0 && strings.HasPrefix(r[0], "Điều ") {
			arts = append(arts, r[0][:len("Điều 1.")])
		}
	}
	if !slices.Equal(arts, []string{"Điều 1.", "Điều 2.", "Điều 3."}) {
		t.Errorf("articles %q", arts)
	}
	// The annex.
	sheetChecks(t, f, SheetAnnex, awardListHeaderRow)
	ar, _ := f.GetRows(SheetAnnex)
	if ar[5][0] != annex.Title || ar[6][0] != "(Kèm theo Quyết định số …/QĐ-VKSTC (dự thảo) ngày … tháng … năm …)" {
		t.Errorf("annex title %q / %q", ar[5][0], ar[6][0])
	}
	if findRow(ar, 2, award.TapTheLaoDongTienTien.Label()) == 0 {
		t.Error("annex has no groups")
	}
}
