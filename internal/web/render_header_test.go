package web

import (
	"bytes"
	"html/template"
	"testing"

	"thidua/internal/auth"
)

// Page.Header writes, byte for byte, what the layout's header and the nav
// partial it replaced wrote from the same page, hostile values included:
// signed in or not, each role, on the notifications page or another,
// with unread notifications or none, in a unit or not.
func TestHeaderMatchesTheTemplates(t *testing.T) {
	const tmpl = `{{define "header"}}<header class="site-header">
  <div class="container-xl d-flex align-items-center gap-3 py-2">
    <div class="emblem" aria-hidden="true">★</div>
    <div class="flex-grow-1">
      <div class="org-name">{{.OrgName}}</div>
      <div class="app-name">Hệ thống quản lý thi đua, khen thưởng</div>
    </div>
    {{if not .User.Anonymous}}
    <a class="notify-link text-nowrap" href="/notifications" id="notify-link"{{if eq .Nav "notifications"}} aria-current="page"{{end}}>Thông báo{{if .Unread}} <span class="badge text-bg-danger" aria-label="{{.Unread}} thông báo chưa đọc">{{.Unread}}</span>{{end}}</a>
    <div class="text-end small d-none d-md-block">
      <div class="fw-semibold">{{.User.FullName}}</div>
      <div class="opacity-75">{{.User.Role.Label}}{{with .User.UnitName}} · {{.}}{{end}}</div>
    </div>
    {{end}}
  </div>
  {{if not .User.Anonymous}}{{template "nav" .}}{{end}}
</header>{{end}}
{{define "nav"}}
<nav class="navbar navbar-expand-xl navbar-dark main-nav" aria-label="Điều hướng chính">
  <div class="container-xl">
    <button class="navbar-toggler" type="button" data-toggle-target="#main-menu" aria-controls="main-menu" aria-expanded="false" aria-label="Mở menu">
      <span class="navbar-toggler-icon"></span>
    </button>
    <div class="collapse navbar-collapse" id="main-menu">
      <ul class="navbar-nav me-auto">
        {{.NavLinks}}
      </ul>
      <form method="post" action="/logout" class="d-flex">
        <input type="hidden" name="_csrf" value="{{.CSRF}}">
        <span class="navbar-text me-3 d-xl-none">{{.User.FullName}}</span>
        <a class="btn btn-sm btn-link link-light me-2" href="/account/password">Đổi mật khẩu</a>
        <button class="btn btn-sm btn-outline-light" type="submit">Đăng xuất</button>
      </form>
    </div>
  </div>
</nav>
{{end}}`
	tp := template.Must(template.New("").Parse(tmpl))
	hostile := []string{`<script>alert("x")</script>`, `Đắk Lắk & "Hà Nội" 'x' + 1 > 0`, "a\x00b", ""}
	roles := append([]auth.Role{""}, auth.Roles...)
	for i := range 2 * len(roles) * len(hostile) * 4 {
		s := hostile[i%len(hostile)]
		p := Page{OrgName: s, CSRF: s, Nav: []string{"notifications", "scoring", "units", ""}[i%4], Unread: int64(i % 3 * 7)}
		if role := roles[i/len(hostile)%len(roles)]; role != "" {
			p.User = auth.Principal{UserID: int64(i + 1), FullName: s, Role: role}
			if i%5 != 0 {
				p.User.UnitID, p.User.UnitName = 4, s
			}
		}
		var want bytes.Buffer
		if err := tp.ExecuteTemplate(&want, "header", p); err != nil {
			t.Fatal(err)
		}
		if got := string(p.Header()); got != want.String() {
			t.Errorf("case %d: Header wrote\n%s\nthe templates\n%s", i, got, want.String())
		}
	}
}
