package web

import (
	"html/template"
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
