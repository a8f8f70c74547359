package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"thidua/internal/seed"
)

func TestPeopleHTTP(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.app.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))
	tok := s.token(t, "hoidong")

	// Baseline: the demo may already hold people in Thanh Hóa.
	st, body := s.api(t, tok, http.MethodGet, "/people?unit_id="+itoa(th), nil)
	base, ok := body["total"].(float64)
	if st != http.StatusOK || !ok {
		t.Fatalf("api baseline list: %d %v", st, body)
	}

	// The officer of Thanh Hóa adds a person through the form.
	b := s.browser(t)
	b.login("canbo.thanhhoa")
	if r := b.get("/people/new"); r.status != http.StatusOK || !strings.Contains(r.body, "ngày/tháng/năm") {
		t.Fatalf("new form: %d", r.status)
	}
	r := b.post("/people", url.Values{"full_name": {""}, "unit_id": {itoa(th)}, "since": {"31/02/2020"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Vui lòng nhập họ và tên.") || !strings.Contains(r.body, "không đúng định dạng ngày") {
		t.Fatalf("invalid form: %d %s", r.status, r.body)
	}
	r = b.post("/people", url.Values{"full_name": {"Phạm Thị Hồng"}, "position": {"Kiểm sát viên"}, "unit_id": {itoa(th)},
		"since": {"01/03/2018"}, "recruited_on": {"01/03/2018"}, "active": {"1"}})
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/people/") {
		t.Fatalf("create: %d %s %s", r.status, r.location, r.body)
	}
	page := r.location
	for _, y := range []string{"2023", "2024", "2025", "2026"} {
		if r := b.post(page+"/ratings", url.Values{"year": {y}, "rating": {"htt"}}); r.status != http.StatusSeeOther {
			t.Fatalf("rating %s: %d %s", y, r.status, r.body)
		}
	}
	if r := b.post(page+"/initiatives", url.Values{"year": {"2026"}, "title": {"Sổ tay kiểm sát điện tử"}, "level": {"co_so"}, "applied": {"1"}}); r.status != http.StatusSeeOther {
		t.Fatalf("initiative: %d %s", r.status, r.body)
	}
	if r := b.post(page+"/ratings", url.Values{"year": {"2026"}, "rating": {""}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Vui lòng chọn kết quả xếp loại.") {
		t.Fatalf("bad rating: %d", r.status)
	}

	// The page shows the record and the verdicts, in Vietnamese.
	r = b.get(page)
	for _, want := range []string{"Phạm Thị Hồng", "Xét danh hiệu năm 2026", "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở",
		"Chiến sĩ thi đua ngành Kiểm sát nhân dân", "Chiến sĩ thi đua toàn quốc", "Đủ điều kiện đề nghị", "✓", "✗",
		"hoàn thành tốt nhiệm vụ", "Sổ tay kiểm sát điện tử", "Điều"} {
		if !strings.Contains(r.body, want) {
			t.Fatalf("person page lacks %q", want)
		}
	}
	if strings.Contains(r.body, "Ghi nhận khen thưởng") {
		t.Fatal("an officer is offered the award form")
	}
	if r := b.get("/people?q=pham+thi+hong"); !strings.Contains(r.body, "Phạm Thị Hồng") {
		t.Fatal("search without accents does not find the person")
	}
	if r := b.post(page+"/awards", url.Values{"year": {"2025"}, "title": {"ldtt"}, "kind": {"cong_trang"}, "decision_no": {"1/QĐ"}}); r.status != http.StatusForbidden {
		t.Fatalf("officer award: %d", r.status)
	}

	// A viewer reads but cannot post.
	v := s.browser(t)
	v.login("xem")
	if r := v.get(page); r.status != http.StatusOK || strings.Contains(r.body, page+"/ratings\"") {
		t.Fatalf("viewer page: %d", r.status)
	}
	if r := v.post(page+"/ratings", url.Values{"year": {"2026"}, "rating": {"htxs"}}); r.status != http.StatusForbidden {
		t.Fatalf("viewer post: %d", r.status)
	}
	if r := v.post("/people", url.Values{"full_name": {"X"}, "unit_id": {itoa(th)}, "since": {"01/01/2020"}}); r.status != http.StatusForbidden {
		t.Fatalf("viewer create: %d", r.status)
	}

	// Nghệ An's officer is refused.
	o := s.browser(t)
	o.login("canbo.nghean")
	if r := o.get(page); r.status != http.StatusForbidden {
		t.Fatalf("Nghệ An sees Thanh Hóa's person: %d", r.status)
	}

	// The board records an award and revokes it; the page shows it revoked.
	bd := s.browser(t)
	bd.login("hoidong")
	if r := bd.post(page+"/awards", url.Values{"year": {"2025"}, "title": {"ldtt"}, "kind": {"cong_trang"}, "decision_no": {"12/QĐ-VKSTH"}, "decision_date": {"15/01/2026"}}); r.status != http.StatusSeeOther {
		t.Fatalf("award: %d %s", r.status, r.body)
	}

	// The JSON API returns the person with the record and the verdicts.
	id := strings.TrimPrefix(page, "/people/")
	st, body = s.api(t, tok, http.MethodGet, "/people/"+id, nil)
	if st != http.StatusOK {
		t.Fatalf("api get: %d %v", st, body)
	}
	person, _ := body["person"].(map[string]any)
	ratings, _ := body["ratings"].([]any)
	awards, _ := body["awards"].([]any)
	verdicts, _ := body["verdicts"].(map[string]any)
	if person["full_name"] != "Phạm Thị Hồng" || len(ratings) != 4 || len(awards) != 1 || verdicts["rule_set_id"] == "" {
		t.Fatalf("api body %v", body)
	}
	awardID := itoa(int64(awards[0].(map[string]any)["id"].(float64)))
	st, body = s.api(t, tok, http.MethodPost, "/people/"+id+"/awards/"+awardID+"/revoke", map[string]any{"reason": ""})
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("revoke without reason: %d %v", st, body)
	}
	st, body = s.api(t, tok, http.MethodPost, "/people/"+id+"/awards/"+awardID+"/revoke", map[string]any{"reason": "Quyết định hủy số 3/QĐ"})
	if st != http.StatusOK {
		t.Fatalf("revoke: %d %v", st, body)
	}
	if a := body["awards"].([]any)[0].(map[string]any); a["revoked"] != true {
		t.Fatalf("not revoked: %v", a)
	}
	r = bd.get(page)
	if !strings.Contains(r.body, "Đã hủy bỏ") || !strings.Contains(r.body, "Quyết định hủy số 3/QĐ") {
		t.Fatal("the revoked award is not shown as revoked")
	}

	// API: create and list, and a viewer's token cannot write.
	st, body = s.api(t, tok, http.MethodPost, "/people", map[string]any{"full_name": "Đỗ Văn Cường", "unit_id": th, "since": "2020-01-01"})
	if st != http.StatusCreated || body["full_name"] != "Đỗ Văn Cường" {
		t.Fatalf("api create: %d %v", st, body)
	}
	st, body = s.api(t, tok, http.MethodGet, "/people?unit_id="+itoa(th), nil)
	if st != http.StatusOK || body["total"] != base+2 {
		t.Fatalf("api list: %d %v (baseline %v)", st, body, base)
	}
	st, _ = s.api(t, s.token(t, "xem"), http.MethodPost, "/people/"+id+"/ratings", map[string]any{"year": 2026, "rating": "htxs"})
	if st != http.StatusForbidden {
		t.Fatalf("viewer api rating: %d", st)
	}
	st, body = s.api(t, s.token(t, "canbo.thanhhoa"), http.MethodPost, "/people/"+id+"/ratings", map[string]any{"year": 2026, "rating": "htxs"})
	if st != http.StatusCreated || len(body["ratings"].([]any)) != 4 {
		t.Fatalf("officer api rating: %d %v", st, body)
	}
}
