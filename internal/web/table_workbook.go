package web

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/scoring"
	"thidua/internal/xlsx"
)

// Criteria tables as workbooks: a table exported to Excel, the blank
// template, and a table created by uploading a filled-in workbook. The
// upload is checked in full before anything is written; the board sees
// every problem at once (sheet, row, column, value, expected), or a
// summary to confirm. The confirm step sends the same file back (as a
// hidden field) and it is read and checked again, so nothing is kept on
// the server between the two steps.

// tableWorkbook is a table as the workbook the import reads back:
// download, edit, upload.
func (s *Server) tableWorkbook(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.app.Table(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	doc := xlsx.TableDoc{Year: d.Info.Year, Name: d.Info.Name, Level: tableLevelLabel(d.Info.Level), VersionNo: d.Info.VersionNo,
		Criteria: d.Table.Criteria}
	if d.Info.UnitType != "" {
		doc.UnitType = org.UnitType(d.Info.UnitType).Label()
	}
	ascii := fmt.Sprintf("bang-tieu-chi-%d-%d", d.Info.Year, d.Info.ID)
	if d.Info.VersionNo > 1 {
		ascii += fmt.Sprintf("-ban-%d", d.Info.VersionNo)
	}
	return sendTableWorkbook(c, ascii+".xlsx", tableFilename(d.Info.Name)+".xlsx", func(w io.Writer) error { return xlsx.WriteTable(w, doc) })
}

// tableTemplate is the blank workbook to fill in.
func (s *Server) tableTemplate(c echo.Context) error {
	if err := mayTry(c, auth.ManageTables); err != nil {
		return err
	}
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	return sendTableWorkbook(c, fmt.Sprintf("mau-bang-tieu-chi-%d.xlsx", year), fmt.Sprintf("Mẫu bảng tiêu chí năm %d.xlsx", year),
		func(w io.Writer) error { return xlsx.WriteTableTemplate(w, xlsx.TableDoc{Year: year}) })
}

// sendTableWorkbook writes a workbook to memory first (a table is a few dozen
// kilobytes), so an error still gets a proper page instead of half a file.
func sendTableWorkbook(c echo.Context, ascii, utf string, write func(io.Writer) error) error {
	return sendFile(c, xlsxType, ascii, utf, func(b *bytes.Buffer) error { return write(b) })
}

// tableFilename keeps a name usable as a file name on every desktop.
func tableFilename(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < ' ' || strings.ContainsRune(`\/:*?"<>|`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(name))
	if r := []rune(name); len(r) > 120 {
		name = string(r[:120])
	}
	if name == "" {
		return "Bang tieu chi"
	}
	return name
}

func tableLevelLabel(level string) string {
	if level == string(cluster.Bloc) {
		return "Khối thi đua trong tỉnh"
	}
	return "Cụm thi đua toàn quốc"
}

// tableImportData is the import page: the form, and after an upload
// either the problems found or the summary to confirm.
type tableImportData struct {
	Year     int
	Name     string
	Level    string
	UnitType string
	FileName string
	Content  string // the checked file, base64, sent back by the confirm button
	Problems []xlsx.Problem
	Summary  *tableSummary
	Rows     []scoring.Criterion
	Depth    []int // each row's depth in the tree, for indenting the preview
}

// tableSummary is what an upload would create.
type tableSummary struct {
	Rows       int     `json:"rows"`
	Groups     int     `json:"groups"`
	Criteria   int     `json:"criteria"`   // rows with points of their own: fixed and indicators
	Indicators int     `json:"indicators"` // of which indicators
	Bonuses    int     `json:"bonuses"`
	Deductions int     `json:"deductions"`
	MaxTotal   float64 `json:"max_total"`
}

func summarizeTable(rows []scoring.Criterion) tableSummary {
	sum := tableSummary{Rows: len(rows), MaxTotal: scoring.Table{Criteria: rows}.MaxTotal()}
	for _, c := range rows {
		switch c.Method {
		case scoring.Group:
			sum.Groups++
		case scoring.Fixed:
			sum.Criteria++
		case scoring.Indicator:
			sum.Criteria++
			sum.Indicators++
		case scoring.Bonus:
			sum.Bonuses++
		case scoring.Deduction:
			sum.Deductions++
		}
	}
	return sum
}

// tableDepths is each row's depth, rows naming parents by position.
func tableDepths(rows []scoring.Criterion) []int {
	out := make([]int, len(rows))
	for i, c := range rows {
		if p := int(c.ParentID); p > 0 && p <= i {
			out[i] = out[p-1] + 1
		}
	}
	return out
}

// tableImportForm is the upload form.
func (s *Server) tableImportForm(c echo.Context) error {
	if err := mayTry(c, auth.ManageTables); err != nil {
		return err
	}
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	if _, err := s.app.Year(c.Request().Context(), principal(c), year); err != nil {
		return err
	}
	d := tableImportData{Year: year, Level: string(cluster.National)}
	return c.Render(http.StatusOK, "table_import", s.page(c, tableImportTitle(year), "scoring", d))
}

func tableImportTitle(year int) string {
	return "Nhập bảng tiêu chí năm " + strconv.Itoa(year) + " từ tệp Excel"
}

// maxTableContent is the longest base64 field the confirm step accepts.
var maxTableContent = base64.StdEncoding.EncodedLen(xlsx.MaxTableFileSize)

// tableImportProblems is the API's answer to an upload with problems.
type tableImportProblems struct {
	Error struct {
		Code    errs.Code         `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields,omitempty"`
	} `json:"error"`
	Problems []xlsx.Problem `json:"problems"`
}

// tableImportPreview is the API's answer to an upload without problems
// and without confirm=true.
type tableImportPreview struct {
	Summary  tableSummary        `json:"summary"`
	Criteria []scoring.Criterion `json:"criteria"` // parents by position, as the table would be saved
}

// tableImport checks an uploaded workbook and, when confirmed, creates the
// table. Pages: the first POST carries the file and shows the problems or
// the summary; the confirm POST carries the same bytes back in "content"
// with confirm=1. API: multipart "file" with name, level, unit_type;
// confirm=true saves.
func (s *Server) tableImport(c echo.Context) error {
	if err := mayTry(c, auth.ManageTables); err != nil {
		return err
	}
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	d := tableImportData{Year: year, Name: formValue(c, "name"), Level: formValue(c, "level"), UnitType: formValue(c, "unit_type")}
	fields := errs.Fields{}
	if d.Name == "" {
		fields.Add("name", "Vui lòng nhập tên bảng tiêu chí.")
	} else if len([]rune(d.Name)) > 300 {
		fields.Add("name", "Tên bảng tiêu chí dài quá 300 ký tự.")
	}
	if d.Level == "" {
		d.Level = string(cluster.National)
	}
	if d.Level != string(cluster.National) && d.Level != string(cluster.Bloc) {
		fields.Add("level", "Phạm vi áp dụng phải là cụm thi đua toàn quốc (national) hoặc khối thi đua trong tỉnh (bloc).")
	}
	if d.UnitType != "" && !org.UnitType(d.UnitType).Valid() {
		fields.Add("unit_type", "Loại đơn vị không hợp lệ.")
	}
	up, err := readUpload(c, fields, "Vui lòng chọn tệp Excel (.xlsx) của bảng tiêu chí.")
	if err != nil {
		return err
	}
	d.FileName = up.Name
	confirm, data, size, uploaded := up.Confirm, up.Data, up.Size, up.Uploaded

	var rows []scoring.Criterion
	if _, bad := fields["file"]; !bad {
		var err error
		rows, d.Problems, err = xlsx.ReadTable(bytes.NewReader(data), size)
		if err != nil {
			e, ok := errs.As(err)
			if !ok {
				return err
			}
			fields.Add("file", e.Message)
		}
	}
	// A new file chosen on the confirm page has not been seen yet: it is
	// summarised, not saved. The year is checked whatever the form holds.
	ok := len(fields) == 0 && len(d.Problems) == 0
	save := ok && confirm && (!uploaded || isAPI(c))
	info := scoring.TableInfo{Year: year, Name: d.Name, Kind: "main", Level: d.Level, UnitType: d.UnitType}
	saved, err := s.app.ImportTable(ctx, p, info, scoring.Table{Criteria: rows}, save)
	if err != nil {
		if f, msg, isField := fieldErrors(err); isField && !isAPI(c) && ok {
			for k, v := range f {
				fields.Add(k, v)
			}
			return s.tableImportFailed(c, d, fields, msg)
		}
		return err
	}
	if !ok {
		return s.tableImportFailed(c, d, fields, "")
	}
	if !save {
		sum := summarizeTable(rows)
		return respondWith(c, http.StatusOK, tableImportPreview{Summary: sum, Criteria: rows}, func() error {
			d.Summary, d.Rows, d.Depth = &sum, rows, tableDepths(rows)
			d.Content = base64.StdEncoding.EncodeToString(data)
			return c.Render(http.StatusOK, "table_import", s.page(c, tableImportTitle(year), "scoring", d))
		})
	}
	sum := summarizeTable(rows)
	flash := fmt.Sprintf("Đã tạo bảng tiêu chí “%s” từ tệp Excel: %d nhóm, %d tiêu chí, tổng điểm tối đa %s.",
		saved.Name, sum.Groups, sum.Criteria, scoring.FormatNumber(sum.MaxTotal))
	return s.done(c, http.StatusCreated, saved, flash, "/tables/"+strconv.FormatInt(saved.ID, 10))
}

// tableImportFailed answers an upload that cannot be saved: the form again
// with every message (pages), or 422 with the problems (API). Nothing has
// been written.
func (s *Server) tableImportFailed(c echo.Context, d tableImportData, fields errs.Fields, msg string) error {
	return s.importFailed(c, importRefusal{tmpl: "table_import", title: tableImportTitle(d.Year), section: "scoring",
		data: d, problems: d.Problems, fields: fields, msg: msg})
}
