package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/cluster"
	"thidua/internal/errs"
)

type registrationData struct {
	app.RegistrationPage
	Rows []cluster.RegisteredPerson // people plus empty rows to fill
}

// registrationUnit is the unit in ?unit= (or the path), defaulting to the user's own.
func registrationUnit(c echo.Context) (int64, error) {
	raw := c.Param("unit")
	if raw == "" {
		raw = c.QueryParam("unit")
	}
	if raw == "" {
		if u := principal(c).UnitID; u != 0 {
			return u, nil
		}
		return 0, errs.New(errs.NotFound, "Tài khoản không thuộc đơn vị nào: hãy chọn đơn vị cần xem.")
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.New(errs.NotFound, "Không tìm thấy đơn vị.")
	}
	return id, nil
}

func (s *Server) registrationPage(c echo.Context, st int, year int, unitID int64, r *cluster.Registration, formErr error) error {
	v, err := s.app.RegistrationPage(c.Request().Context(), principal(c), year, unitID)
	if err != nil {
		return err
	}
	return respondWith(c, st, v.Registration, func() error {
		if r != nil { // the form sent back, over the stored version
			r.Version = v.Registration.Version
			v.Registration = *r
		}
		d := registrationData{RegistrationPage: v}
		d.Rows = append(append([]cluster.RegisteredPerson{}, v.Registration.People...), make([]cluster.RegisteredPerson, 5)...)
		pg := s.page(c, "Đăng ký thi đua năm "+strconv.Itoa(year)+" – "+v.Unit.Name, "clusters", d)
		if formErr != nil {
			pg.Errors, pg.Error, _ = fieldErrors(formErr)
		}
		return c.Render(st, "registration", pg)
	})
}

func (s *Server) registrationShow(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	unitID, err := registrationUnit(c)
	if err != nil {
		return err
	}
	return s.registrationPage(c, http.StatusOK, year, unitID, nil, nil)
}

func (s *Server) registrationSave(c echo.Context) error {
	if err := mayTry(c, auth.Register); err != nil {
		return err
	}
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	unitID, err := registrationUnit(c)
	if err != nil {
		return err
	}
	r := cluster.Registration{Year: year, UnitID: unitID}
	if isAPI(c) {
		if err := decodeJSON(c, &r); err != nil {
			return err
		}
		r.Year, r.UnitID = year, unitID
	} else {
		r.CollectiveTitle = award.Title(formValue(c, "collective_title"))
		r.Note = formValue(c, "note")
		r.Version, _ = strconv.Atoi(formValue(c, "version"))
		form, _ := c.FormParams()
		names, positions, titles := form["person_name"], form["person_position"], form["person_title"]
		for i := range names {
			pp := cluster.RegisteredPerson{FullName: normalize(names[i])}
			if i < len(positions) {
				pp.Position = normalize(positions[i])
			}
			if i < len(titles) {
				pp.Title = award.Title(titles[i])
			}
			if pp.FullName == "" && pp.Position == "" {
				continue // an empty row of the form
			}
			r.People = append(r.People, pp)
		}
	}
	saved, err := s.app.SaveRegistration(c.Request().Context(), principal(c), r)
	if err != nil {
		return formFailed(c, err, func(st int) error {
			return s.registrationPage(c, st, year, unitID, &r, err)
		})
	}
	return s.done(c, http.StatusOK, saved, "Đã lưu đăng ký thi đua năm "+strconv.Itoa(year)+".",
		"/years/"+strconv.Itoa(year)+"/registrations/"+strconv.FormatInt(unitID, 10))
}
