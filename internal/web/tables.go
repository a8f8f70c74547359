package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/scoring"
)

func (s *Server) tableList(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	d, err := s.app.TablesPage(c.Request().Context(), principal(c), year)
	if err != nil {
		return err
	}
	return s.respond(c, http.StatusOK, "table_list", "Bảng tiêu chí chấm điểm năm "+strconv.Itoa(year), "scoring", d)
}

type tableShowData struct {
	app.TableDetail
	Depth     map[int64]int
	CanManage bool
}

func (s *Server) tableShow(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.app.Table(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return respondWith(c, http.StatusOK, d, func() error {
		return s.renderTable(c, http.StatusOK, d, nil)
	})
}

func (s *Server) renderTable(c echo.Context, st int, d app.TableDetail, formErr error) error {
	depth := map[int64]int{}
	for _, cr := range d.Table.Criteria {
		if cr.ParentID != 0 {
			depth[cr.ID] = depth[cr.ParentID] + 1
		}
	}
	data := tableShowData{TableDetail: d, Depth: depth, CanManage: mayTry(c, auth.ManageTables) == nil}
	pg := s.page(c, d.Info.Name, "scoring", data)
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
		for _, msg := range pg.Errors {
			pg.Error += " " + msg
		}
	}
	return c.Render(st, "table_show", pg)
}

// tableWithError shows the table page with a form's problem on it; other
// errors, and the API's, go to the error handler.
func (s *Server) tableWithError(c echo.Context, id int64, formErr error) error {
	return formFailed(c, formErr, func(st int) error {
		d, err := s.app.Table(c.Request().Context(), principal(c), id)
		if err != nil {
			return err
		}
		return s.renderTable(c, st, d, formErr)
	})
}

// tableBody is a table as the API sends it: rows name their parent by
// position (1-based), since new rows have no ids.
type tableBody struct {
	scoring.TableInfo
	Criteria []scoring.Criterion `json:"criteria"`
}

func (s *Server) tableCreate(c echo.Context) error {
	if err := mayTry(c, auth.ManageTables); err != nil {
		return err
	}
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	var b tableBody
	if err := decodeJSON(c, &b); err != nil {
		return err
	}
	b.TableInfo.ID, b.Year = 0, year
	info, err := s.app.SaveTable(c.Request().Context(), principal(c), b.TableInfo, scoring.Table{Criteria: b.Criteria})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, info)
}

func (s *Server) tableUpdate(c echo.Context) error {
	if err := mayTry(c, auth.ManageTables); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	info, err := s.app.EditTable(c.Request().Context(), principal(c), id, 0, func(cur *scoring.TableInfo) (scoring.Table, error) {
		b := tableBody{TableInfo: *cur} // fields the body leaves out stay as they are
		b.TableInfo.Version = 0
		err := decodeJSON(c, &b)
		*cur = b.TableInfo
		return scoring.Table{Criteria: b.Criteria}, err
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, info)
}

// tableVersion starts a new version of a frozen table, with the reason.
func (s *Server) tableVersion(c echo.Context) error {
	if err := mayTry(c, auth.ManageTables); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Reason string `json:"change_reason"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	info, err := s.app.NewTableVersion(c.Request().Context(), principal(c), id, body.Reason)
	if err != nil {
		return s.tableWithError(c, id, err)
	}
	return s.done(c, http.StatusCreated, info, "Đã tạo phiên bản "+strconv.Itoa(info.VersionNo)+" của bảng tiêu chí.", "/tables/"+strconv.FormatInt(info.ID, 10))
}

// tableCopy copies a table into another year (by default the next).
func (s *Server) tableCopy(c echo.Context) error {
	if err := mayTry(c, auth.ManageTables); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Year int `json:"year"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	info, err := s.app.CopyTable(c.Request().Context(), principal(c), id, body.Year)
	if err != nil {
		return err
	}
	return s.done(c, http.StatusCreated, info, "Đã sao chép bảng tiêu chí sang năm "+strconv.Itoa(info.Year)+".", "/tables/"+strconv.FormatInt(info.ID, 10))
}

// tableAdjust switches a criterion off for one unit or applies it to part
// of the year.
func (s *Server) tableAdjust(c echo.Context) error {
	if err := mayTry(c, auth.ManageTables); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body app.AdjustmentRequest
	if isAPI(c) {
		if err := decodeJSON(c, &body); err != nil {
			return err
		}
	} else {
		raw := formValue(c, "unit_id")
		if body.UnitID, err = strconv.ParseInt(raw, 10, 64); err != nil {
			body.UnitCode = raw
		}
		body.CriterionID, _ = strconv.ParseInt(formValue(c, "criterion_id"), 10, 64)
		if v, ok := parseNumber(formValue(c, "share")); ok && v != nil {
			body.Share = *v
		}
		body.Reason = formValue(c, "reason")
	}
	if err := s.app.AdjustTable(c.Request().Context(), principal(c), id, body); err != nil {
		return s.tableWithError(c, id, err)
	}
	return s.done(c, http.StatusOK, body, "Đã ghi nhận điều chỉnh tiêu chí cho đơn vị.", "/tables/"+strconv.FormatInt(id, 10))
}
