package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"thidua/internal/errs"
)

// MaxFieldLength is the most characters one text field, query parameter
// or JSON string may carry. The longest texts people write here (a
// pledge's preamble, an explanation) are a few thousand characters; the
// limit keeps pasted megabytes out of indexes and pages.
const MaxFieldLength = 20000

// uploadFields are form fields that carry a workbook rather than text
// (the confirm step's base64 copy): their readers check them.
var uploadFields = map[string]bool{"content": true}

// checkInput refuses, before any handler runs, a request whose query
// string, form fields or JSON body hold text the app cannot take: bytes
// that are not UTF-8, a NUL character (PostgreSQL refuses it in text), or
// a value longer than MaxFieldLength. The answer is a 422 naming the
// field, in Vietnamese, and nothing has been read or written.
func checkInput(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if err := checkValues("tham số", c.QueryParams()); err != nil {
			return err
		}
		if r.Method == http.MethodGet || r.Method == http.MethodHead || r.Body == nil || r.Body == http.NoBody || streamingUpload(c) {
			// A dossier's upload checks its text fields as it streams (multipartFile).
			return next(c)
		}
		ct, _, _ := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType))
		switch {
		case ct == echo.MIMEApplicationForm || ct == echo.MIMEMultipartForm:
			form, err := c.FormParams()
			if err != nil {
				return errs.New(errs.Invalid, "Không đọc được dữ liệu biểu mẫu gửi lên.")
			}
			if err := checkValues("trường", form); err != nil {
				return err
			}
		case ct == echo.MIMEApplicationJSON || strings.HasSuffix(ct, "+json"):
			body, err := io.ReadAll(r.Body)
			if err != nil {
				return err // the body limit's 413, or a broken connection
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			if err := checkJSON(body); err != nil {
				return err
			}
		}
		return next(c)
	}
}

// checkValues checks every name and value of a query string or form.
func checkValues(kind string, values map[string][]string) error {
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if msg := textProblem(name); msg != "" {
			return fieldError("", "Tên một "+kind+" gửi lên "+msg)
		}
		for _, v := range values[name] {
			if uploadFields[name] {
				continue
			}
			if msg := textProblem(v); msg != "" {
				return fieldError(name, kindLabel(kind, name)+" "+msg)
			}
		}
	}
	return nil
}

func kindLabel(kind, name string) string {
	return strings.ToUpper(kind[:1]) + kind[1:] + " “" + name + "”"
}

// textProblem says what is wrong with a text value, or "".
func textProblem(s string) string {
	switch {
	case !utf8.ValidString(s):
		return "có byte không phải mã UTF-8 hợp lệ; vui lòng gõ lại hoặc dán lại dưới dạng văn bản thường."
	case strings.IndexByte(s, 0) >= 0:
		return "có ký tự NUL (mã 0), không lưu được; vui lòng xóa ký tự này."
	case utf8.RuneCountInString(s) > MaxFieldLength:
		return "dài quá " + strconv.Itoa(MaxFieldLength) + " ký tự."
	}
	return ""
}

// plainJSON says, in one pass over the bytes, that a body has nothing
// checkJSON would refuse: valid UTF-8, no escaped NUL, and no string
// longer than MaxFieldLength characters as written (an escape only makes
// the string it is in shorter once read). When it cannot tell, the body
// is walked token by token.
func plainJSON(body []byte) bool {
	if !utf8.Valid(body) {
		return false
	}
	in, start := false, 0
	for i := 0; i < len(body); i++ {
		switch b := body[i]; {
		case !in && b == '"':
			in, start = true, i+1
		case in && b == '\\':
			if i+5 < len(body) && string(body[i+1:i+6]) == "u0000" {
				return false
			}
			i++ // the escaped byte cannot end the string
		case in && b == '"':
			if i-start > MaxFieldLength && utf8.RuneCount(body[start:i]) > MaxFieldLength {
				return false
			}
			in = false
		}
	}
	return !in
}

func fieldError(field, msg string) error {
	e := &errs.Error{Code: errs.Invalid, Message: msg}
	if field != "" {
		e.Fields = map[string]string{field: msg}
	}
	return e
}

// checkJSON walks a JSON body token by token so that a bad string is
// reported with the field it is the value of. Bytes that are not UTF-8
// are found first (the decoder would silently replace them) and blamed
// on the field being read where they occur.
func checkJSON(body []byte) error {
	if plainJSON(body) {
		return nil
	}
	bad := -1
	if !utf8.Valid(body) {
		for i := 0; i < len(body); {
			r, n := utf8.DecodeRune(body[i:])
			if r == utf8.RuneError && n <= 1 {
				bad = i
				break
			}
			i += n
		}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	// The stack of open containers: for an object, the key being read.
	type level struct {
		object bool
		key    string
		atKey  bool
	}
	var stack []level
	field := func() string {
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].object && stack[i].key != "" {
				return stack[i].key
			}
		}
		return ""
	}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			break // a syntax error: the handler's decoder says it in Vietnamese
		}
		if bad >= 0 && dec.InputOffset() > int64(bad) {
			msg := "có byte không phải mã UTF-8 hợp lệ."
			if f := field(); f != "" {
				return fieldError(f, "Trường “"+f+"” "+msg)
			}
			return fieldError("", "Nội dung JSON "+msg)
		}
		top := len(stack) - 1
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				if top >= 0 && stack[top].object {
					stack[top].atKey = true // the container is the key's value
				}
				stack = append(stack, level{object: t == '{', atKey: true})
			default:
				stack = stack[:top]
				if top > 0 && stack[top-1].object {
					stack[top-1].atKey = true
				}
			}
			continue
		case string:
			if top >= 0 && stack[top].object && stack[top].atKey {
				stack[top].key, stack[top].atKey = t, false
				if msg := textProblem(t); msg != "" {
					return fieldError("", "Tên một trường của nội dung JSON "+msg)
				}
				continue
			}
			if msg := textProblem(t); msg != "" {
				if f := field(); f != "" {
					return fieldError(f, "Trường “"+f+"” "+msg)
				}
				return fieldError("", "Nội dung JSON "+msg)
			}
		}
		if top >= 0 && stack[top].object {
			stack[top].atKey = true
		}
	}
	if bad >= 0 {
		return fieldError("", "Nội dung JSON có byte không phải mã UTF-8 hợp lệ.")
	}
	return nil
}
