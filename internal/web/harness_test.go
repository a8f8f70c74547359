package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/dbtest"
	"thidua/internal/seed"
	"thidua/internal/store"
	"thidua/internal/web"
)

// site is the whole app on its own database with the demo data, served
// over a real listener.
type site struct {
	*httptest.Server
	app   *app.App
	store *store.Store // the test's own handle on the database, below the app
}

// demoStore is a fresh database with the demo data set, cloned from one
// seeded once per test binary.
func demoStore(t testing.TB, h auth.Hasher) *store.Store {
	t.Helper()
	return dbtest.NewSeeded(t, "demo", func(ctx context.Context, s *store.Store) error { return seed.Demo(ctx, s, h, seed.FixtureClock) })
}

func newSite(t testing.TB) *site {
	t.Helper()
	h := auth.Hasher{Cost: bcrypt.MinCost}
	s := demoStore(t, h)
	a := app.New(s, h, app.FixedClock(seed.FixtureClock))
	srv, err := web.New(a, web.Options{OrgName: "Viện kiểm sát nhân dân tối cao", Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &site{Server: ts, app: a, store: s}
}

func (s *site) unit(t testing.TB, code string) int64 {
	t.Helper()
	u, err := s.store.UnitByCode(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// browser is a cookie-keeping client that does not follow redirects, so
// tests see every 303.
type browser struct {
	t    testing.TB
	site *site
	hc   *http.Client
}

func (s *site) browser(t testing.TB) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, site: s, hc: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

type reply struct {
	status   int
	body     string
	location string
	header   http.Header
}

func (b *browser) do(req *http.Request) reply {
	b.t.Helper()
	res, err := b.hc.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return reply{status: res.StatusCode, body: string(body), location: res.Header.Get("Location"), header: res.Header}
}

func (b *browser) get(path string) reply {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.site.URL+path, nil)
	return b.do(req)
}

// follow gets path and follows the app's redirects (not to the sign-in
// form), as a browser does: for the pages' own URLs that moved to the
// ones they share with the API.
func (b *browser) follow(path string) reply {
	b.t.Helper()
	r := b.get(path)
	for range 3 {
		if r.status != http.StatusSeeOther || strings.HasPrefix(r.location, "/login") {
			break
		}
		r = b.get(r.location)
	}
	return r
}

// csrf returns the double-submit token from the cookie, fetching a page
// first if there is none yet.
func (b *browser) csrf() string {
	b.t.Helper()
	u, _ := url.Parse(b.site.URL)
	for range 2 {
		for _, c := range b.hc.Jar.Cookies(u) {
			if c.Name == "thidua_csrf" {
				return c.Value
			}
		}
		b.get("/login")
	}
	b.t.Fatal("no CSRF cookie")
	return ""
}

// post submits a form with the CSRF token, as the page's form would.
func (b *browser) post(path string, form url.Values) reply {
	b.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("_csrf", b.csrf())
	return b.postRaw(path, form)
}

// send submits a form as a page does for the API's PUT or DELETE on the
// same URL: a POST with ?_method=.
func (b *browser) send(method, path string, form url.Values) reply {
	b.t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return b.post(path+sep+"_method="+method, form)
}

// postRaw submits exactly the given form (no token added).
func (b *browser) postRaw(path string, form url.Values) reply {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.site.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

func (b *browser) login(username string) {
	b.t.Helper()
	r := b.post("/login", url.Values{"username": {username}, "password": {seed.DemoPassword}})
	if r.status != http.StatusSeeOther || r.location != "/" {
		b.t.Fatalf("login %s: %d %s", username, r.status, r.location)
	}
}

// api calls the JSON API with a bearer token.
func (s *site) api(t testing.TB, token, method, path string, body any) (int, map[string]any) {
	t.Helper()
	raw := ""
	if body != nil {
		b, _ := json.Marshal(body)
		raw = string(b)
	}
	return s.apiRaw(t, token, method, path, raw)
}

// apiRaw calls the JSON API with exactly the given body bytes ("": none).
func (s *site) apiRaw(t testing.TB, token, method, path, body string) (int, map[string]any) {
	t.Helper()
	st, _, out := s.apiWith(t, token, method, path, body, nil)
	return st, out
}

// apiWith is apiRaw with more request headers, answering the reply's
// headers too.
func (s *site) apiWith(t testing.TB, token, method, path, body string, header http.Header) (int, http.Header, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, s.URL+"/api/v1"+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, res.Header, out
}

func (s *site) token(t testing.TB, username string) string {
	t.Helper()
	tok, err := s.app.CreateToken(context.Background(), auth.System, username, "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func (s *site) unitName(t *testing.T, id int64) string {
	t.Helper()
	u, err := s.store.Unit(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return u.Name
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// recruited2018 is a recruitment date on record: without one the rules
// answer "chưa đủ thông tin".
var recruited2018 = time.Date(2018, 3, 1, 0, 0, 0, 0, time.UTC)
