package web

import (
	"html/template"
	"strconv"
)

// The person page's record forms, written here rather than by the page's
// template: each field of a form asks whether that form failed, for its
// error and for the value sent back, and those pipelines were most of
// what the template still executed on a person's page (html/template
// reflects on every value it prints). The markup is the template's as
// it was (person_show_forms_test.go compares the two on hostile values).

// recordFormWriter writes one page's record forms: the form that failed
// (if any) gets the sent values and the fields' errors back.
type recordFormWriter struct {
	w            *htmlLines
	failed       bool              // the form being written is the one that failed
	errors, sent map[string]string // Page.Errors, Page.Form
	person, csrf string
}

// writeForms writes the record forms the user may fill in (RatingForm …)
// and the pending matters' lines with their closing forms into w; errors
// and sent are the failed form's (d.Failed says which).
func (d *personShowData) writeForms(w *htmlLines, csrf string, errors, sent map[string]string) {
	f := recordFormWriter{w: w, errors: errors, sent: sent, person: strconv.FormatInt(d.Record.Person.ID, 10), csrf: csrf}
	start := w.b.Len()
	for _, r := range d.PendingRows {
		w.raw(`<li class="mb-2"><strong>`)
		w.text(r.Label)
		w.raw("</strong>: ")
		w.text(r.Text)
		w.raw("\n          ")
		if d.CanEdit && r.Open {
			f.pendingClose(r)
		}
		w.raw("</li>" + lineBreak)
	}
	d.PendingLines = section(w, start, `<li class="text-body-secondary">Hồ sơ không ghi nhận vụ việc đang xem xét.</li>`)
	form := func(can, failed bool, write func(*personShowData)) template.HTML {
		if !can {
			return ""
		}
		f.failed = failed
		start := w.b.Len()
		write(d)
		return section(w, start, "")
	}
	d.RatingForm = form(d.CanEdit, d.Failed.Rating, f.rating)
	d.InitiativeForm = form(d.CanEdit, d.Failed.Initiative, f.initiative)
	d.DisciplineForm = form(d.CanEdit, d.Failed.Discipline, f.discipline)
	d.AbsenceForm = form(d.CanEdit, d.Failed.Absence, f.absence)
	d.PendingForm = form(d.CanEdit, d.Failed.Pending, f.pending)
	d.AwardForm = form(d.CanAward, d.Failed.Award, f.award)
}

// pendingClose is the form closing a pending matter.
func (f *recordFormWriter) pendingClose(r periodRow) { writePendingClose(f.w, r.ID, r.Version, f.csrf) }

// writePendingClose writes the form closing pending matter id, read at
// version: on a person's page and, for a unit's matters, on the verdicts
// page (the template function pendingClose).
func writePendingClose(w *htmlLines, matter int64, version int, csrf string) {
	id := strconv.FormatInt(matter, 10)
	w.raw("\n<form method=\"post\" action=\"/pending/" + id + "/close\" class=\"row g-1 mt-1\" novalidate>\n  <input type=\"hidden\" name=\"_csrf\" value=\"")
	w.text(csrf)
	w.raw(`"><input type="hidden" name="version" value="` + strconv.Itoa(version) + "\">\n" +
		`  <div class="col-4"><label class="visually-hidden" for="close-on-` + id + `">Ngày kết thúc</label><input class="form-control form-control-sm" id="close-on-` + id + `" name="closed_on" placeholder="ngày kết thúc"></div>` + "\n" +
		`  <div class="col-5"><label class="visually-hidden" for="close-out-` + id + `">Kết luận</label><input class="form-control form-control-sm" id="close-out-` + id + `" name="outcome" placeholder="kết luận, ví dụ: không có sai phạm"></div>` + "\n" +
		`  <div class="col-3"><button class="btn btn-outline-primary btn-sm" type="submit">Kết thúc</button></div>` + "\n</form>\n")
}

// invalid marks a field the failed form got wrong.
func (f *recordFormWriter) invalid(field string) {
	if f.failed && f.errors[field] != "" {
		f.w.raw(" is-invalid")
	}
}

// fieldError is the "field-error" partial: the field's message.
func (f *recordFormWriter) fieldError(field string) {
	if msg := f.errors[field]; f.failed && msg != "" {
		f.w.raw(`<div class="invalid-feedback d-block">`)
		f.w.text(msg)
		f.w.raw("</div>")
	}
}

// value is what the failed form sent in field (Page.V), or nothing.
func (f *recordFormWriter) value(field string) {
	if f.failed {
		f.w.text(f.sent[field])
	}
}

// valueOr is value, or year in a form that did not fail.
func (f *recordFormWriter) valueOr(field string, year int) {
	if f.failed {
		f.w.text(f.sent[field])
	} else {
		f.w.raw(strconv.Itoa(year))
	}
}

// checked checks a box the failed form sent ticked.
func (f *recordFormWriter) checked(field string) {
	if f.failed && f.sent[field] != "" {
		f.w.raw(" checked")
	}
}

// open starts a form posting to the person's action, with its CSRF token.
func (f *recordFormWriter) open(action, class string) {
	f.w.raw("\n      <form method=\"post\" action=\"/people/" + f.person + "/" + action + "\" class=\"" + class +
		"\" novalidate>\n        <input type=\"hidden\" name=\"_csrf\" value=\"")
	f.w.text(f.csrf)
	f.w.raw("\">")
}

// label opens a field's column with its label; col, id and label are
// constants of this file.
func (f *recordFormWriter) label(col, id, label string) {
	f.w.raw("\n        <div class=\"" + col + "\"><label class=\"form-label small\" for=\"" + id + "\">" + label + "</label>\n          ")
}

// input is a field the server checks: its mark, the value the failed
// form sent back (else year, when not 0), its message. attrs are extra
// attributes, written as given.
func (f *recordFormWriter) input(col, id, name, label, attrs string, year int) {
	f.label(col, id, label)
	f.w.raw(`<input class="form-control form-control-sm`)
	f.invalid(name)
	f.w.raw(`" id="` + id + `" name="` + name + `"` + attrs + ` value="`)
	if year != 0 {
		f.valueOr(name, year)
	} else {
		f.value(name)
	}
	f.w.raw("\">\n          ")
	f.fieldError(name)
	f.w.raw("</div>")
}

// yearInput is the form's year, this year unless the form failed.
func (f *recordFormWriter) yearInput(col, id string, year int) {
	f.input(col, id, "year", "Năm", ` inputmode="numeric"`, year)
}

// date is a field for a date typed Vietnamese style.
func (f *recordFormWriter) date(col, id, name, label string) {
	f.input(col, id, name, label, ` inputmode="numeric" placeholder="ngày/tháng/năm"`, 0)
}

// choice is a select of options, after an empty "— Chọn —" when choose.
func (f *recordFormWriter) choice(col, id, name, label string, choose bool, options template.HTML) {
	f.label(col, id, label)
	f.w.raw(`<select class="form-select form-select-sm`)
	f.invalid(name)
	f.w.raw(`" id="` + id + `" name="` + name + "\">\n            ")
	if choose {
		f.w.raw("<option value=\"\">— Chọn —</option>\n            ")
	}
	f.w.raw(string(options))
	f.w.raw("\n          </select>\n          ")
	f.fieldError(name)
	f.w.raw("</div>")
}

// note is a free-text field the server does not check.
func (f *recordFormWriter) note(col, id, name, label string) {
	f.label(col, id, label)
	f.w.raw(`<input class="form-control form-control-sm" id="` + id + `" name="` + name + `" value="`)
	f.value(name)
	f.w.raw(`"></div>`)
}

// submit ends the form with its button's column.
func (f *recordFormWriter) submit(col, button string) {
	f.w.raw("\n        <div class=\"" + col + "\">" + button + "</div>\n      </form>\n      ")
}

const addButton = `<button class="btn btn-primary btn-sm" type="submit">Thêm</button>`

// rating writes the form adding the year's rating.
func (f *recordFormWriter) rating(d *personShowData) {
	f.open("ratings", "row g-2 align-items-start")
	f.yearInput("col-4", "rating-year", d.Year)
	f.choice("col-5", "rating", "rating", "Xếp loại", true, d.RatingOptions)
	f.submit("col-3 pt-4", `<button class="btn btn-primary btn-sm mt-1" type="submit">Lưu</button>`)
}

// initiative writes the form adding an initiative.
func (f *recordFormWriter) initiative(d *personShowData) {
	f.open("initiatives", "row g-2")
	f.yearInput("col-3", "init-year", d.Year)
	f.input("col-9", "init-title", "title", "Tên sáng kiến, đề tài", "", 0)
	f.choice("col-5", "init-level", "level", "Cấp công nhận", true, d.LevelOptions)
	f.w.raw("\n        <div class=\"col-4 d-flex align-items-end\"><div class=\"form-check\">\n          <input class=\"form-check-input\" type=\"checkbox\" id=\"init-applied\" name=\"applied\" value=\"1\"")
	f.checked("applied")
	f.w.raw(">\n          <label class=\"form-check-label small\" for=\"init-applied\">Đã nghiệm thu, áp dụng</label></div></div>")
	f.submit("col-3 d-flex align-items-end", addButton)
}

// discipline writes the form adding a discipline.
func (f *recordFormWriter) discipline(d *personShowData) {
	f.open("disciplines", "row g-2")
	f.choice("col-md-4", "disc-measure", "measure", "Hình thức", true, d.MeasureOptions)
	f.date("col-6 col-md-4", "disc-from", "from", "Có hiệu lực từ")
	f.date("col-6 col-md-4", "disc-to", "to", "Hết hiệu lực ngày")
	f.note("col-9", "disc-note", "note", "Ghi chú (số quyết định)")
	f.submit("col-3 d-flex align-items-end", addButton)
}

// absence writes the form adding a long absence.
func (f *recordFormWriter) absence(d *personShowData) {
	f.open("absences", "row g-2")
	f.choice("col-md-4", "abs-kind", "kind", "Loại nghỉ", true, d.AbsenceOptions)
	f.date("col-6 col-md-4", "abs-from", "from", "Từ ngày")
	f.date("col-6 col-md-4", "abs-to", "to", "Đến ngày")
	f.note("col-9", "abs-note", "note", "Ghi chú (căn cứ)")
	f.submit("col-3 d-flex align-items-end", addButton)
}

// pending writes the form adding a matter under review.
func (f *recordFormWriter) pending(d *personShowData) {
	f.open("pending", "row g-2")
	f.choice("col-md-6", "pend-kind", "kind", "Loại vụ việc", true, d.PendingOptions)
	f.date("col-6 col-md-6", "pend-from", "from", "Từ ngày")
	f.note("col-9", "pend-note", "note", "Ghi chú (căn cứ)")
	f.submit("col-3 d-flex align-items-end", addButton)
}

// award writes the form adding an award, for those who may record one.
func (f *recordFormWriter) award(d *personShowData) {
	f.open("awards", "row g-2")
	f.yearInput("col-3", "award-year", d.Year)
	f.choice("col-9", "award-title", "title", "Danh hiệu", true, d.TitleOptions)
	f.choice("col-md-6", "award-kind", "kind", "Loại hình khen thưởng", false, d.KindOptions)
	f.input("col-md-6", "award-no", "decision_no", "Số quyết định", "", 0)
	f.date("col-md-6", "award-date", "decision_date", "Ngày quyết định")
	f.note("col-md-6", "award-signer", "signer", "Người ký")
	f.submit("col-12", `<button class="btn btn-primary btn-sm" type="submit">Ghi nhận khen thưởng</button>`)
}
