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

// A verdict has three values: đủ điều kiện, không đủ điều kiện, chưa đủ
// thông tin. "Chưa đủ thông tin" is any criterion the record cannot decide:
// a fact not recorded (who supplies it is named), a ballot not yet held, a
// choice that is the board's, or a provision not checked against its text
// ("chưa đối chiếu văn bản"). Such a criterion is never shown as met, and
// proposals, award lists and quota counts treat the verdict as not yet
// eligible (Outcome.Eligible is the only "yes").
const (
	Eligible     Outcome = "eligible"     // every criterion is met on recorded facts
	NotEligible  Outcome = "not_eligible" // at least one criterion is not met (or the award is deferred)
	Insufficient Outcome = "insufficient" // nothing failed, but some criterion cannot be decided yet

	// NeedsJudgement is the former name of Insufficient. Verdicts stored
	// before migration 00011 read "needs_judgement"; Label still reads them.
	NeedsJudgement = Insufficient
)

// Label is the outcome's Vietnamese wording.
func (o Outcome) Label() string {
	switch o {
	case Eligible:
		return "Đủ điều kiện đề nghị"
	case NotEligible:
		return "Không đủ điều kiện"
	case Insufficient, "needs_judgement":
		return "Chưa đủ thông tin"
	}
	return string(o)
}

// IsEligible is the only "yes": an Insufficient verdict is not yet
// eligible for proposals, award lists and quota counts.
func (o Outcome) IsEligible() bool { return o == Eligible }

// Reason is one criterion, met or not, with the provision behind it.
type Reason struct {
	Text    string `json:"text"`    // Vietnamese, for the user
	Article string `json:"article"` // e.g. "Điều 22 Luật TĐKT 2022"
	Met     bool   `json:"met"`     //
	// Judgement: the record cannot decide it (chưa đủ thông tin); Met is
	// false. Missing and Supplier say what is lacking and who supplies it.
	Judgement bool   `json:"judgement"`
	Missing   string `json:"missing,omitempty"`  // the fact not in the record, e.g. "ngày tuyển dụng"
	Supplier  string `json:"supplier,omitempty"` // who supplies it, e.g. "bộ phận tổ chức cán bộ của đơn vị"
	// Unconfirmed: the provision behind this criterion was not checked
	// against its text (chưa đối chiếu văn bản); SOURCES.md says why.
	Unconfirmed bool `json:"unconfirmed,omitempty"`
	// Deferred: not a bar but a "chưa khen thưởng" until a pending matter
	// closes (Điều 4 khoản 4 NĐ 152/2025/NĐ-CP); Met is false.
	Deferred bool `json:"deferred,omitempty"`
}

// Status is the reason's state in words: "đạt", "không đạt", "chưa đủ
// thông tin", "tạm hoãn".
func (r Reason) Status() string {
	switch {
	case r.Met:
		return "đạt"
	case r.Judgement:
		return "chưa đủ thông tin"
	case r.Deferred:
		return "tạm hoãn"
	}
	return "không đạt"
}

// Who supplies what a not-yet-decidable criterion lacks.
const (
	SupplierPersonnel = "bộ phận tổ chức cán bộ của đơn vị"
	SupplierRater     = "thủ trưởng đơn vị (kết quả đánh giá, xếp loại)"
	SupplierUnit      = "đơn vị (dữ kiện tập thể của năm)"
	SupplierBoard     = "Hội đồng Thi đua - Khen thưởng"
	SupplierBoardLaw  = "Hội đồng Thi đua - Khen thưởng (đối chiếu văn bản)"
)

// Unconfirmed is appended to an article not checked against its text.
const Unconfirmed = " (chưa đối chiếu văn bản)"

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

// check records a criterion decided on recorded facts. A provision not
// checked against its text keeps the mark in its article.
func (b *verdict) check(met bool, article, text string) {
	b.v.Reasons = append(b.v.Reasons, Reason{Text: text, Article: article, Met: met})
}

func (b *verdict) judge(article, text string) {
	b.v.Reasons = append(b.v.Reasons, Reason{Text: text, Article: article, Judgement: true, Supplier: SupplierBoard})
}

// missing records a criterion whose fact is not in the record: chưa đủ
// thông tin, naming the fact and who supplies it.
func (b *verdict) missing(article, fact, supplier, text string) {
	b.v.Reasons = append(b.v.Reasons, Reason{Text: text, Article: article, Judgement: true, Missing: fact, Supplier: supplier,
		Unconfirmed: strings.Contains(article, Unconfirmed)})
}

// unconfirmed records a criterion the record could decide, but whose
// provision was not checked against the text: chưa đủ thông tin, never a
// guess either way.
func (b *verdict) unconfirmed(article, text string) {
	if !strings.Contains(article, Unconfirmed) {
		article += Unconfirmed
	}
	b.v.Reasons = append(b.v.Reasons, Reason{Text: text + " — chưa đối chiếu văn bản", Article: article, Judgement: true,
		Supplier: SupplierBoardLaw, Unconfirmed: true})
}

// defer records a pending matter: the award waits, it is not refused.
func (b *verdict) deferred(article, text string) {
	b.v.Reasons = append(b.v.Reasons, Reason{Text: text, Article: article, Deferred: true})
}

// done settles the outcome: any failed (or deferred) criterion makes
// NotEligible; else any criterion the record cannot decide makes
// Insufficient; else Eligible.
func (b *verdict) done() Verdict {
	for i, r := range b.v.Reasons {
		if strings.Contains(r.Article, Unconfirmed) {
			b.v.Reasons[i].Unconfirmed = true
		}
	}
	b.v.Outcome = Eligible
	for _, r := range b.v.Reasons {
		switch {
		case !r.Met && !r.Judgement:
			b.v.Outcome = NotEligible
			return b.v
		case r.Judgement:
			b.v.Outcome = Insufficient
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
