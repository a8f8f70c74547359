package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"thidua/internal/scoring"
	"thidua/internal/xlsx"
)

// tableForm is a multipart body: fields, and the file when data is not nil.
func tableForm(t testing.TB, fields map[string]string, filename string, data []byte) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if data != nil {
		w, err := mw.CreateFormFile("file", filename)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, mw.FormDataContentType()
}

// upload posts the import form as a browser would, with the CSRF token.
func (b *browser) upload(path string, fields map[string]string, filename string, data []byte) reply {
	b.t.Helper()
	f := map[string]string{"_csrf": b.csrf()}
	for k, v := range fields {
		f[k] = v
	}
	body, ct := tableForm(b.t, f, filename, data)
	req, _ := http.NewRequest(http.MethodPost, b.site.URL+path, body)
	req.Header.Set("Content-Type", ct)
	return b.do(req)
}

// download fetches a file with its headers.
func (b *browser) download(path string) (*http.Response, []byte) {
	b.t.Helper()
	res, err := b.hc.Get(b.site.URL + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

func tableCount(t *testing.T, s *site) (tables, criteria int64) {
	t.Helper()
	if err := s.store.ScanForTest(&tables, `SELECT count(*) FROM criteria_tables`); err != nil {
		t.Fatal(err)
	}
	if err := s.store.ScanForTest(&criteria, `SELECT count(*) FROM criteria`); err != nil {
		t.Fatal(err)
	}
	return tables, criteria
}

func wantText(t *testing.T, what string, r reply, parts ...string) {
	t.Helper()
	body := html.UnescapeString(r.body)
	for _, p := range parts {
		if !strings.Contains(body, p) {
			t.Errorf("%s: page lacks %q", what, p)
		}
	}
}

// tableProblemsWorkbook has three different problems on three rows.
func tableProblemsWorkbook(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetName("Sheet1", xlsx.SheetTable)
	rows := [][]any{
		{"Mã", "Tên tiêu chí", "Mã nhóm cấp trên", "Cách chấm", "Điểm tối đa", "Tử số", "Mẫu số", "Chiều",
			"Chỉ tiêu Quốc hội", "Chỉ tiêu Ngành", "Điểm cộng khi vượt", "Chưa đạt"},
		{"I", "Công tác kiểm sát", nil, "Nhóm tiêu chí"},
		{"1", "Chất lượng kháng nghị", "I", "Chấm điểm", 5},
		{"2", "Báo cáo đúng hạn", "I", "Chấm trực tiếp", "năm"},
		{"3", "Thông báo rút kinh nghiệm", "IX", "Chấm trực tiếp", 3},
	}
	for i, r := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(xlsx.SheetTable, ref, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dumpPage writes a page to $TABLE_IMPORT_HTML-<name>.html, to look at it.
func dumpPage(name string, r reply) {
	if out := os.Getenv("TABLE_IMPORT_HTML"); out != "" {
		_ = os.WriteFile(out+"-"+name+".html", []byte(r.body), 0o644)
	}
}

var contentField = regexp.MustCompile(`name="content" value="([^"]*)"`)

func TestTableWorkbookImport(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	b := s.browser(t)
	b.login("hoidong")

	// The blank template, named for the year.
	res, tpl := b.download("/years/2026/tables/template")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("template: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="mau-bang-tieu-chi-2026.xlsx"`) {
		t.Errorf("template disposition: %s", cd)
	}
	if f, err := excelize.OpenReader(bytes.NewReader(tpl)); err != nil {
		t.Fatal(err)
	} else {
		if got := f.GetSheetList(); len(got) < 2 || got[0] != xlsx.SheetGuide || got[1] != xlsx.SheetTable {
			t.Errorf("template sheets: %v", got)
		}
		f.Close()
	}

	// An existing table, exported, reads back as the same criteria.
	infos, err := s.store.Tables(ctx, 2026)
	if err != nil || len(infos) == 0 {
		t.Fatalf("no 2026 tables: %v", err)
	}
	src := infos[0]
	stored, err := s.store.Table(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	res, book := b.download("/tables/" + itoa(src.ID) + "/workbook")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("workbook: %d %s", res.StatusCode, book)
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="bang-tieu-chi-2026-`+itoa(src.ID)) {
		t.Errorf("workbook disposition: %s", cd)
	}
	rows, problems, err := xlsx.ReadTable(bytes.NewReader(book), int64(len(book)))
	if err != nil || len(problems) > 0 {
		t.Fatalf("exported table reads back with %v %v", err, problems)
	}
	want := stored.Positional().Criteria
	if len(rows) != len(want) {
		t.Fatalf("%d rows read back, want %d", len(rows), len(want))
	}
	for i := range want {
		want[i].Order = rows[i].Order
		if want[i].Method != scoring.Indicator { // what only indicators carry is not exported for other rows
			want[i].Direction, want[i].Numerator, want[i].Denominator, want[i].TargetNA, want[i].TargetSector, want[i].ExceedBonus =
				"", "", "", nil, nil, 0
			want[i].Below = scoring.Nothing
		}
		g, _ := json.Marshal(rows[i])
		w, _ := json.Marshal(want[i])
		if string(g) != string(w) {
			t.Errorf("row %d:\n got %s\nwant %s", i+1, g, w)
		}
	}

	path := "/years/2026/tables/import"
	if r := b.get(path); r.status != http.StatusOK {
		t.Fatalf("import form: %d", r.status)
	} else {
		wantText(t, "form", r, `enctype="multipart/form-data"`, `name="file"`, "mau-bang-tieu-chi-2026.xlsx")
	}
	// A scope the demo has no main table for: one main table per scope and year.
	fields := map[string]string{"name": "Bảng nhập từ Excel năm 2026", "level": "national", "unit_type": "district"}
	tables0, criteria0 := tableCount(t, s)

	// Three problems: all listed with their place; nothing written.
	r := b.upload(path, fields, "bang.xlsx", tableProblemsWorkbook(t))
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("problems: %d", r.status)
	}
	dumpPage("problems", r)
	wantText(t, "problems", r, "Tệp có 3 lỗi cần sửa; chưa có gì được lưu.",
		"<td>Bảng tiêu chí</td>", `<td class="text-end">3</td>`, "D (Cách chấm)", "<code>Chấm điểm</code>",
		`<td class="text-end">4</td>`, "E (Điểm tối đa)", "<code>năm</code>", "một số (ví dụ 5 hoặc 2,5)",
		`<td class="text-end">5</td>`, "C (Mã nhóm cấp trên)", "không có dòng nào mang mã “IX”",
		`value="Bảng nhập từ Excel năm 2026"`)
	if n, c := tableCount(t, s); n != tables0 || c != criteria0 {
		t.Fatalf("problems wrote: tables %d→%d criteria %d→%d", tables0, n, criteria0, c)
	}

	// Not a workbook: the reason, nothing written.
	r = b.upload(path, fields, "bang.xlsx", []byte("Mã,Tên tiêu chí\nI,Công tác\n"))
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("csv: %d", r.status)
	}
	wantText(t, "csv", r, xlsx.MsgFileText)
	// No name, no file.
	r = b.upload(path, map[string]string{"level": "national"}, "", nil)
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("empty form: %d", r.status)
	}
	wantText(t, "empty form", r, "Vui lòng nhập tên bảng tiêu chí.", "Vui lòng chọn tệp Excel (.xlsx) của bảng tiêu chí.")
	if n, c := tableCount(t, s); n != tables0 || c != criteria0 {
		t.Fatalf("refusals wrote: tables %d→%d criteria %d→%d", tables0, n, criteria0, c)
	}

	// A good file: the summary to confirm; still nothing written.
	sum := scoring.Table{Criteria: rows}.MaxTotal()
	r = b.upload(path, fields, "bang.xlsx", book)
	if r.status != http.StatusOK {
		t.Fatalf("summary: %d %s", r.status, r.body)
	}
	dumpPage("summary", r)
	groups := 0
	for _, c := range rows {
		if c.Method == scoring.Group {
			groups++
		}
	}
	wantText(t, "summary", r, "Xác nhận tạo bảng tiêu chí", itoa(int64(groups))+" nhóm", "tổng điểm tối đa "+scoring.FormatNumber(sum))
	if n, _ := tableCount(t, s); n != tables0 {
		t.Fatalf("summary wrote a table")
	}
	m := contentField.FindStringSubmatch(r.body)
	if m == nil {
		t.Fatal("no content field on the summary")
	}
	content := html.UnescapeString(m[1])

	// A new file chosen on the confirm page is only summarised.
	confirm := map[string]string{"confirm": "1", "content": content, "file_name": "bang.xlsx"}
	for k, v := range fields {
		confirm[k] = v
	}
	if r := b.upload(path, confirm, "khac.xlsx", book); r.status != http.StatusOK || !strings.Contains(r.body, "Xác nhận tạo bảng tiêu chí") {
		t.Fatalf("new file on confirm: %d", r.status)
	}
	if n, _ := tableCount(t, s); n != tables0 {
		t.Fatalf("an unseen file was saved")
	}

	// Confirmed: the table is created, in one go, and shown.
	r = b.upload(path, confirm, "", nil)
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/tables/") {
		t.Fatalf("confirm: %d %s %s", r.status, r.location, r.body)
	}
	if n, c := tableCount(t, s); n != tables0+1 || c != criteria0+int64(len(rows)) {
		t.Fatalf("confirm: tables %d→%d criteria %d→%d", tables0, n, criteria0, c)
	}
	page := b.get(r.location)
	wantText(t, "new table", page, "Đã tạo bảng tiêu chí “Bảng nhập từ Excel năm 2026” từ tệp Excel", "/workbook")
	var created struct {
		ID       int64
		Level    string
		UnitType string
		Kind     string
	}
	if err := s.store.ScanForTest(&created, `SELECT id, level, unit_type, kind FROM criteria_tables WHERE name = ?`, fields["name"]); err != nil {
		t.Fatal(err)
	}
	if created.Level != "national" || created.UnitType != "district" || created.Kind != "main" {
		t.Errorf("created header: %+v", created)
	}
	again, err := s.store.Table(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range again.Positional().Criteria {
		c.Order = rows[i].Order
		g, _ := json.Marshal(c)
		w, _ := json.Marshal(rows[i])
		if string(g) != string(w) {
			t.Errorf("saved row %d:\n got %s\nwant %s", i+1, g, w)
		}
	}
}

// tableAPI posts a multipart import to the API.
func tableAPI(t *testing.T, s *site, token string, fields map[string]string, data []byte) (int, map[string]any) {
	t.Helper()
	return apiUpload(t, s, token, "/years/2026/tables/import", fields, data)
}

// apiUpload posts a multipart form with a file to an API path.
func apiUpload(t *testing.T, s *site, token, path string, fields map[string]string, data []byte) (int, map[string]any) {
	t.Helper()
	body, ct := tableForm(t, fields, "bang.xlsx", data)
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/api/v1"+path, body)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", ct)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

func TestTableImportAPI(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	board := s.token(t, "hoidong")
	infos, err := s.store.Tables(ctx, 2026)
	if err != nil || len(infos) == 0 {
		t.Fatalf("no tables: %v", err)
	}
	stored, err := s.store.Table(ctx, infos[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var book bytes.Buffer
	if err := xlsx.WriteTable(&book, xlsx.TableDoc{Year: 2026, Criteria: stored.Criteria}); err != nil {
		t.Fatal(err)
	}
	fields := map[string]string{"name": "Bảng qua API", "level": "bloc", "unit_type": "regional"}
	tables0, _ := tableCount(t, s)

	st, body := tableAPI(t, s, board, fields, tableProblemsWorkbook(t))
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("problems: %d %v", st, body)
	}
	ps, _ := body["problems"].([]any)
	if len(ps) != 3 {
		t.Fatalf("problems: %v", body)
	}
	first, _ := ps[0].(map[string]any)
	if first["sheet"] != xlsx.SheetTable || first["row"] != float64(3) || first["column"] != "D" || first["header"] != "Cách chấm" || first["value"] != "Chấm điểm" {
		t.Errorf("first problem: %v", first)
	}

	st, body = tableAPI(t, s, board, fields, book.Bytes())
	if st != http.StatusOK {
		t.Fatalf("summary: %d %v", st, body)
	}
	summary, _ := body["summary"].(map[string]any)
	if summary["max_total"] != stored.MaxTotal() || summary["rows"] != float64(len(stored.Criteria)) {
		t.Errorf("summary: %v", summary)
	}
	if n, _ := tableCount(t, s); n != tables0 {
		t.Fatal("the API saved without confirm")
	}

	fields["confirm"] = "true"
	st, body = tableAPI(t, s, board, fields, book.Bytes())
	if st != http.StatusCreated || body["level"] != "bloc" || body["name"] != "Bảng qua API" {
		t.Fatalf("confirm: %d %v", st, body)
	}
	if n, _ := tableCount(t, s); n != tables0+1 {
		t.Fatal("the API did not save")
	}

	// A file that is no workbook: 422 with the reason.
	st, body = tableAPI(t, s, board, fields, []byte("%PDF-1.7 ..."))
	if e, _ := body["error"].(map[string]any); st != http.StatusUnprocessableEntity || e["message"] != xlsx.MsgFilePDF {
		t.Fatalf("pdf: %d %v", st, body)
	}

	// An officer may not.
	st, _ = tableAPI(t, s, s.token(t, "canbo.nghean"), fields, book.Bytes())
	if st != http.StatusForbidden {
		t.Fatalf("officer via API: %d", st)
	}
	if n, _ := tableCount(t, s); n != tables0+1 {
		t.Fatal("a refused call wrote")
	}
}

func TestTableImportOfficerRefused(t *testing.T) {
	s := newSite(t)
	b := s.browser(t)
	b.login("canbo.nghean")
	tables0, _ := tableCount(t, s)
	for _, path := range []string{"/years/2026/tables/import", "/years/2026/tables/template"} {
		if r := b.get(path); r.status != http.StatusForbidden {
			t.Errorf("GET %s: %d", path, r.status)
		}
	}
	r := b.upload("/years/2026/tables/import", map[string]string{"name": "Bảng", "level": "national"}, "bang.xlsx", tableProblemsWorkbook(t))
	if r.status != http.StatusForbidden {
		t.Fatalf("officer upload: %d", r.status)
	}
	if n, _ := tableCount(t, s); n != tables0 {
		t.Fatal("the officer's upload wrote")
	}
	// Viewing tables is open to officers, so is downloading one.
	infos, _ := s.store.Tables(context.Background(), 2026)
	if res, _ := b.download("/tables/" + itoa(infos[0].ID) + "/workbook"); res.StatusCode != http.StatusOK {
		t.Errorf("officer downloads a table: %d", res.StatusCode)
	}
	if r := b.get("/years/2026/tables"); strings.Contains(r.body, "/tables/import") {
		t.Error("the officer sees the import link")
	}
}
