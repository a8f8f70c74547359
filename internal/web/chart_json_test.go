package web

import (
	"encoding/json"
	"math"
	"testing"

	"thidua/internal/app"
	"thidua/internal/org"
	"thidua/internal/scoring"
)

// chartData writes what json.Marshal wrote before it, byte for byte:
// hostile and odd names (markup, quotes, control bytes, invalid UTF-8,
// the line separators) and floats of every shape json formats apart.
func TestChartDataIsEncodingJSON(t *testing.T) {
	names := []string{`<script>alert("x")</script>`, `Đắk Lắk & "Hà Nội" 'x' + 1 > 0`, "a\x00b\x01\x1f\x7f", "\b\f\n\r\t\\/",
		"bad \xff\xfe utf-8 \xe2\x82", "line\u2028para\u2029", "Viện kiểm sát nhân dân tỉnh Sơn La", ""}
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 95.5, 100.25, 1.0 / 3, 1e-6, 9.99e-7, 1e-9, 1.5e-300, 1e20, 1e21, 123456789e15, -2.5e-8, math.MaxFloat64, math.SmallestNonzeroFloat64}
	bases := []string{app.BasisReviewed, app.BasisSelf, app.BasisNone}
	want := func(cr app.ClusterRanking) string {
		c := struct {
			Labels   []string   `json:"labels"`
			Max      float64    `json:"max"`
			Reviewed []*float64 `json:"reviewed"`
			Self     []*float64 `json:"self"`
		}{Labels: []string{}, Max: cr.ScaleMax, Reviewed: []*float64{}, Self: []*float64{}}
		for _, s := range cr.Standings {
			c.Labels = append(c.Labels, shortName(s.Unit.Name))
			var r, sf *float64
			switch s.ScoreBasis {
			case app.BasisReviewed:
				r = &s.Total
			case app.BasisSelf:
				sf = &s.SelfTotal
			}
			c.Reviewed, c.Self = append(c.Reviewed, r), append(c.Self, sf)
		}
		b, err := json.Marshal(c)
		if err != nil {
			return "null"
		}
		return string(b)
	}
	var crs []app.ClusterRanking
	crs = append(crs, app.ClusterRanking{}, app.ClusterRanking{ScaleMax: 100})
	for i, f := range floats {
		var cr app.ClusterRanking
		cr.ScaleMax = floats[(i+3)%len(floats)]
		for j, name := range names {
			s := app.Standing{Unit: org.Unit{Name: name}, ScoreBasis: bases[(i+j)%len(bases)]}
			s.Standing = scoring.Standing{Total: f, SelfTotal: floats[(i+j)%len(floats)]}
			cr.Standings = append(cr.Standings, s)
		}
		crs = append(crs, cr)
	}
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		crs = append(crs, app.ClusterRanking{ScaleMax: bad},
			app.ClusterRanking{ScaleMax: 100, Standings: []app.Standing{{ScoreBasis: app.BasisSelf, Standing: scoring.Standing{SelfTotal: bad}}}},
			app.ClusterRanking{ScaleMax: 100, Standings: []app.Standing{{ScoreBasis: app.BasisNone, Standing: scoring.Standing{SelfTotal: bad}}}})
	}
	for i, cr := range crs {
		if got, w := string(chartData(cr)), want(cr); got != w {
			t.Errorf("chart %d:\n got %s\nwant %s", i, got, w)
		}
	}
}
