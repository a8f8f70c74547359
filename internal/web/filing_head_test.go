package web

import (
	"bytes"
	"html/template"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/scoring"
	"thidua/internal/store"
)

// The filing page's head, both pages' result summaries and the status
// badge, written in Go (filingData.head, summaryHTML, statusBadge), read
// byte for byte as the templates they replaced wrote them from the same
// values, hostile ones included, in every state the head shows.
func TestFilingHeadMatchesTheTemplates(t *testing.T) {
	const tmpl = `{{define "head"}}{{$d := .Data}}{{$f := $d.Filing}}<nav aria-label="breadcrumb"><ol class="breadcrumb">
  <li class="breadcrumb-item"><a href="/years/{{$f.Year}}">Năm {{$f.Year}}</a></li>
  <li class="breadcrumb-item"><a href="/years/{{$f.Year}}/ranking">Kết quả chấm điểm</a></li>
  <li class="breadcrumb-item active" aria-current="page">{{$d.Unit.Name}}</li>
</ol></nav>
<div class="d-flex flex-wrap align-items-start justify-content-between gap-2 mb-2">
  <div>
    <h1 class="h3 mb-1">{{.Title}}</h1>
    <p class="text-body-secondary mb-0">{{$d.Info.Name}}{{if gt $d.Info.VersionNo 1}} (phiên bản {{$d.Info.VersionNo}}){{end}} · {{template "status-badge" $f.Status}}{{with $d.Deadline}} · hạn nộp {{date .}}{{end}}</p>
  </div>
  <div class="d-flex flex-wrap gap-2">
    {{if $d.CanReview}}<a class="btn btn-primary" href="/years/{{$f.Year}}/filings/{{$d.Unit.ID}}/review">Thẩm định</a>{{end}}
    {{if $f.ID}}<a class="btn btn-outline-secondary" href="/years/{{$f.Year}}/filings/{{$d.Unit.ID}}/timeline">Diễn biến hồ sơ</a>
    <a class="btn btn-outline-secondary" href="/years/{{$f.Year}}/filings/{{$d.Unit.ID}}/history">Lịch sử chấm điểm</a>
    <a class="btn btn-outline-secondary" href="/years/{{$f.Year}}/filings/{{$d.Unit.ID}}/workbook">Tải Excel</a>{{end}}
    {{if $d.CanEdit}}<a class="btn btn-outline-secondary" href="/years/{{$f.Year}}/filings/{{$d.Unit.ID}}/template">Tải mẫu Excel để tự chấm</a>
    <a class="btn btn-outline-primary" href="/years/{{$f.Year}}/filings/{{$d.Unit.ID}}/import">Nhập từ tệp Excel</a>{{end}}
  </div>
</div>
{{with $d.Extension}}<div class="alert alert-info deadline-extension">Hạn nộp của đơn vị được Hội đồng gia hạn đến <strong>{{date .Until}}</strong> ({{.FullName}}, {{datetime .CreatedAt}}). Lý do: {{.Reason}}</div>{{end}}
{{if and $d.Closed $f.Status.UnitMayEdit}}<div class="alert alert-warning">Đã hết hạn nộp bản tự chấm điểm ({{date $d.Deadline}}); bản này không còn sửa, nộp được. Nếu cần, đề nghị Hội đồng thi đua – khen thưởng xem xét.</div>{{end}}
{{if eq (print $f.Status) "returned"}}<div class="alert alert-danger"><strong>Cụm trưởng đã trả lại để sửa:</strong> {{$f.ReturnReason}}</div>{{end}}{{end}}
{{define "filing-summary"}}
<dl class="row small mb-0">
  <dt class="col-7">{{.Label}}: điểm đạt</dt><dd class="col-5 text-end">{{.Raw}} / {{.Applicable}}</dd>
  <dt class="col-7">Quy đổi thang {{.Full}}</dt><dd class="col-5 text-end">{{.Scaled}}</dd>
  <dt class="col-7">Điểm thưởng</dt><dd class="col-5 text-end">+{{.Bonus}}</dd>
  <dt class="col-7">Điểm trừ</dt><dd class="col-5 text-end">−{{.Deduction}}</dd>
  <dt class="col-7 fs-6">Tổng điểm</dt><dd class="col-5 text-end fs-6 fw-bold">{{.Total}}</dd>
  <dt class="col-7">Chỉ tiêu phát sinh đạt</dt><dd class="col-5 text-end">{{.Met}}</dd>
  <dt class="col-7">Chỉ tiêu vượt</dt><dd class="col-5 text-end">{{.Exceeded}}</dd>
</dl>
{{end}}
{{define "status-badge"}}<span class="badge {{if eq (print .) "reviewed"}}text-bg-success{{else if eq (print .) "submitted"}}text-bg-primary{{else if eq (print .) "returned"}}text-bg-danger{{else if eq (print .) "draft"}}text-bg-warning{{else}}text-bg-secondary{{end}}">{{.Label}}</span>{{end}}`
	tp := template.Must(template.New("").Funcs(template.FuncMap{"date": formatDate, "datetime": formatDateTime}).Parse(tmpl))
	exec := func(name string, data any) string {
		var b bytes.Buffer
		if err := tp.ExecuteTemplate(&b, name, data); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	hostile := []string{`<script>alert("x")</script>`, `Đắk Lắk & "Hà Nội" 'x' + 1 > 0`, "a\x00b", ""}
	statuses := []scoring.Status{scoring.NotStarted, scoring.Draft, scoring.Submitted, scoring.Returned, scoring.Reviewed, "khác<&>"}
	due := time.Date(2026, 12, 18, 0, 0, 0, 0, time.UTC)
	for i := range 96 {
		s := hostile[i%len(hostile)]
		bit := func(n int) bool { return i>>n&1 == 1 }
		v := app.FilingView{CanReview: bit(0), CanEdit: bit(1), Closed: bit(2)}
		v.Filing.Year, v.Filing.Status, v.Filing.ReturnReason = 2026, statuses[i%len(statuses)], s
		v.Unit.ID, v.Unit.Name, v.Info.Name, v.Info.VersionNo = 41, s, s, 1+i%3
		if bit(3) {
			v.Filing.ID = 9
		}
		if bit(4) {
			v.Deadline = &due
		}
		if bit(5) {
			v.Extension = &store.DeadlineExtension{Until: due, FullName: s, Reason: s, CreatedAt: due.Add(-49 * time.Hour)}
		}
		d := filingView(v, "filing", nil, nil)
		if got, want := string(d.head(s)), exec("head", Page{Title: s, Data: d}); got != want {
			t.Errorf("case %d: head() wrote\n%s\nthe template\n%s", i, got, want)
		}
		if got, want := string(statusBadge(v.Filing.Status)), exec("status-badge", v.Filing.Status); got != want {
			t.Errorf("status %q: statusBadge wrote %s, the template %s", v.Filing.Status, got, want)
		}
	}
	for _, s := range hostile {
		sum := filingSummary{Label: s, Raw: s, Applicable: s, Full: s, Scaled: s, Bonus: s, Deduction: s, Total: s, Met: s, Exceeded: s}
		if got, want := string(summaryHTML(sum)), exec("filing-summary", sum); got != want {
			t.Errorf("summaryHTML wrote\n%s\nthe template\n%s", got, want)
		}
	}
}
