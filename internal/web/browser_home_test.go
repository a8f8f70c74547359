package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserHomeByRole signs in as each role of the demo on 26/11/2026,
// finds its first task on the home page (screenshots at 1366 and 390 px),
// follows the task's button to the page it names, and checks the ranking's
// charts share one scale.
func TestBrowserHomeByRole(t *testing.T) {
	requireChromium(t)
	tab := newChromeTabFor(t, startDemoServer(t, "Viện kiểm sát nhân dân tối cao"), 120e9)
	phone := tab.newTab()
	phone.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	tab.do(chromedp.EmulateViewport(1366, 900))
	for _, c := range []struct {
		user, first, button, lands string
	}{
		// Nghệ An missed the registration deadline: that comes first.
		{"canbo.nghean", "Đơn vị chưa đăng ký thi đua năm 2026.", "Đăng ký thi đua", "Đăng ký thi đua"},
		{"canbo.thanhhoa", "", "", ""},
		{"hoidong", "bản tự chấm điểm chờ thẩm định", "Xem các bản chờ thẩm định", "Thẩm định bản tự chấm điểm – "},
		{"xem", "Kết quả chấm điểm, xếp hạng năm 2026", "Xem bảng xếp hạng", "Kết quả chấm điểm, xếp hạng thi đua năm 2026"},
	} {
		tab.open("/login")
		tab.signIn(c.user)
		home := tab.bodyText()
		textHas(t, c.user+"'s home", home, "năm thi đua 2026")
		textLacks(t, c.user+"'s home", tab.evalString(`[...document.querySelectorAll('.home-tasks a')].map(a => a.innerText).join('|')`), "Mở|")
		tab.screenshot("home-" + c.user + "-1366.png")
		phone.open("/")
		if w := phone.evalString(`String(document.documentElement.scrollWidth)`); w != "390" {
			t.Errorf("%s's home is %s px wide on a 390 px phone", c.user, w)
		}
		phone.screenshot("home-" + c.user + "-390.png")
		if c.first != "" {
			first := tab.text(".home-tasks li")
			textHas(t, c.user+"'s first task", first, c.first, c.button)
			tab.follow(chromedp.Click(chromedp.CSS(`.home-tasks li a`), chromedp.NodeVisible))
			textHas(t, c.user+"'s task page", tab.bodyText(), c.lands)
			tab.screenshot("home-" + c.user + "-task.png")
		}
		tab.signOut()
	}

	tab.open("/login")
	tab.signIn("xem")
	tab.open("/years/2026/ranking")
	tab.waitFor("the charts to be drawn", `() => window.Chart && [...document.querySelectorAll('canvas.ranking-chart')].every(c => window.Chart.getChart(c))`)
	if scales := tab.evalString(`String(new Set([...document.querySelectorAll('canvas.ranking-chart')].map(c => window.Chart.getChart(c).scales.x.max)).size)`); scales != "1" {
		t.Errorf("the year's charts have %s different scales", scales)
	}
	tab.screenshot("ranking-verified-1366.png")
}
