package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"thidua/internal/seed"
)

func contains(t *testing.T, r reply, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(r.body, w) {
			t.Fatalf("response (%d) lacks %q:\n%.2000s", r.status, w, r.body)
		}
	}
}

func TestSignInAndOut(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)

	r := b.get("/units")
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/login?next=") {
		t.Fatalf("anonymous /units: %d %s", r.status, r.location)
	}
	r = b.get("/login")
	contains(t, r, "Đăng nhập", "Tên đăng nhập", "Mật khẩu", `name="_csrf"`)

	r = b.post("/login", url.Values{"username": {"admin"}, "password": {"sai-mat-khau"}})
	if r.status != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", r.status)
	}
	contains(t, r, "Tên đăng nhập hoặc mật khẩu không đúng.")
	r = b.post("/login", url.Values{"username": {"nobody"}, "password": {"sai-mat-khau"}})
	if r.status != http.StatusUnauthorized {
		t.Fatalf("unknown user: %d", r.status)
	}
	contains(t, r, "Tên đăng nhập hoặc mật khẩu không đúng.")
	r = b.post("/login", url.Values{"username": {""}, "password": {""}})
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("empty form: %d", r.status)
	}
	contains(t, r, "Vui lòng nhập tên đăng nhập.", "Vui lòng nhập mật khẩu.")

	// A session cookie planted before sign-in is not the one used after it.
	u, _ := url.Parse(s.URL)
	r = b.post("/login", url.Values{"username": {"admin"}, "password": {seed.DemoPassword}, "next": {"/units?q=hue"}})
	if r.status != http.StatusSeeOther || r.location != "/units?q=hue" {
		t.Fatalf("sign in: %d %s", r.status, r.location)
	}
	var session string
	for _, c := range b.hc.Jar.Cookies(u) {
		if c.Name == "thidua_session" {
			session = c.Value
		}
	}
	if session == "" {
		t.Fatal("no session cookie after sign-in")
	}
	contains(t, b.get("/units?q=hue"), "Viện kiểm sát nhân dân thành phố Huế")

	// Sign-out invalidates the session on the server: replaying the old cookie fails.
	if r := b.post("/logout", nil); r.status != http.StatusSeeOther {
		t.Fatalf("logout: %d", r.status)
	}
	replay := s.browser(t)
	replay.hc.Jar.SetCookies(u, []*http.Cookie{{Name: "thidua_session", Value: session}})
	if r := replay.get("/units"); r.status != http.StatusSeeOther {
		t.Fatalf("old session after sign-out: %d", r.status)
	}
}

func TestOpenRedirectRefused(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	for _, next := range []string{"//evil.example", "https://evil.example", `/\evil.example`} {
		r := b.post("/login", url.Values{"username": {"xem"}, "password": {seed.DemoPassword}, "next": {next}})
		if r.location != "/" {
			t.Errorf("next=%q redirected to %q", next, r.location)
		}
	}
}

func TestCSRFRequired(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	// Even the sign-in form needs the token.
	r := b.postRaw("/login", url.Values{"username": {"admin"}, "password": {seed.DemoPassword}})
	if r.status != http.StatusForbidden {
		t.Fatalf("login without CSRF: %d", r.status)
	}
	contains(t, r, "CSRF")
	b.login("admin")
	supreme := s.unit(t, seed.CodeSupreme)
	form := url.Values{"code": {"VKS-CSRF"}, "name": {"Giả mạo"}, "type": {"provincial"},
		"parent_id": {itoa(supreme)}, "valid_from": {"2025-07-01"}}
	r = b.postRaw("/units", form)
	if r.status != http.StatusForbidden {
		t.Fatalf("create without CSRF: %d", r.status)
	}
	form.Set("_csrf", "not-the-token")
	if r = b.postRaw("/units", form); r.status != http.StatusForbidden {
		t.Fatalf("create with a wrong CSRF token: %d", r.status)
	}
	// A cross-site request is refused by its Sec-Fetch-Site header alone.
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/units", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if r = b.do(req); r.status != http.StatusForbidden {
		t.Fatalf("cross-site post: %d", r.status)
	}
	if _, err := s.store.UnitByCode(context.Background(), "VKS-CSRF"); err == nil {
		t.Fatal("a refused request created the unit")
	}
}

func TestExpiredSession(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	b.login("admin")
	if _, err := s.store.SQL().Exec(`UPDATE sessions SET expiry = now() - interval '1 minute'`); err != nil {
		t.Fatal(err)
	}
	r := b.get("/units")
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/login") {
		t.Fatalf("expired session: %d %s", r.status, r.location)
	}
	// A write with an expired session is refused with 401, not silently done.
	r = b.post("/units", url.Values{"code": {"VKS-HET-HAN"}})
	if r.status != http.StatusUnauthorized {
		t.Fatalf("post with expired session: %d", r.status)
	}
}

func TestLockedUserLosesSessionAtOnce(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	viewer := s.browser(t)
	viewer.login("xem")
	admin := s.browser(t)
	admin.login("admin")
	u, _ := s.store.UserByName(context.Background(), "xem")
	if r := admin.send(http.MethodPut, "/users/"+itoa(u.ID)+"/active", url.Values{"active": {"false"}}); r.status != http.StatusSeeOther {
		t.Fatalf("lock: %d", r.status)
	}
	if r := viewer.get("/units"); r.status != http.StatusSeeOther {
		t.Fatalf("locked user still served: %d", r.status)
	}
}

func TestChangePassword(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	b.login("canbo.nghean")
	r := b.post("/account/password", url.Values{"current": {"sai"}, "password": {"ngan"}, "confirm": {"khac"}})
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad change: %d", r.status)
	}
	contains(t, r, "Mật khẩu hiện tại không đúng.", "Mật khẩu phải có ít nhất 10 ký tự.", "Nhập lại mật khẩu mới chưa khớp.")
	r = b.post("/account/password", url.Values{"current": {seed.DemoPassword}, "password": {"mat-khau-moi-2026"}, "confirm": {"mat-khau-moi-2026"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("change: %d %.300s", r.status, r.body)
	}
	fresh := s.browser(t)
	if r := fresh.post("/login", url.Values{"username": {"canbo.nghean"}, "password": {seed.DemoPassword}}); r.status != http.StatusUnauthorized {
		t.Fatalf("old password still works: %d", r.status)
	}
	if r := fresh.post("/login", url.Values{"username": {"canbo.nghean"}, "password": {"mat-khau-moi-2026"}}); r.status != http.StatusSeeOther {
		t.Fatalf("new password refused: %d", r.status)
	}
}
