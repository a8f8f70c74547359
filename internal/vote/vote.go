// Package vote is the cluster's vote (bình xét, suy tôn) for the sector's
// Cờ thi đua: opened by the cluster's head on its leading units, one
// ballot per member unit approving or not each candidate, closed, and
// tallied over the electorate. Its states and rules are pure functions
// here; the store keeps the rows, app runs the moves.
package vote

import (
	"fmt"
	"slices"
	"time"

	"thidua/internal/errs"
)

// The states of a vote.
const (
	Open   = "open"
	Closed = "closed"
)

// StatusLabel is a vote's state in Vietnamese.
func StatusLabel(s string) string {
	switch s {
	case Open:
		return "Đang bỏ phiếu"
	case Closed:
		return "Đã kết thúc"
	}
	return s
}

// MaxCandidates is how many leading units one vote may put forward, and
// the lowest rank in the cluster's ranking a candidate may hold.
const MaxCandidates = 3

// Vote is a cluster's vote for a title in a year.
type Vote struct {
	ID        int64      `json:"id"`
	ClusterID int64      `json:"cluster_id"`
	Year      int        `json:"year"`
	Title     string     `json:"title"`
	Status    string     `json:"status"` // open, closed
	OpenedBy  *int64     `json:"opened_by"`
	OpenedAt  time.Time  `json:"opened_at"`
	ClosedAt  *time.Time `json:"closed_at"`
	Version   int        `json:"version"`
}

// Candidate is a unit put to the vote, with its rank when the vote opened.
type Candidate struct {
	VoteID     int64 `json:"vote_id"`
	UnitID     int64 `json:"unit_id"`
	RankAtOpen int   `json:"rank_at_open"`
}

// Ballot is one member unit's approval (or not) of one candidate.
type Ballot struct {
	VoteID          int64     `json:"vote_id"`
	VoterUnitID     int64     `json:"voter_unit_id"`
	CandidateUnitID int64     `json:"candidate_unit_id"`
	Approve         bool      `json:"approve"`
	CastBy          *int64    `json:"cast_by"`
	CastAt          time.Time `json:"cast_at"`
}

// Leader is a member unit of the cluster's ranking that a vote may put
// forward: ranked 1 to MaxCandidates on reviewed filings.
type Leader struct {
	UnitID int64
	Name   string
	Rank   int
}

// Pick checks the candidates asked for a new vote among the cluster's
// members and leaders; none asked: the unit(s) ranked first (a tie puts
// them all forward, up to MaxCandidates). name names a unit in messages.
func Pick(members []int64, leaders []Leader, asked []int64, name func(int64) string) ([]Candidate, errs.Fields) {
	rank := map[int64]int{}
	for _, l := range leaders {
		rank[l.UnitID] = l.Rank
	}
	if len(asked) == 0 {
		for _, l := range leaders {
			if l.Rank == 1 && len(asked) < MaxCandidates {
				asked = append(asked, l.UnitID)
			}
		}
	}
	f := errs.Fields{}
	var out []Candidate
	seen := map[int64]bool{}
	for _, id := range asked {
		if seen[id] {
			continue
		}
		seen[id] = true
		switch {
		case !slices.Contains(members, id):
			f.Add("candidates", "Đơn vị được bình xét phải là thành viên của cụm, khối năm này.")
		case rank[id] == 0:
			f.Add("candidates", fmt.Sprintf("%s không thuộc nhóm dẫn đầu (hạng 1 đến %d, theo điểm thẩm định) của bảng xếp hạng cụm.", name(id), MaxCandidates))
		}
		out = append(out, Candidate{UnitID: id, RankAtOpen: rank[id]})
	}
	if len(out) == 0 {
		f.Add("candidates", "Vui lòng chọn đơn vị được bình xét.")
	}
	if len(out) > MaxCandidates {
		f.Add("candidates", fmt.Sprintf("Mỗi cuộc bình xét có không quá %d đơn vị.", MaxCandidates))
	}
	return out, f
}

// ict is the time zone ballots are dated in for users.
var ict = time.FixedZone("ICT", 7*3600)

// Cast checks one member unit's ballot on an open vote and returns its
// rows: a choice for every candidate and for no one else, and one ballot
// per unit (cast lists the ballots already cast).
func Cast(v Vote, cands []Candidate, cast []Ballot, unitID int64, choices map[int64]bool, by *int64) ([]Ballot, error) {
	if v.Status != Open {
		return nil, errs.New(errs.Invalid, "Cuộc bình xét đã kết thúc, không nhận thêm phiếu.")
	}
	for _, b := range cast {
		if b.VoterUnitID == unitID {
			return nil, errs.New(errs.Invalid, "Đơn vị đã bỏ phiếu lúc %s; mỗi đơn vị chỉ bỏ phiếu một lần.",
				b.CastAt.In(ict).Format("15:04 02/01/2006"))
		}
	}
	f := errs.Fields{}
	var out []Ballot
	known := map[int64]bool{}
	for _, c := range cands {
		known[c.UnitID] = true
		ok, given := choices[c.UnitID]
		if !given {
			f.Add(fmt.Sprintf("approve_%d", c.UnitID), "Vui lòng chọn đồng ý hoặc không đồng ý.")
			continue
		}
		out = append(out, Ballot{VoteID: v.ID, VoterUnitID: unitID, CandidateUnitID: c.UnitID, Approve: ok, CastBy: by})
	}
	for id := range choices {
		if !known[id] {
			f.Add("ballot", "Phiếu có đơn vị không thuộc danh sách bình xét.")
		}
	}
	return out, f.Err()
}

// CheckClose refuses closing a vote already closed.
func CheckClose(v Vote) error {
	if v.Status != Open {
		return errs.New(errs.Invalid, "Cuộc bình xét đã kết thúc.")
	}
	return nil
}

// Passes reports whether votesFor of electorate reach threshold %,
// compared in integers so that no rounding lets 79.99 % pass for 80 %.
func Passes(votesFor, electorate, threshold int) bool {
	return electorate > 0 && votesFor*100 >= threshold*electorate
}

// Tally is one candidate's count: the share is over the electorate
// (every member unit), not over the ballots cast.
type Tally struct {
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

// Count tallies the ballots of the cluster's members (a ballot of a unit
// no longer a member does not count) for each candidate, in the
// candidates' order, against threshold % of the members.
func Count(cands []Candidate, ballots []Ballot, members []int64, threshold int) []Tally {
	out := []Tally{}
	electorate := len(members)
	for _, c := range cands {
		t := Tally{UnitID: c.UnitID, RankAtOpen: c.RankAtOpen, Electorate: electorate, Threshold: threshold}
		for _, b := range ballots {
			if b.CandidateUnitID != c.UnitID || !slices.Contains(members, b.VoterUnitID) {
				continue
			}
			if b.Approve {
				t.For++
			} else {
				t.Against++
			}
		}
		t.Share, t.Passes = Result(t.For, electorate, threshold)
		out = append(out, t)
	}
	return out
}

// CheckPropose refuses a proposal from a candidate of the vote that did
// not pass, or that already has one; the vote must be closed.
func CheckPropose(v Vote, t Tally, title string) error {
	if v.Status != Closed {
		return errs.New(errs.Invalid, "Chỉ lập đề nghị khi cuộc bình xét đã kết thúc.")
	}
	if !t.Passes {
		return errs.New(errs.Invalid, "%s đạt %d/%d phiếu đồng ý (%s%%), chưa đạt tỷ lệ %d%% tổng số thành viên.",
			t.UnitName, t.For, t.Electorate, TrimPercent(t.Share), t.Threshold)
	}
	if t.ProposalID != nil {
		return errs.New(errs.Invalid, "Đã có đề nghị %s cho %s năm %d.", title, t.UnitName, v.Year)
	}
	return nil
}

// TrimPercent writes a share with one decimal, without a trailing ".0".
func TrimPercent(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s
}
