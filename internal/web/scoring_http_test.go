package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"testing"

	"thidua/internal/seed"

	"github.com/xuri/excelize/v2"
)

// The year as the pages walk it: the board writes the table in the grid,
// a member files, the head returns it, the member fixes it, the head
// accepts, and the ranking shows the reviewed score.
func TestScoringOverHTTP(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	_, na, _, c := s.cluster2040(t)

	board := s.browser(t)
	board.login("hoidong")
	grid := url.Values{"name": {"Bảng tiêu chí 2040"}, "kind": {"main"}, "level": {"national"}, "unit_type": {"provincial"}}
	for _, r := range [][]string{
		{"I", "Công tố", "", "group", "", "", "", "", "", "", "", "zero"},
		{"1", "Tin báo giải quyết đúng hạn", "I", "indicator", "60", "tin báo đúng hạn", "tin báo phải giải quyết", "higher", "90", "95", "1", "zero"},
		{"2", "Đoàn kết nội bộ", "I", "fixed", "40", "", "", "", "", "", "", "zero"},
		{"", "", "", "group", "", "", "", "", "", "", "", "zero"}, // an unused grid row
	} {
		for i, k := range []string{"code", "cname", "parent", "method", "max", "numerator", "denominator", "direction", "target_na", "target_sector", "exceed_bonus", "below"} {
			grid.Add(k, r[i])
		}
	}
	bad := url.Values{}
	for k, v := range grid {
		bad[k] = append([]string(nil), v...)
	}
	bad["max"][1] = "sáu mươi"
	bad["parent"][2] = "IX"
	r := board.post("/years/2040/tables", bad)
	if r.status != 422 {
		t.Fatalf("bad grid: %d", r.status)
	}
	contains(t, r, "“sáu mươi” không phải là số", "nhóm cấp trên “IX”")
	if r = board.post("/years/2040/tables", grid); r.status != http.StatusSeeOther {
		t.Fatalf("table: %d %.500s", r.status, r.body)
	}
	contains(t, board.get(r.location), "Tin báo giải quyết đúng hạn", "Đoàn kết nội bộ")

	info, err := s.store.TableFor(ctx, 2040, "national", c.ID, "provincial")
	if err != nil {
		t.Fatal(err)
	}
	tb, _ := s.store.Table(ctx, info.ID)
	c1, c2 := itoa(tb.Criteria[1].ID), itoa(tb.Criteria[2].ID)

	member := s.browser(t)
	member.login("canbo.nghean")
	page := member.follow("/years/2040/filing")
	contains(t, page, "Tự chấm điểm thi đua năm 2040", "Chưa bắt đầu")
	form := url.Values{"version": {"0"}, "action": {"submit"}, "n_" + c1: {"98"}, "d_" + c1: {"100"}, "s_" + c2: {"38,5"}}
	if r = member.send(http.MethodPut, "/years/2040/filings/"+itoa(na), form); r.status != http.StatusSeeOther {
		t.Fatalf("submit: %d %.800s", r.status, r.body)
	}
	contains(t, member.get(r.location), "Đã nộp bản tự chấm điểm")

	head := s.browser(t)
	head.login("canbo.thanhhoa")
	f, _ := s.store.Filing(ctx, info.ID, na)
	rev := url.Values{"version": {itoa(int64(f.Version))}, "action": {"return"}, "rn_" + c1: {"98"}, "rd_" + c1: {"100"}, "rs_" + c2: {"38,5"}, "reason": {""}}
	if r = head.send(http.MethodPut, "/years/2040/filings/"+itoa(na)+"/review", rev); r.status != 422 {
		t.Fatalf("return without reason: %d", r.status)
	}
	contains(t, r, "Vui lòng ghi lý do trả lại")
	rev.Set("reason", "Thiếu biên bản chứng minh tiêu chí 2")
	if r = head.send(http.MethodPut, "/years/2040/filings/"+itoa(na)+"/review", rev); r.status != http.StatusSeeOther {
		t.Fatalf("return: %d %.500s", r.status, r.body)
	}
	page = member.follow("/years/2040/filing")
	contains(t, page, "Thiếu biên bản chứng minh tiêu chí 2", "Nộp bản tự chấm điểm")
	f, _ = s.store.Filing(ctx, info.ID, na)
	form.Set("version", itoa(int64(f.Version)))
	form.Set("e_"+c2, "Biên bản số 12")
	if r = member.send(http.MethodPut, "/years/2040/filings/"+itoa(na), form); r.status != http.StatusSeeOther {
		t.Fatalf("resubmit: %d", r.status)
	}
	f, _ = s.store.Filing(ctx, info.ID, na)
	rev = url.Values{"version": {itoa(int64(f.Version))}, "action": {"accept"}, "rn_" + c1: {"98"}, "rd_" + c1: {"100"}, "rs_" + c2: {"35"}, "rc_" + c2: {"Còn đơn thư kéo dài"}}
	if r = head.send(http.MethodPut, "/years/2040/filings/"+itoa(na)+"/review", rev); r.status != http.StatusSeeOther {
		t.Fatalf("accept: %d %.500s", r.status, r.body)
	}
	// 61 + 35 = 96 of 100.
	rank := board.get("/years/2040/ranking")
	contains(t, rank, "VKSND tỉnh Nghệ An", ">96<", "chart.umd.min.js")
	contains(t, board.get("/years/2040/progress"), "Đã thẩm định")
	// The history names people by their full names (the user name in a tooltip).
	contains(t, board.get("/years/2040/filings/"+itoa(na)+"/history"), "Còn đơn thư kéo dài", "38,5 → 35",
		`<span title="canbo.thanhhoa">Lê Thị Thanh</span>`, `<span title="canbo.nghean">Trần Văn Nghệ</span>`)

	// Refusals: the member cannot review, the head cannot file for the member, a viewer can do neither.
	viewer := s.browser(t)
	viewer.login("xem")
	for _, x := range []struct {
		name string
		r    reply
	}{
		{"member reviews", member.send(http.MethodPut, "/years/2040/filings/"+itoa(na)+"/review", url.Values{"version": {"1"}})},
		{"head files for a member", head.send(http.MethodPut, "/years/2040/filings/"+itoa(na), url.Values{"version": {"1"}})},
		{"viewer files", viewer.send(http.MethodPut, "/years/2040/filings/"+itoa(na), url.Values{"version": {"1"}})},
		{"viewer edits a table", viewer.post("/tables/"+itoa(info.ID), grid)},
		{"member opens a table editor", member.get("/years/2040/tables/new")},
	} {
		if x.r.status != 403 {
			t.Errorf("%s: %d, want 403", x.name, x.r.status)
		}
	}
	// The table is frozen now: the grid refuses, a new version needs a reason.
	if r = board.post("/tables/"+itoa(info.ID), grid); r.status != 422 {
		t.Fatalf("edit frozen table: %d", r.status)
	}
	var n int64
	if err := s.store.ScanForTest(&n, `SELECT count(*) FROM criteria_tables WHERE year = 2040`); err != nil || n != 1 {
		t.Fatalf("%d tables", n)
	}
}

func TestScoringWorkbooks(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	b.login("hoidong")
	for _, path := range []string{"/years/2026/ranking/workbook", "/years/2026/filings/" + itoa(s.unit(t, seed.ProvinceCode("Thanh Hóa"))) + "/workbook"} {
		req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
		res, err := b.hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Fatalf("%s: %d %s", path, res.StatusCode, res.Header.Get("Content-Type"))
		}
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(f.GetSheetList()) == 0 {
			t.Fatalf("%s: no sheets", path)
		}
		f.Close()
	}
}
