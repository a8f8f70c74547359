package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/unicode/norm"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/errs"
)

func (s *Server) userListPage(c echo.Context, status int, form map[string]string, formErr error) error {
	d, err := s.app.AccountsPage(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	return respondWith(c, status, d, func() error {
		pg := s.page(c, "Tài khoản người dùng", "users", d)
		pg.Form = form
		if formErr != nil {
			pg.Errors, pg.Error, _ = fieldErrors(formErr)
		}
		return c.Render(status, "user_list", pg)
	})
}

func (s *Server) userList(c echo.Context) error { return s.userListPage(c, http.StatusOK, nil, nil) }

func (s *Server) userCreate(c echo.Context) error {
	ctx, p := c.Request().Context(), principal(c)
	if err := auth.Authorize(p, auth.ManageUsers, auth.Target{}); err != nil {
		return err
	}
	var in app.UserInput
	form := map[string]string{}
	if isAPI(c) {
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
		in.FullName = norm.NFC.String(in.FullName)
	} else {
		fe := errs.Fields{}
		in = app.UserInput{Username: formValue(c, "username"), FullName: formValue(c, "full_name"), Role: formValue(c, "role"),
			UnitID: idField(fe, "unit_id", "Đơn vị", formValue(c, "unit_id")), Password: c.FormValue("password"),
			Email: formValue(c, "email")}
		form = map[string]string{"username": in.Username, "full_name": in.FullName, "role": in.Role, "unit_id": formValue(c, "unit_id"), "email": in.Email}
		if err := fe.Err(); err != nil {
			return s.userListPage(c, http.StatusUnprocessableEntity, form, err)
		}
	}
	u, err := s.app.CreateUser(ctx, p, in)
	if err != nil {
		return formFailed(c, err, func(st int) error {
			return s.userListPage(c, st, form, err)
		})
	}
	return s.done(c, http.StatusCreated, u, "Đã tạo tài khoản "+u.Username+".", "/users")
}

// userSetActive locks or unlocks an account.
func (s *Server) userSetActive(c echo.Context) error {
	if err := mayTry(c, auth.ManageUsers); err != nil {
		return err
	}
	var body struct {
		Active *bool `json:"active"`
	}
	if err := bind(c, &body); err != nil || body.Active == nil {
		return &errs.Error{Code: errs.Invalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"active": "Cần giá trị true hoặc false."}}
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.app.SetUserActive(c.Request().Context(), principal(c), id, *body.Active); err != nil {
		return err
	}
	msg := "Đã khóa tài khoản."
	if *body.Active {
		msg = "Đã mở khóa tài khoản."
	}
	return s.done(c, http.StatusOK, body, msg, "/users")
}

// userEmail sets or clears the address a user's notifications are
// e-mailed to.
func (s *Server) userEmail(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var email string
	if isAPI(c) {
		var body struct {
			Email *string `json:"email"`
		}
		if err := decodeJSON(c, &body); err != nil {
			return err
		}
		if body.Email != nil {
			email = *body.Email
		}
	} else {
		email = formValue(c, "email")
	}
	u, err := s.app.SetUserEmail(c.Request().Context(), principal(c), id, email)
	if err != nil {
		return err
	}
	msg := "Đã lưu địa chỉ thư điện tử của " + u.Username + "."
	if u.Email == nil {
		msg = "Đã xóa địa chỉ thư điện tử của " + u.Username + "."
	}
	return s.done(c, http.StatusOK, u, msg, "/users")
}
