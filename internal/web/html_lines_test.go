package web

import (
	"bytes"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"thidua/internal/award"
)

// The lines htmlLines writes read as html/template would write them from
// the same values, hostile ones included: the templates below are the
// ranking page's, the person page's, the verdicts' and the filing and
// review pages' markup as it was before those lines moved into Go. Only
// white space differs: runs of it, which a browser reads as one space,
// and none at all between tags.
func TestHTMLLinesMatchTheTemplates(t *testing.T) {
	hostile := []string{`<script>alert("x")</script>`, `Đắk Lắk & "Hà Nội" 'x' + 1 > 0`, "a\x00b", ""}
	between, spaces := regexp.MustCompile(`> <`), regexp.MustCompile(`\s+`)
	same := func(t *testing.T, tmpl string, data any, got template.HTML) {
		t.Helper()
		var want bytes.Buffer
		if err := template.Must(template.New("").Parse(tmpl)).Execute(&want, data); err != nil {
			t.Fatal(err)
		}
		w := between.ReplaceAllString(spaces.ReplaceAllString(strings.TrimSpace(want.String()), " "), "><")
		g := between.ReplaceAllString(spaces.ReplaceAllString(strings.TrimSpace(string(got)), " "), "><")
		if w != g {
			t.Errorf("htmlLines wrote\n%s\nthe template\n%s", g, w)
		}
	}
	t.Run("ranking", func(t *testing.T) {
		const tmpl = `{{range .}}
          {{if .FirstUnranked}}<tr class="table-light"><th scope="rowgroup" colspan="7" class="small fw-semibold">Chưa được thẩm định – không xếp hạng</th></tr>{{end}}
          <tr>
            <td>{{with .Rank}}{{.}}{{else}}<span class="text-body-secondary" title="Không xếp hạng">—</span>{{end}}</td>
            <td class="text-nowrap">{{if .Href}}<a href="{{.Href}}">{{.Name}}</a>{{else}}{{.Name}}{{end}}</td>
            <td class="text-end fw-semibold">{{.Total}}</td>
            <td class="text-end text-nowrap">{{.Met}}</td>
            <td class="text-end text-nowrap">{{.Exceeded}}</td>
            <td class="text-end text-body-secondary">{{.Self}}</td>
            <td><span class="badge {{.Badge}}">{{.Status}}</span></td>
          </tr>
        {{end}}`
		var rows []rankingRow
		for i, s := range hostile {
			// The link is the app's own path, made of numbers (rankingView).
			rows = append(rows, rankingRow{FirstUnranked: i == 2, Rank: s, Name: s, Href: "/years/2026/filings/" + strconv.Itoa(i+1), Total: s, Met: s,
				Exceeded: s, Self: s, Badge: s, Status: s})
		}
		rows = append(rows, rankingRow{Rank: "1", Name: "VKSND tỉnh Thanh Hóa", Href: "/years/2026/filings/12", Total: "98,5",
			Met: "10/12", Exceeded: "3/4", Self: "—", Badge: "text-bg-success", Status: "Đã thẩm định"})
		var w htmlLines
		for _, r := range rows {
			r.write(&w)
		}
		same(t, tmpl, rows, w.html())
	})
	t.Run("national", func(t *testing.T) {
		const tmpl = `{{range .}}<tr><td>{{.Rank}}</td><td>{{.Name}}</td><td class="text-end">{{.Total}}</td><td class="text-end">{{.MetRate}}%</td><td class="text-end">{{.ExceededRate}}%</td></tr>{{end}}`
		var rows []nationalRow
		for _, s := range hostile {
			rows = append(rows, nationalRow{Rank: s, Name: s, Total: s, MetRate: s, ExceededRate: s})
		}
		var w htmlLines
		for _, r := range rows {
			r.write(&w)
		}
		same(t, tmpl, rows, w.html())
	})
	t.Run("reasons", func(t *testing.T) {
		const tmpl = `{{range .}}<li>{{if .Met}}<span class="text-success" aria-label="đạt">✓</span>{{else if .Judgement}}<span class="text-warning" aria-label="chưa đủ thông tin">?</span>{{else if .Deferred}}<span class="text-warning" aria-label="tạm hoãn">⏸</span>{{else}}<span class="text-danger" aria-label="không đạt">✗</span>{{end}}
      {{.Text}}{{with .Article}} <span class="text-body-secondary">({{.}})</span>{{end}}
      {{if .Missing}}<div class="ms-3 text-body-secondary">Thiếu: {{.Missing}}{{with .Supplier}} — do {{.}} cung cấp{{end}}.</div>{{else if and .Judgement .Supplier}}<div class="ms-3 text-body-secondary">Người quyết định: {{.Supplier}}.</div>{{end}}</li>{{end}}`
		var reasons []award.Reason
		for i, s := range hostile {
			reasons = append(reasons, award.Reason{Text: s, Article: s, Met: i == 0},
				award.Reason{Text: s, Judgement: true, Missing: s, Supplier: s},
				award.Reason{Text: s, Judgement: true, Supplier: s},
				award.Reason{Text: s, Deferred: true, Article: s, Missing: s})
		}
		var w htmlLines
		for _, r := range reasons {
			writeReason(&w, r)
		}
		same(t, tmpl, reasons, w.html())
	})
	t.Run("options", func(t *testing.T) {
		const tmpl = `{{range .Options}}<option value="{{.}}"{{if eq (print .) $.Selected}} selected{{end}}>{{.Label}}</option>{{end}}`
		kinds := append([]award.Kind{award.Merit, award.Campaign}, award.Kind(`"><script>x</script>`), award.Kind("a+b&c"))
		for _, sel := range []string{"", string(award.Campaign), `"><script>x</script>`} {
			same(t, tmpl, map[string]any{"Options": kinds, "Selected": sel}, options(kinds, sel))
		}
	})
	t.Run("person", func(t *testing.T) {
		const tmpl = `{{$d := .D}}{{$p := $d.Record.Person}}{{range $d.RatingRows}}<tr><td>{{.Year}}</td><td>{{.Label}}</td>
          {{if $d.CanEdit}}<td class="text-end"><form method="post" action="/people/{{$p.ID}}/ratings/{{.Year}}?_method=DELETE" data-confirm="Xóa kết quả xếp loại năm {{.Year}}?">
            <input type="hidden" name="_csrf" value="{{$.CSRF}}"><button class="btn btn-outline-danger btn-sm" type="submit">Xóa</button></form></td>{{end}}</tr>
        {{else}}<tr><td colspan="3" class="text-body-secondary">Chưa có kết quả xếp loại.</td></tr>{{end}}|{{range $d.InitiativeRows}}<li class="d-flex justify-content-between gap-2 mb-1"><span>{{.Line}} <span class="badge text-bg-light">{{.Level}}</span>{{if .Applied}} <span class="badge text-bg-info">đã áp dụng</span>{{end}}</span>
          {{if $d.CanEdit}}<form method="post" action="/people/{{$p.ID}}/initiatives/{{.ID}}?_method=DELETE" data-confirm="Xóa sáng kiến {{.Title}}?">
            <input type="hidden" name="_csrf" value="{{$.CSRF}}"><button class="btn btn-outline-danger btn-sm" type="submit">Xóa</button></form>{{end}}</li>
        {{else}}<li class="text-body-secondary">Chưa có sáng kiến, đề tài.</li>{{end}}|{{range $d.DisciplineRows}}<li class="d-flex justify-content-between gap-2 mb-1"><span><strong>{{.Label}}</strong>: {{.Text}}</span>
          {{if $d.CanEdit}}<form method="post" action="/people/{{$p.ID}}/disciplines/{{.ID}}?_method=DELETE" data-confirm="Xóa quyết định kỷ luật này?">
            <input type="hidden" name="_csrf" value="{{$.CSRF}}"><button class="btn btn-outline-danger btn-sm" type="submit">Xóa</button></form>{{end}}</li>
        {{else}}<li class="text-body-secondary">Không có quyết định kỷ luật.</li>{{end}}|{{range $d.AbsenceRows}}<li class="d-flex justify-content-between gap-2 mb-1"><span><strong>{{.Label}}</strong>: {{.Text}}</span>
          {{if $d.CanEdit}}<form method="post" action="/people/{{$p.ID}}/absences/{{.ID}}?_method=DELETE" data-confirm="Xóa thời gian nghỉ này?">
            <input type="hidden" name="_csrf" value="{{$.CSRF}}"><button class="btn btn-outline-danger btn-sm" type="submit">Xóa</button></form>{{end}}</li>
        {{else}}<li class="text-body-secondary">Hồ sơ không ghi nhận thời gian nghỉ dài ngày.</li>{{end}}|{{range $d.AwardRows}}<li class="mb-2{{if .Revoked}} text-body-secondary{{end}}">
          {{if .Revoked}}<s>{{.Line}}</s> <span class="badge text-bg-danger">Đã hủy bỏ</span>{{else}}<strong>{{.Line}}</strong>{{end}}
          <span class="badge text-bg-light">{{.Kind}}</span>
          <div class="small">{{.Decision}}</div>
          {{if .Revoked}}<div class="small">Lý do hủy bỏ: {{.RevokeReason}} (không được tính khi xét danh hiệu)</div>
          {{else if $d.CanAward}}<form class="d-flex gap-1 my-1" method="post" action="/people/{{$p.ID}}/awards/{{.ID}}/revoke" data-confirm="Hủy bỏ quyết định khen thưởng này?">
            <input type="hidden" name="_csrf" value="{{$.CSRF}}">
            <input class="form-control form-control-sm" name="reason" placeholder="Lý do hủy bỏ" aria-label="Lý do hủy bỏ quyết định {{.DecisionNo}}" required>
            <button class="btn btn-outline-danger btn-sm text-nowrap" type="submit">Hủy bỏ</button>
          </form>{{end}}</li>
        {{else}}<li class="text-body-secondary">Chưa có khen thưởng.</li>{{end}}`
		var full, none personShowData
		for i, s := range hostile {
			// The year is in the delete form's path: the app's own, of numbers (personShowView).
			full.RatingRows = append(full.RatingRows, ratingRow{Year: strconv.Itoa(2020 + i), Label: s})
			full.InitiativeRows = append(full.InitiativeRows, initiativeRow{ID: int64(i), Line: s, Title: s, Level: s, Applied: i%2 == 0})
			full.DisciplineRows = append(full.DisciplineRows, periodRow{ID: int64(i), Label: s, Text: s})
			full.AbsenceRows = append(full.AbsenceRows, periodRow{ID: int64(i), Label: s, Text: s})
			full.AwardRows = append(full.AwardRows, awardRow{ID: int64(i), Revoked: i%2 == 1, Line: s, Kind: s, Decision: s, DecisionNo: s, RevokeReason: s})
		}
		full.Record.Person.ID = 12
		for _, d := range []personShowData{full, none} {
			for _, can := range [][2]bool{{false, false}, {true, false}, {true, true}} {
				d.CanEdit, d.CanAward = can[0], can[1]
				for _, csrf := range []string{"JkKcRyIeKhUfYRxfJLGQBZEayVtVcqhI", hostile[1]} {
					d.writeLines(csrf)
					same(t, tmpl, map[string]any{"D": d, "CSRF": csrf}, template.HTML(strings.Join([]string{string(d.RatingLines),
						string(d.InitiativeLines), string(d.DisciplineLines), string(d.AbsenceLines), string(d.AwardLines)}, "|")))
				}
			}
		}
	})
	t.Run("ranking sections", func(t *testing.T) {
		const tmpl = `{{$d := .}}{{range $i, $cr := $d.Clusters}}
<section class="mb-5" aria-labelledby="cl-{{$cr.ID}}">
  <h2 class="h5" id="cl-{{$cr.ID}}"><a href="/clusters/{{$cr.ID}}">{{$cr.Title}}</a>{{with $cr.Owner}} <span class="small text-body-secondary">– {{.}}</span>{{end}}</h2>
  {{if not $cr.Members}}
  <p class="text-body-secondary">Cụm chưa có đơn vị thành viên.</p>
  {{else}}
  {{if $cr.Ranked}}
  <p class="small mb-2">{{$cr.Summary}}</p>
  {{else}}
  <div class="alert alert-secondary py-2 small mb-2" role="status">Cụm chưa có bản tự chấm điểm nào được thẩm định, nên chưa xếp hạng.</div>
  {{end}}
  <div class="row g-3">
    <div class="col-xxl-8">
      <div class="table-responsive"><table class="table table-sm align-middle">
        <thead><tr><th scope="col">Hạng</th><th scope="col">Đơn vị</th><th scope="col" class="text-end">Điểm thẩm định</th><th scope="col" class="text-end">Đạt</th><th scope="col" class="text-end">Vượt</th><th scope="col" class="text-end">Điểm tự chấm<div class="fw-normal small">(chưa thẩm định)</div></th><th scope="col">Trạng thái</th></tr></thead>
        <tbody>
        {{/* the lines are written by web.rankingView */}}
        {{$cr.Lines}}
        </tbody>
      </table></div>
    </div>
    <div class="col-xxl-4 ranking-chart-box"><canvas class="ranking-chart" data-chart="chart-{{$cr.ID}}" role="img" aria-label="Biểu đồ điểm thẩm định và điểm tự chấm của {{$cr.Title}}, thang 0–{{$cr.ScaleMax}} điểm chung cho mọi cụm"></canvas></div>
  </div>
  <script type="application/json" id="chart-{{$cr.ID}}">{{$cr.Chart}}</script>
  {{end}}
</section>
{{end}}`
		// The section's rows, which the template had as one value.
		type withLines struct {
			rankingCluster
			Lines template.HTML
		}
		var d struct{ Clusters []withLines }
		var w htmlLines
		for i, s := range hostile {
			rows := []rankingRow{{Rank: s, Name: s, Href: s, Total: s, Met: s, Exceeded: s, Self: s, Badge: s, Status: s},
				{FirstUnranked: true, Name: s, Total: s, Met: s, Exceeded: s, Self: s, Badge: s, Status: s}}
			for _, c := range []rankingCluster{
				{ID: int64(i + 1), Title: s, Owner: s, Members: 3, Ranked: 2, Summary: s, ScaleMax: s, Chart: `{"labels":["x"]}`, Rows: rows},
				{ID: int64(i + 10), Title: s, Members: 2, Summary: s, ScaleMax: "100", Chart: "null", Rows: rows[1:]},
				{ID: int64(i + 20), Title: s, Owner: s},
			} {
				var lines htmlLines
				for _, r := range c.Rows {
					r.write(&lines)
				}
				d.Clusters = append(d.Clusters, withLines{c, lines.html()})
				c.write(&w)
			}
		}
		same(t, tmpl, d, w.html())
	})
	// Rows of every kind, each value hostile in turn, on a saved filing
	// (with links to the rows' evidence files) and on a new one.
	var rows []filingRow
	for i := range 64 {
		s := hostile[i%len(hostile)]
		bit := func(n int) bool { return i>>n&1 == 1 }
		rows = append(rows, filingRow{ID: strconv.Itoa(i + 1), Code: s, Name: s, Depth: s, Group: i%16 == 0, Indicator: bit(1), Rate: bit(2),
			NA: bit(3), Error: map[bool]string{true: s}[bit(4)], Target: s, Adjusted: map[bool]string{true: s}[bit(2)], Max: s, N: s, D: s, S: s,
			X: s, E: s, SelfNotArisen: bit(5), Excluded: bit(0), Points: s, Outcome: map[bool]string{true: s}[bit(3)],
			Class: s, Explanation: map[bool]string{true: s}[bit(4)], Evidence: map[bool]string{true: s}[bit(5)], MaxPlain: s, Declared: s,
			RN: s, RD: s, RS: s, RC: s, ReviewNotArisen: bit(0), SelfPoints: s, RevPoints: s})
	}
	pages := []filingData{{Rows: rows}, {Rows: rows}}
	pages[1].Filing.ID, pages[1].Filing.Year, pages[1].Unit.ID = 7, 2026, 12
	t.Run("filing", func(t *testing.T) {
		const tmpl = `{{$d := .}}{{$f := $d.Filing}}
      {{range $d.Rows}}
        {{if .Group}}
        <tr class="table-light"><th scope="row">{{.Code}}</th><th colspan="5">{{.Name}}</th></tr>
        {{else}}
        <tr{{if .Error}} class="table-danger"{{end}}>
          <td class="text-nowrap {{.Depth}} stack-code">{{.Code}}</td>
          <td class="stack-name">{{.Name}}
            {{if .Indicator}}<div class="small text-body-secondary">{{.Target}}</div>{{end}}
            {{with .Adjusted}}<div class="small text-warning-emphasis">{{.}}</div>{{end}}
            {{with .Error}}<div class="text-danger small">{{.}}</div>{{end}}
          </td>
          <td class="text-end" data-label="Tối đa">{{.Max}}</td>
          <td class="filing-inputs stack-block" data-label="Tự chấm">
            {{if .Indicator}}
              <div class="input-group input-group-sm"><input class="form-control" name="n_{{.ID}}" value="{{.N}}" inputmode="decimal" aria-label="Tử số, tiêu chí {{.Code}}">{{if .Rate}}<span class="input-group-text">/</span><input class="form-control" name="d_{{.ID}}" value="{{.D}}" inputmode="decimal" aria-label="Mẫu số, tiêu chí {{.Code}}">{{end}}</div>
            {{else}}
              <input class="form-control form-control-sm" name="s_{{.ID}}" value="{{.S}}" inputmode="decimal" aria-label="Điểm tự chấm, tiêu chí {{.Code}}">
            {{end}}
            {{if .NA}}
            <div class="form-check small mt-1"><input class="form-check-input" type="checkbox" name="na_{{.ID}}" id="na_{{.ID}}" value="1"{{if .SelfNotArisen}} checked{{end}}><label class="form-check-label" for="na_{{.ID}}">Không phát sinh</label></div>
            {{end}}
          </td>
          <td class="stack-block" data-label="Giải trình, tài liệu chứng minh">
            <textarea class="form-control form-control-sm" name="x_{{.ID}}" rows="1" aria-label="Giải trình, tiêu chí {{.Code}}" placeholder="Giải trình">{{.X}}</textarea>
            <input class="form-control form-control-sm mt-1" name="e_{{.ID}}" value="{{.E}}" aria-label="Tài liệu chứng minh, tiêu chí {{.Code}}" placeholder="Tài liệu chứng minh (số, ngày văn bản)">
            {{if $f.ID}}<a class="small" href="/years/{{$f.Year}}/filings/{{$d.Unit.ID}}/entries/{{.ID}}/attachments">Tệp minh chứng</a>{{end}}
          </td>
          <td class="text-end text-nowrap" data-label="Điểm"><div>{{if .Excluded}}<span class="text-body-secondary small">không tính</span>{{else}}{{.Points}}{{with .Outcome}}<div class="small text-body-secondary">{{.}}</div>{{end}}{{end}}</div></td>
        </tr>
        {{end}}
      {{end}}`
		for _, d := range pages {
			same(t, tmpl, d, d.lines("filing"))
		}
	})
	t.Run("review", func(t *testing.T) {
		const tmpl = `{{$d := .}}
      {{range $d.Rows}}
        {{if .Group}}
        <tr class="table-light"><th scope="row">{{.Code}}</th><th colspan="6">{{.Name}}</th></tr>
        {{else}}
        <tr class="{{.Class}}">
          <td class="text-nowrap {{.Depth}} stack-code">{{.Code}}</td>
          <td class="stack-name">{{.Name}}{{with .Explanation}}<div class="small text-body-secondary">Giải trình: {{.}}</div>{{end}}{{with .Evidence}}<div class="small text-body-secondary">Chứng minh: {{.}}</div>{{end}}
            {{with .Error}}<div class="text-danger small">{{.}}</div>{{end}}</td>
          <td class="text-end" data-label="Tối đa">{{.MaxPlain}}</td>
          <td class="small text-nowrap" data-label="Đơn vị tự chấm">{{.Declared}}</td>
          <td class="filing-inputs stack-block" data-label="Thẩm định">
            {{if .Indicator}}
              <div class="input-group input-group-sm"><input class="form-control" name="rn_{{.ID}}" value="{{.RN}}" inputmode="decimal" aria-label="Tử số thẩm định, tiêu chí {{.Code}}">{{if .Rate}}<span class="input-group-text">/</span><input class="form-control" name="rd_{{.ID}}" value="{{.RD}}" inputmode="decimal" aria-label="Mẫu số thẩm định, tiêu chí {{.Code}}">{{end}}</div>
            {{else}}
              <input class="form-control form-control-sm" name="rs_{{.ID}}" value="{{.RS}}" inputmode="decimal" aria-label="Điểm thẩm định, tiêu chí {{.Code}}">
            {{end}}
            {{if .NA}}
            <div class="form-check small mt-1"><input class="form-check-input" type="checkbox" name="rna_{{.ID}}" id="rna_{{.ID}}" value="1"{{if .ReviewNotArisen}} checked{{end}}><label class="form-check-label" for="rna_{{.ID}}">Không phát sinh</label></div>
            {{end}}
          </td>
          <td class="stack-block" data-label="Nhận xét"><textarea class="form-control form-control-sm" name="rc_{{.ID}}" rows="1" aria-label="Nhận xét, tiêu chí {{.Code}}">{{.RC}}</textarea></td>
          <td class="text-end text-nowrap" data-label="Điểm tự chấm → thẩm định"><span>{{.SelfPoints}} → <strong>{{.RevPoints}}</strong></span></td>
        </tr>
        {{end}}
      {{end}}`
		same(t, tmpl, pages[1], pages[1].lines("review"))
	})
}
