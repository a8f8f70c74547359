package web

import (
	"net/http"
	"strconv"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/calendar"
	"thidua/internal/cluster"
	"thidua/internal/errs"

	"github.com/labstack/echo/v4"
)

// Deadline extensions for one unit, kept by the board.

func (s *Server) extensionList(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	return s.extensionPage(c, http.StatusOK, year, nil, nil)
}

func (s *Server) extensionPage(c echo.Context, st, year int, form map[string]string, formErr error) error {
	v, err := s.app.DeadlineExtensions(c.Request().Context(), principal(c), year)
	if err != nil {
		return err
	}
	return respondWith(c, st, v.Extensions, func() error {
		return s.renderForm(c, st, "extensions", "Gia hạn thời hạn cho đơn vị – năm "+strconv.Itoa(year), map[string]any{"View": v, "Form": form}, formErr)
	})
}

// renderForm renders a page holding a form, with the form's errors.
func (s *Server) renderForm(c echo.Context, st int, tmpl, title string, data any, formErr error) error {
	pg := s.page(c, title, "clusters", data)
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
	}
	return c.Render(st, tmpl, pg)
}

// boardYearWrite is the year of a write only the board may try.
func boardYearWrite(c echo.Context) (int, error) {
	if err := mayTry(c, auth.ManageYears); err != nil {
		return 0, err
	}
	return yearParam(c)
}

func (s *Server) extensionCreate(c echo.Context) error {
	year, err := boardYearWrite(c)
	if err != nil {
		return err
	}
	var body struct {
		UnitID int64  `json:"unit_id"`
		Kind   string `json:"kind"`
		Until  string `json:"until"`
		Reason string `json:"reason"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	f := errs.Fields{}
	in := app.ExtensionInput{UnitID: body.UnitID, Kind: cluster.DeadlineKind(body.Kind), Reason: normalize(body.Reason)}
	if d := dateField(f, "until", "Ngày gia hạn đến", body.Until, false); d != nil {
		in.Until = *d
	}
	err = f.Err()
	if err == nil {
		var out any
		if out, err = s.app.ExtendDeadline(c.Request().Context(), principal(c), year, in); err == nil {
			return s.done(c, http.StatusCreated, out, "Đã gia hạn thời hạn cho đơn vị.", "/years/"+strconv.Itoa(year)+"/extensions")
		}
	}
	return formFailed(c, err, func(st int) error {
		form := map[string]string{"unit_id": strconv.FormatInt(body.UnitID, 10), "kind": body.Kind, "until": body.Until, "reason": body.Reason}
		return s.extensionPage(c, st, year, form, err)
	})
}

// The board's calendar of holidays and make-up working days.

func (s *Server) calendarShow(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	return s.calendarPage(c, http.StatusOK, year, nil, nil)
}

func (s *Server) calendarPage(c echo.Context, st, year int, form map[string]string, formErr error) error {
	v, err := s.app.Calendar(c.Request().Context(), principal(c), year)
	if err != nil {
		return err
	}
	return respondWith(c, st, v, func() error {
		return s.renderForm(c, st, "calendar", "Lịch nghỉ lễ, ngày làm bù năm "+strconv.Itoa(year),
			map[string]any{"View": v, "Form": form, "Kinds": []calendar.Kind{calendar.Holiday, calendar.Workday}}, formErr)
	})
}

func (s *Server) calendarSet(c echo.Context) error {
	year, err := boardYearWrite(c)
	if err != nil {
		return err
	}
	var body struct {
		Date string `json:"date"`
		Kind string `json:"kind"`
		Note string `json:"note"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	f := errs.Fields{}
	d := calendar.Day{Kind: calendar.Kind(body.Kind), Note: normalize(body.Note)}
	if t := dateField(f, "date", "Ngày", body.Date, true); t != nil {
		if d.Date = *t; t.Year() != year {
			f.Add("date", "Ngày phải thuộc năm "+strconv.Itoa(year)+".")
		}
	}
	err = f.Err()
	if err == nil {
		if err = s.app.SetCalendarDay(c.Request().Context(), principal(c), d); err == nil {
			return s.done(c, http.StatusOK, d, "Đã ghi ngày "+d.Date.Format("02/01/2006")+" vào lịch.", "/years/"+strconv.Itoa(year)+"/calendar")
		}
	}
	return formFailed(c, err, func(st int) error {
		return s.calendarPage(c, st, year, map[string]string{"date": body.Date, "kind": body.Kind, "note": body.Note}, err)
	})
}

func (s *Server) calendarDelete(c echo.Context) error {
	year, err := boardYearWrite(c)
	if err != nil {
		return err
	}
	d, ok := parseDate(c.Param("day"))
	if !ok || d.Year() != year {
		return errs.New(errs.NotFound, "Không tìm thấy ngày này trong lịch năm %d.", year)
	}
	if err := s.app.DeleteCalendarDay(c.Request().Context(), principal(c), d); err != nil {
		return err
	}
	return s.done(c, http.StatusOK, map[string]any{"date": d, "deleted": true}, "Đã xóa ngày "+d.Format("02/01/2006")+" khỏi lịch.", "/years/"+strconv.Itoa(year)+"/calendar")
}

// A unit's timeline: its filing's and proposals' states.
func (s *Server) timeline(c echo.Context) error {
	year, unit, err := filingUnit(c)
	if err != nil {
		return err
	}
	tl, err := s.app.Timeline(c.Request().Context(), principal(c), year, unit)
	if err != nil {
		return err
	}
	return s.respond(c, http.StatusOK, "timeline", "Diễn biến hồ sơ – "+tl.Unit.Name+" – năm "+strconv.Itoa(year), "scoring", tl)
}
