package web

import (
	"strconv"

	"thidua/internal/app"
	"thidua/internal/scoring"
)

// filingData is the filing and review pages' model: the app's view, with
// every cell of the criteria table and of the two results worked out here
// once, as text, so the templates only range and print. Template functions
// and conditionals evaluated cell by cell, row by row, were most of these
// pages' time (html/template calls each through reflection).
type filingData struct {
	app.FilingView
	Rows               []filingRow
	SelfSum, ReviewSum filingSummary
}

// filingRow is one criterion of the table as both pages show it.
type filingRow struct {
	ID, Code, Name string
	Depth          string // the code cell's indentation class: depth-0, depth-1 …
	Group          bool   // a heading row: nothing else applies
	Indicator      bool   // numerator (and denominator) inputs instead of a score
	Rate           bool   // an indicator with a denominator input
	NA             bool   // the row may be declared "không phát sinh"
	Error          string // the form's problem on this row

	// The filing page.
	Target        string // an indicator's figures and targets, under its name
	Adjusted      string // the unit's adjustment of the row, "" when none
	Max           string // the "Tối đa" cell
	N, D, S, X, E string // the unit's inputs: as typed, or as stored
	SelfNotArisen bool
	Excluded      bool   // the row does not count (không phát sinh, switched off)
	Points        string // the self-assessed points
	Outcome       string // Đạt, Vượt, Chưa đạt; "" when not judged

	// The review page.
	Class                 string // the row's classes: it differs from the unit's figures; it has an error
	Explanation, Evidence string // as the unit declared them
	MaxPlain              string // the criterion's maximum, as the reviewer reads it
	Declared              string // the unit's figures, as text
	RN, RD, RS, RC        string // the reviewer's inputs: as typed, as ruled, or the unit's figures
	ReviewNotArisen       bool
	SelfPoints, RevPoints string // "–" when the row does not count
}

// filingSummary is one side's result (self-assessed or reviewed) as the
// pages' summary shows it.
type filingSummary struct {
	Label                                                  string
	Raw, Applicable, Full, Scaled, Bonus, Deduction, Total string
	Met, Exceeded                                          string // "met/arisen (rate%)", "exceeded/exceedable (rate%)"
}

// filingView is the pages' model; form holds what was typed (nil: show
// what is stored), errors the form's problems by field.
func filingView(v app.FilingView, form, errors map[string]string) filingData {
	d := filingData{FilingView: v, Rows: make([]filingRow, 0, len(v.Table.Criteria)),
		SelfSum: summary("Tự chấm", v.Self), ReviewSum: summary("Thẩm định", v.Reviewed)}
	depth := map[int64]int{}
	for i, c := range v.Table.Criteria {
		if c.ParentID != 0 {
			depth[c.ID] = depth[c.ParentID] + 1
		}
		r := filingRow{ID: strconv.FormatInt(c.ID, 10), Code: c.Code, Name: c.Name, Depth: "depth-" + strconv.Itoa(depth[c.ID]),
			Group: c.Method == scoring.Group}
		if r.Group {
			d.Rows = append(d.Rows, r)
			continue
		}
		self := v.Filing.Self[c.ID]
		review, reviewed := v.Filing.Review[c.ID]
		var selfLine, revLine scoring.Line
		if i < len(v.Self.Lines) {
			selfLine, revLine = v.Self.Lines[i], v.Reviewed.Lines[i]
		}
		r.Indicator, r.Rate = c.Method == scoring.Indicator, c.Method == scoring.Indicator && c.Denominator != ""
		r.NA = c.Method == scoring.Indicator || c.Method == scoring.Fixed
		r.Error = errors["c"+r.ID]
		typed := func(name, stored string) string {
			if x, ok := form[name+"_"+r.ID]; ok {
				return x
			}
			return stored
		}

		if r.Indicator {
			r.Target = target(c)
		}
		if a, ok := v.Adjustments[c.ID]; ok {
			if a.Share == 0 {
				r.Adjusted = "Điều chỉnh: không áp dụng – " + a.Reason
			} else {
				r.Adjusted = "Điều chỉnh: áp dụng " + scoring.FormatNumber(a.Share) + " năm – " + a.Reason
			}
		}
		r.MaxPlain = scoring.FormatNumber(c.Max)
		r.Max = r.MaxPlain
		if c.Method == scoring.Deduction {
			r.Max = "—"
			if c.Max != 0 {
				r.Max = "−" + r.MaxPlain
			}
		}
		r.N, r.D, r.S = typed("n", inputNum(self.Numerator)), typed("d", inputNum(self.Denominator)), typed("s", inputNum(self.Score))
		r.X, r.E = typed("x", self.Explanation), typed("e", self.Evidence)
		r.SelfNotArisen = self.NotArisen || form["na_"+r.ID] == "1"
		r.Excluded, r.Points, r.Outcome = selfLine.Excluded, scoring.FormatNumber(selfLine.Points), outcomeLabel(selfLine.Outcome)

		switch differs := v.Filing.Differs(c.ID); {
		case differs && r.Error != "":
			r.Class = "review-diff table-danger"
		case differs:
			r.Class = "review-diff"
		case r.Error != "":
			r.Class = " table-danger"
		}
		r.Explanation, r.Evidence = self.Explanation, self.Evidence
		switch {
		case self.NotArisen:
			r.Declared = "Không phát sinh"
		case r.Indicator:
			r.Declared = formatNum(self.Numerator)
			if c.Denominator != "" {
				r.Declared += " / " + formatNum(self.Denominator)
			}
		default:
			r.Declared = formatNum(self.Score)
		}
		rv := self // the reviewer starts from what the unit declared
		if reviewed {
			rv = scoring.Entry{Score: review.Score, Numerator: review.Numerator, Denominator: review.Denominator, NotArisen: review.NotArisen}
		}
		r.RN, r.RD, r.RS = typed("rn", inputNum(rv.Numerator)), typed("rd", inputNum(rv.Denominator)), typed("rs", inputNum(rv.Score))
		r.RC = typed("rc", review.Comment)
		r.ReviewNotArisen = rv.NotArisen
		r.SelfPoints, r.RevPoints = linePoints(selfLine), linePoints(revLine)
		d.Rows = append(d.Rows, r)
	}
	return d
}

// target is an indicator's line under its name: what is counted, out of
// what, and its targets.
func target(c scoring.Criterion) string {
	s := c.Numerator
	if c.Denominator != "" {
		s += " / " + c.Denominator
	}
	pct := ""
	if c.IsRate() {
		pct = "%"
	}
	if c.TargetSector != nil {
		s += " · chỉ tiêu Ngành " + scoring.FormatNumber(*c.TargetSector) + pct
	}
	if c.TargetNA != nil {
		s += " · chỉ tiêu Quốc hội " + scoring.FormatNumber(*c.TargetNA) + pct
	}
	return s
}

// linePoints is a row's points on the review page, "–" when it does not
// count.
func linePoints(l scoring.Line) string {
	if l.Excluded {
		return "–"
	}
	return scoring.FormatNumber(l.Points)
}

func summary(label string, r scoring.Result) filingSummary {
	n := scoring.FormatNumber
	return filingSummary{Label: label, Raw: n(r.Raw), Applicable: n(r.Applicable), Full: n(r.Full), Scaled: n(r.Scaled),
		Bonus: n(r.Bonus), Deduction: n(r.Deduction), Total: n(r.Total),
		Met:      strconv.Itoa(r.Met) + "/" + strconv.Itoa(r.Arisen) + " (" + n(r.MetRate()) + "%)",
		Exceeded: strconv.Itoa(r.Exceeded) + "/" + strconv.Itoa(r.Exceedable) + " (" + n(r.ExceededRate()) + "%)"}
}
