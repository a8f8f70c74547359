package award

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"thidua/internal/scoring"
)

// Outcome is what the rules conclude about one title.
type Outcome string

const (
	Eligible       Outcome = "eligible"        // every criterion the data can decide is met
	NotEligible    Outcome = "not_eligible"    // at least one criterion is not met
	NeedsJudgement Outcome = "needs_judgement" // nothing failed, but a person must decide something
)

// Label is the outcome's Vietnamese wording.
func (o Outcome) Label() string {
	switch o {
	case Eligible:
		return "Đủ điều kiện đề nghị"
	case NotEligible:
		return "Chưa đủ điều kiện"
	case NeedsJudgement:
		return "Cần Hội đồng xem xét"
	}
	return string(o)
}

// Reason is one criterion, met or not, with the provision behind it.
type Reason struct {
	Text      string `json:"text"`      // Vietnamese, for the user
	Article   string `json:"article"`   // e.g. "Điều 22 Luật TĐKT 2022"
	Met       bool   `json:"met"`       //
	Judgement bool   `json:"judgement"` // the data cannot decide it; the board does (Met is false)
}

// Verdict lists every criterion of one title for one year, passed and
// failed, and the rule version that judged it.
type Verdict struct {
	Title     Title    `json:"title"`
	Year      int      `json:"year"`
	Outcome   Outcome  `json:"outcome"`
	Reasons   []Reason `json:"reasons"`
	RuleSetID string   `json:"rule_set_id"`
}

// Unmet returns the reasons not met, judgements included.
func (v Verdict) Unmet() []Reason {
	var out []Reason
	for _, r := range v.Reasons {
		if !r.Met {
			out = append(out, r)
		}
	}
	return out
}

// verdict collects reasons while one rule runs.
type verdict struct{ v Verdict }

func (rs RuleSet) begin(t Title, year int) *verdict {
	return &verdict{Verdict{Title: t, Year: year, RuleSetID: rs.ID}}
}

func (b *verdict) check(met bool, article, text string) {
	b.v.Reasons = append(b.v.Reasons, Reason{Text: text, Article: article, Met: met})
}

func (b *verdict) judge(article, text string) {
	b.v.Reasons = append(b.v.Reasons, Reason{Text: text, Article: article, Judgement: true})
}

// done settles the outcome: any failed criterion makes NotEligible; else
// any open judgement makes NeedsJudgement; else Eligible.
func (b *verdict) done() Verdict {
	b.v.Outcome = Eligible
	for _, r := range b.v.Reasons {
		switch {
		case !r.Met && !r.Judgement:
			b.v.Outcome = NotEligible
			return b.v
		case r.Judgement:
			b.v.Outcome = NeedsJudgement
		}
	}
	return b.v
}

// noRules is the verdict when no version covers the day of consideration.
func (rs RuleSet) noRules(t Title, year int) (Verdict, bool) {
	if rs.ID != "" {
		return Verdict{}, false
	}
	b := rs.begin(t, year)
	b.judge("", "không có bộ quy tắc áp dụng cho ngày xét (trước 28/6/2019)")
	return b.done(), true
}

// share writes n of d as "39/49 (79,6%)", the percentage rounded once,
// half up, to one decimal (scoring.Percent). The rounding is for display
// only: every threshold is compared exactly, in integers (see atLeast).
func share(n, d int) string {
	return fmt.Sprintf("%d/%d (%s%%)", n, d, scoring.FormatNumber(scoring.Percent(n, d)))
}

// atLeast reports n/d ≥ pct %, exactly: 79,6 % is below 80 % even though
// it would round to 80.
func atLeast(n, d, pct int) bool { return d > 0 && n*100 >= pct*d }

// moreThan reports n/d > pct %, exactly.
func moreThan(n, d, pct int) bool { return d > 0 && n*100 > pct*d }

func date(t time.Time) string { return t.Format("02/01/2006") }

func years(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ", ")
}
