// Package decision is the board's award decision (quyết định khen thưởng,
// số …/QĐ-VKSTC) and the awards it records: what a decision must state,
// which proposals it may approve, what an award recorded by hand must
// state, and its revocation (hủy bỏ), which keeps the award with its
// reason so the rules count it for nothing. Pure rules; the store keeps
// the rows, app runs them in one transaction.
package decision

import (
	"fmt"
	"strings"
	"time"

	"thidua/internal/award"
	"thidua/internal/errs"
	"thidua/internal/proposal"
)

// Decision is a decision on awards.
type Decision struct {
	ID        int64     `json:"id"`
	Year      int       `json:"year"`
	Number    string    `json:"number"`
	DecidedOn time.Time `json:"decided_on"`
	Signer    string    `json:"signer"`
	Note      string    `json:"note"`
	// The level that decided (its procuracy), the decision's place in the
	// level's series of the year, and how it was signed (from the level's
	// council: its chair as head, a vice-chair KT.).
	UnitID      int64  `json:"unit_id"`
	Serial      *int   `json:"serial"`
	SignerTitle string `json:"signer_title"`
	SignMode    string `json:"sign_mode"`
}

// Award is one award decided for a person or a unit, revoked or not.
type Award struct {
	ID           int64      `json:"id"`
	PersonID     *int64     `json:"person_id"`
	UnitID       *int64     `json:"unit_id"`
	Year         int        `json:"year"`
	Title        string     `json:"title"`
	Kind         string     `json:"kind"`
	DecisionNo   string     `json:"decision_no"`
	DecisionDate *time.Time `json:"decision_date"`
	Signer       string     `json:"signer"`
	Revoked      bool       `json:"revoked"`
	RevokeReason string     `json:"revoke_reason"`
}

// Carryover is the board's decision on one lineage link: whether the
// predecessor's awards count for the successor's consecutive-year
// prerequisites, and why. A link not decided counts for nothing.
type Carryover struct {
	SuccessorID   int64     `json:"successor_id"`
	PredecessorID int64     `json:"predecessor_id"`
	Counts        bool      `json:"counts"`
	Reason        string    `json:"reason"`
	DecidedBy     *int64    `json:"decided_by"`
	DecidedAt     time.Time `json:"decided_at"`
	DeciderName   string    `json:"decider_name"`
}

// Counting is the set of the unit's predecessors (preds: unit → the units
// it was formed from, at any depth) whose awards count for it: those
// reached through links the board marked as counting, every link of the
// path (decisions by (successor, predecessor)).
func Counting(unitID int64, preds map[int64][]int64, decisions map[[2]int64]Carryover) map[int64]bool {
	counting := map[int64]bool{}
	queue := []int64{unitID}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, p := range preds[n] {
			if d, ok := decisions[[2]int64{n, p}]; ok && d.Counts && !counting[p] && p != unitID {
				counting[p] = true
				queue = append(queue, p)
			}
		}
	}
	return counting
}

// Held is the award as the eligibility rules read it.
func (a Award) Held() award.Held {
	return award.Held{Year: a.Year, Title: award.Title(a.Title), Kind: award.Kind(a.Kind), Revoked: a.Revoked}
}

// Check adds to f what a decision must state: the day it was signed
// (unless the edge could not read it: dateUnparsed) and its signer. Its
// number is the next of the level's series unless given (CheckNumber).
// d is trimmed first.
func Check(f errs.Fields, d *Decision, dateUnparsed bool) {
	d.Number, d.Signer, d.Note = strings.TrimSpace(d.Number), strings.TrimSpace(d.Signer), strings.TrimSpace(d.Note)
	if d.DecidedOn.IsZero() && !dateUnparsed {
		f.Add("decided_on", "Vui lòng nhập ngày ký quyết định.")
	}
	if d.Signer == "" {
		f.Add("signer", "Vui lòng nhập người ký quyết định.")
	}
}

// CheckItem adds to f why a decision of year may not approve pr: it must
// await the board, belong to the decision's year, and, when the rules did
// not find it eligible ("chưa đủ thông tin" included), carry the board's
// written reason (why).
func CheckItem(f errs.Fields, year int, pr proposal.Proposal, why string) {
	key := fmt.Sprintf("override_reason_%d", pr.ID)
	switch {
	case pr.Status != proposal.Submitted:
		f.Add(key, fmt.Sprintf("Đề nghị %s (%s) không ở trạng thái chờ xét.", pr.SubjectName, award.Title(pr.Title).Label()))
	case pr.Year != year:
		f.Add(key, fmt.Sprintf("Đề nghị %s thuộc năm %d, không phải năm %d của quyết định.", pr.SubjectName, pr.Year, year))
	case !award.Outcome(pr.VerdictOutcome).IsEligible() && why == "":
		f.Add(key, fmt.Sprintf("%s: kết quả xét là %s; Hội đồng chỉ khen thưởng khi ghi rõ lý do.", pr.SubjectName,
			strings.ToLower(award.Outcome(pr.VerdictOutcome).Label())))
		f.Add("override_reason", "Đề nghị chưa đủ điều kiện hoặc chưa đủ thông tin chỉ được khen thưởng khi ghi rõ lý do.")
	}
}

// Approve is the approved proposal and the merit award it enters the
// history as, under decision d.
func Approve(pr proposal.Proposal, d Decision) (proposal.Proposal, Award) {
	pr.Status, pr.DecisionID = proposal.Approved, &d.ID
	date := d.DecidedOn
	return pr, Award{PersonID: pr.PersonID, UnitID: pr.UnitID, Year: pr.Year, Title: pr.Title,
		Kind: string(award.Merit), DecisionNo: d.Number, DecisionDate: &date, Signer: d.SignedBy()}
}

// SignedBy is who signed, as the awards history shows it: "KT. Viện
// trưởng, Phó Viện trưởng Nguyễn Văn A"; the name alone when the signer's
// title was not recorded (a decision entered after the fact).
func (d Decision) SignedBy() string {
	switch {
	case d.SignerTitle == "":
		return d.Signer
	case d.SignMode != "":
		return d.SignMode + " " + HeadTitle + ", " + d.SignerTitle + " " + d.Signer
	}
	return d.SignerTitle + " " + d.Signer
}

// CheckAward adds to f what an award recorded by hand must state: a
// title of the subject's kind (collective for a unit, individual for a
// person), a known kind of commendation and the decision's number.
// a is trimmed first.
func CheckAward(f errs.Fields, a *Award) {
	a.DecisionNo, a.Signer = strings.TrimSpace(a.DecisionNo), strings.TrimSpace(a.Signer)
	switch {
	case a.UnitID != nil && !award.Title(a.Title).Collective():
		f.Add("title", "Vui lòng chọn danh hiệu tập thể.")
	case a.UnitID == nil && !award.Title(a.Title).Individual():
		f.Add("title", "Vui lòng chọn danh hiệu.")
	}
	switch award.Kind(a.Kind) {
	case award.Merit, award.Campaign, award.AdHoc, award.Career, award.Foreign:
	default:
		f.Add("kind", "Vui lòng chọn loại hình khen thưởng.")
	}
	if a.DecisionNo == "" {
		f.Add("decision_no", "Vui lòng nhập số quyết định.")
	}
}

// CheckRevoke refuses revoking an award twice, or without a reason.
func CheckRevoke(a Award, reason string) error {
	if a.Revoked {
		return errs.New(errs.Invalid, "Quyết định khen thưởng này đã bị hủy bỏ.")
	}
	if strings.TrimSpace(reason) == "" {
		return (errs.Fields{"reason": "Vui lòng ghi lý do hủy bỏ (ví dụ: số quyết định hủy)."}).Err()
	}
	return nil
}
