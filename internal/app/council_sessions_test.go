package app_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/document"
	"thidua/internal/errs"
	"thidua/internal/seed"
	"thidua/internal/store"
	"thidua/internal/vote"
)

// councilFixture is the sector's council of 2025 with n members who each
// vote with their own account, and the star's Chiến sĩ thi đua ngành
// proposal of 2025 sent up by Thanh Hóa.
type councilFixture struct {
	*fixture
	councilID int64
	members   []auth.Principal
	proposal  int64
}

const councilYear = 2025

func newCouncil(t *testing.T, n int) *councilFixture {
	t.Helper()
	f := &councilFixture{fixture: newFixture(t)}
	db := f.Store.SQL()
	root := f.unit(t, seed.CodeSupreme)
	if err := db.QueryRowContext(f.ctx, `INSERT INTO councils (unit_id, year, name, founded_by) VALUES ($1, $2, $3, $4) RETURNING id`,
		root.ID, councilYear, "Hội đồng Thi đua – Khen thưởng ngành Kiểm sát nhân dân", "QĐ 12/QĐ-VKSTC").Scan(&f.councilID); err != nil {
		t.Fatal(err)
	}
	roles := []string{"chair", "vice_chair", "standing"}
	for i := range n {
		u, err := f.Store.CreateUser(f.ctx, store.User{Username: fmt.Sprintf("hd.%02d", i), FullName: fmt.Sprintf("Thành viên %02d", i),
			PasswordHash: "x", Role: string(auth.RoleOfficer), UnitID: &root.ID, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		role := "member"
		if i < len(roles) {
			role = roles[i]
		}
		if _, err := db.ExecContext(f.ctx, `INSERT INTO council_members (council_id, user_id, full_name, position, role) VALUES ($1, $2, $3, $4, $5)`,
			f.councilID, u.ID, u.FullName, "Vụ trưởng", role); err != nil {
			t.Fatal(err)
		}
		f.members = append(f.members, u.Principal())
	}
	var star int64
	if err := db.QueryRowContext(f.ctx, `SELECT id FROM people WHERE full_name = 'Nguyễn Thị Hồng Nhung'`).Scan(&star); err != nil {
		t.Fatal(err)
	}
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))
	pr, err := f.CreateProposal(f.ctx, f.officer, app.ProposalInput{Year: councilYear, ProposerUnitID: th.ID, PersonID: &star,
		Title: string(award.ChienSiThiDuaNganh), Summary: "Ba năm liền Chiến sĩ thi đua cơ sở, sáng kiến cấp ngành."})
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.CompleteDossier(f.ctx, f.App, f.officer, pr.ID); err != nil {
		t.Fatal(err)
	}
	if pr, err = f.SubmitProposal(f.ctx, f.officer, pr.ID, pr.Version); err != nil {
		t.Fatal(err)
	}
	if pr.VerdictOutcome == string(award.Eligible) {
		t.Fatalf("before the ballot the verdict is %s, want it waiting on the council", pr.VerdictOutcome)
	}
	f.proposal = pr.ID
	return f
}

// castAll has the members voting in parallel, the first approve of them
// for the proposal and the rest against.
func (f *councilFixture) castAll(t *testing.T, sessionID int64, voters []auth.Principal, approve int) {
	t.Helper()
	errc := make(chan error, len(voters))
	fns := make([]func(), len(voters))
	for i, m := range voters {
		fns[i] = func() { errc <- f.CastCouncilBallot(f.ctx, m, sessionID, map[int64]bool{f.proposal: i < approve}) }
	}
	startTogether(fns...)
	close(errc)
	for err := range errc {
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestCouncilSessionInParallel(t *testing.T) {
	f := newCouncil(t, 10)
	s, err := f.OpenCouncilSession(f.ctx, f.board, f.councilID)
	if err != nil {
		t.Fatal(err)
	}
	if s.Members != 10 || s.Quorum != 7 {
		t.Fatalf("session %+v: want 10 members, quorum 7", s)
	}
	if !s.OpenedAt.Equal(seed.FixtureClock) {
		t.Errorf("opened at %v, want the app's clock %v", s.OpenedAt, seed.FixtureClock)
	}
	f.castAll(t, s.ID, f.members, 9)
	f.Now = app.FixedClock(seed.FixtureClock.Add(75 * time.Minute)) // closed at 09:15

	open, err := f.CouncilSession(f.ctx, f.members[0], s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if open.Voted != 10 || !open.HasVoted || open.CanVote || open.Nominees[0].For != 0 || len(open.Outcomes) != 0 {
		t.Errorf("open session shows counts or wrong state: %+v", open)
	}

	closed, err := f.CloseCouncilSession(f.ctx, f.board, s.ID, s.Version)
	if err != nil {
		t.Fatal(err)
	}
	if len(closed.Outcomes) != 1 {
		t.Fatalf("outcomes %+v", closed.Outcomes)
	}
	o := closed.Outcomes[0]
	if o.For != 9 || o.Against != 1 || o.Electorate != 10 || o.Share != 90 || !o.Passes || o.Threshold != 90 {
		t.Errorf("outcome %+v, want 9 for, 1 against of 10, 90 %%, passing at 90 %%", o)
	}

	// The result is the proposal's ballot, and the verdict uses it.
	pv, err := f.Proposal(f.ctx, f.board, f.proposal)
	if err != nil {
		t.Fatal(err)
	}
	if pv.VoteElectorate == nil || *pv.VoteElectorate != 10 || pv.VoteFor == nil || *pv.VoteFor != 9 {
		t.Fatalf("proposal's ballot %v/%v, want 9/10", pv.VoteFor, pv.VoteElectorate)
	}
	var ballot *award.Reason
	for i, r := range pv.Reasons {
		if strings.Contains(r.Text, "Hội đồng Thi đua - Khen thưởng ngành") {
			ballot = &pv.Reasons[i]
		}
	}
	if ballot == nil || !ballot.Met || ballot.Judgement || !strings.Contains(ballot.Text, "9/10") {
		t.Errorf("verdict's ballot criterion %+v in %+v", ballot, pv.Reasons)
	}
	audit, err := f.Store.History(f.ctx, "proposal", f.proposal)
	if err != nil {
		t.Fatal(err)
	}
	if len(audit) == 0 || audit[0].Action != "council_vote" || audit[0].UserID == nil || *audit[0].UserID != f.board.UserID ||
		!strings.Contains(audit[0].Reason, "bỏ phiếu kín") {
		t.Errorf("latest audit of the proposal: %+v", audit[:min(1, len(audit))])
	}

	// The minutes: the sector's council under the Supreme Procuracy, in Hà
	// Nội on the day of the session, from opening to closing, its members,
	// the quorum, the result and the signatures of the secretary and chair.
	m, err := f.CouncilSessionMinutes(f.ctx, f.members[3], s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Issuer.Parent != "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO" || m.Issuer.Name != app.SectorCouncil || m.Issuer.Place != "Hà Nội" ||
		m.Number != "     /BB-HĐTĐKT-VKSTC" || m.Date == nil || m.Date.Format("02/01/2006") != "26/11/2026" || m.Kind != "BIÊN BẢN" ||
		m.Subject != "Họp Hội đồng Thi đua – Khen thưởng ngành Kiểm sát nhân dân xét đề nghị khen thưởng năm 2025" {
		t.Errorf("minutes' heading %+v %q %q %q", m.Issuer, m.Number, m.Kind, m.Subject)
	}
	if m.Signer.HeadTitle != "Chủ tịch Hội đồng" || m.Signer.Name != "Thành viên 00" || m.Confirm == nil || m.Confirm.HeadTitle != "Thư ký Hội đồng" {
		t.Errorf("minutes' signatures %+v %+v", m.Signer, m.Confirm)
	}
	text := pageText(m)
	for _, want := range []string{
		"vào lúc 08 giờ 00 phút ngày 26/11/2026, tại trụ sở Viện kiểm sát nhân dân tối cao",
		"Chủ trì: đồng chí Thành viên 00, Vụ trưởng, Chủ tịch Hội đồng.",
		"Thư ký: đồng chí ……………………, Thư ký Hội đồng.",
		"Hội đồng có 10 thành viên; số thành viên có mặt và tham gia bỏ phiếu: 10/10, đủ số lượng theo quy định (ít nhất 7 thành viên",
		"10 | Thành viên 09 | Vụ trưởng | Ủy viên",
		"Danh hiệu “Chiến sĩ thi đua ngành Kiểm sát nhân dân”: từ 90% tổng số thành viên Hội đồng đồng ý trở lên.",
		"1 | Nguyễn Thị Hồng Nhung, Viện kiểm sát nhân dân tỉnh Thanh Hóa | Chiến sĩ thi đua ngành Kiểm sát nhân dân | 9/10 | 1 | 90% | Đạt (từ 90%)",
		"Hội đồng thống nhất đề nghị khen thưởng 1 trường hợp đạt tỷ lệ phiếu đồng ý theo quy định: Nguyễn Thị Hồng Nhung",
		"Phiên họp kết thúc vào lúc 09 giờ 15 phút ngày 26/11/2026.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("minutes lack %q:\n%s", want, text)
		}
	}

	// Nothing says who voted how: the voters' table has no choice in it.
	var cols []string
	rows, err := f.Store.SQL().QueryContext(f.ctx, `SELECT column_name FROM information_schema.columns WHERE table_name = 'council_session_voters' ORDER BY column_name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, c)
	}
	rows.Close()
	if strings.Join(cols, ",") != "member_id,session_id" {
		t.Errorf("council_session_voters has columns %v", cols)
	}
}

func TestCouncilSessionShortOfTheShare(t *testing.T) {
	f := newCouncil(t, 10)
	s, err := f.OpenCouncilSession(f.ctx, f.board, f.councilID)
	if err != nil {
		t.Fatal(err)
	}
	// 8 vote, all for: 8/10 = 80 % of all members, short of 90 %, though
	// every ballot cast approves.
	f.castAll(t, s.ID, f.members[:8], 8)
	closed, err := f.CloseCouncilSession(f.ctx, f.board, s.ID, s.Version)
	if err != nil {
		t.Fatal(err)
	}
	if o := closed.Outcomes[0]; o.Passes || o.Share != 80 || o.NotVoted != 2 {
		t.Errorf("outcome %+v, want 80 %% not passing, 2 not voted", o)
	}
	pv, err := f.Proposal(f.ctx, f.board, f.proposal)
	if err != nil {
		t.Fatal(err)
	}
	if pv.VerdictOutcome != string(award.NotEligible) {
		t.Errorf("verdict %s, want not eligible on 8/10", pv.VerdictOutcome)
	}
	// A proposal voted on is not put to the council again.
	if _, err := f.OpenCouncilSession(f.ctx, f.board, f.councilID); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("second session on the same proposal: %v", err)
	}
}

func TestCouncilSessionRefusals(t *testing.T) {
	f := newCouncil(t, 10)
	if _, err := f.OpenCouncilSession(f.ctx, f.officer, f.councilID); errs.CodeOf(err) != errs.Forbidden {
		t.Errorf("an officer opens a session: %v", err)
	}
	if _, err := f.OpenCouncilSession(f.ctx, f.members[4], f.councilID); errs.CodeOf(err) != errs.Forbidden {
		t.Errorf("a member opens: %v", err)
	}
	s, err := f.OpenCouncilSession(f.ctx, f.board, f.councilID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.OpenCouncilSession(f.ctx, f.board, f.councilID); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("a second open session: %v", err)
	}
	yes := map[int64]bool{f.proposal: true}
	// Not a member: the board's own account, an officer, a viewer.
	for _, p := range []auth.Principal{f.board, f.officer, f.viewer} {
		if err := f.CastCouncilBallot(f.ctx, p, s.ID, yes); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("%s votes: %v", p.Username, err)
		}
	}
	if _, err := f.CouncilSession(f.ctx, f.officer, s.ID); errs.CodeOf(err) != errs.Forbidden {
		t.Errorf("an officer reads the session: %v", err)
	}
	// An incomplete or foreign ballot.
	if err := f.CastCouncilBallot(f.ctx, f.members[0], s.ID, map[int64]bool{}); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("empty ballot: %v", err)
	}
	if err := f.CastCouncilBallot(f.ctx, f.members[0], s.ID, map[int64]bool{f.proposal: true, f.proposal + 1000: true}); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("ballot naming another proposal: %v", err)
	}
	// One vote each, even sent twice at once.
	var wg sync.WaitGroup
	results := make([]error, 2)
	for i := range results {
		wg.Add(1)
		go func() { defer wg.Done(); results[i] = f.CastCouncilBallot(f.ctx, f.members[1], s.ID, yes) }()
	}
	wg.Wait()
	if failed := errors.Join(results...); (results[0] == nil) == (results[1] == nil) || errs.CodeOf(failed) != errs.Invalid {
		t.Errorf("the same member twice at once: %v, %v", results[0], results[1])
	}
	if err := f.CastCouncilBallot(f.ctx, f.members[1], s.ID, yes); errs.CodeOf(err) != errs.Invalid ||
		!strings.Contains(err.Error(), "chỉ bỏ phiếu một lần") {
		t.Errorf("second vote: %v", err)
	}
	// No quorum: 6 of 10 have voted, 7 are needed.
	f.castAll(t, s.ID, f.members[2:7], 5)
	if _, err := f.CloseCouncilSession(f.ctx, f.board, s.ID, s.Version); errs.CodeOf(err) != errs.Invalid ||
		!strings.Contains(err.Error(), "6/10") {
		t.Errorf("closing without quorum: %v", err)
	}
	if _, err := f.CloseCouncilSession(f.ctx, f.members[0], s.ID, s.Version); errs.CodeOf(err) != errs.Forbidden {
		t.Errorf("closing by a member: %v", err)
	}
	if err := f.CastCouncilBallot(f.ctx, f.members[7], s.ID, yes); err != nil {
		t.Fatal(err)
	}
	if _, err := f.CouncilSessionMinutes(f.ctx, f.board, s.ID); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("minutes of an open session: %v", err)
	}
	if _, err := f.CloseCouncilSession(f.ctx, f.board, s.ID, s.Version); err != nil {
		t.Fatal(err)
	}
	// Closed: no more ballots, no second closing.
	if err := f.CastCouncilBallot(f.ctx, f.members[9], s.ID, yes); errs.CodeOf(err) != errs.Invalid ||
		!strings.Contains(err.Error(), "đã kết thúc") {
		t.Errorf("ballot after closing: %v", err)
	}
	if _, err := f.CloseCouncilSession(f.ctx, f.board, s.ID, s.Version+1); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("closing twice: %v", err)
	}
	var status string
	if err := f.Store.SQL().QueryRowContext(f.ctx, `SELECT status FROM council_sessions WHERE id = $1`, s.ID).Scan(&status); err != nil || status != vote.Closed {
		t.Errorf("status %q, %v", status, err)
	}
}

// pageText is a page's body as lines: paragraphs, and table rows with
// their cells joined by " | ".
func pageText(p document.Page) string {
	var b strings.Builder
	for _, x := range p.Body {
		b.WriteString(x.Text + "\n")
		if x.Table != nil {
			for _, r := range x.Table.Rows {
				b.WriteString(r.Group + strings.Join(r.Cells, " | ") + "\n")
			}
		}
	}
	return b.String()
}
