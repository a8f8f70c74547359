package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"thidua/internal/app"
)

// TestNotificationPages: the header's unread count, the list, opening a
// notification (read, then to its page), marking all read; another user
// cannot read someone else's; the administrator sets the e-mail address.
func TestNotificationPages(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	thanh, err := s.store.UserByName(ctx, "canbo.thanhhoa")
	if err != nil {
		t.Fatal(err)
	}
	board, err := s.store.UserByName(ctx, "hoidong")
	if err != nil {
		t.Fatal(err)
	}

	admin := s.browser(t)
	admin.login("admin")
	if r := admin.post(fmt.Sprintf("/users/%d/email", thanh.ID), url.Values{"email": {"thanh@vks.test"}}); r.status != http.StatusSeeOther {
		t.Fatalf("set e-mail: %d %s", r.status, r.body)
	}
	tok := s.token(t, "admin")
	if st, body := s.api(t, tok, http.MethodPut, fmt.Sprintf("/users/%d/email", thanh.ID), map[string]any{"email": "sai địa chỉ"}); st != http.StatusUnprocessableEntity {
		t.Fatalf("bad e-mail: %d %v", st, body)
	}
	if r := admin.get("/users"); !strings.Contains(r.body, `value="thanh@vks.test"`) {
		t.Fatalf("the user list does not show the address")
	}

	th := s.unit(t, "VKS-THANHHOA")
	v, err := s.app.Filing(ctx, thanh.Principal(), 2026, th)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.app.ReviewFiling(ctx, board.Principal(), 2026, th, v.Filing.Version, nil, app.ReviewReturn, "Thiếu biểu thống kê"); err != nil {
		t.Fatal(err)
	}
	unread, err := s.app.UnreadNotifications(ctx, thanh.Principal())
	if err != nil || unread == 0 {
		t.Fatalf("unread %d %v", unread, err)
	}
	l, err := s.app.Notifications(ctx, thanh.Principal())
	if err != nil {
		t.Fatal(err)
	}
	id := l.Notifications[0].ID

	b := s.browser(t)
	b.login("canbo.thanhhoa")
	home := b.get("/")
	if !strings.Contains(home.body, fmt.Sprintf(`aria-label="%d thông báo chưa đọc">%d</span>`, unread, unread)) {
		t.Fatalf("the header does not show %d unread", unread)
	}
	list := b.get("/notifications")
	if list.status != http.StatusOK || !strings.Contains(list.body, "bị trả lại") || !strings.Contains(list.body, "Thiếu biểu thống kê") {
		t.Fatalf("list: %d", list.status)
	}

	other := s.browser(t)
	other.login("canbo.nghean")
	if r := other.post(fmt.Sprintf("/notifications/%d/read", id), nil); r.status != http.StatusNotFound {
		t.Fatalf("another user's notification: %d", r.status)
	}
	if r := other.get("/notifications"); strings.Contains(r.body, "Thiếu biểu thống kê") {
		t.Fatal("Nghệ An sees Thanh Hóa's notification")
	}

	r := b.post(fmt.Sprintf("/notifications/%d/read", id), url.Values{"open": {"1"}})
	if r.status != http.StatusSeeOther || r.location != "/years/2026/filing" {
		t.Fatalf("open: %d %s", r.status, r.location)
	}
	if n, _ := s.app.UnreadNotifications(ctx, thanh.Principal()); n != unread-1 {
		t.Fatalf("unread after opening: %d, want %d", n, unread-1)
	}
	if r := b.post("/notifications/read", nil); r.status != http.StatusSeeOther || r.location != "/notifications" {
		t.Fatalf("read all: %d %s", r.status, r.location)
	}
	if home := b.get("/"); strings.Contains(home.body, "thông báo chưa đọc") {
		t.Fatal("the header still counts unread notifications")
	}
	st, body := s.api(t, s.token(t, "canbo.thanhhoa"), http.MethodGet, "/notifications", nil)
	if st != http.StatusOK || body["unread"] != float64(0) {
		t.Fatalf("API list: %d %v", st, body["unread"])
	}
}
