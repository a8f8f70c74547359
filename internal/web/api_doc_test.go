package web_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// docEndpoints reads docs/api.md's endpoints: the sections headed
// "## METHOD /path" and the Contents' links "[METHOD /path](#…)".
func docEndpoints(t *testing.T) (sections, contents []string) {
	t.Helper()
	b, err := os.ReadFile("../../docs/api.md")
	if err != nil {
		t.Fatal(err)
	}
	heading := regexp.MustCompile(`(?m)^#{2,4} (GET|POST|PUT|DELETE|PATCH) (/\S*)\s*$`)
	for _, m := range heading.FindAllStringSubmatch(string(b), -1) {
		sections = append(sections, m[1]+" "+m[2])
	}
	toc := string(b)
	if i := strings.Index(toc, "\n## Contents"); i >= 0 {
		toc = toc[i:]
		if j := strings.Index(toc[1:], "\n## "); j >= 0 {
			toc = toc[:j+1]
		}
	}
	link := regexp.MustCompile(`\[(GET|POST|PUT|DELETE|PATCH) (/[^\]\s]*)\]\(#([^)]*)\)`)
	for _, m := range link.FindAllStringSubmatch(toc, -1) {
		contents = append(contents, m[1]+" "+m[2])
		if want := anchor(m[1] + " " + m[2]); m[3] != want {
			t.Errorf("docs/api.md's Contents links %s %s to #%s, its section is #%s", m[1], m[2], m[3], want)
		}
	}
	return sorted(sections), sorted(contents)
}

// anchor is the id GitHub gives a heading.
func anchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func sorted(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// missing returns what is in a and not in b.
func missing(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// docs/api.md cannot drift from the router: every route under /api/v1
// has its section and its line in the Contents, and every documented
// endpoint is a route.
func TestAPIDocMatchesRouter(t *testing.T) {
	t.Parallel()
	var routes []string
	for _, r := range appRoutes(t, newSite(t)) {
		method, path, _ := strings.Cut(r, " ")
		if rest, ok := strings.CutPrefix(path, "/api/v1/"); ok {
			routes = append(routes, method+" /"+rest)
		}
	}
	routes = sorted(routes)
	sections, contents := docEndpoints(t)
	if len(routes) == 0 || len(sections) == 0 {
		t.Fatalf("nothing to compare: %d routes, %d sections", len(routes), len(sections))
	}
	for _, d := range []struct {
		what string
		list []string
	}{{"section", sections}, {"line in the Contents", contents}} {
		for _, r := range missing(routes, d.list) {
			t.Errorf("the router serves %s under /api/v1; docs/api.md has no %s for it", r, d.what)
		}
		for _, r := range missing(d.list, routes) {
			t.Errorf("docs/api.md has a %s for %s, which the router does not serve under /api/v1", d.what, r)
		}
	}
}
