package web_test

import (
	"context"
	"net/http"
	"testing"

	"thidua/internal/auth"
	"thidua/internal/scoring"
	"thidua/internal/seed"
)

// BenchmarkFiling drives the demo's filing pages and draft save through
// the whole server, as make load's "filing" and "save" paths do: the
// board reading a submitted filing (page, review page), and a unit's
// officer saving its whole draft through the API with one rate's
// numerator changed each time.
func BenchmarkFiling(b *testing.B) {
	s := newSite(b)
	ctx := context.Background()
	th := s.unit(b, seed.ProvinceCode("Thanh Hóa")) // submitted, waiting for its review
	na := s.unit(b, seed.ProvinceCode("Nghệ An"))   // not started
	board := s.browser(b)
	board.login("hoidong")
	for _, p := range []struct{ name, path string }{
		{"page", "/years/2026/filings/" + itoa(th)},
		{"review", "/years/2026/filings/" + itoa(th) + "/review"},
	} {
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if r := board.get(p.path); r.status != http.StatusOK {
					b.Fatalf("HTTP %d", r.status)
				}
			}
		})
	}

	token := s.token(b, "canbo.nghean")
	v, err := s.app.Filing(ctx, auth.System, 2026, na)
	if err != nil {
		b.Fatal(err)
	}
	var entries []any
	var rate int64
	for _, c := range v.Table.Criteria {
		switch {
		case c.Method == scoring.Indicator && c.Denominator != "" && rate == 0:
			rate = c.ID
		case c.Method == scoring.Indicator && c.Denominator != "":
			entries = append(entries, map[string]any{"criterion_id": c.ID, "numerator": 7, "denominator": 10, "evidence": "Biểu thống kê"})
		case c.Method == scoring.Indicator:
			entries = append(entries, map[string]any{"criterion_id": c.ID, "numerator": 3, "evidence": "Biểu thống kê"})
		case c.Method == scoring.Fixed:
			entries = append(entries, map[string]any{"criterion_id": c.ID, "score": 1, "explanation": "Đã thực hiện"})
		}
	}
	version := v.Filing.Version
	b.Run("save", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			body := map[string]any{"version": version, "entries": append(entries[:len(entries):len(entries)],
				map[string]any{"criterion_id": rate, "numerator": 90 + i%10, "denominator": 100})}
			st, out := s.api(b, token, http.MethodPut, "/years/2026/filings/"+itoa(na), body)
			if st != http.StatusOK {
				b.Fatalf("HTTP %d: %v", st, out)
			}
			version = int(out["filing"].(map[string]any)["version"].(float64))
		}
	})
}
