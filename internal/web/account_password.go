package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

func (s *Server) passwordForm(c echo.Context) error {
	return c.Render(http.StatusOK, "account_password", s.page(c, "Đổi mật khẩu", "", nil))
}

func (s *Server) passwordChange(c echo.Context) error {
	ctx := c.Request().Context()
	stamp, err := s.app.ChangePassword(ctx, principal(c), c.RealIP(), c.FormValue("current"), c.FormValue("password"), c.FormValue("confirm"))
	if fields, msg, ok := fieldErrors(err); ok {
		p := s.page(c, "Đổi mật khẩu", "", nil)
		p.Errors, p.Error = fields, msg
		return c.Render(http.StatusUnprocessableEntity, "account_password", p)
	}
	if err != nil {
		return err
	}
	// A new session token, as at sign-in: whoever held the old one is out;
	// and the new password's stamp, which every other session lacks.
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, sessStamp, stamp)
	return s.done(c, http.StatusOK, nil, "Đã đổi mật khẩu.", "/")
}
