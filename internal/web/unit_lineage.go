package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/unicode/norm"

	"thidua/internal/auth"
	"thidua/internal/errs"
	"thidua/internal/org"
)

// unitLink records a predecessor of the unit in the path.
func (s *Server) unitLink(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	if err := mayTry(c, auth.ManageUnits); err != nil {
		return err
	}
	var body struct {
		PredecessorID int64  `json:"predecessor_id"`
		Kind          string `json:"kind"`
		Note          string `json:"note"`
	}
	err = bind(c, &body)
	l := org.Link{SuccessorID: id, PredecessorID: body.PredecessorID, Kind: org.LineageKind(body.Kind), Note: norm.NFC.String(body.Note)}
	if err == nil {
		err = s.app.AddLink(ctx, p, l)
	}
	if err != nil {
		return formFailed(c, err, func(st int) error {
			return s.unitShowWithError(c, id, err)
		})
	}
	return s.done(c, http.StatusCreated, l, "Đã ghi nhận đơn vị tiền thân.", unitURL(id))
}

func (s *Server) unitUnlink(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	pred, err := pathID(c, "pred")
	if err != nil {
		return err
	}
	if err := s.app.RemoveLink(c.Request().Context(), principal(c), id, pred, formValue(c, "reason")); err != nil {
		return err
	}
	return s.done(c, http.StatusOK, map[string]bool{"deleted": true}, "Đã xóa liên kết tiền thân.", unitURL(id))
}

// unitShowWithError shows the unit page again with the lineage form's errors.
func (s *Server) unitShowWithError(c echo.Context, id int64, formErr error) error {
	d, err := s.app.UnitPage(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	p := s.page(c, d.Unit.Name, "units", d)
	p.Errors, p.Error, _ = fieldErrors(formErr)
	p.Form = map[string]string{"predecessor_id": formValue(c, "predecessor_id"), "kind": formValue(c, "kind"), "note": formValue(c, "note")}
	return c.Render(status(errs.CodeOf(formErr)), "unit_show", p)
}
