package app

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
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
			Quorum: vote.Quorum(len(ms)), RuleSet: rs.ID}
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
		s := v.Session
		s.Version = version
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

// CouncilMinutes is the minutes (biên bản) of a closed session: the
// council, its members, the ballot and every nominee's result.
type CouncilMinutes struct {
	CouncilSessionView
	Issuer document.Issuer `json:"issuer"`
	Day    time.Time       `json:"day"`
	// Chair and Secretary sign the minutes.
	Chair     string `json:"chair"`
	Secretary string `json:"secretary"`
}

// CouncilSessionMinutes returns the minutes of a closed session.
func (a *App) CouncilSessionMinutes(ctx context.Context, p auth.Principal, id int64) (CouncilMinutes, error) {
	v, err := a.sessionView(ctx, &a.store.Q, p, id, auth.ViewCouncilVotes, false)
	if err != nil {
		return CouncilMinutes{}, err
	}
	if v.Session.Status != vote.Closed {
		return CouncilMinutes{}, errs.New(errs.Invalid, "Biên bản chỉ lập được khi phiên bỏ phiếu đã kết thúc.")
	}
	m := CouncilMinutes{CouncilSessionView: v, Day: v.Session.HeldOn,
		Chair: vote.Holder(v.Members, vote.SeatChair), Secretary: vote.Holder(v.Members, vote.SeatSecretary)}
	m.Issuer, err = issuerOf(ctx, &a.store.Q, v.Council.UnitID)
	return m, err
}
