package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/seed"
)

// The board extends Nghệ An's filing deadline on 12/12/2026, two days
// after the year's; the unit's home and filing pages show the new date
// and the reason, and the unit can file again. A unit officer cannot.
func TestDeadlineExtensionPages(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.app.Now = func() time.Time { return time.Date(2026, 12, 12, 1, 0, 0, 0, time.UTC) }
	nghean := s.unit(t, seed.ProvinceCode("Nghệ An"))
	member := s.browser(t)
	member.login("canbo.nghean")
	contains(t, member.follow("/years/2026/filing"), "Đã hết hạn nộp bản tự chấm điểm (10/12/2026)")
	form := url.Values{"unit_id": {itoa(nghean)}, "kind": {"self_assessment"}, "until": {"17/12/2026"}, "reason": {"Đơn vị bị ảnh hưởng bão số 10"}}
	if r := member.post("/years/2026/extensions", form); r.status != http.StatusForbidden {
		t.Fatalf("an officer extends: %d", r.status)
	}

	board := s.browser(t)
	board.login("hoidong")
	bad := url.Values{"unit_id": {itoa(nghean)}, "kind": {"self_assessment"}, "until": {"17/12/2026"}}
	if r := board.post("/years/2026/extensions", bad); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Vui lòng ghi lý do gia hạn.") {
		t.Fatalf("no reason: %d\n%.1500s", r.status, r.body)
	}
	if r := board.post("/years/2026/extensions", form); r.status != http.StatusSeeOther || r.location != "/years/2026/extensions" {
		t.Fatalf("extend: %d %s", r.status, r.location)
	}
	contains(t, board.get("/years/2026/extensions"), "Đơn vị bị ảnh hưởng bão số 10", "17/12/2026", "Đang áp dụng", "Nộp bản tự chấm điểm")

	home := member.get("/")
	contains(t, home, "Được gia hạn đến 17/12/2026", "Đơn vị bị ảnh hưởng bão số 10", "hạn chung 10/12/2026")
	filing := member.follow("/years/2026/filing")
	contains(t, filing, "gia hạn đến <strong>17/12/2026</strong>", "Đơn vị bị ảnh hưởng bão số 10")
	if strings.Contains(filing.body, "Đã hết hạn nộp") {
		t.Fatal("the filing page still says the deadline has passed")
	}

	// The API: the same, JSON; a bad date names its field.
	tok := s.token(t, "hoidong")
	st, body := s.api(t, tok, http.MethodPost, "/years/2026/extensions", map[string]any{"unit_id": nghean, "kind": "review", "until": "31/13/2026", "reason": "x"})
	if f, _ := body["error"].(map[string]any)["fields"].(map[string]any); st != http.StatusUnprocessableEntity || !strings.Contains(f["until"].(string), "Ngày gia hạn đến") {
		t.Fatalf("bad date: %d %v", st, body)
	}
	st, body = s.api(t, tok, http.MethodPost, "/years/2026/extensions", map[string]any{"unit_id": nghean, "kind": "review", "until": "28/12/2026", "reason": "Chờ kết quả xác minh đơn thư"})
	if st != http.StatusCreated || body["kind"] != "review" || body["reason"] != "Chờ kết quả xác minh đơn thư" {
		t.Fatalf("extend by the API: %d %v", st, body)
	}
	if st, _ := s.api(t, s.token(t, "canbo.nghean"), http.MethodPost, "/years/2026/extensions", map[string]any{"unit_id": nghean}); st != http.StatusForbidden {
		t.Fatalf("an officer by the API: %d", st)
	}

	// The registration page judges by the unit's deadline too.
	contains(t, member.follow("/years/2026/registration"), "Đã hết hạn đăng ký thi đua năm 2026")
	if st, body := s.api(t, tok, http.MethodPost, "/years/2026/extensions", map[string]any{"unit_id": nghean, "kind": "registration", "until": "20/12/2026", "reason": "Đơn vị mới kiện toàn lãnh đạo"}); st != http.StatusCreated {
		t.Fatalf("extend the registration: %d %v", st, body)
	}
	reg := member.follow("/years/2026/registration")
	contains(t, reg, "Hạn đăng ký: 20/12/2026.", "Được gia hạn đến 20/12/2026", "Đơn vị mới kiện toàn lãnh đạo")
	if strings.Contains(reg.body, "Đã hết hạn đăng ký") {
		t.Fatal("the registration page still says the deadline has passed")
	}
}

// The board keeps the calendar of holidays and make-up working days;
// everyone reads it; a make-up day must fall on a weekend.
func TestCalendarPages(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	board := s.browser(t)
	board.login("hoidong")
	if r := board.post("/years/2026/calendar", url.Values{"date": {"07/12/2026"}, "kind": {"workday"}}); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.body, "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật") {
		t.Fatalf("make-up on a Monday: %d", r.status)
	}
	if r := board.post("/years/2026/calendar", url.Values{"date": {"01/12/2026"}, "kind": {"holiday"}, "note": {"Nghỉ lễ thử"}}); r.status != http.StatusSeeOther {
		t.Fatalf("holiday: %d\n%.1500s", r.status, r.body)
	}
	contains(t, board.get("/years/2026/calendar"), "01/12/2026", "Ngày nghỉ lễ", "Nghỉ lễ thử", "/years/2026/calendar/2026-12-01?_method=DELETE")

	member := s.browser(t)
	member.login("canbo.nghean")
	page := member.get("/years/2026/calendar")
	contains(t, page, "01/12/2026", "Nghỉ lễ thử")
	if strings.Contains(page.body, "_method=DELETE") || strings.Contains(page.body, "Thêm hoặc sửa một ngày") {
		t.Fatal("an officer is offered to change the calendar")
	}
	if r := member.send(http.MethodDelete, "/years/2026/calendar/2026-12-01", nil); r.status != http.StatusForbidden {
		t.Fatalf("an officer deletes: %d", r.status)
	}
	st, body := s.api(t, s.token(t, "hoidong"), http.MethodPost, "/years/2026/calendar", map[string]any{"date": "05/12/2026", "kind": "workday", "note": "Làm bù"})
	if st != http.StatusOK || body["kind"] != "workday" {
		t.Fatalf("make-up Saturday by the API: %d %v", st, body)
	}
	if st, _ := s.api(t, s.token(t, "hoidong"), http.MethodDelete, "/years/2026/calendar/2026-12-01", nil); st != http.StatusOK {
		t.Fatalf("delete by the API: %d", st)
	}
	st, body = s.api(t, s.token(t, "xem"), http.MethodGet, "/years/2026/calendar", nil)
	if days, _ := body["days"].([]any); st != http.StatusOK || len(days) != 1 {
		t.Fatalf("the calendar by the API: %d %v", st, body)
	}
}

// Quảng Trị's officer reads its filing's timeline: submitted, then
// returned by Thanh Hóa with the reason, dated, with the person's name.
func TestTimelinePage(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	qt := s.unit(t, seed.ProvinceCode("Quảng Trị")+"-2025")
	head, err := s.store.UserByName(t.Context(), "canbo.thanhhoa")
	if err != nil {
		t.Fatal(err)
	}
	officer := "canbo.timeline.quangtri"
	if _, err := s.app.CreateUser(t.Context(), auth.System, app.UserInput{Username: officer, FullName: "Cán bộ Quảng Trị", Role: "officer", UnitID: &qt, Password: seed.DemoPassword}); err != nil {
		t.Fatal(err)
	}
	b := s.browser(t)
	b.login(officer)
	page := b.follow("/years/2026/filing/timeline")
	contains(t, page, "Diễn biến hồ sơ", "Nộp bản tự chấm điểm", "Cụm trưởng trả lại để sửa", "Lý do: ", head.FullName)
	contains(t, b.follow("/years/2026/filing"), "/years/2026/filings/"+itoa(qt)+"/timeline")
	st, body := s.api(t, s.token(t, officer), http.MethodGet, "/years/2026/filings/"+itoa(qt)+"/timeline", nil)
	if steps, _ := body["filing"].([]any); st != http.StatusOK || len(steps) != 3 {
		t.Fatalf("the timeline by the API: %d %v", st, body)
	}
}
