package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"thidua/internal/auth"
	"thidua/internal/errs"
)

// Page is what every template gets: the layout's needs, and Data for the page.
type Page struct {
	Title    string
	OrgName  string
	User     auth.Principal
	CSRF     string
	Flash    string
	Nav      string            // which nav item is current
	Errors   map[string]string // per-field messages
	Error    string            // a message for the whole form or page
	Form     map[string]string // values to put back into a form after an error
	Data     any
	HXTarget bool  // true when htmx asked for part of the page
	Unread   int64 // the user's unread notifications, for the header
}

// Can reports whether the signed-in user may do action somewhere (on its
// most favourable target). It is for the navigation's links only: a
// page's buttons act on a real unit, year, proposal or vote and take the
// flags app computes on that target in the page model (CanManage,
// CanEdit …), since the most favourable target would show buttons that
// then answer 403.
func (p Page) Can(action string) bool {
	return auth.Can(p.User, auth.Action(action), anyScope(p.User, auth.Action(action)))
}

// Role questions the layout and pages ask, answered by auth.

// WorksForUnit: the user is a unit's officer ("my unit" rather than the registry).
func (p Page) WorksForUnit() bool { return auth.WorksForUnit(p.User) }

// ReadOnly: the user holds a read-only account.
func (p Page) ReadOnly() bool { return auth.DeskOf(p.User) == auth.DeskViewer }

// ProvinceCouncil: the user sits on a province's council (BoardOf, filled
// in at sign-in, is that province; only board members get one).
func (p Page) ProvinceCouncil() bool {
	return auth.DeskOf(p.User) == auth.DeskBoard && p.User.BoardOf != 0
}

// V returns a form value to redisplay, or def.
func (p Page) V(field, def string) string {
	if v, ok := p.Form[field]; ok {
		return v
	}
	return def
}

func (s *Server) page(c echo.Context, title, nav string, data any) Page {
	p := Page{Title: title, OrgName: s.opts.OrgName, User: principal(c), Nav: nav, Data: data,
		HXTarget: c.Request().Header.Get("HX-Request") == "true"}
	if tok, ok := c.Get("csrf").(string); ok {
		p.CSRF = tok
	}
	p.Unread, _ = c.Get(ctxUnread).(int64) // loaded with the user: no query here
	if hasSession(c) {
		// Pop before rendering: session changes after the body is written are lost.
		p.Flash = s.sessions.PopString(c.Request().Context(), sessFlash)
	}
	return p
}

// respond renders a page for browsers, or data as JSON for the API.
func (s *Server) respond(c echo.Context, status int, tmpl, title, nav string, data any) error {
	return respondWith(c, status, data, func() error {
		return c.Render(status, tmpl, s.page(c, title, nav, data))
	})
}

// respondWith answers data as JSON for the API; a browser gets what render
// draws (a page model of its own, built only for browsers).
func respondWith(c echo.Context, status int, data any, render func() error) error {
	if isAPI(c) {
		return c.JSON(status, data)
	}
	return render()
}

// prefersMinimal: the client asked for a minimal answer to its write
// (RFC 7240's Prefer: return=minimal), as one that keeps its own copy
// of what it sent may.
func prefersMinimal(c echo.Context) bool {
	for _, h := range c.Request().Header.Values("Prefer") {
		for pref := range strings.SplitSeq(h, ",") {
			pref, _, _ = strings.Cut(pref, ";") // its parameters
			name, value, _ := strings.Cut(pref, "=")
			if strings.EqualFold(strings.TrimSpace(name), "return") && strings.Trim(strings.TrimSpace(value), `"`) == "minimal" {
				return true
			}
		}
	}
	return false
}

// done answers a successful write: the API gets the object, a browser is
// redirected with a message (post/redirect/get).
func (s *Server) done(c echo.Context, status int, data any, flash, location string) error {
	return respondWith(c, status, data, func() error {
		if hasSession(c) {
			s.sessions.Put(c.Request().Context(), sessFlash, flash)
		}
		return c.Redirect(http.StatusSeeOther, location)
	})
}

// formFailed answers a failed form: the page again with the fields'
// messages for a browser, the error otherwise.
func formFailed(c echo.Context, err error, again func(st int) error) error {
	if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
		return again(status(errs.CodeOf(err)))
	}
	return err
}
