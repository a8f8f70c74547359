package scoring

import (
	"strings"
	"time"
)

// Status is where a unit's self-assessment stands.
type Status string

const (
	NotStarted Status = "not_started" // no filing yet
	Draft      Status = "draft"       // the unit is filling it in
	Submitted  Status = "submitted"   // with the cluster head
	Returned   Status = "returned"    // sent back for correction (trả lại)
	Reviewed   Status = "reviewed"    // the head accepted it with the reviewed scores
)

// Label is the Vietnamese name of the status.
func (s Status) Label() string {
	switch s {
	case NotStarted:
		return "Chưa bắt đầu"
	case Draft:
		return "Đang tự chấm"
	case Submitted:
		return "Đã nộp, chờ thẩm định"
	case Returned:
		return "Bị trả lại để sửa"
	case Reviewed:
		return "Đã thẩm định"
	}
	return string(s)
}

// UnitMayEdit reports whether the unit may change its own scores: while
// drafting, or after the head returned the filing.
func (s Status) UnitMayEdit() bool { return s == NotStarted || s == Draft || s == Returned }

// ReviewerMayEdit reports whether the reviewer may set reviewed scores.
func (s Status) ReviewerMayEdit() bool { return s == Submitted }

// Review is the reviewer's ruling on one criterion.
type Review struct {
	Score       *float64 `json:"score"`
	Numerator   *float64 `json:"numerator"`
	Denominator *float64 `json:"denominator"`
	NotArisen   bool     `json:"not_arisen"`
	Comment     string   `json:"comment"`
}

// Rulings are the reviewer's rows as recorded, whether typed on the review
// page or sent to the API: rows of criteria that take a score, and of
// those only the ones that depart from the unit's figures or comment on
// them. A row that agrees and says nothing is no ruling: the criterion
// stays as the unit declared it.
func Rulings(t Table, self map[int64]Entry, reviews map[int64]Review) map[int64]Review {
	out := map[int64]Review{}
	for _, c := range t.Criteria {
		r, ok := reviews[c.ID]
		if !ok || c.Method == Group {
			continue
		}
		r.Comment = strings.TrimSpace(r.Comment)
		e := self[c.ID]
		agrees := sameNumber(r.Score, e.Score) && sameNumber(r.Numerator, e.Numerator) && sameNumber(r.Denominator, e.Denominator) &&
			r.NotArisen == e.NotArisen
		if !agrees || r.Comment != "" {
			out[c.ID] = r
		}
	}
	return out
}

func sameNumber(a, b *float64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

// Filing is a unit's self-assessment against a table, with the review.
type Filing struct {
	ID           int64            `json:"id"`
	TableID      int64            `json:"table_id"`
	UnitID       int64            `json:"unit_id"`
	Year         int              `json:"year"`
	Status       Status           `json:"status"`
	SubmittedAt  *time.Time       `json:"submitted_at"`
	ReturnedAt   *time.Time       `json:"returned_at"`
	ReturnReason string           `json:"return_reason"`
	ReviewedAt   *time.Time       `json:"reviewed_at"`
	Self         map[int64]Entry  `json:"self"`
	Review       map[int64]Review `json:"review"` // only the rows the reviewer ruled on
	Version      int              `json:"version"`
}

// ReviewedEntries is what the reviewed score is computed from: the unit's
// entries, with the reviewer's ruling in place where there is one.
func (f Filing) ReviewedEntries() map[int64]Entry {
	out := make(map[int64]Entry, len(f.Self))
	for id, e := range f.Self {
		out[id] = e
	}
	for id, r := range f.Review {
		e := out[id]
		e.Score, e.Numerator, e.Denominator, e.NotArisen = r.Score, r.Numerator, r.Denominator, r.NotArisen
		out[id] = e
	}
	return out
}

// Differs reports whether the reviewer's ruling on a row differs from what
// the unit declared (the review page highlights these).
func (f Filing) Differs(id int64) bool {
	r, ok := f.Review[id]
	if !ok {
		return false
	}
	e := f.Self[id]
	return !eq(r.Score, e.Score) || !eq(r.Numerator, e.Numerator) || !eq(r.Denominator, e.Denominator) || r.NotArisen != e.NotArisen
}

func eq(a, b *float64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

// Totals are the figures of a Result that rank a unit (docs/scoring.md):
// the total, and the tie-break inputs.
type Totals struct {
	Total       float64 `json:"total"`
	Deduction   float64 `json:"deduction"`
	Achievement `json:"achievement"`
}

// FilingTotals are what is stored with a filing so that a ranking reads
// them rather than scoring every filing of the year again: the unit's own
// total, and the reviewed totals once the reviewer has ruled on a row or
// accepted the filing (nil before).
type FilingTotals struct {
	Self     float64 `json:"self"`
	Reviewed *Totals `json:"reviewed"`
}

// TotalsOf scores a filing both ways against its table and the unit's
// adjustments: what every write that changes one of them stores.
func TotalsOf(t Table, f Filing, adj map[int64]Adjustment) FilingTotals {
	if f.Status == Reviewed || len(f.Review) > 0 {
		return TotalsFrom(f, Evaluate(t, f.Self, adj), Evaluate(t, f.ReviewedEntries(), adj))
	}
	return TotalsFrom(f, Evaluate(t, f.Self, adj), Result{})
}

// TotalsFrom is TotalsOf from the filing's results already worked out:
// self from its own entries, reviewed from ReviewedEntries (unused before
// a review).
func TotalsFrom(f Filing, self, reviewed Result) FilingTotals {
	out := FilingTotals{Self: self.Total}
	if f.Status == Reviewed || len(f.Review) > 0 {
		out.Reviewed = &Totals{Total: reviewed.Total, Deduction: reviewed.Deduction, Achievement: reviewed.Achievement}
	}
	return out
}
