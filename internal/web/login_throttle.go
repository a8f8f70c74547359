package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
)

// loginThrottleData is the administrator's list of accounts and client
// addresses whose sign-ins are being slowed.
type loginThrottleData struct {
	Rows []app.ThrottleView `json:"throttled"`
}

func (s *Server) loginThrottleList(c echo.Context) error {
	rows, err := s.app.LoginThrottles(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	return s.respond(c, http.StatusOK, "login_throttle", "Đăng nhập sai và giới hạn", "users", loginThrottleData{Rows: rows})
}

// loginThrottleClear forgets the failures of an account or an address.
func (s *Server) loginThrottleClear(c echo.Context) error {
	var body struct {
		Username string `json:"username"`
		IP       string `json:"ip"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	n, err := s.app.ClearLoginThrottle(c.Request().Context(), principal(c), body.Username, body.IP)
	if err != nil {
		return err
	}
	who := "tài khoản " + body.Username
	if body.Username == "" {
		who = "địa chỉ " + body.IP
	}
	return s.done(c, http.StatusOK, map[string]any{"cleared": n}, "Đã gỡ giới hạn đăng nhập của "+who+".", "/login-throttle")
}
