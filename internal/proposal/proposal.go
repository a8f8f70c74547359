// Package proposal is a unit's proposal of an award title (đề nghị khen
// thưởng) through its life: drafted and judged by the unit, sent for
// publication and the board, then approved under a decision or rejected.
// Its states, the moves between them and the quota counting over a year's
// list are pure rules here; the store keeps the rows, app runs the moves.
package proposal

import (
	"encoding/json"
	"time"
	"unicode"
	"unicode/utf8"

	"thidua/internal/errs"
)

// The states of a proposal. A draft is the unit's own; a submitted
// proposal is published for comment and awaits the board, whose decision
// approves or rejects it. Approved and rejected are final.
const (
	Draft     = "draft"
	Submitted = "submitted"
	Approved  = "approved"
	Rejected  = "rejected"
	// Forwarded: the sector sent it above itself (Thủ tướng, Chính phủ,
	// Chủ tịch nước), whose award is recorded when it comes back.
	Forwarded = "forwarded"
)

// Statuses lists the states in the order of the life cycle.
var Statuses = []string{Draft, Submitted, Approved, Rejected, Forwarded}

// StatusLabel is a state in Vietnamese.
func StatusLabel(s string) string {
	switch s {
	case Draft:
		return "Dự thảo"
	case Submitted:
		return "Đã gửi, đang công khai lấy ý kiến"
	case Approved:
		return "Đã khen thưởng"
	case Rejected:
		return "Không được chấp thuận"
	case Forwarded:
		return "Đã trình cấp trên ngoài ngành"
	}
	return s
}

// Proposal is a unit's proposal of a title for one of its people
// (PersonID) or for itself (UnitID), with the verdict of the rules stored
// as judged at its last save. The names are read with it, for display.
type Proposal struct {
	ID             int64           `json:"id"`
	Year           int             `json:"year"`
	ProposerUnitID int64           `json:"proposer_unit_id"`
	ProposerName   string          `json:"proposer_unit_name"`
	PersonID       *int64          `json:"person_id"`
	PersonName     string          `json:"person_name"`
	UnitID         *int64          `json:"unit_id"`
	SubjectName    string          `json:"subject_name"` // the person's or the unit's name
	Title          string          `json:"title"`
	VoteElectorate *int            `json:"vote_electorate"`
	VoteFor        *int            `json:"vote_for"`
	Summary        string          `json:"summary"`
	ConsideredOn   *time.Time      `json:"considered_on"` // ngày xét; nil: the day of saving
	Status         string          `json:"status"`
	VerdictOutcome string          `json:"verdict_outcome"`
	VerdictReasons json.RawMessage `json:"verdict_reasons"`
	VerdictRuleSet string          `json:"verdict_rule_set"`
	OverrideReason string          `json:"override_reason"`
	RejectReason   string          `json:"reject_reason"`
	// AddressedUnitID is the level holding a sent proposal: the one that
	// sees it, and returns, decides or forwards it (nil for a draft).
	AddressedUnitID *int64    `json:"addressed_unit_id"`
	AddressedName   string    `json:"addressed_unit_name"`
	DecisionID      *int64    `json:"decision_id"`
	DecisionNo      string    `json:"decision_no"`
	Version         int       `json:"version"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// Comment is one comment made while a proposal is published.
type Comment struct {
	ID           int64     `json:"id"`
	ProposalID   int64     `json:"proposal_id"`
	AuthorUserID int64     `json:"author_user_id"`
	AuthorName   string    `json:"author_name"`
	Body         string    `json:"body"`
	At           time.Time `json:"at"`
}

// Public reports whether every signed-in user may read a proposal in
// state s: once sent it is published for comment, and an approved one
// stays public; drafts and refusals stay with the unit and the board.
func Public(s string) bool { return s == Submitted || s == Approved || s == Forwarded }

// Live reports whether a proposal in state s still counts: against the
// quotas, and as the one proposal of its subject and title.
func Live(s string) bool { return s != Rejected }

// Judged reports whether a proposal in state s is still to be decided, so
// that today's verdict may differ from the stored one; a decided
// proposal keeps the verdict it was decided on.
func Judged(s string) bool { return s == Draft || s == Submitted }

// CheckEdit refuses changing (or sending) a proposal that left the draft.
func CheckEdit(s string) error {
	if s != Draft {
		return errs.New(errs.Invalid, "Đề nghị đã gửi (%s) không sửa được nữa.", lowerFirst(StatusLabel(s)))
	}
	return nil
}

// CheckComment refuses a comment on a proposal not published.
func CheckComment(s string) error {
	if s != Submitted {
		return errs.New(errs.Invalid, "Chỉ góp ý được khi đề nghị đang công khai lấy ý kiến.")
	}
	return nil
}

// CheckReject refuses the board's refusal of a proposal not awaiting it;
// reason is required.
func CheckReject(s, reason string) error {
	if s != Submitted {
		return errs.New(errs.Invalid, "Chỉ xét được đề nghị đã gửi.")
	}
	if reason == "" {
		return (errs.Fields{"reject_reason": "Vui lòng ghi lý do không chấp thuận."}).Err()
	}
	return nil
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
