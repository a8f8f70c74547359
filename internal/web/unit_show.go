package web

import (
	"net/http"
	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/org"

	"github.com/labstack/echo/v4"
)

func (s *Server) unitShow(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.app.Unit(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	if isAPI(c) {
		return c.JSON(http.StatusOK, d)
	}
	data, err := s.unitShowData(c, d)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "unit_show", s.page(c, d.Unit.Name, "units", data))
}

// unitShowData adds to the unit what its page's forms need.
type unitShowData struct {
	app.UnitDetail
	Options []org.Unit // candidate predecessors for the lineage form
}

func (s *Server) unitShowData(c echo.Context, d app.UnitDetail) (unitShowData, error) {
	out := unitShowData{UnitDetail: d}
	if mayTry(c, auth.ManageUnits) == nil {
		var err error
		out.Options, _, err = s.app.Units(c.Request().Context(), principal(c), app.UnitFilter{Status: "all"})
		return out, err
	}
	return out, nil
}

func (s *Server) unitHistory(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	d, err := s.app.Unit(ctx, principal(c), id)
	if err != nil {
		return err
	}
	h, err := s.app.UnitHistory(ctx, principal(c), id)
	if err != nil {
		return err
	}
	if isAPI(c) {
		return c.JSON(http.StatusOK, h)
	}
	return c.Render(http.StatusOK, "unit_history", s.page(c, "Lịch sử thay đổi: "+d.Unit.Name, "units",
		map[string]any{"Unit": d.Unit, "Entries": h}))
}
