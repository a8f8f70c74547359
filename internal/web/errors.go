package web

import (
	"errors"
	"net/http"
	"net/url"
	"thidua/internal/app"

	"github.com/labstack/echo/v4"

	"thidua/internal/errs"
)

// status maps an error code to its HTTP status, in one place.
func status(code errs.Code) int {
	switch code {
	case errs.Invalid:
		return http.StatusUnprocessableEntity
	case errs.NotFound:
		return http.StatusNotFound
	case errs.Unauthorized:
		return http.StatusUnauthorized
	case errs.Forbidden:
		return http.StatusForbidden
	case errs.Conflict:
		return http.StatusConflict
	case errs.TooMany:
		return http.StatusTooManyRequests
	case errs.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// apiError is the JSON body of every API error.
type apiError struct {
	Error struct {
		Code    errs.Code         `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields,omitempty"`
	} `json:"error"`
}

// handleError turns any error into a Vietnamese answer with the right
// status. Form errors are normally shown on their form by the handler;
// what reaches here gets the error page (or JSON).
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	e := toAppError(err)
	st := status(e.Code)
	switch st {
	case http.StatusInternalServerError:
		s.opts.Logger.Error("internal error", "err", err, "uri", c.Request().RequestURI)
	case http.StatusServiceUnavailable:
		s.opts.Logger.Warn("database unavailable", "err", err, "uri", c.Request().RequestURI)
		c.Response().Header().Set("Retry-After", "5")
	}
	var out error
	switch {
	case isAPI(c) || wantsJSON(c):
		var body apiError
		body.Error.Code, body.Error.Message, body.Error.Fields = e.Code, e.Message, e.Fields
		out = c.JSON(st, body)
	case e.Code == errs.Unauthorized && c.Request().Method == http.MethodGet && hasSession(c):
		s.sessions.Put(c.Request().Context(), sessFlash, e.Message)
		out = c.Redirect(http.StatusSeeOther, "/login?"+url.Values{"next": {safeNext(c.Request().URL.RequestURI())}}.Encode())
	case e.Code == errs.Unauthorized:
		out = c.Render(st, "login", s.loginPage(c, "", e.Message, nil))
	default:
		p := s.page(c, errorTitle(st), "", nil)
		p.Error = e.Message
		out = c.Render(st, "error", p)
	}
	if out != nil {
		s.opts.Logger.Error("writing error response", "err", out)
	}
}

// sessionError answers a failure of the session store (the database)
// with the app's error page, not scs's plain "Internal Server Error".
// scs also calls it when saving the session as the handler starts its
// response; that response follows, so then the failure is only logged
// (a second page would be written into the same body).
func (s *Server) sessionError(w http.ResponseWriter, r *http.Request, err error) {
	if s.sessionLoaded(r) {
		s.opts.Logger.Warn("saving the session", "err", err, "uri", r.RequestURI)
		return
	}
	s.handleError(err, s.NewContext(r, echo.NewResponse(w, s.Echo)))
}

// sessionLoaded reports whether r carries loaded session data: scs hands
// its error function the request as it came when loading failed, and
// the loaded one when saving failed. scs has no other way to ask.
func (s *Server) sessionLoaded(r *http.Request) (loaded bool) {
	defer func() {
		if recover() != nil { // "scs: no session data in context"
			loaded = false
		}
	}()
	s.sessions.Status(r.Context())
	return true
}

func toAppError(err error) *errs.Error {
	if e, ok := errs.As(err); ok {
		return e
	}
	if app.Unavailable(err) {
		return errs.New(errs.Unavailable, "Cơ sở dữ liệu tạm thời không truy cập được. Vui lòng thử lại sau ít phút; nếu vẫn lỗi, hãy báo quản trị hệ thống.")
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		switch he.Code {
		case http.StatusNotFound:
			return errs.New(errs.NotFound, "Không tìm thấy trang yêu cầu.")
		case http.StatusMethodNotAllowed:
			return errs.New(errs.NotFound, "Không tìm thấy trang yêu cầu.")
		case http.StatusRequestEntityTooLarge:
			return errs.New(errs.Invalid, "Dữ liệu gửi lên quá lớn.")
		case http.StatusUnauthorized:
			return errs.New(errs.Unauthorized, "Vui lòng đăng nhập để tiếp tục.")
		case http.StatusForbidden:
			return errs.New(errs.Forbidden, "Anh/chị không có quyền thực hiện thao tác này.")
		case http.StatusBadRequest, http.StatusUnsupportedMediaType:
			return errs.New(errs.Invalid, "Yêu cầu không hợp lệ.")
		}
	}
	return errs.New(errs.Internal, "Hệ thống gặp sự cố khi xử lý yêu cầu. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống.")
}

// csrfError replaces Echo's English CSRF errors (400 or 403) with one
// Vietnamese 403.
func csrfError(err error, c echo.Context) error {
	return errs.New(errs.Forbidden, "Biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã chống giả mạo CSRF). Vui lòng tải lại trang và thử lại.")
}

func wantsJSON(c echo.Context) bool {
	return c.Request().Header.Get("Accept") == "application/json"
}

func errorTitle(status int) string {
	switch status {
	case http.StatusNotFound:
		return "Không tìm thấy"
	case http.StatusForbidden:
		return "Không có quyền truy cập"
	case http.StatusConflict:
		return "Dữ liệu đã thay đổi"
	case http.StatusTooManyRequests:
		return "Thao tác quá nhiều lần"
	case http.StatusServiceUnavailable:
		return "Tạm thời gián đoạn"
	case http.StatusUnprocessableEntity:
		return "Dữ liệu chưa hợp lệ"
	}
	return "Có lỗi xảy ra"
}
