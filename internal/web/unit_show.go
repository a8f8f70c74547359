package web

import (
	"net/http"

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
	return s.respond(c, http.StatusOK, "unit_show", d.Unit.Name, "units", d)
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
