package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/cluster"
	"thidua/internal/scoring"
	"thidua/internal/seed"
)

// voteSite is the demo site with a five-member cluster in 2033 headed by
// Thanh Hóa (whose officer is canbo.thanhhoa; canbo.nghean is a member).
func voteSite(t *testing.T) (*site, app.ClusterView, auth.Principal) {
	t.Helper()
	s := newSite(t)
	ctx := context.Background()
	board := s.openYears(t, 2033)
	var m []int64
	for _, n := range []string{"Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Sơn La"} {
		m = append(m, s.unit(t, seed.ProvinceCode(n)))
	}
	c, err := s.app.SaveCluster(ctx, board, 0, app.ClusterInput{Year: 2033, Level: "national", Number: 50, Name: "Bình xét", Members: m})
	if err != nil {
		t.Fatal(err)
	}
	if c, err = s.app.Designate(ctx, board, c.ID, c.Version, cluster.Designation{HeadUnitID: m[0], DeputyUnitID: m[2], Ref: "QĐ 1/2033"}); err != nil {
		t.Fatal(err)
	}
	// The vote needs every member reviewed and its candidates registered:
	// Nghệ An leads with 95, the others have 80; the head reviews (the
	// deputy reviews the head) and every member registers.
	info, err := s.app.SaveTable(ctx, board, scoring.TableInfo{Year: 2033, Name: "Bảng tiêu chí bình xét", Level: "national", UnitType: "provincial"},
		scoring.Table{Criteria: []scoring.Criterion{{Code: "1", Name: "Kết quả công tác", Method: scoring.Fixed, Max: 100}}})
	if err != nil {
		t.Fatal(err)
	}
	table, err := s.store.Table(ctx, info.ID)
	if err != nil {
		t.Fatal(err)
	}
	as := func(unit int64) auth.Principal {
		return auth.Principal{UserID: board.UserID, Role: auth.RoleOfficer, UnitID: unit}
	}
	for i, u := range m {
		score := 80.0
		if i == 1 {
			score = 95
		}
		v, err := s.app.SaveSelf(ctx, as(u), 2033, u, 0, map[int64]scoring.Entry{table.Criteria[0].ID: {Score: &score}}, true, "")
		if err != nil {
			t.Fatal(err)
		}
		reviewer := as(m[0])
		if i == 0 {
			reviewer = as(m[2])
		}
		if _, err := s.app.ReviewFiling(ctx, reviewer, 2033, u, v.Filing.Version, nil, app.ReviewAccept, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.app.SaveRegistration(ctx, as(u), cluster.Registration{Year: 2033, UnitID: u, CollectiveTitle: award.TapTheLaoDongXuatSac}); err != nil {
			t.Fatal(err)
		}
	}
	return s, c, board
}

func TestVoteFlowOverHTTP(t *testing.T) {
	t.Parallel()
	s, c, board := voteSite(t)
	ctx := context.Background()
	cid := itoa(c.ID)
	head := s.browser(t)
	head.login("canbo.thanhhoa")
	member := s.browser(t)
	member.login("canbo.nghean")
	viewer := s.browser(t)
	viewer.login("xem")

	contains(t, head.get("/clusters/"+cid), "/clusters/"+cid+"/votes")
	page := head.get("/clusters/" + cid + "/votes")
	contains(t, page, "Mở bình xét", "Hạng 1")
	if r := member.post("/clusters/"+cid+"/votes", nil); r.status != http.StatusForbidden {
		t.Fatalf("member opens a vote: %d", r.status)
	}
	cand := c.Members[1] // Nghệ An, ranked first on its reviewed 95
	r := head.post("/clusters/"+cid+"/votes", url.Values{"candidates": {itoa(cand)}})
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/votes/") {
		t.Fatalf("open: %d %s %s", r.status, r.location, r.body)
	}
	vpath := r.location
	vid := strings.TrimPrefix(vpath, "/votes/")

	// The member sees its ballot form and votes once.
	contains(t, member.get(vpath), "Phiếu bình xét của", "Gửi phiếu")
	if r := member.post(vpath+"/ballots", url.Values{"approve_" + itoa(cand): {"yes"}}); r.status != http.StatusSeeOther {
		t.Fatalf("ballot: %d %s", r.status, r.body)
	}
	if r := member.post(vpath+"/ballots", url.Values{"approve_" + itoa(cand): {"no"}}); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.body, "chỉ bỏ phiếu một lần") {
		t.Fatalf("second ballot: %d", r.status)
	}
	// Nor for another member, nor as a viewer.
	if r := member.post(vpath+"/ballots", url.Values{"unit_id": {itoa(c.Members[3])}, "approve_" + itoa(cand): {"yes"}}); r.status != http.StatusForbidden {
		t.Fatalf("ballot for another member: %d", r.status)
	}
	if r := viewer.post(vpath+"/ballots", url.Values{"approve_" + itoa(cand): {"yes"}}); r.status != http.StatusForbidden {
		t.Fatalf("viewer ballot: %d", r.status)
	}
	// The head votes over the API; two more approve and one refuses in the service.
	tok := s.token(t, "canbo.thanhhoa")
	if st, body := s.api(t, tok, http.MethodPost, vpath+"/ballots", map[string]any{"choices": map[string]bool{itoa(cand): true}}); st != http.StatusCreated {
		t.Fatalf("api ballot: %d %v", st, body)
	}
	officer := auth.Principal{UserID: board.UserID, Role: auth.RoleOfficer}
	for i, m := range c.Members[2:] {
		officer.UnitID = m
		if err := s.app.CastBallot(ctx, officer, mustID(t, vid), m, map[int64]bool{cand: i < 2}); err != nil {
			t.Fatal(err)
		}
	}
	// Closing over a stale version is a conflict; then the head closes.
	if st, _ := s.api(t, tok, http.MethodPost, vpath+"/close", map[string]any{"version": 7}); st != http.StatusConflict {
		t.Fatalf("stale close: %d", st)
	}
	if r := member.post(vpath+"/close", url.Values{"version": {"1"}}); r.status != http.StatusForbidden {
		t.Fatalf("member closes: %d", r.status)
	}
	if r := head.post(vpath+"/close", url.Values{"version": {"1"}}); r.status != http.StatusSeeOther {
		t.Fatalf("close: %d %s", r.status, r.body)
	}
	st, body := s.api(t, s.token(t, "xem"), http.MethodGet, vpath, nil)
	tally, _ := body["tally"].([]any)
	if st != 200 || len(tally) != 1 {
		t.Fatalf("api show: %d %v", st, body)
	}
	t0 := tally[0].(map[string]any)
	if t0["votes_for"] != 4.0 || t0["electorate"] != 5.0 || t0["share"] != 80.0 || t0["passes"] != true {
		t.Fatalf("tally: %v", t0)
	}
	contains(t, viewer.get(vpath), "Đã kết thúc", "80%", "Đạt")
	if r := member.post(vpath+"/ballots", url.Values{"approve_" + itoa(cand): {"yes"}}); r.status != http.StatusUnprocessableEntity {
		t.Fatalf("ballot after close: %d", r.status)
	}

	// The head turns the winner into a proposal carrying the vote.
	if r := member.post(vpath+"/proposals", url.Values{"unit_id": {itoa(cand)}}); r.status != http.StatusForbidden {
		t.Fatalf("member proposes: %d", r.status)
	}
	st, pr := s.api(t, tok, http.MethodPost, vpath+"/proposals", map[string]any{"unit_id": cand})
	if st != http.StatusCreated || pr["title"] != "co_nganh" || pr["vote_electorate"] != 5.0 || pr["vote_for"] != 4.0 || pr["unit_id"] != float64(cand) {
		t.Fatalf("propose: %d %v", st, pr)
	}
	if st, _ := s.api(t, tok, http.MethodPost, vpath+"/proposals", map[string]any{"unit_id": cand}); st != http.StatusUnprocessableEntity {
		t.Fatalf("second proposal: %d", st)
	}
	contains(t, head.get(vpath), "Đề nghị đã lập")
	contains(t, head.get("/clusters/"+cid+"/votes"), "Bình xét số "+vid)
	hist, err := s.store.History(ctx, "vote", mustID(t, vid))
	if err != nil || len(hist) != 1+5+1+1 {
		t.Fatalf("audit: %d %v", len(hist), err)
	}

	// A second vote over the API: 3 of 5 (60 %) falls short.
	st, v2 := s.api(t, s.token(t, "hoidong"), http.MethodPost, "/clusters/"+cid+"/votes", map[string]any{"candidates": []int64{cand}})
	if st != http.StatusCreated {
		t.Fatalf("open 2: %d %v", st, v2)
	}
	v2id := int64(v2["id"].(float64))
	for i, m := range c.Members {
		officer.UnitID = m
		if err := s.app.CastBallot(ctx, officer, v2id, m, map[int64]bool{cand: i < 3}); err != nil {
			t.Fatal(err)
		}
	}
	st, closed := s.api(t, s.token(t, "hoidong"), http.MethodPost, "/votes/"+itoa(v2id)+"/close", map[string]any{"version": 1})
	t0 = closed["tally"].([]any)[0].(map[string]any)
	if st != 200 || t0["share"] != 60.0 || t0["passes"] != false {
		t.Fatalf("60 %%: %d %v", st, closed)
	}
	if st, _ := s.api(t, s.token(t, "hoidong"), http.MethodPost, "/votes/"+itoa(v2id)+"/proposals", map[string]any{"unit_id": cand}); st != http.StatusUnprocessableEntity {
		t.Fatalf("proposal under threshold: %d", st)
	}
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("not an id: %q", s)
		}
		n = n*10 + int64(r-'0')
	}
	return n
}
