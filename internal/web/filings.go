package web

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

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
	var errors map[string]string
	var msg string
	if formErr != nil {
		errors, msg, _ = fieldErrors(formErr)
	}
	d := filingView(v, tmpl, form, errors)
	d.Lines = d.lines(tmpl)
	if tmpl == "filing" {
		d.Head = d.head(title)
	}
	pg := s.page(c, title, "scoring", d)
	pg.Form = form
	if formErr != nil {
		pg.Errors, pg.Error = errors, msg
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
	var entries map[int64]scoring.Entry
	var unread app.Unread
	var form map[string]string
	if isAPI(c) {
		if err := decodeJSON(c, &body); err != nil {
			return err
		}
		entries = make(map[int64]scoring.Entry, len(body.Entries))
		for _, e := range body.Entries {
			entries[e.CriterionID] = e
		}
	} else {
		form = map[string]string{}
		entries, unread = formEntries(c, "", form)
		body.Submit = c.FormValue("action") == "submit"
		body.Reason = formValue(c, "reason")
		body.Version, _ = strconv.Atoi(formValue(c, "version"))
	}
	v, err := s.app.SaveSelfForm(ctx, p, year, unit, body.Version, entries, unread, body.Submit, body.Reason)
	if err != nil {
		if isFormError(err) && !isAPI(c) {
			return s.refile(c, "filing", year, unit, form, err)
		}
		return err
	}
	msg := "Đã lưu bản tự chấm điểm (bản nháp)."
	if body.Submit {
		msg = "Đã nộp bản tự chấm điểm. Cụm trưởng sẽ thẩm định; đơn vị không sửa được trừ khi bị trả lại."
	}
	return s.filingSaved(c, v, msg, filingURL(year, unit))
}

// entryField is one input of a filing or review form: its name before
// "_<criterion id>".
var entryField = regexp.MustCompile(`^r?(n|d|s|na|x|e|c)_([0-9]+)$`)

// formEntries reads a filing or review form's rows by criterion id, from
// the names of its inputs (prefix "" for the unit's own figures, "r" for
// the reviewer's): which rows a table has is the app's to know. Values
// are kept in form to redisplay; numbers that cannot be read are returned
// by criterion, to be named by their criterion's code.
func formEntries(c echo.Context, prefix string, form map[string]string) (map[int64]scoring.Entry, map[int64]map[string]string) {
	entries, unread := map[int64]scoring.Entry{}, map[int64]map[string]string{}
	params, _ := c.FormParams()
	for name := range params {
		m := entryField.FindStringSubmatch(name)
		if m == nil || !strings.HasPrefix(name, prefix+m[1]+"_") || len(name) != len(prefix)+len(m[1])+1+len(m[2]) {
			continue
		}
		id, err := strconv.ParseInt(m[2], 10, 64)
		if err != nil {
			continue
		}
		raw := formValue(c, name)
		form[name] = raw
		e := entries[id]
		e.CriterionID = id
		num := func() *float64 {
			v, ok := parseNumber(raw)
			if !ok {
				if unread[id] == nil {
					unread[id] = map[string]string{}
				}
				unread[id][m[1]] = raw
			}
			return v
		}
		switch m[1] {
		case "n":
			e.Numerator = num()
		case "d":
			e.Denominator = num()
		case "s":
			e.Score = num()
		case "na":
			e.NotArisen = c.FormValue(name) != ""
			form[name] = map[bool]string{true: "1"}[e.NotArisen]
		case "x":
			e.Explanation = raw
		case "e":
			e.Evidence = raw
		}
		entries[id] = e
	}
	return entries, unread
}

// isFormError: the form is shown again with the error beside its fields.
func isFormError(err error) bool {
	_, _, ok := fieldErrors(err)
	return ok
}

// refile shows the filing or review form again, as typed, with err; a
// conflict shows what is stored now.
func (s *Server) refile(c echo.Context, tmpl string, year int, unit int64, form map[string]string, err error) error {
	cur, cerr := s.app.Filing(c.Request().Context(), principal(c), year, unit)
	if cerr != nil {
		return cerr
	}
	if errs.CodeOf(err) == errs.Conflict {
		form = nil
	}
	return s.renderFiling(c, status(errs.CodeOf(err)), tmpl, cur, form, err)
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
	var unread app.Unread
	var form map[string]string
	if isAPI(c) {
		if err := decodeJSON(c, &body); err != nil {
			return err
		}
		for _, r := range body.Reviews {
			reviews[r.CriterionID] = r.Review
		}
	} else {
		form = map[string]string{}
		var entries map[int64]scoring.Entry
		entries, unread = formEntries(c, "r", form)
		for id, e := range entries {
			reviews[id] = scoring.Review{Score: e.Score, Numerator: e.Numerator, Denominator: e.Denominator, NotArisen: e.NotArisen,
				Comment: form["rc_"+strconv.FormatInt(id, 10)]}
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
	v, err := s.app.ReviewFilingForm(ctx, p, year, unit, body.Version, reviews, unread, body.Action, body.Reason)
	if err != nil {
		if isFormError(err) && !isAPI(c) {
			return s.refile(c, "review", year, unit, form, err)
		}
		return err
	}
	msg := map[app.ReviewAction]string{app.ReviewSave: "Đã lưu kết quả thẩm định.", app.ReviewReturn: "Đã trả lại bản tự chấm điểm cho đơn vị.",
		app.ReviewAccept: "Đã hoàn thành thẩm định."}[body.Action]
	return s.filingSaved(c, v, msg, filingURL(year, unit)+"/review")
}

// filingSaved answers a saved filing: the whole view to the API, or only
// its header and totals (savedFiling) to a client that asked for a
// minimal answer; a browser is redirected (done).
func (s *Server) filingSaved(c echo.Context, v app.FilingView, flash, location string) error {
	if isAPI(c) && prefersMinimal(c) {
		c.Response().Header().Set("Preference-Applied", "return=minimal")
		return c.JSON(http.StatusOK, savedFilingOf(v))
	}
	return s.done(c, http.StatusOK, v, flash, location)
}

// savedFiling is the answer to a filing's save under Prefer:
// return=minimal (RFC 7240): what the write decided — the header with its
// new version, the two results' totals, what the writer may do now — with
// the names and places of the whole view, less the table, the entries and
// the results' lines a client that sent them has already.
type savedFiling struct {
	Filing struct {
		ID           int64          `json:"id"`
		TableID      int64          `json:"table_id"`
		UnitID       int64          `json:"unit_id"`
		Year         int            `json:"year"`
		Status       scoring.Status `json:"status"`
		SubmittedAt  *time.Time     `json:"submitted_at"`
		ReturnedAt   *time.Time     `json:"returned_at"`
		ReturnReason string         `json:"return_reason"`
		ReviewedAt   *time.Time     `json:"reviewed_at"`
		Version      int            `json:"version"`
	} `json:"filing"`
	Self      resultTotals `json:"self_result"`
	Reviewed  resultTotals `json:"reviewed_result"`
	CanEdit   bool         `json:"can_edit"`
	CanReview bool         `json:"can_review"`
	Closed    bool         `json:"closed"`
}

// resultTotals is a result without its lines.
type resultTotals struct {
	Raw                 float64 `json:"raw"`
	Applicable          float64 `json:"applicable"`
	Full                float64 `json:"full"`
	Scaled              float64 `json:"scaled"`
	Bonus               float64 `json:"bonus"`
	Deduction           float64 `json:"deduction"`
	Total               float64 `json:"total"`
	scoring.Achievement `json:"achievement"`
}

func totalsOf(r scoring.Result) resultTotals {
	return resultTotals{r.Raw, r.Applicable, r.Full, r.Scaled, r.Bonus, r.Deduction, r.Total, r.Achievement}
}

func savedFilingOf(v app.FilingView) savedFiling {
	var out savedFiling
	f, h := v.Filing, &out.Filing
	h.ID, h.TableID, h.UnitID, h.Year, h.Status, h.Version = f.ID, f.TableID, f.UnitID, f.Year, f.Status, f.Version
	h.SubmittedAt, h.ReturnedAt, h.ReturnReason, h.ReviewedAt = f.SubmittedAt, f.ReturnedAt, f.ReturnReason, f.ReviewedAt
	out.Self, out.Reviewed = totalsOf(v.Self), totalsOf(v.Reviewed)
	out.CanEdit, out.CanReview, out.Closed = v.CanEdit, v.CanReview, v.Closed
	return out
}

func (s *Server) filingHistory(c echo.Context) error {
	year, unit, err := filingUnit(c)
	if err != nil {
		return err
	}
	h, err := s.app.FilingHistoryPage(c.Request().Context(), principal(c), year, unit)
	if err != nil {
		return err
	}
	if isAPI(c) {
		return c.JSON(http.StatusOK, h.Changes)
	}
	return c.Render(http.StatusOK, "filing_history", s.page(c, "Lịch sử chấm điểm – "+h.View.Unit.Name+" – năm "+strconv.Itoa(year), "scoring",
		map[string]any{"View": h.View, "Changes": h.Changes, "Codes": h.Codes}))
}
