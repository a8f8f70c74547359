package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/unicode/norm"

	"thidua/internal/auth"
	"thidua/internal/errs"
)

func (s *Server) unitRetireForm(c echo.Context) error {
	d, err := s.unitToManage(c)
	if err != nil {
		return err
	}
	p := s.page(c, "Kết thúc hoạt động: "+d.Unit.Name, "units", d)
	p.Form = map[string]string{"version": strconv.Itoa(d.Unit.Version), "valid_to": formatDate(d.Unit.ValidTo)}
	return c.Render(http.StatusOK, "unit_retire", p)
}

func (s *Server) unitRetire(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	if err := mayTry(c, auth.ManageUnits); err != nil {
		return err
	}
	var raw struct {
		ValidTo string `json:"valid_to"`
		Reason  string `json:"reason"`
		Version int    `json:"version"`
	}
	if err := bind(c, &raw); err != nil {
		return err
	}
	raw.Reason = norm.NFC.String(raw.Reason)
	fe := errs.Fields{}
	var lastDay time.Time
	if t := dateField(fe, "valid_to", "Ngày kết thúc hoạt động", raw.ValidTo, true); t != nil {
		lastDay = *t
	}
	err = fe.Err()
	if err == nil {
		var u any
		u, err = s.app.RetireUnit(ctx, p, id, raw.Version, lastDay, raw.Reason)
		if err == nil {
			return s.done(c, http.StatusOK, u, "Đã ghi nhận ngày kết thúc hoạt động.", unitURL(id))
		}
	}
	return formFailed(c, err, func(st int) error {
		d, derr := s.app.Unit(ctx, p, id)
		if derr != nil {
			return derr
		}
		pg := s.page(c, "Kết thúc hoạt động: "+d.Unit.Name, "units", d)
		pg.Errors, pg.Error, _ = fieldErrors(err)
		pg.Form = map[string]string{"version": strconv.Itoa(d.Unit.Version), "valid_to": raw.ValidTo, "reason": raw.Reason}
		return c.Render(st, "unit_retire", pg)
	})
}
