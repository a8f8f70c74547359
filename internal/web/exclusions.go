package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"thidua/internal/errs"
)

func (s *Server) exclusionList(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	return s.exclusionPage(c, http.StatusOK, year, nil)
}

func (s *Server) exclusionPage(c echo.Context, st int, year int, formErr error) error {
	d, err := s.app.ExclusionPage(c.Request().Context(), principal(c), year)
	if err != nil {
		return err
	}
	out := []map[string]any{} // the API's list: unit and reason
	for u, r := range d.Excluded {
		out = append(out, map[string]any{"unit_id": u, "reason": r})
	}
	return respondWith(c, st, out, func() error {
		pg := s.page(c, "Đơn vị không đủ điều kiện xét thi đua năm "+strconv.Itoa(year), "clusters", d)
		if formErr != nil {
			pg.Errors, pg.Error, _ = fieldErrors(formErr)
		}
		return c.Render(st, "exclusions", pg)
	})
}

func (s *Server) exclusionSave(c echo.Context) error {
	year, err := boardYearWrite(c)
	if err != nil {
		return err
	}
	var body struct {
		UnitID int64  `json:"unit_id"`
		Reason string `json:"reason"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	if body.UnitID == 0 {
		err = errs.Fields{"unit_id": "Vui lòng chọn đơn vị."}.Err()
	} else {
		err = s.app.SetExclusion(c.Request().Context(), principal(c), year, body.UnitID, body.Reason)
	}
	if err != nil {
		return formFailed(c, err, func(st int) error {
			return s.exclusionPage(c, st, year, err)
		})
	}
	msg := "Đã ghi nhận đơn vị không đủ điều kiện xét thi đua."
	if body.Reason == "" {
		msg = "Đã bỏ ghi nhận."
	}
	return s.done(c, http.StatusOK, map[string]any{"unit_id": body.UnitID, "reason": body.Reason}, msg, "/years/"+strconv.Itoa(year)+"/exclusions")
}
