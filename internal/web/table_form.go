package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"thidua/internal/auth"
	"thidua/internal/errs"
	"thidua/internal/scoring"
)

// tableRow is one editable row of the table form.
type tableRow struct {
	Code, Name, Parent, Method, Max, Numerator, Denominator, Direction, TargetNA, TargetSector, ExceedBonus, Below string
}

type tableFormData struct {
	Info  scoring.TableInfo
	Rows  []tableRow
	IsNew bool
}

func rowsOf(t scoring.Table) []tableRow {
	codes := map[int64]string{}
	for _, c := range t.Criteria {
		codes[c.ID] = c.Code
	}
	out := make([]tableRow, 0, len(t.Criteria)+8)
	for _, c := range t.Criteria {
		out = append(out, tableRow{Code: c.Code, Name: c.Name, Parent: codes[c.ParentID], Method: string(c.Method), Max: inputNum(c.Max),
			Numerator: c.Numerator, Denominator: c.Denominator, Direction: string(c.Direction), TargetNA: inputNum(c.TargetNA),
			TargetSector: inputNum(c.TargetSector), ExceedBonus: inputNum(c.ExceedBonus), Below: string(c.Below)})
	}
	return out
}

func (s *Server) tableFormPage(c echo.Context, st int, d tableFormData, formErr error) error {
	d.Rows = append(d.Rows, make([]tableRow, 8)...) // room to add rows
	title := "Soạn bảng tiêu chí năm " + strconv.Itoa(d.Info.Year)
	if !d.IsNew {
		title = "Sửa " + d.Info.Name
	}
	pg := s.page(c, title, "scoring", d)
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
	}
	return c.Render(st, "table_form", pg)
}

func (s *Server) tableNew(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	if err := mayTry(c, auth.ManageTables); err != nil {
		return err
	}
	info := scoring.TableInfo{Year: year, Kind: "main", Level: "national", UnitType: "provincial",
		Name: "Bảng tiêu chí chấm điểm thi đua năm " + strconv.Itoa(year)}
	return s.tableFormPage(c, http.StatusOK, tableFormData{Info: info, IsNew: true}, nil)
}

func (s *Server) tableEdit(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := mayTry(c, auth.ManageTables); err != nil {
		return err
	}
	d, err := s.app.Table(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return s.tableFormPage(c, http.StatusOK, tableFormData{Info: d.Info, Rows: rowsOf(d.Table)}, nil)
}

// tableFormSave reads the row grid: rows are identified by their code,
// and name their parent group by its code.
func (s *Server) tableFormSave(c echo.Context) error {
	if err := mayTry(c, auth.ManageTables); err != nil {
		return err
	}
	var id int64
	var year int
	var err error
	if c.Param("id") != "" {
		if id, err = pathID(c, "id"); err != nil {
			return err
		}
	} else if year, err = yearParam(c); err != nil {
		return err
	}
	form, _ := c.FormParams()
	col := func(k string, i int) string {
		if v := form[k]; i < len(v) {
			return normalize(v[i])
		}
		return ""
	}
	var rows []tableRow
	for i := range form["code"] {
		r := tableRow{Code: col("code", i), Name: col("cname", i), Parent: col("parent", i), Method: col("method", i), Max: col("max", i),
			Numerator: col("numerator", i), Denominator: col("denominator", i), Direction: col("direction", i), TargetNA: col("target_na", i),
			TargetSector: col("target_sector", i), ExceedBonus: col("exceed_bonus", i), Below: col("below", i)}
		if r.Code == "" && r.Name == "" {
			continue // an unused row of the grid
		}
		rows = append(rows, r)
	}
	var info scoring.TableInfo // as edited, for the form shown again
	saved, err := s.app.EditTable(c.Request().Context(), principal(c), id, year, func(cur *scoring.TableInfo) (scoring.Table, error) {
		if id != 0 {
			cur.Version, _ = strconv.Atoi(formValue(c, "version"))
		}
		cur.Name, cur.Kind, cur.Level, cur.UnitType = formValue(c, "name"), formValue(c, "kind"), formValue(c, "level"), formValue(c, "unit_type")
		info = *cur
		t, fe := parseRows(rows)
		return t, fe.Err()
	})
	if err != nil {
		if _, _, ok := fieldErrors(err); ok {
			return s.tableFormPage(c, status(errs.CodeOf(err)), tableFormData{Info: info, Rows: rows, IsNew: info.ID == 0}, err)
		}
		return err
	}
	return s.done(c, http.StatusOK, saved, "Đã lưu bảng tiêu chí.", "/tables/"+strconv.FormatInt(saved.ID, 10))
}

// parseRows turns the grid into criteria with positional parents,
// naming every unreadable cell by its row.
func parseRows(rows []tableRow) (scoring.Table, errs.Fields) {
	fe := errs.Fields{}
	pos := map[string]int{}
	var t scoring.Table
	for i, r := range rows {
		field := fmt.Sprintf("criteria.%d", i+1)
		num := func(label, raw string) *float64 {
			v, ok := parseNumber(raw)
			if !ok {
				fe.Add(field, fmt.Sprintf("Dòng %d (%s): %s “%s” không phải là số.", i+1, r.Code, label, raw))
			}
			return v
		}
		c := scoring.Criterion{Code: r.Code, Name: r.Name, Method: scoring.Method(r.Method), Numerator: r.Numerator,
			Denominator: r.Denominator, Direction: scoring.Direction(r.Direction), Below: scoring.BelowRule(r.Below)}
		if v := num("điểm tối đa", r.Max); v != nil {
			c.Max = *v
		}
		if v := num("điểm cộng khi vượt", r.ExceedBonus); v != nil {
			c.ExceedBonus = *v
		}
		c.TargetNA, c.TargetSector = num("chỉ tiêu Quốc hội", r.TargetNA), num("chỉ tiêu Ngành", r.TargetSector)
		if r.Parent != "" {
			p, ok := pos[r.Parent]
			if !ok {
				fe.Add(field, fmt.Sprintf("Dòng %d (%s): nhóm cấp trên “%s” phải là một dòng nhóm tiêu chí ở phía trên.", i+1, r.Code, r.Parent))
			}
			c.ParentID = int64(p)
		}
		if c.Method == scoring.Group {
			pos[strings.TrimSpace(r.Code)] = i + 1
		}
		t.Criteria = append(t.Criteria, c)
	}
	return t, fe
}
