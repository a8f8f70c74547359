package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/seed"
)

func TestProposalsHTTP(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	// 2031: a year the demo seed does not populate, so the lists hold only this test's proposal.
	s.app.Now = func() time.Time { return time.Date(2031, 11, 20, 9, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))
	p, err := s.app.CreatePerson(ctx, auth.System, app.PersonInput{FullName: "Phạm Thị Hồng", UnitID: th, Since: time.Date(2018, 3, 1, 0, 0, 0, 0, time.UTC), RecruitedOn: &recruited2018, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range []int{2029, 2030, 2031} {
		if _, err := s.app.SetRating(ctx, auth.System, p.ID, app.Rating{Year: y, Rating: string(award.Tot)}); err != nil {
			t.Fatal(err)
		}
	}

	// The officer drafts a proposal through the form and submits it.
	b := s.browser(t)
	b.login("canbo.thanhhoa")
	if r := b.get("/proposals/new?year=2031"); r.status != http.StatusOK || !strings.Contains(r.body, "Lập đề nghị khen thưởng") || !strings.Contains(r.body, "Phạm Thị Hồng") {
		t.Fatalf("new form: %d", r.status)
	}
	r := b.post("/proposals", url.Values{"year": {"2031"}, "proposer_unit_id": {itoa(th)}, "title": {"ldtt"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Vui lòng chọn cán bộ được đề nghị.") {
		t.Fatalf("invalid form: %d", r.status)
	}
	r = b.post("/proposals", url.Values{"year": {"2031"}, "proposer_unit_id": {itoa(th)}, "title": {"ldtt"}, "person_id": {itoa(p.ID)}, "summary": {"Hoàn thành tốt nhiệm vụ được giao"}})
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/proposals/") {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	page := r.location
	r = b.get(page)
	for _, want := range []string{"Lao động tiên tiến", "Phạm Thị Hồng", "Đủ điều kiện đề nghị", "Điều", rules2031, "Dự thảo", "Gửi đề nghị"} {
		if !strings.Contains(r.body, want) {
			t.Fatalf("proposal page lacks %q", want)
		}
	}
	completeDossierHTTP(t, b, page)
	if r := b.post(page+"/submit", url.Values{"version": {"1"}}); r.status != http.StatusSeeOther {
		t.Fatalf("submit: %d %s", r.status, r.body)
	}
	if r := b.get("/proposals?year=2031"); r.status != http.StatusOK || !strings.Contains(r.body, "Đề nghị khen thưởng năm 2031") ||
		!strings.Contains(r.body, "Đã gửi, đang công khai lấy ý kiến") || !strings.Contains(r.body, "Tỷ lệ khen thưởng") || !strings.Contains(r.body, "Khen thưởng</a>") {
		t.Fatalf("list: %d", r.status)
	}

	// A viewer reads but cannot post a proposal or a comment.
	v := s.browser(t)
	v.login("xem")
	if r := v.get(page); r.status != http.StatusOK || strings.Contains(r.body, "Gửi góp ý") {
		t.Fatalf("viewer page: %d", r.status)
	}
	if r := v.post("/proposals", url.Values{"year": {"2031"}, "proposer_unit_id": {itoa(th)}, "title": {"ldtt"}, "person_id": {itoa(p.ID)}}); r.status != http.StatusForbidden {
		t.Fatalf("viewer create: %d", r.status)
	}
	if r := v.post(page+"/comments", url.Values{"body": {"Ý kiến"}}); r.status != http.StatusForbidden {
		t.Fatalf("viewer comment: %d", r.status)
	}

	// Another unit's officer comments during publication.
	o := s.browser(t)
	o.login("canbo.nghean")
	if r := o.post(page+"/comments", url.Values{"body": {"Nhất trí với đề nghị"}}); r.status != http.StatusSeeOther {
		t.Fatalf("comment: %d %s", r.status, r.body)
	}

	// The board approves under a decision, through the API.
	tok := s.token(t, "hoidong")
	id := strings.TrimPrefix(page, "/proposals/")
	st, body := s.api(t, tok, http.MethodGet, "/proposals/"+id, nil)
	if st != http.StatusOK || body["verdict_rule_set"] != rules2031 || len(body["comments"].([]any)) != 1 {
		t.Fatalf("api show: %d %v", st, body)
	}
	version := body["version"]
	st, body = s.api(t, s.token(t, "canbo.thanhhoa"), http.MethodPost, "/decisions", map[string]any{"year": 2031})
	if st != http.StatusForbidden {
		t.Fatalf("officer decides: %d %v", st, body)
	}
	st, body = s.api(t, tok, http.MethodPost, "/decisions", map[string]any{"year": 2031, "number": "125/QĐ-VKSTC", "decided_on": "15/12/2031",
		"signer": "Viện trưởng", "items": []any{map[string]any{"proposal_id": p.ID * 0, "version": version}}})
	if st == http.StatusCreated {
		t.Fatalf("a bogus item was accepted: %v", body)
	}
	idn := mustInt(t, id)

	// The board's pages offer the decision; a browser decision without a number is refused on the page.
	bd := s.browser(t)
	bd.login("hoidong")
	if r := bd.get(page); r.status != http.StatusOK || !strings.Contains(r.body, "Hội đồng quyết định") || !strings.Contains(r.body, "Nhất trí với đề nghị") {
		t.Fatalf("board's proposal page: %d", r.status)
	}
	// The list names the rule set and the column for what they hold.
	if r := bd.get("/proposals?year=2031&status=submitted&unit_id=" + itoa(th)); r.status != http.StatusOK || !strings.Contains(r.body, "Ghi nhận quyết định và khen thưởng") ||
		!strings.Contains(r.body, "Lý do khen thưởng dù chưa đủ điều kiện") || strings.Contains(r.body, "Lý do (nếu chưa đủ điều kiện)") ||
		!strings.Contains(r.body, ">"+strings.ReplaceAll(award.RulesFor(time.Date(2031, 11, 20, 0, 0, 0, 0, time.UTC)).Name, "+", "&#43;")+"</span>") {
		t.Fatalf("board's list: %d", r.status)
	}
	if r := bd.post("/decisions", url.Values{"year": {"2031"}, "from": {id}, "proposal_id": {id}, "version_" + id: {"2"}, "decided_on": {"15/12/2031"}}); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.body, "Vui lòng nhập người ký") {
		t.Fatalf("decision without number: %d", r.status)
	}
	st, body = s.api(t, tok, http.MethodPost, "/decisions", map[string]any{"year": 2031, "number": "125/QĐ-VKSTC", "decided_on": "15/12/2031",
		"signer": "Viện trưởng", "items": []any{map[string]any{"proposal_id": idn, "version": version}}})
	if st != http.StatusCreated || body["number"] != "125/QĐ-VKSTC" {
		t.Fatalf("decide: %d %v", st, body)
	}
	decision := "/decisions/" + itoa(int64(body["id"].(float64)))
	r = b.get(decision)
	if r.status != http.StatusOK || !strings.Contains(r.body, "Quyết định số 125/QĐ-VKSTC") || !strings.Contains(r.body, "Phạm Thị Hồng") || !strings.Contains(r.body, "15/12/2031") {
		t.Fatalf("decision page: %d", r.status)
	}
	if r := b.get(page); !strings.Contains(r.body, "Đã khen thưởng") {
		t.Fatal("the proposal is not shown approved")
	}
	if st, body := s.api(t, tok, http.MethodGet, "/proposals?year=2031", nil); st != http.StatusOK || len(body["proposals"].([]any)) != 1 {
		t.Fatalf("api list: %d %v", st, body)
	}
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' {
			t.Fatalf("not a number: %q", s)
		}
		n = n*10 + int64(c-'0')
	}
	return n
}

// rules2031 is the rule version the proposal tests' day of consideration
// falls under: whatever version is last, so adding one changes no test here.
var rules2031 = award.RulesFor(time.Date(2031, 11, 20, 0, 0, 0, 0, time.UTC)).ID
