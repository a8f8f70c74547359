package proposal

import (
	"time"

	"thidua/internal/award"
	"thidua/internal/errs"
)

// A proposal travels upward (Luật TĐKT 2022 Điều 80; TT 02/2024/TT-VKSTC):
// a unit proposes to the level above it that decides through a council;
// that level returns it with a reason, decides it when the title is in its
// power, or forwards it with its own tờ trình to the next level. These are
// the pure rules of the way; app runs them and store keeps every step.

// The steps of a proposal's way.
const (
	StepSubmit  = "submit"
	StepForward = "forward"
	StepReturn  = "return"
	StepApprove = "approve"
	StepReject  = "reject"
)

// StepLabel is a step in Vietnamese.
func StepLabel(s string) string {
	switch s {
	case StepSubmit:
		return "Gửi đề nghị"
	case StepForward:
		return "Chuyển lên cấp trên (kèm tờ trình)"
	case StepReturn:
		return "Trả lại đơn vị đề nghị"
	case StepApprove:
		return "Quyết định khen thưởng"
	case StepReject:
		return "Không chấp thuận"
	}
	return s
}

// Step is one step of a proposal's way, as the proposer sees it.
type Step struct {
	ID         int64      `json:"id"`
	ProposalID int64      `json:"proposal_id"`
	Step       string     `json:"step"`
	FromUnitID int64      `json:"from_unit_id"`
	FromName   string     `json:"from_unit_name"`
	ToUnitID   *int64     `json:"to_unit_id"`
	ToName     string     `json:"to_unit_name"`
	ToTier     award.Tier `json:"to_tier"`
	ByUserID   *int64     `json:"by_user_id"`
	ByName     string     `json:"by_name"`
	Reason     string     `json:"reason"`
	DocumentNo string     `json:"document_no"`
	At         time.Time  `json:"at"`
}

// Level is a unit on a proposal's way up: a procuracy of a tier that
// decides, and whether it holds a council for the year.
type Level struct {
	UnitID  int64      `json:"unit_id"`
	Name    string     `json:"name"`
	Tier    award.Tier `json:"tier"`
	Council bool       `json:"council"`
}

// Route is the levels a proposal may reach, nearest first, from the
// proposer's path (the proposer first, up to the Supreme Procuracy): the
// procuracies that decide through a council recorded for the year, and the
// Supreme Procuracy always (the sector's board). A level does not decide
// its own collective title (self): that goes to the level above.
func Route(path []Level, self bool) []Level {
	var out []Level
	for i, l := range path {
		switch {
		case i == 0 && self:
		case l.Tier == award.TierSupreme:
			out = append(out, l)
		case (l.Tier == award.TierProvince || l.Tier == award.TierHigh) && l.Council:
			out = append(out, l)
		}
	}
	return out
}

// Next is the level after unit on the route; ok is false at its top.
func Next(route []Level, unit int64) (Level, bool) {
	for i, l := range route {
		if l.UnitID == unit && i+1 < len(route) {
			return route[i+1], true
		}
	}
	return Level{}, false
}

// CheckHeld refuses acting on a proposal not awaiting level unit.
func CheckHeld(pr Proposal, unit int64) error {
	if pr.Status != Submitted {
		return errs.New(errs.Invalid, "Chỉ xét được đề nghị đã gửi, đang chờ xét.")
	}
	if pr.AddressedUnitID == nil || *pr.AddressedUnitID != unit {
		name := pr.AddressedName
		if name == "" {
			name = "cấp khác"
		}
		return errs.New(errs.Forbidden, "Đề nghị này đang ở %s: chỉ cấp đang giữ đề nghị được trả lại, chuyển lên hoặc quyết định.", name)
	}
	return nil
}

// CheckReturn refuses a return without its reason.
func CheckReturn(reason string) error {
	if reason == "" {
		return (errs.Fields{"reason": "Vui lòng ghi lý do trả lại để đơn vị đề nghị bổ sung, sửa."}).Err()
	}
	return nil
}

// CheckDecidable refuses a decision above the level's power (tier) under
// the rule version powers, naming who decides instead.
func CheckDecidable(powers award.Powers, tier award.Tier, pr Proposal) error {
	p, ok := powers.Decides(tier, award.Title(pr.Title))
	if ok {
		return nil
	}
	if p.Title == "" {
		return errs.New(errs.Invalid, "Bộ quy tắc áp dụng chưa quy định thẩm quyền quyết định %s.", award.Title(pr.Title).Label())
	}
	return errs.New(errs.Forbidden, "%s (%s) do %s quyết định (%s): cấp này không quyết định được, hãy chuyển lên cấp trên kèm tờ trình.",
		award.Title(pr.Title).Label(), pr.SubjectName, p.Decides.Label(), p.Cite)
}

// CheckForward refuses forwarding what the level may decide itself: it
// decides what is in its power and forwards only the rest.
func CheckForward(powers award.Powers, tier award.Tier, pr Proposal, documentNo string) error {
	if p, ok := powers.Decides(tier, award.Title(pr.Title)); ok {
		return errs.New(errs.Invalid, "%s thuộc thẩm quyền quyết định của cấp này (%s): quyết định hoặc không chấp thuận, không chuyển lên.",
			award.Title(pr.Title).Label(), p.Cite)
	}
	if documentNo == "" {
		return (errs.Fields{"document_no": "Vui lòng nhập số tờ trình của cấp mình gửi cấp trên."}).Err()
	}
	return nil
}
