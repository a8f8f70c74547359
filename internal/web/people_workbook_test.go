package web_test

import (
	"bytes"
	"html"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua/internal/seed"
	"thidua/internal/xlsx"
)

func peopleCount(t *testing.T, s *site) (n int64) {
	t.Helper()
	if err := s.store.ScanForTest(&n, `SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM person_ratings) +
		(SELECT count(*) FROM person_initiatives) + (SELECT count(*) FROM person_disciplines) +
		(SELECT count(*) FROM person_absences) + (SELECT count(*) FROM pending_matters)`); err != nil {
		t.Fatal(err)
	}
	return n
}

func peopleBook(t *testing.T, sheets map[string][][]any, order []string) []byte {
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

func TestPeopleWorkbookImport(t *testing.T) {
	s := newSite(t)
	s.app.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))
	na := s.unit(t, seed.ProvinceCode("Nghệ An"))
	b := s.browser(t)
	b.login("canbo.thanhhoa")
	base := "/units/" + itoa(th) + "/people"

	// Step 1: a new person with records, checked then confirmed.
	book := peopleBook(t, map[string][][]any{
		"Cán bộ": {{"Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Ngày tuyển dụng", "Ngày về ngành"},
			{nil, "Đỗ Minh Khoa", "12/04/1986", "Nam", "Kiểm sát viên", "01/09/2008", "15/03/2012"}},
		"Xếp loại":      {{"Mã cán bộ hoặc Họ và tên", "Năm", "Xếp loại"}, {"Đỗ Minh Khoa", 2025, "Hoàn thành xuất sắc nhiệm vụ"}},
		"Sáng kiến":     {{"Mã cán bộ hoặc Họ và tên", "Năm", "Tên sáng kiến, đề tài", "Cấp công nhận", "Đã áp dụng"}, {"Đỗ Minh Khoa", 2025, "Phần mềm tra cứu", "Cơ sở", "Có"}},
		"Nghỉ dài ngày": {{"Mã cán bộ hoặc Họ và tên", "Loại nghỉ", "Từ ngày", "Đến ngày"}, {"Đỗ Minh Khoa", "Đi học, bồi dưỡng tập trung", "01/09/2026", "30/11/2026"}},
		"Đang xem xét":  {{"Mã cán bộ hoặc Họ và tên", "Loại vụ việc", "Từ ngày", "Đến ngày", "Kết luận"}, {"Đỗ Minh Khoa", "Có đơn thư khiếu nại đang được xác minh", "01/10/2026", nil, nil}},
	}, []string{"Cán bộ", "Xếp loại", "Sáng kiến", "Nghỉ dài ngày", "Đang xem xét"})
	if r := b.get(base + "/import"); r.status != http.StatusOK {
		t.Fatalf("form: %d", r.status)
	}
	before := peopleCount(t, s)
	r := b.upload(base+"/import", nil, "can-bo.xlsx", book)
	if r.status != http.StatusOK {
		t.Fatalf("check: %d %s", r.status, r.body)
	}
	wantText(t, "summary", r, "5 thêm mới", "0 cập nhật", "0 không đổi", "Xác nhận lưu")
	if peopleCount(t, s) != before {
		t.Fatal("the check wrote rows")
	}
	m := contentField.FindStringSubmatch(r.body)
	if m == nil {
		t.Fatal("no content field")
	}
	r = b.upload(base+"/import", map[string]string{"content": html.UnescapeString(m[1]), "file_name": "can-bo.xlsx", "confirm": "1"}, "", nil)
	if r.status != http.StatusSeeOther {
		t.Fatalf("confirm: %d %s", r.status, r.body)
	}
	if got := peopleCount(t, s); got != before+5 {
		t.Fatalf("confirm wrote %d rows, want 5", got-before)
	}
	var got struct {
		Recruited, Joined string
		Absences, Pending int
	}
	if err := s.store.ScanForTest(&got, `SELECT to_char(recruited_on, 'DD/MM/YYYY') AS recruited, to_char(joined_sector_on, 'DD/MM/YYYY') AS joined,
		(SELECT count(*) FROM person_absences a WHERE a.person_id = p.id AND a.kind = 'hoc_tap') AS absences,
		(SELECT count(*) FROM pending_matters m WHERE m.person_id = p.id AND m.kind = 'khieu_nai' AND m.closed_on IS NULL) AS pending
		FROM people p WHERE full_name = 'Đỗ Minh Khoa'`); err != nil {
		t.Fatal(err)
	}
	recruited, joined, absences, pending := got.Recruited, got.Joined, got.Absences, got.Pending
	if recruited != "01/09/2008" || joined != "15/03/2012" || absences != 1 || pending != 1 {
		t.Fatalf("imported facts: %s %s %d %d", recruited, joined, absences, pending)
	}

	// Export → import again: all unchanged.
	res, exp := b.download(base + "/template.xlsx")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("template: %d", res.StatusCode)
	}
	doc, problems, err := xlsx.ReadPeople(bytes.NewReader(exp), int64(len(exp)))
	if err != nil || len(problems) > 0 || doc.UnitID != th {
		t.Fatalf("export reads back: %v %v %d", err, problems, doc.UnitID)
	}
	r = b.upload(base+"/import", nil, "xuat.xlsx", exp)
	if r.status != http.StatusOK {
		t.Fatalf("re-import: %d", r.status)
	}
	wantText(t, "re-import", r, "<strong>0 thêm mới</strong>", "<strong>0 cập nhật</strong>")

	// Problems: all listed, nothing written.
	bad := peopleBook(t, map[string][][]any{
		"Cán bộ":   {{"Mã cán bộ", "Họ và tên", "Ngày sinh"}, {"999999", "Ai Đó", nil}, {nil, "Hà Văn Mới", "30/02/1990"}},
		"Xếp loại": {{"Mã cán bộ hoặc Họ và tên", "Năm", "Xếp loại"}, {"Không Có Ai", 2025, "Hoàn thành nhiệm vụ"}},
	}, []string{"Cán bộ", "Xếp loại"})
	before = peopleCount(t, s)
	r = b.upload(base+"/import", nil, "loi.xlsx", bad)
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("problems: %d", r.status)
	}
	wantText(t, "problems", r, "Tệp có 3 lỗi", "999999", "30/02/1990", "Không Có Ai")
	r = b.upload(base+"/import", map[string]string{"confirm": "1"}, "loi.xlsx", bad)
	if peopleCount(t, s) != before {
		t.Fatal("a file with problems wrote rows")
	}

	// Another unit's workbook is refused with a clear message.
	b.login("hoidong")
	_, naBook := b.download("/units/" + itoa(na) + "/people/template.xlsx")
	o := s.browser(t)
	o.login("canbo.thanhhoa")
	r = o.upload(base+"/import", map[string]string{"confirm": "1"}, "na.xlsx", naBook)
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("other unit's book: %d", r.status)
	}
	wantText(t, "other book", r, "không phải của đơn vị")
	if testing.Verbose() && !strings.Contains(r.body, "không phải") {
		t.Log(r.body[strings.Index(r.body, "<main"):])
	}
	if peopleCount(t, s) != before {
		t.Fatal("another unit's book wrote rows")
	}

	// An officer of another unit: 403, pages and API.
	if r := o.get("/units/" + itoa(na) + "/people/import"); r.status != http.StatusForbidden {
		t.Fatalf("other unit form: %d", r.status)
	}
	if r := o.upload("/units/"+itoa(na)+"/people/import", nil, "x.xlsx", book); r.status != http.StatusForbidden {
		t.Fatalf("other unit upload: %d", r.status)
	}
	if res, _ := o.download("/units/" + itoa(na) + "/people/template.xlsx"); res.StatusCode != http.StatusForbidden {
		t.Fatalf("other unit template: %d", res.StatusCode)
	}
	tok := s.token(t, "canbo.thanhhoa")
	body, ct := tableForm(t, nil, "x.xlsx", book)
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/api/v1/units/"+itoa(na)+"/people/import", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+tok)
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusForbidden {
		t.Fatalf("api other unit: %v %v", err, res.StatusCode)
	}
	if peopleCount(t, s) != before {
		t.Fatal("writes")
	}
}

// A workbook that rates a person "hoàn thành nhiệm vụ" or better for the
// year of their discipline is refused on that cell (NĐ 90/2020 as amended
// by NĐ 48/2023), and nothing is written.
func TestPeopleWorkbookRatingContradiction(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.app.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))
	b := s.browser(t)
	b.login("canbo.thanhhoa")
	book := peopleBook(t, map[string][][]any{
		"Cán bộ":   {{"Mã cán bộ", "Họ và tên", "Ngày tuyển dụng"}, {nil, "Đỗ Minh Khoa", "01/09/2008"}},
		"Xếp loại": {{"Mã cán bộ hoặc Họ và tên", "Năm", "Xếp loại"}, {"Đỗ Minh Khoa", 2026, "Hoàn thành nhiệm vụ"}},
		"Kỷ luật":  {{"Mã cán bộ hoặc Họ và tên", "Hình thức", "Từ ngày", "Đến ngày"}, {"Đỗ Minh Khoa", "Cảnh cáo", "01/03/2026", nil}},
	}, []string{"Cán bộ", "Xếp loại", "Kỷ luật"})
	before := peopleCount(t, s)
	r := b.upload("/units/"+itoa(th)+"/people/import", map[string]string{"confirm": "1"}, "mau-thuan.xlsx", book)
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("contradiction: %d", r.status)
	}
	wantText(t, "contradiction", r, "Tệp có 1 lỗi", "phải xếp loại “không hoàn thành nhiệm vụ”")
	if peopleCount(t, s) != before {
		t.Fatal("a contradictory file wrote rows")
	}
}
