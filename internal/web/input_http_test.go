package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"thidua/internal/seed"
)

// TestMalformedTextRefusedAtTheEdge: a NUL character, bytes that are not
// UTF-8 and over-long values in a query string, a form (signed in or
// not) and an API body are refused with a 422 that names the field, and
// nothing is written.
func TestMalformedTextRefusedAtTheEdge(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	board := s.browser(t)
	board.login("hoidong")
	tok := s.token(t, "hoidong")
	parent := itoa(s.unit(t, "VKSTC"))
	before := auditRows(t, s)
	long := strings.Repeat("a", 20001)

	for _, tc := range []struct {
		what  string
		r     reply
		field string
	}{
		{"search with NUL", board.get("/units?q=%00"), "q"},
		{"search with %FF", board.get("/people?q=ab%FFcd"), "q"},
		{"unit name with NUL", board.post("/units", url.Values{"parent_id": {parent}, "name": {"Viện\x00 kiểm sát"}, "code": {"X1"}}), "name"},
		{"unit name not UTF-8", board.post("/units", url.Values{"parent_id": {parent}, "name": {"Vi\xffn"}, "code": {"X2"}}), "name"},
		{"unit name too long", board.post("/units", url.Values{"parent_id": {parent}, "name": {long}, "code": {"X3"}}), "name"},
		{"sign-in with NUL", s.browser(t).post("/login", url.Values{"username": {"adm\x00in"}, "password": {"x"}}), "username"},
		{"sign-in not UTF-8", s.browser(t).post("/login", url.Values{"username": {"adm\xffin"}, "password": {"x"}}), "username"},
	} {
		if tc.r.status != http.StatusUnprocessableEntity || !strings.Contains(tc.r.body, "“"+tc.field+"”") {
			t.Errorf("%s: %d, want 422 naming “%s”: %.300s", tc.what, tc.r.status, tc.field, tc.r.body)
		}
	}

	for _, tc := range []struct{ what, body, field string }{
		{"escaped NUL", `{"parent_id":` + parent + `,"name":"Viện\u0000","code":"X4"}`, "name"},
		{"raw bytes not UTF-8", `{"parent_id":` + parent + `,"code":"X5","name":"Vi` + "\xff\xfe" + `n"}`, "name"},
		{"nested NUL", `{"parent_id":` + parent + `,"code":"X6","name":"ok","extra":{"list":["a\u0000"]}}`, "list"},
		{"too long", `{"parent_id":` + parent + `,"code":"X7","name":"` + long + `"}`, "name"},
	} {
		st, body := s.apiRaw(t, tok, http.MethodPost, "/units", tc.body)
		if st != http.StatusUnprocessableEntity || jsonAt(body, "error", "fields", tc.field) == nil {
			t.Errorf("API %s: %d %v, want 422 on %s", tc.what, st, body, tc.field)
		}
	}
	if after := auditRows(t, s); after != before {
		t.Errorf("%d rows written to the change history", after-before)
	}
}

// TestJSONIntegerMessage: a number with a fraction where a whole number is
// expected is said to need a whole number, not "a number".
func TestJSONIntegerMessage(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	st, body := s.apiRaw(t, s.token(t, "hoidong"), http.MethodPost, "/units", `{"parent_id":41.5,"name":"x","code":"y"}`)
	msg, _ := jsonAt(body, "error", "fields", "parent_id").(string)
	if st != http.StatusUnprocessableEntity || !strings.Contains(msg, "số nguyên") {
		t.Errorf("%d %v", st, body)
	}
}

// TestNoOpenRedirectAfterSignIn: the probe, end to end. A sign-in
// form opened with next=/%09/evil.example sends the user home, not to
// another host.
func TestNoOpenRedirectAfterSignIn(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	for _, next := range []string{"/%09/evil.example", "/%5Cevil.example", "//evil.example", "/%250A/evil.example"} {
		b := s.browser(t)
		if r := b.get("/login?next=" + next); strings.Contains(r.body, "evil.example") {
			t.Errorf("the sign-in form keeps next=%s", next)
		}
		r := b.post("/login", url.Values{"username": {"admin"}, "password": {seed.DemoPassword}, "next": {mustUnescape(t, next)}})
		if r.status != http.StatusSeeOther || r.location != "/" {
			t.Errorf("next=%s: %d to %q, want 303 to /", next, r.status, r.location)
		}
	}
	b := s.browser(t)
	b.post("/login", url.Values{"username": {"admin"}, "password": {seed.DemoPassword}, "next": {"/years/2026"}})
	if r := b.get("/"); r.status != http.StatusOK {
		t.Fatalf("signed in: %d", r.status)
	}
}

func mustUnescape(t *testing.T, s string) string {
	t.Helper()
	v, err := url.QueryUnescape(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
