package web_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/award"
	"thidua/internal/docx/docxtest"
	"thidua/internal/proposal"
	"thidua/internal/seed"
	"thidua/internal/store"
)

// A session of the sector's council of 2025 held through the pages: the
// board opens it on Thanh Hóa's Chiến sĩ thi đua ngành proposal, the two
// members with accounts vote, the board closes it, the proposal carries
// the result and its minutes (.docx) carry it.
func TestCouncilSessionPages(t *testing.T) {
	s := newSite(t)
	council := s.ballotCouncil(t, s.unit(t, seed.CodeSupreme), "Hội đồng Thi đua – Khen thưởng ngành Kiểm sát nhân dân", []councilSeat{
		{"canbo.thanhhoa", "Lê Văn Chủ", "chair"}, {"canbo.nghean", "Trần Thị Ủy", "member"}, {"", "Phạm Văn Thư", "secretary"}})
	pr := s.starNominee(t)

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
	// The minutes, linked from the session, as a Word file: the sector's
	// council under the Supreme Procuracy, in Hà Nội.
	if !strings.Contains(page.body, `href="`+session+`/minutes.docx"`) {
		t.Errorf("the closed session does not link to its minutes (.docx)")
	}
	_, doc := wordFetch(t, board, session+"/minutes.docx", wordType)
	minutesText(t, "bien-ban-hoi-dong-nganh", doc, []string{
		"VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG NGÀNH KIỂM SÁT NHÂN DÂN", "Số: /BB-HĐTĐKT-VKSTC",
		"Hà Nội, ngày 26 tháng 11 năm 2026", "BIÊN BẢN", "Họp Hội đồng Thi đua – Khen thưởng ngành Kiểm sát nhân dân xét đề nghị khen thưởng năm 2025",
		"tại trụ sở Viện kiểm sát nhân dân tối cao", "Chủ trì: đồng chí Lê Văn Chủ, Phó Viện trưởng, Chủ tịch Hội đồng.",
		"Thư ký: đồng chí Phạm Văn Thư, Phó Viện trưởng, Thư ký Hội đồng.", "tham gia bỏ phiếu: 2/3", "ít nhất 2 thành viên",
		"Nguyễn Thị Hồng Nhung", "2/3", "0", "66,7%", "Không đạt (cần từ 90%)", "Không có trường hợp nào đạt tỷ lệ phiếu đồng ý theo quy định.",
		"THƯ KÝ HỘI ĐỒNG", "Phạm Văn Thư", "CHỦ TỊCH HỘI ĐỒNG", "Lê Văn Chủ",
	}, []string{
		"VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "Hà Nội, ngày 26 tháng 11 năm 2026", "BIÊN BẢN",
		"Chủ trì: đồng chí Lê Văn Chủ", "tham gia bỏ phiếu: 2/3", "2/3", "66,7%", "Không đạt",
		"Không có trường hợp nào đạt tỷ lệ phiếu đồng ý theo quy định.", "THƯ KÝ HỘI ĐỒNG", "Phạm Văn Thư", "Lê Văn Chủ",
	})
	proposal := board.get("/proposals/" + itoa(pr.ID))
	if !strings.Contains(proposal.body, "2/3 người được bỏ phiếu đồng ý") {
		t.Errorf("proposal page does not show the council's result")
	}
}

// councilSeat is a member of a council set up for a test: the account
// they vote with ("" for none), name and seat.
type councilSeat struct{ user, name, role string }

// ballotCouncil records unit's council of 2025 with its members, each a
// Phó Viện trưởng, and answers its ID.
func (s *site) ballotCouncil(t *testing.T, unit int64, name string, seats []councilSeat) int64 {
	t.Helper()
	ctx, db := context.Background(), s.store.SQL()
	var council int64
	if err := db.QueryRowContext(ctx, `INSERT INTO councils (unit_id, year, name) VALUES ($1, 2025, $2) RETURNING id`, unit, name).Scan(&council); err != nil {
		t.Fatal(err)
	}
	for _, m := range seats {
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
	return council
}

// starNominee is Thanh Hóa's Chiến sĩ thi đua ngành proposal of 2025 for
// Nguyễn Thị Hồng Nhung, its dossier complete, sent up: a nominee of the
// councils over Thanh Hóa.
func (s *site) starNominee(t *testing.T) proposal.Proposal {
	t.Helper()
	ctx := context.Background()
	var star int64
	if err := s.store.SQL().QueryRowContext(ctx, `SELECT id FROM people WHERE full_name = 'Nguyễn Thị Hồng Nhung'`).Scan(&star); err != nil {
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
	return pr
}

// minutesText checks a minutes .docx holds stored in that order as
// stored, and, where LibreOffice is installed, printed in that order as
// Writer prints it (the table's cells wrap, the signatures stand side by
// side), with both signatures on the page of the closing paragraph.
func minutesText(t *testing.T, name string, doc []byte, stored, printed []string) {
	t.Helper()
	wantInOrder(t, name, docxtest.Squash(docxtest.Text(t, doc)), stored...)
	if _, err := exec.LookPath("soffice"); err != nil && os.Getenv("CI") != "true" {
		return // the stored text is checked; the print needs LibreOffice
	}
	signed := false
	for i, pg := range wordPages(t, name, doc, "", printed...) {
		if strings.Contains(pg, "CHỦ TỊCH HỘI ĐỒNG") {
			signed = strings.Contains(pg, "THƯ KÝ HỘI ĐỒNG")
			if !strings.Contains(docxtest.Squash(pg), "Biên bản đã được thông qua tại phiên họp") {
				t.Errorf("%s: page %d holds the signatures without the closing paragraph:\n%s", name, i+1, pg)
			}
		}
	}
	if !signed {
		t.Errorf("%s: no page holds both signatures", name)
	}
}

// TestCouncilMinutesWord: a provincial council's minutes come from its
// level: the demo's council of Thanh Hóa for 2025 under the province's
// heading, at its place, numbered in its council's series, timed by the
// app's clock (opened at 21:00, closed the next morning); the nominee
// passes with all four members for.
// Who may not see the council's votes may not download them; an open
// session has none.
func TestCouncilMinutesWord(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))
	db := s.store.SQL()
	// The demo's council of Thanh Hóa for 2025 (chair, vice-chair,
	// standing member), each given an account, and a secretary.
	var council int64
	if err := db.QueryRowContext(ctx, `SELECT id FROM councils WHERE unit_id = $1 AND year = 2025`, th).Scan(&council); err != nil {
		t.Fatal(err)
	}
	seats := []string{"chair", "vice_chair", "standing", "secretary"}
	for _, seat := range seats {
		u, err := s.store.CreateUser(ctx, store.User{Username: "hd.thanhhoa." + seat, FullName: seat, PasswordHash: "x", Role: "officer", UnitID: &th, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		q := `UPDATE council_members SET user_id = $1 WHERE council_id = $2 AND role = $3`
		if seat == "secretary" {
			q = `INSERT INTO council_members (user_id, council_id, role, full_name, position) VALUES ($1, $2, $3, 'Hoàng Thị Thư', 'Chánh Văn phòng')`
		}
		if res, err := db.ExecContext(ctx, q, u.ID, council, seat); err != nil {
			t.Fatal(err)
		} else if n, _ := res.RowsAffected(); n != 1 {
			t.Fatalf("the demo council of Thanh Hóa 2025 has %d members in seat %s", n, seat)
		}
	}
	pr := s.starNominee(t)
	board, err := s.store.UserByName(ctx, "hoidong")
	if err != nil {
		t.Fatal(err)
	}
	s.app.Now = app.FixedClock(time.Date(2026, 11, 27, 14, 0, 0, 0, time.UTC)) // 21:00 in Hà Nội
	ses, err := s.app.OpenCouncilSession(ctx, board.Principal(), council)
	if err != nil {
		t.Fatal(err)
	}
	b := s.browser(t)
	b.login("hoidong")
	if st, _ := wordFetch(t, b, "/council-sessions/"+itoa(ses.ID)+"/minutes.docx", wordType); st != http.StatusUnprocessableEntity {
		t.Errorf("minutes of an open session: %d", st)
	}
	for _, seat := range seats {
		m, err := s.store.UserByName(ctx, "hd.thanhhoa."+seat)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.app.CastCouncilBallot(ctx, m.Principal(), ses.ID, map[int64]bool{pr.ID: true}); err != nil {
			t.Fatal(err)
		}
	}
	s.app.Now = app.FixedClock(time.Date(2026, 11, 28, 2, 30, 0, 0, time.UTC)) // 09:30 the next day in Hà Nội
	if _, err := s.app.CloseCouncilSession(ctx, board.Principal(), ses.ID, ses.Version); err != nil {
		t.Fatal(err)
	}
	_, doc := wordFetch(t, b, "/council-sessions/"+itoa(ses.ID)+"/minutes.docx", wordType)
	chair := "Lê Văn Minh (dữ liệu mẫu)"
	minutesText(t, "bien-ban-hoi-dong-tinh", doc, []string{
		"VIỆN KIỂM SÁT NHÂN DÂN TỈNH THANH HÓA", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "Số: /BB-HĐTĐKT-VKSTH", "Thanh Hóa, ngày 27 tháng 11 năm 2026",
		"BIÊN BẢN", "Họp Hội đồng Thi đua – Khen thưởng Viện kiểm sát nhân dân tỉnh Thanh Hóa xét đề nghị khen thưởng năm 2025",
		"Hôm nay, vào lúc 21 giờ 00 phút ngày 27/11/2026, tại trụ sở Viện kiểm sát nhân dân tỉnh Thanh Hóa",
		"Chủ trì: đồng chí " + chair + ", Viện trưởng, Chủ tịch Hội đồng.", "Thư ký: đồng chí Hoàng Thị Thư, Chánh Văn phòng, Thư ký Hội đồng.",
		"Hội đồng có 4 thành viên; số thành viên có mặt và tham gia bỏ phiếu: 4/4, đủ số lượng theo quy định (ít nhất 3 thành viên",
		"Danh hiệu “" + award.ChienSiThiDuaNganh.Label() + "”: từ 90% tổng số thành viên Hội đồng đồng ý trở lên.",
		"Nguyễn Thị Hồng Nhung, Viện kiểm sát nhân dân tỉnh Thanh Hóa", "4/4", "0", "100%", "Đạt (từ 90%)",
		"Hội đồng thống nhất đề nghị khen thưởng 1 trường hợp", "Phiên họp kết thúc vào lúc 09 giờ 30 phút ngày 28/11/2026.",
		"THƯ KÝ HỘI ĐỒNG", "Hoàng Thị Thư", "CHỦ TỊCH HỘI ĐỒNG", chair,
	}, []string{
		"VIỆN KIỂM SÁT NHÂN DÂN", "TỈNH THANH HÓA", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "Số: /BB-HĐTĐKT-VKSTH", "Thanh Hóa, ngày 27 tháng 11 năm 2026",
		"BIÊN BẢN", "Họp Hội đồng Thi đua – Khen thưởng Viện kiểm sát nhân dân tỉnh Thanh Hóa", "xét đề nghị khen thưởng năm 2025",
		"vào lúc 21 giờ 00 phút ngày 27/11/2026", "Chủ trì: đồng chí " + chair, "tham gia bỏ phiếu: 4/4", "4/4", "100%", "Đạt",
		"Hội đồng thống nhất đề nghị khen thưởng 1 trường hợp", "Phiên họp kết thúc vào lúc 09 giờ 30 phút ngày 28/11/2026.",
		"THƯ KÝ HỘI ĐỒNG", "Hoàng Thị Thư", chair,
	})
	if text := docxtest.Text(t, doc); strings.Contains(text, "TỐI CAO") || strings.Contains(text, "Hà Nội,") {
		t.Errorf("a provincial council's minutes under the Supreme Procuracy:\n%s", text)
	}
	// An officer of another province is neither on the council nor its board.
	other := s.browser(t)
	other.login("canbo.nghean")
	if st, _ := wordFetch(t, other, "/council-sessions/"+itoa(ses.ID)+"/minutes.docx", wordType); st != http.StatusForbidden {
		t.Errorf("another province's officer, the minutes: %d", st)
	}
}
