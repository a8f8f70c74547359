package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"thidua/internal/seed"
)

func TestUnitPagesRefusals(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))
	na := s.unit(t, seed.ProvinceCode("Nghệ An"))
	officer := s.browser(t)
	officer.login("canbo.thanhhoa")
	viewer := s.browser(t)
	viewer.login("xem")

	edit := url.Values{"code": {seed.ProvinceCode("Nghệ An")}, "name": {"Bị sửa trái phép"}, "type": {"provincial"},
		"parent_id": {itoa(s.unit(t, seed.CodeSupreme))}, "valid_from": {"2008-08-01"}, "version": {"1"}}
	for _, c := range []struct {
		name   string
		r      reply
		status int
		text   string
	}{
		{"officer opens own unit", officer.get("/units/" + itoa(th)), 200, "Viện kiểm sát nhân dân tỉnh Thanh Hóa"},
		{"officer opens another unit", officer.get("/units/" + itoa(na)), 403, "chỉ được xem thông tin của đơn vị mình"},
		{"officer opens another unit's edit page", officer.get("/units/" + itoa(na) + "/edit"), 403, "Chỉ Hội đồng"},
		{"officer opens own unit's edit page", officer.get("/units/" + itoa(th) + "/edit"), 403, "Chỉ Hội đồng"},
		{"officer posts to another unit", officer.post("/units/"+itoa(na), edit), 403, "Chỉ Hội đồng"},
		{"officer posts a retirement", officer.post("/units/"+itoa(na)+"/retire", url.Values{"valid_to": {"2030-01-01"}, "reason": {"x"}}), 403, ""},
		{"viewer creates a unit", viewer.post("/units", edit), 403, "Chỉ Hội đồng"},
		{"viewer opens the new-unit form", viewer.get("/units/new"), 403, ""},
		{"viewer records lineage", viewer.post("/units/"+itoa(na)+"/lineage", url.Values{"predecessor_id": {itoa(th)}, "kind": {"split"}}), 403, ""},
		{"viewer creates a user", viewer.post("/users", url.Values{"username": {"hacker"}}), 403, "Chỉ quản trị"},
		{"viewer opens users", viewer.get("/users"), 403, ""},
		{"missing unit", viewer.get("/units/999999"), 404, "Không tìm thấy đơn vị."},
		{"non-numeric id", viewer.get("/units/abc"), 404, ""},
		{"unknown page", viewer.get("/khong-co"), 404, "Không tìm thấy trang yêu cầu."},
	} {
		if c.r.status != c.status {
			t.Errorf("%s: status %d, want %d", c.name, c.r.status, c.status)
			continue
		}
		if c.text != "" && !strings.Contains(c.r.body, c.text) {
			t.Errorf("%s: body lacks %q", c.name, c.text)
		}
	}
	if got := s.unitName(t, na); got != "Viện kiểm sát nhân dân tỉnh Nghệ An" {
		t.Fatalf("a refused post changed the unit: %q", got)
	}
	if _, err := s.store.UserByName(context.Background(), "hacker"); err == nil {
		t.Fatal("a refused post created a user")
	}
}

func TestUnitFormValidationNamesFields(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	b.login("hoidong")
	supreme := itoa(s.unit(t, seed.CodeSupreme))

	r := b.post("/units", url.Values{"code": {seed.ProvinceCode("Thanh Hóa")}, "name": {""}, "type": {"provincial"},
		"parent_id": {supreme}, "valid_from": {"01/07/2025"}, "valid_to": {"30/06/2025"}})
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", r.status)
	}
	contains(t, r, "Vui lòng nhập tên đơn vị.", "đã được dùng cho Viện kiểm sát nhân dân tỉnh Thanh Hóa", "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu")
	contains(t, r, `value="VKS-THANHHOA"`) // the form keeps what was typed

	r = b.post("/units", url.Values{"code": {"VKS-MOI"}, "name": {"Đơn vị mới"}, "type": {"provincial"},
		"parent_id": {supreme}, "valid_from": {"31/02/2025"}})
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad date: %d", r.status)
	}
	contains(t, r, "không đúng định dạng ngày")

	// A correct form creates the unit, redirects, and shows a message once.
	r = b.post("/units", url.Values{"code": {"vks-moi"}, "name": {"Viện kiểm sát nhân dân tỉnh Mới"}, "type": {"provincial"},
		"parent_id": {supreme}, "valid_from": {"01/07/2025"}})
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/units/") {
		t.Fatalf("create: %d %s", r.status, r.location)
	}
	page := b.get(r.location)
	contains(t, page, "Đã thêm đơn vị Viện kiểm sát nhân dân tỉnh Mới.", "VKS-MOI", "01/07/2025")
	if strings.Contains(b.get(r.location).body, "Đã thêm đơn vị") {
		t.Fatal("the flash message shows twice")
	}

	// A cycle through the parent is refused on the field.
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))
	dept := s.unit(t, seed.ProvinceCode("Thanh Hóa")+"-P1")
	r = b.post("/units/"+itoa(th), url.Values{"code": {seed.ProvinceCode("Thanh Hóa")}, "name": {"Viện kiểm sát nhân dân tỉnh Thanh Hóa"},
		"type": {"department"}, "parent_id": {itoa(dept)}, "valid_from": {"2008-08-01"}, "version": {"1"}})
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("cycle: %d", r.status)
	}
	contains(t, r, "đơn vị cấp dưới của chính đơn vị này")
}

func TestUnitEditConflictShowsNewerValues(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	first, second := s.browser(t), s.browser(t)
	first.login("hoidong")
	second.login("admin")
	id := s.unit(t, seed.ProvinceCode("Cao Bằng"))
	form := func(name string) url.Values {
		return url.Values{"code": {seed.ProvinceCode("Cao Bằng")}, "name": {name}, "type": {"provincial"},
			"parent_id": {itoa(s.unit(t, seed.CodeSupreme))}, "valid_from": {"2008-08-01"}, "version": {"1"}}
	}
	if r := first.post("/units/"+itoa(id), form("VKSND tỉnh Cao Bằng (sửa lần 1)")); r.status != http.StatusSeeOther {
		t.Fatalf("first edit: %d %.500s", r.status, r.body)
	}
	r := second.post("/units/"+itoa(id), form("VKSND tỉnh Cao Bằng (sửa lần 2)"))
	if r.status != http.StatusConflict {
		t.Fatalf("second edit on the stale version: %d", r.status)
	}
	contains(t, r, "vừa được người khác cập nhật", "VKSND tỉnh Cao Bằng (sửa lần 1)", `name="version" value="2"`)
	if got := s.unitName(t, id); got != "VKSND tỉnh Cao Bằng (sửa lần 1)" {
		t.Fatalf("lost update: %q", got)
	}
}

func TestUnitListSearchAndOfficerScope(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	b.login("xem")
	r := b.get("/units?q=" + url.QueryEscape("thanh hoa"))
	contains(t, r, "Viện kiểm sát nhân dân tỉnh Thanh Hóa")
	// SQL and LIKE metacharacters are just text.
	for _, q := range []string{"'; DROP TABLE units; --", "%", "_", `\`} {
		if r := b.get("/units?q=" + url.QueryEscape(q)); r.status != 200 || !strings.Contains(r.body, "Tìm thấy 0 đơn vị.") {
			t.Errorf("q=%q: %d", q, r.status)
		}
	}
	// htmx asks for the results only.
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/units?q=nghe+an", nil)
	req.Header.Set("HX-Request", "true")
	r = b.do(req)
	if strings.Contains(r.body, "<html") || !strings.Contains(r.body, "Viện kiểm sát nhân dân tỉnh Nghệ An") {
		t.Fatalf("htmx partial: %.300s", r.body)
	}
	// Units that ended show on the day they existed.
	r = b.get("/units?type=provincial&on=2025-06-30")
	contains(t, r, "Tìm thấy 63 đơn vị.")
	r = b.get("/units?type=provincial&on=2025-07-01")
	contains(t, r, "Tìm thấy 34 đơn vị.")

	officer := s.browser(t)
	officer.login("canbo.thanhhoa")
	r = officer.get("/units?status=all")
	contains(t, r, "Viện kiểm sát nhân dân tỉnh Thanh Hóa", "khu vực 1 – Thanh Hóa")
	if strings.Contains(r.body, "Nghệ An") {
		t.Fatal("an officer of Thanh Hóa sees Nghệ An")
	}
	if strings.Contains(r.body, `href="/units/new"`) || strings.Contains(r.body, `href="/users"`) {
		t.Fatal("an officer is shown links to actions they may not take")
	}
}

func TestHTMLIsEscaped(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	b.login("hoidong")
	r := b.post("/units", url.Values{"code": {"VKS-XSS"}, "name": {`<script>alert("x")</script> Đơn vị`}, "type": {"provincial"},
		"parent_id": {itoa(s.unit(t, seed.CodeSupreme))}, "valid_from": {"2025-07-01"}, "note": {`<img src=x onerror=alert(1)>`}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("create: %d", r.status)
	}
	page := b.get(r.location)
	if strings.Contains(page.body, `<script>alert`) || strings.Contains(page.body, `<img src=x`) {
		t.Fatal("user text rendered as HTML")
	}
	contains(t, page, "&lt;script&gt;")
}

func TestSecurityHeadersAndHealth(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	res, err := http.Get(s.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for h, want := range map[string]string{"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
		"Referrer-Policy": "same-origin"} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP = %q", csp)
	}
	for _, c := range res.Cookies() {
		if !c.HttpOnly {
			t.Errorf("cookie %s is readable by scripts", c.Name)
		}
	}
	res, err = http.Get(s.URL + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", res, err)
	}
	res.Body.Close()
	// Static assets are embedded and served.
	res, err = http.Get(s.URL + "/static/vendor/htmx.min.js")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("htmx asset: %v %v", res, err)
	}
	res.Body.Close()
}
