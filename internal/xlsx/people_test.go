package xlsx

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

func samplePeopleDoc() PeopleDoc {
	return PeopleDoc{UnitID: 42, UnitCode: "TH", UnitName: "Viện kiểm sát nhân dân tỉnh Thanh Hóa",
		People: []PersonRow{
			{ID: 7, FullName: "Nguyễn Văn An", BirthDate: day(1980, 5, 12), Sex: "nam", Position: "Kiểm sát viên",
				RecruitedOn: day(2003, 9, 1), JoinedSectorOn: day(2010, 2, 1)},
			{ID: 8, FullName: "Lê Thị Hoa", Sex: "nu"},
			{ID: 9, FullName: "Lê Thị Hoa", BirthDate: day(1990, 1, 2)},
		},
		Ratings:     []RatingRow{{Person: PersonRef{ID: 7}, Year: 2025, Rating: "htxs"}, {Person: PersonRef{ID: 9}, Year: 2024, Rating: "khht"}},
		Initiatives: []InitiativeRow{{Person: PersonRef{ID: 7}, Year: 2025, Title: "Sổ tay kiểm sát", Level: "nganh", Applied: true}},
		Disciplines: []DisciplineRow{{Person: PersonRef{ID: 8}, Measure: "canh_cao", From: *day(2023, 3, 1), To: day(2024, 3, 1)}},
		Absences: []AbsenceRow{{Person: PersonRef{ID: 8}, Kind: "thai_san", From: *day(2025, 1, 6), To: day(2025, 7, 5)},
			{Person: PersonRef{ID: 7}, Kind: "hoc_tap", From: *day(2026, 9, 1)}},
		Pending: []PendingRow{{Person: PersonRef{ID: 7}, Kind: "to_cao", From: *day(2026, 10, 1)},
			{Person: PersonRef{ID: 9}, Kind: "xem_xet_ky_luat", From: *day(2025, 2, 1), To: day(2025, 4, 1), Outcome: "không có sai phạm"}},
	}
}

func TestPeopleRoundTrip(t *testing.T) {
	doc := samplePeopleDoc()
	var buf bytes.Buffer
	if err := WritePeopleTemplate(&buf, doc); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); strings.Join(got, "|") != "Hướng dẫn|Cán bộ|Xếp loại|Sáng kiến|Kỷ luật|Nghỉ dài ngày|Đang xem xét|Đơn vị" {
		t.Errorf("sheets: %v", got)
	}
	if v, _ := f.GetSheetVisible(sheetPeopleUnit); v {
		t.Error("unit sheet visible")
	}
	if dvs, _ := f.GetDataValidations(SheetRatings); len(dvs) != 1 {
		t.Errorf("ratings validations: %d", len(dvs))
	}
	f.Close()
	got, problems, err := ReadPeople(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil || len(problems) > 0 {
		t.Fatalf("read back: %v %v", err, problems)
	}
	if got.UnitID != 42 || got.UnitCode != "TH" {
		t.Errorf("unit: %d %s", got.UnitID, got.UnitCode)
	}
	// Rows carry their row numbers; refs the name when it is unique.
	want := doc
	for i := range want.People {
		want.People[i].Row = i + 2
	}
	want.Ratings[0].Row, want.Ratings[0].Person = 2, PersonRef{Name: "Nguyễn Văn An"}
	want.Ratings[1].Row = 3
	want.Initiatives[0].Row, want.Initiatives[0].Person = 2, PersonRef{Name: "Nguyễn Văn An"}
	want.Disciplines[0].Row = 2
	want.Absences[0].Row, want.Absences[1].Row, want.Absences[1].Person = 2, 3, PersonRef{Name: "Nguyễn Văn An"}
	want.Pending[0].Row, want.Pending[0].Person, want.Pending[1].Row = 2, PersonRef{Name: "Nguyễn Văn An"}, 3
	for _, pair := range [][2]any{{got.People, want.People}, {got.Ratings, want.Ratings}, {got.Initiatives, want.Initiatives}, {got.Disciplines, want.Disciplines},
		{got.Absences, want.Absences}, {got.Pending, want.Pending}} {
		g, _ := json.Marshal(pair[0])
		w, _ := json.Marshal(pair[1])
		if string(g) != string(w) {
			t.Errorf("\n got %s\nwant %s", g, w)
		}
	}
}

func handBook(t testing.TB, sheets map[string][][]any, order []string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range order {
		if i == 0 {
			_ = f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			ref, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, ref, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadPeopleHandBuilt(t *testing.T) {
	nfd := norm.NFD.String("Trần Thị Thủy")
	book := handBook(t, map[string][][]any{
		"Ghi chú": {{"Sổ tay của phòng"}, {"không phải dữ liệu"}},
		"Cán bộ": {
			{"Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ"},
			{nil, nfd, "05/09/1985", norm.NFD.String("Nữ"), "Kiểm tra viên"},
			{nil, "Phạm Văn Bình", 29221, "Nam", nil}, // serial 29221 = 01/01/1980
			{nil, nil, nil, nil, nil},
			{nil, "  ", nil, nil, nil},
		},
		"Kỷ luật": {
			{"ID hoặc Họ và tên", "Hình thức", "Từ ngày", "Đến ngày"},
			{"Trần Thị Thủy", "khiển trách", "1/2/2024", 45658}, // 01/01/2025
		},
	}, []string{"Ghi chú", "Cán bộ", "Kỷ luật"})
	doc, problems, err := ReadPeople(bytes.NewReader(book), int64(len(book)))
	if err != nil || len(problems) > 0 {
		t.Fatalf("%v %v", err, problems)
	}
	if len(doc.People) != 2 || doc.UnitID != 0 {
		t.Fatalf("people: %+v", doc.People)
	}
	p := doc.People[0]
	if p.FullName != "Trần Thị Thủy" || !norm.NFC.IsNormalString(p.FullName) || p.Sex != "nu" || !p.BirthDate.Equal(*day(1985, 9, 5)) {
		t.Errorf("NFD row: %+v", p)
	}
	if !doc.People[1].BirthDate.Equal(*day(1980, 1, 1)) || doc.People[1].Sex != "nam" {
		t.Errorf("serial row: %+v", doc.People[1])
	}
	d := doc.Disciplines
	if len(d) != 1 || d[0].Measure != "khien_trach" || !d[0].From.Equal(*day(2024, 2, 1)) || !d[0].To.Equal(*day(2025, 1, 1)) ||
		d[0].Person.Name != "Trần Thị Thủy" {
		t.Errorf("discipline: %+v", d)
	}
}

func TestReadPeopleProblems(t *testing.T) {
	book := handBook(t, map[string][][]any{
		"Cán bộ": {
			{"Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ"},
			{nil, "Phạm Văn Bình", "31/02/1980", "Nam"},
		},
		"Xếp loại": {
			{"Mã cán bộ hoặc Họ và tên", "Năm", "Xếp loại"},
			{"Phạm Văn Bình", 2025, "Giỏi"},
			{"Phạm Văn Bình", 1999, "Hoàn thành tốt nhiệm vụ"},
		},
	}, []string{"Cán bộ", "Xếp loại"})
	_, problems, err := ReadPeople(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Cán bộ|2|C|31/02/1980", "Xếp loại|2|C|Giỏi", "Xếp loại|3|B|1999"}
	if len(problems) != len(want) {
		t.Fatalf("problems: %v", problems)
	}
	for i, p := range problems {
		if g := strings.Join([]string{p.Sheet, itoa(p.Row), p.Column, p.Value}, "|"); g != want[i] || p.Expected == "" {
			t.Errorf("problem %d: %s (%s)", i, g, p.String())
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestReadPeopleRefusals(t *testing.T) {
	for name, data := range map[string][]byte{
		"csv":   []byte("Họ và tên;Năm\nAn;2025\n"),
		"empty": nil,
		"xls":   append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...),
	} {
		_, _, err := ReadPeople(bytes.NewReader(data), int64(len(data)))
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, _, err := ReadPeople(bytes.NewReader(nil), MaxTableFileSize+1); err == nil || !strings.Contains(err.Error(), "quá lớn") {
		t.Errorf("oversize: %v", err)
	}
	book := handBook(t, map[string][][]any{"Sheet": {{"a", "b"}}}, []string{"Sheet"})
	if _, _, err := ReadPeople(bytes.NewReader(book), int64(len(book))); err == nil || !strings.Contains(err.Error(), "Không tìm thấy trang tính") {
		t.Errorf("no sheet: %v", err)
	}
}

func BenchmarkReadPeople15000(b *testing.B) {
	doc := PeopleDoc{UnitID: 1, UnitName: "Đơn vị thử"}
	for i := range 15000 {
		doc.People = append(doc.People, PersonRow{ID: int64(i + 1), FullName: "Nguyễn Văn Thử " + strings.Repeat("A", i%7),
			BirthDate: day(1970+i%30, time.Month(1+i%12), 1+i%28), Sex: "nam", Position: "Kiểm sát viên"})
	}
	var buf bytes.Buffer
	if err := WritePeopleTemplate(&buf, doc); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.ReportMetric(float64(len(data))/1024, "KiB/file")
	b.ResetTimer()
	for range b.N {
		got, problems, err := ReadPeople(bytes.NewReader(data), int64(len(data)))
		if err != nil || len(problems) > 0 || len(got.People) != 15000 {
			b.Fatalf("%v %d %d", err, len(problems), len(got.People))
		}
	}
}

// The new sheets' bad rows are named by sheet, row and column (issue #12).
func TestReadPeopleNewFactsProblems(t *testing.T) {
	book := handBook(t, map[string][][]any{
		"Cán bộ": {
			{"Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Ngày tuyển dụng", "Ngày về ngành"},
			{nil, "Phạm Văn Bình", "01/01/1980", "Nam", nil, "31/12/1979", nil},
			{nil, "Lê Văn Cường", nil, nil, nil, "01/03/2010", "01/02/2010"},
		},
		"Nghỉ dài ngày": {
			{"Mã cán bộ hoặc Họ và tên", "Loại nghỉ", "Từ ngày", "Đến ngày"},
			{"Phạm Văn Bình", "nghỉ phép năm", "01/01/2025", nil},
			{"Phạm Văn Bình", "Nghỉ thai sản", "01/05/2025", "01/04/2025"},
		},
		"Đang xem xét": {
			{"Mã cán bộ hoặc Họ và tên", "Loại vụ việc", "Từ ngày", "Đến ngày", "Kết luận"},
			{"Lê Văn Cường", "Có đơn thư tố cáo đang được xác minh", "01/10/2026", "01/11/2026", nil},
		},
	}, []string{"Cán bộ", "Nghỉ dài ngày", "Đang xem xét"})
	_, problems, err := ReadPeople(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.Sheet+" "+strconv.Itoa(p.Row)+" "+p.Column)
	}
	want := "Cán bộ 2 F|Cán bộ 3 G|Nghỉ dài ngày 2 B|Nghỉ dài ngày 3 D|Đang xem xét 2 E"
	if strings.Join(got, "|") != want {
		t.Errorf("problems %v, want %s\n%+v", got, want, problems)
	}
}
