package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"thidua/internal/app"
	"thidua/internal/award"
	"thidua/internal/seed"
)

// A session of the sector's council of 2025 held through the pages: the
// board opens it on Thanh Hóa's Chiến sĩ thi đua ngành proposal, the two
// members with accounts vote, the board closes it, the proposal carries
// the result and the minutes print it.
func TestCouncilSessionPages(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	db := s.store.SQL()
	var council, star int64
	if err := db.QueryRowContext(ctx, `INSERT INTO councils (unit_id, year, name) VALUES ($1, 2025, 'Hội đồng Thi đua – Khen thưởng ngành Kiểm sát nhân dân') RETURNING id`,
		s.unit(t, seed.CodeSupreme)).Scan(&council); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct{ user, name, role string }{
		{"canbo.thanhhoa", "Lê Văn Chủ", "chair"}, {"canbo.nghean", "Trần Thị Ủy", "member"}, {"", "Phạm Văn Thư", "secretary"},
	} {
		var id any
		if m.user != "" {
			u, err := s.store.UserByName(ctx, m.user)
			if err != nil {
				t.Fatal(err)
			}
			id = u.ID
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO council_members (council_id, user_id, full_name, position, role) VALUES ($1, $2, $3, 'Phó Viện trưởng', $4)`,
			council, id, m.name, m.role); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.QueryRowContext(ctx, `SELECT id FROM people WHERE full_name = 'Nguyễn Thị Hồng Nhung'`).Scan(&star); err != nil {
		t.Fatal(err)
	}
	th, err := s.store.UserByName(ctx, "canbo.thanhhoa")
	if err != nil {
		t.Fatal(err)
	}
	pr, err := s.app.CreateProposal(ctx, th.Principal(), app.ProposalInput{Year: 2025, ProposerUnitID: *th.UnitID, PersonID: &star,
		Title: string(award.ChienSiThiDuaNganh)})
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.CompleteDossier(ctx, s.app, th.Principal(), pr.ID); err != nil {
		t.Fatal(err)
	}
	if pr, err = s.app.SubmitProposal(ctx, th.Principal(), pr.ID, pr.Version); err != nil {
		t.Fatal(err)
	}

	board := s.browser(t)
	board.login("hoidong")
	if r := board.get("/councils/" + itoa(council) + "/sessions"); r.status != http.StatusOK || !strings.Contains(r.body, "Mở phiên bỏ phiếu kín") ||
		!strings.Contains(r.body, "Thư ký") {
		t.Fatalf("council page: %d %s", r.status, r.body)
	}
	r := board.post("/councils/"+itoa(council)+"/sessions", url.Values{})
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/council-sessions/") {
		t.Fatalf("open: %d %q %s", r.status, r.location, r.body)
	}
	session := r.location

	for _, user := range []string{"canbo.nghean", "canbo.thanhhoa"} {
		b := s.browser(t)
		b.login(user)
		page := b.get(session)
		if page.status != http.StatusOK || !strings.Contains(page.body, "Gửi phiếu") || !strings.Contains(page.body, "Nguyễn Thị Hồng Nhung") {
			t.Fatalf("%s sees no ballot: %d %s", user, page.status, page.body)
		}
		if r := b.post(session+"/ballots", url.Values{"approve_" + itoa(pr.ID): {"yes"}}); r.status != http.StatusSeeOther {
			t.Fatalf("%s votes: %d %s", user, r.status, r.body)
		}
		if page := b.get(session); strings.Contains(page.body, "Gửi phiếu") || !strings.Contains(page.body, "đã bỏ phiếu trong phiên này") {
			t.Errorf("%s can vote again", user)
		}
	}
	// A second ballot through the API: refused, nothing counted.
	if st, body := s.api(t, s.token(t, "canbo.nghean"), http.MethodPost, session+"/ballots",
		map[string]any{"choices": map[string]bool{itoa(pr.ID): true}}); st != http.StatusUnprocessableEntity {
		t.Errorf("second ballot: %d %v", st, body)
	}
	if r := board.post(session+"/ballots", url.Values{"approve_" + itoa(pr.ID): {"yes"}}); r.status != http.StatusForbidden {
		t.Errorf("the board votes: %d", r.status)
	}

	r = board.post(session+"/close", url.Values{"version": {"1"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("close: %d %s", r.status, r.body)
	}
	page := board.get(session)
	// 2 of 3 members for: 66,7 % of all members, short of 90 %.
	for _, want := range []string{"Đã kết thúc", "66,7%", "Không đạt"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("closed session lacks %q", want)
		}
	}
	minutes := board.get(session + "/minutes")
	for _, want := range []string{"BIÊN BẢN", "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", "Hà Nội, ngày 26 tháng 11 năm 2026", "2/3", "66,7%",
		"Không đạt (cần từ 90%)", "Lê Văn Chủ", "Phạm Văn Thư", "Chủ tịch Hội đồng"} {
		if !strings.Contains(minutes.body, want) {
			t.Errorf("minutes lack %q", want)
		}
	}
	if t.Failed() {
		t.Log(minutes.body)
	}
	proposal := board.get("/proposals/" + itoa(pr.ID))
	if !strings.Contains(proposal.body, "2/3 người được bỏ phiếu đồng ý") {
		t.Errorf("proposal page does not show the council's result")
	}
}
