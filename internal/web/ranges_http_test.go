package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"thidua/internal/seed"
)

// TestOutOfRangeNumbersAndDates: the probes, through the API and
// the pages. Each used to be a 500 from PostgreSQL ("numeric field
// overflow", "greater than maximum value for int4") or was stored as is
// (year 0 and 9999 dates); each is now a 422 naming its field, and the
// count indicator's denominator, which the workbook refused and the API
// took, is refused by both.
func TestOutOfRangeNumbersAndDates(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	setToday(s, 2026, 3, 2)
	unit := s.unit(t, seed.ProvinceCode("Nghệ An"))
	officer := s.token(t, "canbo.nghean")
	path := fmt.Sprintf("/years/2026/filings/%d", unit)
	st, view := s.api(t, officer, http.MethodGet, path, nil)
	if st != http.StatusOK {
		t.Fatalf("filing: %d %v", st, view)
	}
	var rate, count, deduction int64
	for _, c := range asList(jsonAt(view, "table", "criteria")) {
		m := c.(map[string]any)
		id := int64(m["id"].(float64))
		switch {
		case m["method"] == "indicator" && m["denominator"] != "" && m["direction"] != "zero" && rate == 0:
			rate = id
		case m["method"] == "indicator" && (m["denominator"] == "" || m["direction"] == "zero") && count == 0:
			count = id
		case m["method"] == "deduction" && deduction == 0:
			deduction = id
		}
	}
	if rate == 0 || count == 0 || deduction == 0 {
		t.Fatalf("the demo table lacks a rate (%d), a count (%d) or a deduction (%d)", rate, count, deduction)
	}
	version := jsonID(t, view, "filing", "version")
	board := s.token(t, "hoidong")
	before := auditRows(t, s)
	for _, tc := range []struct {
		what  string
		id    int64
		entry string
	}{
		{"1e308 figures", rate, `"numerator":1e308,"denominator":1e308`},
		{"a 1e308 deduction", deduction, `"score":1e308,"explanation":"x"`},
		{"a denominator on a count", count, `"numerator":3,"denominator":10`},
	} {
		body := fmt.Sprintf(`{"version":%d,"entries":[{"criterion_id":%d,%s}]}`, version, tc.id, tc.entry)
		st, out := s.apiRaw(t, officer, http.MethodPut, path, body)
		if st != http.StatusUnprocessableEntity || jsonAt(out, "error", "fields", fmt.Sprintf("c%d", tc.id)) == nil {
			t.Errorf("%s: %d %v", tc.what, st, out)
		}
	}

	parent := itoa(s.unit(t, "VKSTC"))
	for _, from := range []string{"0000-01-01", "31/12/9999"} {
		st, out := s.api(t, board, http.MethodPost, "/units", map[string]any{"parent_id": s.unit(t, "VKSTC"), "code": "HAN-MOI",
			"name": "Phòng mới", "type": "department", "valid_from": from})
		if st != http.StatusUnprocessableEntity || jsonAt(out, "error", "fields", "valid_from") == nil {
			t.Errorf("API unit starting %s: %d %v", from, st, out)
		}
		b := s.browser(t)
		b.login("hoidong")
		r := b.post("/units", url.Values{"parent_id": {parent}, "code": {"HAN-MOI"}, "name": {"Phòng mới"}, "type": {"department"}, "valid_from": {from}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "phải trong khoảng") {
			t.Errorf("page unit starting %s: %d", from, r.status)
		}
	}

	st, out := s.api(t, officer, http.MethodPost, "/proposals", map[string]any{"proposer_unit_id": unit, "year": 2026,
		"title": "co_nganh", "vote_electorate": 9999999999999, "vote_for": 1})
	if st != http.StatusUnprocessableEntity || jsonAt(out, "error", "fields", "vote_electorate") == nil {
		t.Errorf("vote_electorate 9999999999999: %d %v", st, out)
	}
	if after := auditRows(t, s); after != before {
		t.Errorf("%d rows written", after-before)
	}
}
