package web

import (
	"html/template"
	"strconv"
	"strings"

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
	SelfSum, ReviewSum template.HTML // both results' summaries (summaryHTML)
	Badge              template.HTML // the filing's status (statusBadge)
	ShowReview         bool          // the filing page shows the reviewed result
	Base               string        // the filing's address: /years/<year>/filings/<unit>
	Head               template.HTML // the filing page above its results (head)
	Lines              template.HTML // Rows as the page shows them (lines)
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

// filingView is page's model ("filing" or "review"): only that page's
// cells are worked out. form holds what was typed (nil: show what is
// stored), errors the form's problems by field.
func filingView(v app.FilingView, page string, form, errors map[string]string) filingData {
	d := filingData{FilingView: v, Rows: make([]filingRow, 0, len(v.Table.Criteria)),
		SelfSum: summaryHTML(summary("Tự chấm", v.Self)), ReviewSum: summaryHTML(summary("Thẩm định", v.Reviewed)),
		Badge: statusBadge(v.Filing.Status), ShowReview: v.Filing.Status == scoring.Reviewed || len(v.Filing.Review) > 0,
		Base: "/years/" + strconv.Itoa(v.Filing.Year) + "/filings/" + strconv.FormatInt(v.Unit.ID, 10)}
	forReview := page == "review"
	depth := make(map[int64]int, len(v.Table.Criteria))
	for i, c := range v.Table.Criteria {
		if c.ParentID != 0 {
			depth[c.ID] = depth[c.ParentID] + 1
		}
		r := filingRow{ID: strconv.FormatInt(c.ID, 10), Code: c.Code, Name: c.Name, Depth: depthClass(depth[c.ID]),
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

		r.MaxPlain = scoring.FormatNumber(c.Max)
		if !forReview {
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
			d.Rows = append(d.Rows, r)
			continue
		}

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

// depthClasses are the code cell's indentation classes of the usual depths.
var depthClasses = [...]string{"depth-0", "depth-1", "depth-2", "depth-3", "depth-4", "depth-5"}

// depthClass is the code cell's indentation class at depth n.
func depthClass(n int) string {
	if n >= 0 && n < len(depthClasses) {
		return depthClasses[n]
	}
	return "depth-" + strconv.Itoa(n)
}

// target is an indicator's line under its name: what is counted, out of
// what, and its targets.
func target(c scoring.Criterion) string {
	var b strings.Builder // one allocation: the texts are long
	b.Grow(len(c.Numerator) + len(c.Denominator) + 80)
	b.WriteString(c.Numerator)
	if c.Denominator != "" {
		b.WriteString(" / ")
		b.WriteString(c.Denominator)
	}
	pct := ""
	if c.IsRate() {
		pct = "%"
	}
	if c.TargetSector != nil {
		b.WriteString(" · chỉ tiêu Ngành ")
		b.WriteString(scoring.FormatNumber(*c.TargetSector))
		b.WriteString(pct)
	}
	if c.TargetNA != nil {
		b.WriteString(" · chỉ tiêu Quốc hội ")
		b.WriteString(scoring.FormatNumber(*c.TargetNA))
		b.WriteString(pct)
	}
	return b.String()
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

// lines writes the criteria table's rows of page ("filing" or "review")
// as HTML (htmlLines): a national table's rows through the template were
// most of these pages' time. The markup is the templates' as it was
// (html_lines_test.go compares the two).
func (d filingData) lines(page string) template.HTML {
	var w htmlLines
	w.b.Grow(1600 * len(d.Rows))
	attachments := "" // the rows' links to their evidence files, once the filing is saved
	if d.Filing.ID != 0 {
		attachments = "/years/" + strconv.Itoa(d.Filing.Year) + "/filings/" + strconv.FormatInt(d.Unit.ID, 10) + "/entries/"
	}
	for _, r := range d.Rows {
		if page == "review" {
			r.writeReview(&w)
		} else {
			r.writeFiling(&w, attachments)
		}
	}
	return w.html()
}

// group writes a heading row spanning the table's other columns.
func (r filingRow) group(w *htmlLines, colspan string) {
	w.raw(`<tr class="table-light"><th scope="row">`)
	w.text(r.Code)
	w.raw(`</th><th colspan="`)
	w.raw(colspan)
	w.raw(`">`)
	w.text(r.Name)
	w.raw("</th></tr>\n")
}

// codeCell writes the row's code cell, indented by its depth.
func (r filingRow) codeCell(w *htmlLines) {
	w.raw(`<td class="text-nowrap `)
	w.text(r.Depth)
	w.raw(` stack-code">`)
	w.text(r.Code)
	w.raw("</td>\n")
}

// input writes one of the row's number inputs: its name before "_<id>",
// its value, and its label before the criterion's code.
func (r filingRow) input(w *htmlLines, class, prefix, name, value, label, side string) {
	w.raw(`<input class="`)
	w.raw(class)
	w.raw(`" name="`)
	w.raw(prefix)
	w.raw(name)
	w.raw(`_`)
	w.text(r.ID)
	w.raw(`" value="`)
	w.text(value)
	w.raw(`" inputmode="decimal" aria-label="`)
	w.raw(label)
	w.raw(side)
	w.raw(`, tiêu chí `)
	w.text(r.Code)
	w.raw(`">`)
}

// inputs writes the row's number inputs (numerator and denominator, or a
// score) and its "không phát sinh" box: prefix "" and side "" for the
// unit's, "r" and " thẩm định" for the reviewer's.
func (r filingRow) inputs(w *htmlLines, prefix, side, n, d, s string, notArisen bool) {
	if r.Indicator {
		w.raw(`<div class="input-group input-group-sm">`)
		r.input(w, "form-control", prefix, "n", n, "Tử số", side)
		if r.Rate {
			w.raw(`<span class="input-group-text">/</span>`)
			r.input(w, "form-control", prefix, "d", d, "Mẫu số", side)
		}
		w.raw("</div>\n")
	} else {
		score := " tự chấm"
		if side != "" {
			score = side
		}
		r.input(w, "form-control form-control-sm", prefix, "s", s, "Điểm", score)
		w.raw("\n")
	}
	if r.NA {
		w.raw(`<div class="form-check small mt-1"><input class="form-check-input" type="checkbox" name="`)
		w.raw(prefix)
		w.raw(`na_`)
		w.text(r.ID)
		w.raw(`" id="`)
		w.raw(prefix)
		w.raw(`na_`)
		w.text(r.ID)
		w.raw(`" value="1"`)
		if notArisen {
			w.raw(` checked`)
		}
		w.raw(`><label class="form-check-label" for="`)
		w.raw(prefix)
		w.raw(`na_`)
		w.text(r.ID)
		w.raw(`">Không phát sinh</label></div>` + "\n")
	}
}

// div writes a line under the criterion's name.
func div(w *htmlLines, class, prefix, s string) {
	w.raw(`<div class="`)
	w.raw(class)
	w.raw(`">`)
	w.raw(prefix)
	w.text(s)
	w.raw(`</div>`)
}

// writeFiling writes the row as the filing page shows it; attachments is
// the start of its evidence files' link, "" when the filing is not saved.
func (r filingRow) writeFiling(w *htmlLines, attachments string) {
	if r.Group {
		r.group(w, "5")
		return
	}
	if r.Error != "" {
		w.raw(`<tr class="table-danger">` + "\n")
	} else {
		w.raw("<tr>\n")
	}
	r.codeCell(w)
	w.raw(`<td class="stack-name">`)
	w.text(r.Name)
	w.raw("\n")
	if r.Indicator {
		div(w, "small text-body-secondary", "", r.Target)
	}
	if r.Adjusted != "" {
		div(w, "small text-warning-emphasis", "", r.Adjusted)
	}
	if r.Error != "" {
		div(w, "text-danger small", "", r.Error)
	}
	w.raw("\n</td>\n" + `<td class="text-end" data-label="Tối đa">`)
	w.text(r.Max)
	w.raw("</td>\n" + `<td class="filing-inputs stack-block" data-label="Tự chấm">` + "\n")
	r.inputs(w, "", "", r.N, r.D, r.S, r.SelfNotArisen)
	w.raw("</td>\n" + `<td class="stack-block" data-label="Giải trình, tài liệu chứng minh">` + "\n" +
		`<textarea class="form-control form-control-sm" name="x_`)
	w.text(r.ID)
	w.raw(`" rows="1" aria-label="Giải trình, tiêu chí `)
	w.text(r.Code)
	w.raw(`" placeholder="Giải trình">`)
	w.text(r.X)
	w.raw("</textarea>\n" + `<input class="form-control form-control-sm mt-1" name="e_`)
	w.text(r.ID)
	w.raw(`" value="`)
	w.text(r.E)
	w.raw(`" aria-label="Tài liệu chứng minh, tiêu chí `)
	w.text(r.Code)
	w.raw(`" placeholder="Tài liệu chứng minh (số, ngày văn bản)">` + "\n")
	if attachments != "" {
		w.raw(`<a class="small" href="`)
		w.raw(attachments)
		w.text(r.ID)
		w.raw(`/attachments">Tệp minh chứng</a>` + "\n")
	}
	w.raw("</td>\n" + `<td class="text-end text-nowrap" data-label="Điểm"><div>`)
	if r.Excluded {
		w.raw(`<span class="text-body-secondary small">không tính</span>`)
	} else {
		w.text(r.Points)
		if r.Outcome != "" {
			div(w, "small text-body-secondary", "", r.Outcome)
		}
	}
	w.raw("</div></td>\n</tr>\n")
}

// writeReview writes the row as the review page shows it.
func (r filingRow) writeReview(w *htmlLines) {
	if r.Group {
		r.group(w, "6")
		return
	}
	w.raw(`<tr class="`)
	w.text(r.Class)
	w.raw("\">\n")
	r.codeCell(w)
	w.raw(`<td class="stack-name">`)
	w.text(r.Name)
	if r.Explanation != "" {
		div(w, "small text-body-secondary", "Giải trình: ", r.Explanation)
	}
	if r.Evidence != "" {
		div(w, "small text-body-secondary", "Chứng minh: ", r.Evidence)
	}
	w.raw("\n")
	if r.Error != "" {
		div(w, "text-danger small", "", r.Error)
	}
	w.raw("</td>\n" + `<td class="text-end" data-label="Tối đa">`)
	w.text(r.MaxPlain)
	w.raw("</td>\n" + `<td class="small text-nowrap" data-label="Đơn vị tự chấm">`)
	w.text(r.Declared)
	w.raw("</td>\n" + `<td class="filing-inputs stack-block" data-label="Thẩm định">` + "\n")
	r.inputs(w, "r", " thẩm định", r.RN, r.RD, r.RS, r.ReviewNotArisen)
	w.raw("</td>\n" + `<td class="stack-block" data-label="Nhận xét"><textarea class="form-control form-control-sm" name="rc_`)
	w.text(r.ID)
	w.raw(`" rows="1" aria-label="Nhận xét, tiêu chí `)
	w.text(r.Code)
	w.raw(`">`)
	w.text(r.RC)
	w.raw("</textarea></td>\n" + `<td class="text-end text-nowrap" data-label="Điểm tự chấm → thẩm định"><span>`)
	w.text(r.SelfPoints)
	w.raw(` → <strong>`)
	w.text(r.RevPoints)
	w.raw("</strong></span></td>\n</tr>\n")
}

// summaryHTML writes a result's summary as both pages show it (it was
// the filing-summary template: 18 escaped values a page).
func summaryHTML(s filingSummary) template.HTML {
	var w htmlLines
	w.grow(900)
	dd := func(dt, ddClass, before, v string) {
		w.raw("\n  <dt class=\"col-7")
		w.raw(dt)
		w.raw(`<dd class="col-5 text-end`)
		w.raw(ddClass)
		w.raw(`">`)
		w.raw(before)
		w.text(v)
		w.raw("</dd>")
	}
	w.raw("\n" + `<dl class="row small mb-0">` + "\n  " + `<dt class="col-7">`)
	w.text(s.Label)
	w.raw(`: điểm đạt</dt><dd class="col-5 text-end">`)
	w.text(s.Raw)
	w.raw(" / ")
	w.text(s.Applicable)
	w.raw("</dd>\n  " + `<dt class="col-7">Quy đổi thang `)
	w.text(s.Full)
	w.raw(`</dt><dd class="col-5 text-end">`)
	w.text(s.Scaled)
	w.raw("</dd>")
	dd(`">Điểm thưởng</dt>`, "", "+", s.Bonus)
	dd(`">Điểm trừ</dt>`, "", "−", s.Deduction)
	dd(` fs-6">Tổng điểm</dt>`, " fs-6 fw-bold", "", s.Total)
	dd(`">Chỉ tiêu phát sinh đạt</dt>`, "", "", s.Met)
	dd(`">Chỉ tiêu vượt</dt>`, "", "", s.Exceeded)
	w.raw("\n</dl>\n")
	return w.html()
}

// statusBadge writes a filing's status as a badge.
func statusBadge(st scoring.Status) template.HTML {
	class := "text-bg-secondary"
	switch st {
	case scoring.Reviewed:
		class = "text-bg-success"
	case scoring.Submitted:
		class = "text-bg-primary"
	case scoring.Returned:
		class = "text-bg-danger"
	case scoring.Draft:
		class = "text-bg-warning"
	}
	var w htmlLines
	w.raw(`<span class="badge `)
	w.raw(class)
	w.raw(`">`)
	w.text(st.Label())
	w.raw(`</span>`)
	return w.html()
}

// head writes the filing page above its results: the breadcrumb, the
// title (title), the table and status, the buttons, and the notices of
// an extension, a passed deadline or a return. Some 40 escaped values
// (most of them in links) were this page's largest template cost after
// its rows.
func (d filingData) head(title string) template.HTML {
	var w htmlLines
	w.grow(2500)
	year := strconv.Itoa(d.Filing.Year)
	w.raw(`<nav aria-label="breadcrumb"><ol class="breadcrumb">` + "\n" + `  <li class="breadcrumb-item"><a href="/years/`)
	w.raw(year)
	w.raw(`">Năm `)
	w.raw(year)
	w.raw(`</a></li>` + "\n" + `  <li class="breadcrumb-item"><a href="/years/`)
	w.raw(year)
	w.raw(`/ranking">Kết quả chấm điểm</a></li>` + "\n" + `  <li class="breadcrumb-item active" aria-current="page">`)
	w.text(d.Unit.Name)
	w.raw(`</li>` + "\n</ol></nav>\n" + `<div class="d-flex flex-wrap align-items-start justify-content-between gap-2 mb-2">` + "\n  <div>\n" +
		`    <h1 class="h3 mb-1">`)
	w.text(title)
	w.raw("</h1>\n" + `    <p class="text-body-secondary mb-0">`)
	w.text(d.Info.Name)
	if d.Info.VersionNo > 1 {
		w.raw(` (phiên bản `)
		w.raw(strconv.Itoa(d.Info.VersionNo))
		w.raw(`)`)
	}
	w.raw(` · `)
	w.raw(string(d.Badge))
	if d.Deadline != nil {
		w.raw(` · hạn nộp `)
		w.text(formatDate(d.Deadline))
	}
	w.raw("</p>\n  </div>\n" + `  <div class="d-flex flex-wrap gap-2">` + "\n    ")
	link := func(class, path, label string) {
		w.raw(`<a class="btn `)
		w.raw(class)
		w.raw(`" href="`)
		w.raw(d.Base) // digits and slashes: nothing to escape
		w.raw(path)
		w.raw(`">`)
		w.raw(label)
		w.raw(`</a>`)
	}
	if d.CanReview {
		link("btn-primary", "/review", "Thẩm định")
	}
	w.raw("\n    ")
	if d.Filing.ID != 0 {
		link("btn-outline-secondary", "/timeline", "Diễn biến hồ sơ")
		w.raw("\n    ")
		link("btn-outline-secondary", "/history", "Lịch sử chấm điểm")
		w.raw("\n    ")
		link("btn-outline-secondary", "/workbook", "Tải Excel")
	}
	w.raw("\n    ")
	if d.CanEdit {
		link("btn-outline-secondary", "/template", "Tải mẫu Excel để tự chấm")
		w.raw("\n    ")
		link("btn-outline-primary", "/import", "Nhập từ tệp Excel")
	}
	w.raw("\n  </div>\n</div>\n")
	if x := d.Extension; x != nil {
		w.raw(`<div class="alert alert-info deadline-extension">Hạn nộp của đơn vị được Hội đồng gia hạn đến <strong>`)
		w.text(formatDate(x.Until))
		w.raw(`</strong> (`)
		w.text(x.FullName)
		w.raw(`, `)
		w.text(formatDateTime(x.CreatedAt))
		w.raw(`). Lý do: `)
		w.text(x.Reason)
		w.raw(`</div>`)
	}
	w.raw("\n")
	if d.Closed && d.Filing.Status.UnitMayEdit() {
		w.raw(`<div class="alert alert-warning">Đã hết hạn nộp bản tự chấm điểm (`)
		w.text(formatDate(d.Deadline))
		w.raw(`); bản này không còn sửa, nộp được. Nếu cần, đề nghị Hội đồng thi đua – khen thưởng xem xét.</div>`)
	}
	w.raw("\n")
	if d.Filing.Status == scoring.Returned {
		w.raw(`<div class="alert alert-danger"><strong>Cụm trưởng đã trả lại để sửa:</strong> `)
		w.text(d.Filing.ReturnReason)
		w.raw(`</div>`)
	}
	return w.html()
}
