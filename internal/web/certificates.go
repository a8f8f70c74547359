package web

import (
	"bytes"
	"fmt"
	"math"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/document"
	"thidua/internal/errs"
	"thidua/internal/pdf"
)

// Certificates on pre-printed blanks: the calibration form of an issuing
// unit's blanks of one kind (/units/:id/certificates/:kind), its
// calibration sheet, and a decision's certificates.

// certPageData is the calibration form with what was typed when saving
// failed.
type certPageData struct {
	app.CertLayoutPage
	Rows []certRow
	Form map[string]string
}

// certRow is one field's row of the form, in the order of CertFields.
type certRow struct {
	I     int
	Label string
	F     document.CertField
}

// Value is what the input name shows: what was typed when saving failed,
// else v.
func (d certPageData) Value(name string, v float64) string {
	if d.Form != nil {
		return d.Form[name]
	}
	return inputNum(v)
}

// KindName is a certificate kind in Vietnamese.
func (certPageData) KindName(kind string) string { return document.KindLabel(kind) }

// Checked is whether a checkbox shows ticked.
func (d certPageData) Checked(name string, v bool) bool {
	if d.Form != nil {
		return d.Form[name] != ""
	}
	return v
}

func (s *Server) certLayoutShow(c echo.Context) error {
	return s.certLayoutPage(c, http.StatusOK, nil, nil)
}

// certUnit is the issuing unit named by the path.
func certUnit(c echo.Context) (int64, error) { return pathID(c, "id") }

// certLayoutURL is the calibration form of a unit's blanks of kind.
func certLayoutURL(unitID int64, kind string) string {
	return fmt.Sprintf("/units/%d/certificates/%s", unitID, kind)
}

// certLayoutOf is the layout the path names, for p.
func (s *Server) certLayoutOf(c echo.Context) (app.CertLayoutPage, error) {
	id, err := certUnit(c)
	if err != nil {
		return app.CertLayoutPage{}, err
	}
	return s.app.CertLayout(c.Request().Context(), principal(c), id, c.Param("kind"))
}

func (s *Server) certLayoutPage(c echo.Context, st int, form map[string]string, formErr error) error {
	l, err := s.certLayoutOf(c)
	if err != nil {
		return err
	}
	if isAPI(c) {
		return c.JSON(st, l)
	}
	var rows []certRow
	def := document.DefaultCertLayout(l.Level, l.Kind)
	for i, f := range document.CertFields {
		r := certRow{I: i, Label: f.Label, F: def.Fields[i]}
		for _, g := range l.Fields {
			if g.Key == f.Key {
				r.F = g
			}
		}
		rows = append(rows, r)
	}
	title := fmt.Sprintf("Căn chỉnh phôi %s – %s", document.KindLabel(l.Kind), l.UnitName)
	return s.renderForm(c, st, "certificate_layout", title, certPageData{CertLayoutPage: l, Rows: rows, Form: form}, formErr)
}

// certLayoutSave saves the positions: the API sends the layout as JSON,
// the form its numbers Vietnamese style ("148,5") by field row.
func (s *Server) certLayoutSave(c echo.Context) error {
	unitID, err := certUnit(c)
	if err != nil {
		return err
	}
	var l document.CertLayout
	var form map[string]string
	if isAPI(c) {
		if err := decodeJSON(c, &l); err != nil {
			return err
		}
	} else {
		form = map[string]string{}
		num := func(name string) float64 {
			form[name] = formValue(c, name)
			if v, ok := parseNumber(form[name]); ok && v != nil {
				return *v
			}
			return math.NaN() // refused by the layout's check, on this field
		}
		l.Width, l.Height = num("width_mm"), num("height_mm")
		l.Version, _ = strconv.Atoi(formValue(c, "version"))
		for i, f := range document.CertFields {
			at := fmt.Sprintf("fields.%d.", i)
			form[at+"bold"], form[at+"center"] = formValue(c, at+"bold"), formValue(c, at+"center")
			l.Fields = append(l.Fields, document.CertField{Key: f.Key, X: num(at + "x_mm"), Y: num(at + "y_mm"), Size: num(at + "size_pt"),
				Bold: form[at+"bold"] != "", Center: form[at+"center"] != ""})
		}
	}
	l.UnitID, l.Kind = unitID, c.Param("kind")
	out, err := s.app.SaveCertLayout(c.Request().Context(), principal(c), l)
	if err != nil {
		return formFailed(c, err, func(st int) error {
			if errs.CodeOf(err) == errs.Conflict {
				form = nil // show what is stored now
			}
			return s.certLayoutPage(c, st, form, err)
		})
	}
	return s.done(c, http.StatusOK, out, "Đã lưu vị trí các trường trên phôi.", certLayoutURL(out.UnitID, out.Kind))
}

// certCalibration is the calibration sheet: the grid and each field's
// sample where it will print.
func (s *Server) certCalibration(c echo.Context) error {
	l, err := s.certLayoutOf(c)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("can-chinh-%s-don-vi-%d.pdf", l.Kind, l.UnitID)
	return sendFile(c, pdfType, name, fmt.Sprintf("Căn chỉnh phôi %s – %s.pdf", document.KindLabel(l.Kind), l.UnitName),
		func(b *bytes.Buffer) error { return pdf.Calibration(b, l.CertLayout) })
}

// decisionCertificates prints a decision's certificates of ?kind= (by
// default the first its level issues), one page each, on the blanks of the
// unit that took it.
func (s *Server) decisionCertificates(c echo.Context) error {
	id, err := decisionID(c)
	if err != nil {
		return err
	}
	l, certs, err := s.app.DecisionCertificates(c.Request().Context(), principal(c), id, c.QueryParam("kind"))
	if err != nil {
		return err
	}
	return sendFile(c, pdfType, fmt.Sprintf("%s-quyet-dinh-%d.pdf", l.Kind, id),
		fmt.Sprintf("%s theo quyết định %d.pdf", document.KindLabel(l.Kind), id),
		func(b *bytes.Buffer) error { return pdf.Certificates(b, l, certs) })
}
