package web

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"thidua/internal/errs"
	"thidua/internal/xlsx"
)

// upload is a workbook sent to a two-step import: a fresh file, or on the
// confirm step the bytes the checked page sent back.
type upload struct {
	Data     []byte
	Size     int64 // as declared by the browser when the file is too big to read
	Name     string
	Uploaded bool // a fresh file (not the confirm step's copy)
	Confirm  bool
}

// readUpload reads the "file" field or, on the confirm step, "content".
// missing is the message when neither is there; problems go into fields.
func readUpload(c echo.Context, fields errs.Fields, missing string) (upload, error) {
	var u upload
	switch strings.ToLower(formValue(c, "confirm")) {
	case "1", "true", "on", "yes":
		u.Confirm = true
	}
	if fh, err := c.FormFile("file"); err == nil && fh.Filename != "" {
		u.Uploaded, u.Name, u.Size = true, normalize(fh.Filename), fh.Size
		if u.Size > xlsx.MaxTableFileSize {
			return u, nil // refused by size without reading it
		}
		f, err := fh.Open()
		if err != nil {
			return u, err
		}
		defer f.Close()
		if u.Data, err = io.ReadAll(io.LimitReader(f, xlsx.MaxTableFileSize+1)); err != nil {
			return u, err
		}
		u.Size = int64(len(u.Data))
		return u, nil
	}
	if content := c.FormValue("content"); content != "" && !isAPI(c) {
		u.Name = formValue(c, "file_name")
		var err error
		if len(content) > maxTableContent {
			err = errs.New(errs.Invalid, "too long")
		} else {
			u.Data, err = base64.StdEncoding.DecodeString(content)
		}
		if err != nil {
			fields.Add("file", "Không đọc được tệp đã kiểm tra ở bước trước; vui lòng chọn lại tệp.")
		}
		u.Size = int64(len(u.Data))
		return u, nil
	}
	fields.Add("file", missing)
	return u, nil
}

// importRefusal is how a refused workbook upload is shown: the page
// (template, title, menu section, data) and what is wrong.
type importRefusal struct {
	tmpl, title, section string
	data                 any
	problems             []xlsx.Problem
	fields               errs.Fields
	msg                  string // "": said from the problems or the file field
}

// importFailed answers an upload that cannot be saved; nothing has been
// written.
func (s *Server) importFailed(c echo.Context, r importRefusal) error {
	if r.msg == "" {
		switch {
		case len(r.problems) > 0:
			r.msg = fmt.Sprintf("Tệp có %d lỗi cần sửa; chưa có gì được lưu. Sửa các ô được liệt kê dưới đây rồi tải tệp lên lại.", len(r.problems))
		case r.fields["file"] != "":
			r.msg = r.fields["file"]
		default:
			r.msg = "Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu."
		}
	}
	var body tableImportProblems // the API's answer: the error and every located problem
	body.Error.Code, body.Error.Message, body.Error.Fields = errs.Invalid, r.msg, r.fields
	body.Problems = r.problems
	if body.Problems == nil {
		body.Problems = []xlsx.Problem{}
	}
	return respondWith(c, http.StatusUnprocessableEntity, body, func() error {
		pg := s.page(c, r.title, r.section, r.data)
		pg.Error, pg.Errors = r.msg, r.fields
		return c.Render(http.StatusUnprocessableEntity, r.tmpl, pg)
	})
}
