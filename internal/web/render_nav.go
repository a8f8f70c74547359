package web

import (
	"html/template"
	"strconv"
	"strings"

	"thidua/internal/auth"
)

// navLink is one item of the main navigation: Page.Nav names the current
// one; only users allowed action (somewhere) see it.
type navLink struct {
	nav, href, label string
	action           auth.Action // "": everyone signed in
}

// navLinks are the main navigation's items, in order. The units item's
// label is the officer's own ("Đơn vị của tôi") for one who works for a unit.
var navLinks = []navLink{
	{"home", "/", "Trang chủ", ""},
	{"units", "/units", "Danh mục đơn vị", auth.ViewUnits},
	{"clusters", "/years", "Cụm thi đua, giao ước", ""},
	{"scoring", "/scoring", "Chấm điểm, xếp hạng", ""},
	{"people", "/people", "Cán bộ", auth.ViewUnits},
	{"proposals", "/proposals", "Khen thưởng", auth.ViewUnits},
	{"councils", "/councils", "Hội đồng", ""},
	{"users", "/users", "Tài khoản", auth.ManageUsers},
}

// NavLinks is the main navigation's list items for the signed-in user,
// written once per page in Go: the flags come from auth as Page.Can's do,
// and every label and address is a constant of navLinks, so nothing here
// needs escaping.
func (p Page) NavLinks() template.HTML {
	var b strings.Builder
	b.Grow(1200)
	for _, l := range navLinks {
		if l.action != "" && !p.Can(string(l.action)) {
			continue
		}
		label := l.label
		if l.nav == "units" && p.WorksForUnit() {
			label = "Đơn vị của tôi"
		}
		b.WriteString(`<li class="nav-item"><a class="nav-link`)
		if l.nav == p.Nav {
			b.WriteString(` active" aria-current="page`)
		}
		b.WriteString(`" href="`)
		b.WriteString(l.href)
		b.WriteString(`">`)
		b.WriteString(label)
		b.WriteString("</a></li>\n")
	}
	return template.HTML(b.String())
}

// Header is the page's site header: the organisation, and for a signed-in
// user the notifications link, their name and role, and the navigation
// (NavLinks, the sign-out form). Written in Go once per page: the dozen
// fields and conditions it was in the layout cost every page a dozen
// reflective calls; values are escaped as html/template escapes them.
func (p Page) Header() template.HTML {
	var w htmlLines
	w.grow(3000)
	w.raw(`<header class="site-header">
  <div class="container-xl d-flex align-items-center gap-3 py-2">
    <div class="emblem" aria-hidden="true">★</div>
    <div class="flex-grow-1">
      <div class="org-name">`)
	w.text(p.OrgName)
	w.raw(`</div>
      <div class="app-name">Hệ thống quản lý thi đua, khen thưởng</div>
    </div>
    `)
	signedIn := !p.User.Anonymous()
	if signedIn {
		w.raw(`
    <a class="notify-link text-nowrap" href="/notifications" id="notify-link"`)
		if p.Nav == "notifications" {
			w.raw(` aria-current="page"`)
		}
		w.raw(`>Thông báo`)
		if p.Unread != 0 {
			n := strconv.FormatInt(p.Unread, 10)
			w.raw(` <span class="badge text-bg-danger" aria-label="`)
			w.text(n)
			w.raw(` thông báo chưa đọc">`)
			w.text(n)
			w.raw(`</span>`)
		}
		w.raw(`</a>
    <div class="text-end small d-none d-md-block">
      <div class="fw-semibold">`)
		w.text(p.User.FullName)
		w.raw(`</div>
      <div class="opacity-75">`)
		w.text(p.User.Role.Label())
		if p.User.UnitName != "" {
			w.raw(` · `)
			w.text(p.User.UnitName)
		}
		w.raw(`</div>
    </div>
    `)
	}
	w.raw(`
  </div>
  `)
	if signedIn {
		w.raw(`
<nav class="navbar navbar-expand-xl navbar-dark main-nav" aria-label="Điều hướng chính">
  <div class="container-xl">
    <button class="navbar-toggler" type="button" data-toggle-target="#main-menu" aria-controls="main-menu" aria-expanded="false" aria-label="Mở menu">
      <span class="navbar-toggler-icon"></span>
    </button>
    <div class="collapse navbar-collapse" id="main-menu">
      <ul class="navbar-nav me-auto">
        `)
		w.raw(string(p.NavLinks()))
		w.raw(`
      </ul>
      <form method="post" action="/logout" class="d-flex">
        <input type="hidden" name="_csrf" value="`)
		w.text(p.CSRF)
		w.raw(`">
        <span class="navbar-text me-3 d-xl-none">`)
		w.text(p.User.FullName)
		w.raw(`</span>
        <a class="btn btn-sm btn-link link-light me-2" href="/account/password">Đổi mật khẩu</a>
        <button class="btn btn-sm btn-outline-light" type="submit">Đăng xuất</button>
      </form>
    </div>
  </div>
</nav>
`)
	}
	w.raw(`
</header>`)
	return w.html()
}
