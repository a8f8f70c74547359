package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"thidua/internal/org"
	"thidua/internal/store"
)

type homeData struct {
	Counts []typeCount
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
	return c.Render(http.StatusOK, "home", s.page(c, "Trang chủ", "home", d))
}
