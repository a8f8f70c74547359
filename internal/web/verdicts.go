package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/award"
	"thidua/internal/errs"
)

// The verdicts of every title and form on one person or unit, for any
// year and day of consideration (ngày xét), without creating a proposal:
// GET /people/:id/verdicts and /units/:id/verdicts, ?year=&on=.

type verdictsPageData struct {
	Subject string
	Back    string
	Action  string
	Result  *app.SubjectVerdicts
	// Verdicts are Result's verdicts as the page shows them (verdictView.HTML).
	Verdicts []verdictView
	// The unit's own record, on a unit's page.
	Unit           *app.SubjectVerdicts
	Labels         map[string]string
	MeasureOptions []award.Measure
	PendingOptions []award.PendingKind
}

// verdictQuery reads ?year= and ?on= (dd/mm/yyyy or yyyy-mm-dd); what
// cannot be read is reported on its field.
func verdictQuery(c echo.Context) (app.VerdictQuery, map[string]string) {
	raw := map[string]string{"year": c.QueryParam("year"), "on": c.QueryParam("on")}
	fe := errs.Fields{}
	q := app.VerdictQuery{Unparsed: fe}
	if raw["year"] != "" {
		y, err := strconv.Atoi(raw["year"])
		if err != nil {
			fe.Add("year", "Năm thi đua phải là một số, ví dụ 2026.")
		}
		q.Year = y
	}
	if t := dateField(fe, "on", "Ngày xét", raw["on"], false); t != nil {
		q.On = *t
	}
	return q, raw
}

func (s *Server) verdictsPage(c echo.Context, back, action string,
	run func(app.VerdictQuery) (app.SubjectVerdicts, error)) error {
	q, raw := verdictQuery(c)
	v, err := run(q)
	if isAPI(c) {
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, v)
	}
	if v.Subject == "" && err != nil {
		return err // not found or forbidden: nothing to show
	}
	subject := v.Subject
	d := verdictsPageData{Subject: subject, Back: back, Action: action, Labels: labels(),
		MeasureOptions: []award.Measure{award.KhienTrach, award.CanhCao, award.HaBacLuong, award.GiangChuc, award.CachChuc, award.BuocThoiViec},
		PendingOptions: award.PendingKinds}
	if v.UnitID != 0 {
		d.Unit = &v
	}
	st := http.StatusOK
	var fieldErr error
	if err != nil {
		if _, _, ok := fieldErrors(err); !ok {
			return err
		}
		st, fieldErr = status(errs.CodeOf(err)), err
	} else {
		d.Result, d.Verdicts = &v, verdictViews(v.Verdicts)
		raw = map[string]string{"year": strconv.Itoa(v.Year), "on": formatDate(v.On)}
	}
	pg := s.page(c, "Xét danh hiệu: "+subject, "people", d)
	pg.Form = raw
	if fieldErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(fieldErr)
	}
	return c.Render(st, "verdicts", pg)
}

// personVerdicts: GET /people/:id/verdicts.
func (s *Server) personVerdicts(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	return s.verdictsPage(c, personURL(id), personURL(id)+"/verdicts", func(q app.VerdictQuery) (app.SubjectVerdicts, error) {
		return s.app.PersonVerdictsOn(ctx, p, id, q)
	})
}

// unitVerdicts: GET /units/:id/verdicts.
func (s *Server) unitVerdicts(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	url := "/units/" + strconv.FormatInt(id, 10)
	return s.verdictsPage(c, url, url+"/verdicts", func(q app.VerdictQuery) (app.SubjectVerdicts, error) {
		return s.app.UnitVerdictsOn(ctx, p, id, q)
	})
}
