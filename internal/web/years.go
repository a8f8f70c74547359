package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/errs"
)

// yearParam reads the :year path parameter.
func yearParam(c echo.Context) (int, error) {
	y, err := strconv.Atoi(c.Param("year"))
	if err != nil || y < 2000 || y > 2100 {
		return 0, errs.New(errs.NotFound, "Không tìm thấy năm thi đua.")
	}
	return y, nil
}

func (s *Server) yearList(c echo.Context) error {
	d, err := s.app.YearListPage(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	return s.respond(c, http.StatusOK, "year_list", "Năm thi đua", "clusters", d)
}

// yearForm is the year form's raw input, for forms and JSON alike.
type yearForm struct {
	Year                   int    `json:"year"`
	Title                  string `json:"title"`
	StartsOn               string `json:"starts_on"`
	EndsOn                 string `json:"ends_on"`
	PledgeDeadline         string `json:"pledge_deadline"`
	RegistrationDeadline   string `json:"registration_deadline"`
	SelfAssessmentDeadline string `json:"self_assessment_deadline"`
	ReviewDeadline         string `json:"review_deadline"`
	ProposalDeadline       string `json:"proposal_deadline"`
	Version                int    `json:"version"`
}

func (f yearForm) values() map[string]string {
	return map[string]string{"year": strconv.Itoa(f.Year), "title": f.Title, "starts_on": f.StartsOn, "ends_on": f.EndsOn,
		"pledge_deadline": f.PledgeDeadline, "registration_deadline": f.RegistrationDeadline,
		"self_assessment_deadline": f.SelfAssessmentDeadline, "review_deadline": f.ReviewDeadline,
		"proposal_deadline": f.ProposalDeadline, "version": strconv.Itoa(f.Version)}
}

func yearValues(y cluster.Year) map[string]string {
	return yearForm{Year: y.Year, Title: y.Title, StartsOn: formatDate(y.StartsOn), EndsOn: formatDate(y.EndsOn),
		PledgeDeadline: formatDate(y.PledgeDeadline), RegistrationDeadline: formatDate(y.RegistrationDeadline),
		SelfAssessmentDeadline: formatDate(y.SelfAssessmentDeadline), ReviewDeadline: formatDate(y.ReviewDeadline),
		ProposalDeadline: formatDate(y.ProposalDeadline), Version: y.Version}.values()
}

// parse turns the raw form into a Year; unreadable dates are reported by field.
func (f yearForm) parse() (cluster.Year, errs.Fields) {
	fe := errs.Fields{}
	y := cluster.Year{Year: f.Year, Title: f.Title, Version: f.Version}
	if t := dateField(fe, "starts_on", "Ngày bắt đầu", f.StartsOn, false); t != nil {
		y.StartsOn = *t
	}
	if t := dateField(fe, "ends_on", "Ngày kết thúc", f.EndsOn, false); t != nil {
		y.EndsOn = *t
	}
	y.PledgeDeadline = dateField(fe, "pledge_deadline", "Hạn ký giao ước", f.PledgeDeadline, false)
	y.RegistrationDeadline = dateField(fe, "registration_deadline", "Hạn đăng ký thi đua", f.RegistrationDeadline, false)
	y.SelfAssessmentDeadline = dateField(fe, "self_assessment_deadline", "Hạn nộp tự chấm điểm", f.SelfAssessmentDeadline, false)
	y.ReviewDeadline = dateField(fe, "review_deadline", "Hạn thẩm định", f.ReviewDeadline, false)
	y.ProposalDeadline = dateField(fe, "proposal_deadline", "Hạn đề nghị khen thưởng", f.ProposalDeadline, false)
	return y, fe
}

func (s *Server) yearSave(c echo.Context, year int) error {
	p := principal(c)
	if err := auth.Authorize(p, auth.ManageYears, auth.Target{Year: year}); err != nil {
		return err
	}
	var f yearForm
	err := bind(c, &f)
	if err != nil {
		return err
	}
	switch {
	case year == 0:
		f.Version = 0 // POST /years opens a year; changing one is PUT /years/:year
	case f.Version == 0:
		return errs.Fields{"version": "Thiếu phiên bản (version) của năm thi đua đang sửa."}.Err()
	default:
		f.Year = year
	}
	y, fe := f.parse()
	if len(fe) == 0 {
		var saved cluster.Year
		if saved, err = s.app.SaveYear(c.Request().Context(), p, y); err == nil {
			return s.done(c, map[bool]int{true: http.StatusCreated, false: http.StatusOK}[year == 0], saved,
				"Đã lưu "+saved.Title+".", "/years/"+strconv.Itoa(saved.Year))
		}
	} else {
		err = fe.Err()
	}
	return formFailed(c, err, func(st int) error {
		pg := s.page(c, "Năm thi đua", "clusters", map[string]any{"IsNew": year == 0})
		pg.Form = f.values()
		pg.Errors, pg.Error, _ = fieldErrors(err)
		if errs.CodeOf(err) == errs.Conflict {
			if cur, cerr := s.app.Year(c.Request().Context(), p, year); cerr == nil {
				pg.Form = yearValues(cur)
			}
		}
		return c.Render(st, "year_form", pg)
	})
}

func (s *Server) yearCreate(c echo.Context) error { return s.yearSave(c, 0) }

func (s *Server) yearUpdate(c echo.Context) error {
	y, err := yearParam(c)
	if err != nil {
		return err
	}
	return s.yearSave(c, y)
}

func (s *Server) yearNew(c echo.Context) error {
	if err := auth.Authorize(principal(c), auth.ManageYears, auth.Target{}); err != nil {
		return err
	}
	y, _ := strconv.Atoi(c.QueryParam("year"))
	if y == 0 {
		y = s.app.Today().Year()
	}
	pg := s.page(c, "Mở năm thi đua", "clusters", map[string]any{"IsNew": true})
	pg.Form = map[string]string{"year": strconv.Itoa(y), "title": "Năm thi đua " + strconv.Itoa(y),
		"starts_on": "01/01/" + strconv.Itoa(y), "ends_on": "31/12/" + strconv.Itoa(y)}
	return c.Render(http.StatusOK, "year_form", pg)
}

func (s *Server) yearEdit(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	if err := auth.Authorize(principal(c), auth.ManageYears, auth.Target{Year: year}); err != nil {
		return err
	}
	y, err := s.app.Year(c.Request().Context(), principal(c), year)
	if err != nil {
		return err
	}
	pg := s.page(c, "Sửa "+y.Title, "clusters", map[string]any{"IsNew": false})
	pg.Form = yearValues(y)
	return c.Render(http.StatusOK, "year_form", pg)
}

func (s *Server) yearCopy(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	n, err := s.app.CopyYear(c.Request().Context(), principal(c), year)
	if err != nil {
		return err
	}
	msg := "Đã sao chép " + strconv.Itoa(n) + " cụm, khối sang năm " + strconv.Itoa(year+1) +
		" kèm gợi ý Cụm trưởng, Cụm phó theo luân phiên. Hãy ghi nhận quyết định chỉ định cho từng cụm."
	if n == 0 {
		msg = "Không có cụm, khối nào cần sao chép sang năm " + strconv.Itoa(year+1) + " (đã có sẵn hoặc không còn đủ thành viên)."
	}
	return s.done(c, http.StatusOK, map[string]int{"created": n}, msg, "/years/"+strconv.Itoa(year+1))
}
