package cluster

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"thidua/internal/errs"
)

// DeadlineKind names one of a year's deadlines.
type DeadlineKind string

const (
	DeadlineRegistration   DeadlineKind = "registration"
	DeadlinePledge         DeadlineKind = "pledge"
	DeadlineSelfAssessment DeadlineKind = "self_assessment"
	DeadlineReview         DeadlineKind = "review"
	DeadlineProposal       DeadlineKind = "proposal"
)

// DeadlineKinds in the order of the year.
var DeadlineKinds = []DeadlineKind{DeadlineRegistration, DeadlinePledge, DeadlineSelfAssessment, DeadlineReview, DeadlineProposal}

// Label is the deadline in Vietnamese.
func (k DeadlineKind) Label() string {
	switch k {
	case DeadlineRegistration:
		return "Đăng ký thi đua"
	case DeadlinePledge:
		return "Ký giao ước thi đua"
	case DeadlineSelfAssessment:
		return "Nộp bản tự chấm điểm"
	case DeadlineReview:
		return "Thẩm định bản tự chấm điểm"
	case DeadlineProposal:
		return "Gửi đề nghị khen thưởng"
	}
	return string(k)
}

// Deadline is the year's date for a kind; nil when the board set none.
func (y Year) Deadline(k DeadlineKind) *time.Time {
	switch k {
	case DeadlineRegistration:
		return y.RegistrationDeadline
	case DeadlinePledge:
		return y.PledgeDeadline
	case DeadlineSelfAssessment:
		return y.SelfAssessmentDeadline
	case DeadlineReview:
		return y.ReviewDeadline
	case DeadlineProposal:
		return y.ProposalDeadline
	}
	return nil
}

// Extension is a deadline extended for one unit. A unit's extensions of
// the same deadline are never overwritten: the newest (highest ID) is in
// force.
type Extension struct {
	ID     int64        `json:"id"`
	Kind   DeadlineKind `json:"kind"`
	Until  time.Time    `json:"until"`
	Reason string       `json:"reason"`
}

// ValidateExtension checks an extension the board grants: a known
// deadline the year has, a date after the year's date, and a reason.
// Messages name the field.
func ValidateExtension(y Year, e Extension) error {
	f := errs.Fields{}
	if !slices.Contains(DeadlineKinds, e.Kind) {
		f.Add("kind", "Vui lòng chọn thời hạn cần gia hạn.")
	} else if d := y.Deadline(e.Kind); d == nil {
		f.Add("kind", "Năm "+strconv.Itoa(y.Year)+" chưa đặt thời hạn “"+e.Kind.Label()+"” nên chưa gia hạn được.")
	} else if !e.Until.IsZero() && !e.Until.After(*d) {
		f.Add("until", "Ngày gia hạn phải sau thời hạn chung ("+d.Format("02/01/2006")+").")
	}
	if e.Until.IsZero() {
		f.Add("until", "Vui lòng nhập ngày gia hạn đến (dd/mm/yyyy).")
	}
	if r := strings.TrimSpace(e.Reason); r == "" {
		f.Add("reason", "Vui lòng ghi lý do gia hạn.")
	} else if len([]rune(r)) > 1000 {
		f.Add("reason", "Lý do dài quá 1000 ký tự.")
	}
	return f.Err()
}

// InForce is the extension of a kind in force among a unit's extensions
// (the newest), or nil.
func InForce(exts []Extension, k DeadlineKind) *Extension {
	var best *Extension
	for i, e := range exts {
		if e.Kind == k && (best == nil || e.ID > best.ID) {
			best = &exts[i]
		}
	}
	return best
}

// UnitDeadline is the date a unit must meet: its extension's when one is
// in force, else the year's.
func UnitDeadline(y Year, exts []Extension, k DeadlineKind) *time.Time {
	if e := InForce(exts, k); e != nil {
		d := e.Until
		return &d
	}
	return y.Deadline(k)
}
