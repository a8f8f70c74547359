// Package errs is the application's error type: a code chosen where the
// error arises, and a Vietnamese message for the person who caused it. The
// HTTP layer maps codes to statuses in one place.
package errs

import (
	"errors"
	"fmt"
	"sort"
)

// Code classifies an error for the HTTP layer.
type Code string

const (
	Invalid      Code = "invalid"      // 422: the input breaks a rule
	NotFound     Code = "not_found"    // 404
	Unauthorized Code = "unauthorized" // 401: not signed in, or wrong credentials
	Forbidden    Code = "forbidden"    // 403: signed in, but not allowed
	Conflict     Code = "conflict"     // 409: someone else changed it first (a duplicate is Invalid, on its field)
	TooMany      Code = "too_many"     // 429: throttled
	Unavailable  Code = "unavailable"  // 503: the database cannot be reached just now
	Internal     Code = "internal"     // 500
)

// Error is an error with a code, a message for users and, for invalid
// input, a message per field and, where the validation says so, every
// problem placed by its field key.
type Error struct {
	Code     Code
	Message  string
	Fields   map[string]string
	Problems []Problem
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return string(e.Code) + ": " + e.Message
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := string(e.Code) + ": " + e.Message
	for _, k := range keys {
		s += fmt.Sprintf("; %s: %s", k, e.Fields[k])
	}
	return s
}

// New returns an error with the given code and message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// CodeOf returns the code of err, Internal when it carries none.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// As returns err as *Error when it is one.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Fields collects per-field messages while validating a form.
type Fields map[string]string

// Add records msg for field unless the field already has a message, so
// the first problem found for a field is the one shown.
func (f Fields) Add(field, msg string) {
	if _, ok := f[field]; !ok {
		f[field] = msg
	}
}

// Err returns an Invalid error listing the fields, or nil when there are none.
func (f Fields) Err() error { return f.ErrWith(nil) }

// ErrWith is Err carrying the problems the fields' messages were made from.
func (f Fields) ErrWith(ps []Problem) error {
	if len(f) == 0 && len(ps) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Message: "Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.", Fields: f, Problems: ps}
}

// Problem is one thing wrong with the input, placed by the key of the
// field it is about ("criteria.3.max": the maximum of a table's third
// row), so whoever shows it — beside a form field, or on a workbook's
// sheet, row and column — finds its place from the key, never from the
// message's words.
type Problem struct {
	Field string      `json:"field"`
	Code  ProblemCode `json:"code"`
	// Message is about the field alone, without saying where it is
	// ("điểm tối đa phải lớn hơn 0"): the place is the shower's to say.
	Message string `json:"message"`
}

// ProblemCode says what kind of problem a Problem is.
type ProblemCode string

const (
	Missing    ProblemCode = "missing"       // required, and empty
	Duplicate  ProblemCode = "duplicate"     // already taken by another row
	OutOfRange ProblemCode = "out_of_range"  // a number or date outside its range
	NotAllowed ProblemCode = "not_allowed"   // not one of the allowed values
	BadRef     ProblemCode = "bad_reference" // names a row that is not there, or not of the right kind
	Mismatch   ProblemCode = "mismatch"      // disagrees with other values (a group's maximum, its rows' sum)
)
