package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"thidua/internal/app"
	"thidua/internal/seed"
	"thidua/internal/store"
)

// TestBrowserLayout opens the self-assessment and review pages on a laptop
// (1366 px) and a phone (390 px): nothing wider than the screen, every
// column of the review table in view on the laptop, one card per
// criterion on the phone. The admin menu fits on one line at 1366 px and
// folds behind its button at 390 px, and every link shown reads at WCAG AA
// contrast (4.5:1) against what is behind it.
func TestBrowserLayout(t *testing.T) {
	requireChromium(t)
	var st *store.Store
	base := serveDemo(t, "Viện kiểm sát nhân dân tối cao", func(_ *app.App, x *store.Store) { st = x })
	unitID := func(name string) string {
		u, err := st.UnitByCode(context.Background(), seed.ProvinceCode(name))
		if err != nil {
			t.Fatal(err)
		}
		return strconv.FormatInt(u.ID, 10)
	}
	haTinh := unitID("Hà Tĩnh")

	laptop := newChromeTabFor(t, base, 120e9)
	laptop.do(chromedp.EmulateViewport(1366, 900))
	phone := laptop.newTab() // the same browser, so the same session
	phone.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	tabs := []struct {
		tab   *chromeTab
		width int
	}{{laptop, 1366}, {phone, 390}}

	// page opens path in both tabs and checks what holds on any page.
	page := func(path, shot string) {
		t.Helper()
		for _, v := range tabs {
			v.tab.open(path)
			if w := v.tab.evalString(`String(document.documentElement.scrollWidth)`); w != strconv.Itoa(v.width) {
				t.Errorf("%s is %s px wide on a %d px screen", path, w, v.width)
			}
			if low := v.tab.evalString(lowContrastLinksJS); low != "" {
				t.Errorf("%s at %d px: links under 4.5:1 contrast:\n%s", path, v.width, low)
			}
			v.tab.screenshot(fmt.Sprintf("%s-%d.png", shot, v.width))
		}
	}
	// cards checks that on the phone each criterion of the form is a card
	// no wider than the screen, its fields in view.
	cards := func(what string) {
		t.Helper()
		if n := phone.evalString(`String([...document.querySelectorAll('table.filing-table tbody tr')].filter(tr => getComputedStyle(tr).display === 'table-row').length)`); n != "0" {
			t.Errorf("%s at 390 px: %s rows of the table are still table rows, not cards", what, n)
		}
		if out := phone.evalString(`[...document.querySelectorAll('table.filing-table input, table.filing-table textarea')]
			.filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth || e.type !== 'checkbox' && r.width < 60; })
			.map(e => e.name).join(' ')`); out != "" {
			t.Errorf("%s at 390 px: fields cut off or squeezed: %s", what, out)
		}
	}

	// screen keeps what the phone shows with the table's start at the top:
	// a full-page shot of a 10,000 px page is too small to judge.
	screen := func(name string) {
		t.Helper()
		phone.do(chromedp.Evaluate[chromedp.Void](`window.scrollTo({top: document.querySelector('table.filing-table').getBoundingClientRect().top + window.scrollY - 8, behavior: 'instant'})`))
		png := runIn(phone, chromedp.CaptureScreenshot())
		if err := os.WriteFile(filepath.Join(phone.shots, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
		phone.do(chromedp.Evaluate[chromedp.Void](`window.scrollTo({top: 0, behavior: 'instant'})`))
	}

	// A unit officer's own self-assessment, still to be filed.
	laptop.open("/login")
	laptop.signIn("canbo.nghean")
	page("/", "layout-nghean-home")
	page("/years/2026/filing", "layout-filing")
	textHas(t, "filing page", laptop.text("main h1"), "Tự chấm điểm thi đua năm 2026")
	cards("the filing form")
	screen("layout-filing-390-screen.png")
	laptop.signOut()

	// The cluster head's review of a member: every column in view at 1366.
	laptop.open("/login")
	laptop.signIn("canbo.thanhhoa")
	page("/years/2026/progress", "layout-thanhhoa-progress")
	page("/years/2026/filings/"+haTinh+"/review", "layout-review")
	textHas(t, "review page", laptop.text("main h1"), "Thẩm định, chấm điểm – ")
	if cut := laptop.evalString(`(() => {
			const t = document.querySelector('table.filing-table'), box = t.closest('.table-responsive') || t.parentElement;
			const last = t.querySelector('thead th:last-child').getBoundingClientRect();
			if (box.scrollWidth > box.clientWidth) return 'the table scrolls: ' + box.scrollWidth + ' px in ' + box.clientWidth;
			if (last.right > window.innerWidth) return 'the last column ends at ' + last.right;
			return '';
		})()`); cut != "" {
		t.Errorf("review at 1366 px: %s", cut)
	}
	cards("the review form")
	screen("layout-review-390-screen.png")
	laptop.signOut()

	// The admin's menu: one line at 1366 px, folded on a phone.
	laptop.open("/login")
	laptop.signIn("admin")
	page("/", "layout-admin-home")
	// One line: every item shown shares a horizontal band, and no item's
	// words wrap (its content box is one line-height high).
	if wrapped := laptop.evalString(`(() => {
			const items = [...document.querySelectorAll('.main-nav .nav-link, .main-nav form > *')].map(e => [e, e.getBoundingClientRect()]).filter(([, r]) => r.width && r.height);
			const top = Math.max(...items.map(([, r]) => r.top)), bottom = Math.min(...items.map(([, r]) => r.bottom));
			if (top >= bottom) return 'the items stand on more than one line';
			const lines = ([e, r]) => { const s = getComputedStyle(e), px = k => parseFloat(s[k]) || 0;
				return (r.height - px('paddingTop') - px('paddingBottom') - px('borderTopWidth') - px('borderBottomWidth')) / (px('lineHeight') || 1.5 * px('fontSize')); };
			return items.filter(i => lines(i) > 1.5).map(([e]) => e.innerText.trim()).join(', ');
		})()`); wrapped != "" {
		t.Errorf("the admin menu at 1366 px wraps: %s", wrapped)
	}
	if phone.evalBool(`document.querySelector('#main-menu').offsetHeight > 0`) {
		t.Error("the menu at 390 px is open before its button is pressed")
	}
	phone.do(chromedp.Click(chromedp.CSS(`.main-nav .navbar-toggler`), chromedp.NodeVisible))
	phone.waitFor("the menu to open", `() => document.querySelector('#main-menu').offsetHeight > 0`)
	phone.screenshot("layout-admin-menu-390.png")
	for _, p := range []string{"/years/2026", "/years/2026/progress", "/years/2026/ranking", "/units", "/proposals", "/users"} {
		page(p, "layout-admin"+pathShot(p))
	}
}

func pathShot(p string) string {
	out := []byte{}
	for _, r := range []byte(p) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			out = append(out, r)
		default:
			out = append(out, '-')
		}
	}
	return string(out)
}

// lowContrastLinksJS lists every visible link whose text colour is under
// 4.5:1 against the first opaque background behind it (WCAG 2 relative
// luminance), one per line, or "".
const lowContrastLinksJS = `(() => {
	const rgba = s => { const c = (s.match(/[\d.]+/g) || []).map(Number); return c.length === 3 ? [...c, 1] : c; };
	const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
	const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
	// What is behind e: its ancestors' backgrounds painted one over another.
	const behind = e => {
		const layers = [];
		for (; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c[3] > 0) layers.push(c); if (c[3] === 1) break; }
		return layers.reduceRight((under, top) => over(top, under), [255, 255, 255, 1]);
	};
	const out = [];
	for (const a of document.querySelectorAll('a[href]')) {
		const r = a.getBoundingClientRect();
		if (r.width < 2 || r.height < 2 || !a.innerText.trim()) continue; // not shown (a skip link until focused)
		const back = behind(a), fg = over(rgba(getComputedStyle(a).color), back);
		const [l1, l2] = [lum(fg), lum(back)].sort((x, y) => y - x);
		const ratio = (l1 + 0.05) / (l2 + 0.05);
		if (ratio < 4.5) out.push(a.innerText.trim().slice(0, 40) + ': ' + ratio.toFixed(2) + ' (' + getComputedStyle(a).color + ' on rgb(' + back.slice(0, 3).map(Math.round).join(', ') + '))');
	}
	return [...new Set(out)].join('\n');
})()`
