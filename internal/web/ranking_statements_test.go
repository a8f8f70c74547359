package web_test

import "testing"

// TestRankingStatements: the demo's ranking page and its API answer in at
// most 6 SQL statements, the session, the user and the header's count
// included (in app, TestRankingStatementsStay: as many with more units).
func TestRankingStatements(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	viewer := s.browser(t)
	viewer.login("xem")
	token := s.token(t, "xem")
	viewer.get("/years/2026/ranking") // the session settles
	before := s.store.Statements()
	if r := viewer.get("/years/2026/ranking"); r.status != 200 {
		t.Fatalf("ranking page: %d", r.status)
	}
	page := s.store.Statements() - before
	before = s.store.Statements()
	if st, _ := s.api(t, token, "GET", "/years/2026/ranking", nil); st != 200 {
		t.Fatalf("ranking API: %d", st)
	}
	if api := s.store.Statements() - before; page > 6 || api > 6 {
		t.Fatalf("the ranking takes %d statements as a page, %d by the API; at most 6", page, api)
	}
}
