package web_test

import (
	"net/http"
	"testing"
)

// BenchmarkShell drives small pages through the whole server: what every
// page pays before and around its handler (session, user, middleware,
// layout and navigation) is most of their cost. statements/op counts the
// SQL statements of one request.
func BenchmarkShell(b *testing.B) {
	s := newSite(b)
	board := s.browser(b)
	board.login("hoidong")
	for _, p := range []struct{ name, path string }{
		{"notifications", "/notifications"},
		{"home", "/"},
	} {
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			before := statements(s)
			for b.Loop() {
				if r := board.get(p.path); r.status != http.StatusOK {
					b.Fatalf("HTTP %d", r.status)
				}
			}
			b.ReportMetric(float64(statements(s)-before)/float64(b.N), "statements/op")
		})
	}
}
