package web

import (
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"thidua/internal/errs"
)

// bind reads a request into v, a pointer to a struct: the JSON body for
// the API, the form for pages, each field under its json name. One
// request type then serves both; handlers need not ask isAPI. Forms fill
// strings, booleans ("true", "1", "on"; false when left out, as an
// unchecked box sends nothing) and integers, or pointers to them (nil when
// the form leaves the field out or empty, as a select's "— Chọn —"). A
// field the JSON leaves out keeps the value v had.
func bind(c echo.Context, v any) error {
	if isAPI(c) {
		return decodeJSON(c, v)
	}
	s := reflect.ValueOf(v).Elem()
	fe := errs.Fields{}
	for i := range s.NumField() {
		f := s.Type().Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "" || name == "-" {
			continue
		}
		dst := s.Field(i)
		if _, sent := formValues(c)[name]; !sent {
			if dst.Kind() == reflect.Bool {
				dst.SetBool(false)
			}
			continue
		}
		raw := formValue(c, name)
		if dst.Kind() == reflect.Pointer {
			if raw == "" {
				continue
			}
			dst.Set(reflect.New(dst.Type().Elem()))
			dst = dst.Elem()
		}
		switch dst.Kind() {
		case reflect.String:
			dst.SetString(raw)
		case reflect.Bool:
			dst.SetBool(raw == "true" || raw == "1" || raw == "on")
		case reflect.Int, reflect.Int64, reflect.Int32:
			n, err := strconv.ParseInt(raw, 10, 64)
			if err != nil && raw != "" {
				fe.Add(name, "Cần một số nguyên.")
			}
			dst.SetInt(n)
		default:
			panic("bind: a form cannot fill " + f.Name)
		}
	}
	return fe.Err()
}

// sent is the form as a browser sent it, each field's first value
// normalised as formValue reads it: what a page shows again beside the
// form's messages.
func sent(c echo.Context) map[string]string {
	out := map[string]string{}
	for k := range formValues(c) {
		out[k] = formValue(c, k)
	}
	return out
}

// formValues is the parsed form, query and body (as c.FormValue sees it).
func formValues(c echo.Context) map[string][]string {
	r := c.Request()
	if r.Form == nil {
		_ = r.ParseMultipartForm(32 << 20) // what FormValue does; a plain form is parsed too
	}
	return r.Form
}

// methodOverride lets a page's form, which can only POST, use the API's
// method on the same URL: POST /x?_method=DELETE is DELETE /x. The form
// is read while the request is still a POST (Go reads no form body for
// DELETE), so the handler and the CSRF check find its fields.
func methodOverride(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Method != http.MethodPost || isAPI(c) {
			return next(c)
		}
		switch m := r.URL.Query().Get("_method"); m {
		case http.MethodPut, http.MethodDelete:
			if err := r.ParseForm(); err != nil {
				return errs.New(errs.Invalid, "Dữ liệu gửi lên không đọc được.")
			}
			r.Method = m
		}
		return next(c)
	}
}
