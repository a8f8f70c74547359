package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/proposal"
	"thidua/internal/seed"
)

func TestUnitAwardsHTTP(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.app.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	vl := s.unit(t, seed.ProvinceCode("Vĩnh Long")+"-2025")
	tv := s.unit(t, seed.ProvinceCode("Trà Vinh"))
	tvName := s.unitName(t, tv)
	ttldxs := string(award.TapTheLaoDongXuatSac)

	// The board records the old Trà Vinh's awards through the form and the API.
	b := s.browser(t)
	b.login("hoidong")
	r := b.post("/units/"+itoa(tv)+"/awards", url.Values{"year": {"2024"}, "title": {ttldxs}, "kind": {"cong_trang"}, "decision_no": {"15/QĐ-VKSTC"}, "decision_date": {"20/01/2025"}, "signer": {"Nguyễn Huy Tiến"}})
	if r.status != http.StatusSeeOther || r.location != "/units/"+itoa(tv)+"/awards" {
		t.Fatalf("add award: %d %s", r.status, r.body)
	}
	if r := b.post("/units/"+itoa(tv)+"/awards", url.Values{"year": {"2023"}, "title": {ttldxs}, "kind": {"cong_trang"}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Vui lòng nhập số quyết định.") {
		t.Fatalf("invalid award: %d", r.status)
	}
	board := s.token(t, "hoidong")
	st, body := s.api(t, board, http.MethodPost, "/units/"+itoa(tv)+"/awards", map[string]any{"year": 2023, "title": ttldxs, "kind": "cong_trang", "decision_no": "9/QĐ-VKSTC"})
	if st != http.StatusCreated || body["unit_id"] != float64(tv) {
		t.Fatalf("api add: %d %v", st, body)
	}

	// An officer is refused.
	o := s.browser(t)
	o.login("canbo.thanhhoa")
	if r := o.post("/units/"+itoa(vl)+"/awards/carryover", url.Values{"predecessor_id": {itoa(tv)}, "counts": {"1"}, "reason": {"x"}}); r.status != http.StatusForbidden {
		t.Fatalf("officer carryover: %d", r.status)
	}
	officer := s.token(t, "canbo.thanhhoa")
	if st, _ := s.api(t, officer, http.MethodPost, "/units/"+itoa(tv)+"/awards", map[string]any{"year": 2022, "title": ttldxs, "kind": "cong_trang", "decision_no": "1"}); st != http.StatusForbidden {
		t.Fatalf("officer add: %d", st)
	}

	// Not decided: listed under the predecessor, not counted.
	page := "/units/" + itoa(vl) + "/awards"
	r = b.get(page)
	if r.status != http.StatusOK || !strings.Contains(r.body, "Khen thưởng của các đơn vị tiền thân") || !strings.Contains(r.body, tvName) ||
		!strings.Contains(r.body, award.TapTheLaoDongXuatSac.Label()) || !strings.Contains(r.body, "Chưa có quyết định của Hội đồng") {
		t.Fatalf("page: %d", r.status)
	}
	if r := b.get("/units/" + itoa(vl)); !strings.Contains(r.body, page) || !strings.Contains(r.body, "Khen thưởng của đơn vị") {
		t.Fatalf("unit page lacks the link")
	}
	var pr proposal.Proposal // one draft, judged again on every save
	reasons := func() string {
		t.Helper()
		e, f := 10, 9
		in := app.ProposalInput{Year: 2024, ProposerUnitID: vl, Title: string(award.CoThiDuaNganh), VoteElectorate: &e, VoteFor: &f}
		var err error
		if pr.ID == 0 {
			pr, err = s.app.CreateProposal(ctx, auth.System, in)
		} else {
			pr, err = s.app.UpdateProposal(ctx, auth.System, pr.ID, pr.Version, in, false)
		}
		if err != nil {
			t.Fatal(err)
		}
		var rs []award.Reason
		if err := json.Unmarshal(pr.VerdictReasons, &rs); err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		for _, x := range rs {
			sb.WriteString(x.Text + "\n")
		}
		return sb.String()
	}
	if txt := reasons(); strings.Contains(txt, "tiền thân") {
		t.Fatalf("undecided link counted:\n%s", txt)
	}

	// Reason required (422 on the API and the page), then recorded.
	st, body = s.api(t, board, http.MethodPost, "/units/"+itoa(vl)+"/awards/carryover", map[string]any{"predecessor_id": tv, "counts": true})
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("no reason: %d %v", st, body)
	}
	if r := b.post("/units/"+itoa(vl)+"/awards/carryover", url.Values{"predecessor_id": {itoa(tv)}, "counts": {"1"}, "back": {itoa(vl)}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Vui lòng ghi lý do") {
		t.Fatalf("no reason form: %d", r.status)
	}
	r = b.post("/units/"+itoa(vl)+"/awards/carryover", url.Values{"predecessor_id": {itoa(tv)}, "counts": {"1"}, "reason": {"Nghị quyết số 3/NQ-HĐTĐKT: tính thành tích của đơn vị tiền thân"}, "back": {itoa(vl)}})
	if r.status != http.StatusSeeOther || r.location != page {
		t.Fatalf("carryover: %d %s", r.status, r.body)
	}
	if r := b.get(page); !strings.Contains(r.body, "Được tính cho đơn vị kế thừa") || !strings.Contains(r.body, "Nghị quyết số 3/NQ-HĐTĐKT") {
		t.Fatalf("decision not shown")
	}
	st, body = s.api(t, board, http.MethodGet, page, nil)
	if st != http.StatusOK {
		t.Fatalf("api get: %d", st)
	}
	found := false
	for _, x := range body["predecessors"].([]any) {
		p := x.(map[string]any)
		if p["unit"].(map[string]any)["id"] == float64(tv) {
			found = p["counts"] == true && len(p["awards"].([]any)) == 2
		}
	}
	if !found {
		t.Fatalf("api predecessors %v", body["predecessors"])
	}
	if txt := reasons(); !strings.Contains(txt, "(của đơn vị tiền thân "+tvName+")") {
		t.Fatalf("carried award missing:\n%s", txt)
	}
}
