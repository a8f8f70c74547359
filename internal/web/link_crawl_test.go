package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// hrefRE finds the target of every anchor on a page. Buttons and forms are
// not followed: a link is an offer to open a page, a form is an action.
var hrefRE = regexp.MustCompile(`<a\b[^>]*?\bhref="([^"]*)"`)

// crawlLimit bounds each role's walk. The demo's pages reachable by links
// number about 1,300 for the board, so every role's walk is complete.
const crawlLimit = 2000

// TestLinksOfferOnlyOpenablePages walks, for each demo account, every
// same-site link (and redirect) from the home page breadth-first and fails
// on any page that answers other than 200 or a redirect — 403, 404 and 500
// above all: no page may offer a link its reader may not open.
func TestLinksOfferOnlyOpenablePages(t *testing.T) {
	s := newSite(t)
	for _, user := range []string{"canbo.thanhhoa", "canbo.nghean", "hoidong", "xem", "admin"} {
		t.Run(user, func(t *testing.T) {
			b := s.browser(t)
			b.login(user)
			seen := map[string]string{"/": "(home)"}
			queue := []string{"/"}
			var bad []string
			visited := 0
			statuses := map[int]int{}
			for len(queue) > 0 && visited < crawlLimit {
				path := queue[0]
				queue = queue[1:]
				visited++
				r := b.get(path)
				statuses[r.status]++
				switch {
				case r.status == http.StatusForbidden || r.status == http.StatusNotFound || r.status >= 500:
					bad = append(bad, r.statusLine(path, seen[path]))
					continue
				case r.status == http.StatusSeeOther || r.status == http.StatusFound:
					// A redirect is walked like a link from the page that offered it.
					if next, ok := sameSite(path, r.location); ok {
						if _, done := seen[next]; !done {
							seen[next] = path
							queue = append(queue, next)
						}
					}
					continue
				case r.status != http.StatusOK:
					bad = append(bad, r.statusLine(path, seen[path]))
					continue
				}
				if !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
					continue
				}
				for _, m := range hrefRE.FindAllStringSubmatch(r.body, -1) {
					next, ok := sameSite(path, html.UnescapeString(m[1]))
					if !ok {
						continue
					}
					if _, done := seen[next]; !done {
						seen[next] = path
						queue = append(queue, next)
					}
				}
			}
			sort.Strings(bad)
			for _, line := range bad {
				t.Error(line)
			}
			t.Logf("%s: %d pages visited (by status %v), %d links still queued", user, visited, statuses, len(queue))
		})
	}
}

func (r reply) statusLine(path, from string) string {
	return http.StatusText(r.status) + ": " + path + " (linked from " + from + ")"
}

// sameSite resolves href against the page it is on and says whether it is a
// page of this site worth following (not a static asset, logout or anchor).
func sameSite(from, href string) (string, bool) {
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(href, "mailto:") || strings.HasPrefix(href, "javascript:") {
		return "", false
	}
	base, _ := url.Parse(from)
	u, err := url.Parse(href)
	if err != nil {
		return "", false
	}
	u = base.ResolveReference(u)
	if u.Host != "" || u.Scheme != "" {
		return "", false
	}
	if strings.HasPrefix(u.Path, "/static/") || u.Path == "/logout" {
		return "", false
	}
	u.Fragment = ""
	return u.RequestURI(), true
}
