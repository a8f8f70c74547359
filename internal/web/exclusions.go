package web

import (
	"net/http"
	"strconv"
	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/org"

	"github.com/labstack/echo/v4"
)

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
	year, err := boardYearWrite(c)
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
