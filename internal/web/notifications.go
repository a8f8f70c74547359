package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// notificationList shows the signed-in user's own notifications.
func (s *Server) notificationList(c echo.Context) error {
	l, err := s.app.Notifications(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	return s.respond(c, http.StatusOK, "notification_list", "Thông báo", "notifications", l)
}

// notificationRead marks one of the user's notifications read and, for a
// browser, opens what it is about (or goes back to the list).
func (s *Server) notificationRead(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	link, err := s.app.ReadNotification(ctx, principal(c), id)
	if err != nil {
		return err
	}
	if c.FormValue("open") == "" || link == "" {
		link = "/notifications"
	}
	return s.done(c, http.StatusOK, map[string]bool{"read": true}, "", link)
}

// notificationReadAll marks every notification of the user read.
func (s *Server) notificationReadAll(c echo.Context) error {
	if _, err := s.app.ReadNotification(c.Request().Context(), principal(c), 0); err != nil {
		return err
	}
	return s.done(c, http.StatusOK, map[string]bool{"read": true}, "Đã đánh dấu tất cả thông báo là đã đọc.", "/notifications")
}
