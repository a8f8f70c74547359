package xlsx

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua/internal/award"
)

func sampleAwardList() AwardListDoc {
	return AwardListDoc{
		Issuer: thanhHoa(),
		Date:   day(2026, 11, 30),
		Year:   2026,
		Rows: []AwardListRow{
			// Individuals first and out of order: the writer groups them.
			{Name: "Nguyễn Thị Hương", Position: "Kiểm sát viên sơ cấp", Unit: "Phòng 7, VKSND tỉnh Thanh Hóa",
				Title: award.ChienSiThiDuaCoSo, Summary: "Hoàn thành xuất sắc nhiệm vụ; sáng kiến được công nhận cấp cơ sở", Note: "Nữ"},
			{Name: "Lê Văn Đức", Position: "Kiểm tra viên", Unit: "VKSND huyện Hoằng Hóa",
				Title: award.LaoDongTienTien, Summary: "Hoàn thành tốt nhiệm vụ"},
			{Collective: true, Name: "Phòng Thực hành quyền công tố và kiểm sát xét xử án hình sự", Unit: "VKSND tỉnh Thanh Hóa",
				Title: award.TapTheLaoDongXuatSac, Summary: "Vượt 100% chỉ tiêu nghiệp vụ"},
			{Name: "Trần Quốc Việt", Position: "Phó Viện trưởng", Unit: "VKSND khu vực 1 - Thanh Hóa",
				Title: award.ChienSiThiDuaCoSo, Summary: "Chủ trì đề tài khoa học cấp ngành"},
			{Collective: true, Name: "Viện kiểm sát nhân dân khu vực 2 - Thanh Hóa", Title: award.TapTheLaoDongTienTien,
				Summary: "Hoàn thành tốt các chỉ tiêu"},
			{Name: "Phạm Thị Ánh Nguyệt", Position: "Kiểm sát viên trung cấp", Unit: "Phòng 8",
				Title: award.LaoDongTienTien, Summary: "Hoàn thành tốt nhiệm vụ"},
		},
		Signer: Signer{Position: "Viện trưởng", Name: "Hoàng Văn Minh"},
	}
}

// findRow is the first row (1-based) whose cell in col (1-based) is v.
func findRow(rows [][]string, col int, v string) int {
	for i, r := range rows {
		if len(r) >= col && r[col-1] == v {
			return i + 1
		}
	}
	return 0
}

func TestWriteAwardList(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteAwardList(&buf, sampleAwardList()); err != nil {
		t.Fatal(err)
	}
	f := book(t, &buf, "AWARDLIST_OUT")
	if got := f.GetSheetList(); !slices.Equal(got, []string{SheetAwardList}) {
		t.Fatalf("sheets %q", got)
	}
	sh := SheetAwardList
	sheetChecks(t, f, sh, awardListHeaderRow)
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO" || !strings.HasPrefix(rows[1][0], "VIỆN KIỂM SÁT NHÂN DÂN") {
		t.Errorf("heading %q / %q", rows[0][0], rows[1][0])
	}
	if findRow(rows, 1, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2026") != 6 {
		t.Errorf("title not on row 6")
	}
	h := rows[awardListHeaderRow-1]
	want := []string{"STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị công tác", "Danh hiệu / hình thức đề nghị", "Tóm tắt thành tích", "Ghi chú"}
	if !slices.Equal(h, want) {
		t.Errorf("header %q, want %q", h, want)
	}
	// Groups in the catalogue's order, Roman numbered.
	order := []award.Title{award.TapTheLaoDongTienTien, award.TapTheLaoDongXuatSac, award.LaoDongTienTien, award.ChienSiThiDuaCoSo}
	last := 0
	for i, ti := range order {
		r := findRow(rows, 2, ti.Label())
		if r <= last {
			t.Fatalf("group %q on row %d, after %d", ti.Label(), r, last)
		}
		last = r
		if rows[r-1][0] != roman(i+1) {
			t.Errorf("group %q numbered %q", ti.Label(), rows[r-1][0])
		}
	}
	// The individual groups: STT 1, 2 as numbers, then "Cộng: 2" as a number.
	r := findRow(rows, 2, award.LaoDongTienTien.Label())
	if rows[r][1] != "Lê Văn Đức" || rows[r+1][1] != "Phạm Thị Ánh Nguyệt" {
		t.Errorf("rows under %q: %q, %q", award.LaoDongTienTien.Label(), rows[r][1], rows[r+1][1])
	}
	for i, ref := range []string{fmt.Sprintf("A%d", r+1), fmt.Sprintf("A%d", r+2)} {
		if v := numeric(t, f, sh, ref); v != fmt.Sprint(i+1) {
			t.Errorf("%s STT = %s, want %d", ref, v, i+1)
		}
	}
	sub := fmt.Sprintf("B%d", r+3)
	if v := numeric(t, f, sh, sub); v != "2" {
		t.Errorf("subtotal %s = %s", sub, v)
	}
	if v, _ := f.GetCellValue(sh, sub); v != "Cộng: 2" {
		t.Errorf("subtotal shows %q", v)
	}
	if rows[r][2] != "Kiểm tra viên, VKSND huyện Hoằng Hóa" || rows[r][3] != "Lao động tiên tiến" {
		t.Errorf("row %q", rows[r])
	}
	// Grand total and signature block.
	tot := findRow(rows, 2, "Tổng cộng: 6")
	if tot == 0 {
		t.Fatal("no grand total")
	}
	if v := numeric(t, f, sh, fmt.Sprintf("B%d", tot)); v != "6" {
		t.Errorf("total = %s", v)
	}
	var pos, name int
	var col int
	for i := tot; i < len(rows); i++ {
		for c, v := range rows[i] {
			switch v {
			case "VIỆN TRƯỞNG":
				pos, col = i+1, c+1
			case "Hoàng Văn Minh":
				name = i + 1
			}
		}
	}
	if pos == 0 || name <= pos+1 {
		t.Errorf("signature block: position row %d, name row %d", pos, name)
	}
	if col < 3 {
		t.Errorf("signature on column %d, want the right side", col)
	}
	ref, _ := excelize.CoordinatesToCellName(col, name)
	id, _ := f.GetCellStyle(sh, ref)
	if s, _ := f.GetStyle(id); s == nil || !s.Font.Bold || s.Font.Family != Font {
		t.Errorf("signer's name style %+v", s)
	}
	// No Government columns unless asked.
	for _, v := range h {
		if v == "Ngày sinh" || v == "Giới tính" {
			t.Errorf("Government column %q in a ranking-level list", v)
		}
	}
	// Diacritics round-trip.
	if findRow(rows, 2, "Phòng Thực hành quyền công tố và kiểm sát xét xử án hình sự") == 0 {
		t.Error("collective name lost its diacritics")
	}
}

func TestWriteAwardListGovernment(t *testing.T) {
	d := sampleAwardList()
	d.Government = true
	d.Title = "DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG"
	d.Subtitle = "(Kèm theo Quyết định số 123/QĐ-VKSTC ngày 15 tháng 12 năm 2026)"
	d.Rows[0].BirthDate, d.Rows[0].Sex = day(1985, 2, 5), "Nữ"
	var buf bytes.Buffer
	if err := WriteAwardList(&buf, d); err != nil {
		t.Fatal(err)
	}
	f := book(t, &buf, "AWARDLIST_GOV_OUT")
	sheetChecks(t, f, SheetAwardList, awardListHeaderRow)
	rows, _ := f.GetRows(SheetAwardList)
	h := rows[awardListHeaderRow-1]
	if len(h) < 4 || h[2] != "Ngày sinh" || h[3] != "Giới tính" {
		t.Fatalf("header %q", h)
	}
	if rows[6][0] != d.Subtitle {
		t.Errorf("subtitle %q", rows[6][0])
	}
	r := findRow(rows, 2, "Nguyễn Thị Hương")
	if rows[r-1][2] != "05/02/1985" || rows[r-1][3] != "Nữ" {
		t.Errorf("birth date and sex %q", rows[r-1][:4])
	}
	if ct, _ := f.GetCellType(SheetAwardList, fmt.Sprintf("C%d", r)); ct == excelize.CellTypeInlineString || ct == excelize.CellTypeSharedString {
		t.Errorf("birth date stored as text")
	}
}

func sectorAwardList(n int) AwardListDoc {
	d := sampleAwardList()
	titles := append(slices.Clone(award.CollectiveTitles), award.IndividualTitles...)
	d.Rows = make([]AwardListRow, n)
	birth := time.Date(1980, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range d.Rows {
		ti := titles[i%len(titles)]
		b := birth.AddDate(0, 0, i)
		d.Rows[i] = AwardListRow{Collective: ti.Collective(), Name: fmt.Sprintf("Nguyễn Văn Thành %d", i),
			BirthDate: &b, Sex: "Nam", Position: "Kiểm sát viên", Unit: fmt.Sprintf("VKSND khu vực %d - Thanh Hóa", i%40),
			Title: ti, Summary: "Hoàn thành xuất sắc nhiệm vụ được giao, có sáng kiến được công nhận"}
	}
	d.Government = true
	return d
}

func TestWriteAwardListSector(t *testing.T) {
	// How fast is BenchmarkAwardList's to say (docs/performance.md).
	var buf bytes.Buffer
	if err := WriteAwardList(&buf, sectorAwardList(15000)); err != nil {
		t.Fatal(err)
	}
	f := book(t, &buf, "")
	v, _ := f.GetCellValue(SheetAwardList, "A10")
	if v != "I" {
		t.Errorf("A10 = %q", v)
	}
}

func TestRoman(t *testing.T) {
	for n, want := range map[int]string{1: "I", 4: "IV", 8: "VIII", 9: "IX", 14: "XIV", 40: "XL"} {
		if got := roman(n); got != want {
			t.Errorf("roman(%d) = %q", n, got)
		}
	}
}
