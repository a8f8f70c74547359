package web

import (
	"net/http"
	"slices"
	"strconv"

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
// rather than by template functions row by row: with every cluster of a
// national year that was most of the page's time.
type rankingData struct {
	app.RankingPage
	Clusters     []rankingCluster
	NationalRows []nationalRow // the ranked units of the national table
}

type rankingCluster struct {
	app.ClusterRanking
	Rows []rankingRow
}

// rankingRow is a cluster table's line as it is shown; "—" stands for a
// figure there is none of.
type rankingRow struct {
	FirstUnranked bool   // the "not reviewed" heading goes before this line
	Rank          string // "" when not ranked
	Name, Href    string // Href "" when the reader may not open the filing
	Total         string
	Met, Exceeded string // "met/arisen", "exceeded/exceedable"
	Self          string
	Badge, Status string // the status badge's class and label
}

type nationalRow struct {
	Rank, Name, Total, MetRate, ExceededRate string
}

func rankingView(d app.RankingPage) rankingData {
	v := rankingData{RankingPage: d, Clusters: make([]rankingCluster, len(d.Clusters))}
	year := strconv.Itoa(d.Year)
	for i, cr := range d.Clusters {
		rows := make([]rankingRow, len(cr.Standings))
		unranked := false
		for j, s := range cr.Standings {
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
			rows[j] = r
		}
		v.Clusters[i] = rankingCluster{ClusterRanking: cr, Rows: rows}
	}
	for _, s := range d.National {
		if s.Ranked() {
			v.NationalRows = append(v.NationalRows, nationalRow{Rank: strconv.Itoa(s.Rank), Name: shortName(s.Unit.Name),
				Total: scoring.FormatNumber(s.Total), MetRate: scoring.FormatNumber(s.MetRate()), ExceededRate: scoring.FormatNumber(s.ExceededRate())})
		}
	}
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

// chartData is what a cluster's bar chart plots: the reviewed total of
// ranked units, the self-score of the others (null where there is none, so
// no bar reads as 0 points), and the year's scale, the same for every
// cluster's chart.
func chartData(cr app.ClusterRanking) map[string]any {
	labels, reviewed, self := []string{}, []*float64{}, []*float64{}
	for _, s := range cr.Standings {
		labels = append(labels, shortName(s.Unit.Name))
		var r, sf *float64
		switch s.ScoreBasis {
		case app.BasisReviewed:
			r = &s.Total
		case app.BasisSelf:
			sf = &s.SelfTotal
		}
		reviewed, self = append(reviewed, r), append(self, sf)
	}
	return map[string]any{"labels": labels, "reviewed": reviewed, "self": self, "max": cr.ScaleMax}
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
