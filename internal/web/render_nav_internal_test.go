package web

import (
	"html/template"
	"regexp"
	"strings"
	"testing"

	"thidua/internal/auth"
)

// oldNavItems are the navigation's items as the template wrote them before
// NavLinks: for every role and every current item, NavLinks writes the
// same HTML (but for whitespace).
const oldNavItems = `
        <li class="nav-item"><a class="nav-link{{if eq .Nav "home"}} active{{end}}"{{if eq .Nav "home"}} aria-current="page"{{end}} href="/">Trang chủ</a></li>
        {{if .Can "units.view"}}<li class="nav-item"><a class="nav-link{{if eq .Nav "units"}} active{{end}}"{{if eq .Nav "units"}} aria-current="page"{{end}} href="/units">{{if .WorksForUnit}}Đơn vị của tôi{{else}}Danh mục đơn vị{{end}}</a></li>{{end}}
        <li class="nav-item"><a class="nav-link{{if eq .Nav "clusters"}} active{{end}}"{{if eq .Nav "clusters"}} aria-current="page"{{end}} href="/years">Cụm thi đua, giao ước</a></li>
        <li class="nav-item"><a class="nav-link{{if eq .Nav "scoring"}} active{{end}}"{{if eq .Nav "scoring"}} aria-current="page"{{end}} href="/scoring">Chấm điểm, xếp hạng</a></li>
        {{if .Can "units.view"}}<li class="nav-item"><a class="nav-link{{if eq .Nav "people"}} active{{end}}"{{if eq .Nav "people"}} aria-current="page"{{end}} href="/people">Cán bộ</a></li>{{end}}
        {{if .Can "units.view"}}<li class="nav-item"><a class="nav-link{{if eq .Nav "proposals"}} active{{end}}"{{if eq .Nav "proposals"}} aria-current="page"{{end}} href="/proposals">Khen thưởng</a></li>{{end}}
        <li class="nav-item"><a class="nav-link{{if eq .Nav "councils"}} active{{end}}"{{if eq .Nav "councils"}} aria-current="page"{{end}} href="/councils">Hội đồng</a></li>
        {{if .Can "users.manage"}}<li class="nav-item"><a class="nav-link{{if eq .Nav "users"}} active{{end}}"{{if eq .Nav "users"}} aria-current="page"{{end}} href="/users">Tài khoản</a></li>{{end}}
`

func TestNavLinksAsTheTemplateWroteThem(t *testing.T) {
	old := template.Must(template.New("items").Parse(oldNavItems))
	space := regexp.MustCompile(`\s+`)
	navs := []string{"", "other"}
	for _, l := range navLinks {
		navs = append(navs, l.nav)
	}
	seen := map[string]bool{}
	for _, role := range auth.Roles {
		for _, unit := range []int64{0, 7} {
			for _, nav := range navs {
				p := Page{User: auth.Principal{UserID: 1, Role: role, UnitID: unit, BoardOf: unit}, Nav: nav}
				var want strings.Builder
				if err := old.ExecuteTemplate(&want, "items", p); err != nil {
					t.Fatal(err)
				}
				got, wantS := space.ReplaceAllString(string(p.NavLinks()), " "), space.ReplaceAllString(want.String(), " ")
				if strings.TrimSpace(got) != strings.TrimSpace(wantS) {
					t.Errorf("%s unit %d nav %q:\n got %s\nwant %s", role, unit, nav, got, wantS)
				}
				seen[got] = true
			}
		}
	}
	if len(seen) < 2*len(navs) { // the roles do see different menus
		t.Errorf("only %d different menus", len(seen))
	}
}
