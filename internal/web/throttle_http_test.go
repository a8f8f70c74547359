package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"thidua/internal/seed"
	"thidua/internal/web"
)

// behindProxy is the site's app served as behind a reverse proxy, so
// each request can say its client address (X-Forwarded-For).
func behindProxy(t *testing.T, s *site) *site {
	t.Helper()
	srv, err := web.New(s.app, web.Options{OrgName: "Viện kiểm sát nhân dân tối cao", TrustProxy: true, Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &site{Server: ts, app: s.app, store: s.store}
}

// from posts a form as a client at ip.
func (b *browser) from(ip, path string, form url.Values) reply {
	b.t.Helper()
	form.Set("_csrf", b.csrf())
	req, _ := http.NewRequest(http.MethodPost, b.site.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", ip)
	return b.do(req)
}

// TestSignInThrottleHasNoLockOut: the attack (five wrong passwords
// for the administrator's name used to lock it for 15 minutes from
// everywhere) now slows the attacker's address only; the real user signs
// in from theirs; the administrator sees it and clears it.
func TestSignInThrottleHasNoLockOut(t *testing.T) {
	t.Parallel()
	s := behindProxy(t, newSite(t))
	setToday(s, 2026, 12, 15)
	attacker := s.browser(t)
	var r reply
	for i := range 6 {
		r = attacker.from("203.0.113.9", "/login", url.Values{"username": {"admin"}, "password": {"sai-mat-khau-" + itoa(int64(i))}})
	}
	if r.status != http.StatusTooManyRequests || !strings.Contains(r.body, "vui lòng chờ") {
		t.Fatalf("the guesser is not slowed: %d", r.status)
	}
	owner := s.browser(t)
	if r := owner.from("198.51.100.7", "/login", url.Values{"username": {"admin"}, "password": {seed.DemoPassword}}); r.status != http.StatusSeeOther {
		t.Fatalf("the real administrator is locked out: %d", r.status)
	}
	list := owner.get("/login-throttle")
	if list.status != http.StatusOK || !strings.Contains(list.body, "203.0.113.9") {
		t.Fatalf("the administrator does not see the guesser: %d", list.status)
	}
	if r := owner.from("198.51.100.7", "/login-throttle/clear", url.Values{"ip": {"203.0.113.9"}}); r.status != http.StatusSeeOther {
		t.Fatalf("clear: %d %.300s", r.status, r.body)
	}
	if r := attacker.from("203.0.113.9", "/login", url.Values{"username": {"admin"}, "password": {"sai-nua"}}); r.status != http.StatusUnauthorized {
		t.Errorf("after clearing, the next attempt is judged again: %d", r.status)
	}
	st, out := s.api(t, s.token(t, "admin"), http.MethodGet, "/login-throttle", nil)
	if st != http.StatusOK || len(asList(out["throttled"])) != 1 {
		t.Errorf("API list: %d %v", st, out)
	}
}

// TestPasswordChangeThrottled: seven wrong current passwords used to get
// seven 422s and leave no trace; now they are recorded, the guesser is
// slowed like a sign-in, and the administrator sees them.
func TestPasswordChangeThrottled(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	setToday(s, 2026, 12, 15)
	b := s.browser(t)
	b.login("canbo.nghean")
	var statuses []int
	for i := range 7 {
		r := b.post("/account/password", url.Values{"current": {"doan-" + itoa(int64(i))}, "password": {"mat-khau-moi-2026"}, "confirm": {"mat-khau-moi-2026"}})
		statuses = append(statuses, r.status)
	}
	if statuses[0] != http.StatusUnprocessableEntity || statuses[6] != http.StatusTooManyRequests {
		t.Fatalf("statuses %v", statuses)
	}
	admin := s.browser(t)
	admin.login("admin")
	if r := admin.get("/login-throttle"); !strings.Contains(r.body, "khi đổi mật khẩu") || !strings.Contains(r.body, "canbo.nghean") {
		t.Errorf("the guesses are not shown to the administrator: %d", r.status)
	}
}
