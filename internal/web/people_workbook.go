package web

import (
	"bytes"
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

// Personnel workbooks: a unit's people and records as Excel, and the
// upload that adds and updates them. As with criteria tables, the upload
// is checked in full first; the confirm step sends the same bytes back and
// they are read and checked again before one transaction saves them.

// peopleTemplate is the unit's workbook, prefilled with its people.
func (s *Server) peopleTemplate(c echo.Context) error {
	if err := mayWritePeople(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	doc, err := s.app.PeopleWorkbook(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	name := "Can bo " + doc.UnitCode
	if doc.UnitName != "" {
		name = "Cán bộ - " + doc.UnitName
	}
	return sendTableWorkbook(c, fmt.Sprintf("can-bo-don-vi-%d.xlsx", id), tableFilename(name)+".xlsx",
		func(w io.Writer) error { return xlsx.WritePeopleTemplate(w, doc) })
}

// peopleImportData is the import page.
type peopleImportData struct {
	UnitID   int64
	UnitName string
	FileName string
	Content  string
	Problems []xlsx.Problem
	Summary  *app.PeopleImportSummary
}

func peopleImportTitle(name string) string {
	if name == "" {
		return "Nhập danh sách cán bộ từ tệp Excel"
	}
	return "Nhập danh sách cán bộ của " + name + " từ tệp Excel"
}

// peopleImportForm is the upload form, for those who may change the
// unit's people.
func (s *Server) peopleImportForm(c echo.Context) error {
	if err := mayWritePeople(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	doc, err := s.app.PeopleWorkbook(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	d := peopleImportData{UnitID: id, UnitName: doc.UnitName}
	return c.Render(http.StatusOK, "people_import", s.page(c, peopleImportTitle(d.UnitName), "people", d))
}

// peopleImport checks an uploaded workbook and, confirmed, saves it.
// Pages: the first POST carries the file; the confirm POST carries the
// same bytes in "content" with confirm=1. API: multipart "file";
// confirm=true saves, otherwise the summary is returned.
func (s *Server) peopleImport(c echo.Context) error {
	if err := mayWritePeople(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	d := peopleImportData{UnitID: id}
	fields := errs.Fields{}
	up, err := readUpload(c, fields, "Vui lòng chọn tệp Excel (.xlsx) danh sách cán bộ.")
	if err != nil {
		return err
	}
	d.FileName = up.Name
	confirm, data, size, uploaded := up.Confirm, up.Data, up.Size, up.Uploaded
	var doc xlsx.PeopleDoc
	if _, bad := fields["file"]; !bad {
		var err error
		doc, d.Problems, err = xlsx.ReadPeople(bytes.NewReader(data), size)
		if err != nil {
			e, ok := errs.As(err)
			if !ok {
				return err
			}
			fields.Add("file", e.Message)
		}
	}
	// With problems in the cells, the rows are still checked against the
	// stored record (nothing is saved), so every problem shows at once.
	// ImportPeople is asked even when the file is unreadable: a user who
	// may not change this unit's people gets 403 whatever the file holds.
	save := len(fields) == 0 && confirm && (!uploaded || isAPI(c)) && len(d.Problems) == 0
	res, err := s.app.ImportPeople(ctx, p, id, doc, save)
	d.UnitName = res.UnitName
	if err != nil {
		if e, ok := errs.As(err); ok && e.Code == errs.Invalid && e.Fields["file"] != "" && len(fields) == 0 {
			fields.Add("file", e.Fields["file"])
			return s.peopleImportFailed(c, d, fields)
		}
		return err
	}
	if len(fields) > 0 {
		return s.peopleImportFailed(c, d, fields)
	}
	if len(d.Problems) > 0 {
		d.Problems = xlsx.SortPeopleProblems(append(d.Problems, res.Problems...))
		return s.peopleImportFailed(c, d, fields)
	}
	if t := res.Summary.Total; t.Created+t.Updated+t.Unchanged == 0 && len(res.Problems) == 0 {
		fields.Add("file", xlsx.MsgPeopleNoRows)
		return s.peopleImportFailed(c, d, fields)
	}
	if len(res.Problems) > 0 {
		d.Problems = res.Problems
		return s.peopleImportFailed(c, d, fields)
	}
	if !res.Saved {
		return respondWith(c, http.StatusOK, res, func() error {
			d.Summary = &res.Summary
			d.Content = base64.StdEncoding.EncodeToString(data)
			return c.Render(http.StatusOK, "people_import", s.page(c, peopleImportTitle(d.UnitName), "people", d))
		})
	}
	t := res.Summary.Total
	flash := fmt.Sprintf("Đã nhập danh sách cán bộ từ tệp Excel: %d mục thêm mới, %d mục cập nhật, %d mục không đổi.", t.Created, t.Updated, t.Unchanged)
	return s.done(c, http.StatusOK, res, flash, "/people?unit_id="+strconv.FormatInt(id, 10))
}

// peopleImportFailed answers an upload that cannot be saved; nothing has
// been written.
func (s *Server) peopleImportFailed(c echo.Context, d peopleImportData, fields errs.Fields) error {
	return s.importFailed(c, importRefusal{tmpl: "people_import", title: peopleImportTitle(d.UnitName), section: "people",
		data: d, problems: d.Problems, fields: fields})
}
