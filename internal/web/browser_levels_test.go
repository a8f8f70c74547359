package web_test

import (
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/store"
)

// TestBrowserProvincialRound walks this year's round in VKSND tỉnh Vĩnh
// Long through the pages: VKSND khu vực 1 proposes a Lao động tiên tiến and
// a Bằng khen of the Viện trưởng VKSND tối cao; the provincial council
// decides the first under the province's heading (its series, KT.) and
// forwards the second with its tờ trình; the sector's board decides it
// after the comment window; the proposer follows the steps.
func TestBrowserProvincialRound(t *testing.T) {
	requireChromium(t)
	clock := &walkClock{}
	clock.set(2026, time.November, 26)
	tab := newChromeTabFor(t, serveDemo(t, "Viện kiểm sát nhân dân tối cao", func(a *app.App, _ *store.Store) { a.Now = clock.now }), 4*time.Minute)
	const person = "Lê Hoàng Phúc (dữ liệu mẫu)"

	// The regional procuracy proposes and sends both.
	tab.open("/login")
	tab.signIn("canbo.kv1.vinhlong")
	propose := func(title string) string {
		t.Helper()
		tab.clickLink("Khen thưởng")
		tab.clickLink("+ Lập đề nghị")
		tab.choose("#title", title)
		tab.choose("#person_id", person)
		tab.typeInto(map[string]string{"#summary": "Hoàn thành tốt nhiệm vụ năm 2026 (dữ liệu kiểm thử)."})
		tab.clickButton("Lưu dự thảo")
		tab.flashIs("Đã lập đề nghị khen thưởng.")
		tab.uploadMissingParts()
		tab.clickButton("Gửi đề nghị")
		tab.flashIs("Đã gửi đề nghị khen thưởng; đề nghị được công khai để lấy ý kiến.")
		textHas(t, "sent "+title, tab.text("#steps"), "Gửi đề nghị: Viện kiểm sát nhân dân khu vực 1 – Vĩnh Long → Viện kiểm sát nhân dân tỉnh Vĩnh Long")
		return strings.TrimPrefix(tab.location(), tab.base)
	}
	ldtt := propose("Lao động tiên tiến")
	bk := propose("Bằng khen của Viện trưởng VKSND tối cao")
	tab.screenshot("levels-sent.png")
	tab.signOut()

	// The provincial council decides what is in its power, under its heading.
	clock.set(2026, time.November, 27)
	tab.signIn("hoidong.vinhlong")
	tab.open(ldtt)
	tab.typeInto(map[string]string{"#decided_on": "27/11/2026"})
	tab.choose("#signer_member_id", "KT. Viện trưởng – Phó Viện trưởng Thạch Thị Phương (dữ liệu mẫu)")
	if tab.evalBool(`!!document.getElementById('override')`) {
		tab.typeInto(map[string]string{"#override": "Hội đồng đã xét hồ sơ (dữ liệu kiểm thử)."})
	}
	tab.screenshot("levels-province-decides.png")
	tab.clickButton("Khen thưởng theo quyết định")
	tab.flashIs("Đã ghi nhận Quyết định số 2/QĐ-VKSVL và khen thưởng 1 đề nghị.")
	textHas(t, "provincial decision", tab.text("#heading"), "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", "VIỆN KIỂM SÁT NHÂN DÂN TỈNH VĨNH LONG",
		"Số: 2/QĐ-VKSVL", "Vĩnh Long, ngày 27 tháng 11 năm 2026")
	textHas(t, "provincial decision", tab.bodyText(), "KT. VIỆN TRƯỞNG, PHÓ VIỆN TRƯỞNG, Thạch Thị Phương (dữ liệu mẫu)", person)
	textHas(t, "authority", tab.text("#authority"), "Nghị định số 152/2025/NĐ-CP")
	tab.screenshot("levels-province-decision.png")

	// … and forwards the Bằng khen, above its power, with its tờ trình.
	tab.open(bk)
	textHas(t, "forward form", tab.bodyText(), "do Viện trưởng VKSND tối cao quyết định")
	tab.typeInto(map[string]string{"#document_no": "13/TTr-VKSVL", "#note": "Đề nghị tặng Bằng khen (dữ liệu kiểm thử)."})
	tab.clickButton("Chuyển lên cấp trên")
	tab.flashIs("Đã chuyển đề nghị lên Viện kiểm sát nhân dân tối cao kèm tờ trình số 13/TTr-VKSVL.")
	tab.signOut()

	// The sector's board decides it once the comment window has closed.
	clock.set(2026, time.December, 20)
	tab.signIn("hoidong")
	tab.open(bk)
	tab.typeInto(map[string]string{"#decided_on": "20/12/2026", "#signer": "Nguyễn Văn Ký"})
	if tab.evalBool(`!!document.getElementById('override')`) {
		tab.typeInto(map[string]string{"#override": "Hội đồng ngành đã xét hồ sơ (dữ liệu kiểm thử)."})
	}
	tab.clickButton("Khen thưởng theo quyết định")
	textHas(t, "sector decision", tab.text("#heading"), "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", "/QĐ-VKSTC", "Hà Nội, ngày 20 tháng 12 năm 2026")
	tab.screenshot("levels-sector-decision.png")
	tab.signOut()

	// The proposer follows each step.
	tab.signIn("canbo.kv1.vinhlong")
	tab.open(bk)
	textHas(t, "the way", tab.text("#steps"), "Gửi đề nghị", "Chuyển lên cấp trên (kèm tờ trình): Viện kiểm sát nhân dân tỉnh Vĩnh Long → Viện kiểm sát nhân dân tối cao",
		"số 13/TTr-VKSVL", "Quyết định khen thưởng: Viện kiểm sát nhân dân tối cao")
	textHas(t, "status", tab.bodyText(), "Đã khen thưởng")
	tab.screenshot("levels-proposer.png")
}
