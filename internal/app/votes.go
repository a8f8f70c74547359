package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/proposal"
	"thidua/internal/store"
	"thidua/internal/vote"
)

// Vote statuses (vote.Open, vote.Closed), for the callers that name them here.
const (
	VoteOpen   = vote.Open
	VoteClosed = vote.Closed
)

// MaxVoteCandidates is how many leading units one vote may put forward.
const MaxVoteCandidates = vote.MaxCandidates

// VoteTally is one candidate's count (vote.Tally).
type VoteTally = vote.Tally

// VoteView is a vote with its cluster, candidates' tally and who has
// voted, and what the reader may do on it.
type VoteView struct {
	vote.Vote
	Cluster   ClusterView    `json:"cluster"`
	Tally     []VoteTally    `json:"tally"`
	Voted     []int64        `json:"voted_unit_ids"` // member units that have cast their ballot
	MyBallot  map[int64]bool `json:"my_ballot"`      // the signed-in officer's unit's choices, by candidate
	RuleSetID string         `json:"rule_set_id"`
	Threshold int            `json:"threshold"`
	// CanRun: the reader runs the vote (closes it, proposes from it).
	CanRun bool `json:"can_run"`
	// MyUnit is the reader's unit when it is a member that may still vote.
	MyUnit int64 `json:"my_unit"`
}

// HasVoted reports whether the member unit has cast its ballot.
func (v VoteView) HasVoted(unitID int64) bool { return slices.Contains(v.Voted, unitID) }

// VoteList is a cluster's votes and, for who runs them, the leaders a
// new vote may put forward.
type VoteList struct {
	Cluster ClusterView `json:"cluster"`
	Votes   []vote.Vote `json:"votes"`
	Leaders []Standing  `json:"leaders"`
	// Blockers say why the vote cannot open yet (members not reviewed,
	// leaders not registered); empty when it can.
	Blockers []string `json:"blockers"`
	CanRun   bool     `json:"can_run"`
}

// CanRunVote reports whether p runs the cluster's votes.
func CanRunVote(p auth.Principal, cv ClusterView) bool { return auth.Can(p, auth.RunVote, cv.Target()) }

// ClusterVotes lists a cluster's votes; for who runs them, with the
// leaders of the cluster's ranking and what keeps a vote from opening.
func (a *App) ClusterVotes(ctx context.Context, p auth.Principal, clusterID int64) (VoteList, error) {
	cv, err := a.Cluster(ctx, p, clusterID)
	if err != nil {
		return VoteList{}, err
	}
	l := VoteList{Cluster: cv, CanRun: CanRunVote(p, cv)}
	if l.Votes, err = a.store.ClusterVotes(ctx, clusterID); err != nil {
		return l, err
	}
	if l.CanRun {
		leaders, members, err := a.voteStanding(ctx, p, cv)
		if err != nil {
			return l, err
		}
		l.Leaders, l.Blockers = leaders, cluster.FlagVoteBlockers(members, unitIDs(leaders))
	}
	return l, nil
}

func unitIDs(ss []Standing) []int64 {
	ids := make([]int64, 0, len(ss))
	for _, s := range ss {
		ids = append(ids, s.UnitID)
	}
	return ids
}

// voteStanding is the cluster's leaders (ranked 1 to MaxVoteCandidates)
// and every member's review and registration state.
func (a *App) voteStanding(ctx context.Context, p auth.Principal, cv ClusterView) ([]Standing, []cluster.VoteMember, error) {
	rankings, _, err := a.Ranking(ctx, p, cv.Year)
	if err != nil {
		return nil, nil, err
	}
	regs, err := a.store.Registrations(ctx, cv.Year, cv.Members)
	if err != nil {
		return nil, nil, err
	}
	var leaders []Standing
	reviewed := map[int64]bool{}
	for _, r := range rankings {
		if r.Cluster.ID != cv.ID {
			continue
		}
		for _, s := range r.Standings {
			reviewed[s.UnitID] = s.Reviewed
			if s.Ranked() && s.Rank <= MaxVoteCandidates {
				leaders = append(leaders, s)
			}
		}
	}
	members := make([]cluster.VoteMember, 0, len(cv.Members))
	for _, m := range cv.Members {
		members = append(members, cluster.VoteMember{UnitID: m, Name: cv.Units[m].Name, Reviewed: reviewed[m],
			Registered: regs[m].CollectiveTitle != ""})
	}
	return leaders, members, nil
}

// OpenVote opens the cluster's vote for the sector's Cờ thi đua on the
// given candidates; with none given, the unit(s) ranked first (vote.Pick).
// It opens only when every member's filing is reviewed and every
// candidate has registered for the year (cluster.FlagVoteBlockers).
func (a *App) OpenVote(ctx context.Context, p auth.Principal, clusterID int64, candidates []int64) (vote.Vote, error) {
	cv, err := a.Cluster(ctx, p, clusterID)
	if err != nil {
		return vote.Vote{}, err
	}
	if err := auth.Authorize(p, auth.RunVote, cv.Target()); err != nil {
		return vote.Vote{}, err
	}
	leaders, members, err := a.voteStanding(ctx, p, cv)
	if err != nil {
		return vote.Vote{}, err
	}
	ls := make([]vote.Leader, 0, len(leaders))
	for _, s := range leaders {
		ls = append(ls, vote.Leader{UnitID: s.UnitID, Name: s.Unit.Name, Rank: s.Rank})
	}
	cands, f := vote.Pick(cv.Members, ls, candidates, func(id int64) string { return cv.Units[id].Name })
	picked := make([]int64, 0, len(cands))
	for _, c := range cands {
		picked = append(picked, c.UnitID)
	}
	if b := cluster.FlagVoteBlockers(members, picked); len(b) > 0 {
		f["candidates"] = strings.Join(b, " ") // what keeps any vote from opening comes first

	}
	if err := f.Err(); err != nil {
		return vote.Vote{}, err
	}
	var out vote.Vote
	err = a.store.Tx(ctx, func(tx *store.Q) error {
		v := vote.Vote{ClusterID: cv.ID, Year: cv.Year, Title: string(award.CoThiDuaNganh), Status: vote.Open}
		if p.UserID != 0 {
			v.OpenedBy = &p.UserID
		}
		var err error
		if out, err = tx.CreateVote(ctx, v, cands); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "create", "vote", out.ID, "", nil, map[string]any{"vote": out, "candidates": cands})
	})
	return out, err
}

// voteView tallies v under the rules in force on the day it closed
// (today while open) and says what p may do on it.
func (a *App) voteView(ctx context.Context, tx *store.Q, p auth.Principal, v vote.Vote, cv ClusterView) (VoteView, error) {
	view := VoteView{Vote: v, Cluster: cv, Tally: []VoteTally{}, Voted: []int64{}, MyBallot: map[int64]bool{}}
	day := a.Today()
	if v.ClosedAt != nil {
		t := v.ClosedAt.In(time.FixedZone("ICT", 7*3600))
		day = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	rs := award.RulesFor(day)
	view.RuleSetID, view.Threshold = rs.ID, rs.CoNganhClusterPercent
	cands, err := tx.VoteCandidates(ctx, v.ID)
	if err != nil {
		return view, err
	}
	ballots, err := tx.Ballots(ctx, v.ID)
	if err != nil {
		return view, err
	}
	ids := []int64{}
	for _, c := range cands {
		ids = append(ids, c.UnitID)
	}
	names, err := tx.UnitsByID(ctx, ids)
	if err != nil {
		return view, err
	}
	proposals, err := tx.ListProposals(ctx, store.ProposalFilter{Year: v.Year})
	if err != nil {
		return view, err
	}
	view.Tally = vote.Count(cands, ballots, cv.Members, rs.CoNganhClusterPercent)
	for i := range view.Tally {
		t := &view.Tally[i]
		t.UnitName = names[t.UnitID].Name
		for _, pr := range proposals {
			if pr.Title == v.Title && pr.UnitID != nil && *pr.UnitID == t.UnitID && proposal.Live(pr.Status) {
				id := pr.ID
				t.ProposalID = &id
			}
		}
	}
	mine := auth.UnitScope(p)
	for _, b := range ballots {
		if !slices.Contains(view.Voted, b.VoterUnitID) {
			view.Voted = append(view.Voted, b.VoterUnitID)
		}
		if mine != 0 && b.VoterUnitID == mine {
			view.MyBallot[b.CandidateUnitID] = b.Approve
		}
	}
	view.CanRun = CanRunVote(p, cv)
	if mine != 0 && v.Status == vote.Open && !view.HasVoted(mine) {
		// A ballot is the unit's own: its ancestors do not matter.
		if auth.Can(p, auth.CastBallot, auth.Target{UnitPath: []int64{mine}, Year: cv.Year, Cluster: facts(cv.Cluster)}) {
			view.MyUnit = mine
		}
	}
	return view, nil
}

// Vote returns one vote with its tally.
func (a *App) Vote(ctx context.Context, p auth.Principal, id int64) (VoteView, error) {
	if p.Anonymous() {
		return VoteView{}, auth.Authorize(p, auth.ViewClusters, auth.Target{})
	}
	v, err := a.store.Vote(ctx, id)
	if err != nil {
		return VoteView{}, err
	}
	cv, err := a.Cluster(ctx, p, v.ClusterID)
	if err != nil {
		return VoteView{}, err
	}
	return a.voteView(ctx, &a.store.Q, p, v, cv)
}

// CastBallot records a member unit's ballot: approve or not for every
// candidate, once, by an officer of that unit, while the vote is open.
func (a *App) CastBallot(ctx context.Context, p auth.Principal, voteID, unitID int64, choices map[int64]bool) error {
	return a.store.Tx(ctx, func(tx *store.Q) error {
		_, _, err := a.castBallot(ctx, tx, p, voteID, unitID, choices)
		return err
	})
}

// CastBallotView is CastBallot answering with the vote as it stands after
// the ballot, read in the same transaction.
func (a *App) CastBallotView(ctx context.Context, p auth.Principal, voteID, unitID int64, choices map[int64]bool) (VoteView, error) {
	var out VoteView
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		v, c, err := a.castBallot(ctx, tx, p, voteID, unitID, choices)
		if err != nil {
			return err
		}
		cv, err := clusterView(ctx, tx, c)
		if err != nil {
			return err
		}
		out, err = a.voteView(ctx, tx, p, v, cv)
		return err
	})
	return out, err
}

// castBallot records the ballot in tx, under the vote's lock, and returns
// the vote and its cluster.
func (a *App) castBallot(ctx context.Context, tx *store.Q, p auth.Principal, voteID, unitID int64, choices map[int64]bool) (vote.Vote, cluster.Cluster, error) {
	if err := tx.LockVote(ctx, voteID); err != nil {
		return vote.Vote{}, cluster.Cluster{}, err
	}
	v, err := tx.Vote(ctx, voteID)
	if err != nil {
		return v, cluster.Cluster{}, err
	}
	c, err := tx.Cluster(ctx, v.ClusterID)
	if err != nil {
		return v, c, err
	}
	path, err := tx.UnitPath(ctx, unitID)
	if err != nil {
		return v, c, err
	}
	if err := auth.Authorize(p, auth.CastBallot, auth.Target{UnitPath: path, Year: c.Year, Cluster: facts(c)}); err != nil {
		return v, c, err
	}
	ballots, err := tx.Ballots(ctx, voteID)
	if err != nil {
		return v, c, err
	}
	cands, err := tx.VoteCandidates(ctx, voteID)
	if err != nil {
		return v, c, err
	}
	var by *int64
	if p.UserID != 0 {
		by = &p.UserID
	}
	bs, err := vote.Cast(v, cands, ballots, unitID, choices, by)
	if err != nil {
		return v, c, err
	}
	if err := tx.AddBallots(ctx, bs); err != nil {
		return v, c, err
	}
	return v, c, tx.Audit(ctx, p.UserID, "ballot", "vote", voteID, "", nil, bs)
}

// lockedVote locks a vote for the rest of tx and reads it with its
// cluster, once p may run it.
func (a *App) lockedVote(ctx context.Context, tx *store.Q, p auth.Principal, id int64) (vote.Vote, ClusterView, error) {
	if err := tx.LockVote(ctx, id); err != nil {
		return vote.Vote{}, ClusterView{}, err
	}
	v, err := tx.Vote(ctx, id)
	if err != nil {
		return v, ClusterView{}, err
	}
	c, err := tx.Cluster(ctx, v.ClusterID)
	if err != nil {
		return v, ClusterView{}, err
	}
	if err := auth.Authorize(p, auth.RunVote, auth.Target{Year: c.Year, Cluster: facts(c)}); err != nil {
		return v, ClusterView{}, err
	}
	cv, err := clusterView(ctx, tx, c)
	return v, cv, err
}

// CloseVote ends the vote; version guards against a close over a stale page.
func (a *App) CloseVote(ctx context.Context, p auth.Principal, id int64, version int) (VoteView, error) {
	var out VoteView
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		before, cv, err := a.lockedVote(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if err := vote.CheckClose(before); err != nil {
			return err
		}
		after, err := tx.CloseVote(ctx, id, version, a.Now().UTC())
		if err != nil {
			return err
		}
		if out, err = a.voteView(ctx, tx, p, after, cv); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "close", "vote", id, "", before, map[string]any{"vote": after, "tally": out.Tally, "rule_set": out.RuleSetID})
	})
	return out, err
}

// ProposeFromVote turns a candidate that reached the threshold in a closed
// vote into a draft proposal for the sector's Cờ thi đua: proposer and
// subject the candidate unit, the vote's electorate and votes for copied.
func (a *App) ProposeFromVote(ctx context.Context, p auth.Principal, voteID, unitID int64) (proposal.Proposal, error) {
	var out proposal.Proposal
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		v, cv, err := a.lockedVote(ctx, tx, p, voteID)
		if err != nil {
			return err
		}
		if v.Status != vote.Closed {
			return vote.CheckPropose(v, vote.Tally{}, "")
		}
		view, err := a.voteView(ctx, tx, p, v, cv)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(view.Tally, func(t VoteTally) bool { return t.UnitID == unitID })
		if i < 0 {
			return errs.New(errs.NotFound, "Đơn vị không có trong danh sách bình xét.")
		}
		t := view.Tally[i]
		if err := vote.CheckPropose(v, t, award.CoThiDuaNganh.Label()); err != nil {
			return err
		}
		electorate, votesFor := t.Electorate, t.For
		in := ProposalInput{Year: v.Year, ProposerUnitID: unitID, Title: v.Title, VoteElectorate: &electorate, VoteFor: &votesFor,
			Summary: fmt.Sprintf("Được %s suy tôn: %d/%d đơn vị thành viên đồng ý (%s%%).", cv.Title, votesFor, electorate, vote.TrimPercent(t.Share))}
		pr, err := a.applyProposal(ctx, tx, proposal.Proposal{ProposerUnitID: unitID}, in)
		if err != nil {
			return err
		}
		if out, err = tx.CreateProposal(ctx, pr); err != nil {
			return err
		}
		reason := fmt.Sprintf("Lập từ kết quả bình xét số %d của %s", v.ID, cv.Title)
		if err := tx.Audit(ctx, p.UserID, "create", "proposal", out.ID, reason, nil, out); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "propose", "vote", v.ID, "", nil, map[string]any{"unit_id": unitID, "proposal_id": out.ID})
	})
	return out, err
}
