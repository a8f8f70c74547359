package web_test

import (
	"net/http"
	"testing"
)

// BenchmarkPages drives the demo's person and ranking pages through the
// whole server, as make load's "person" and "ranking" paths do: the board
// reading the record of the demo's disciplined person (whose every read
// is logged) and of one without a discipline, and the year's ranking of
// every cluster.
func BenchmarkPages(b *testing.B) {
	s := newSite(b)
	board := s.browser(b)
	board.login("hoidong")
	var disciplined, clean int64
	db := s.store.SQL()
	if err := db.QueryRow(`SELECT id FROM people WHERE full_name = 'Vũ Đình Tuấn'`).Scan(&disciplined); err != nil {
		b.Fatal(err)
	}
	if err := db.QueryRow(`SELECT p.id FROM people p WHERE NOT EXISTS (SELECT 1 FROM person_disciplines d WHERE d.person_id = p.id)
		AND EXISTS (SELECT 1 FROM awards a WHERE a.person_id = p.id) ORDER BY p.id LIMIT 1`).Scan(&clean); err != nil {
		b.Fatal(err)
	}
	for _, p := range []struct{ name, path string }{
		{"person", "/people/" + itoa(clean)},
		{"disciplined", "/people/" + itoa(disciplined)},
		{"ranking", "/years/2026/ranking"},
	} {
		b.Run(p.name, func(b *testing.B) {
			board.get(p.path) // the session settles
			before := s.store.Statements()
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n++
				if r := board.get(p.path); r.status != http.StatusOK {
					b.Fatalf("HTTP %d", r.status)
				}
			}
			b.ReportMetric(float64(s.store.Statements()-before)/float64(n), "stmts/op")
		})
	}
}
