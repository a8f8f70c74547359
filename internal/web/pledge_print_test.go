package web_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/seed"
)

// printFixture is a cluster of three provinces in a year of its own, with
// a pledge Thanh Hóa has signed and the others have not.
type printFixture struct {
	cv         app.ClusterView
	pledge     cluster.Pledge
	th, na, ht int64
}

func newPrintFixture(t *testing.T, s *site) printFixture {
	t.Helper()
	ctx, sys := context.Background(), auth.System
	const year = 2031 // clear of the demo's years
	f := printFixture{th: s.unit(t, seed.ProvinceCode("Thanh Hóa")), na: s.unit(t, seed.ProvinceCode("Nghệ An")),
		ht: s.unit(t, seed.ProvinceCode("Hà Tĩnh"))}
	if _, err := s.app.SaveYear(ctx, sys, cluster.Year{Year: year, Title: "Năm thi đua 2031",
		StartsOn: time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), EndsOn: time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	cv, err := s.app.SaveCluster(ctx, sys, 0, app.ClusterInput{Year: year, Level: string(cluster.National), Number: 77,
		Name: "Bắc Trung Bộ thử nghiệm", Members: []int64{f.th, f.na, f.ht}})
	if err != nil {
		t.Fatal(err)
	}
	if cv, err = s.app.Designate(ctx, sys, cv.ID, cv.Version, cluster.Designation{HeadUnitID: f.th, DeputyUnitID: f.na, Ref: "Quyết định số 01/QĐ-VKSTC"}); err != nil {
		t.Fatal(err)
	}
	signedOn := time.Date(year-1, 11, 30, 0, 0, 0, 0, time.UTC)
	pl, err := s.app.SavePledge(ctx, sys, cv.ID, 0, cluster.PledgeContent{
		Title:    "Giao ước thi đua năm 2031 của Cụm thi đua số 77",
		Place:    "Thanh Hóa",
		SignedOn: &signedOn,
		Preamble: "Căn cứ Luật Thi đua, khen thưởng năm 2022;\nCác đơn vị thành viên thống nhất ký kết giao ước thi đua với các nội dung sau:",
		Commitments: cluster.ParseCommitments("1. Giải quyết 100% tin báo, tố giác về tội phạm đúng hạn. [I.1]\n" +
			"2. Truy tố đúng người, đúng tội, đúng pháp luật đạt 100%."),
		Lines: map[int64]cluster.SignatureLine{
			f.th: {Representative: "Nguyễn Thị Hồng Nhung", Position: "Viện trưởng"},
			f.na: {Representative: "Trần Văn Nghệ", Position: "Phó Viện trưởng"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if pl, err = s.app.SignPledge(ctx, sys, pl.ID, f.th, cluster.SignatureLine{}); err != nil {
		t.Fatal(err)
	}
	f.cv, f.pledge = cv, pl
	return f
}

func TestPledgePrint(t *testing.T) {
	s := newSite(t)
	f := newPrintFixture(t, s)
	b := s.browser(t)
	b.login("hoidong")
	path := "/pledges/" + itoa(f.pledge.ID)

	r := b.get(path + "/print")
	if r.status != http.StatusOK {
		t.Fatalf("print: %d %s", r.status, r.body)
	}
	if out := os.Getenv("PLEDGE_PRINT_HTML"); out != "" { // to look at it in a browser
		_ = os.WriteFile(out, []byte(r.body), 0o644)
	}
	contains(t, r,
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", "CỤM THI ĐUA SỐ 77 (BẮC TRUNG BỘ THỬ NGHIỆM)",
		"Thanh Hóa, ngày 30 tháng 11 năm 2030", "/GƯTĐ-CTĐ77", // "Số:      /GƯTĐ-CTĐ77", the number left for the clerk
		"GIAO ƯỚC THI ĐUA", "Giao ước thi đua năm 2031 của Cụm thi đua số 77",
		"Giải quyết 100% tin báo, tố giác về tội phạm đúng hạn.", "(tiêu chí I.1)",
		"Nguyễn Thị Hồng Nhung", "VIỆN TRƯỞNG", "Trần Văn Nghệ",
		"Bản dự thảo – chưa đủ chữ ký", "(1/3 đơn vị đã ký)",
		"(chưa ký)", "(đã ký ngày ", path+"/workbook", "data-print")
	for _, id := range []int64{f.th, f.na, f.ht} {
		contains(t, r, strings.ToUpper(s.unitName(t, id)))
	}
	if strings.Contains(r.body, "style=") {
		t.Error("the print page has an inline style, which the CSP blocks")
	}

	// The workbook of the same version.
	res, err := b.hc.Get(s.URL + path + "/workbook")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body bytes.Buffer
	if _, err := body.ReadFrom(res.Body); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("workbook: %d %s", res.StatusCode, body.String())
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("workbook content type = %q", ct)
	}
	cd := res.Header.Get("Content-Disposition")
	for _, want := range []string{"attachment", `filename="giao-uoc-cum-77-2031.xlsx"`, "filename*=UTF-8''Giao%20%C6%B0%E1%BB%9Bc"} {
		if !strings.Contains(cd, want) {
			t.Errorf("Content-Disposition %q lacks %q", cd, want)
		}
	}
	wb, err := excelize.OpenReader(bytes.NewReader(body.Bytes()))
	if err != nil {
		t.Fatalf("workbook does not open: %v", err)
	}
	defer wb.Close()
	if v, _ := wb.GetCellValue("Giao ước", "A1"); v != "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO" {
		t.Errorf("workbook A1 = %q", v)
	}
	if v, _ := wb.GetCellValue("Chữ ký", "B2"); v != s.unitName(t, f.th) {
		t.Errorf("workbook first signer = %q, want %q", v, s.unitName(t, f.th))
	}

	// Missing pledges are 404, for the page and the workbook.
	for _, p := range []string{"/pledges/987654/print", "/pledges/987654/workbook", "/pledges/abc/print"} {
		if r := b.get(p); r.status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, r.status)
		}
	}

	// Without a session: off to the login page.
	anon := s.browser(t)
	for _, p := range []string{path + "/print", path + "/workbook"} {
		r := anon.get(p)
		if r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/login") {
			t.Errorf("anonymous GET %s = %d → %q, want a redirect to /login", p, r.status, r.location)
		}
	}
}

// A superseded version says so and points to the version in force.
func TestPledgePrintSuperseded(t *testing.T) {
	s := newSite(t)
	f := newPrintFixture(t, s)
	ctx, sys := context.Background(), auth.System
	for _, u := range []int64{f.na, f.ht} {
		if _, err := s.app.SignPledge(ctx, sys, f.pledge.ID, u, cluster.SignatureLine{Representative: "Lê Văn Tĩnh", Position: "Viện trưởng"}); err != nil {
			t.Fatal(err)
		}
	}
	b := s.browser(t)
	b.login("hoidong")
	final := b.get("/pledges/" + itoa(f.pledge.ID) + "/print")
	contains(t, final, "Lê Văn Tĩnh")
	if strings.Contains(final.body, "Bản dự thảo") || strings.Contains(final.body, "(chưa ký)") {
		t.Error("a final pledge is shown as a draft")
	}
	v2, err := s.app.AmendPledge(ctx, sys, f.cv.ID, "Bổ sung chỉ tiêu chuyển đổi số")
	if err != nil {
		t.Fatal(err)
	}
	old := b.get("/pledges/" + itoa(f.pledge.ID) + "/print")
	contains(t, old, "Bản đã được thay thế", "/pledges/"+itoa(v2.ID)+"/print")
	cur := b.get("/pledges/" + itoa(v2.ID) + "/print")
	contains(t, cur, "Bản sửa đổi lần 1", "Bổ sung chỉ tiêu chuyển đổi số", "Bản dự thảo – chưa đủ chữ ký")
}
