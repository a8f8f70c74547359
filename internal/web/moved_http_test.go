package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"thidua/internal/seed"
)

// The pages' old URLs redirect to the ones they share with the API,
// keeping the rest of the query; the own unit is the default.
func TestOldPageURLsRedirect(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	b.login("canbo.thanhhoa")
	th := itoa(s.unit(t, seed.ProvinceCode("Thanh Hóa")))
	na := itoa(s.unit(t, seed.ProvinceCode("Nghệ An")))
	for old, want := range map[string]string{
		"/years/2026/filing":                     "/years/2026/filings/" + th,
		"/years/2026/filing?unit=" + na:          "/years/2026/filings/" + na,
		"/years/2026/filing/history?unit=" + na:  "/years/2026/filings/" + na + "/history",
		"/years/2026/filing/workbook?unit=" + na: "/years/2026/filings/" + na + "/workbook",
		"/years/2026/review?unit=" + na + "&x=1": "/years/2026/filings/" + na + "/review?x=1",
		"/years/2026/registration":               "/years/2026/registrations/" + th,
		"/units/" + th + "/facts?year=2025":      "/units/" + th + "/facts/2025",
		"/units/" + th + "/facts":                "/units/" + th + "/facts/2026", // the app's year (seed.FixtureClock)
	} {
		if r := b.get(old); r.status != http.StatusSeeOther || r.location != want {
			t.Errorf("GET %s: %d %s, want a redirect to %s", old, r.status, r.location, want)
		}
	}
}

// A page's form deletes through the API's DELETE route, with its fields
// (the reason) read as the POST sent them.
func TestPageFormSendsDelete(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	th := itoa(s.unit(t, seed.ProvinceCode("Thanh Hóa")))
	tok := s.token(t, "hoidong")
	st, row := s.api(t, tok, http.MethodPost, "/units/"+th+"/disciplines", map[string]any{"measure": "khien_trach", "from": "2026-03-01"})
	if st != http.StatusCreated {
		t.Fatalf("recording a discipline: %d %v", st, row)
	}
	rid := itoa(int64(row["id"].(float64)))
	b := s.browser(t)
	b.login("hoidong")
	if r := b.send(http.MethodDelete, "/units/"+th+"/disciplines/"+rid, nil); r.status == http.StatusSeeOther {
		t.Fatal("deleted without a reason")
	}
	if r := b.send(http.MethodDelete, "/units/"+th+"/disciplines/"+rid, url.Values{"reason": {"Ghi nhầm đơn vị"}}); r.status != http.StatusSeeOther {
		t.Fatalf("with a reason: %d %.300s", r.status, r.body)
	}
	if r := b.send(http.MethodDelete, "/units/"+th+"/disciplines/"+rid, url.Values{"reason": {"lần nữa"}}); r.status != http.StatusNotFound {
		t.Fatalf("deleted twice: %d", r.status)
	}
}
