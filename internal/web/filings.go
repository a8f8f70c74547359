package web

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/errs"
	"thidua/internal/limits"
	"thidua/internal/scoring"
)

var thousands = regexp.MustCompile(`^\d{1,3}(\.\d{3})+$`)

// parseNumber reads a number typed the Vietnamese way ("98,5", "1.234,5")
// or the programmer's way ("98.5").
func parseNumber(raw string) (*float64, bool) {
	raw = strings.ReplaceAll(strings.TrimSpace(raw), " ", "")
	if raw == "" {
		return nil, true
	}
	switch {
	case strings.Contains(raw, ","): // 1.234,5
		raw = strings.ReplaceAll(strings.ReplaceAll(raw, ".", ""), ",", ".")
	case thousands.MatchString(raw): // 1.876 is one thousand eight hundred and seventy-six
		raw = strings.ReplaceAll(raw, ".", "")
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || !limits.Finite(v) { // strconv also reads "NaN" and "Inf"
		return nil, false
	}
	return &v, true
}

// filingRow is one criterion on the filing and review pages.
type filingRow struct {
	C        scoring.Criterion
	Depth    int
	Self     scoring.Entry
	Review   scoring.Review
	Reviewed bool // the reviewer ruled on this row
	Differs  bool
	SelfLine scoring.Line
	RevLine  scoring.Line
	Adjusted *scoring.Adjustment
}

type filingData struct {
	app.FilingView
	Rows []filingRow
}

func filingRows(v app.FilingView) []filingRow {
	depth := map[int64]int{}
	rows := make([]filingRow, 0, len(v.Table.Criteria))
	for i, c := range v.Table.Criteria {
		if c.ParentID != 0 {
			depth[c.ID] = depth[c.ParentID] + 1
		}
		r := filingRow{C: c, Depth: depth[c.ID], Self: v.Filing.Self[c.ID], Differs: v.Filing.Differs(c.ID)}
		r.Review, r.Reviewed = v.Filing.Review[c.ID], false
		if _, ok := v.Filing.Review[c.ID]; ok {
			r.Reviewed = true
		}
		if i < len(v.Self.Lines) {
			r.SelfLine, r.RevLine = v.Self.Lines[i], v.Reviewed.Lines[i]
		}
		if a, ok := v.Adjustments[c.ID]; ok {
			r.Adjusted = &a
		}
		rows = append(rows, r)
	}
	return rows
}

func filingUnit(c echo.Context) (int, int64, error) {
	year, err := yearParam(c)
	if err != nil {
		return 0, 0, err
	}
	unit, err := registrationUnit(c)
	return year, unit, err
}

func (s *Server) filingShow(c echo.Context) error {
	year, unit, err := filingUnit(c)
	if err != nil {
		return err
	}
	v, err := s.app.Filing(c.Request().Context(), principal(c), year, unit)
	if err != nil {
		return err
	}
	if isAPI(c) {
		return c.JSON(http.StatusOK, v)
	}
	return s.renderFiling(c, http.StatusOK, "filing", v, nil, nil)
}

func (s *Server) renderFiling(c echo.Context, st int, tmpl string, v app.FilingView, form map[string]string, formErr error) error {
	title := "Tự chấm điểm thi đua năm " + strconv.Itoa(v.Filing.Year) + " – " + v.Unit.Name
	if tmpl == "review" {
		title = "Thẩm định, chấm điểm – " + v.Unit.Name + " – năm " + strconv.Itoa(v.Filing.Year)
	}
	pg := s.page(c, title, "scoring", filingData{FilingView: v, Rows: filingRows(v)})
	pg.Form = form
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
	}
	return c.Render(st, tmpl, pg)
}

// filingSave saves the unit's own scores; with action=submit it also submits.
func (s *Server) filingSave(c echo.Context) error {
	if err := mayTry(c, auth.FileSelf); err != nil {
		return err
	}
	year, unit, err := filingUnit(c)
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	var body struct {
		Entries []scoring.Entry `json:"entries"`
		Submit  bool            `json:"submit"`
		Reason  string          `json:"reason"`
		Version int             `json:"version"`
	}
	entries := map[int64]scoring.Entry{}
	fe := errs.Fields{}
	var form map[string]string
	if isAPI(c) {
		if err := decodeJSON(c, &body); err != nil {
			return err
		}
		for _, e := range body.Entries {
			entries[e.CriterionID] = e
		}
	} else {
		// The form's rows are the table's: read them against the current table.
		cur, err := s.app.Filing(ctx, p, year, unit)
		if err != nil {
			return err
		}
		form = map[string]string{}
		for _, cr := range cur.Table.Criteria {
			if cr.Method == scoring.Group {
				continue
			}
			entries[cr.ID] = readEntry(c, fe, cr, "", form)
		}
		body.Submit = c.FormValue("action") == "submit"
		body.Reason = formValue(c, "reason")
		body.Version, _ = strconv.Atoi(formValue(c, "version"))
	}
	var v app.FilingView
	if err = fe.Err(); err == nil {
		v, err = s.app.SaveSelf(ctx, p, year, unit, body.Version, entries, body.Submit, body.Reason)
	}
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			cur, cerr := s.app.Filing(ctx, p, year, unit)
			if cerr != nil {
				return cerr
			}
			if errs.CodeOf(err) == errs.Conflict {
				form = nil // show what is stored now
			}
			return s.renderFiling(c, status(errs.CodeOf(err)), "filing", cur, form, err)
		}
		return err
	}
	msg := "Đã lưu bản tự chấm điểm (bản nháp)."
	if body.Submit {
		msg = "Đã nộp bản tự chấm điểm. Cụm trưởng sẽ thẩm định; đơn vị không sửa được trừ khi bị trả lại."
	}
	return s.done(c, http.StatusOK, v, msg, filingURL(year, unit))
}

// readEntry reads one criterion's inputs; prefix is "" for the unit's own
// entry and "r" for the reviewer's. Values are kept in form to redisplay.
func readEntry(c echo.Context, fe errs.Fields, cr scoring.Criterion, prefix string, form map[string]string) scoring.Entry {
	id := strconv.FormatInt(cr.ID, 10)
	field := "c" + id
	e := scoring.Entry{CriterionID: cr.ID}
	num := func(name string) *float64 {
		raw := formValue(c, prefix+name+"_"+id)
		form[prefix+name+"_"+id] = raw
		v, ok := parseNumber(raw)
		if !ok {
			fe.Add(field, "Tiêu chí "+cr.Code+": “"+raw+"” không phải là số.")
		}
		return v
	}
	switch cr.Method {
	case scoring.Indicator:
		e.Numerator, e.Denominator = num("n"), num("d")
	default:
		e.Score = num("s")
	}
	e.NotArisen = c.FormValue(prefix+"na_"+id) != ""
	if e.NotArisen {
		form[prefix+"na_"+id] = "1"
	}
	for _, k := range []string{"x", "e", "c"} {
		form[prefix+k+"_"+id] = formValue(c, prefix+k+"_"+id)
	}
	e.Explanation, e.Evidence = form[prefix+"x_"+id], form[prefix+"e_"+id]
	return e
}

func filingURL(year int, unit int64) string {
	return "/years/" + strconv.Itoa(year) + "/filings/" + strconv.FormatInt(unit, 10)
}

func (s *Server) reviewShow(c echo.Context) error {
	year, unit, err := filingUnit(c)
	if err != nil {
		return err
	}
	v, err := s.app.Filing(c.Request().Context(), principal(c), year, unit)
	if err != nil {
		return err
	}
	return s.renderFiling(c, http.StatusOK, "review", v, nil, nil)
}

// reviewSave records the reviewer's scores; action save, return or accept.
func (s *Server) reviewSave(c echo.Context) error {
	if err := mayTry(c, auth.ReviewFiling); err != nil {
		return err
	}
	year, unit, err := filingUnit(c)
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	var body struct {
		Reviews []struct {
			CriterionID int64 `json:"criterion_id"`
			scoring.Review
		} `json:"reviews"`
		Action  app.ReviewAction `json:"action"`
		Reason  string           `json:"reason"`
		Version int              `json:"version"`
	}
	reviews := map[int64]scoring.Review{}
	fe := errs.Fields{}
	var form map[string]string
	if isAPI(c) {
		if err := decodeJSON(c, &body); err != nil {
			return err
		}
		for _, r := range body.Reviews {
			reviews[r.CriterionID] = r.Review
		}
	} else {
		cur, err := s.app.Filing(ctx, p, year, unit)
		if err != nil {
			return err
		}
		form = map[string]string{}
		for _, cr := range cur.Table.Criteria {
			if cr.Method == scoring.Group {
				continue
			}
			e := readEntry(c, fe, cr, "r", form)
			r := scoring.Review{Score: e.Score, Numerator: e.Numerator, Denominator: e.Denominator, NotArisen: e.NotArisen,
				Comment: form["rc_"+strconv.FormatInt(cr.ID, 10)]}
			// A ruling is recorded where the reviewer departs from the unit's
			// figures or comments; agreeing rows stay as declared.
			self := cur.Filing.Self[cr.ID]
			agrees := eqNum(r.Score, self.Score) && eqNum(r.Numerator, self.Numerator) && eqNum(r.Denominator, self.Denominator) && r.NotArisen == self.NotArisen
			if !agrees || r.Comment != "" {
				reviews[cr.ID] = r
			}
		}
		body.Action = app.ReviewAction(c.FormValue("action"))
		body.Reason = formValue(c, "reason")
		body.Version, _ = strconv.Atoi(formValue(c, "version"))
		form["reason"] = body.Reason
	}
	switch body.Action {
	case app.ReviewSave, app.ReviewReturn, app.ReviewAccept:
	case "":
		body.Action = app.ReviewSave
	default:
		return errs.Fields{"action": "Thao tác phải là save, return hoặc accept."}.Err()
	}
	var v app.FilingView
	if err = fe.Err(); err == nil {
		v, err = s.app.ReviewFiling(ctx, p, year, unit, body.Version, reviews, body.Action, body.Reason)
	}
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			cur, cerr := s.app.Filing(ctx, p, year, unit)
			if cerr != nil {
				return cerr
			}
			if errs.CodeOf(err) == errs.Conflict {
				form = nil
			}
			return s.renderFiling(c, status(errs.CodeOf(err)), "review", cur, form, err)
		}
		return err
	}
	msg := map[app.ReviewAction]string{app.ReviewSave: "Đã lưu kết quả thẩm định.", app.ReviewReturn: "Đã trả lại bản tự chấm điểm cho đơn vị.",
		app.ReviewAccept: "Đã hoàn thành thẩm định."}[body.Action]
	return s.done(c, http.StatusOK, v, msg, filingURL(year, unit)+"/review")
}

func eqNum(a, b *float64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

func (s *Server) filingHistory(c echo.Context) error {
	year, unit, err := filingUnit(c)
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	h, err := s.app.FilingHistory(ctx, p, year, unit)
	if err != nil {
		return err
	}
	if isAPI(c) {
		return c.JSON(http.StatusOK, h)
	}
	v, err := s.app.Filing(ctx, p, year, unit)
	if err != nil {
		return err
	}
	codes := map[int64]string{}
	for _, cr := range v.Table.Criteria {
		codes[cr.ID] = cr.Code
	}
	return c.Render(http.StatusOK, "filing_history", s.page(c, "Lịch sử chấm điểm – "+v.Unit.Name+" – năm "+strconv.Itoa(year), "scoring",
		map[string]any{"View": v, "Changes": h, "Codes": codes}))
}
