package app

import (
	"context"
	"slices"
	"time"

	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/scoring"
	"thidua/internal/store"
)

// Step is one state a filing or a proposal went through: when, what,
// who (their full name) and, for a return or a refusal, why.
type Step struct {
	At     time.Time `json:"at"`
	Event  string    `json:"event"` // what happened, in Vietnamese
	State  string    `json:"state"` // the state it led to
	By     string    `json:"by"`    // the person's full name
	Reason string    `json:"reason,omitempty"`
	Return bool      `json:"return"` // sent back to the unit, or refused
}

// ProposalSteps is one proposal and the states it went through.
type ProposalSteps struct {
	ID      int64  `json:"id"`
	Subject string `json:"subject"` // the person or the unit proposed
	Title   string `json:"title"`   // the title proposed, in Vietnamese
	Status  string `json:"status"`  // its state now, in Vietnamese
	Steps   []Step `json:"steps"`
}

// Timeline is a unit's year as its submitter lived it: its filing's
// states (draft, submitted, returned with the reason, resubmitted,
// reviewed) and its proposals', oldest first.
type Timeline struct {
	Unit         org.Unit        `json:"unit"`
	Year         int             `json:"year"`
	FilingStatus string          `json:"filing_status"`
	Filing       []Step          `json:"filing"`
	Proposals    []ProposalSteps `json:"proposals"`
}

// Timeline gathers a unit's filing and proposal timelines from the score
// history and the change history. Whoever may see the filing sees the
// timeline; a proposal shows when they may see that proposal.
func (a *App) Timeline(ctx context.Context, p auth.Principal, year int, unitID int64) (Timeline, error) {
	tl := Timeline{Year: year, Filing: []Step{}, Proposals: []ProposalSteps{}}
	v, err := a.Filing(ctx, p, year, unitID)
	if err != nil {
		return tl, err
	}
	tl.Unit, tl.FilingStatus = v.Unit, v.Filing.Status.Label()
	if v.Filing.ID != 0 {
		changes, err := a.store.ScoreChanges(ctx, v.Filing.ID)
		if err != nil {
			return tl, err
		}
		tl.Filing = filingSteps(changes)
	}
	props, err := a.store.ListProposals(ctx, store.ProposalFilter{Year: year, UnitID: &unitID})
	if err != nil {
		return tl, err
	}
	for _, pr := range props {
		if err := a.mayViewProposal(ctx, &a.store.Q, p, pr); errs.CodeOf(err) == errs.Forbidden || errs.CodeOf(err) == errs.NotFound {
			continue
		} else if err != nil {
			return tl, err
		}
		hist, err := a.store.History(ctx, "proposal", pr.ID)
		if err != nil {
			return tl, err
		}
		tl.Proposals = append(tl.Proposals, ProposalSteps{ID: pr.ID, Subject: pr.SubjectName, Title: award.Title(pr.Title).Label(),
			Status: ProposalStatusLabel(pr.Status), Steps: proposalSteps(hist)})
	}
	return tl, nil
}

// filingSteps reads a filing's state changes out of its score history
// (any order), oldest first; a submission after a return is a
// resubmission.
func filingSteps(changes []store.ScoreChange) []Step {
	sorted := slices.Clone(changes)
	slices.SortStableFunc(sorted, func(x, y store.ScoreChange) int {
		if c := x.ChangedAt.Compare(y.ChangedAt); c != 0 {
			return c
		}
		return int(x.ID - y.ID)
	})
	out := []Step{}
	for _, c := range sorted {
		if c.Side != "status" {
			continue
		}
		s := Step{At: c.ChangedAt, State: c.NewValue, By: personName(c.FullName, c.Username), Reason: c.Reason}
		switch c.NewValue {
		case scoring.Draft.Label():
			s.Event = "Bắt đầu tự chấm điểm"
		case scoring.Submitted.Label():
			s.Event = "Nộp bản tự chấm điểm"
			if c.OldValue == scoring.Returned.Label() {
				s.Event = "Nộp lại sau khi sửa"
			}
		case scoring.Returned.Label():
			s.Event, s.Return = "Cụm trưởng trả lại để sửa", true
		case scoring.Reviewed.Label():
			s.Event = "Thẩm định xong"
		default:
			s.Event = "Chuyển sang “" + c.NewValue + "”"
		}
		out = append(out, s)
	}
	return out
}

// proposalSteps reads a proposal's states out of its change history
// (newest first, as History gives it), oldest first. Edits of a draft
// are left out: they change no state.
func proposalSteps(hist []store.AuditEntry) []Step {
	out := []Step{}
	for i := len(hist) - 1; i >= 0; i-- {
		e := hist[i]
		s := Step{At: e.At, By: personName(e.FullName, e.Username), Reason: e.Reason}
		switch e.Action {
		case "create":
			s.Event, s.State = "Lập dự thảo đề nghị", ProposalStatusLabel(ProposalDraft)
		case "submit":
			s.Event, s.State = "Gửi Hội đồng, công khai lấy ý kiến", ProposalStatusLabel(ProposalSubmitted)
		case "reject":
			s.Event, s.State, s.Return = "Hội đồng không chấp thuận", ProposalStatusLabel(ProposalRejected), true
		case "approve":
			s.Event, s.State = "Được khen thưởng theo quyết định", ProposalStatusLabel(ProposalApproved)
		case "comment":
			s.Event = "Có ý kiến góp ý"
		default:
			continue
		}
		out = append(out, s)
	}
	return out
}

// personName is a person's full name, or the account's name when the
// account has none.
func personName(full, username string) string {
	if full != "" {
		return full
	}
	return username
}
