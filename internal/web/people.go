package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/errs"
	"thidua/internal/org"
)

const peoplePerPage = 50

// mayWritePeople refuses, before the body is read, a user who could change
// no unit's people: only officers (their own unit) and the board may.
func mayWritePeople(c echo.Context) error { return mayTry(c, auth.ManagePeople) }

type peopleListData struct {
	app.PeoplePage
	Page   int    `json:"page"`
	Pages  int    `json:"pages"`
	Query  string `json:"-"`
	UnitID string `json:"-"`
	Prev   string `json:"-"`
	Next   string `json:"-"`
}

// peopleList lists and searches people, optionally of one unit.
func (s *Server) peopleList(c echo.Context) error {
	page, _ := strconv.Atoi(c.QueryParam("page"))
	if page < 1 {
		page = 1
	}
	d := peopleListData{Query: formValue(c, "q"), UnitID: c.QueryParam("unit_id"), Page: page}
	f := org.PersonFilter{Query: d.Query, Limit: peoplePerPage, Offset: (page - 1) * peoplePerPage}
	if id, err := strconv.ParseInt(d.UnitID, 10, 64); err == nil && id > 0 {
		f.UnitID = &id
	} else {
		d.UnitID = ""
	}
	var err error
	if d.PeoplePage, err = s.app.PeoplePage(c.Request().Context(), principal(c), f); err != nil {
		return err
	}
	d.Pages = int((d.Total + peoplePerPage - 1) / peoplePerPage)
	link := func(n int) string {
		return "/people?" + url.Values{"q": {d.Query}, "unit_id": {d.UnitID}, "page": {strconv.Itoa(n)}}.Encode()
	}
	if page > 1 {
		d.Prev = link(page - 1)
	}
	if page < d.Pages {
		d.Next = link(page + 1)
	}
	tmpl := "people_list"
	if c.Request().Header.Get("HX-Request") == "true" {
		tmpl += "#results" // the search updates the list in place
	}
	return s.respond(c, http.StatusOK, tmpl, "Cán bộ", "people", d)
}

// personForm is the input of the person form, for HTML and JSON; a JSON
// body that leaves active out keeps the person active.
type personForm struct {
	FullName  string `json:"full_name"`
	BirthDate string `json:"birth_date"`
	Sex       string `json:"sex"`
	Position  string `json:"position"`
	UnitID    int64  `json:"unit_id"`
	Since     string `json:"since"`
	Recruited string `json:"recruited_on"`
	Joined    string `json:"joined_sector_on"`
	Active    bool   `json:"active"`
	MoveNote  string `json:"move_note"`
	Reason    string `json:"reason"`
	Version   int    `json:"version"`
}

func readPersonForm(c echo.Context) (personForm, error) {
	f := personForm{Active: true}
	err := bind(c, &f)
	for _, p := range []*string{&f.FullName, &f.Position, &f.MoveNote, &f.Reason, &f.Sex, &f.BirthDate, &f.Since, &f.Recruited, &f.Joined} {
		*p = normalize(*p)
	}
	return f, err
}

func (f personForm) input() app.PersonInput {
	fe := errs.Fields{}
	in := app.PersonInput{FullName: f.FullName, Sex: f.Sex, Position: f.Position, UnitID: f.UnitID, Active: f.Active, MoveNote: f.MoveNote, Unparsed: fe}
	in.BirthDate = dateField(fe, "birth_date", "Ngày sinh", f.BirthDate, false)
	if t := dateField(fe, "since", "Ngày bắt đầu công tác tại đơn vị", f.Since, false); t != nil {
		in.Since = *t
	}
	in.RecruitedOn = dateField(fe, "recruited_on", "Ngày tuyển dụng", f.Recruited, false)
	in.JoinedSectorOn = dateField(fe, "joined_sector_on", "Ngày về ngành Kiểm sát", f.Joined, false)
	return in
}

func personValues(p app.Person) map[string]string {
	v := map[string]string{"full_name": p.FullName, "birth_date": formatDate(p.BirthDate), "position": p.Position,
		"unit_id": strconv.FormatInt(p.UnitID, 10), "since": formatDate(p.Since), "version": strconv.Itoa(p.Version),
		"recruited_on": formatDate(p.RecruitedOn), "joined_sector_on": formatDate(p.JoinedSectorOn)}
	if p.Sex != nil {
		v["sex"] = *p.Sex
	}
	if p.Active {
		v["active"] = "1"
	}
	return v
}

func (s *Server) personFormPage(c echo.Context, st int, d app.PersonFormPage, form map[string]string, err error) error {
	title := "Thêm cán bộ"
	if !d.IsNew {
		title = "Sửa thông tin cán bộ: " + d.Person.FullName
	}
	pg := s.page(c, title, "people", d)
	pg.Form = form
	if err != nil {
		pg.Errors, pg.Error, _ = fieldErrors(err)
	}
	return c.Render(st, "person_form", pg)
}

func (s *Server) personNew(c echo.Context) error {
	if err := mayWritePeople(c); err != nil {
		return err
	}
	unit := c.QueryParam("unit_id")
	if unit == "" && principal(c).UnitID != 0 {
		unit = strconv.FormatInt(principal(c).UnitID, 10)
	}
	form := map[string]string{"unit_id": unit, "active": "1"}
	d, err := s.app.PersonFormPage(c.Request().Context(), principal(c), 0)
	if err != nil {
		return err
	}
	return s.personFormPage(c, http.StatusOK, d, form, nil)
}

func (s *Server) personCreate(c echo.Context) error {
	if err := mayWritePeople(c); err != nil {
		return err
	}
	f, err := readPersonForm(c)
	if err != nil {
		return err
	}
	out, err := s.app.CreatePerson(c.Request().Context(), principal(c), f.input())
	if err != nil {
		return formFailed(c, err, func(st int) error {
			d, derr := s.app.PersonFormPage(c.Request().Context(), principal(c), 0)
			if derr != nil {
				return derr
			}
			return s.personFormPage(c, st, d, sent(c), err)
		})
	}
	return s.done(c, http.StatusCreated, out, "Đã thêm cán bộ "+out.FullName+".", personURL(out.ID))
}

func (s *Server) personEdit(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := mayWritePeople(c); err != nil {
		return err
	}
	d, err := s.app.PersonFormPage(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return s.personFormPage(c, http.StatusOK, d, personValues(d.Person), nil)
}

func (s *Server) personUpdate(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	if err := mayWritePeople(c); err != nil {
		return err
	}
	f, err := readPersonForm(c)
	if err != nil {
		return err
	}
	out, err := s.app.UpdatePerson(ctx, p, id, f.Version, f.input(), f.Reason)
	if err != nil {
		return formFailed(c, err, func(st int) error {
			d, derr := s.app.PersonFormPage(ctx, p, id)
			if derr != nil {
				return derr
			}
			form := sent(c)
			if errs.CodeOf(err) == errs.Conflict {
				form = personValues(d.Person) // the newer values; the editor decides again
			}
			return s.personFormPage(c, st, d, form, err)
		})
	}
	return s.done(c, http.StatusOK, out, "Đã lưu thông tin cán bộ "+out.FullName+".", personURL(id))
}

func labels() map[string]string {
	m := map[string]string{}
	for _, r := range []award.Rating{award.XuatSac, award.Tot, award.HoanThanh, award.KhongHoanThanh} {
		m[string(r)] = r.Label()
	}
	for _, l := range []award.Level{award.CapCoSo, award.CapNganh, award.CapToanQuoc} {
		m[string(l)] = l.Label()
	}
	for _, x := range []award.Measure{award.KhienTrach, award.CanhCao, award.HaBacLuong, award.GiangChuc, award.CachChuc, award.BuocThoiViec} {
		m[string(x)] = x.Label()
	}
	for _, k := range []award.Kind{award.Merit, award.Campaign, award.AdHoc, award.Career, award.Foreign} {
		m[string(k)] = k.Label()
	}
	for _, t := range append(append([]award.Title{}, award.IndividualTitles...), award.CollectiveTitles...) {
		m[string(t)] = t.Label()
	}
	for _, k := range award.AbsenceKinds {
		m[string(k)] = k.Label()
	}
	for _, k := range award.PendingKinds {
		m[string(k)] = k.Label()
	}
	m["nam"], m["nu"] = "Nam", "Nữ"
	return m
}

func (s *Server) personView(c echo.Context, id int64) (app.PersonPage, error) {
	return s.app.PersonPage(c.Request().Context(), principal(c), id)
}

// personPage renders the person's page; formName and formErr are the
// record form that failed and why.
func (s *Server) personPage(c echo.Context, st int, id int64, formName string, form map[string]string, formErr error) error {
	v, err := s.personView(c, id)
	if err != nil {
		return err
	}
	d := personShowView(v, s.app.Today().Year(), formName, form)
	pg := s.page(c, v.Person.FullName, "people", nil)
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
	}
	d.write(pg.CSRF, pg.Errors, form)
	pg.Data, pg.Form = d, form
	return c.Render(st, "person_show", pg)
}

func (s *Server) personShow(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if isAPI(c) {
		v, err := s.personView(c, id)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, v)
	}
	return s.personPage(c, http.StatusOK, id, "", nil, nil)
}

// recordForm is the raw input of the record forms (rating, initiative,
// discipline, award, revocation), for HTML and JSON alike.
type recordForm struct {
	Year         int    `json:"year"`
	Rating       string `json:"rating"`
	Title        string `json:"title"`
	Level        string `json:"level"`
	Applied      bool   `json:"applied"`
	Measure      string `json:"measure"`
	From         string `json:"from"`
	To           string `json:"to"`
	Note         string `json:"note"`
	Kind         string `json:"kind"`
	DecisionNo   string `json:"decision_no"`
	DecisionDate string `json:"decision_date"`
	Signer       string `json:"signer"`
	Reason       string `json:"reason"`
}

func readRecordForm(c echo.Context) (recordForm, error) {
	var f recordForm
	if c.Request().Method == http.MethodDelete {
		return f, nil // a deletion needs no body
	}
	err := bind(c, &f)
	for _, p := range []*string{&f.Rating, &f.Title, &f.Level, &f.Measure, &f.From, &f.To, &f.Note, &f.Kind, &f.DecisionNo, &f.DecisionDate, &f.Signer, &f.Reason} {
		*p = normalize(*p)
	}
	return f, err
}

// recordAction runs one change of a person's record and answers: the
// person's page as the change leaves it for the API, back to the person's
// page for browsers.
func (s *Server) recordAction(c echo.Context, formName string, awards bool, created bool, flash string,
	fn func(id int64, f recordForm) (app.PersonPage, error)) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if awards {
		err = mayTry(c, auth.RecordAwards)
	} else {
		err = mayWritePeople(c)
	}
	if err != nil {
		return err
	}
	f, err := readRecordForm(c)
	var page app.PersonPage
	if err == nil {
		page, err = fn(id, f)
	}
	if err != nil {
		return formFailed(c, err, func(st int) error {
			return s.personPage(c, st, id, formName, sent(c), err)
		})
	}
	st := http.StatusOK
	if created {
		st = http.StatusCreated
	}
	return s.done(c, st, page, flash, personURL(id))
}

func (s *Server) personRate(c echo.Context) error {
	return s.recordAction(c, "rating", false, true, "Đã lưu kết quả xếp loại.", func(id int64, f recordForm) (app.PersonPage, error) {
		return s.app.SetRating(c.Request().Context(), principal(c), id, app.Rating{Year: f.Year, Rating: f.Rating})
	})
}

func (s *Server) personUnrate(c echo.Context) error {
	return s.recordAction(c, "", false, false, "Đã xóa kết quả xếp loại.", func(id int64, _ recordForm) (app.PersonPage, error) {
		year, err := strconv.Atoi(c.Param("year"))
		if err != nil {
			return app.PersonPage{}, errs.New(errs.NotFound, "Không tìm thấy trang yêu cầu.")
		}
		return s.app.DeleteRating(c.Request().Context(), principal(c), id, year)
	})
}

func (s *Server) personInitiativeAdd(c echo.Context) error {
	return s.recordAction(c, "initiative", false, true, "Đã thêm sáng kiến, đề tài.", func(id int64, f recordForm) (app.PersonPage, error) {
		return s.app.AddInitiative(c.Request().Context(), principal(c), id,
			app.Initiative{Year: f.Year, Title: f.Title, Level: f.Level, Applied: f.Applied})
	})
}

func (s *Server) personInitiativeDelete(c echo.Context) error {
	return s.recordAction(c, "", false, false, "Đã xóa sáng kiến, đề tài.", func(id int64, _ recordForm) (app.PersonPage, error) {
		rid, err := pathID(c, "rid")
		if err != nil {
			return app.PersonPage{}, err
		}
		return s.app.DeleteInitiative(c.Request().Context(), principal(c), id, rid)
	})
}

func (s *Server) personDisciplineAdd(c echo.Context) error {
	return s.recordAction(c, "discipline", false, true, "Đã ghi nhận quyết định kỷ luật.", func(id int64, f recordForm) (app.PersonPage, error) {
		fe := errs.Fields{}
		d := app.Discipline{Measure: f.Measure, Note: f.Note}
		if t := dateField(fe, "from", "Ngày có hiệu lực", f.From, false); t != nil {
			d.FromDate = *t
		}
		d.ToDate = dateField(fe, "to", "Ngày hết hiệu lực", f.To, false)
		return s.app.AddDiscipline(c.Request().Context(), principal(c), id, d, fe)
	})
}

func (s *Server) personDisciplineDelete(c echo.Context) error {
	return s.recordAction(c, "", false, false, "Đã xóa quyết định kỷ luật.", func(id int64, _ recordForm) (app.PersonPage, error) {
		rid, err := pathID(c, "rid")
		if err != nil {
			return app.PersonPage{}, err
		}
		return s.app.DeleteDiscipline(c.Request().Context(), principal(c), id, rid)
	})
}

func (s *Server) personAwardAdd(c echo.Context) error {
	return s.recordAction(c, "award", true, true, "Đã ghi nhận quyết định khen thưởng.", func(id int64, f recordForm) (app.PersonPage, error) {
		fe := errs.Fields{}
		aw := app.AwardInput{Year: f.Year, Title: f.Title, Kind: f.Kind, DecisionNo: f.DecisionNo, Signer: f.Signer}
		aw.DecisionDate = dateField(fe, "decision_date", "Ngày quyết định", f.DecisionDate, false)
		return s.app.AddAward(c.Request().Context(), principal(c), id, aw, fe)
	})
}

func (s *Server) personAwardRevoke(c echo.Context) error {
	return s.recordAction(c, "revoke", true, false, "Đã ghi nhận việc hủy bỏ quyết định khen thưởng.", func(id int64, f recordForm) (app.PersonPage, error) {
		rid, err := pathID(c, "rid")
		if err != nil {
			return app.PersonPage{}, err
		}
		return s.app.RevokeAward(c.Request().Context(), principal(c), id, rid, f.Reason)
	})
}

func personURL(id int64) string { return fmt.Sprintf("/people/%d", id) }
