package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/award"
	"thidua/internal/decision"
	"thidua/internal/errs"
)

// Collective award history: a unit's awards, its predecessors' awards and
// the board's carry-over decisions.

type unitAwardsPage struct {
	app.UnitAwardsView
	Titles   []award.Title
	Kinds    []award.Kind
	FormName string // the form the errors belong to: "award" or "carry-<successor>-<predecessor>"
}

func unitAwardsURL(id int64) string { return "/units/" + strconv.FormatInt(id, 10) + "/awards" }

func (s *Server) unitAwardsPage(c echo.Context, st int, id int64, formName string, form map[string]string, formErr error) error {
	v, err := s.app.UnitAwards(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return respondWith(c, st, v, func() error {
		d := unitAwardsPage{UnitAwardsView: v, Titles: award.CollectiveTitles, FormName: formName,
			Kinds: []award.Kind{award.Merit, award.Campaign, award.AdHoc, award.Career, award.Foreign}}
		pg := s.page(c, "Khen thưởng của đơn vị: "+v.Unit.Name, "units", d)
		pg.Form = form
		if formErr != nil {
			pg.Errors, pg.Error, _ = fieldErrors(formErr)
		}
		return c.Render(st, "unit_awards", pg)
	})
}

// unitAwards shows a unit's award history (page or JSON).
func (s *Server) unitAwards(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.unitAwardsPage(c, http.StatusOK, id, "", nil, nil)
}

// unitAwardAdd records a collective award for the unit; the board only.
func (s *Server) unitAwardAdd(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f, err := readRecordForm(c)
	if err != nil {
		return err
	}
	fe := errs.Fields{}
	aw := decision.Award{Year: f.Year, Title: f.Title, Kind: f.Kind, DecisionNo: f.DecisionNo, Signer: f.Signer}
	aw.DecisionDate = dateField(fe, "decision_date", "Ngày quyết định", f.DecisionDate, false)
	out, err := s.app.AddUnitAward(c.Request().Context(), principal(c), id, aw, fe)
	if err != nil {
		return formFailed(c, err, func(st int) error {
			return s.unitAwardsPage(c, st, id, "award", sent(c), err)
		})
	}
	return s.done(c, http.StatusCreated, out, "Đã ghi nhận khen thưởng của đơn vị.", unitAwardsURL(id))
}

// unitCarryover records the board's decision on whether a predecessor's
// awards count for the unit.
func (s *Server) unitCarryover(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in app.CarryoverInput
	if err := bind(c, &in); err != nil {
		return err
	}
	in.Reason = normalize(in.Reason)
	back := id // the page the form is on: the successor's, or the predecessor's
	if b, err := strconv.ParseInt(formValue(c, "back"), 10, 64); err == nil && b > 0 {
		back = b
	}
	out, err := s.app.SetCarryover(c.Request().Context(), principal(c), id, in)
	if err != nil {
		return formFailed(c, err, func(st int) error {
			form := sent(c)
			return s.unitAwardsPage(c, st, back,
				"carry-"+strconv.FormatInt(id, 10)+"-"+form["predecessor_id"], form, err)
		})
	}
	return s.done(c, http.StatusOK, out, "Đã ghi nhận quyết định của Hội đồng về việc tính khen thưởng của đơn vị tiền thân.", unitAwardsURL(back))
}
