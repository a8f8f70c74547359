package web

import (
	"strings"
	"testing"

	"thidua/internal/errs"
)

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
	for _, bad := range []string{"abc", "1,2,3", "98%", "NaN", "Inf", "-Infinity"} {
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

// The address a sign-in goes on to stays on this site, however it is
// written: browsers drop tabs and line breaks, read "\" as "/", and the
// value may arrive percent-encoded once more.
func TestSafeNext(t *testing.T) {
	for _, ok := range []string{"/", "/years/2026", "/units?q=H%C3%A0+N%E1%BB%99i&page=2", "/people/12/edit", "/a%2Fb"} {
		if got := safeNext(ok); got != ok {
			t.Errorf("safeNext(%q) = %q, want it kept", ok, got)
		}
	}
	for _, bad := range []string{"", "//evil.example", "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example",
		"\t//evil.example", "/\\evil.example", "\\\\evil.example", "/\\/evil.example", "/%09/evil.example",
		"/%2F/evil.example", "/%2f/evil.example", "/%5Cevil.example", "/%5c%5cevil.example", "/%252F/evil.example",
		"/%25252F%25252Fevil.example", "%2F%2Fevil.example", "https://evil.example/", "http:/evil.example",
		"javascript:alert(1)", "evil.example", "/\x00/evil.example", "/\u3000/evil.example", "///evil.example",
		"/%0d%0aLocation:%20http://evil.example"} {
		if got := safeNext(bad); got != "/" {
			t.Errorf("safeNext(%q) = %q, want /", bad, got)
		}
	}
}

// checkJSON names the field a bad string belongs to, however deep, and
// lets clean bodies (and bodies it cannot parse: the decoder says why) by.
func TestCheckJSONNamesTheField(t *testing.T) {
	for body, want := range map[string]string{
		`{"entries":[{"criterion_id":1,"explanation":"ok"}],"reason":"a\u0000"}`: "reason",
		`{"entries":[{"criterion_id":1},{"evidence":"\u0000"}],"reason":"ok"}`:   "evidence",
		`{"a":{"b":{"c":"x"}},"d":["\u0000"]}`:                                   "d",
		`{"name":"Vi` + "\xff" + `n","note":"ok"}`:                               "name",
		`{"x":1,"note":"ok","y":[1,2,{"z":"` + "\xc3" + `"}]}`:                   "z",
	} {
		e, ok := errs.As(checkJSON([]byte(body)))
		if !ok || e.Fields[want] == "" {
			t.Errorf("%s: %v, want a message on %s", body, e, want)
		}
	}
	for _, body := range []string{`{"name":"Viện kiểm sát \u0041","list":[1,{"a":null}]}`, `not json`, `{"a":`, `[]`, `"x"`} {
		if err := checkJSON([]byte(body)); err != nil {
			t.Errorf("%s: %v", body, err)
		}
	}
}

// The one-pass look at a body (plainJSON) lets by only what the token
// walk would: a string too long as read is refused, one that is long only
// as written (escapes) or whose quotes are escaped is not.
func TestCheckJSONLengths(t *testing.T) {
	long := strings.Repeat("ệ", MaxFieldLength)
	for body, refused := range map[string]bool{
		`{"reason":"` + long + `"}`:                                  false,
		`{"reason":"` + long + `a"}`:                                 true,
		`{"reason":"` + strings.Repeat(`\n`, MaxFieldLength) + `"}`:  false,
		`{"reason":"` + strings.Repeat(`\"`, MaxFieldLength) + `x"}`: true,
		`{"reason":"\\u0000"}`:                                       false,
		`{"entries":[{"evidence":"a\"\u0000"}]}`:                     true,
		`{"` + long + `x":1}`:                                        true,
	} {
		if err := checkJSON([]byte(body)); (err != nil) != refused {
			t.Errorf("%.40s…: %v, want refused %v", body, err, refused)
		}
	}
}
