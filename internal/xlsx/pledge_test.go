package xlsx

import (
	"bytes"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua/internal/cluster"
	"thidua/internal/document"
)

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func samplePledge() PledgeDoc {
	// 23:30 UTC on 29/11 is 06:30 on 30/11 in Vietnam: it must print as 30/11.
	signed := time.Date(2020, 11, 29, 23, 30, 0, 0, time.UTC)
	return PledgeDoc{
		Issuer:   document.Issuer{Parent: document.Supreme, Name: "CỤM THI ĐUA SỐ 6 (BẮC TRUNG BỘ)", Place: "Thanh Hóa"},
		Number:   "Số:      /GƯTĐ-CTĐ6",
		SignedOn: day(2020, 11, 30),
		Title:    "Giao ước thi đua năm 2021 của Cụm thi đua số 6",
		Preamble: "Căn cứ Luật Thi đua, khen thưởng năm 2022;\n" +
			"Căn cứ Quy chế thi đua, khen thưởng của ngành Kiểm sát nhân dân, các đơn vị thành viên cùng giao ước:",
		Commitments: []cluster.Commitment{
			{No: 1, Text: "Hoàn thành 100% chỉ tiêu nghiệp vụ theo Nghị quyết của Quốc hội; tỷ lệ bắt, tạm giữ hình sự sau đó chuyển xử lý hành chính dưới 1%.", CriterionCode: "I.1"},
			{No: 2, Text: "Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong công tác kiểm sát."},
			{No: 3, Text: "Xây dựng đội ngũ cán bộ, Kiểm sát viên “Vững về chính trị, giỏi về nghiệp vụ”.", CriterionCode: "III.2"},
		},
		Signatures: []SignatureLine{
			{UnitName: "Viện kiểm sát nhân dân tỉnh Thanh Hóa", Representative: "Nguyễn Thị Hồng Nhung", Position: "Viện trưởng", SignedAt: &signed},
			{UnitName: "Viện kiểm sát nhân dân tỉnh Nghệ An", Representative: "Trần Văn Nghệ", Position: "Phó Viện trưởng"},
			{UnitName: "Viện kiểm sát nhân dân tỉnh Hà Tĩnh"},
		},
		Status:    cluster.PledgeDraft.Label(),
		VersionNo: 1,
	}
}

func TestLongDate(t *testing.T) {
	for _, tc := range []struct {
		in   time.Time
		want string
	}{
		{*day(2020, 11, 30), "ngày 30 tháng 11 năm 2020"},
		{*day(2021, 2, 5), "ngày 05 tháng 02 năm 2021"},
		{*day(2021, 3, 9), "ngày 09 tháng 3 năm 2021"},
		{*day(2021, 1, 10), "ngày 10 tháng 01 năm 2021"},
		{time.Date(2021, 12, 31, 18, 0, 0, 0, time.UTC), "ngày 01 tháng 01 năm 2022"}, // 01:00 in Hà Nội
	} {
		if got := LongDate(tc.in); got != tc.want {
			t.Errorf("LongDate(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := PlaceDate("", nil); got != "……, ngày … tháng … năm …" {
		t.Errorf("PlaceDate(empty) = %q", got)
	}
	if got := PlaceDate("Thanh Hóa", day(2020, 11, 30)); got != "Thanh Hóa, ngày 30 tháng 11 năm 2020" {
		t.Errorf("PlaceDate = %q", got)
	}
}

func TestWritePledge(t *testing.T) {
	var buf bytes.Buffer
	if err := WritePledge(&buf, samplePledge()); err != nil {
		t.Fatal(err)
	}
	if path := os.Getenv("XLSX_OUT"); path != "" { // for looking at it: XLSX_OUT=/tmp/p.xlsx
		_ = os.WriteFile(path, buf.Bytes(), 0o644)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	if got, want := f.GetSheetList(), []string{SheetPledge, SheetCommitments, SheetSignatures}; !slices.Equal(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}

	// find returns the first cell of a sheet holding exactly text.
	find := func(sheet, text string) string {
		t.Helper()
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v == text {
					ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
					return ref
				}
			}
		}
		t.Fatalf("%s: no cell %q", sheet, text)
		return ""
	}
	value := func(sheet, ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	font := func(sheet, ref string) *excelize.Font {
		t.Helper()
		id, err := f.GetCellStyle(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.Font == nil {
			t.Fatalf("%s!%s has no font", sheet, ref)
		}
		return st.Font
	}
	numeric := func(sheet, ref string) {
		t.Helper()
		ct, err := f.GetCellType(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		// A number is stored with t="n" or with no type at all.
		if ct != excelize.CellTypeNumber && ct != excelize.CellTypeUnset {
			t.Errorf("%s!%s: type %v, want a number", sheet, ref, ct)
		}
		if v := value(sheet, ref); v == "" {
			t.Errorf("%s!%s is empty", sheet, ref)
		}
	}

	t.Run("heading", func(t *testing.T) {
		// The issuer may be broken before its bracket to fit its block.
		if got := issuerName(value(SheetPledge, "A2")); got != "CỤM THI ĐUA SỐ 6 (BẮC TRUNG BỘ)" {
			t.Errorf("A2 = %q", got)
		}
		for ref, want := range map[string]string{
			"A1": "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO",
			"C1": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
			"C2": "Độc lập - Tự do - Hạnh phúc",
			"C4": "Thanh Hóa, ngày 30 tháng 11 năm 2020",
		} {
			if got := value(SheetPledge, ref); got != want {
				t.Errorf("%s = %q, want %q", ref, got, want)
			}
		}
		if f := font(SheetPledge, "A2"); !f.Bold {
			t.Error("the issuing body is not bold")
		}
		if f := font(SheetPledge, "C2"); !f.Bold || f.Underline != "single" {
			t.Errorf("motto font = %+v, want bold underlined", f)
		}
		if f := font(SheetPledge, "C4"); !f.Italic {
			t.Error("place and date are not italic")
		}
		title := find(SheetPledge, "GIAO ƯỚC THI ĐUA")
		if f := font(SheetPledge, title); !f.Bold {
			t.Error("title is not bold")
		}
		find(SheetPledge, "Giao ước thi đua năm 2021 của Cụm thi đua số 6")
	})

	t.Run("fonts", func(t *testing.T) {
		for _, ref := range []string{"A1", "C1", find(SheetPledge, samplePledge().Preamble), find(SheetPledge, "Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong công tác kiểm sát.")} {
			if got := font(SheetPledge, ref).Family; got != Font {
				t.Errorf("%s font = %q, want %q", ref, got, Font)
			}
		}
		if got := font(SheetSignatures, "B2").Family; got != Font {
			t.Errorf("list font = %q", got)
		}
	})

	t.Run("commitments", func(t *testing.T) {
		for i, c := range samplePledge().Commitments {
			ref := find(SheetPledge, c.Text) // round-trips with every diacritic
			col, row, _ := excelize.CellNameToCoordinates(ref)
			if col != 2 {
				t.Errorf("commitment %d in column %d", i+1, col)
			}
			no, _ := excelize.CoordinatesToCellName(1, row)
			numeric(SheetPledge, no)
			if got, want := value(SheetPledge, no), string(rune('1'+i)); got != want {
				t.Errorf("STT %s = %q, want %q", no, got, want)
			}
			crit, _ := excelize.CoordinatesToCellName(6, row)
			if got := value(SheetPledge, crit); got != c.CriterionCode {
				t.Errorf("criterion %s = %q, want %q", crit, got, c.CriterionCode)
			}
			// The list sheet: header on row 1, commitment i on row i+2.
			if got := value(SheetCommitments, "B"+string(rune('2'+i))); got != c.Text {
				t.Errorf("list commitment %d = %q", i+1, got)
			}
			numeric(SheetCommitments, "A"+string(rune('2'+i)))
		}
		if got := value(SheetCommitments, "B1"); got != "Nội dung cam kết" {
			t.Errorf("list header = %q", got)
		}
	})

	t.Run("signatures", func(t *testing.T) {
		ref := find(SheetPledge, "Viện kiểm sát nhân dân tỉnh Thanh Hóa")
		_, row, _ := excelize.CellNameToCoordinates(ref)
		cellAt := func(col, row int) string { r, _ := excelize.CoordinatesToCellName(col, row); return r }
		numeric(SheetPledge, cellAt(1, row))
		date := cellAt(5, row)
		numeric(SheetPledge, date)
		if got := value(SheetPledge, date); got != "30/11/2020" {
			t.Errorf("sign date shows %q, want 30/11/2020", got)
		}
		raw, _ := f.GetCellValue(SheetPledge, date, excelize.Options{RawCellValue: true})
		if raw != "44165" { // 30/11/2020 as an Excel serial date
			t.Errorf("sign date raw value = %q, want 44165", raw)
		}
		id, _ := f.GetCellStyle(SheetPledge, date)
		st, _ := f.GetStyle(id)
		if st.CustomNumFmt == nil || *st.CustomNumFmt != "dd/mm/yyyy" {
			t.Errorf("sign date format = %v, want dd/mm/yyyy", st.CustomNumFmt)
		}
		if got := value(SheetPledge, cellAt(6, row)); got != "Đã ký" {
			t.Errorf("status = %q", got)
		}
		// Nghệ An has not signed: no date, "Chưa ký".
		if got := value(SheetPledge, cellAt(5, row+1)); got != "" {
			t.Errorf("unsigned date = %q, want empty", got)
		}
		if got := value(SheetPledge, cellAt(6, row+1)); got != "Chưa ký" {
			t.Errorf("unsigned status = %q", got)
		}
		if got := value(SheetPledge, cellAt(3, row)); got != "Nguyễn Thị Hồng Nhung" {
			t.Errorf("representative = %q", got)
		}
		// The list sheet.
		numeric(SheetSignatures, "E2")
		if got := value(SheetSignatures, "E2"); got != "30/11/2020" {
			t.Errorf("list sign date = %q", got)
		}
		if got := value(SheetSignatures, "F3"); got != "Chưa ký" {
			t.Errorf("list status = %q", got)
		}
		if p, err := f.GetPanes(SheetSignatures); err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("signature list panes = %+v, %v; want row 1 frozen", p, err)
		}
		if p, err := f.GetPanes(SheetCommitments); err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("commitment list panes = %+v, %v; want row 1 frozen", p, err)
		}
	})

	t.Run("page setup", func(t *testing.T) {
		for _, sheet := range f.GetSheetList() {
			pl, err := f.GetPageLayout(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if pl.Orientation == nil || *pl.Orientation != "portrait" {
				t.Errorf("%s orientation = %v", sheet, pl.Orientation)
			}
			if pl.Size == nil || *pl.Size != 9 {
				t.Errorf("%s paper size = %v, want 9 (A4)", sheet, pl.Size)
			}
			if sheet == SheetPledge {
				documentPages(t, f, sheet)
			} else if visible, err := f.GetSheetVisible(sheet); err != nil || visible {
				t.Errorf("%s is visible: it would print after the document", sheet)
			}
			m, err := f.GetPageMargins(sheet)
			if err != nil || m.Left == nil || *m.Left < 1.1 || *m.Left > 1.4 {
				t.Errorf("%s left margin = %v, want 30–35 mm", sheet, m.Left)
			}
		}
	})
}

// A pledge with nothing signed, no date and no commitments still writes.
func TestWritePledgeEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WritePledge(&buf, PledgeDoc{Issuer: document.Issuer{Parent: "X", Name: "Y"}}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue(SheetPledge, "C4"); v != "……, ngày … tháng … năm …" {
		t.Errorf("place and date = %q", v)
	}
}
