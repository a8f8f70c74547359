package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

// bindBody is a request type as handlers declare them: json names, a
// checkbox, an optional choice, a number.
type bindBody struct {
	Name    string `json:"name"`
	Active  bool   `json:"active"`
	Counts  *bool  `json:"counts"`
	Version int    `json:"version"`
}

// bind reads a page's form and the API's JSON into the same request type,
// with the form's own conventions: an unchecked box sends nothing (false,
// whatever the handler preset for the API), an empty choice is no choice
// (nil), a number that is not one is the field's message.
func TestBindFormAndJSON(t *testing.T) {
	e := echo.New()
	form := func(v url.Values) echo.Context {
		r := httptest.NewRequest(http.MethodPost, "/x", strings.NewReader(v.Encode()))
		r.Header.Set(echo.HeaderContentType, echo.MIMEApplicationForm)
		return e.NewContext(r, httptest.NewRecorder())
	}
	api := func(body string) echo.Context {
		r := httptest.NewRequest(http.MethodPost, "/api/v1/x", strings.NewReader(body))
		r.Header.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
		return e.NewContext(r, httptest.NewRecorder())
	}
	yes, no := true, false
	for _, tc := range []struct {
		name string
		c    echo.Context
		want bindBody
	}{
		{"form, box checked, chose yes", form(url.Values{"name": {" Thanh Hóa "}, "active": {"1"}, "counts": {"1"}, "version": {"3"}}),
			bindBody{Name: "Thanh Hóa", Active: true, Counts: &yes, Version: 3}},
		{"form, box unchecked, chose no", form(url.Values{"name": {"x"}, "counts": {"0"}}), bindBody{Name: "x", Counts: &no}},
		{"form, no choice", form(url.Values{"counts": {""}, "version": {""}}), bindBody{}},
		{"JSON leaves active out", api(`{"name":"x","version":2}`), bindBody{Name: "x", Active: true, Version: 2}},
		{"JSON says false", api(`{"active":false,"counts":false}`), bindBody{Counts: &no}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := bindBody{Active: true} // a handler's default for the API
			if err := bind(tc.c, &got); err != nil {
				t.Fatal(err)
			}
			if got.Name != tc.want.Name || got.Active != tc.want.Active || got.Version != tc.want.Version ||
				(got.Counts == nil) != (tc.want.Counts == nil) || got.Counts != nil && *got.Counts != *tc.want.Counts {
				t.Fatalf("bound %+v (counts %v), want %+v (counts %v)", got, deref(got.Counts), tc.want, deref(tc.want.Counts))
			}
		})
	}
	var got bindBody
	err := bind(form(url.Values{"version": {"ba"}}), &got)
	if fields, _, ok := fieldErrors(err); !ok || fields["version"] == "" {
		t.Fatalf("a version that is not a number: %v", err)
	}
}

func deref(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}
