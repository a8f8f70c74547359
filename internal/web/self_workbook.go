package web

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/errs"
	"thidua/internal/xlsx"
)

// Self-assessment workbooks: the unit's filing as a protected template,
// and its upload, checked in full and saved, once confirmed, as the
// unit's draft. As with the other imports the confirm step sends the same
// bytes back, with the filing version the summary was made on.

// selfDoc is the template of the unit and year the request names, for
// one who may file it (403 otherwise).
func (s *Server) selfDoc(c echo.Context) (year int, unit int64, doc xlsx.SelfDoc, err error) {
	if year, unit, err = filingUnit(c); err != nil {
		return
	}
	doc, err = s.app.SelfWorkbook(c.Request().Context(), principal(c), year, unit)
	return
}

func (s *Server) selfTemplate(c echo.Context) error {
	year, unit, doc, err := s.selfDoc(c)
	if err != nil {
		return err
	}
	return sendTableWorkbook(c, fmt.Sprintf("tu-cham-diem-%d-don-vi-%d.xlsx", year, unit),
		tableFilename(fmt.Sprintf("Tự chấm điểm năm %d - %s", year, doc.UnitName))+".xlsx",
		func(w io.Writer) error { return xlsx.WriteSelfTemplate(w, doc) })
}

type selfImportData struct {
	UnitID   int64
	UnitName string
	Year     int
	FileName string
	Content  string
	Version  int
	Problems []xlsx.Problem
	Summary  *app.ImportCounts
}

func selfImportTitle(d selfImportData) string {
	return fmt.Sprintf("Nhập bản tự chấm điểm năm %d của %s từ tệp Excel", d.Year, d.UnitName)
}

func (s *Server) selfImportForm(c echo.Context) error {
	year, unit, doc, err := s.selfDoc(c)
	if err != nil {
		return err
	}
	d := selfImportData{UnitID: unit, UnitName: doc.UnitName, Year: year}
	return c.Render(http.StatusOK, "filing_import", s.page(c, selfImportTitle(d), "scoring", d))
}

// selfImport checks an uploaded self-assessment and, confirmed, saves it.
// Pages: the first POST carries the file; the confirm POST carries the
// same bytes in "content", the version and confirm=1. API: multipart
// "file"; confirm=true with "version" saves, otherwise the summary is
// returned.
func (s *Server) selfImport(c echo.Context) error {
	year, unit, err := filingUnit(c)
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	fields := errs.Fields{}
	up, err := readUpload(c, fields, "Vui lòng chọn tệp Excel (.xlsx) tự chấm điểm.")
	if err != nil {
		return err
	}
	d := selfImportData{UnitID: unit, Year: year, FileName: up.Name}
	if len(fields) > 0 { // no file to check: the form again
		head, err := s.app.SelfWorkbook(ctx, p, year, unit)
		if err != nil {
			return err
		}
		d.UnitName = head.UnitName
		return s.selfImportFailed(c, d, fields)
	}
	version, _ := strconv.Atoi(formValue(c, "version"))
	res, err := s.app.ImportSelf(ctx, p, year, unit, app.SelfImportInput{File: up.Data, Size: up.Size, FileName: up.Name,
		Version: version, Confirm: up.Confirm && (!up.Uploaded || isAPI(c))})
	d.UnitName = res.UnitName
	if e, ok := errs.As(err); ok && e.Code == errs.Invalid && res.UnitName != "" {
		switch {
		case e.Fields["file"] != "":
			fields.Add("file", e.Fields["file"])
		case isAPI(c):
			return err
		default: // the filing cannot be changed now
			fields.Add("file", e.Message)
		}
		return s.selfImportFailed(c, d, fields)
	}
	if err != nil {
		return err
	}
	if d.Problems = res.Problems; len(d.Problems) > 0 {
		return s.selfImportFailed(c, d, fields)
	}
	if !res.Saved {
		return respondWith(c, http.StatusOK, res, func() error {
			d.Summary, d.Version = &res.Summary, res.Version
			d.Content = base64.StdEncoding.EncodeToString(up.Data)
			return c.Render(http.StatusOK, "filing_import", s.page(c, selfImportTitle(d), "scoring", d))
		})
	}
	t := res.Summary
	flash := fmt.Sprintf("Đã nhập bản tự chấm điểm từ tệp Excel (bản nháp): %d tiêu chí nhập mới, %d tiêu chí cập nhật, %d tiêu chí không đổi. "+
		"Kiểm tra lại rồi bấm “Nộp” khi hoàn tất.", t.Created, t.Updated, t.Unchanged)
	return s.done(c, http.StatusOK, res, flash, filingURL(year, unit))
}

// selfImportFailed answers an upload that cannot be saved; nothing has
// been written.
func (s *Server) selfImportFailed(c echo.Context, d selfImportData, fields errs.Fields) error {
	return s.importFailed(c, importRefusal{tmpl: "filing_import", title: selfImportTitle(d), section: "scoring",
		data: d, problems: d.Problems, fields: fields})
}
