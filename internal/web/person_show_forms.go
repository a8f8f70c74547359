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

// pendingClose is the form closing a pending matter (the "pending-close"
// partial).
func (f *recordFormWriter) pendingClose(r periodRow) {
	id := strconv.FormatInt(r.ID, 10)
	f.w.raw("\n<form method=\"post\" action=\"/pending/" + id + "/close\" class=\"row g-1 mt-1\" novalidate>\n  <input type=\"hidden\" name=\"_csrf\" value=\"")
	f.w.text(f.csrf)
	f.w.raw(`"><input type="hidden" name="version" value="` + strconv.Itoa(r.Version) + "\">\n" +
		`  <div class="col-4"><label class="visually-hidden" for="close-on-` + id + `">Ngày kết thúc</label><input class="form-control form-control-sm" id="close-on-` + id + `" name="closed_on" placeholder="ngày kết thúc"></div>` + "\n" +
		`  <div class="col-5"><label class="visually-hidden" for="close-out-` + id + `">Kết luận</label><input class="form-control form-control-sm" id="close-out-` + id + `" name="outcome" placeholder="kết luận, ví dụ: không có sai phạm"></div>` + "\n" +
		`  <div class="col-3"><button class="btn btn-outline-primary btn-sm" type="submit">Kết thúc</button></div>` + "\n</form>\n")
}

func (f *recordFormWriter) personID()  { f.w.raw(f.person) } // digits
func (f *recordFormWriter) csrfToken() { f.w.text(f.csrf) }

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

// rating writes the form adding the year's rating.
func (f *recordFormWriter) rating(d *personShowData) {
	f.w.raw("\n      <form method=\"post\" action=\"/people/")
	f.personID()
	f.w.raw("/ratings\" class=\"row g-2 align-items-start\" novalidate>\n        <input type=\"hidden\" name=\"_csrf\" value=\"")
	f.csrfToken()
	f.w.raw("\">\n        <div class=\"col-4\"><label class=\"form-label small\" for=\"rating-year\">Năm</label>\n          <input class=\"form-control form-control-sm")
	f.invalid("year")
	f.w.raw(`" id="rating-year" name="year" inputmode="numeric" value="`)
	f.valueOr("year", d.Year)
	f.w.raw("\">\n          ")
	f.fieldError("year")
	f.w.raw("</div>\n        <div class=\"col-5\"><label class=\"form-label small\" for=\"rating\">Xếp loại</label>\n          <select class=\"form-select form-select-sm")
	f.invalid("rating")
	f.w.raw("\" id=\"rating\" name=\"rating\">\n            <option value=\"\">— Chọn —</option>\n            ")
	f.w.raw(string(d.RatingOptions))
	f.w.raw("\n          </select>\n          ")
	f.fieldError("rating")
	f.w.raw("</div>\n        <div class=\"col-3 pt-4\"><button class=\"btn btn-primary btn-sm mt-1\" type=\"submit\">Lưu</button></div>\n      </form>\n      ")
}

// initiative writes the form adding an initiative.
func (f *recordFormWriter) initiative(d *personShowData) {
	f.w.raw("\n      <form method=\"post\" action=\"/people/")
	f.personID()
	f.w.raw("/initiatives\" class=\"row g-2\" novalidate>\n        <input type=\"hidden\" name=\"_csrf\" value=\"")
	f.csrfToken()
	f.w.raw("\">\n        <div class=\"col-3\"><label class=\"form-label small\" for=\"init-year\">Năm</label>\n          <input class=\"form-control form-control-sm")
	f.invalid("year")
	f.w.raw(`" id="init-year" name="year" inputmode="numeric" value="`)
	f.valueOr("year", d.Year)
	f.w.raw("\">\n          ")
	f.fieldError("year")
	f.w.raw("</div>\n        <div class=\"col-9\"><label class=\"form-label small\" for=\"init-title\">Tên sáng kiến, đề tài</label>\n          <input class=\"form-control form-control-sm")
	f.invalid("title")
	f.w.raw(`" id="init-title" name="title" value="`)
	f.value("title")
	f.w.raw("\">\n          ")
	f.fieldError("title")
	f.w.raw("</div>\n        <div class=\"col-5\"><label class=\"form-label small\" for=\"init-level\">Cấp công nhận</label>\n          <select class=\"form-select form-select-sm")
	f.invalid("level")
	f.w.raw("\" id=\"init-level\" name=\"level\">\n            <option value=\"\">— Chọn —</option>\n            ")
	f.w.raw(string(d.LevelOptions))
	f.w.raw("\n          </select>\n          ")
	f.fieldError("level")
	f.w.raw("</div>\n        <div class=\"col-4 d-flex align-items-end\"><div class=\"form-check\">\n          <input class=\"form-check-input\" type=\"checkbox\" id=\"init-applied\" name=\"applied\" value=\"1\"")
	f.checked("applied")
	f.w.raw(">\n          <label class=\"form-check-label small\" for=\"init-applied\">Đã nghiệm thu, áp dụng</label></div></div>\n        <div class=\"col-3 d-flex align-items-end\"><button class=\"btn btn-primary btn-sm\" type=\"submit\">Thêm</button></div>\n      </form>\n      ")
}

// discipline writes the form adding a discipline.
func (f *recordFormWriter) discipline(d *personShowData) {
	f.w.raw("\n      <form method=\"post\" action=\"/people/")
	f.personID()
	f.w.raw("/disciplines\" class=\"row g-2\" novalidate>\n        <input type=\"hidden\" name=\"_csrf\" value=\"")
	f.csrfToken()
	f.w.raw("\">\n        <div class=\"col-md-4\"><label class=\"form-label small\" for=\"disc-measure\">Hình thức</label>\n          <select class=\"form-select form-select-sm")
	f.invalid("measure")
	f.w.raw("\" id=\"disc-measure\" name=\"measure\">\n            <option value=\"\">— Chọn —</option>\n            ")
	f.w.raw(string(d.MeasureOptions))
	f.w.raw("\n          </select>\n          ")
	f.fieldError("measure")
	f.w.raw("</div>\n        <div class=\"col-6 col-md-4\"><label class=\"form-label small\" for=\"disc-from\">Có hiệu lực từ</label>\n          <input class=\"form-control form-control-sm")
	f.invalid("from")
	f.w.raw(`" id="disc-from" name="from" inputmode="numeric" placeholder="ngày/tháng/năm" value="`)
	f.value("from")
	f.w.raw("\">\n          ")
	f.fieldError("from")
	f.w.raw("</div>\n        <div class=\"col-6 col-md-4\"><label class=\"form-label small\" for=\"disc-to\">Hết hiệu lực ngày</label>\n          <input class=\"form-control form-control-sm")
	f.invalid("to")
	f.w.raw(`" id="disc-to" name="to" inputmode="numeric" placeholder="ngày/tháng/năm" value="`)
	f.value("to")
	f.w.raw("\">\n          ")
	f.fieldError("to")
	f.w.raw("</div>\n        <div class=\"col-9\"><label class=\"form-label small\" for=\"disc-note\">Ghi chú (số quyết định)</label>\n          <input class=\"form-control form-control-sm\" id=\"disc-note\" name=\"note\" value=\"")
	f.value("note")
	f.w.raw("\"></div>\n        <div class=\"col-3 d-flex align-items-end\"><button class=\"btn btn-primary btn-sm\" type=\"submit\">Thêm</button></div>\n      </form>\n      ")
}

// absence writes the form adding a long absence.
func (f *recordFormWriter) absence(d *personShowData) {
	f.w.raw("\n      <form method=\"post\" action=\"/people/")
	f.personID()
	f.w.raw("/absences\" class=\"row g-2\" novalidate>\n        <input type=\"hidden\" name=\"_csrf\" value=\"")
	f.csrfToken()
	f.w.raw("\">\n        <div class=\"col-md-4\"><label class=\"form-label small\" for=\"abs-kind\">Loại nghỉ</label>\n          <select class=\"form-select form-select-sm")
	f.invalid("kind")
	f.w.raw("\" id=\"abs-kind\" name=\"kind\">\n            <option value=\"\">— Chọn —</option>\n            ")
	f.w.raw(string(d.AbsenceOptions))
	f.w.raw("\n          </select>\n          ")
	f.fieldError("kind")
	f.w.raw("</div>\n        <div class=\"col-6 col-md-4\"><label class=\"form-label small\" for=\"abs-from\">Từ ngày</label>\n          <input class=\"form-control form-control-sm")
	f.invalid("from")
	f.w.raw(`" id="abs-from" name="from" inputmode="numeric" placeholder="ngày/tháng/năm" value="`)
	f.value("from")
	f.w.raw("\">\n          ")
	f.fieldError("from")
	f.w.raw("</div>\n        <div class=\"col-6 col-md-4\"><label class=\"form-label small\" for=\"abs-to\">Đến ngày</label>\n          <input class=\"form-control form-control-sm")
	f.invalid("to")
	f.w.raw(`" id="abs-to" name="to" inputmode="numeric" placeholder="ngày/tháng/năm" value="`)
	f.value("to")
	f.w.raw("\">\n          ")
	f.fieldError("to")
	f.w.raw("</div>\n        <div class=\"col-9\"><label class=\"form-label small\" for=\"abs-note\">Ghi chú (căn cứ)</label>\n          <input class=\"form-control form-control-sm\" id=\"abs-note\" name=\"note\" value=\"")
	f.value("note")
	f.w.raw("\"></div>\n        <div class=\"col-3 d-flex align-items-end\"><button class=\"btn btn-primary btn-sm\" type=\"submit\">Thêm</button></div>\n      </form>\n      ")
}

// pending writes the form adding a matter under review.
func (f *recordFormWriter) pending(d *personShowData) {
	f.w.raw("\n      <form method=\"post\" action=\"/people/")
	f.personID()
	f.w.raw("/pending\" class=\"row g-2\" novalidate>\n        <input type=\"hidden\" name=\"_csrf\" value=\"")
	f.csrfToken()
	f.w.raw("\">\n        <div class=\"col-md-6\"><label class=\"form-label small\" for=\"pend-kind\">Loại vụ việc</label>\n          <select class=\"form-select form-select-sm")
	f.invalid("kind")
	f.w.raw("\" id=\"pend-kind\" name=\"kind\">\n            <option value=\"\">— Chọn —</option>\n            ")
	f.w.raw(string(d.PendingOptions))
	f.w.raw("\n          </select>\n          ")
	f.fieldError("kind")
	f.w.raw("</div>\n        <div class=\"col-6 col-md-6\"><label class=\"form-label small\" for=\"pend-from\">Từ ngày</label>\n          <input class=\"form-control form-control-sm")
	f.invalid("from")
	f.w.raw(`" id="pend-from" name="from" inputmode="numeric" placeholder="ngày/tháng/năm" value="`)
	f.value("from")
	f.w.raw("\">\n          ")
	f.fieldError("from")
	f.w.raw("</div>\n        <div class=\"col-9\"><label class=\"form-label small\" for=\"pend-note\">Ghi chú (căn cứ)</label>\n          <input class=\"form-control form-control-sm\" id=\"pend-note\" name=\"note\" value=\"")
	f.value("note")
	f.w.raw("\"></div>\n        <div class=\"col-3 d-flex align-items-end\"><button class=\"btn btn-primary btn-sm\" type=\"submit\">Thêm</button></div>\n      </form>\n      ")
}

// award writes the form adding an award, for those who may record one.
func (f *recordFormWriter) award(d *personShowData) {
	f.w.raw("\n      <form method=\"post\" action=\"/people/")
	f.personID()
	f.w.raw("/awards\" class=\"row g-2\" novalidate>\n        <input type=\"hidden\" name=\"_csrf\" value=\"")
	f.csrfToken()
	f.w.raw("\">\n        <div class=\"col-3\"><label class=\"form-label small\" for=\"award-year\">Năm</label>\n          <input class=\"form-control form-control-sm")
	f.invalid("year")
	f.w.raw(`" id="award-year" name="year" inputmode="numeric" value="`)
	f.valueOr("year", d.Year)
	f.w.raw("\">\n          ")
	f.fieldError("year")
	f.w.raw("</div>\n        <div class=\"col-9\"><label class=\"form-label small\" for=\"award-title\">Danh hiệu</label>\n          <select class=\"form-select form-select-sm")
	f.invalid("title")
	f.w.raw("\" id=\"award-title\" name=\"title\">\n            <option value=\"\">— Chọn —</option>\n            ")
	f.w.raw(string(d.TitleOptions))
	f.w.raw("\n          </select>\n          ")
	f.fieldError("title")
	f.w.raw("</div>\n        <div class=\"col-md-6\"><label class=\"form-label small\" for=\"award-kind\">Loại hình khen thưởng</label>\n          <select class=\"form-select form-select-sm")
	f.invalid("kind")
	f.w.raw("\" id=\"award-kind\" name=\"kind\">\n            ")
	f.w.raw(string(d.KindOptions))
	f.w.raw("\n          </select>\n          ")
	f.fieldError("kind")
	f.w.raw("</div>\n        <div class=\"col-md-6\"><label class=\"form-label small\" for=\"award-no\">Số quyết định</label>\n          <input class=\"form-control form-control-sm")
	f.invalid("decision_no")
	f.w.raw(`" id="award-no" name="decision_no" value="`)
	f.value("decision_no")
	f.w.raw("\">\n          ")
	f.fieldError("decision_no")
	f.w.raw("</div>\n        <div class=\"col-md-6\"><label class=\"form-label small\" for=\"award-date\">Ngày quyết định</label>\n          <input class=\"form-control form-control-sm")
	f.invalid("decision_date")
	f.w.raw(`" id="award-date" name="decision_date" inputmode="numeric" placeholder="ngày/tháng/năm" value="`)
	f.value("decision_date")
	f.w.raw("\">\n          ")
	f.fieldError("decision_date")
	f.w.raw("</div>\n        <div class=\"col-md-6\"><label class=\"form-label small\" for=\"award-signer\">Người ký</label>\n          <input class=\"form-control form-control-sm\" id=\"award-signer\" name=\"signer\" value=\"")
	f.value("signer")
	f.w.raw("\"></div>\n        <div class=\"col-12\"><button class=\"btn btn-primary btn-sm\" type=\"submit\">Ghi nhận khen thưởng</button></div>\n      </form>\n      ")
}
