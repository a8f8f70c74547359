package web

import (
	"net/http"
	"net/url"
	"strconv"
	"thidua/internal/app"

	"github.com/labstack/echo/v4"

	"thidua/internal/auth"
	"thidua/internal/org"
)

const unitsPerPage = 50

type unitListData struct {
	app.UnitListPage
	Page   int    `json:"page"`
	Pages  int    `json:"pages"`
	Query  string `json:"-"`
	Type   string `json:"-"`
	Status string `json:"-"`
	On     string `json:"-"`
	Prev   string `json:"-"`
	Next   string `json:"-"`
}

// unitList lists and searches units. htmx asks for just the results when
// the search box changes.
func (s *Server) unitList(c echo.Context) error {
	page, _ := strconv.Atoi(c.QueryParam("page"))
	if page < 1 {
		page = 1
	}
	d := unitListData{Query: formValue(c, "q"), Type: c.QueryParam("type"), Status: c.QueryParam("status"), Page: page, On: c.QueryParam("on")}
	f := org.UnitFilter{Query: d.Query, Type: org.UnitType(d.Type), Status: d.Status, Limit: unitsPerPage, Offset: (page - 1) * unitsPerPage}
	if !org.UnitType(d.Type).Valid() {
		f.Type, d.Type = "", ""
	}
	if on, ok := parseDate(d.On); ok {
		f.On = on
	} else {
		d.On = ""
	}
	var err error
	if d.UnitListPage, err = s.app.UnitListPage(c.Request().Context(), principal(c), f); err != nil {
		return err
	}
	d.Pages = int((d.Total + unitsPerPage - 1) / unitsPerPage)
	link := func(p int) string {
		v := url.Values{"q": {d.Query}, "type": {d.Type}, "status": {d.Status}, "on": {d.On}, "page": {strconv.Itoa(p)}}
		return "/units?" + v.Encode()
	}
	if page > 1 {
		d.Prev = link(page - 1)
	}
	if page < d.Pages {
		d.Next = link(page + 1)
	}
	tmpl := "unit_list"
	if c.Request().Header.Get("HX-Request") == "true" {
		tmpl = "unit_list#results"
	}
	title := "Danh mục đơn vị"
	if auth.WorksForUnit(principal(c)) {
		title = "Đơn vị của tôi"
	}
	return s.respond(c, http.StatusOK, tmpl, title, "units", d)
}
