package web

import (
	"html/template"
	"math"
	"net/http"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/errs"
	"thidua/internal/scoring"
)

func (s *Server) ranking(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	d, err := s.app.RankingPage(c.Request().Context(), principal(c), year)
	if err != nil {
		return err
	}
	return respondWith(c, http.StatusOK, d, func() error {
		return c.Render(http.StatusOK, "ranking", s.page(c, "Kết quả chấm điểm, xếp hạng thi đua năm "+strconv.Itoa(year), "scoring", rankingView(d)))
	})
}

// rankingData is the ranking page with each unit's line worked out here
// rather than by template functions row by row, and written as HTML
// (htmlLines): with every cluster of a national year, the template's
// pipelines per line were most of the page's time.
type rankingData struct {
	app.RankingPage
	Clusters []rankingCluster
	// Sections: the clusters' sections (rankingCluster.write), one string
	// each rather than one for the page: the template prints a value
	// through fmt, whose buffer is pooled only up to 64 KB, so a page's
	// worth in one value was a quarter of a megabyte allocated and copied
	// twice more on every request.
	Sections      []template.HTML
	NationalLines template.HTML // the ranked units of the national table
}

// rankingCluster is a cluster's section, its fields the template's own
// rather than promoted from app.ClusterRanking: a template reads a
// promoted field by a reflective search through the embedded structs,
// with allocations, every time it is named.
type rankingCluster struct {
	ID           int64
	Title, Owner string // Owner: "" when the cluster has none
	Members      int
	Ranked       int
	Summary      string       // how many are reviewed and what they achieved together
	ScaleMax     string       // the charts' scale
	Chart        template.JS  // what its chart plots (chartData), as JSON
	Rows         []rankingRow // the table's body
}

// write writes the cluster's section of the page: its title, summary,
// table and chart.
func (c rankingCluster) write(w *htmlLines) {
	id := strconv.FormatInt(c.ID, 10)
	w.raw("\n<section class=\"mb-5\" aria-labelledby=\"cl-" + id + "\">\n  <h2 class=\"h5\" id=\"cl-" + id + "\"><a href=\"/clusters/" + id + "\">")
	w.text(c.Title)
	w.raw("</a>")
	if c.Owner != "" {
		w.raw(` <span class="small text-body-secondary">– `)
		w.text(c.Owner)
		w.raw("</span>")
	}
	w.raw("</h2>\n  ")
	if c.Members == 0 {
		w.raw("\n  <p class=\"text-body-secondary\">Cụm chưa có đơn vị thành viên.</p>\n  \n</section>\n")
		return
	}
	if c.Ranked != 0 {
		w.raw("\n  \n  <p class=\"small mb-2\">")
		w.text(c.Summary)
		w.raw("</p>\n  ")
	} else {
		w.raw("\n  \n  <div class=\"alert alert-secondary py-2 small mb-2\" role=\"status\">Cụm chưa có bản tự chấm điểm nào được thẩm định, nên chưa xếp hạng.</div>\n  ")
	}
	w.raw(rankingTableHead)
	for _, r := range c.Rows {
		r.write(w)
	}
	w.raw("\n        </tbody>\n      </table></div>\n    </div>\n    <div class=\"col-xxl-4 ranking-chart-box\"><canvas class=\"ranking-chart\" data-chart=\"chart-" + id +
		"\" role=\"img\" aria-label=\"Biểu đồ điểm thẩm định và điểm tự chấm của ")
	w.text(c.Title)
	w.raw(", thang 0–")
	w.text(c.ScaleMax)
	w.raw(" điểm chung cho mọi cụm\"></canvas></div>\n  </div>\n  <script type=\"application/json\" id=\"chart-" + id + "\">")
	w.raw(string(c.Chart)) // JSON from encoding/json, HTML-escaped (chartData)
	w.raw("</script>\n  \n</section>\n")
}

// rankingTableHead opens a cluster's table.
const rankingTableHead = "\n  <div class=\"row g-3\">\n    <div class=\"col-xxl-8\">\n      <div class=\"table-responsive\"><table class=\"table table-sm align-middle\">\n" +
	"        <thead><tr><th scope=\"col\">Hạng</th><th scope=\"col\">Đơn vị</th><th scope=\"col\" class=\"text-end\">Điểm thẩm định</th>" +
	"<th scope=\"col\" class=\"text-end\">Đạt</th><th scope=\"col\" class=\"text-end\">Vượt</th><th scope=\"col\" class=\"text-end\">Điểm tự chấm" +
	"<div class=\"fw-normal small\">(chưa thẩm định)</div></th><th scope=\"col\">Trạng thái</th></tr></thead>\n        <tbody>\n        \n        "

// rankingRow is a cluster table's line as it is shown; "—" stands for a
// figure there is none of.
type rankingRow struct {
	FirstUnranked bool   // the "not reviewed" heading goes before this line
	Rank          string // "" when not ranked
	Name, Href    string // Href, the filing's path (numbers only): "" when the reader may not open it
	Total         string
	Met, Exceeded string // "met/arisen", "exceeded/exceedable"
	Self          string
	Badge, Status string // the status badge's class and label
}

func (r rankingRow) write(w *htmlLines) {
	if r.FirstUnranked {
		w.raw(`<tr class="table-light"><th scope="rowgroup" colspan="7" class="small fw-semibold">Chưa được thẩm định – không xếp hạng</th></tr>`)
	}
	w.raw("\n<tr><td>")
	if r.Rank != "" {
		w.text(r.Rank)
	} else {
		w.raw(`<span class="text-body-secondary" title="Không xếp hạng">—</span>`)
	}
	w.raw(`</td><td class="text-nowrap">`)
	if r.Href != "" {
		w.raw(`<a href="`)
		w.text(r.Href)
		w.raw(`">`)
		w.text(r.Name)
		w.raw(`</a>`)
	} else {
		w.text(r.Name)
	}
	w.raw(`</td><td class="text-end fw-semibold">`)
	w.text(r.Total)
	w.raw(`</td><td class="text-end text-nowrap">`)
	w.text(r.Met)
	w.raw(`</td><td class="text-end text-nowrap">`)
	w.text(r.Exceeded)
	w.raw(`</td><td class="text-end text-body-secondary">`)
	w.text(r.Self)
	w.raw(`</td><td><span class="badge `)
	w.text(r.Badge)
	w.raw(`">`)
	w.text(r.Status)
	w.raw("</span></td></tr>\n")
}

// About the bytes of a written line (rankingRow, nationalRow), to make
// room for a table's lines at once.
const (
	rankingRowBytes     = 448 // 404 on average in a national year, 467 at most
	rankingSectionBytes = 1536
	nationalRowBytes    = 160
)

type nationalRow struct {
	Rank, Name, Total, MetRate, ExceededRate string
}

func (r nationalRow) write(w *htmlLines) {
	w.raw("<tr><td>")
	w.text(r.Rank)
	w.raw("</td><td>")
	w.text(r.Name)
	w.raw(`</td><td class="text-end">`)
	w.text(r.Total)
	w.raw(`</td><td class="text-end">`)
	w.text(r.MetRate)
	w.raw(`%</td><td class="text-end">`)
	w.text(r.ExceededRate)
	w.raw("%</td></tr>")
}

func rankingView(d app.RankingPage) rankingData {
	v := rankingData{RankingPage: d, Clusters: make([]rankingCluster, len(d.Clusters))}
	year := strconv.Itoa(d.Year)
	for i, cr := range d.Clusters {
		rows := make([]rankingRow, 0, len(cr.Standings))
		unranked := false
		for _, s := range cr.Standings {
			r := rankingRow{Name: shortName(s.Unit.Name), Total: "—", Met: "—", Exceeded: "—", Self: "—",
				Badge: badgeClass(s.Status), Status: s.Status.Label()}
			if s.Ranked() {
				r.Rank = strconv.Itoa(s.Rank)
			} else if !unranked {
				r.FirstUnranked, unranked = true, true
			}
			if s.Open {
				r.Href = "/years/" + year + "/filings/" + strconv.FormatInt(s.UnitID, 10)
			}
			if s.Reviewed {
				r.Total = scoring.FormatNumber(s.Total)
				r.Met = strconv.Itoa(s.Met) + "/" + strconv.Itoa(s.Arisen)
				r.Exceeded = strconv.Itoa(s.Exceeded) + "/" + strconv.Itoa(s.Exceedable)
			}
			if s.ScoreBasis != app.BasisNone {
				r.Self = scoring.FormatNumber(s.SelfTotal)
			}
			rows = append(rows, r)
		}
		c := rankingCluster{ID: cr.Cluster.ID, Title: cr.Cluster.Title, Members: len(cr.Standings), Ranked: cr.Ranked,
			ScaleMax: scoring.FormatNumber(cr.ScaleMax), Chart: chartData(cr), Rows: rows}
		if cr.Cluster.Owner != nil {
			c.Owner = cr.Cluster.Owner.Name
		}
		t := cr.Total
		c.Summary = "Đã thẩm định " + strconv.Itoa(cr.Ranked) + "/" + strconv.Itoa(len(cr.Standings)) + " đơn vị. Các đơn vị đã thẩm định: " +
			strconv.Itoa(t.Met) + "/" + strconv.Itoa(t.Arisen) + " chỉ tiêu phát sinh đạt (" + scoring.FormatNumber(t.MetRate()) + "%); " +
			strconv.Itoa(t.Exceeded) + "/" + strconv.Itoa(t.Exceedable) + " vượt (" + scoring.FormatNumber(t.ExceededRate()) + "%)."
		v.Clusters[i] = c
	}
	// Room for every section at once: its lines and chart are written
	// already (growing by doubling copied the page's bulk again and again).
	n := 0
	for _, c := range v.Clusters {
		n += rankingSectionBytes + len(c.Rows)*rankingRowBytes + len(c.Chart) + 2*len(c.Title) + len(c.Owner) + len(c.Summary)
	}
	var sections htmlLines
	sections.grow(n)
	ends := make([]int, len(v.Clusters))
	for i, c := range v.Clusters {
		c.write(&sections)
		ends[i] = sections.len()
	}
	// Each section is a substring of the one written: no copies.
	all, start := sections.html(), 0
	v.Sections = make([]template.HTML, len(ends))
	for i, end := range ends {
		v.Sections[i], start = all[start:end], end
	}
	var w htmlLines
	w.grow(d.NationalRanked * nationalRowBytes)
	for _, s := range d.National {
		if s.Ranked() {
			nationalRow{Rank: strconv.Itoa(s.Rank), Name: shortName(s.Unit.Name), Total: scoring.FormatNumber(s.Total),
				MetRate: scoring.FormatNumber(s.MetRate()), ExceededRate: scoring.FormatNumber(s.ExceededRate())}.write(&w)
		}
	}
	v.NationalLines = w.html()
	return v
}

// badgeClass is the "status-badge" partial's colour of a filing state.
func badgeClass(s scoring.Status) string {
	switch s {
	case scoring.Reviewed:
		return "text-bg-success"
	case scoring.Submitted:
		return "text-bg-primary"
	case scoring.Returned:
		return "text-bg-danger"
	case scoring.Draft:
		return "text-bg-warning"
	}
	return "text-bg-secondary"
}

// chartData is what a cluster's bar chart plots, as JSON: the reviewed
// total of ranked units, the self-score of the others (null where there
// is none, so no bar reads as 0 points), and the year's scale, the same
// for every cluster's chart. It is written here, byte for byte as
// encoding/json writes {labels, max, reviewed, self} (chart_json_test.go
// compares the two): json.Marshal's reflection over some forty charts was
// a quarter of the page's sections. Strings are escaped as encoding/json
// escapes them (<, >, & and U+2028, U+2029 too), so the JSON is safe
// inside the page's script element.
func chartData(cr app.ClusterRanking) template.JS {
	b := make([]byte, 0, 64+len(cr.Standings)*64)
	b = append(b, `{"labels":[`...)
	for i, s := range cr.Standings {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, shortName(s.Unit.Name))
	}
	b = append(b, `],"max":`...)
	b, ok := appendJSONFloat(b, cr.ScaleMax, true)
	for _, basis := range [...]string{app.BasisReviewed, app.BasisSelf} {
		b = append(b, `,"`...)
		b = append(b, basis...) // "reviewed", "self": the fields' names
		b = append(b, `":[`...)
		for i, s := range cr.Standings {
			if i > 0 {
				b = append(b, ',')
			}
			switch {
			case s.ScoreBasis != basis:
				b = append(b, "null"...)
			case basis == app.BasisReviewed:
				b, ok = appendJSONFloat(b, s.Total, ok)
			default:
				b, ok = appendJSONFloat(b, s.SelfTotal, ok)
			}
		}
		b = append(b, ']')
	}
	b = append(b, '}')
	if !ok { // a NaN or an infinity, which json.Marshal refuses
		return "null"
	}
	return template.JS(b) //nolint:gosec // escaped as encoding/json escapes, HTML-safe
}

// appendJSONFloat appends f as encoding/json writes a float64; ok turns
// false (and stays so) on a value JSON cannot hold.
func appendJSONFloat(b []byte, f float64, ok bool) ([]byte, bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return append(b, '0'), false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-09 is written e-9
		b = b[:n-1]
	}
	return b, ok
}

// appendJSONString appends s quoted as encoding/json quotes a string
// with HTML escaping (its default).
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

type progressData struct {
	Year   int              `json:"year"`
	States []scoring.Status `json:"-"`
	Rows   []app.Progress   `json:"clusters"`
}

func (s *Server) progress(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	rows, err := s.app.ProgressPage(c.Request().Context(), principal(c), year)
	if err != nil {
		return err
	}
	title := "Tiến độ tự chấm điểm và thẩm định năm " + strconv.Itoa(year)
	// ?cluster= narrows the board to one cluster: its head's review page.
	if id, err := strconv.ParseInt(c.QueryParam("cluster"), 10, 64); err == nil {
		i := slices.IndexFunc(rows, func(p app.Progress) bool { return p.Cluster.ID == id })
		if i < 0 {
			return errs.New(errs.NotFound, "Không tìm thấy cụm, khối thi đua trong năm %d.", year)
		}
		rows = rows[i : i+1]
		title = "Thẩm định bản tự chấm điểm – " + rows[0].Cluster.Title + " năm " + strconv.Itoa(year)
	}
	d := progressData{Year: year, Rows: rows,
		States: []scoring.Status{scoring.NotStarted, scoring.Draft, scoring.Submitted, scoring.Returned, scoring.Reviewed}}
	return s.respond(c, http.StatusOK, "progress", title, "scoring", d)
}

// scoringHome sends people to the year's scoring work: a unit officer to
// their own filing, everyone else to the progress board.
func (s *Server) scoringHome(c echo.Context) error {
	ys, err := s.app.Years(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	if len(ys) == 0 {
		return c.Redirect(http.StatusSeeOther, "/years")
	}
	year := ys[0].Year
	for _, y := range ys {
		if y.Year == s.app.Today().Year() {
			year = y.Year
		}
	}
	if auth.WorksForUnit(principal(c)) {
		return c.Redirect(http.StatusSeeOther, "/years/"+strconv.Itoa(year)+"/filing")
	}
	return c.Redirect(http.StatusSeeOther, "/years/"+strconv.Itoa(year)+"/progress")
}
