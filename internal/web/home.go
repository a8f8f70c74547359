package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"thidua/internal/auth"
	"thidua/internal/org"
	"thidua/internal/scoring"
	"thidua/internal/store"
)

type homeData struct {
	Counts []typeCount
	Year   int // the current emulation year, 0 when none is open
	Tasks  []task
}

// task is one thing the signed-in person has to do this year.
type task struct {
	Text, Link, Kind string // Kind: a Bootstrap colour (warning, info, success)
}

type typeCount struct {
	Type  org.UnitType
	Count int64
}

func (s *Server) home(c echo.Context) error {
	var d homeData
	p := principal(c)
	for _, t := range org.Types {
		_, n, err := s.app.Units(c.Request().Context(), p, store.UnitFilter{Type: t, Limit: 1})
		if err != nil {
			return err
		}
		d.Counts = append(d.Counts, typeCount{Type: t, Count: n})
	}
	d.Year, d.Tasks = s.tasks(c)
	return c.Render(http.StatusOK, "home", s.page(c, "Trang chủ", "home", d))
}

// tasks lists the year's work waiting for the signed-in person: an
// officer's filing and pledge line, a head's reviews, the board's queue.
// Nothing here is authoritative; every link leads to a checked page.
func (s *Server) tasks(c echo.Context) (int, []task) {
	ctx, p := c.Request().Context(), principal(c)
	year := s.app.Today().Year()
	if _, err := s.app.Year(ctx, p, year); err != nil {
		return 0, nil
	}
	y := strconv.Itoa(year)
	var out []task
	progress, err := s.app.ProgressBoard(ctx, p, year)
	if err != nil {
		return year, nil
	}
	if p.Role == auth.RoleOfficer && p.UnitID != 0 {
		if v, err := s.app.Filing(ctx, p, year, p.UnitID); err == nil {
			kind := "info"
			if v.Filing.Status.UnitMayEdit() && !v.Closed {
				kind = "warning"
			}
			out = append(out, task{Text: "Bản tự chấm điểm của đơn vị: " + v.Filing.Status.Label(), Link: "/years/" + y + "/filing", Kind: kind})
		}
		for _, pr := range progress {
			if !pr.Cluster.IsMember(p.UnitID) {
				continue
			}
			cid := strconv.FormatInt(pr.Cluster.ID, 10)
			if st := pr.Cluster.PledgeState; st != nil && st.Signed < st.Lines {
				if pl, err := s.app.Pledge(ctx, p, pr.Cluster.ID); err == nil {
					for _, sg := range pl.Pledge.Signatures {
						if sg.UnitID == p.UnitID && !sg.Signed() {
							out = append(out, task{Text: "Giao ước thi đua của " + pr.Cluster.Title + " đang chờ đơn vị xác nhận chữ ký", Link: "/clusters/" + cid + "/pledge", Kind: "warning"})
						}
					}
				}
			}
			if n := pr.Counts[scoring.Submitted]; n > 0 && (pr.Cluster.HeadUnitID != nil && *pr.Cluster.HeadUnitID == p.UnitID ||
				pr.Cluster.DeputyUnitID != nil && *pr.Cluster.DeputyUnitID == p.UnitID) {
				out = append(out, task{Text: strconv.Itoa(n) + " bản tự chấm điểm trong " + pr.Cluster.Title + " đã nộp, chờ thẩm định", Link: "/years/" + y + "/progress", Kind: "warning"})
			}
		}
		return year, out
	}
	submitted, reviewed, total := 0, 0, 0
	for _, pr := range progress {
		submitted += pr.Counts[scoring.Submitted]
		reviewed += pr.Counts[scoring.Reviewed]
		total += len(pr.Cluster.Members)
	}
	if total > 0 {
		out = append(out, task{Text: strconv.Itoa(reviewed) + "/" + strconv.Itoa(total) + " đơn vị đã được thẩm định; " + strconv.Itoa(submitted) + " bản đang chờ thẩm định",
			Link: "/years/" + y + "/progress", Kind: "info"})
	}
	return year, out
}
