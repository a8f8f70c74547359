package vote

import (
	"fmt"
	"slices"
	"time"

	"thidua/internal/errs"
	"thidua/internal/scoring"
)

// The council's secret ballot (bỏ phiếu kín của Hội đồng Thi đua – Khen
// thưởng): a session of a council puts to the vote the proposals whose
// title needs the council's approval (award.RuleSet.CouncilBallot); each
// member votes once, for or against each candidate; only that the member
// has voted and the counts are kept, never who voted how. A candidate
// passes with at least the title's share of ALL the council's members —
// "tỷ lệ phiếu đồng ý từ 90% trở lên tính trên tổng số thành viên của Hội
// đồng (nếu thành viên Hội đồng vắng mặt thì lấy ý kiến bằng văn bản)"
// (Điều 45 khoản 8 NĐ 91/2017/NĐ-CP, as the Ban Thi đua – Khen thưởng
// Trung ương answered on 18/06/2017; the sector's 90 % for Chiến sĩ thi
// đua ngành: Điều 16 TT 01/2019/TT-VKSTC, kept in award's rule sets), so
// a member who does not vote counts as not approving.

// Council is a council of a unit (the deciding level) for a year.
type Council struct {
	ID       int64  `json:"id"`
	UnitID   int64  `json:"unit_id"`
	UnitName string `json:"unit_name"`
	Year     int    `json:"year"`
	Name     string `json:"name"`
}

// Member is one member of a council; UserID is the account they vote
// with (nil: a member without an account, who can only be counted).
type Member struct {
	ID       int64  `json:"id"`
	UserID   *int64 `json:"user_id"`
	FullName string `json:"full_name"`
	Position string `json:"position"`
	Seat     string `json:"seat"` // chair, vice_chair, standing, member, secretary (council_members.role)
}

// The seats on a council that sign its minutes.
const (
	SeatChair     = "chair"
	SeatSecretary = "secretary"
)

// Holder is the first member in seat; a Member without a name if none.
func Holder(members []Member, seat string) Member {
	for _, m := range members {
		if m.Seat == seat {
			return m
		}
	}
	return Member{}
}

// SeatLabel is a member's seat on the council in Vietnamese.
func SeatLabel(r string) string {
	switch r {
	case SeatChair:
		return "Chủ tịch Hội đồng"
	case "vice_chair":
		return "Phó Chủ tịch Hội đồng"
	case "standing":
		return "Ủy viên Thường trực"
	case "member":
		return "Ủy viên"
	case SeatSecretary:
		return "Thư ký"
	}
	return r
}

// MemberOf returns the member voting with the account userID, if any.
func MemberOf(members []Member, userID int64) (Member, bool) {
	for _, m := range members {
		if m.UserID != nil && *m.UserID == userID && userID != 0 {
			return m, true
		}
	}
	return Member{}, false
}

// Session is one sitting of a council that votes on candidates.
type Session struct {
	ID        int64      `json:"id"`
	CouncilID int64      `json:"council_id"`
	HeldOn    time.Time  `json:"held_on"`
	Status    string     `json:"status"` // Open, Closed
	Members   int        `json:"members"`
	Quorum    int        `json:"quorum"`
	RuleSet   string     `json:"rule_set"`
	OpenedBy  *int64     `json:"opened_by"`
	OpenedAt  time.Time  `json:"opened_at"`
	ClosedBy  *int64     `json:"closed_by"`
	ClosedAt  *time.Time `json:"closed_at"`
	Version   int        `json:"version"`
}

// Nominee is a proposal put to a session, with its anonymous counts.
type Nominee struct {
	ProposalID   int64  `json:"proposal_id"`
	Title        string `json:"title"`
	SubjectName  string `json:"subject_name"`
	ProposerName string `json:"proposer_unit_name"`
	Threshold    int    `json:"threshold"` // % of all members
	For          int    `json:"votes_for"`
	Against      int    `json:"votes_against"`
}

// Quorum is how many members must have voted before a session may close:
// two thirds of all members, rounded up. [Unconfirmed: no text read sets
// the council's quorum; two thirds is what councils' own regulations
// (quy chế hoạt động) commonly require. The share a candidate needs is
// over all members whatever the quorum.]
func Quorum(members int) int { return (2*members + 2) / 3 }

// Result is a share of votesFor over electorate, rounded once to one
// decimal, and whether it reaches threshold % (compared in integers).
// The cluster's tally (Count) and the council's (Outcome) both use it.
func Result(votesFor, electorate, threshold int) (share float64, passes bool) {
	return scoring.Percent(votesFor, electorate), Passes(votesFor, electorate, threshold)
}

// Outcome is a nominee's result over all members of the session.
type Outcome struct {
	Nominee
	Electorate int     `json:"electorate"`
	NotVoted   int     `json:"not_voted"` // members who cast no ballot
	Share      float64 `json:"share"`
	Passes     bool    `json:"passes"`
}

// Outcomes are the nominees' results; voted is how many members voted.
func Outcomes(s Session, ns []Nominee, voted int) []Outcome {
	out := make([]Outcome, 0, len(ns))
	for _, n := range ns {
		o := Outcome{Nominee: n, Electorate: s.Members, NotVoted: s.Members - voted}
		o.Share, o.Passes = Result(n.For, s.Members, n.Threshold)
		out = append(out, o)
	}
	return out
}

// CheckOpenSession refuses a session with no one to vote on or no member
// who can vote.
func CheckOpenSession(members []Member, nominees []Nominee) error {
	if len(members) == 0 {
		return errs.New(errs.Invalid, "Hội đồng chưa có thành viên.")
	}
	if !slices.ContainsFunc(members, func(m Member) bool { return m.UserID != nil }) {
		return errs.New(errs.Invalid, "Chưa thành viên nào của Hội đồng có tài khoản để bỏ phiếu.")
	}
	if len(nominees) == 0 {
		return errs.New(errs.Invalid, "Không có đề nghị nào cần Hội đồng bỏ phiếu (đề nghị đã gửi, năm này, danh hiệu cần bỏ phiếu kín).")
	}
	return nil
}

// CheckBallot checks a member's ballot on a session: open, not voted yet,
// a choice for every nominee and for no one else.
func CheckBallot(s Session, ns []Nominee, hasVoted bool, choices map[int64]bool) error {
	if s.Status != Open {
		return errs.New(errs.Invalid, "Phiên họp đã kết thúc, không nhận thêm phiếu.")
	}
	if hasVoted {
		return errs.New(errs.Invalid, "Anh/chị đã bỏ phiếu trong phiên họp này; mỗi thành viên chỉ bỏ phiếu một lần.")
	}
	f := errs.Fields{}
	known := map[int64]bool{}
	for _, n := range ns {
		known[n.ProposalID] = true
		if _, ok := choices[n.ProposalID]; !ok {
			f.Add(fmt.Sprintf("approve_%d", n.ProposalID), "Vui lòng chọn đồng ý hoặc không đồng ý.")
		}
	}
	for id := range choices {
		if !known[id] {
			f.Add("ballot", "Phiếu có người được đề nghị không thuộc danh sách bỏ phiếu.")
		}
	}
	return f.Err()
}

// CheckCloseSession refuses closing a closed session, or one short of its
// quorum.
func CheckCloseSession(s Session, voted int) error {
	if s.Status != Open {
		return errs.New(errs.Invalid, "Phiên họp đã kết thúc.")
	}
	if voted < s.Quorum {
		return errs.New(errs.Invalid, "Chưa đủ số thành viên bỏ phiếu: %d/%d thành viên đã bỏ phiếu, cần ít nhất %d (hai phần ba tổng số thành viên Hội đồng).",
			voted, s.Members, s.Quorum)
	}
	return nil
}
