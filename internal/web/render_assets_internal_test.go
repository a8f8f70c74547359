package web

import (
	"bytes"
	"fmt"
	"testing"

	"thidua/internal/auth"
	"thidua/templates"
)

// Pages whose asset addresses are written in at start-up are the pages
// the asset calls wrote: the same bytes for the layout and for a page
// with a script of its own.
func TestAssetsWrittenInAsCalled(t *testing.T) {
	r, err := newRenderer()
	if err != nil {
		t.Fatal(err)
	}
	assets, err := assetVersions()
	if err != nil {
		t.Fatal(err)
	}
	funcs := map[string]any{"asset": func(name string) (string, error) {
		v, ok := assets[name]
		if !ok {
			return "", fmt.Errorf("no asset %q", name)
		}
		return "/static/" + name + "?v=" + v, nil
	}}
	for _, c := range []struct {
		page string
		data any
	}{
		{"account_password", Page{Title: "Đổi mật khẩu", OrgName: "VKSND", User: auth.Principal{UserID: 1, Role: auth.RoleAdmin, FullName: "Quản trị"}, CSRF: "tok"}},
		{"login", Page{Title: "Đăng nhập", CSRF: "tok"}},
	} {
		called, err := r.pages[c.page].Clone()
		if err != nil {
			t.Fatal(err)
		}
		var got, want bytes.Buffer
		if err := r.Render(&got, c.page, c.data, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := called.Funcs(funcs).ParseFS(templates.FS, "layout.html"); err != nil {
			t.Fatal(err)
		}
		if err := called.ExecuteTemplate(&want, "layout", c.data); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() || !bytes.Contains(got.Bytes(), []byte(`href="/static/app.css?v=`)) {
			t.Errorf("%s: written-in assets differ from called ones:\n%s\n---\n%s", c.page, got.String(), want.String())
		}
	}
	if _, err := withAssets(`<script src="{{asset "nowhere.js"}}"></script>`, assets); err == nil {
		t.Error("an unknown asset was written in")
	}
}
