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
	return s.respond(c, http.StatusOK, "ranking", "Kết quả chấm điểm, xếp hạng thi đua năm "+strconv.Itoa(year), "scoring", d)
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
