package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/errs"
)

// The facts the award rules need from NĐ 152/2025 on: a person's long
// absences and pending matters (on the person's page, like disciplines),
// a unit's own disciplines and pending matters, the board's own quotas.
// Each handler binds, calls one app method, answers.

func (s *Server) personAbsenceAdd(c echo.Context) error {
	return s.recordAction(c, "absence", false, true, "Đã ghi nhận thời gian nghỉ.", func(id int64, f recordForm) (app.PersonPage, error) {
		fe := errs.Fields{}
		x := app.PersonAbsence{Kind: f.Kind, Note: f.Note}
		if t := dateField(fe, "from", "Ngày bắt đầu nghỉ", f.From, false); t != nil {
			x.FromDate = *t
		}
		x.ToDate = dateField(fe, "to", "Ngày kết thúc nghỉ", f.To, false)
		return s.app.AddAbsence(c.Request().Context(), principal(c), id, x, fe)
	})
}

func (s *Server) personAbsenceDelete(c echo.Context) error {
	return s.recordAction(c, "", false, false, "Đã xóa thời gian nghỉ.", func(id int64, f recordForm) (app.PersonPage, error) {
		rid, err := pathID(c, "rid")
		if err != nil {
			return app.PersonPage{}, err
		}
		return s.app.DeleteAbsence(c.Request().Context(), principal(c), id, rid, f.Reason)
	})
}

func (s *Server) personPendingAdd(c echo.Context) error {
	return s.recordAction(c, "pending", false, true, "Đã ghi nhận vụ việc đang xem xét.", func(id int64, f recordForm) (app.PersonPage, error) {
		fe := errs.Fields{}
		m := app.PendingMatter{Kind: f.Kind, Note: f.Note}
		if t := dateField(fe, "from", "Ngày bắt đầu xem xét", f.From, false); t != nil {
			m.OpenedOn = *t
		}
		return s.app.AddPersonPending(c.Request().Context(), principal(c), id, m, fe)
	})
}

// pendingClose: POST /pending/:id/close, with version, closed_on, outcome.
func (s *Server) pendingClose(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in struct {
		Version  int    `json:"version"`
		ClosedOn string `json:"closed_on"`
		Outcome  string `json:"outcome"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	fe := errs.Fields{}
	var day time.Time
	if on := dateField(fe, "closed_on", "Ngày kết thúc xem xét", normalize(in.ClosedOn), false); on != nil {
		day = *on
	}
	m, err := s.app.ClosePending(c.Request().Context(), principal(c), id, in.Version, day, normalize(in.Outcome), fe)
	if err != nil {
		return err
	}
	back := "/people"
	switch {
	case m.PersonID != nil:
		back = personURL(*m.PersonID)
	case m.UnitID != nil:
		back = "/units/" + strconv.FormatInt(*m.UnitID, 10) + "/verdicts"
	}
	return s.done(c, http.StatusOK, m, "Đã ghi nhận kết thúc vụ việc.", back)
}

// unitFactAction runs one change of a unit's own record (the board's).
func (s *Server) unitFactAction(c echo.Context, created bool, flash string, fn func(id int64, f recordForm) (any, error)) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f, err := readRecordForm(c)
	if err != nil {
		return err
	}
	out, err := fn(id, f)
	if err != nil {
		return err
	}
	st := http.StatusOK
	if created {
		st = http.StatusCreated
	}
	return s.done(c, st, out, flash, "/units/"+strconv.FormatInt(id, 10)+"/verdicts")
}

func (s *Server) unitDisciplineAdd(c echo.Context) error {
	return s.unitFactAction(c, true, "Đã ghi nhận quyết định kỷ luật tập thể.", func(id int64, f recordForm) (any, error) {
		fe := errs.Fields{}
		d := app.UnitDiscipline{Measure: f.Measure, Note: f.Note}
		if t := dateField(fe, "from", "Ngày có hiệu lực", f.From, false); t != nil {
			d.FromDate = *t
		}
		d.ToDate = dateField(fe, "to", "Ngày hết hiệu lực", f.To, false)
		return s.app.AddUnitDiscipline(c.Request().Context(), principal(c), id, d, fe)
	})
}

func (s *Server) unitDisciplineDelete(c echo.Context) error {
	return s.unitFactAction(c, false, "Đã xóa quyết định kỷ luật tập thể.", func(id int64, f recordForm) (any, error) {
		rid, err := pathID(c, "rid")
		if err != nil {
			return nil, err
		}
		f.Reason = formValue(c, "reason") // the API's ?reason=, or the page form's field
		return nil, s.app.DeleteUnitDiscipline(c.Request().Context(), principal(c), id, rid, f.Reason)
	})
}

func (s *Server) unitPendingAdd(c echo.Context) error {
	return s.unitFactAction(c, true, "Đã ghi nhận vụ việc đang xem xét.", func(id int64, f recordForm) (any, error) {
		fe := errs.Fields{}
		m := app.PendingMatter{Kind: f.Kind, Note: f.Note}
		if t := dateField(fe, "from", "Ngày bắt đầu xem xét", f.From, false); t != nil {
			m.OpenedOn = *t
		}
		return s.app.AddUnitPending(c.Request().Context(), principal(c), id, m, fe)
	})
}

// quotaSet: POST /years/:year/quotas, the board's own share for a cap the
// rules leave to it ({"kind": "cstd_cs", "percent": 15, "rule": "…", "version": 0}).
func (s *Server) quotaSet(c echo.Context) error {
	year, err := strconv.Atoi(c.Param("year"))
	if err != nil {
		return errs.New(errs.NotFound, "Năm thi đua không hợp lệ.")
	}
	var in struct {
		Kind    string `json:"kind"`
		Percent int    `json:"percent"`
		Rule    string `json:"rule"`
		Version int    `json:"version"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	q, err := s.app.SetBoardQuota(c.Request().Context(), principal(c),
		app.BoardQuota{Year: year, Kind: normalize(in.Kind), Percent: in.Percent, Rule: normalize(in.Rule)}, in.Version)
	if err != nil {
		return err
	}
	return s.done(c, http.StatusOK, q, "Đã lưu tỷ lệ do Hội đồng quy định.", "/proposals?year="+strconv.Itoa(year))
}

type contradictionsData struct {
	Year   int
	Items  []app.RatingContradiction
	Labels map[string]string
}

// contradictions: GET /years/:year/contradictions, the board's list of
// ratings that contradict a discipline of their year.
func (s *Server) contradictions(c echo.Context) error {
	year, err := strconv.Atoi(c.Param("year"))
	if err != nil {
		return errs.New(errs.NotFound, "Năm thi đua không hợp lệ.")
	}
	list, err := s.app.RatingContradictions(c.Request().Context(), principal(c), year)
	if err != nil {
		return err
	}
	return respondWith(c, http.StatusOK, list, func() error {
		return c.Render(http.StatusOK, "contradictions", s.page(c, "Xếp loại mâu thuẫn với kỷ luật năm "+strconv.Itoa(year), "proposals",
			contradictionsData{Year: year, Items: list, Labels: labels()}))
	})
}
