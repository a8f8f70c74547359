package web_test

import (
	"bytes"
	"context"
	"html"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua/internal/auth"
	"thidua/internal/scoring"
	"thidua/internal/seed"
	"thidua/internal/xlsx"
	"thidua/internal/xlsx/xlsxtest"
)

var versionField = regexp.MustCompile(`name="version" value="([^"]*)"`)

// scoringRows fingerprints what the scoring tables hold, to show that a
// refused upload wrote nothing.
func scoringRows(t *testing.T, s *site) string {
	t.Helper()
	var out struct{ A, E, C, V int64 }
	if err := s.store.ScanForTest(&out, `SELECT (SELECT count(*) FROM assessments) AS a, (SELECT count(*) FROM assessment_entries) AS e,
		(SELECT count(*) FROM score_changes) AS c, (SELECT coalesce(sum(version), 0) FROM assessments) AS v`); err != nil {
		t.Fatal(err)
	}
	return strings.Join([]string{itoa(out.A), itoa(out.E), itoa(out.C), itoa(out.V)}, "/")
}

// fillSelf fills a downloaded template as a unit would, finding each
// criterion's row by its code; it returns the entries the unit means.
func fillSelf(t *testing.T, book []byte, tbl scoring.Table) ([]byte, map[int64]scoring.Entry) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(xlsx.SheetSelf)
	if err != nil {
		t.Fatal(err)
	}
	rowOf := map[string]int{}
	for i, r := range rows {
		if len(r) > 0 && i >= 5 {
			rowOf[r[0]] = i + 1
		}
	}
	want := map[int64]scoring.Entry{}
	set := func(col string, n int, v any) {
		if err := f.SetCellValue(xlsx.SheetSelf, col+itoa(int64(n)), v); err != nil {
			t.Fatal(err)
		}
	}
	f64 := func(v float64) *float64 { return &v }
	notArisen := false
	for _, c := range tbl.Criteria {
		n, ok := rowOf[c.Code]
		if !ok {
			t.Fatalf("criterion %s not in the template", c.Code)
		}
		e := scoring.Entry{CriterionID: c.ID}
		switch {
		case c.Method == scoring.Fixed:
			e.Score = f64(c.Max)
			set("F", n, strings.Replace(scoring.FormatNumber(c.Max), ".", "", -1)) // as text, "2,5"
		case c.Method == scoring.Indicator && !notArisen && c.IsRate():
			notArisen = true
			e.NotArisen, e.Explanation = true, "Không có vụ việc trong năm"
			set("I", n, xlsx.NotArisenLabel)
			set("J", n, e.Explanation)
		case c.Method == scoring.Indicator && c.IsRate():
			e.Numerator, e.Denominator = f64(9), f64(10)
			if c.Direction == scoring.Lower {
				e.Numerator = f64(0)
			}
			set("G", n, *e.Numerator)
			set("H", n, *e.Denominator)
		case c.Method == scoring.Indicator:
			e.Numerator = f64(0)
			set("G", n, 0)
		default:
			continue
		}
		want[c.ID] = e
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), want
}

func TestSelfWorkbookRoundTrip(t *testing.T) {
	s := newSite(t)
	s.app.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	na := s.unit(t, seed.ProvinceCode("Nghệ An"))
	b := s.browser(t)
	b.login("canbo.nghean")
	res, book := b.download("/years/2026/filings/" + itoa(na) + "/template")
	if res.StatusCode != http.StatusOK || !bytes.HasPrefix(book, []byte("PK")) {
		t.Fatalf("template: %d %s", res.StatusCode, book[:min(len(book), 200)])
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") {
		t.Errorf("Content-Disposition %q", cd)
	}
	officer := auth.Principal{UserID: 1, Role: auth.RoleBoard}
	v, err := s.app.Filing(ctx, officer, 2026, na)
	if err != nil {
		t.Fatal(err)
	}
	filled, want := fillSelf(t, book, v.Table)
	path := "/years/2026/filings/" + itoa(na) + "/import"
	if r := b.get(path); r.status != http.StatusOK {
		t.Fatalf("form: %d", r.status)
	}

	before := scoringRows(t, s)
	r := b.upload(path, nil, "tu-cham.xlsx", filled)
	if r.status != http.StatusOK {
		t.Fatalf("check: %d %s", r.status, r.body)
	}
	wantText(t, "summary", r, itoa(int64(len(want)))+" tiêu chí nhập mới", "0 tiêu chí cập nhật", "Xác nhận lưu")
	if scoringRows(t, s) != before {
		t.Fatal("the check wrote rows")
	}
	m := contentField.FindStringSubmatch(r.body)
	ver := versionField.FindStringSubmatch(r.body)
	if m == nil || ver == nil {
		t.Fatal("no content or version field")
	}
	content := html.UnescapeString(m[1])
	r = b.post(path, map[string][]string{"content": {content}, "file_name": {"tu-cham.xlsx"}, "confirm": {"1"}, "version": {ver[1]}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("confirm: %d %s", r.status, r.body)
	}
	v, err = s.app.Filing(ctx, officer, 2026, na)
	if err != nil {
		t.Fatal(err)
	}
	if v.Filing.Status != scoring.Draft {
		t.Errorf("status %s, want a draft", v.Filing.Status)
	}
	got := map[int64]scoring.Entry{}
	for id, e := range v.Filing.Self {
		got[id] = e
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stored\n got %+v\nwant %+v", got, want)
	}
	// Who changed what, and why, is in the score history.
	hist, err := s.app.FilingHistory(ctx, officer, 2026, na)
	if err != nil || len(hist) == 0 || !strings.Contains(hist[len(hist)-1].Reason+hist[0].Reason, "Nhập từ tệp Excel “tu-cham.xlsx”") {
		t.Errorf("history: %v %+v", err, hist)
	}

	// The same file again changes nothing (every row of the file counts,
	// the bonus and deduction rows left empty too); a confirm on a stale
	// version is refused.
	rowsIn := 0
	for _, c := range v.Table.Criteria {
		if c.Method != scoring.Group {
			rowsIn++
		}
	}
	r = b.upload(path, nil, "tu-cham.xlsx", filled)
	wantText(t, "second check", r, "0 tiêu chí nhập mới", "0 tiêu chí cập nhật", itoa(int64(rowsIn))+" tiêu chí không đổi")
	r = b.post(path, map[string][]string{"content": {content}, "confirm": {"1"}, "version": {ver[1]}})
	if r.status != http.StatusConflict {
		t.Errorf("stale confirm: %d, want 409", r.status)
	}

	// Saved again by LibreOffice, as a user who edits it there: still the same.
	if saved, ok := xlsxtest.SaveWithLibreOffice(t, filled); ok {
		r = b.upload(path, nil, "tu-cham-libreoffice.xlsx", saved)
		wantText(t, "LibreOffice copy", r, "0 tiêu chí nhập mới", "0 tiêu chí cập nhật", itoa(int64(rowsIn))+" tiêu chí không đổi")
	}

	// Through the API: one criterion changed, saved at once with the version.
	tok := s.token(t, "canbo.nghean")
	_, book = b.download("/years/2026/filings/" + itoa(na) + "/template")
	var fixed scoring.Criterion
	for _, c := range v.Table.Criteria {
		if c.Method == scoring.Fixed {
			fixed = c
			break
		}
	}
	changed := setByCode(t, book, fixed.Code, "F", 0)
	code, body := apiUpload(t, s, tok, "/years/2026/filings/"+itoa(na)+"/import", map[string]string{"confirm": "true", "version": itoa(int64(v.Filing.Version))}, changed)
	if code != http.StatusOK || body["saved"] != true {
		t.Fatalf("API import: %d %v", code, body)
	}
	if sum := body["summary"].(map[string]any); sum["updated"] != 1.0 {
		t.Errorf("API summary %v, want one update", sum)
	}
}

// setByCode sets one cell of a criterion's row in a template.
func setByCode(t *testing.T, book []byte, code, col string, v any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(xlsx.SheetSelf)
	for i, r := range rows {
		if i >= 5 && len(r) > 0 && r[0] == code {
			_ = f.SetCellValue(xlsx.SheetSelf, col+itoa(int64(i+1)), v)
		}
	}
	var out bytes.Buffer
	_ = f.Write(&out)
	return out.Bytes()
}

// TestSelfWorkbookRefusals uploads every file of the bad-file corpus, and
// templates of another unit, year and table version, each with a cell
// problem too: each is refused with its exact message and nothing is
// written.
func TestSelfWorkbookRefusals(t *testing.T) {
	s := newSite(t)
	s.app.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))
	na := s.unit(t, seed.ProvinceCode("Nghệ An"))
	b := s.browser(t)
	b.login("canbo.nghean")
	_, own := b.download("/years/2026/filings/" + itoa(na) + "/template")
	officerOf := func(unit int64) auth.Principal {
		return auth.Principal{UserID: 1, Role: auth.RoleOfficer, UnitID: unit}
	}
	other, err := s.app.SelfWorkbook(ctx, officerOf(th), 2026, th)
	if err != nil {
		t.Fatal(err)
	}
	write := func(d xlsx.SelfDoc) []byte {
		var buf bytes.Buffer
		if err := xlsx.WriteSelfTemplate(&buf, d); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	mine, err := s.app.SelfWorkbook(ctx, officerOf(na), 2026, na)
	if err != nil {
		t.Fatal(err)
	}
	lastYear, oldTable := mine, mine
	lastYear.Year = 2025
	oldTable.TableVersion++
	cases := map[string]struct {
		data []byte
		want string
	}{
		"another unit": {write(other), "Tệp này là mẫu tự chấm điểm của " + other.UnitName + ", không phải của " + mine.UnitName +
			". Hãy tải mẫu của đơn vị mình ở trang Tự chấm điểm."},
		"another year": {write(lastYear), "Tệp này là mẫu tự chấm điểm năm 2025, không phải năm 2026. Hãy tải mẫu của năm 2026."},
		"another table version": {write(oldTable), "Tệp được lập theo một bảng tiêu chí khác hoặc phiên bản cũ; đơn vị đang chấm theo bảng “" +
			mine.TableName + "” (phiên bản " + itoa(int64(max(mine.TableVersion, 1))) + "). Hãy tải mẫu mới và nhập lại."},
		"over the size limit": {append(append([]byte{}, own...), make([]byte, xlsx.MaxTableFileSize)...), "Tệp quá lớn"},
	}
	for _, bf := range xlsx.BadFiles {
		data, err := os.ReadFile(filepath.Join("..", "xlsx", "testdata", "bad", bf.Name))
		if err != nil {
			t.Fatal(err)
		}
		cases["corpus "+bf.Name] = struct {
			data []byte
			want string
		}{data, bf.Self}
	}
	path := "/years/2026/filings/" + itoa(na) + "/import"
	tok := s.token(t, "canbo.nghean")
	before := scoringRows(t, s)
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			r := b.upload(path, nil, "tep.xlsx", c.data)
			if r.status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", r.status)
			}
			wantText(t, name, r, c.want)
			if n := strings.Count(r.body, "alert-danger"); n != 1 {
				t.Errorf("%d error banners", n)
			}
			code, body := apiUpload(t, s, tok, "/years/2026/filings/"+itoa(na)+"/import", map[string]string{"confirm": "true"}, c.data)
			msg, _ := body["error"].(map[string]any)["message"].(string)
			if code != http.StatusUnprocessableEntity || !strings.Contains(msg, c.want) {
				t.Errorf("API: %d %q", code, msg)
			}
			if got := scoringRows(t, s); got != before {
				t.Fatalf("rows changed: %s → %s", before, got)
			}
		})
	}

	// Every cell problem at once, with where it is.
	var fixed, rate scoring.Criterion
	for _, c := range mine.Table.Criteria {
		if c.Method == scoring.Fixed && fixed.ID == 0 {
			fixed = c
		}
		if c.IsRate() && rate.ID == 0 {
			rate = c
		}
	}
	bad := setByCode(t, setByCode(t, setByCode(t, own, fixed.Code, "F", fixed.Max+1), rate.Code, "G", 11), rate.Code, "H", 10)
	r := b.upload(path, nil, "tep.xlsx", bad)
	wantText(t, "problems", r, "Tệp có 2 lỗi cần sửa; chưa có gì được lưu.", "điểm từ 0 đến "+scoring.FormatNumber(fixed.Max), "tử số không lớn hơn mẫu số (10)")
	if got := scoringRows(t, s); got != before {
		t.Fatalf("rows changed: %s → %s", before, got)
	}

	// An officer of another unit, the viewer and last year's head cannot
	// even download the template or upload one (403 before the file is read).
	b2 := s.browser(t)
	b2.login("canbo.thanhhoa")
	if r := b2.upload(path, nil, "tep.xlsx", own); r.status != http.StatusForbidden {
		t.Errorf("another unit's officer: %d, want 403", r.status)
	}
	if res, _ := b2.download("/years/2026/filings/" + itoa(na) + "/template"); res.StatusCode != http.StatusForbidden {
		t.Errorf("another unit's officer downloads: %d, want 403", res.StatusCode)
	}
	v := s.browser(t)
	v.login("xem")
	if r := v.upload(path, nil, "tep.xlsx", own); r.status != http.StatusForbidden {
		t.Errorf("viewer: %d, want 403", r.status)
	}
	if code, _ := apiUpload(t, s, s.token(t, "canbo.thanhhoa"), "/years/2026/filings/"+itoa(na)+"/import", nil, own); code != http.StatusForbidden {
		t.Errorf("API, another unit's officer: %d", code)
	}
	if got := scoringRows(t, s); got != before {
		t.Fatalf("rows changed: %s → %s", before, got)
	}
}
