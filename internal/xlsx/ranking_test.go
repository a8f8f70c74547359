package xlsx

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"thidua/internal/document"
	"thidua/internal/scoring"
)

// The 34 provinces from 1/7/2025 (domain.md §2), for realistic names.
var provinces = []string{"Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "TP Hải Phòng",
	"Ninh Bình", "Quảng Trị", "TP Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk",
	"TP Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "TP Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
	"TP Hà Nội", "TP Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
	"Hà Tĩnh", "Cao Bằng"}

func sampleRanking() RankingDoc {
	rows := []RankingRow{
		{Rank: 1, UnitName: "Viện kiểm sát nhân dân tỉnh Thanh Hóa", SelfTotal: 98.5, HasSelf: true, Total: 97.25, Reviewed: true,
			Arisen: 129, Met: 127, Exceedable: 60, Exceeded: 59, StatusLabel: scoring.Reviewed.Label()},
		{Rank: 2, UnitName: "Viện kiểm sát nhân dân tỉnh Nghệ An", SelfTotal: 96, HasSelf: true, Total: 95.4, Reviewed: true,
			Arisen: 120, Met: 118, Exceedable: 58, Exceeded: 50, StatusLabel: scoring.Reviewed.Label()},
		// Not reviewed: unranked, its self-score labelled, no indicators.
		{UnitName: "Viện kiểm sát nhân dân tỉnh Hà Tĩnh", SelfTotal: 99.5, HasSelf: true, StatusLabel: scoring.Submitted.Label()},
		{UnitName: "Viện kiểm sát nhân dân tỉnh Quảng Trị", StatusLabel: scoring.NotStarted.Label()},
	}
	var total scoring.Achievement // the reviewed rows', as app.Ranking sums them
	for _, r := range rows[:2] {
		total.Add(scoring.Achievement{Arisen: r.Arisen, Met: r.Met, Exceedable: r.Exceedable, Exceeded: r.Exceeded})
	}
	return RankingDoc{
		Issuer: document.Issuer{Parent: document.Supreme, Name: "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG NGÀNH KIỂM SÁT NHÂN DÂN", Place: "Hà Nội"},
		Date:   day(2026, 12, 5),
		Year:   2026,
		Clusters: []RankingSheet{
			{Name: "Cụm 6 - Bắc Trung Bộ", Title: "Cụm thi đua số 6 (Bắc Trung Bộ)", Rows: rows, Total: total},
			{Name: "Cụm 13: Tây Nam Bộ [demo] với tên rất dài", Title: "Cụm thi đua số 13 (Tây Nam Bộ)", Rows: []RankingRow{
				{Rank: 1, UnitName: "Viện kiểm sát nhân dân tỉnh Vĩnh Long", SelfTotal: 91.75, Total: 91.75, Reviewed: true,
					Arisen: 100, Met: 99, Exceedable: 40, Exceeded: 39, StatusLabel: scoring.Reviewed.Label()},
			}},
		},
	}
}

// nationalRanking is a national year: units spread over clusters (the
// first clusters get one more when they do not divide evenly), every unit
// also in the national table.
func nationalRanking(clusters, units int) RankingDoc {
	d := sampleRanking()
	d.Clusters, d.National = nil, nil
	k := 0
	for c := range clusters {
		sh := RankingSheet{Name: fmt.Sprintf("Cụm %d", c+1), Title: fmt.Sprintf("Cụm thi đua số %d (%s)", c+1, provinces[c%len(provinces)])}
		n := units / clusters
		if c < units%clusters {
			n++
		}
		for u := range n {
			r := RankingRow{Rank: u + 1, UnitName: fmt.Sprintf("Viện kiểm sát nhân dân khu vực %d - %s", u+1, provinces[c%len(provinces)]),
				SelfTotal: 100 - float64(u)*0.37, HasSelf: true, Total: 99.5 - float64(u)*0.41, Reviewed: k%3 != 0,
				Arisen: 120 + k%9, Met: 110 + k%9, Exceedable: 60, Exceeded: 30 + k%29, StatusLabel: scoring.Reviewed.Label()}
			if !r.Reviewed {
				r.Rank, r.Total, r.Arisen, r.Met, r.Exceedable, r.Exceeded = 0, 0, 0, 0, 0, 0
				r.StatusLabel = scoring.Submitted.Label()
			} else {
				sh.Total.Add(scoring.Achievement{Arisen: r.Arisen, Met: r.Met, Exceedable: r.Exceedable, Exceeded: r.Exceeded})
			}
			sh.Rows = append(sh.Rows, r)
			d.National = append(d.National, r)
			k++
		}
		d.Clusters = append(d.Clusters, sh)
	}
	slices.SortStableFunc(d.National, func(a, b RankingRow) int {
		switch {
		case a.Reviewed != b.Reviewed: // the ranked first
			if a.Reviewed {
				return -1
			}
			return 1
		case a.Total > b.Total:
			return -1
		case a.Total < b.Total:
			return 1
		}
		return 0
	})
	for i := range d.National {
		if d.National[i].Reviewed {
			d.National[i].Rank = i + 1
		}
	}
	return d
}

// book opens a written workbook, closed at the end of the test.
func book(t *testing.T, buf *bytes.Buffer, out string) *excelize.File {
	t.Helper()
	if path := os.Getenv(out); path != "" { // for looking at it, e.g. RANKING_OUT=/tmp/r.xlsx
		_ = os.WriteFile(path, buf.Bytes(), 0o644)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// sheetChecks are the assertions every report sheet passes: the heading,
// Times New Roman, the frozen header on row header, A4 landscape one page
// across, the header repeated on printed pages.
func sheetChecks(t *testing.T, f *excelize.File, sheet string, header int) {
	t.Helper()
	get := func(ref string) string {
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	// The heading's right block starts where the nation is.
	var right string
	for c, v := range rows[0] {
		if v == Nation {
			right, _ = excelize.ColumnNumberToName(c + 1)
		}
	}
	if right == "" {
		t.Fatalf("%s: no %q in row 1: %q", sheet, Nation, rows[0])
	}
	if got := get(right + "2"); got != Motto {
		t.Errorf("%s!%s2 = %q, want the motto", sheet, right, got)
	}
	style := func(ref string) excelize.Style {
		t.Helper()
		id, err := f.GetCellStyle(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || st.Font == nil {
			t.Fatalf("%s!%s: style %v, %v", sheet, ref, st, err)
		}
		return *st
	}
	// A body with no parent (the Supreme Procuracy) is on rows 1–2; else the
	// parent is on row 1 and the body on row 2. The body's last line is
	// its short line.
	issuerRow := "A2"
	if strings.Contains(get("A1"), "\n___") {
		issuerRow = "A1"
	} else if s := style("A1"); s.Font.Bold {
		t.Errorf("%s: the parent body is bold", sheet)
	}
	if s := style(issuerRow); !s.Font.Bold {
		t.Errorf("%s: the issuing body is not bold", sheet)
	}
	name, line, _ := strings.Cut(get(issuerRow), "\n___")
	if line == "" || strings.Trim(line, "_") != "" || runes(line)+3 < runes(name)/3 {
		t.Errorf("%s: the issuer's short line under %q", sheet, get(issuerRow))
	}
	if got := get("A1"); got != strings.ToUpper(got) {
		t.Errorf("%s: parent body %q not in capitals", sheet, got)
	}
	if s := style(right + "2"); !s.Font.Bold || s.Font.Underline != "single" {
		t.Errorf("%s: motto font %+v", sheet, s.Font)
	}
	if s := style(right + "4"); !s.Font.Italic {
		t.Errorf("%s: place and date not italic", sheet)
	}
	for r := 1; r <= min(len(rows), header+3); r++ {
		for c := range rows[r-1] {
			ref, _ := excelize.CoordinatesToCellName(c+1, r)
			if rows[r-1][c] == "" {
				continue
			}
			if got := style(ref).Font.Family; got != Font {
				t.Errorf("%s!%s font %q, want %q", sheet, ref, got, Font)
			}
		}
	}
	p, err := f.GetPanes(sheet)
	if err != nil || !p.Freeze || p.YSplit != header {
		t.Errorf("%s panes = %+v, %v; want rows 1–%d frozen", sheet, p, err, header)
	}
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 {
		t.Errorf("%s page = %v %v, want A4 (9) landscape", sheet, pl.Size, pl.Orientation)
	}
	documentPages(t, f, sheet)
	names := f.GetDefinedName()
	found := false
	for _, n := range names {
		if n.Name == "_xlnm.Print_Titles" && n.Scope == sheet {
			found = strings.HasSuffix(n.RefersTo, fmt.Sprintf("!$%d:$%d", header, header))
		}
	}
	if !found {
		t.Errorf("%s: header row %d not repeated on printed pages (%+v)", sheet, header, names)
	}
}

// numeric asserts a cell holds a number (t="n" or no type) with a value.
func numeric(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	ct, err := f.GetCellType(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	if ct != excelize.CellTypeNumber && ct != excelize.CellTypeUnset {
		t.Errorf("%s!%s: type %v, want a number", sheet, ref, ct)
	}
	v, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if v == "" {
		t.Errorf("%s!%s is empty", sheet, ref)
	}
	return v
}

func numFmt(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, _ := f.GetCellStyle(sheet, ref)
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

func TestWriteRanking(t *testing.T) {
	d := sampleRanking()
	var buf bytes.Buffer
	if err := WriteRanking(&buf, d); err != nil {
		t.Fatal(err)
	}
	f := book(t, &buf, "RANKING_OUT")
	if got := d.Clusters[1].Name; got != "Cụm 13: Tây Nam Bộ [demo] với tên rất dài" {
		t.Errorf("the caller's cluster name was changed to %q", got)
	}

	// Sheet names: the summary first; ":" and "[]" replaced, cut to 31.
	want := []string{SheetSummary, "Cụm 6 - Bắc Trung Bộ", "Cụm 13- Tây Nam Bộ -demo- với t"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	for _, s := range want {
		sheetChecks(t, f, s, rankingHeaderRow)
	}
	want3 := want[2]

	const sheet = "Cụm 6 - Bắc Trung Bộ"
	get := func(sheet, ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for ref, want := range map[string]string{
		"A1": "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO",
		"A6": "BẢNG XẾP HẠNG KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2026",
		"A7": "CỤM THI ĐUA SỐ 6 (BẮC TRUNG BỘ)",
		"A9": "STT", "B9": "Hạng", "C9": "Đơn vị", "D9": "Điểm tự chấm (chưa thẩm định)", "E9": "Điểm thẩm định",
		"F9": "Chỉ tiêu phát sinh", "G9": "Chỉ tiêu đạt", "H9": "Tỷ lệ đạt", "I9": "Chỉ tiêu có thể vượt",
		"J9": "Chỉ tiêu vượt", "K9": "Tỷ lệ vượt", "L9": "Trạng thái",
		"C10": "Viện kiểm sát nhân dân tỉnh Thanh Hóa", // every diacritic round-trips
		"L10": "Đã thẩm định", "L12": "Đã nộp, chờ thẩm định",
		"A14": "Cộng (2 đơn vị đã thẩm định)",
	} {
		if got := get(sheet, ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	if got := issuerName(get(sheet, "A2")); got != "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG NGÀNH KIỂM SÁT NHÂN DÂN" {
		t.Errorf("issuer = %q", got)
	}
	if rows, _ := f.GetRows(sheet); !slices.Contains(rows[3], "Hà Nội, ngày 05 tháng 12 năm 2026") {
		t.Errorf("place and date missing from row 4: %q", rows[3])
	}

	// Numbers are numbers, with their formats.
	for ref, want := range map[string]string{
		"A10": "1", "B10": "1", "D10": "98.5", "E10": "97.25", "F10": "129", "G10": "127", "H10": "0.984",
		"I10": "60", "J10": "59", "K10": "0.983", "B11": "2", "D12": "99.5",
		"F14": "249", "G14": "245", "H14": "0.984",
	} {
		if got := numeric(t, f, sheet, ref); got != want {
			t.Errorf("%s raw = %q, want %q", ref, got, want)
		}
	}
	for ref, want := range map[string]string{"D10": fmtScore, "E10": fmtScore, "H10": fmtRate, "K10": fmtRate, "A10": fmtInt, "F10": fmtInt} {
		if got := numFmt(t, f, sheet, ref); got != want {
			t.Errorf("%s number format %q, want %q", ref, got, want)
		}
	}
	// Shown the way the number format says (excelize renders with a dot;
	// a Vietnamese Excel shows 98,50 and 98,4%).
	if got := get(sheet, "D10"); got != "98.50" {
		t.Errorf("D10 shows %q", got)
	}
	if got := get(sheet, "H10"); got != "98.4%" { // 127/129 rounded once
		t.Errorf("H10 shows %q", got)
	}
	// Not reviewed: no rank, no reviewed score, no indicators; not started:
	// no self-score either.
	for _, ref := range []string{"B12", "B13", "E12", "F12", "G12", "H12", "K12", "D13", "E13", "H13", "K13"} {
		if got := get(sheet, ref); got != "" {
			t.Errorf("%s = %q, want empty", ref, got)
		}
	}

	// Cluster 13's total was left zero: summed from its rows.
	for ref, want := range map[string]string{"F11": "100", "G11": "99", "I11": "40", "J11": "39"} {
		if got := get(want3, ref); got != want {
			t.Errorf("cluster 13 total %s = %q, want %q", ref, got, want)
		}
	}
	if pl, _ := f.GetPageLayout(sheet); pl.FirstPageNumber == nil || *pl.FirstPageNumber != 1 {
		t.Errorf("pages not numbered from 1 on each sheet: %v", pl.FirstPageNumber)
	}

	// No national table: the summary lists the clusters' leaders.
	for ref, want := range map[string]string{
		"A7": "ĐƠN VỊ DẪN ĐẦU CÁC CỤM, KHỐI THI ĐUA", "C9": "Cụm thi đua", "D9": "Đơn vị",
		"C10": "Cụm 6 - Bắc Trung Bộ", "D10": "Viện kiểm sát nhân dân tỉnh Thanh Hóa",
		"D11": "Viện kiểm sát nhân dân tỉnh Vĩnh Long", "D12": "",
	} {
		if got := get(SheetSummary, ref); got != want {
			t.Errorf("summary %s = %q, want %q", ref, got, want)
		}
	}
}

func TestWriteRankingNational(t *testing.T) {
	d := nationalRanking(34, 350) // 34 sheets and the summary
	d.National[5].Cluster = "Cụm đặt sẵn"
	var buf bytes.Buffer
	if err := WriteRanking(&buf, d); err != nil {
		t.Fatal(err)
	}
	f := book(t, &buf, "NATIONAL_OUT")
	sheets := f.GetSheetList()
	if len(sheets) != 35 || sheets[0] != SheetSummary || sheets[34] != "Cụm 34" {
		t.Fatalf("sheets = %q", sheets)
	}
	sheetChecks(t, f, SheetSummary, rankingHeaderRow)
	sheetChecks(t, f, "Cụm 34", rankingHeaderRow)
	rows, err := f.GetRows(SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	first, last := rankingHeaderRow, rankingHeaderRow+len(d.National)-1 // 0-based rows of the first and last unit
	if got := rows[first][3]; got != d.National[0].UnitName {
		t.Errorf("first national unit %q, want %q", got, d.National[0].UnitName)
	}
	if got := rows[first+232][1]; got != "233" { // 233 of 350 reviewed
		t.Errorf("last rank %q", got)
	}
	if got := rows[last][1]; got != "" {
		t.Errorf("unreviewed unit ranked %q", got)
	}
	if got := rows[last+1][0]; got != "Cộng (233 đơn vị đã thẩm định)" {
		t.Errorf("total row %q", got)
	}
	// Clusters filled in from the cluster sheets, unless given.
	if got := rows[first][2]; !strings.HasPrefix(got, "Cụm ") {
		t.Errorf("national row's cluster = %q", got)
	}
	if got := rows[first+5][2]; got != "Cụm đặt sẵn" {
		t.Errorf("given cluster = %q", got)
	}
	numeric(t, f, SheetSummary, fmt.Sprintf("B%d", first+233))
	numeric(t, f, SheetSummary, fmt.Sprintf("E%d", first+1))
}

// TestWriteRankingNoneReviewed: a cluster without a reviewed filing says
// so, and ranks nobody.
func TestWriteRankingNoneReviewed(t *testing.T) {
	d := sampleRanking()
	d.Clusters = d.Clusters[:1]
	d.Clusters[0].Rows = d.Clusters[0].Rows[2:]
	d.Clusters[0].Total = scoring.Achievement{}
	var buf bytes.Buffer
	if err := WriteRanking(&buf, d); err != nil {
		t.Fatal(err)
	}
	f := book(t, &buf, "")
	rows, err := f.GetRows("Cụm 6 - Bắc Trung Bộ")
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, r := range rows {
		if len(r) > 0 && r[0] == noneReviewed {
			found = true
		}
	}
	for i := rankingHeaderRow; i < rankingHeaderRow+2; i++ {
		if rows[i][1] != "" {
			t.Errorf("row %d ranked %q", i+1, rows[i][1])
		}
	}
	if !found {
		t.Errorf("no %q line", noneReviewed)
	}
	if got := rows[rankingHeaderRow+2][0]; got != "Cộng (0 đơn vị đã thẩm định)" {
		t.Errorf("total row %q", got)
	}
}

func TestSheetName(t *testing.T) {
	used := map[string]bool{"tổng hợp": true}
	for _, tc := range []struct{ in, want string }{
		{"Cụm 6", "Cụm 6"},
		{"cụm 6", "cụm 6 (2)"},
		{"Tổng hợp", "Tổng hợp (2)"},
		{"'Khối 1/2'", "Khối 1-2"},
		{"", "Trang"},
		{"Cụm thi đua số 13 (Tây Nam Bộ) năm 2026", "Cụm thi đua số 13 (Tây Nam Bộ)"},
		{"Cụm thi đua số 13 (Tây Nam Bộ) năm 2027", "Cụm thi đua số 13 (Tây Nam (2)"},
	} {
		got := sheetName(tc.in, used)
		if got != tc.want {
			t.Errorf("sheetName(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if n := len([]rune(got)); n > 31 {
			t.Errorf("%q is %d long", got, n)
		}
	}
}
