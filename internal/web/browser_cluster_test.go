package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"thidua/internal/app"
	"thidua/internal/store"
)

// TestBrowserClustersAndPledge walks a member's part of the pledge in
// Chromium: the year's cluster list, the cluster page, signing its own
// line of the demo's 2026 Bắc Trung Bộ pledge, and the printed document.
func TestBrowserClustersAndPledge(t *testing.T) {
	const (
		cluster = "Cụm thi đua số 4 (Bắc Trung Bộ)"
		ngheAn  = "Viện kiểm sát nhân dân tỉnh Nghệ An"
	)
	requireChromium(t)
	// A fixed day before the demo's self-assessment deadline (30/11/2026):
	// the filing below must still be open whatever the real date.
	today := time.Date(2026, 11, 2, 3, 0, 0, 0, time.UTC)
	tab := newChromeTab(t, serveDemo(t, "Viện kiểm sát nhân dân tối cao", func(a *app.App, _ *store.Store) { a.Now = func() time.Time { return today } }))
	tab.open("/login")
	tab.signIn("canbo.nghean")

	tab.open("/years/2026")
	body := tab.bodyText()
	textHas(t, "2026 clusters", body, "Năm thi đua 2026", cluster, "Khối thi đua số 2 (Khối VKSND khu vực)", "Đang dự thảo, chờ ký", "Đã ký kết")
	tab.screenshot("clusters-2026.png")

	tab.follow(chromedp.Click(chromedp.Search(fmt.Sprintf(`//a[normalize-space()=%q]`, cluster)), chromedp.NodeVisible))
	textHas(t, "cluster page", tab.bodyText(), "Cụm trưởng", "Cụm phó", ngheAn, "Viện kiểm sát nhân dân thành phố Huế")
	if strings.Contains(tab.bodyText(), "Ghi nhận chỉ định") {
		t.Error("a member officer is shown the board's designation form")
	}
	tab.screenshot("cluster-page.png")

	tab.follow(chromedp.Click(chromedp.Search(`//a[normalize-space()="Giao ước thi đua"]`), chromedp.NodeVisible))
	textHas(t, "pledge page", tab.bodyText(), "Xác nhận chữ ký của "+ngheAn, "Chưa ký")
	tab.screenshot("pledge-before-signing.png")
	tab.follow(chromedp.Click(chromedp.Search(`//button[normalize-space()="Xác nhận đã ký"]`), chromedp.NodeVisible))
	textHas(t, "after signing", tab.bodyText(), "Đã xác nhận chữ ký của đơn vị.")
	textLacks(t, "after signing", tab.bodyText(), "Xác nhận chữ ký của "+ngheAn)

	tab.follow(chromedp.Click(chromedp.Search(`//a[normalize-space()="Bản in"]`), chromedp.NodeVisible))
	doc := tab.bodyText()
	textHas(t, "print view", doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "GIAO ƯỚC THI ĐUA", "NGHỆ AN")
	tab.screenshot("pledge-print.png")

	// The ranking draws its charts from the embedded Chart.js, within the CSP
	// (any violation or script error fails the test through the tab's listener).
	tab.open("/years/2026/ranking")
	textHas(t, "ranking", tab.bodyText(), "Kết quả chấm điểm, xếp hạng thi đua năm 2026", "Bảng xếp hạng chung các VKSND cấp tỉnh")
	tab.waitFor("the charts to be drawn", `() => window.Chart && document.querySelectorAll('canvas.ranking-chart').length > 0 &&
		[...document.querySelectorAll('canvas.ranking-chart')].every(c => window.Chart.getChart(c))`)
	tab.screenshot("ranking.png")

	// The member's own filing, not started yet.
	tab.open("/years/2026/filing")
	textHas(t, "filing", tab.bodyText(), "Tự chấm điểm thi đua năm 2026 – "+ngheAn, "Chưa bắt đầu", "Nộp bản tự chấm điểm")
	tab.screenshot("filing.png")

	// A proposal drafted twice: the second save is refused on its title field.
	propose := func(status int64) {
		tab.open("/proposals/new?year=2027")
		tab.do(chromedp.SetValue(chromedp.ID("title"), "ldtt"),
			chromedp.SetValue(chromedp.ID("person_id"), tab.evalString(`document.querySelector('#person_id option:nth-child(2)').value`)))
		tab.followStatus(chromedp.Click(chromedp.Search(`//button[normalize-space()="Lưu dự thảo"]`), chromedp.NodeVisible), status)
	}
	propose(200)
	textHas(t, "first proposal", tab.bodyText(), "Đã lập đề nghị khen thưởng.")
	tab.screenshot("proposal-show.png")
	propose(422)
	textHas(t, "duplicate proposal", tab.text("#title + .invalid-feedback"), "Năm 2027 đã có đề nghị «Lao động tiên tiến» cho cán bộ này")
	if n := tab.evalString(`String(document.querySelectorAll('.alert-danger').length)`); n != "1" {
		t.Errorf("the refused form shows %s error banners, want 1", n)
	}
	tab.screenshot("proposal-duplicate.png")
}
