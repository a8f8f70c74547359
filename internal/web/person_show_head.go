package web

import (
	"html/template"
	"strconv"
)

// writeHead writes the top of a person's page (Head): the breadcrumb,
// name and status, the person's particulars and moves, and the titles'
// verdicts. It was the template's, as were the record forms
// (person_show_forms.go), and reads the same.
func (d *personShowData) writeHead(w *htmlLines) {
	p := d.Record.Person
	id, unit := strconv.FormatInt(p.ID, 10), strconv.FormatInt(p.UnitID, 10)
	w.raw(`<nav aria-label="breadcrumb"><ol class="breadcrumb">
  <li class="breadcrumb-item"><a href="/people">Cán bộ</a></li>
  <li class="breadcrumb-item"><a href="/people?unit_id=` + unit + `">`)
	w.text(p.UnitName)
	w.raw(`</a></li>
  <li class="breadcrumb-item active" aria-current="page">`)
	w.text(p.FullName)
	w.raw(`</li>
</ol></nav>
<div class="d-flex flex-wrap align-items-start justify-content-between gap-2 mb-3">
  <div>
    <h1 class="h3 mb-1">`)
	w.text(p.FullName)
	w.raw("</h1>\n    <div>")
	if p.Active {
		w.raw(`<span class="badge text-bg-success">Đang công tác</span>`)
	} else {
		w.raw(`<span class="badge text-bg-secondary">Không còn công tác</span>`)
	}
	w.raw("\n      <span class=\"text-body-secondary ms-2\">")
	w.text(p.Position)
	w.raw("</span></div>\n  </div>\n  ")
	if d.CanEdit {
		w.raw(`<div><a class="btn btn-outline-primary" href="/people/` + id + `/edit">Sửa thông tin</a></div>`)
	}
	w.raw(`
</div>
<div class="row g-4">
  <div class="col-lg-5">
    <div class="card h-100"><div class="card-body">
      <h2 class="h6 text-uppercase text-body-secondary">Thông tin</h2>
      <dl class="row mb-0">
        <dt class="col-sm-5">Đơn vị</dt><dd class="col-sm-7"><a href="/units/` + unit + `">`)
	w.text(p.UnitName)
	w.raw(`</a></dd>
        <dt class="col-sm-5">Công tác tại đơn vị từ</dt><dd class="col-sm-7">`)
	w.text(d.Since)
	w.raw(`</dd>
        <dt class="col-sm-5">Ngày tuyển dụng</dt><dd class="col-sm-7">`)
	if d.RecruitedOn != "" {
		w.text(d.RecruitedOn)
	} else {
		w.raw(`<span class="text-warning">chưa có (kết quả xét sẽ là “chưa đủ thông tin”)</span>`)
	}
	w.raw("</dd>\n        ")
	if d.JoinedSectorOn != "" {
		w.raw(`<dt class="col-sm-5">Về ngành Kiểm sát từ</dt><dd class="col-sm-7">`)
		w.text(d.JoinedSectorOn)
		w.raw("</dd>")
	}
	w.raw(`
        <dt class="col-sm-5">Ngày sinh</dt><dd class="col-sm-7">`)
	orDash(w, d.BirthDate)
	w.raw(`</dd>
        <dt class="col-sm-5">Giới tính</dt><dd class="col-sm-7">`)
	orDash(w, d.Sex)
	w.raw("</dd>\n      </dl>\n      ")
	if len(d.MoveLines) > 0 {
		w.raw(`
      <h3 class="h6 mt-3">Quá trình chuyển đơn vị</h3>
      <ul class="small mb-0">`)
		for _, m := range d.MoveLines {
			w.raw("<li>")
			w.text(m)
			w.raw("</li>")
		}
		w.raw("</ul>\n      ")
	}
	w.raw(`
    </div></div>
  </div>
  <div class="col-lg-7">
    <div class="card h-100"><div class="card-body">
      <h2 class="h6 text-uppercase text-body-secondary">Xét danh hiệu năm ` + strconv.Itoa(d.Verdicts.Year) + `</h2>
      <p class="small text-body-secondary">Theo bộ quy tắc <strong>`)
	w.text(d.Verdicts.RuleSetName)
	w.raw(`</strong> (mã <code>`)
	w.text(d.Verdicts.RuleSetID)
	w.raw(`</code>), áp dụng cho ngày xét hôm nay. Chiến sĩ thi đua ngành: chưa có kết quả bỏ phiếu.
        <a href="/people/` + id + `/verdicts">Xét theo năm và ngày xét khác</a>.</p>
      `)
	for _, v := range d.VerdictViews {
		v.write(w)
		w.raw("\n      ")
	}
	w.raw(`
    </div></div>
  </div>`)
}

// orDash writes s, or a dash when there is none.
func orDash(w *htmlLines, s string) {
	if s == "" {
		w.raw("—")
		return
	}
	w.text(s)
}

// write writes one verdict: its title, outcome and criteria.
func (v verdictView) write(w *htmlLines) {
	w.raw("\n<section class=\"mb-3\" aria-label=\"")
	w.text(v.Title)
	w.raw("\">\n  <h3 class=\"h6 mb-1\">")
	w.text(v.Title)
	w.raw("\n    <span class=\"badge ")
	w.text(v.Badge)
	w.raw(`">`)
	w.text(v.Outcome)
	w.raw("</span></h3>\n  <ul class=\"list-unstyled small mb-0\">\n    ")
	w.raw(string(v.Reasons))
	w.raw("\n  </ul>\n</section>\n")
}

// HTML is the verdict as the verdicts page prints it.
func (v verdictView) HTML() template.HTML {
	var w htmlLines
	v.write(&w)
	return w.html()
}
