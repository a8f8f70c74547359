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
	"thidua/internal/scoring"
	"thidua/internal/store"
)

// Vote statuses.
const (
	VoteOpen   = "open"
	VoteClosed = "closed"
)

// MaxVoteCandidates is how many leading units one vote may put forward,
// and the lowest rank in the cluster's ranking a candidate may hold.
const MaxVoteCandidates = 3

// VoteStatusLabel is a vote's status in Vietnamese.
func VoteStatusLabel(s string) string {
	switch s {
	case VoteOpen:
		return "Đang bỏ phiếu"
	case VoteClosed:
		return "Đã kết thúc"
	}
	return s
}

// VotePasses reports whether votesFor of electorate reach threshold %,
// compared in integers so that no rounding lets 79.99 % pass for 80 %.
func VotePasses(votesFor, electorate, threshold int) bool {
	return electorate > 0 && votesFor*100 >= threshold*electorate
}

// VoteTally is one candidate's count: the share is over the electorate
// (every member unit), not over the ballots cast.
type VoteTally struct {
	UnitID     int64   `json:"unit_id"`
	UnitName   string  `json:"unit_name"`
	RankAtOpen int     `json:"rank_at_open"`
	Electorate int     `json:"electorate"`
	For        int     `json:"votes_for"`
	Against    int     `json:"votes_against"`
	Share      float64 `json:"share"` // percent, rounded once to one decimal
	Threshold  int     `json:"threshold"`
	Passes     bool    `json:"passes"`
	ProposalID *int64  `json:"proposal_id,omitempty"` // the Cờ thi đua proposal made from the vote, if any
}

// VoteView is a vote with its cluster, candidates' tally and who has voted.
type VoteView struct {
	store.Vote
	Cluster   ClusterView    `json:"cluster"`
	Tally     []VoteTally    `json:"tally"`
	Voted     []int64        `json:"voted_unit_ids"` // member units that have cast their ballot
	MyBallot  map[int64]bool `json:"my_ballot"`      // the signed-in officer's unit's choices, by candidate
	RuleSetID string         `json:"rule_set_id"`
	Threshold int            `json:"threshold"`
}

// HasVoted reports whether the member unit has cast its ballot.
func (v VoteView) HasVoted(unitID int64) bool { return slices.Contains(v.Voted, unitID) }

// VoteList is a cluster's votes.
type VoteList struct {
	Cluster ClusterView  `json:"cluster"`
	Votes   []store.Vote `json:"votes"`
}

// authorizeVoteRun: the head of the cluster that year or the board over it
// runs the vote (the rule of the pledge's editing).
func authorizeVoteRun(p auth.Principal, t auth.Target) error {
	if p.Anonymous() || auth.Can(p, auth.EditPledge, t) {
		return auth.Authorize(p, auth.EditPledge, t)
	}
	return errs.New(errs.Forbidden, "Chỉ đơn vị Cụm trưởng của năm này hoặc Hội đồng thi đua – khen thưởng được tổ chức bình xét.")
}

// CanRunVote reports whether p runs the cluster's votes.
func CanRunVote(p auth.Principal, cv ClusterView) bool {
	return auth.Can(p, auth.EditPledge, cv.Target())
}

// ClusterVotes lists a cluster's votes.
func (a *App) ClusterVotes(ctx context.Context, p auth.Principal, clusterID int64) (VoteList, error) {
	cv, err := a.Cluster(ctx, p, clusterID)
	if err != nil {
		return VoteList{}, err
	}
	vs, err := a.store.ClusterVotes(ctx, clusterID)
	return VoteList{Cluster: cv, Votes: vs}, err
}

// VoteLeaders are the units of the cluster's ranking a vote may put
// forward (ranked 1 to MaxVoteCandidates: reviewed filings only), best
// first, and what still keeps the vote from opening (FlagVoteBlockers
// over the leaders): none when it may open.
func (a *App) VoteLeaders(ctx context.Context, p auth.Principal, cv ClusterView) ([]Standing, []string, error) {
	leaders, members, err := a.voteStanding(ctx, p, cv)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]int64, 0, len(leaders))
	for _, s := range leaders {
		ids = append(ids, s.UnitID)
	}
	return leaders, cluster.FlagVoteBlockers(members, ids), nil
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
// given candidates; with none given, the unit(s) ranked first. It opens
// only when every member's filing is reviewed and every candidate has
// registered for the year (cluster.FlagVoteBlockers).
func (a *App) OpenVote(ctx context.Context, p auth.Principal, clusterID int64, candidates []int64) (store.Vote, error) {
	cv, err := a.Cluster(ctx, p, clusterID)
	if err != nil {
		return store.Vote{}, err
	}
	if err := authorizeVoteRun(p, cv.Target()); err != nil {
		return store.Vote{}, err
	}
	leaders, members, err := a.voteStanding(ctx, p, cv)
	if err != nil {
		return store.Vote{}, err
	}
	rank := map[int64]int{}
	for _, s := range leaders {
		rank[s.UnitID] = s.Rank
	}
	if len(candidates) == 0 {
		for _, s := range leaders {
			if s.Rank == 1 && len(candidates) < MaxVoteCandidates {
				candidates = append(candidates, s.UnitID)
			}
		}
	}
	f := errs.Fields{}
	if b := cluster.FlagVoteBlockers(members, candidates); len(b) > 0 {
		f.Add("candidates", strings.Join(b, " "))
	}
	var cands []store.VoteCandidate
	seen := map[int64]bool{}
	for _, id := range candidates {
		if seen[id] {
			continue
		}
		seen[id] = true
		switch {
		case !slices.Contains(cv.Members, id):
			f.Add("candidates", "Đơn vị được bình xét phải là thành viên của cụm, khối năm này.")
		case rank[id] == 0:
			f.Add("candidates", fmt.Sprintf("%s không thuộc nhóm dẫn đầu (hạng 1 đến %d, theo điểm thẩm định) của bảng xếp hạng cụm.", cv.Units[id].Name, MaxVoteCandidates))
		}
		cands = append(cands, store.VoteCandidate{UnitID: id, RankAtOpen: rank[id]})
	}
	if len(cands) == 0 {
		f.Add("candidates", "Vui lòng chọn đơn vị được bình xét.")
	}
	if len(cands) > MaxVoteCandidates {
		f.Add("candidates", fmt.Sprintf("Mỗi cuộc bình xét có không quá %d đơn vị.", MaxVoteCandidates))
	}
	if err := f.Err(); err != nil {
		return store.Vote{}, err
	}
	var out store.Vote
	err = a.store.Tx(ctx, func(tx *store.Q) error {
		v := store.Vote{ClusterID: cv.ID, Year: cv.Year, Title: string(award.CoThiDuaNganh), Status: VoteOpen}
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

func (a *App) voteView(ctx context.Context, tx *store.Q, p auth.Principal, v store.Vote, cv ClusterView) (VoteView, error) {
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
	names, err := tx.UnitsByID(ctx, func() []int64 {
		ids := []int64{}
		for _, c := range cands {
			ids = append(ids, c.UnitID)
		}
		return ids
	}())
	if err != nil {
		return view, err
	}
	electorate := len(cv.Members)
	proposals, err := tx.ListProposals(ctx, store.ProposalFilter{Year: v.Year})
	if err != nil {
		return view, err
	}
	for _, c := range cands {
		t := VoteTally{UnitID: c.UnitID, UnitName: names[c.UnitID].Name, RankAtOpen: c.RankAtOpen, Electorate: electorate, Threshold: rs.CoNganhClusterPercent}
		for _, b := range ballots {
			if b.CandidateUnitID != c.UnitID || !slices.Contains(cv.Members, b.VoterUnitID) {
				continue
			}
			if b.Approve {
				t.For++
			} else {
				t.Against++
			}
		}
		t.Share = scoring.Percent(t.For, electorate)
		t.Passes = VotePasses(t.For, electorate, rs.CoNganhClusterPercent)
		for _, pr := range proposals {
			if pr.Title == v.Title && pr.UnitID != nil && *pr.UnitID == c.UnitID && pr.Status != ProposalRejected {
				id := pr.ID
				t.ProposalID = &id
			}
		}
		view.Tally = append(view.Tally, t)
	}
	for _, b := range ballots {
		if !slices.Contains(view.Voted, b.VoterUnitID) {
			view.Voted = append(view.Voted, b.VoterUnitID)
		}
		if p.Role == auth.RoleOfficer && p.UnitID != 0 && b.VoterUnitID == p.UnitID {
			view.MyBallot[b.CandidateUnitID] = b.Approve
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
		if err := tx.LockVote(ctx, voteID); err != nil {
			return err
		}
		v, err := tx.Vote(ctx, voteID)
		if err != nil {
			return err
		}
		c, err := tx.Cluster(ctx, v.ClusterID)
		if err != nil {
			return err
		}
		path, err := tx.UnitPath(ctx, unitID)
		if err != nil {
			return err
		}
		t := auth.Target{UnitPath: path, Year: c.Year, Cluster: facts(c)}
		if !auth.Can(p, auth.SignPledge, t) {
			if p.Anonymous() {
				return auth.Authorize(p, auth.SignPledge, t)
			}
			return errs.New(errs.Forbidden, "Chỉ cán bộ của đơn vị thành viên được bỏ phiếu, và chỉ cho chính đơn vị mình.")
		}
		if v.Status != VoteOpen {
			return errs.New(errs.Invalid, "Cuộc bình xét đã kết thúc, không nhận thêm phiếu.")
		}
		ballots, err := tx.Ballots(ctx, voteID)
		if err != nil {
			return err
		}
		for _, b := range ballots {
			if b.VoterUnitID == unitID {
				return errs.New(errs.Invalid, "Đơn vị đã bỏ phiếu lúc %s; mỗi đơn vị chỉ bỏ phiếu một lần.",
					b.CastAt.In(time.FixedZone("ICT", 7*3600)).Format("15:04 02/01/2006"))
			}
		}
		cands, err := tx.VoteCandidates(ctx, voteID)
		if err != nil {
			return err
		}
		f := errs.Fields{}
		var bs []store.Ballot
		var by *int64
		if p.UserID != 0 {
			by = &p.UserID
		}
		known := map[int64]bool{}
		for _, cd := range cands {
			known[cd.UnitID] = true
			ok, given := choices[cd.UnitID]
			if !given {
				f.Add(fmt.Sprintf("approve_%d", cd.UnitID), "Vui lòng chọn đồng ý hoặc không đồng ý.")
				continue
			}
			bs = append(bs, store.Ballot{VoteID: voteID, VoterUnitID: unitID, CandidateUnitID: cd.UnitID, Approve: ok, CastBy: by})
		}
		for id := range choices {
			if !known[id] {
				f.Add("ballot", "Phiếu có đơn vị không thuộc danh sách bình xét.")
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		if err := tx.AddBallots(ctx, bs); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "ballot", "vote", voteID, "", nil, bs)
	})
}

// CloseVote ends the vote; version guards against a close over a stale page.
func (a *App) CloseVote(ctx context.Context, p auth.Principal, id int64, version int) (VoteView, error) {
	var out VoteView
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		if err := tx.LockVote(ctx, id); err != nil {
			return err
		}
		before, err := tx.Vote(ctx, id)
		if err != nil {
			return err
		}
		c, err := tx.Cluster(ctx, before.ClusterID)
		if err != nil {
			return err
		}
		if err := authorizeVoteRun(p, auth.Target{Year: c.Year, Cluster: facts(c)}); err != nil {
			return err
		}
		if before.Status != VoteOpen {
			return errs.New(errs.Invalid, "Cuộc bình xét đã kết thúc.")
		}
		after, err := tx.CloseVote(ctx, id, version, a.Now().UTC())
		if err != nil {
			return err
		}
		cv, err := a.Cluster(ctx, p, c.ID)
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
func (a *App) ProposeFromVote(ctx context.Context, p auth.Principal, voteID, unitID int64) (store.Proposal, error) {
	var out store.Proposal
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		if err := tx.LockVote(ctx, voteID); err != nil {
			return err
		}
		v, err := tx.Vote(ctx, voteID)
		if err != nil {
			return err
		}
		c, err := tx.Cluster(ctx, v.ClusterID)
		if err != nil {
			return err
		}
		if err := authorizeVoteRun(p, auth.Target{Year: c.Year, Cluster: facts(c)}); err != nil {
			return err
		}
		if v.Status != VoteClosed {
			return errs.New(errs.Invalid, "Chỉ lập đề nghị khi cuộc bình xét đã kết thúc.")
		}
		cv, err := a.Cluster(ctx, p, c.ID)
		if err != nil {
			return err
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
		if !t.Passes {
			return errs.New(errs.Invalid, "%s đạt %d/%d phiếu đồng ý (%s%%), chưa đạt tỷ lệ %d%% tổng số thành viên.",
				t.UnitName, t.For, t.Electorate, trimPercent(t.Share), t.Threshold)
		}
		if t.ProposalID != nil {
			return errs.New(errs.Invalid, "Đã có đề nghị %s cho %s năm %d.", award.CoThiDuaNganh.Label(), t.UnitName, v.Year)
		}
		electorate, votesFor := t.Electorate, t.For
		in := ProposalInput{Year: v.Year, ProposerUnitID: unitID, Title: v.Title, VoteElectorate: &electorate, VoteFor: &votesFor,
			Summary: fmt.Sprintf("Được %s suy tôn: %d/%d đơn vị thành viên đồng ý (%s%%).", cv.Title, votesFor, electorate, trimPercent(t.Share))}
		pr, err := a.applyProposal(ctx, tx, store.Proposal{ProposerUnitID: unitID}, in)
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

func trimPercent(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s
}
