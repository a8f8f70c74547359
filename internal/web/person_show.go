package web

import (
	"html/template"
	"strconv"
	"time"

	"thidua/internal/app"
	"thidua/internal/award"
)

// personShowData is a person's page with every line of the record worked
// out here rather than by template functions line by line (labels, dates,
// the status marks, the forms' option lists): executing the template was
// most of the page's time, and each pipeline costs reflection calls. The
// page model is a named field, not embedded: a template reads a promoted
// field by a reflective search through the embedded structs, with
// allocations, each time it is named (CanEdit, on every line).
type personShowData struct {
	Record            app.PersonPage
	CanEdit, CanAward bool
	Verdicts          app.Verdicts
	FormName          string // the record form an error belongs to
	Failed            failedForm
	Year              int // the default year of the record forms

	Since, RecruitedOn, JoinedSectorOn, BirthDate, Sex string // "" when not recorded
	MoveLines                                          []string
	VerdictViews                                       []verdictView
	RatingRows                                         []ratingRow
	InitiativeRows                                     []initiativeRow
	DisciplineRows, AbsenceRows, PendingRows           []periodRow
	AwardRows                                          []awardRow

	// The record's lists as HTML (htmlLines, writeLines), each line with
	// the form deleting or revoking it for those who may.
	RatingLines, InitiativeLines, DisciplineLines, AbsenceLines, AwardLines template.HTML

	// The record forms' options, the value sent back selected when that
	// form failed.
	RatingOptions, LevelOptions, MeasureOptions, AbsenceOptions template.HTML
	PendingOptions, TitleOptions, KindOptions                   template.HTML

	// The top of the page (writeHead), the pending matters' lines and the
	// record forms for those who may use them (writeForms).
	Head                                                                            template.HTML
	PendingLines                                                                    template.HTML
	RatingForm, InitiativeForm, DisciplineForm, AbsenceForm, PendingForm, AwardForm template.HTML
}

// failedForm says which record form failed (FormName), one flag each: a
// template reads a field where "eq" would be a reflection call per form.
type failedForm struct{ Rating, Initiative, Discipline, Absence, Pending, Revoke, Award bool }

func failedFormOf(name string) failedForm {
	return failedForm{Rating: name == "rating", Initiative: name == "initiative", Discipline: name == "discipline",
		Absence: name == "absence", Pending: name == "pending", Revoke: name == "revoke", Award: name == "award"}
}

type ratingRow struct{ Year, Label string }

type initiativeRow struct {
	ID          int64
	Line, Title string // Line: "year: title"
	Level       string
	Applied     bool
}

// periodRow is a discipline, an absence or a pending matter: its kind and
// "từ … đến …" with the note. ID and Version serve the forms acting on it.
type periodRow struct {
	ID      int64
	Version int
	Label   string
	Text    string
	Open    bool // a pending matter not yet closed
}

type awardRow struct {
	ID           int64
	Revoked      bool
	Line, Kind   string // Line: "year: title"
	Decision     string // "Quyết định số … ngày …, signer"
	DecisionNo   string
	RevokeReason string
}

// personShowView works out the person's page; formName and form are the
// record form that failed and what was sent in it.
func personShowView(v app.PersonPage, year int, formName string, form map[string]string) personShowData {
	p := v.Person
	d := personShowData{Record: v, CanEdit: v.CanEdit, CanAward: v.CanAward, Verdicts: v.Verdicts, FormName: formName, Failed: failedFormOf(formName), Year: year,
		Since: formatDate(p.Since), RecruitedOn: formatDate(p.RecruitedOn), JoinedSectorOn: formatDate(p.JoinedSectorOn),
		BirthDate: formatDate(p.BirthDate), Sex: p.SexLabel(), VerdictViews: verdictViews(v.Verdicts.Verdicts)}
	for _, m := range v.Moves {
		d.MoveLines = append(d.MoveLines, formatDate(m.OnDate)+": "+m.FromName+" → "+m.ToName+parenthesised(m.Note))
	}
	for _, r := range v.Ratings {
		d.RatingRows = append(d.RatingRows, ratingRow{Year: strconv.Itoa(r.Year), Label: award.Rating(r.Rating).Label()})
	}
	for _, in := range v.Initiatives {
		d.InitiativeRows = append(d.InitiativeRows, initiativeRow{ID: in.ID, Line: strconv.Itoa(in.Year) + ": " + in.Title, Title: in.Title,
			Level: award.Level(in.Level).Label(), Applied: in.Applied})
	}
	for _, x := range v.Disciplines {
		d.DisciplineRows = append(d.DisciplineRows, periodRow{ID: x.ID, Label: award.Measure(x.Measure).Label(),
			Text: period(x.FromDate, x.ToDate, " (chưa hết hiệu lực)") + dashed(x.Note)})
	}
	for _, x := range v.Absences {
		d.AbsenceRows = append(d.AbsenceRows, periodRow{ID: x.ID, Label: award.AbsenceKind(x.Kind).Label(),
			Text: period(x.FromDate, x.ToDate, " (đang nghỉ)") + dashed(x.Note)})
	}
	for _, x := range v.Pending {
		text := period(x.OpenedOn, x.ClosedOn, "")
		if x.Outcome != "" {
			text += " — kết luận: " + x.Outcome
		}
		d.PendingRows = append(d.PendingRows, periodRow{ID: x.ID, Version: x.Version, Label: award.PendingKind(x.Kind).Label(),
			Text: text + parenthesised(x.Note), Open: x.ClosedOn == nil})
	}
	for _, a := range v.Awards {
		r := awardRow{ID: a.ID, Revoked: a.Revoked, Line: strconv.Itoa(a.Year) + ": " + award.Title(a.Title).Label(),
			Kind: award.Kind(a.Kind).Label(), Decision: "Quyết định số " + a.DecisionNo, DecisionNo: a.DecisionNo, RevokeReason: a.RevokeReason}
		if a.DecisionDate != nil {
			r.Decision += " ngày " + formatDate(a.DecisionDate)
		}
		if a.Signer != "" {
			r.Decision += ", " + a.Signer
		}
		d.AwardRows = append(d.AwardRows, r)
	}
	sent := func(name, field string) string {
		if formName != name {
			return ""
		}
		return form[field]
	}
	d.RatingOptions = ratingOptions(sent("rating", "rating"))
	d.LevelOptions = levelOptions(sent("initiative", "level"))
	d.MeasureOptions = measureOptions(sent("discipline", "measure"))
	d.AbsenceOptions = absenceOptions(sent("absence", "kind"))
	d.PendingOptions = pendingOptions(sent("pending", "kind"))
	d.TitleOptions = titleOptions(sent("award", "title"))
	d.KindOptions = kindOptions(sent("award", "kind"))
	return d
}

// period is "từ <from>" and " đến <to>", or open when there is no end.
func period(from time.Time, to *time.Time, open string) string {
	if to == nil {
		return "từ " + formatDate(from) + open
	}
	return "từ " + formatDate(from) + " đến " + formatDate(to)
}

func dashed(note string) string {
	if note == "" {
		return ""
	}
	return " — " + note
}

func parenthesised(note string) string {
	if note == "" {
		return ""
	}
	return " (" + note + ")"
}

// The record forms' option lists.
var (
	ratingOptions  = optionsOf([]award.Rating{award.XuatSac, award.Tot, award.HoanThanh, award.KhongHoanThanh})
	levelOptions   = optionsOf([]award.Level{award.CapCoSo, award.CapNganh, award.CapToanQuoc})
	measureOptions = optionsOf([]award.Measure{award.KhienTrach, award.CanhCao, award.HaBacLuong, award.GiangChuc, award.CachChuc, award.BuocThoiViec})
	absenceOptions = optionsOf(award.AbsenceKinds)
	pendingOptions = optionsOf(award.PendingKinds)
	titleOptions   = optionsOf(award.IndividualTitles)
	kindOptions    = optionsOf([]award.Kind{award.Merit, award.Campaign, award.AdHoc, award.Career, award.Foreign})
)

// optionsOf is options of values, written once for the usual case of
// none selected (every form of a page but the one that failed).
func optionsOf[T interface {
	~string
	Label() string
}](values []T) func(selected string) template.HTML {
	none := options(values, "")
	return func(selected string) template.HTML {
		if selected == "" {
			return none
		}
		return options(values, selected)
	}
}

// options writes a select's options, the one whose value is selected
// marked: one HTML value instead of three pipelines per option.
func options[T interface {
	~string
	Label() string
}](values []T, selected string) template.HTML {
	var w htmlLines
	for _, v := range values {
		w.raw(`<option value="`)
		w.text(string(v))
		if selected != "" && string(v) == selected {
			w.raw(`" selected>`)
		} else {
			w.raw(`">`)
		}
		w.text(v.Label())
		w.raw("</option>")
	}
	return w.html()
}

// verdictView is an award.Verdict as the pages show it (verdictView.write), its
// criteria written as HTML (htmlLines): four verdicts of some six
// criteria each were a third of the person page's pipelines.
type verdictView struct {
	Title, Outcome, Badge string
	Reasons               template.HTML // the criteria's <li> lines
}

// The status marks of a criterion.
const (
	markMet       = `<span class="text-success" aria-label="đạt">✓</span>`
	markJudgement = `<span class="text-warning" aria-label="chưa đủ thông tin">?</span>`
	markDeferred  = `<span class="text-warning" aria-label="tạm hoãn">⏸</span>`
	markUnmet     = `<span class="text-danger" aria-label="không đạt">✗</span>`
)

func verdictViews(vs []award.Verdict) []verdictView {
	out := make([]verdictView, len(vs))
	// Every verdict's criteria in one buffer grown once, at about the size
	// a criterion takes, each verdict's a section of it: a buffer of each
	// verdict's own was grown line by line, a dozen times a page.
	var lines htmlLines
	n := 0
	for _, v := range vs {
		n += len(v.Reasons)
	}
	lines.grow(n * 256)
	for i, v := range vs {
		w := verdictView{Title: v.Title.Label(), Outcome: v.Outcome.Label(), Badge: "text-bg-warning"}
		switch v.Outcome {
		case award.Eligible:
			w.Badge = "text-bg-success"
		case award.NotEligible:
			w.Badge = "text-bg-danger"
		}
		start := lines.len()
		for _, r := range v.Reasons {
			writeReason(&lines, r)
		}
		w.Reasons = section(&lines, start, "")
		out[i] = w
	}
	return out
}

// writeReason writes one criterion: its mark, text, provision and what is
// missing and who supplies it, or who decides.
func writeReason(w *htmlLines, r award.Reason) {
	w.raw("<li>")
	switch {
	case r.Met:
		w.raw(markMet)
	case r.Judgement:
		w.raw(markJudgement)
	case r.Deferred:
		w.raw(markDeferred)
	default:
		w.raw(markUnmet)
	}
	w.raw("\n      ")
	w.text(r.Text)
	if r.Article != "" {
		w.raw(` <span class="text-body-secondary">(`)
		w.text(r.Article)
		w.raw(")</span>")
	}
	w.raw("\n      ")
	switch {
	case r.Missing != "":
		w.raw(`<div class="ms-3 text-body-secondary">Thiếu: `)
		w.text(r.Missing)
		if r.Supplier != "" {
			w.raw(" — do ")
			w.text(r.Supplier)
			w.raw(" cung cấp")
		}
		w.raw(".</div>")
	case r.Judgement && r.Supplier != "":
		w.raw(`<div class="ms-3 text-body-secondary">Người quyết định: `)
		w.text(r.Supplier)
		w.raw(".</div>")
	}
	w.raw("</li>")
}

// Between the record's lines, as the page's template indents them.
const lineBreak = "\n        "

// write writes the page's parts that are HTML (Head, the record's lines,
// the forms) into one buffer, grown once to about the size they take.
func (d *personShowData) write(csrf string, errors, sent map[string]string) {
	var w htmlLines
	w.grow(32 << 10) // the largest small allocation; a long record grows it once
	start := w.b.Len()
	d.writeHead(&w)
	d.Head = section(&w, start, "")
	d.writeLinesTo(&w, csrf)
	d.writeForms(&w, csrf, errors, sent)
}

// writeLines writes the record's lists (RatingLines …) with their delete
// and revoke forms, which carry the page's CSRF token.
func (d *personShowData) writeLines(csrf string) {
	var w htmlLines
	d.writeLinesTo(&w, csrf)
}

// section is what w got since start, or none when nothing: a page's
// sections share one buffer, and a string taken from it stays as it was
// however the buffer grows after (strings.Builder only appends).
func section(w *htmlLines, start int, none template.HTML) template.HTML {
	if w.b.Len() == start {
		return none
	}
	return template.HTML(w.b.String()[start:]) //nolint:gosec // written by htmlLines
}

// writeLinesTo is writeLines into w.
func (d *personShowData) writeLinesTo(w *htmlLines, csrf string) {
	person := strconv.FormatInt(d.Record.Person.ID, 10)
	deleteForm := func(w *htmlLines, path, confirm string) {
		w.raw(`<form method="post" action="/people/`)
		w.text(person)
		w.raw(path)
		w.raw(`?_method=DELETE" data-confirm="`)
		w.text(confirm)
		w.raw("\">\n            <input type=\"hidden\" name=\"_csrf\" value=\"")
		w.text(csrf)
		w.raw(`"><button class="btn btn-outline-danger btn-sm" type="submit">Xóa</button></form>`)
	}
	start := w.b.Len()
	for _, r := range d.RatingRows {
		w.raw("<tr><td>")
		w.text(r.Year)
		w.raw("</td><td>")
		w.text(r.Label)
		w.raw("</td>\n          ")
		if d.CanEdit {
			w.raw(`<td class="text-end">`)
			deleteForm(w, "/ratings/"+r.Year, "Xóa kết quả xếp loại năm "+r.Year+"?")
			w.raw("</td>")
		}
		w.raw("</tr>" + lineBreak)
	}
	d.RatingLines = section(w, start, `<tr><td colspan="3" class="text-body-secondary">Chưa có kết quả xếp loại.</td></tr>`)

	start = w.b.Len()
	for _, r := range d.InitiativeRows {
		w.raw(`<li class="d-flex justify-content-between gap-2 mb-1"><span>`)
		w.text(r.Line)
		w.raw(` <span class="badge text-bg-light">`)
		w.text(r.Level)
		w.raw("</span>")
		if r.Applied {
			w.raw(` <span class="badge text-bg-info">đã áp dụng</span>`)
		}
		w.raw("</span>\n          ")
		if d.CanEdit {
			deleteForm(w, "/initiatives/"+strconv.FormatInt(r.ID, 10), "Xóa sáng kiến "+r.Title+"?")
		}
		w.raw("</li>" + lineBreak)
	}
	d.InitiativeLines = section(w, start, `<li class="text-body-secondary">Chưa có sáng kiến, đề tài.</li>`)

	periods := func(rows []periodRow, path, confirm string, none template.HTML) template.HTML {
		start := w.b.Len()
		for _, r := range rows {
			w.raw(`<li class="d-flex justify-content-between gap-2 mb-1"><span><strong>`)
			w.text(r.Label)
			w.raw("</strong>: ")
			w.text(r.Text)
			w.raw("</span>\n          ")
			if d.CanEdit {
				deleteForm(w, path+strconv.FormatInt(r.ID, 10), confirm)
			}
			w.raw("</li>" + lineBreak)
		}
		return section(w, start, none)
	}
	d.DisciplineLines = periods(d.DisciplineRows, "/disciplines/", "Xóa quyết định kỷ luật này?",
		`<li class="text-body-secondary">Không có quyết định kỷ luật.</li>`)
	d.AbsenceLines = periods(d.AbsenceRows, "/absences/", "Xóa thời gian nghỉ này?",
		`<li class="text-body-secondary">Hồ sơ không ghi nhận thời gian nghỉ dài ngày.</li>`)

	start = w.b.Len()
	for _, r := range d.AwardRows {
		if r.Revoked {
			w.raw("<li class=\"mb-2 text-body-secondary\">\n          <s>")
			w.text(r.Line)
			w.raw(`</s> <span class="badge text-bg-danger">Đã hủy bỏ</span>`)
		} else {
			w.raw("<li class=\"mb-2\">\n          <strong>")
			w.text(r.Line)
			w.raw("</strong>")
		}
		w.raw("\n          <span class=\"badge text-bg-light\">")
		w.text(r.Kind)
		w.raw("</span>\n          <div class=\"small\">")
		w.text(r.Decision)
		w.raw("</div>\n          ")
		switch {
		case r.Revoked:
			w.raw(`<div class="small">Lý do hủy bỏ: `)
			w.text(r.RevokeReason)
			w.raw(" (không được tính khi xét danh hiệu)</div>\n          ")
		case d.CanAward:
			w.raw(`<form class="d-flex gap-1 my-1" method="post" action="/people/`)
			w.text(person)
			w.raw("/awards/" + strconv.FormatInt(r.ID, 10) + "/revoke\" data-confirm=\"Hủy bỏ quyết định khen thưởng này?\">\n" +
				"            <input type=\"hidden\" name=\"_csrf\" value=\"")
			w.text(csrf)
			w.raw("\">\n            <input class=\"form-control form-control-sm\" name=\"reason\" placeholder=\"Lý do hủy bỏ\" aria-label=\"Lý do hủy bỏ quyết định ")
			w.text(r.DecisionNo)
			w.raw("\" required>\n            <button class=\"btn btn-outline-danger btn-sm text-nowrap\" type=\"submit\">Hủy bỏ</button>\n          </form>")
		}
		w.raw("</li>" + lineBreak)
	}
	d.AwardLines = section(w, start, `<li class="text-body-secondary">Chưa có khen thưởng.</li>`)
}
