package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/seed"
)

// Any person's or unit's verdicts for any year and day of consideration,
// as a page and through the API, and the new facts through both (issue #12).
func TestVerdictsHTTP(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.app.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	ctx := t.Context()
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))
	p, err := s.app.CreatePerson(ctx, auth.System, app.PersonInput{FullName: "Lê Thị Cúc", UnitID: th, Since: recruited2018, Active: true, Sex: "nu"})
	if err != nil {
		t.Fatal(err)
	}
	page := "/people/" + itoa(p.ID)

	// No recruitment date: the page says what is missing and who supplies it.
	b := s.browser(t)
	b.login("canbo.thanhhoa")
	r := b.get(page + "/verdicts?year=2026&on=20/11/2026")
	for _, want := range []string{"Xét danh hiệu, hình thức khen thưởng: Lê Thị Cúc", "nd152-tt15-2025", "Chưa đủ thông tin",
		"Thiếu: ngày tuyển dụng — do bộ phận tổ chức cán bộ của đơn vị cung cấp", "Giấy khen của Viện trưởng VKSND cấp tỉnh"} {
		if !strings.Contains(r.body, want) {
			t.Fatalf("verdicts page lacks %q (%d)", want, r.status)
		}
	}
	if r := b.get(page + "/verdicts?year=2026&on=31/02/2026"); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Ngày xét") {
		t.Fatalf("a bad day of consideration: %d", r.status)
	}

	// A maternity leave through the form: from 1/7/2025 it counts.
	if r := b.post(page+"/absences", url.Values{"kind": {"thai_san"}, "from": {"01/01/2025"}, "to": {"30/04/2025"}}); r.status != http.StatusSeeOther {
		t.Fatalf("absence: %d %s", r.status, r.body)
	}
	if r := b.post(page+"/absences", url.Values{"kind": {""}, "from": {"01/01/2025"}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Vui lòng chọn loại nghỉ") {
		t.Fatalf("absence without a kind: %d", r.status)
	}
	if r := b.get(page); !strings.Contains(r.body, "Nghỉ công tác dài ngày") || !strings.Contains(r.body, "nghỉ thai sản") || !strings.Contains(r.body, "Ngày tuyển dụng") {
		t.Fatal("the person page does not show the absence")
	}

	// The API: any year and day, and the new facts.
	tok := s.token(t, "hoidong")
	st, body := s.api(t, tok, http.MethodPut, "/people/"+itoa(p.ID), map[string]any{"full_name": "Lê Thị Cúc", "unit_id": th,
		"since": "2018-03-01", "recruited_on": "2018-03-01", "sex": "nu", "version": 1, "reason": "Bổ sung ngày tuyển dụng"})
	if st != http.StatusOK || body["recruited_on"] == nil {
		t.Fatalf("api update: %d %v", st, body)
	}
	for _, c := range []struct{ on, rules string }{{"2025-06-30", "tt02-2024"}, {"2025-07-01", "nd152-2025"}} {
		st, body = s.api(t, tok, http.MethodGet, "/people/"+itoa(p.ID)+"/verdicts?year=2025&on="+c.on, nil)
		if st != http.StatusOK || body["rule_set_id"] != c.rules {
			t.Fatalf("api verdicts on %s: %d %v", c.on, st, body["rule_set_id"])
		}
	}
	st, body = s.api(t, tok, http.MethodPost, "/people/"+itoa(p.ID)+"/pending", map[string]any{"kind": "to_cao", "from": "2026-10-01"})
	if st != http.StatusCreated {
		t.Fatalf("api pending: %d %v", st, body)
	}
	pendingID := itoa(int64(body["pending"].([]any)[0].(map[string]any)["id"].(float64)))
	if r := b.get(page); !strings.Contains(r.body, `action="/pending/`+pendingID+`/close"`) || !strings.Contains(r.body, "có đơn thư tố cáo đang được xác minh") {
		t.Fatal("the person page offers no way to close the pending matter")
	}
	st, body = s.api(t, tok, http.MethodGet, "/people/"+itoa(p.ID)+"/verdicts?year=2026&on=2026-11-20", nil)
	v := body["verdicts"].([]any)[0].(map[string]any)
	if st != http.StatusOK || v["title"] != "ldtt" || v["outcome"] != "not_eligible" || !strings.Contains(toJSON(v["reasons"]), "tạm hoãn") {
		t.Fatalf("api verdicts while a denunciation is verified: %d %v", st, v)
	}
	if r := b.post("/pending/"+pendingID+"/close", url.Values{"version": {"1"}, "closed_on": {"15/11/2026"}, "outcome": {""}}); r.status != http.StatusUnprocessableEntity {
		t.Fatalf("closing without a conclusion: %d", r.status)
	}
	if r := b.post("/pending/"+pendingID+"/close", url.Values{"version": {"1"}, "closed_on": {"15/11/2026"}, "outcome": {"không có sai phạm"}}); r.status != http.StatusSeeOther {
		t.Fatalf("closing: %d %s", r.status, r.body)
	}
	st, body = s.api(t, tok, http.MethodGet, "/units/"+itoa(th)+"/verdicts?year=2026&on=2026-11-20", nil)
	if st != http.StatusOK || len(body["verdicts"].([]any)) != 7 || body["subject"] == "" {
		t.Fatalf("api unit verdicts: %d %v", st, body)
	}
	st, body = s.api(t, tok, http.MethodPost, "/units/"+itoa(th)+"/disciplines", map[string]any{"measure": "khien_trach", "from": "2026-03-01"})
	if st != http.StatusCreated {
		t.Fatalf("api unit discipline: %d %v", st, body)
	}
	st, body = s.api(t, tok, http.MethodPost, "/years/2026/quotas", map[string]any{"kind": "cstd_cs", "percent": 15, "rule": ""})
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("api quota without the board's rule: %d %v", st, body)
	}
	bd := s.browser(t)
	bd.login("hoidong")
	// The unit's own record on its verdicts page: the board records, a viewer reads.
	if r := bd.post("/units/"+itoa(th)+"/pending", url.Values{"kind": {"thanh_tra"}, "from": {"01/11/2026"}}); r.status != http.StatusSeeOther {
		t.Fatalf("unit pending form: %d %s", r.status, r.body)
	}
	if r := bd.get("/units/" + itoa(th) + "/verdicts?year=2026&on=20/11/2026"); !strings.Contains(r.body, "Kỷ luật của tập thể") ||
		!strings.Contains(r.body, "đang thanh tra, kiểm tra") || !strings.Contains(r.body, "tạm hoãn") || !strings.Contains(r.body, `action="/units/`+itoa(th)+`/pending"`) {
		t.Fatalf("unit verdicts page for the board: %d", r.status)
	}
	v2 := s.browser(t)
	v2.login("xem")
	if r := v2.get("/units/" + itoa(th) + "/verdicts?year=2026"); r.status != http.StatusOK || strings.Contains(r.body, `action="/units/`+itoa(th)+`/pending"`) {
		t.Fatalf("a viewer is offered the unit's forms: %d", r.status)
	}
	if r := bd.get("/years/2026/contradictions"); r.status != http.StatusOK || !strings.Contains(r.body, "Xếp loại mâu thuẫn với kỷ luật năm 2026") {
		t.Fatalf("contradictions page: %d", r.status)
	}
	st, body = s.api(t, tok, http.MethodGet, "/people/"+itoa(p.ID)+"/verdicts?year=abc", nil)
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("api verdicts with a bad year: %d %v", st, body)
	}
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
