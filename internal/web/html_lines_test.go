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
// ranking page's, the person page's and the verdicts' markup as it was
// before those lines moved into Go. Only the white space between tags
// differs.
func TestHTMLLinesMatchTheTemplates(t *testing.T) {
	hostile := []string{`<script>alert("x")</script>`, `Đắk Lắk & "Hà Nội" 'x' + 1 > 0`, "a\x00b", ""}
	between := regexp.MustCompile(`>\s+<`)
	same := func(t *testing.T, tmpl string, data any, got template.HTML) {
		t.Helper()
		var want bytes.Buffer
		if err := template.Must(template.New("").Parse(tmpl)).Execute(&want, data); err != nil {
			t.Fatal(err)
		}
		w := between.ReplaceAllString(strings.TrimSpace(want.String()), "><")
		g := between.ReplaceAllString(strings.TrimSpace(string(got)), "><")
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
}
