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
	d, err := s.app.UnitPage(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return respondWith(c, http.StatusOK, d.UnitDetail, func() error {
		return c.Render(http.StatusOK, "unit_show", s.page(c, d.Unit.Name, "units", d))
	})
}

func (s *Server) unitHistory(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.app.UnitHistoryPage(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return respondWith(c, http.StatusOK, d.Entries, func() error {
		return c.Render(http.StatusOK, "unit_history", s.page(c, "Lịch sử thay đổi: "+d.Unit.Name, "units", d))
	})
}
