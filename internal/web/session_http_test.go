package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"thidua/internal/web"
)

// sessionRow is the session row as stored: xmin changes with any write
// to it, even one that writes the same values.
func sessionRow(t *testing.T, s *site) string {
	t.Helper()
	var rows []string
	if err := s.store.ScanForTest(&rows, `SELECT xmin::text || ' ' || expiry::text || ' ' || md5(data) FROM sessions`); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("want one session row, have %d", len(rows))
	}
	return rows[0]
}

// A page read neither rewrites the session row nor sends its cookie
// again (so reads could go to a replica), and costs the session's read,
// which brings its user with the header's unread count, and the page's
// own call (the password form has none).
func TestPlainGETWritesNoSessionRow(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	b.login("canbo.thanhhoa")
	before := sessionRow(t, s)
	for _, path := range []string{"/", "/units", "/notifications"} {
		if r := b.get(path); r.status != http.StatusOK || strings.Contains(strings.Join(r.header.Values("Set-Cookie"), ";"), "thidua_session") {
			t.Fatalf("GET %s: %d, Set-Cookie %q", path, r.status, r.header.Values("Set-Cookie"))
		}
	}
	if after := sessionRow(t, s); after != before {
		t.Fatalf("a GET rewrote the session row: %s → %s", before, after)
	}

	u, _ := s.store.UserByName(context.Background(), "canbo.thanhhoa")
	unread, err := s.app.UnreadNotifications(context.Background(), u.Principal())
	if err != nil || unread == 0 {
		t.Fatalf("the demo officer should have unread notifications: %d %v", unread, err)
	}
	// The session's row brings its user; a row written before it recorded
	// its user (user_id NULL) costs a statement more, and works the same.
	for _, c := range []struct {
		name string
		want int64
	}{{"the session with its user", 1}, {"the session, then its user", 2}} {
		n := s.store.Statements()
		r := b.get("/account/password")
		if got := s.store.Statements() - n; got != c.want || r.status != http.StatusOK {
			t.Errorf("the password form took %d statements (HTTP %d), want %d (%s)", got, r.status, c.want, c.name)
		}
		if want := `aria-label="` + strconv.FormatInt(unread, 10) + ` thông báo chưa đọc"`; !strings.Contains(r.body, want) {
			t.Errorf("the header does not show %d unread: %.400s", unread, r.body)
		}
		if _, err := s.store.SQL().Exec(`UPDATE sessions SET user_id = NULL`); err != nil {
			t.Fatal(err)
		}
	}
}

// A session idle for longer than the timeout is over, though its row
// lives until the absolute deadline; one recently active goes on.
func TestIdleSessionEnds(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	// A second server on the same database reaches the same sessions.
	srv, err := web.New(s.app, web.Options{Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	b := s.browser(t)
	b.login("admin")
	// Move the recorded activity back, as time passing would.
	seen := func(ago time.Duration) {
		t.Helper()
		u, _ := url.Parse(s.URL)
		var token string
		for _, c := range b.hc.Jar.Cookies(u) {
			if c.Name == "thidua_session" {
				token = c.Value
			}
		}
		sm := srv.Sessions()
		ctx, err := sm.Load(context.Background(), token)
		if err != nil {
			t.Fatal(err)
		}
		sm.Put(ctx, "seen", time.Now().Add(-ago).Unix())
		if _, _, err := sm.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}
	seen(110 * time.Minute)
	if r := b.get("/units"); r.status != http.StatusOK {
		t.Fatalf("a session idle 110 of 120 minutes: %d %s", r.status, r.location)
	}
	seen(121 * time.Minute)
	if r := b.get("/units"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/login") {
		t.Fatalf("a session idle 121 of 120 minutes: %d %s", r.status, r.location)
	}
}
