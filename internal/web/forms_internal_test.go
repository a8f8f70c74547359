package web

import "testing"

// What the forms show must read back as the same number: 1876 is shown
// "1876" and typed "1.876" the Vietnamese way, both mean 1876.
func TestParseNumber(t *testing.T) {
	for raw, want := range map[string]float64{"98,5": 98.5, "98.5": 98.5, "1.876": 1876, "1876": 1876, "1.234,5": 1234.5,
		"12.345.678": 12345678, " 40 ": 40, "0,25": 0.25, "1.5": 1.5} {
		got, ok := parseNumber(raw)
		if !ok || got == nil || *got != want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", raw, got, ok, want)
		}
	}
	for _, bad := range []string{"abc", "1,2,3", "98%"} {
		if _, ok := parseNumber(bad); ok {
			t.Errorf("parseNumber(%q) accepted", bad)
		}
	}
	for _, v := range []float64{1876, 1234.5, 0.25, 100} {
		if got, ok := parseNumber(inputNum(v)); !ok || *got != v {
			t.Errorf("round trip of %v through %q gives %v", v, inputNum(v), got)
		}
	}
}
