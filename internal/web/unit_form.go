package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/unicode/norm"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/errs"
	"thidua/internal/org"
)

// unitForm is the input of the unit form, the same fields for HTML forms
// and JSON. Only these fields are read: id, version bookkeeping and audit
// columns cannot be set by a request.
type unitForm struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Type      string `json:"type"`
	ParentID  *int64 `json:"parent_id"`
	ValidFrom string `json:"valid_from"`
	ValidTo   string `json:"valid_to"`
	Note      string `json:"note"`
	Reason    string `json:"reason"`
	Version   int    `json:"version"`
}

// readUnitForm reads the form from an HTML post or a JSON body.
func readUnitForm(c echo.Context) (unitForm, error) {
	var f unitForm
	err := bind(c, &f)
	for _, p := range []*string{&f.Code, &f.Name, &f.Note, &f.Reason} {
		*p = norm.NFC.String(*p)
	}
	return f, err
}

// input turns the raw form into the service's input; format problems are
// reported per field, the rules themselves are checked by the service.
func (f unitForm) input() app.UnitInput {
	fe := errs.Fields{}
	in := app.UnitInput{Code: f.Code, Name: f.Name, Type: f.Type, Note: f.Note, Unparsed: fe}
	in.ParentID = f.ParentID
	if t := dateField(fe, "valid_from", "Ngày bắt đầu hoạt động", f.ValidFrom, false); t != nil {
		in.ValidFrom = *t
	}
	in.ValidTo = dateField(fe, "valid_to", "Ngày kết thúc hoạt động", f.ValidTo, false)
	return in
}

func (s *Server) unitFormPage(c echo.Context, status int, d app.UnitFormPage, form map[string]string, err error) error {
	title := "Thêm đơn vị"
	if !d.IsNew {
		title = "Sửa đơn vị: " + d.Unit.Name
	}
	p := s.page(c, title, "units", d)
	p.Form = form
	if err != nil {
		fields, msg, _ := fieldErrors(err)
		p.Errors, p.Error = fields, msg
	}
	return c.Render(status, "unit_form", p)
}

func (s *Server) unitNew(c echo.Context) error {
	if err := mayTry(c, auth.ManageUnits); err != nil {
		return err
	}
	form := map[string]string{"parent_id": c.QueryParam("parent_id"), "type": c.QueryParam("type")}
	d, err := s.app.UnitFormPage(c.Request().Context(), principal(c), 0)
	if err != nil {
		return err
	}
	return s.unitFormPage(c, http.StatusOK, d, form, nil)
}

// unitToManage loads the unit in the path for a page that changes it.
func (s *Server) unitToManage(c echo.Context) (app.UnitDetail, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return app.UnitDetail{}, err
	}
	if err := mayTry(c, auth.ManageUnits); err != nil {
		return app.UnitDetail{}, err
	}
	return s.app.Unit(c.Request().Context(), principal(c), id)
}

func (s *Server) unitEdit(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := mayTry(c, auth.ManageUnits); err != nil {
		return err
	}
	d, err := s.app.UnitFormPage(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return s.unitFormPage(c, http.StatusOK, d, unitValues(d.Unit), nil)
}

func (s *Server) unitCreate(c echo.Context) error {
	if err := mayTry(c, auth.ManageUnits); err != nil {
		return err
	}
	f, err := readUnitForm(c)
	if err != nil {
		return err
	}
	u, err := s.app.CreateUnit(c.Request().Context(), principal(c), f.input())
	if err != nil {
		return formFailed(c, err, func(st int) error {
			d, derr := s.app.UnitFormPage(c.Request().Context(), principal(c), 0)
			if derr != nil {
				return derr
			}
			return s.unitFormPage(c, st, d, sent(c), err)
		})
	}
	return s.done(c, http.StatusCreated, u, "Đã thêm đơn vị "+u.Name+".", unitURL(u.ID))
}

func (s *Server) unitUpdate(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	if err := mayTry(c, auth.ManageUnits); err != nil {
		return err
	}
	f, err := readUnitForm(c)
	if err != nil {
		return err
	}
	u, err := s.app.UpdateUnit(ctx, p, id, f.Version, f.input(), f.Reason)
	if err != nil {
		return formFailed(c, err, func(st int) error {
			d, derr := s.app.UnitFormPage(ctx, p, id)
			if derr != nil {
				return derr
			}
			form := sent(c)
			if errs.CodeOf(err) == errs.Conflict {
				// Show the newer values and the new version; the editor decides again.
				form = unitValues(d.Unit)
			}
			return s.unitFormPage(c, st, d, form, err)
		})
	}
	return s.done(c, http.StatusOK, u, "Đã lưu thay đổi của "+u.Name+".", unitURL(u.ID))
}

func unitValues(u org.Unit) map[string]string {
	v := map[string]string{"code": u.Code, "name": u.Name, "type": string(u.Type), "valid_from": formatDate(u.ValidFrom),
		"valid_to": formatDate(u.ValidTo), "note": u.Note, "version": strconv.Itoa(u.Version)}
	if u.ParentID != nil {
		v["parent_id"] = strconv.FormatInt(*u.ParentID, 10)
	}
	return v
}

func unitURL(id int64) string { return fmt.Sprintf("/units/%d", id) }
