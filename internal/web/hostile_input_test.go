package web_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"thidua/internal/web"
)

// TestHostileInputOnEveryWriteRoute sends what an attacker (or a broken
// client) would to every write route the router has, pages and API, as a
// role allowed to use it: a NUL character, bytes that are not UTF-8, text
// longer than the app takes and just as long as it takes, numbers beyond
// any column (1e308, 9999999999999, NaN) and dates of year 0 and 9999, in
// every field the handlers read (found in their source) and in the query
// string. No answer may be a 500 or a 503: each is a clean refusal (or,
// for harmless values, the normal answer). GET routes get the hostile
// query strings too.
func TestHostileInputOnEveryWriteRoute(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	routes := appRoutes(t, s)
	w := newAuthzWorld(t, s)
	fill := w.placeholders()
	fields := handlerFields(t)
	// The filing, review and table forms name their inputs by criterion.
	rows, err := s.store.SQL().Query(`SELECT id FROM criteria WHERE table_id = $1`, w.table)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		_ = rows.Scan(&id)
		for _, p := range []string{"s_", "n_", "d_", "x_", "e_", "rs_", "rn_", "rd_", "rc_", "max_", "target_na_", "target_sector_"} {
			fields = append(fields, p+itoa(id))
		}
	}
	rows.Close()

	clients := map[string]*authzClient{}
	for _, r := range authzRoles {
		if r.name == "anon" || slices.Contains([]string{"admin", "board", "own", "head"}, r.name) {
			clients[r.name] = newAuthzClient(t, s, r.name, r.user)
		}
	}
	asRole := func(c authzCase) *authzClient {
		for _, role := range []string{"admin", "board", "own", "head", "anon"} {
			if e, _ := c.expect(role); e == expOK {
				return clients[role]
			}
		}
		return clients["admin"]
	}

	long := strings.Repeat("Đ", web.MaxFieldLength)
	formValues := []string{"\x00", "adm\x00in", "\xff\xfe", "a\xc3", long, long + "x", "1e308", "-1e308", "9999999999999",
		"NaN", "Inf", "0000-01-01", "31/12/9999", "9999-12-31", "-1", "1.5", "%00", "' OR 1=1 --"}
	jsonValues := []string{`"\u0000"`, "\"\xff\"", `1e308`, `-1e308`, `9999999999999`, `99999999999999999999999`, `1.5`,
		`"` + long + `"`, `"` + long + `x"`, `"0000-01-01"`, `"9999-12-31"`, `[]`, `{}`, `null`, `true`}
	queries := []string{"q=%00", "q=%FF", "year=9999999999999", "unit=1e308", "unit_id=%00", "page=9999999999999", "on=0000-01-01",
		"q=" + url.QueryEscape(long+"x")}

	var checked int
	fail := func(route, target, what string, status int, body string) {
		t.Helper()
		if status >= 500 {
			t.Errorf("%s (%s) with %s: %d %.200s", route, target, what, status, body)
		}
		checked++
	}
	for _, route := range routes {
		method, path, _ := strings.Cut(route, " ")
		tc := authzTable[route]
		if route == "POST /logout" || strings.HasPrefix(path, "/static") {
			continue
		}
		c := asRole(tc)
		api := strings.HasPrefix(path, "/api/v1/")
		fresh, _ := w.prepare(t, s, path)
		target := w.fill(t, path, fresh)
		base := fill.Replace(tc.body)
		// Path parameters out of range: a year beyond int4, an id beyond any row.
		if odd := oddPath(path, w, t); odd != "" {
			var st int
			var body string
			switch {
			case api:
				var out map[string]any
				st, out = s.apiRaw(t, c.token, method, strings.TrimPrefix(odd, "/api/v1"), jsonOr(base))
				body = strings.Join(mapKeys(out), ",")
			case method == http.MethodGet:
				r := c.b.get(odd)
				st, body = r.status, r.body
			default:
				r := c.b.post(odd, parseForm(t, base))
				st, body = r.status, r.body
			}
			fail(route, odd, "path", st, body)
		}
		if method == http.MethodGet {
			for _, q := range queries {
				r := c.b.get(target + "?" + q)
				if api {
					st, out := s.apiRaw(t, c.token, method, strings.TrimPrefix(target, "/api/v1")+"?"+q, "")
					fail(route, target, q, st, strings.Join(mapKeys(out), ","))
					continue
				}
				fail(route, target, q, r.status, r.body)
			}
			continue
		}
		for _, q := range queries[:3] {
			if api {
				st, out := s.apiRaw(t, c.token, method, strings.TrimPrefix(target, "/api/v1")+"?"+q, jsonOr(base))
				fail(route, target, "query "+q, st, strings.Join(mapKeys(out), ","))
			} else {
				r := c.b.post(target+"?"+q, parseForm(t, base))
				fail(route, target, "query "+q, r.status, r.body)
			}
		}
		if api {
			for _, v := range jsonValues {
				body := hostileJSON(t, base, fields, v)
				st, out := s.apiRaw(t, c.token, method, strings.TrimPrefix(target, "/api/v1"), body)
				fail(route, target, "JSON "+short(v), st, strings.Join(mapKeys(out), ","))
				w.prepare(t, s, path)
			}
			continue
		}
		for _, v := range formValues {
			form := parseForm(t, base)
			for _, f := range fields {
				if form.Get(f) == "" {
					form.Set(f, v)
				}
			}
			b := c.b
			if route == "POST /login" {
				b = s.browser(t)
			}
			r := b.post(target, form)
			fail(route, target, "form "+short(v), r.status, r.body)
			w.prepare(t, s, path)
		}
	}
	t.Logf("%d hostile requests over %d routes, %d field names", checked, len(routes), len(fields))
}

// oddPath is path with its year parameter beyond int4 and its ids beyond
// any row, or "" when it has neither.
func oddPath(path string, w *authzWorld, t *testing.T) string {
	if !strings.Contains(path, ":") {
		return ""
	}
	segs := strings.Split(path, "/")
	for i, sg := range segs {
		switch {
		case sg == ":year":
			segs[i] = "9999999999999"
		case strings.HasPrefix(sg, ":"):
			segs[i] = "99999999999"
		case strings.HasSuffix(sg, "*"):
			segs[i] = strings.TrimSuffix(sg, "*") + "/" + w.param(t, path, "*")
		}
	}
	return strings.Join(segs, "/")
}

func short(v string) string {
	if len(v) > 20 {
		return strconv.Quote(v[:12]) + "…(" + strconv.Itoa(len(v)) + " bytes)"
	}
	return strconv.Quote(v)
}

func mapKeys(m map[string]any) []string {
	b, _ := json.Marshal(m)
	return []string{string(b)}
}

func parseForm(t *testing.T, s string) url.Values {
	v, err := url.ParseQuery(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func jsonOr(base string) string {
	if base == "" {
		return "{}"
	}
	return base
}

// hostileJSON is the route's JSON body (naming its target) with every
// other known field set to v.
func hostileJSON(t *testing.T, base string, fields []string, v string) string {
	t.Helper()
	m := map[string]json.RawMessage{}
	if base != "" {
		if err := json.Unmarshal([]byte(base), &m); err != nil {
			t.Fatalf("%s: %v", base, err)
		}
	}
	var b strings.Builder
	b.WriteString("{")
	keys := mapKeysRaw(m)
	for i, k := range keys {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(strconv.Quote(k) + ":" + string(m[k]))
	}
	for _, f := range fields {
		if _, ok := m[f]; ok {
			continue
		}
		if b.Len() > 1 {
			b.WriteString(",")
		}
		b.WriteString(strconv.Quote(f) + ":" + v)
	}
	b.WriteString("}")
	return b.String()
}

func mapKeysRaw(m map[string]json.RawMessage) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// handlerFields lists the field names the handlers read: the string
// arguments of formValue, FormValue and QueryParam calls in this
// package's source, and the json names of the request structs here and in
// internal/app.
func handlerFields(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	fset := token.NewFileSet()
	for _, dir := range []string{".", "../app"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(fset, name, src, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.CallExpr:
					var fn string
					switch f := x.Fun.(type) {
					case *ast.Ident:
						fn = f.Name
					case *ast.SelectorExpr:
						fn = f.Sel.Name
					}
					for _, a := range x.Args {
						lit, ok := a.(*ast.BasicLit)
						if ok && lit.Kind == token.STRING && slices.Contains([]string{"formValue", "FormValue", "QueryParam"}, fn) {
							if v, err := strconv.Unquote(lit.Value); err == nil && v != "" {
								seen[v] = true
							}
						}
					}
				case *ast.Field:
					if x.Tag != nil {
						tag, _ := strconv.Unquote(x.Tag.Value)
						name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
						if name != "" && name != "-" {
							seen[name] = true
						}
					}
				}
				return true
			})
		}
	}
	delete(seen, "_csrf")
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
