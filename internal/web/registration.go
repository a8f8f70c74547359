package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/org"
)

type registrationData struct {
	Registration cluster.Registration
	Unit         org.Unit
	Year         cluster.Year
	Rows         []cluster.RegisteredPerson // people plus empty rows to fill
	CanEdit      bool
	Closed       bool // the registration deadline has passed
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
	ctx, p := c.Request().Context(), principal(c)
	y, err := s.app.Year(ctx, p, year)
	if err != nil {
		return err
	}
	saved, err := s.app.Registration(ctx, p, year, unitID)
	if err != nil {
		return err
	}
	if r == nil {
		r = &saved
	} else {
		r.Version = saved.Version
	}
	u, err := s.app.Unit(ctx, auth.System, unitID)
	if err != nil {
		return err
	}
	path, err := s.app.Store.UnitPath(ctx, unitID)
	if err != nil {
		return err
	}
	d := registrationData{Registration: *r, Unit: u.Unit, Year: y, CanEdit: auth.Can(p, auth.Register, auth.Target{UnitPath: path, Year: year})}
	d.Closed = y.RegistrationDeadline != nil && s.app.Today().After(*y.RegistrationDeadline)
	d.Rows = append(append([]cluster.RegisteredPerson{}, r.People...), make([]cluster.RegisteredPerson, 5)...)
	pg := s.page(c, "Đăng ký thi đua năm "+strconv.Itoa(year)+" – "+u.Unit.Name, "clusters", d)
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
	}
	return c.Render(st, "registration", pg)
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
	if isAPI(c) {
		r, err := s.app.Registration(c.Request().Context(), principal(c), year, unitID)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, r)
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
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			return s.registrationPage(c, status(errs.CodeOf(err)), year, unitID, &r, err)
		}
		return err
	}
	return s.done(c, http.StatusOK, saved, "Đã lưu đăng ký thi đua năm "+strconv.Itoa(year)+".",
		"/years/"+strconv.Itoa(year)+"/registration?unit="+strconv.FormatInt(unitID, 10))
}

type exclusionData struct {
	Year     cluster.Year
	Excluded map[int64]string
	Rows     []exclusionRow // the recorded units, by name
	Units    []org.Unit     // units that may be recorded
	CanEdit  bool
}

type exclusionRow struct {
	Unit   org.Unit
	Reason string
}

func (s *Server) exclusionList(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	return s.exclusionPage(c, http.StatusOK, year, nil)
}

func (s *Server) exclusionPage(c echo.Context, st int, year int, formErr error) error {
	ctx, p := c.Request().Context(), principal(c)
	var d exclusionData
	var err error
	if d.Year, err = s.app.Year(ctx, p, year); err != nil {
		return err
	}
	if d.Excluded, err = s.app.Exclusions(ctx, p, year); err != nil {
		return err
	}
	if isAPI(c) {
		out := []map[string]any{}
		for u, r := range d.Excluded {
			out = append(out, map[string]any{"unit_id": u, "reason": r})
		}
		return c.JSON(st, out)
	}
	d.CanEdit = auth.Can(p, auth.ManageYears, auth.Target{Year: year})
	// Who was excluded is public within the sector, whoever is reading.
	if d.Units, err = s.unitsActiveIn(c, year); err != nil {
		return err
	}
	for _, u := range d.Units {
		if r, ok := d.Excluded[u.ID]; ok {
			d.Rows = append(d.Rows, exclusionRow{Unit: u, Reason: r})
		}
	}
	pg := s.page(c, "Đơn vị không đủ điều kiện xét thi đua năm "+strconv.Itoa(year), "clusters", d)
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
	}
	return c.Render(st, "exclusions", pg)
}

func (s *Server) exclusionSave(c echo.Context) error {
	if err := mayTry(c, auth.ManageYears); err != nil {
		return err
	}
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	var body struct {
		UnitID int64  `json:"unit_id"`
		Reason string `json:"reason"`
	}
	if isAPI(c) {
		if err := decodeJSON(c, &body); err != nil {
			return err
		}
	} else {
		body.UnitID, _ = strconv.ParseInt(formValue(c, "unit_id"), 10, 64)
		body.Reason = formValue(c, "reason")
	}
	if body.UnitID == 0 {
		err = errs.Fields{"unit_id": "Vui lòng chọn đơn vị."}.Err()
	} else {
		err = s.app.SetExclusion(c.Request().Context(), principal(c), year, body.UnitID, body.Reason)
	}
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			return s.exclusionPage(c, status(errs.CodeOf(err)), year, err)
		}
		return err
	}
	msg := "Đã ghi nhận đơn vị không đủ điều kiện xét thi đua."
	if body.Reason == "" {
		msg = "Đã bỏ ghi nhận."
	}
	return s.done(c, http.StatusOK, map[string]any{"unit_id": body.UnitID, "reason": body.Reason}, msg, "/years/"+strconv.Itoa(year)+"/exclusions")
}

// unitsActiveIn lists the provincial and lower units that existed during a year.
func (s *Server) unitsActiveIn(c echo.Context, year int) ([]org.Unit, error) {
	all, _, err := s.app.Units(c.Request().Context(), auth.System, storeAll)
	if err != nil {
		return nil, err
	}
	first, last := yearBounds(year)
	var out []org.Unit
	for _, u := range all {
		if u.Type != org.TypeSupreme && !u.ValidFrom.After(last) && (u.ValidTo == nil || !u.ValidTo.Before(first)) {
			out = append(out, u)
		}
	}
	return out, nil
}
