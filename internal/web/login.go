package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/errs"
)

func (s *Server) loginPage(c echo.Context, username, msg string, fields map[string]string) Page {
	p := s.page(c, "Đăng nhập", "", nil)
	p.Error, p.Errors = msg, fields
	p.Form = map[string]string{"username": username, "next": safeNext(c.FormValue("next"))}
	return p
}

func (s *Server) loginForm(c echo.Context) error {
	if !principal(c).Anonymous() {
		return c.Redirect(http.StatusSeeOther, "/")
	}
	p := s.loginPage(c, "", "", nil)
	if c.QueryParam("out") == "1" {
		p.Flash = "Anh/chị đã đăng xuất."
	}
	return c.Render(http.StatusOK, "login", p)
}

func (s *Server) login(c echo.Context) error {
	ctx := c.Request().Context()
	username := formValue(c, "username")
	u, err := s.app.Login(ctx, username, c.FormValue("password"), c.RealIP())
	if err != nil {
		e, ok := errs.As(err)
		if !ok {
			return err
		}
		return c.Render(status(e.Code), "login", s.loginPage(c, username, e.Message, e.Fields))
	}
	// A new session token at sign-in: a token planted before sign-in is useless.
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, sessUserID, u.ID)
	s.sessions.Put(ctx, sessStamp, app.PasswordStamp(u))
	s.sessions.Put(ctx, sessSeen, time.Now().Unix())
	return c.Redirect(http.StatusSeeOther, safeNext(c.FormValue("next")))
}

func (s *Server) logout(c echo.Context) error {
	if err := s.sessions.Destroy(c.Request().Context()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/login?"+url.Values{"out": {"1"}}.Encode())
}

func (s *Server) me(c echo.Context) error {
	p := principal(c)
	var unit *int64
	if p.UnitID != 0 {
		unit = &p.UnitID
	}
	return c.JSON(http.StatusOK, map[string]any{"id": p.UserID, "username": p.Username, "full_name": p.FullName,
		"role": p.Role, "unit_id": unit})
}

func (s *Server) healthz(c echo.Context) error {
	ctx, cancel := contextTimeout(c, 2)
	defer cancel()
	if err := s.app.Ping(ctx); err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": "không kết nối được"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok", "database": "ok"})
}
