package web_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"golang.org/x/crypto/bcrypt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/seed"
	"thidua/internal/store"
	"thidua/internal/web"
)

const chromiumPath = "/usr/bin/chromium"

// TestBrowser drives the real server in headless Chromium: sign-in through
// CSRF, Vietnamese text as rendered, htmx search under the CSP, and an
// officer kept to their own unit. Screenshots go to artifacts/screenshots.
func TestBrowser(t *testing.T) {
	const (
		orgName  = "Viện kiểm sát nhân dân tối cao"
		thanhHoa = "Viện kiểm sát nhân dân tỉnh Thanh Hóa"
		ngheAn   = "Viện kiểm sát nhân dân tỉnh Nghệ An"
	)
	requireChromium(t)
	tab := newChromeTab(t, startDemoServer(t, orgName))

	// The sign-in form, with its diacritics intact.
	tab.open("/login")
	textHas(t, "login page", tab.bodyText(), "Đăng nhập", "Tên đăng nhập", "Mật khẩu")
	tab.screenshot("login.png")

	tab.signIn("admin")
	if got := strings.TrimSpace(tab.textContent(".site-header .org-name")); got != orgName {
		t.Errorf("header org name = %q, want %q", got, orgName)
	}
	// innerText applies the CSS uppercase: diacritics must survive it too.
	if got := strings.TrimSpace(tab.text(".site-header .org-name")); !strings.EqualFold(got, orgName) {
		t.Errorf("header org name as shown = %q, want %q in any case", got, orgName)
	}
	tab.screenshot("home.png")

	// A full-page search, then a click through to the unit.
	tab.open("/units?q=thanh+hoa")
	results := tab.text("#results")
	textHas(t, "search for thanh hoa", results, thanhHoa)
	textLacks(t, "search for thanh hoa", results, ngheAn)
	tab.screenshot("units.png")

	tab.follow(chromedp.Click(chromedp.Search(fmt.Sprintf(`//div[@id="results"]//a[normalize-space()=%q]`, thanhHoa)), chromedp.NodeVisible))
	textHas(t, "unit page", tab.text("main h1"), thanhHoa)
	tab.screenshot("unit-thanh-hoa.png")

	// Typing in the search box: htmx (from the embedded assets, under the
	// CSP) swaps #results in place, without loading a new document.
	tab.open("/units?q=thanh+hoa")
	if kind := tab.evalString(`typeof htmx`); kind != "object" {
		t.Fatalf("htmx is not loaded: typeof htmx = %q", kind)
	}
	tab.do(
		chromedp.Evaluate[chromedp.Void](`window.sameDocument = true`),
		chromedp.Clear(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "nghe an"),
	)
	tab.waitFor("#results to list Nghệ An instead of Thanh Hóa",
		`(want, gone) => { const r = document.querySelector('#results').innerText; return r.includes(want) && !r.includes(gone); }`,
		ngheAn, thanhHoa)
	if !tab.evalBool(`window.sameDocument === true`) {
		t.Error("the search loaded a new page; want htmx to swap #results in place")
	}
	if loc := tab.location(); !strings.Contains(loc, "q=nghe") {
		t.Errorf("after the htmx search the address is %s; want hx-push-url to put q=nghe an in it", loc)
	}
	tab.screenshot("units-search.png")
	// Leave while #q still has focus: its blur fires "change", which starts
	// another htmx search whose pushState could race the sign-out below.
	tab.open("/")

	// The same list on a phone, in a second tab of the same session: the
	// emulation stays in that tab (ResetViewport does not undo EmulateMobile).
	phone := tab.newTab()
	phone.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	phone.open("/units")
	phone.screenshot("units-phone.png")

	// Sign out with the nav's form, then a unit officer sees only their unit.
	tab.follow(chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type=submit]`), chromedp.NodeVisible))
	textHas(t, "after sign-out", tab.bodyText(), "Anh/chị đã đăng xuất.")
	tab.signIn("canbo.thanhhoa")
	tab.open("/units")
	results = tab.text("#results")
	textHas(t, "officer's units", results, thanhHoa)
	textLacks(t, "officer's units", results, ngheAn)
	tab.screenshot("officer-units.png")
}

// requireChromium skips when there is no browser, except on CI, where a
// missing browser must not turn the test silently green.
func requireChromium(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but Chromium is missing: %v", err)
		}
		t.Skipf("no Chromium at %s: %v", chromiumPath, err)
	}
}

// startDemoServer serves the app on the demo data and returns its base URL.
func startDemoServer(t *testing.T, orgName string) string {
	t.Helper()
	return serveDemo(t, orgName, nil)
}

// serveDemo is startDemoServer with a hook that adjusts the app (its clock)
// after the demo is loaded and before the server starts; the hook gets
// the test's own handle on the database too.
func serveDemo(t *testing.T, orgName string, setup func(*app.App, *store.Store)) string {
	t.Helper()
	h := auth.Hasher{Cost: bcrypt.MinCost}
	s := demoStore(t, h)
	a := app.New(s, h, app.FixedClock(seed.FixtureClock))
	if setup != nil {
		setup(a, s)
	}
	srv, err := web.New(a, web.Options{OrgName: orgName, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts.URL
}

// chromeTab is one browser tab on the test server; its methods fail the
// test on any error.
type chromeTab struct {
	t        *testing.T
	ctx      context.Context
	base     string // the server's URL
	shots    string // where screenshots go
	problems *pageProblems
}

// newChromeTab starts Chromium on a fresh profile, with nothing that talks
// to the internet, and opens a tab bound to the whole test's timeout.
func newChromeTab(t *testing.T, base string) *chromeTab {
	t.Helper()
	return newChromeTabFor(t, base, 60*time.Second)
}

// newChromeTabFor is newChromeTab for a test that needs longer than a minute.
func newChromeTabFor(t *testing.T, base string, limit time.Duration) *chromeTab {
	t.Helper()
	// The test runs in internal/web; artifacts/ is at the repository root.
	shots := filepath.Join("..", "..", "artifacts", "screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancel := context.WithTimeout(t.Context(), limit)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	p := &pageProblems{}
	t.Cleanup(p.report(t))
	return (&chromeTab{t: t, ctx: ctx, base: base, shots: shots, problems: p}).newTab()
}

// newTab opens another tab in the same browser, so with the same cookies.
// The first tab starts the browser, so a launch failure shows as such.
func (c *chromeTab) newTab() *chromeTab {
	c.t.Helper()
	// WithListener sees the tab's events from its first command on.
	ctx, cancel := chromedp.NewContext(c.ctx, chromedp.WithListener(c.problems.listen))
	c.t.Cleanup(cancel)
	n := *c
	n.ctx = ctx
	n.do()
	return &n
}

func (c *chromeTab) do(steps ...chromedp.Action[chromedp.Void]) {
	c.t.Helper()
	if err := chromedp.Do(c.ctx, steps...); err != nil {
		c.t.Fatal(err)
	}
}

// open loads a page and requires a 200: an error page would otherwise pass
// for a page that merely lacks the expected text.
func (c *chromeTab) open(path string) {
	c.t.Helper()
	resp, err := chromedp.Run(c.ctx, chromedp.NavigateResponse(c.base+path))
	if err != nil {
		c.t.Fatalf("GET %s: %v", path, err)
	}
	if resp.Status != 200 {
		c.t.Fatalf("GET %s: status %d %s", path, resp.Status, resp.StatusText)
	}
}

// follow runs a click that loads a page (a link, a submit button) and waits
// for it; after a redirect it checks the final page.
func (c *chromeTab) follow(click chromedp.Action[chromedp.Void]) {
	c.t.Helper()
	c.followStatus(click, 200)
}

// followStatus is follow for a page that must answer with status want, such
// as 422 for a form sent back with its mistakes marked.
func (c *chromeTab) followStatus(click chromedp.Action[chromedp.Void], want int64) {
	c.t.Helper()
	resp, err := chromedp.RunResponse(c.ctx, click)
	switch {
	case err != nil:
		c.t.Fatalf("click: %v", err)
	case resp == nil: // a pushState (htmx) ended the wait, not a page load
		c.t.Fatalf("click: no page load, still at %s", c.location())
	case resp.Status != want:
		c.t.Fatalf("click: landed on %s with status %d %s", resp.URL, resp.Status, resp.StatusText)
	}
}

// signIn fills the sign-in form like a person would. The POST goes through
// the CSRF check (Chromium sends Sec-Fetch-Site) and must land on the home
// page.
func (c *chromeTab) signIn(username string) {
	c.t.Helper()
	c.do(
		chromedp.SendKeys(chromedp.ID("username"), username),
		chromedp.SendKeys(chromedp.ID("password"), seed.DemoPassword),
	)
	c.follow(chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`), chromedp.NodeVisible))
	loc := c.location()
	if u, err := url.Parse(loc); err != nil || u.Path != "/" {
		c.t.Fatalf("after signing in as %s: at %s, want the home page; page says:\n%s", username, loc, c.bodyText())
	}
}

// text is the innerText of the first match of a CSS selector: what a
// person reads, after CSS.
func (c *chromeTab) text(css string) string {
	c.t.Helper()
	return runIn(c, chromedp.Text(chromedp.CSS(css)))
}

// textContent is the element's text as the server wrote it, before CSS.
func (c *chromeTab) textContent(css string) string {
	c.t.Helper()
	return runIn(c, chromedp.TextContent(chromedp.CSS(css)))
}

func (c *chromeTab) bodyText() string {
	c.t.Helper()
	return c.evalString(`document.body.innerText`)
}

func (c *chromeTab) location() string {
	c.t.Helper()
	return runIn(c, chromedp.Location())
}

func (c *chromeTab) evalString(expr string) string {
	c.t.Helper()
	return runIn(c, chromedp.Evaluate[string](expr))
}

func (c *chromeTab) evalBool(expr string) bool {
	c.t.Helper()
	return runIn(c, chromedp.Evaluate[bool](expr))
}

// waitFor polls a JavaScript function until it returns true; args reach it
// as values, so no Vietnamese text needs quoting into the script.
func (c *chromeTab) waitFor(what, fn string, args ...any) {
	c.t.Helper()
	_, err := chromedp.Run(c.ctx, chromedp.PollFunction[chromedp.Void](fn,
		chromedp.WithPollingArgs(args...), chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		c.t.Fatalf("waiting for %s: %v; page says:\n%s", what, err, c.bodyText())
	}
}

// screenshot saves the whole page, not just the viewport, as a PNG.
func (c *chromeTab) screenshot(name string) {
	c.t.Helper()
	png := runIn(c, chromedp.FullScreenshot(100))
	if err := os.WriteFile(filepath.Join(c.shots, name), png, 0o644); err != nil {
		c.t.Fatal(err)
	}
}

// runIn runs one action in the tab and returns its value (a function, as
// methods cannot have type parameters).
func runIn[T any](c *chromeTab, a chromedp.Action[T]) T {
	c.t.Helper()
	v, err := chromedp.Run(c.ctx, a)
	if err != nil {
		c.t.Fatal(err)
	}
	return v
}

// pageProblems collects what a person would see as broken in DevTools:
// uncaught exceptions, console.error, and error entries of the browser log,
// which is where Chromium reports CSP violations and failed loads.
type pageProblems struct {
	mu   sync.Mutex
	msgs []string
}

// listen runs in a tab's event loop: it must return fast and run no command.
func (p *pageProblems) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg = "exception: " + d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		msg += fmt.Sprintf(" (%s:%d)", d.URL, d.LineNumber+1)
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError {
			return
		}
		var args []string
		for _, a := range ev.Args {
			args = append(args, a.Description+string(a.Value))
		}
		msg = "console.error: " + strings.Join(args, " ")
	case *log.EventEntryAdded:
		e := ev.Entry
		// Browsers ask for /favicon.ico on their own; the app has none. A 422
		// is a form shown again with its mistakes, which followStatus checks.
		if e.Level != log.EntryLevelError || strings.HasSuffix(e.URL, "/favicon.ico") ||
			e.Source == log.EntrySourceNetwork && strings.Contains(e.Text, "status of 422") {
			return
		}
		msg = fmt.Sprintf("log (%s): %s [%s]", e.Source, e.Text, e.URL)
	default:
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.msgs = append(p.msgs, msg)
}

// report returns a cleanup that fails the test for every problem seen; as a
// cleanup it also runs after an earlier t.Fatal, which helps explain it.
func (p *pageProblems) report(t *testing.T) func() {
	return func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, m := range p.msgs {
			t.Errorf("browser reported: %s", m)
		}
	}
}

func textHas(t *testing.T, where, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s: missing %q in:\n%s", where, w, text)
		}
	}
}

func textLacks(t *testing.T, where, text, unwanted string) {
	t.Helper()
	if strings.Contains(text, unwanted) {
		t.Errorf("%s: %q should not be there:\n%s", where, unwanted, text)
	}
}
