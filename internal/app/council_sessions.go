package app

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/document"
	"thidua/internal/errs"
	"thidua/internal/proposal"
	"thidua/internal/store"
	"thidua/internal/vote"
)

// CouncilSessionList is a council with its members and sessions, and what
// the reader may do.
type CouncilSessionList struct {
	Council  vote.Council   `json:"council"`
	Members  []vote.Member  `json:"members"`
	Sessions []vote.Session `json:"sessions"`
	// CanRun: the reader opens and closes the council's sessions.
	CanRun bool `json:"can_run"`
}

// CouncilSessionView is one session: its nominees, how many members have
// voted and, once closed, the results. While it is open nobody sees the
// counts, so no one votes knowing how the others did.
type CouncilSessionView struct {
	Session  vote.Session   `json:"session"`
	Council  vote.Council   `json:"council"`
	Members  []vote.Member  `json:"members"`
	Nominees []vote.Nominee `json:"nominees"`
	Voted    int            `json:"voted"`          // members who have voted
	Outcomes []vote.Outcome `json:"outcomes"`       // closed sessions only
	MyMember *vote.Member   `json:"my_member"`      // the reader's seat on the council, if any
	HasVoted bool           `json:"has_voted"`      // the reader has voted
	CanVote  bool           `json:"can_vote"`       // the reader may vote now
	CanClose bool           `json:"can_close"`      // the reader may close it now
	ClosedBy string         `json:"closed_by_name"` // who closed it, for the minutes
}

// councilTarget is the target of an action on a council: its unit's path
// and the accounts of its members.
func (a *App) councilTarget(ctx context.Context, tx *store.Q, c vote.Council, ms []vote.Member) (auth.Target, error) {
	path, err := a.unitPathOf(ctx, tx, c.UnitID)
	if err != nil {
		return auth.Target{}, err
	}
	f := &auth.CouncilFacts{}
	for _, m := range ms {
		if m.UserID != nil {
			f.MemberUsers = append(f.MemberUsers, *m.UserID)
		}
	}
	return auth.Target{UnitPath: path, Year: c.Year, Council: f}, nil
}

// council reads a council and authorises act on it.
func (a *App) council(ctx context.Context, tx *store.Q, p auth.Principal, id int64, act auth.Action) (vote.Council, []vote.Member, auth.Target, error) {
	if p.Anonymous() {
		return vote.Council{}, nil, auth.Target{}, auth.Authorize(p, act, auth.Target{})
	}
	c, ms, err := tx.BallotCouncil(ctx, id)
	if err != nil {
		return c, ms, auth.Target{}, err
	}
	t, err := a.councilTarget(ctx, tx, c, ms)
	if err != nil {
		return c, ms, t, err
	}
	return c, ms, t, auth.Authorize(p, act, t)
}

// CouncilSessions lists a council's sessions of secret ballot.
func (a *App) CouncilSessions(ctx context.Context, p auth.Principal, councilID int64) (CouncilSessionList, error) {
	c, ms, t, err := a.council(ctx, &a.store.Q, p, councilID, auth.ViewCouncilVotes)
	if err != nil {
		return CouncilSessionList{}, err
	}
	l := CouncilSessionList{Council: c, Members: ms, CanRun: auth.Can(p, auth.RunCouncilSession, t)}
	l.Sessions, err = a.store.CouncilSessions(ctx, councilID)
	return l, err
}

// nomineesFor are the proposals a session of council c votes on under
// rs: sent up (submitted) for c's year by c's unit or a unit under it,
// of a title that needs the council's ballot, not voted on before.
func (a *App) nomineesFor(ctx context.Context, tx *store.Q, c vote.Council, rs award.RuleSet) ([]vote.Nominee, error) {
	prs, err := tx.ListProposals(ctx, store.ProposalFilter{Year: c.Year, Within: &c.UnitID, Status: proposal.Submitted})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(prs))
	for _, pr := range prs {
		ids = append(ids, pr.ID)
	}
	done, err := tx.VotedProposals(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []vote.Nominee
	for _, pr := range prs {
		pct, ok := rs.CouncilBallot(award.Title(pr.Title))
		if !ok || slices.Contains(done, pr.ID) {
			continue
		}
		out = append(out, vote.Nominee{ProposalID: pr.ID, Title: pr.Title, SubjectName: pr.SubjectName,
			ProposerName: pr.ProposerName, Threshold: pct})
	}
	return out, nil
}

// OpenCouncilSession opens a session of the council's secret ballot on
// today's nominees, with today's rules' thresholds; the electorate is
// every member of the council, the quorum two thirds of them.
func (a *App) OpenCouncilSession(ctx context.Context, p auth.Principal, councilID int64) (vote.Session, error) {
	var out vote.Session
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		c, ms, _, err := a.council(ctx, tx, p, councilID, auth.RunCouncilSession)
		if err != nil {
			return err
		}
		rs := award.RulesFor(a.Today())
		ns, err := a.nomineesFor(ctx, tx, c, rs)
		if err != nil {
			return err
		}
		if err := vote.CheckOpenSession(ms, ns); err != nil {
			return err
		}
		s := vote.Session{CouncilID: c.ID, HeldOn: a.Today(), Status: vote.Open, Members: len(ms),
			Quorum: vote.Quorum(len(ms)), RuleSet: rs.ID, OpenedAt: a.Now()}
		if p.UserID != 0 {
			s.OpenedBy = &p.UserID
		}
		if out, err = tx.CreateCouncilSession(ctx, s, ns); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "create", "council_session", out.ID, "", nil, map[string]any{"session": out, "nominees": ns})
	})
	return out, err
}

// sessionView builds the view of session id for p, authorising act.
func (a *App) sessionView(ctx context.Context, tx *store.Q, p auth.Principal, id int64, act auth.Action, lock bool) (CouncilSessionView, error) {
	if p.Anonymous() {
		return CouncilSessionView{}, auth.Authorize(p, act, auth.Target{})
	}
	s, err := tx.CouncilSession(ctx, id, lock)
	if err != nil {
		return CouncilSessionView{}, err
	}
	c, ms, t, err := a.council(ctx, tx, p, s.CouncilID, act)
	if err != nil {
		return CouncilSessionView{}, err
	}
	v := CouncilSessionView{Session: s, Council: c, Members: ms, Outcomes: []vote.Outcome{}}
	if v.Nominees, err = tx.Nominees(ctx, id); err != nil {
		return v, err
	}
	voters, err := tx.SessionVoters(ctx, id)
	if err != nil {
		return v, err
	}
	v.Voted = len(voters)
	if m, ok := vote.MemberOf(ms, p.UserID); ok {
		v.MyMember = &m
		v.HasVoted = slices.Contains(voters, m.ID)
	}
	open := s.Status == vote.Open
	v.CanVote = open && v.MyMember != nil && !v.HasVoted && auth.Can(p, auth.CouncilBallot, t)
	v.CanClose = open && auth.Can(p, auth.RunCouncilSession, t)
	if !open {
		v.Outcomes = vote.Outcomes(s, v.Nominees, v.Voted)
	} else {
		for i := range v.Nominees { // no counts while the ballot runs
			v.Nominees[i].For, v.Nominees[i].Against = 0, 0
		}
	}
	return v, nil
}

// CouncilSession returns one session for a member or the board over it.
func (a *App) CouncilSession(ctx context.Context, p auth.Principal, id int64) (CouncilSessionView, error) {
	return a.sessionView(ctx, &a.store.Q, p, id, auth.ViewCouncilVotes, false)
}

// CastCouncilBallot records a member's secret ballot: for or against each
// nominee (choices by proposal id). One transaction records that the
// member voted and adds to the counts; nothing records how they voted —
// the audit says that they voted, not how.
func (a *App) CastCouncilBallot(ctx context.Context, p auth.Principal, sessionID int64, choices map[int64]bool) error {
	return a.store.Tx(ctx, func(tx *store.Q) error {
		v, err := a.sessionView(ctx, tx, p, sessionID, auth.CouncilBallot, false)
		if err != nil {
			return err
		}
		if v.MyMember == nil {
			return errs.New(errs.Forbidden, "Chỉ thành viên của Hội đồng được bỏ phiếu, mỗi người bằng tài khoản của mình.")
		}
		if err := vote.CheckBallot(v.Session, v.Nominees, v.HasVoted, choices); err != nil {
			return err
		}
		// The store checks again under the session's lock: the session may
		// have closed, or the member voted elsewhere, since it was read.
		if err := tx.CastCouncilBallot(ctx, sessionID, v.MyMember.ID, choices); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "cast_ballot", "council_session", sessionID, "", nil, map[string]any{"member_id": v.MyMember.ID})
	})
}

// CloseCouncilSession closes a session that has its quorum and writes
// each nominee's result into its proposal in place of a typed share
// (vote_electorate: all members, vote_for: the ballots for), judged again
// so the verdict uses it; each proposal's change is audited.
func (a *App) CloseCouncilSession(ctx context.Context, p auth.Principal, id int64, version int) (CouncilSessionView, error) {
	var out CouncilSessionView
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		v, err := a.sessionView(ctx, tx, p, id, auth.RunCouncilSession, true)
		if err != nil {
			return err
		}
		if err := vote.CheckCloseSession(v.Session, v.Voted); err != nil {
			return err
		}
		s, now := v.Session, a.Now()
		s.Version, s.ClosedAt = version, &now
		closed, err := tx.CloseCouncilSession(ctx, s, p.UserID)
		if err != nil {
			return err
		}
		nominees, err := tx.Nominees(ctx, id) // the counts, hidden in v while open
		if err != nil {
			return err
		}
		outcomes := vote.Outcomes(closed, nominees, v.Voted)
		for _, o := range outcomes {
			if err := a.recordCouncilResult(ctx, tx, p, closed, o); err != nil {
				return err
			}
		}
		if err := tx.Audit(ctx, p.UserID, "close", "council_session", id, "", v.Session,
			map[string]any{"session": closed, "voted": v.Voted, "outcomes": outcomes}); err != nil {
			return err
		}
		out, err = a.sessionView(ctx, tx, p, id, auth.RunCouncilSession, false)
		return err
	})
	return out, err
}

// recordCouncilResult writes a nominee's result into its proposal, if the
// proposal is still being judged, and judges it again.
func (a *App) recordCouncilResult(ctx context.Context, tx *store.Q, p auth.Principal, s vote.Session, o vote.Outcome) error {
	before, err := tx.Proposal(ctx, o.ProposalID)
	if err != nil {
		return err
	}
	if !proposal.Judged(before.Status) {
		return nil // decided meanwhile: its verdict is kept as decided
	}
	pr := before
	electorate, votesFor := o.Electorate, o.For
	pr.VoteElectorate, pr.VoteFor = &electorate, &votesFor
	verdict, err := a.judge(ctx, tx, pr)
	if err != nil {
		return err
	}
	reasons, err := json.Marshal(verdict.Reasons)
	if err != nil {
		return err
	}
	pr.VerdictOutcome, pr.VerdictReasons, pr.VerdictRuleSet = string(verdict.Outcome), reasons, verdict.RuleSetID
	after, err := tx.UpdateProposal(ctx, pr)
	if err != nil {
		return err
	}
	return tx.Audit(ctx, p.UserID, "council_vote", "proposal", pr.ID,
		"Kết quả bỏ phiếu kín của Hội đồng, phiên họp số "+strconv.FormatInt(s.ID, 10), before, after)
}

// CouncilSessionMinutes is the minutes (biên bản) of a closed session as
// a document: issued by the council under its level's heading (the
// province's council under the province, at its place; the sector's under
// the Supreme Procuracy), dated the day of the session; time and place,
// the chair and the secretary, the members and how many voted against
// the quorum, each nominee's votes over all members against the title's
// threshold, the conclusion and the closing time, signed by the secretary
// and the chair.
func (a *App) CouncilSessionMinutes(ctx context.Context, p auth.Principal, id int64) (document.Page, error) {
	v, err := a.sessionView(ctx, &a.store.Q, p, id, auth.ViewCouncilVotes, false)
	if err != nil {
		return document.Page{}, err
	}
	s := v.Session
	if s.Status != vote.Closed {
		return document.Page{}, errs.New(errs.Invalid, "Biên bản chỉ lập được khi phiên bỏ phiếu đã kết thúc.")
	}
	unit, err := issuerOf(ctx, &a.store.Q, v.Council.UnitID)
	if err != nil {
		return document.Page{}, err
	}
	iss, council, day := councilIssuer(unit), proposingCouncil(unit), s.HeldOn
	opened, closed := s.OpenedAt.In(ict), s.OpenedAt.In(ict)
	if s.ClosedAt != nil {
		closed = s.ClosedAt.In(ict)
	}
	chair, secretary := vote.Holder(v.Members, vote.SeatChair), vote.Holder(v.Members, vote.SeatSecretary)
	page := document.Page{Issuer: iss, Number: iss.Number(0, "BB"), Date: &day, Kind: "BIÊN BẢN",
		Subject: fmt.Sprintf("Họp %s xét đề nghị khen thưởng năm %d", council, v.Council.Year),
		Confirm: &document.Signer{HeadTitle: "Thư ký Hội đồng", Name: secretary.FullName},
		Signer:  document.Signer{HeadTitle: "Chủ tịch Hội đồng", Name: chair.FullName}}
	page.Body = append(page.Body,
		document.Para(fmt.Sprintf("Hôm nay, vào lúc %s ngày %s, tại trụ sở %s, %s họp xét đề nghị khen thưởng năm %d.",
			clock(opened), opened.Format("02/01/2006"), v.Council.UnitName, council, v.Council.Year)),
		document.Part("I. THÀNH PHẦN"),
		document.Para("- Chủ trì: "+memberLine(chair, "Chủ tịch Hội đồng")+"."),
		document.Para("- Thư ký: "+memberLine(secretary, "Thư ký Hội đồng")+"."),
		document.Para(fmt.Sprintf("- Hội đồng có %d thành viên; số thành viên có mặt và tham gia bỏ phiếu: %d/%d, đủ số lượng theo quy định (ít nhất %d thành viên, hai phần ba tổng số thành viên Hội đồng).",
			s.Members, v.Voted, s.Members, s.Quorum)))
	members := document.Table{Headers: []string{"STT", "Họ và tên", "Chức vụ", "Chức danh trong Hội đồng"}, Widths: []float64{8, 34, 34, 24}}
	for i, m := range v.Members {
		members.Rows = append(members.Rows, document.Row{Cells: []string{fmt.Sprint(i + 1), m.FullName, m.Position, vote.SeatLabel(m.Seat)}})
	}
	page.Body = append(page.Body, document.Block{Table: &members},
		document.Part("II. NỘI DUNG"),
		document.Para(fmt.Sprintf("Hội đồng xem xét hồ sơ của %d trường hợp được đề nghị danh hiệu cần Hội đồng bỏ phiếu kín và tiến hành bỏ phiếu kín. Tỷ lệ phiếu đồng ý tính trên tổng số thành viên Hội đồng (%d thành viên); thành viên không bỏ phiếu được tính là không đồng ý.",
			len(v.Outcomes), s.Members)))
	var thresholds []string
	lines := make([]ballotLine, 0, len(v.Outcomes))
	for _, o := range v.Outcomes {
		label := award.Title(o.Title).Label()
		if t := fmt.Sprintf("- Danh hiệu “%s”: từ %d%% tổng số thành viên Hội đồng đồng ý trở lên.", label, o.Threshold); !slices.Contains(thresholds, t) {
			thresholds = append(thresholds, t)
		}
		lines = append(lines, ballotLine{Name: o.SubjectName + ", " + o.ProposerName, Title: label,
			For: o.For, Against: o.Against, Electorate: o.Electorate, Threshold: o.Threshold, Share: o.Share, Passes: o.Passes})
	}
	for _, t := range thresholds {
		page.Body = append(page.Body, document.Para(t))
	}
	results := ballotTable("Họ và tên, đơn vị", true, lines)
	page.Body = append(page.Body, document.Part("Kết quả bỏ phiếu:"), document.Block{Table: &results},
		document.Part("III. KẾT LUẬN"))
	page.Body = append(page.Body, conclusion(lines)...)
	page.Body = append(page.Body,
		document.Para("Kết quả bỏ phiếu được ghi vào hồ sơ đề nghị khen thưởng của từng trường hợp."),
		document.Para(fmt.Sprintf("Phiên họp kết thúc vào lúc %s ngày %s. Biên bản đã được thông qua tại phiên họp./.",
			clock(closed), closed.Format("02/01/2006"))))
	return page, nil
}

// conclusion is the council's conclusion on its ballot: who reached the
// share the rules require and is proposed, who did not.
func conclusion(lines []ballotLine) []document.Block {
	var passed, failed []string
	for _, l := range lines {
		if l.Passes {
			passed = append(passed, l.Name+" (“"+l.Title+"”)")
		} else {
			failed = append(failed, l.Name+" (“"+l.Title+"”)")
		}
	}
	out := []document.Block{document.Para("Không có trường hợp nào đạt tỷ lệ phiếu đồng ý theo quy định.")}
	if len(passed) > 0 {
		out[0] = document.Para(fmt.Sprintf("Hội đồng thống nhất đề nghị khen thưởng %d trường hợp đạt tỷ lệ phiếu đồng ý theo quy định: %s.",
			len(passed), strings.Join(passed, "; ")))
	}
	if len(failed) > 0 {
		out = append(out, document.Para(fmt.Sprintf("Không đạt tỷ lệ phiếu đồng ý theo quy định: %d trường hợp: %s.",
			len(failed), strings.Join(failed, "; "))))
	}
	return out
}

// memberLine is "đồng chí Lê Văn Chủ, Phó Viện trưởng, Chủ tịch Hội đồng",
// dots for the clerk when no member holds the seat.
func memberLine(m vote.Member, seat string) string {
	if m.FullName == "" {
		return "đồng chí ……………………, " + seat
	}
	return "đồng chí " + strings.Join(slices.DeleteFunc([]string{m.FullName, m.Position, seat}, func(s string) bool { return s == "" }), ", ")
}

// clock is a time of day as minutes print it: "09 giờ 05 phút".
func clock(t time.Time) string { return fmt.Sprintf("%02d giờ %02d phút", t.Hour(), t.Minute()) }
