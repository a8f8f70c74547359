package app_test

import (
	"strconv"
	"strings"
	"testing"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/scoring"
)

const yVote = 2033

// voteCluster is a five-member cluster of yVote headed by its first member.
func (f *fixture) voteCluster(t *testing.T) app.ClusterView {
	t.Helper()
	f.openYear(t, yVote)
	m := f.ids(t, "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Sơn La")
	c, err := f.SaveCluster(f.ctx, f.board, 0, app.ClusterInput{Year: yVote, Level: "national", Number: 50, Name: "Bình xét", Members: m})
	if err != nil {
		t.Fatal(err)
	}
	if c, err = f.Designate(f.ctx, f.board, c.ID, c.Version, cluster.Designation{HeadUnitID: m[0], DeputyUnitID: m[2], Ref: "QĐ 1/2033"}); err != nil {
		t.Fatal(err)
	}
	return c
}

// voteScores are the members' scores in the vote cluster: members 1–3 tie
// first (95), members 0 and 4 follow (80).
var voteScores = []float64{80, 95, 95, 95, 80}

// fileAndReview has the members named by index file these scores and
// submit; the head reviews them as filed (the deputy reviews the head).
func (f *fixture) fileAndReview(t *testing.T, c app.ClusterView, members ...int) {
	t.Helper()
	tables, err := f.Tables(f.ctx, f.board, c.Year)
	if err != nil {
		t.Fatal(err)
	}
	var table scoring.Table
	if len(tables) == 0 {
		info, err := f.SaveTable(f.ctx, f.board, scoring.TableInfo{Year: c.Year, Name: "Bảng tiêu chí bình xét", Level: "national", UnitType: "provincial"},
			scoring.Table{Criteria: []scoring.Criterion{{Code: "1", Name: "Kết quả công tác", Method: scoring.Fixed, Max: 100}}})
		if err != nil {
			t.Fatal(err)
		}
		tables = append(tables, info)
	}
	if table, err = f.Store.Table(f.ctx, tables[0].ID); err != nil {
		t.Fatal(err)
	}
	crit := table.Criteria[0].ID
	for _, i := range members {
		m := c.Members[i]
		score := voteScores[i]
		v, err := f.SaveSelf(f.ctx, f.officerOf(m), c.Year, m, 0, map[int64]scoring.Entry{crit: {Score: &score}}, true, "")
		if err != nil {
			t.Fatalf("filing of %d: %v", m, err)
		}
		reviewer := f.officerOf(*c.HeadUnitID)
		if m == *c.HeadUnitID {
			reviewer = f.officerOf(*c.DeputyUnitID)
		}
		if _, err := f.ReviewFiling(f.ctx, reviewer, c.Year, m, v.Filing.Version, nil, app.ReviewAccept, ""); err != nil {
			t.Fatalf("review of %d: %v", m, err)
		}
	}
}

// registerAll has every member register for Tập thể lao động xuất sắc.
func (f *fixture) registerAll(t *testing.T, c app.ClusterView) {
	t.Helper()
	for _, m := range c.Members {
		if _, err := f.SaveRegistration(f.ctx, f.officerOf(m), cluster.Registration{Year: c.Year, UnitID: m, CollectiveTitle: award.TapTheLaoDongXuatSac}); err != nil {
			t.Fatalf("registration of %d: %v", m, err)
		}
	}
}

// voteLeaders are the leaders and blockers the votes page shows p.
func (f *fixture) voteLeaders(t *testing.T, p auth.Principal, c app.ClusterView) ([]app.Standing, []string, error) {
	t.Helper()
	l, err := f.ClusterVotes(f.ctx, p, c.ID)
	if err == nil && !l.CanRun {
		t.Fatalf("%s does not run the vote", p.Username)
	}
	return l.Leaders, l.Blockers, err
}

// TestVoteOpensOnVerifiedRanking: the flag vote waits until every member's
// filing is reviewed, offers only ranked (reviewed) units, and refuses a
// candidate that did not register for the year.
func TestVoteOpensOnVerifiedRanking(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.voteCluster(t)
	head := f.officerOf(c.Members[0])

	// Nothing reviewed: no leader, and the vote does not open.
	leaders, blockers, err := f.voteLeaders(t, head, c)
	if err != nil {
		t.Fatal(err)
	}
	if len(leaders) != 0 || len(blockers) != 1 {
		t.Fatalf("before any review: leaders %+v blockers %q", leaders, blockers)
	}
	_, err = f.OpenVote(f.ctx, head, c.ID, nil)
	wantField(t, err, "candidates")

	// Four of five reviewed: the leaders are reviewed units, but the vote
	// still waits for the fifth.
	f.fileAndReview(t, c, 0, 1, 2, 3)
	leaders, blockers, err = f.voteLeaders(t, head, c)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range leaders {
		if !l.Reviewed || l.Rank < 1 {
			t.Errorf("leader not verified: %+v", l)
		}
	}
	if len(leaders) != 3 || len(blockers) != 2 { // unreviewed member; leaders unregistered
		t.Fatalf("four reviewed: leaders %d blockers %q", len(leaders), blockers)
	}
	_, err = f.OpenVote(f.ctx, head, c.ID, []int64{c.Members[1]})
	wantField(t, err, "candidates")

	// All reviewed, nobody registered: refused for the candidate's registration.
	f.fileAndReview(t, c, 4)
	_, err = f.OpenVote(f.ctx, head, c.ID, []int64{c.Members[1]})
	wantField(t, err, "candidates")
	if e, _ := errs.As(err); !strings.Contains(e.Fields["candidates"], "chưa đăng ký thi đua") {
		t.Fatalf("refusal: %v", e.Fields)
	}

	f.registerAll(t, c)
	if _, blockers, _ = f.voteLeaders(t, head, c); len(blockers) != 0 {
		t.Fatalf("ready, yet blocked: %q", blockers)
	}
	if _, err := f.OpenVote(f.ctx, head, c.ID, []int64{c.Members[1]}); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) castAll(t *testing.T, c app.ClusterView, voteID, cand int64, approvals int) {
	t.Helper()
	view, err := f.Vote(f.ctx, f.viewer, voteID)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range c.Members {
		choices := map[int64]bool{}
		for _, tl := range view.Tally {
			choices[tl.UnitID] = tl.UnitID == cand && i < approvals
		}
		if err := f.CastBallot(f.ctx, f.officerOf(m), voteID, m, choices); err != nil {
			t.Fatalf("ballot of %d: %v", m, err)
		}
	}
}

func TestClusterVote(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.voteCluster(t)
	head, member := f.officerOf(c.Members[0]), f.officerOf(c.Members[1])
	outsider := f.officerOf(f.ids(t, "Lai Châu")[0])
	f.fileAndReview(t, c, 0, 1, 2, 3, 4)
	f.registerAll(t, c)

	// Only the head (or the board) opens a vote.
	_, err := f.OpenVote(f.ctx, member, c.ID, nil)
	wantCode(t, err, errs.Forbidden)
	// A non-member cannot be a candidate; nor more than three.
	_, err = f.OpenVote(f.ctx, head, c.ID, []int64{outsider.UnitID})
	wantField(t, err, "candidates")
	v, err := f.OpenVote(f.ctx, head, c.ID, []int64{c.Members[1]})
	if err != nil {
		t.Fatal(err)
	}
	view, err := f.Vote(f.ctx, f.viewer, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(view.Tally) != 1 || view.Tally[0].RankAtOpen != 1 {
		t.Fatalf("candidates: %+v", view.Tally)
	}
	cand := view.Tally[0].UnitID
	// What the vote's page offers is judged on this vote: the head runs it,
	// a member may vote for its own unit, an outsider and a viewer neither.
	for _, c := range []struct {
		p      auth.Principal
		run    bool
		myUnit int64
	}{{head, true, head.UnitID}, {member, false, member.UnitID}, {outsider, false, 0}, {f.viewer, false, 0}, {f.board, true, 0}} {
		pv, err := f.Vote(f.ctx, c.p, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		if pv.CanRun != c.run || pv.MyUnit != c.myUnit {
			t.Errorf("%s: run %v, my unit %d; want %v, %d", c.p.Username, pv.CanRun, pv.MyUnit, c.run, c.myUnit)
		}
	}
	// One open vote per cluster at a time.
	_, err = f.OpenVote(f.ctx, f.board, c.ID, nil)
	wantCode(t, err, errs.Invalid)

	// Refusals: a non-member, a member voting in another's name, a missing choice.
	wantCode(t, f.CastBallot(f.ctx, outsider, v.ID, outsider.UnitID, map[int64]bool{cand: true}), errs.Forbidden)
	wantCode(t, f.CastBallot(f.ctx, member, v.ID, c.Members[2], map[int64]bool{cand: true}), errs.Forbidden)
	wantCode(t, f.CastBallot(f.ctx, f.board, v.ID, c.Members[2], map[int64]bool{cand: true}), errs.Forbidden)
	wantField(t, f.CastBallot(f.ctx, member, v.ID, member.UnitID, map[int64]bool{}), "approve_"+itoa64(cand))

	f.castAll(t, c, v.ID, cand, 4) // 4 of 5 approve: 80 %
	if pv, err := f.Vote(f.ctx, member, v.ID); err != nil || pv.MyUnit != 0 || len(pv.MyBallot) != 1 {
		t.Errorf("after its ballot, a member votes no more and sees its ballot: %+v, %v", pv.MyBallot, err)
	}
	// Twice is refused.
	wantCode(t, f.CastBallot(f.ctx, member, v.ID, member.UnitID, map[int64]bool{cand: false}), errs.Invalid)

	// Proposing before the close is refused; closing needs the head and the current version.
	_, err = f.ProposeFromVote(f.ctx, head, v.ID, cand)
	wantCode(t, err, errs.Invalid)
	_, err = f.CloseVote(f.ctx, member, v.ID, v.Version)
	wantCode(t, err, errs.Forbidden)
	_, err = f.CloseVote(f.ctx, head, v.ID, v.Version+1)
	wantCode(t, err, errs.Conflict)
	closed, err := f.CloseVote(f.ctx, head, v.ID, v.Version)
	if err != nil {
		t.Fatal(err)
	}
	tl := closed.Tally[0]
	if closed.Status != app.VoteClosed || tl.Electorate != 5 || tl.For != 4 || tl.Against != 1 || tl.Share != 80 || !tl.Passes || tl.Threshold != 80 {
		t.Fatalf("tally after close: %+v", closed)
	}
	_, err = f.CloseVote(f.ctx, head, v.ID, closed.Version)
	wantCode(t, err, errs.Invalid)
	// No ballot after the close.
	wantCode(t, f.CastBallot(f.ctx, f.officerOf(c.Members[4]), v.ID, c.Members[4], map[int64]bool{cand: true}), errs.Invalid)

	// The winner becomes a proposal with the vote's numbers.
	_, err = f.ProposeFromVote(f.ctx, member, v.ID, cand)
	wantCode(t, err, errs.Forbidden)
	pr, err := f.ProposeFromVote(f.ctx, head, v.ID, cand)
	if err != nil {
		t.Fatal(err)
	}
	if pr.Title != "co_nganh" || pr.ProposerUnitID != cand || pr.UnitID == nil || *pr.UnitID != cand ||
		pr.VoteElectorate == nil || *pr.VoteElectorate != 5 || pr.VoteFor == nil || *pr.VoteFor != 4 || pr.Year != yVote {
		t.Fatalf("proposal: %+v", pr)
	}
	_, err = f.ProposeFromVote(f.ctx, f.board, v.ID, cand)
	wantCode(t, err, errs.Invalid) // already proposed

	// Every write is audited.
	hist, err := f.Store.History(f.ctx, "vote", v.ID)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, h := range hist {
		count[h.Action]++
	}
	if count["create"] != 1 || count["ballot"] != 5 || count["close"] != 1 || count["propose"] != 1 {
		t.Fatalf("vote audit: %v", count)
	}
	if ph, err := f.Store.History(f.ctx, "proposal", pr.ID); err != nil || len(ph) != 1 {
		t.Fatalf("proposal audit: %v %v", ph, err)
	}

	// A second vote, on the default candidates (the units ranked first:
	// three tie at 95): 3 of 5 approve (60 %)
	// falls short and cannot be proposed.
	v2, err := f.OpenVote(f.ctx, f.board, c.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	open2, err := f.Vote(f.ctx, f.viewer, v2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(open2.Tally) != app.MaxVoteCandidates {
		t.Fatalf("default candidates: %+v", open2.Tally)
	}
	for _, tl := range open2.Tally {
		if tl.RankAtOpen != 1 {
			t.Fatalf("default candidate not ranked first: %+v", tl)
		}
	}
	cand2 := open2.Tally[0].UnitID
	f.castAll(t, c, v2.ID, cand2, 3)
	closed2, err := f.CloseVote(f.ctx, f.board, v2.ID, v2.Version)
	if err != nil {
		t.Fatal(err)
	}
	if tl := closed2.Tally[0]; tl.For != 3 || tl.Electorate != 5 || tl.Share != 60 || tl.Passes {
		t.Fatalf("60 %% tally: %+v", tl)
	}
	_, err = f.ProposeFromVote(f.ctx, f.board, v2.ID, cand2)
	wantCode(t, err, errs.Invalid)

	// A viewer may read, not run.
	_, err = f.OpenVote(f.ctx, f.viewer, c.ID, nil)
	wantCode(t, err, errs.Forbidden)
	_, err = f.OpenVote(f.ctx, auth.Principal{}, c.ID, nil)
	wantCode(t, err, errs.Unauthorized)
}

func itoa64(id int64) string { return strconv.FormatInt(id, 10) }
