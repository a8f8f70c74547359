package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/award"
	"thidua/internal/errs"
)

// factsYear reads the year of a unit's facts: the :year path parameter
// (API), else ?year= or the form's year, else 0 (the current year).
func factsYear(c echo.Context) (int, error) {
	raw := c.Param("year")
	if raw == "" {
		raw = c.QueryParam("year")
	}
	if raw == "" && c.Request().Method == http.MethodPost {
		raw = formValue(c, "year")
	}
	if raw == "" {
		return 0, nil // this year, for app
	}
	y, err := strconv.Atoi(raw)
	if err != nil || y < 2000 || y > 2100 {
		return 0, errs.New(errs.NotFound, "Năm thi đua không hợp lệ.")
	}
	return y, nil
}

type factsPageData struct {
	app.FactsView
	Fields  []struct{ Key, Label string }
	Ratings []award.Rating
}

func (s *Server) factsPage(c echo.Context, st int, unitID int64, year int, form map[string]string, formErr error) error {
	v, err := s.app.UnitFacts(c.Request().Context(), principal(c), unitID, year)
	if err != nil {
		return err
	}
	return respondWith(c, st, v, func() error {
		d := factsPageData{FactsView: v, Fields: app.FactFields,
			Ratings: []award.Rating{award.XuatSac, award.Tot, award.HoanThanh, award.KhongHoanThanh}}
		pg := s.page(c, "Kết quả của tập thể năm "+strconv.Itoa(v.Year)+": "+v.UnitName, "units", d)
		if form == nil {
			form = map[string]string{"rating": v.Rating, "note": v.Note}
			for k, x := range map[string]bool{"completed": v.Completed, "exceeded_targets": v.ExceededTargets, "movement": v.Movement,
				"solidarity": v.Solidarity, "new_model": v.NewModel, "thrift": v.Thrift, "leads_cluster": v.LeadsCluster} {
				if x {
					form[k] = "1"
				}
			}
		}
		pg.Form = form
		if formErr != nil {
			pg.Errors, pg.Error, _ = fieldErrors(formErr)
		}
		return c.Render(st, "facts_form", pg)
	})
}

// factsShow shows a unit's facts for a year (page with its form, or JSON).
func (s *Server) factsShow(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	year, err := factsYear(c)
	if err != nil {
		return err
	}
	return s.factsPage(c, http.StatusOK, id, year, nil, nil)
}

// factsSave records a unit's facts for a year.
func (s *Server) factsSave(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	year, err := factsYear(c)
	if err != nil {
		return err
	}
	var in app.CollectiveFactsInput
	if err := bind(c, &in); err != nil {
		return err
	}
	in.Rating, in.Note = normalize(in.Rating), normalize(in.Note)
	out, err := s.app.SetUnitFacts(c.Request().Context(), principal(c), id, year, in)
	if err != nil {
		return formFailed(c, err, func(st int) error {
			form := sent(c)
			if errs.CodeOf(err) == errs.Conflict {
				form = nil // show what is stored now
			}
			return s.factsPage(c, st, id, year, form, err)
		})
	}
	return s.done(c, http.StatusOK, out, "Đã lưu kết quả của tập thể.", "/units/"+strconv.FormatInt(id, 10)+"/facts/"+strconv.Itoa(out.Year))
}

func publicationYear(c echo.Context) (int, error) {
	y, err := strconv.Atoi(c.Param("year"))
	if err != nil || y < 2000 || y > 2100 {
		return 0, errs.New(errs.NotFound, "Không tìm thấy trang yêu cầu.")
	}
	return y, nil
}

type publicationPageData struct {
	app.PublicationView
	Days int
}

func (s *Server) publicationPage(c echo.Context, st int, year int, form map[string]string, formErr error) error {
	v, err := s.app.Publication(c.Request().Context(), principal(c), year)
	if err != nil {
		return err
	}
	return respondWith(c, st, v, func() error {
		d := publicationPageData{PublicationView: v, Days: app.PublicationDays}
		if form == nil {
			today := v.Today
			form = map[string]string{"from": formatDate(today), "until": formatDate(today.AddDate(0, 0, app.PublicationDays))}
			if v.Window != nil {
				form = map[string]string{"from": formatDate(v.Window.From), "until": formatDate(v.Window.Until)}
			}
		}
		pg := s.page(c, "Công khai đề nghị khen thưởng năm "+strconv.Itoa(year), "proposals", d)
		pg.Form = form
		if formErr != nil {
			pg.Errors, pg.Error, _ = fieldErrors(formErr)
		}
		return c.Render(st, "publication_show", pg)
	})
}

// publicationShow shows a year's comment window.
func (s *Server) publicationShow(c echo.Context) error {
	year, err := publicationYear(c)
	if err != nil {
		return err
	}
	return s.publicationPage(c, http.StatusOK, year, nil, nil)
}

// publicationSave publishes a year's submitted proposals for comment.
func (s *Server) publicationSave(c echo.Context) error {
	year, err := publicationYear(c)
	if err != nil {
		return err
	}
	var raw struct {
		From  string `json:"from"`
		Until string `json:"until"`
	}
	if err := bind(c, &raw); err != nil {
		return err
	}
	raw.From, raw.Until = normalize(raw.From), normalize(raw.Until)
	fe := errs.Fields{}
	in := app.PublicationInput{Unparsed: fe}
	in.From = dateField(fe, "from", "Ngày bắt đầu công khai", raw.From, false)
	in.Until = dateField(fe, "until", "Ngày kết thúc công khai", raw.Until, false)
	out, err := s.app.Publish(c.Request().Context(), principal(c), year, in)
	if err != nil {
		return formFailed(c, err, func(st int) error {
			return s.publicationPage(c, st, year, map[string]string{"from": raw.From, "until": raw.Until}, err)
		})
	}
	return s.done(c, http.StatusOK, out, "Đã công khai danh sách đề nghị khen thưởng.", "/years/"+strconv.Itoa(year)+"/publication")
}
