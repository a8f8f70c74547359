package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/unicode/norm"

	"thidua/internal/auth"
	"thidua/internal/errs"
	"thidua/internal/limits"
)

// formValue reads a form field, trimmed and in NFC: text typed with some
// Vietnamese input methods arrives decomposed and would not equal itself.
func formValue(c echo.Context, name string) string {
	return norm.NFC.String(strings.TrimSpace(c.FormValue(name)))
}

// parseDate accepts the ISO form browsers send from a date input and the
// Vietnamese dd/mm/yyyy people type.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// dateField parses a required or optional date field into f's messages.
func dateField(f errs.Fields, field, label, raw string, required bool) *time.Time {
	if raw == "" {
		if required {
			f.Add(field, "Vui lòng nhập "+lowerFirst(label)+".")
		}
		return nil
	}
	t, ok := parseDate(raw)
	if !ok {
		f.Add(field, label+" không đúng định dạng ngày (ngày/tháng/năm, ví dụ 01/07/2025).")
		return nil
	}
	// Whatever the field, no date the app records lies outside these; the
	// domain narrows each field further (a unit's start, a deadline).
	n := len(f)
	limits.Date(f, field, label, t, limits.FirstBirthDay)
	if len(f) > n {
		return nil
	}
	return &t
}

// idField parses an optional id field.
func idField(f errs.Fields, field, label, raw string) *int64 {
	if raw == "" {
		return nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		f.Add(field, label+" không hợp lệ.")
		return nil
	}
	return &id
}

// pathID reads a numeric path parameter; anything else is a 404.
func pathID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.New(errs.NotFound, "Không tìm thấy trang yêu cầu.")
	}
	return id, nil
}

// safeNext keeps a post-login redirect on this site: a path of our own
// ("/years/2026?x=1"), never anything a browser could read as another
// host. Browsers drop tabs and line breaks from a URL and read "\" as
// "/", so "/\t/evil.example" and "/\\evil.example" mean
// "//evil.example"; the value is also checked after undoing percent
// encoding (up to three times), where "/%2F/evil.example" hides the same.
// Anything doubtful is "/".
func safeNext(next string) string {
	if len(next) > 2048 {
		return "/"
	}
	for s, i := next, 0; i < 4; i++ {
		if !localPath(s) {
			return "/"
		}
		dec, err := url.PathUnescape(s)
		if err != nil {
			return "/"
		}
		if dec == s {
			break
		}
		s = dec
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	return next
}

// localPath reports whether s starts with one "/" and holds no control
// character or backslash.
func localPath(s string) bool {
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == '\\' || unicode.IsSpace(r) && r != ' ' {
			return false
		}
	}
	return true
}

// decodeJSON reads an API request's body into v.
// Go's own messages are English, so each kind of failure is said again in
// Vietnamese, naming the field where there is one.
func decodeJSON(c echo.Context, v any) error {
	err := json.NewDecoder(c.Request().Body).Decode(v)
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &typ) && typ.Field != "":
		field := typ.Field[strings.LastIndex(typ.Field, ".")+1:] // embedded structs prefix their own name
		return &errs.Error{Code: errs.Invalid, Message: "Dữ liệu chưa hợp lệ.",
			Fields: map[string]string{field: "Trường " + field + " phải là " + jsonKind(typ.Type) + "."}}
	case errors.As(err, &syntax):
		return errs.New(errs.Invalid, "Nội dung JSON sai cú pháp ở ký tự thứ %d.", syntax.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errs.New(errs.Invalid, "Nội dung JSON trống hoặc bị cắt cụt.")
	}
	return errs.New(errs.Invalid, "Nội dung JSON không hợp lệ.")
}

func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "chuỗi ký tự"
	case reflect.Bool:
		return "true hoặc false"
	case reflect.Slice, reflect.Array:
		return "một danh sách"
	case reflect.Struct, reflect.Map:
		return "một đối tượng"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "một số nguyên"
	}
	return "một số"
}

// fieldErrors returns the per-field messages of an Invalid error.
func fieldErrors(err error) (map[string]string, string, bool) {
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Invalid && e.Code != errs.Conflict {
		return nil, "", false
	}
	return e.Fields, e.Message, true
}

func contextTimeout(c echo.Context, seconds int) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.Request().Context(), time.Duration(seconds)*time.Second)
}

func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// normalize trims a raw value and puts it in NFC.
func normalize(s string) string { return norm.NFC.String(strings.TrimSpace(s)) }

// mayTry refuses, before the body is read, a request for an action that no
// cluster, unit or year could allow this user (an officer designating a
// head, a viewer signing). The service still decides on the real target.
func mayTry(c echo.Context, a auth.Action) error {
	return auth.Authorize(principal(c), a, anyScope(principal(c), a))
}

// anyScope is the most favourable target of an action for a user: their own
// unit, a cluster they head, a unit inside their province.
func anyScope(p auth.Principal, a auth.Action) auth.Target {
	t := auth.Target{UnitPath: []int64{p.UnitID},
		Cluster: &auth.ClusterFacts{OwnerUnitID: p.BoardOf, HeadUnitID: p.UnitID, Members: []int64{p.UnitID}}}
	switch a {
	case auth.ReviewFiling: // a member other than the reviewer's own unit
		t.UnitPath, t.Cluster.Members = []int64{-1}, []int64{-1}
	case auth.ManageUnits, auth.ViewAudit, auth.RecordAwards: // a unit under the council's province
		t.UnitPath = []int64{-1, p.BoardOf}
	}
	return t
}
