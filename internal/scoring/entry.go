package scoring

import (
	"fmt"
	"strings"

	"thidua/internal/errs"
	"thidua/internal/limits"
)

// Part is the part of an entry a problem is about: a form field of the
// filing page, a column of the self-assessment workbook.
type Part int

const (
	PartScore Part = iota
	PartNumerator
	PartDenominator
	PartNotArisen
	PartExplanation
)

// EntryProblem is one thing wrong with an entry, said two ways: Message
// as a sentence after the criterion's code (a form, the API), Expected as
// what the cell should hold (a workbook: "… – cần <Expected>").
type EntryProblem struct {
	Part     Part
	Message  string
	Expected string
}

// CheckEntry is the one set of rules for what a unit (or its reviewer)
// may put against a criterion, whether typed on the page, sent to the API
// or uploaded in the self-assessment workbook: only the parts the
// criterion's method has (a score, or figures; a denominator only for a
// rate, not for a count), each within its range, figures consistent, and
// an explanation for bonus, deduction and "không phát sinh".
func CheckEntry(c Criterion, e Entry) []EntryProblem {
	return check(c, e, strings.TrimSpace(e.Explanation) != "")
}

// CheckReview is CheckEntry for a reviewer's ruling: the same figures, and
// no explanation asked for (the reviewer's comment is optional).
func CheckReview(c Criterion, r Review) []EntryProblem {
	return check(c, Entry{Score: r.Score, Numerator: r.Numerator, Denominator: r.Denominator, NotArisen: r.NotArisen}, true)
}

// check is CheckEntry; explained: no explanation is asked for.
func check(c Criterion, e Entry, explained bool) []EntryProblem {
	var out []EntryProblem
	add := func(p Part, msg, expected string) {
		out = append(out, EntryProblem{Part: p, Message: msg, Expected: expected})
	}
	ranged := func(p Part, v *float64, what string, hi float64) bool {
		f := errs.Fields{}
		limits.NumberPtr(f, "v", what, v, 0, hi)
		if f["v"] != "" {
			add(p, strings.TrimSuffix(f["v"], "."), fmt.Sprintf("một số từ 0 đến %s", limits.FormatNumber(hi)))
			return false
		}
		return true
	}
	switch c.Method {
	case Group:
		return nil
	case Fixed, Bonus, Deduction:
		if e.Numerator != nil {
			add(PartNumerator, "tiêu chí "+strings.ToLower(c.Method.Label())+" không có tử số; nhập điểm",
				"ô trống: tiêu chí "+strings.ToLower(c.Method.Label())+" nhập ở cột “Điểm tự chấm”")
		}
		if e.Denominator != nil {
			add(PartDenominator, "tiêu chí "+strings.ToLower(c.Method.Label())+" không có mẫu số; nhập điểm",
				"ô trống: tiêu chí "+strings.ToLower(c.Method.Label())+" nhập ở cột “Điểm tự chấm”")
		}
		if !ranged(PartScore, e.Score, "điểm", limits.MaxPoints) {
			break
		}
		switch {
		case e.Score == nil:
		case c.Method == Fixed && *e.Score > c.Max:
			add(PartScore, "điểm phải từ 0 đến "+FormatNumber(c.Max), "điểm từ 0 đến "+FormatNumber(c.Max))
		case c.Method != Fixed && c.Max > 0 && *e.Score > c.Max:
			add(PartScore, "tối đa "+FormatNumber(c.Max)+" điểm", "tối đa "+FormatNumber(c.Max)+" điểm")
		case c.Method != Fixed && *e.Score > 0 && !explained:
			kind := map[Method]string{Bonus: "thưởng", Deduction: "trừ"}[c.Method]
			add(PartExplanation, "vui lòng giải trình điểm "+kind, "giải trình căn cứ của điểm "+kind)
		}
	case Indicator:
		if e.Score != nil {
			add(PartScore, "điểm của chỉ tiêu được tính từ tử số, mẫu số; không nhập điểm",
				"ô trống: điểm của chỉ tiêu được tính từ tử số, mẫu số")
		}
		okN := ranged(PartNumerator, e.Numerator, "tử số", limits.MaxFigure)
		okD := ranged(PartDenominator, e.Denominator, "mẫu số", limits.MaxFigure)
		if !c.IsRate() && e.Denominator != nil {
			add(PartDenominator, "chỉ tiêu này là số đếm, không có mẫu số", "ô trống: chỉ tiêu này là số đếm, không có mẫu số")
			okD = false
		}
		switch {
		case e.NotArisen && !explained:
			add(PartExplanation, "vui lòng giải trình vì sao chỉ tiêu không phát sinh", "giải trình vì sao chỉ tiêu không phát sinh")
		case !okN || !okD:
		case c.IsRate() && e.Numerator != nil && e.Denominator != nil && *e.Numerator > *e.Denominator:
			add(PartNumerator, fmt.Sprintf("tử số (%s) không được lớn hơn mẫu số (%s)", FormatNumber(*e.Numerator), FormatNumber(*e.Denominator)),
				"tử số không lớn hơn mẫu số ("+FormatNumber(*e.Denominator)+")")
		case c.IsRate() && (e.Numerator == nil) != (e.Denominator == nil) && !e.NotArisen:
			p := PartNumerator
			if e.Denominator == nil {
				p = PartDenominator
			}
			add(p, "cần nhập cả tử số và mẫu số", "cả tử số và mẫu số (hoặc chọn “Không phát sinh”)")
		}
	}
	if e.NotArisen && c.Method != Fixed && c.Method != Indicator {
		add(PartNotArisen, "chỉ tiêu chí chấm trực tiếp và chỉ tiêu mới có thể “không phát sinh”",
			"ô trống: chỉ tiêu chí chấm trực tiếp và chỉ tiêu mới ghi “Không phát sinh”")
	}
	return out
}

// ValidateEntries checks a filing before it is saved or submitted, by
// CheckEntry; the first problem of each criterion is its field's message.
func ValidateEntries(t Table, entries map[int64]Entry) error {
	return validate(t, func(c Criterion) []EntryProblem {
		if e, ok := entries[c.ID]; ok {
			return CheckEntry(c, e)
		}
		return nil
	})
}

// ValidateReviews checks a reviewer's rulings by CheckReview, as
// ValidateEntries does a filing.
func ValidateReviews(t Table, reviews map[int64]Review) error {
	return validate(t, func(c Criterion) []EntryProblem {
		if r, ok := reviews[c.ID]; ok {
			return CheckReview(c, r)
		}
		return nil
	})
}

func validate(t Table, problems func(Criterion) []EntryProblem) error {
	f := errs.Fields{}
	for _, c := range t.Criteria {
		for _, p := range problems(c) {
			f.Add(fmt.Sprintf("c%d", c.ID), "Tiêu chí "+c.Code+": "+p.Message+".")
		}
	}
	return f.Err()
}
