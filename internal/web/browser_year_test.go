package web_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"thidua/internal/app"
	"thidua/internal/store"
)

// TestBrowserYear walks one emulation year in Chromium the way its people
// do, through the pages and their forms: the board opens 2027, sets up a
// cluster with its head and copies last year's criteria table; the head
// drafts the pledge and both members sign it; Nghệ An files its
// self-assessment (one indicator "không phát sinh", which needs an
// explanation) and submits it; the head returns it with a reason, the unit
// corrects and resubmits, the head accepts it; the ranking shows the unit
// with its reviewed score; the unit proposes itself for a title and the
// board approves it under a decision; and the ranking, filing and award list
// workbooks download as real xlsx files. The app's clock moves through the
// year with the walk, so the test does not depend on today's date.
func TestBrowserYear(t *testing.T) {
	const (
		year     = "2027"
		cluster  = "Cụm thi đua số 9 (Bắc Trung Bộ thử nghiệm)"
		thanhHoa = "Viện kiểm sát nhân dân tỉnh Thanh Hóa"
		ngheAn   = "Viện kiểm sát nhân dân tỉnh Nghệ An"
	)
	requireChromium(t)
	clock := &walkClock{}
	clock.set(2027, time.January, 5)
	tab := newChromeTabFor(t, serveDemo(t, "Viện kiểm sát nhân dân tối cao", func(a *app.App, _ *store.Store) { a.Now = clock.now }), 4*time.Minute)
	dialogs := tab.acceptDialogs()
	tab.open("/login")

	// The board opens the year from the list of years, with its deadlines.
	tab.signIn("hoidong")
	tab.clickLink("Cụm thi đua, giao ước")
	tab.screenshot("year-list.png")
	tab.clickLink("+ Mở năm thi đua " + year)
	tab.typeInto(map[string]string{"#registration_deadline": "31/01/2027", "#pledge_deadline": "31/03/2027",
		"#self_assessment_deadline": "30/11/2027", "#review_deadline": "10/12/2027", "#proposal_deadline": "20/12/2027"})
	tab.screenshot("year-form.png")
	tab.clickButton("Lưu")
	tab.flashIs("Đã lưu Năm thi đua " + year + ".")
	textHas(t, "the new year", tab.bodyText(), "hạn tự chấm điểm 30/11/2027")

	// A cluster of two members, then the designation of its head and deputy.
	tab.clickLink("+ Thêm cụm")
	tab.typeInto(map[string]string{"#number": "9", "#name": "Bắc Trung Bộ thử nghiệm"})
	tab.tick(thanhHoa)
	tab.tick(ngheAn)
	tab.choose("#follower_user_id", "Nguyễn Văn Hội")
	tab.screenshot("cluster-form.png")
	tab.clickButton("Lưu")
	tab.flashIs("Đã lưu " + cluster + ".")
	tab.choose("#head_unit_id", thanhHoa)
	tab.choose("#deputy_unit_id", ngheAn)
	tab.typeInto(map[string]string{"#designation_ref": "Quyết định số 30/QĐ-VKSTC ngày 06/01/2027 (dữ liệu kiểm thử)"})
	tab.clickButton("Ghi nhận")
	tab.flashIs("Đã ghi nhận Cụm trưởng, Cụm phó năm " + year + ".")
	textHas(t, "designated cluster", tab.text("main .card"), "Cụm trưởng\n"+thanhHoa, "Cụm phó\n"+ngheAn)
	tab.screenshot("cluster-designated.png")

	// The criteria table: last year's national table, copied.
	tab.clickLink(year)
	tab.clickLink("Bảng tiêu chí")
	tab.screenshot("tables-empty.png")
	tab.clickXPath("copy of the national table", `//li[contains(., "VKSND cấp tỉnh")]/button[normalize-space()="Sao chép"]`, 200)
	tab.flashIs("Đã sao chép bảng tiêu chí sang năm " + year + ".")
	tab.screenshot("table-copied.png")
	tab.signOut()

	// The head drafts the pledge and signs its own line.
	clock.set(2027, time.March, 25)
	tab.signIn("canbo.thanhhoa")
	tab.open("/years/" + year)
	tab.clickLink(cluster)
	tab.clickLink("Giao ước thi đua")
	textHas(t, "no pledge yet", tab.bodyText(), "Cụm chưa có giao ước thi đua.")
	tab.clickLink("Soạn giao ước")
	tab.typeInto(map[string]string{"#place": "Thanh Hóa", "#signed_on": "25/03/2027",
		"#preamble":    "Các đơn vị thành viên thống nhất ký kết giao ước thi đua năm 2027 (dữ liệu kiểm thử).",
		"#commitments": "Giải quyết 100% tin báo, tố giác về tội phạm đúng thời hạn [1.1]\nTruy tố đúng người, đúng tội, đúng pháp luật đạt 100%.",
	})
	tab.fillAll(`input[id^="rep_"]`, "Nguyễn Văn Ký")
	tab.fillAll(`input[id^="pos_"]`, "Viện trưởng")
	tab.screenshot("pledge-form.png")
	tab.clickButton("Lưu giao ước")
	tab.flashIs("Đã lưu giao ước. Các đơn vị thành viên có thể xác nhận chữ ký.")
	textHas(t, "draft pledge", tab.bodyText(), "Đang dự thảo", "0/2 đơn vị đã ký", "Tiêu chí 1.1")
	tab.clickButton("Xác nhận đã ký")
	tab.flashIs("Đã xác nhận chữ ký của đơn vị.")
	tab.signOut()

	// Nghệ An finds the pledge waiting on its home page and signs: final.
	tab.signIn("canbo.nghean")
	tab.openTask("Giao ước thi đua của "+cluster+" chờ đơn vị xác nhận chữ ký.", "Ký giao ước")
	tab.clickButton("Xác nhận đã ký")
	tab.flashIs("Đã xác nhận chữ ký. Tất cả thành viên đã ký: giao ước đã được ký kết.")
	textHas(t, "final pledge", tab.bodyText(), "Đã ký kết", "2/2 đơn vị đã ký")
	tab.screenshot("pledge-final.png")

	// The self-assessment: figures on every row, one indicator that did not
	// arise. Without an explanation the draft is refused on that row.
	clock.set(2027, time.November, 20)
	tab.open("/")
	tab.openTask("Đơn vị chưa tự chấm điểm năm "+year+".", "Tự chấm điểm")
	textHas(t, "empty filing", tab.bodyText(), "Tự chấm điểm thi đua năm "+year+" – "+ngheAn, "hạn nộp 30/11/2027")
	rows := tab.filingRows()
	na := -1
	for i, r := range rows {
		switch {
		case r.NA != "" && na < 0 && len(r.Inputs) == 2: // the first rate: did not arise
			na = i
			tab.tick("#" + r.NA)
		case len(r.Inputs) == 2: // a rate: 47 of 50
			tab.typeInto(map[string]string{nameSel(r.Inputs[0]): "47", nameSel(r.Inputs[1]): "50"})
		case strings.HasPrefix(r.Inputs[0], "n_"): // a count
			tab.typeInto(map[string]string{nameSel(r.Inputs[0]): "2"})
		case r.NA != "": // a fixed row: full marks
			tab.typeInto(map[string]string{nameSel(r.Inputs[0]): r.Max})
		} // bonus and deduction rows stay empty
	}
	if na < 0 {
		t.Fatalf("the copied table has no rate indicator to mark as not arisen: %+v", rows)
	}
	naRow := rows[na]
	tab.clickButton("Lưu nháp", 422)
	textHas(t, "not arisen without explanation", tab.bodyText(), "Tiêu chí "+naRow.Code+": vui lòng giải trình vì sao chỉ tiêu không phát sinh.")
	if !tab.evalBool(fmt.Sprintf(`document.getElementById(%s).checked`, jsString(naRow.NA))) {
		t.Error("the refused draft lost the ticked “không phát sinh”")
	}
	tab.screenshot("filing-refused.png")
	tab.typeInto(map[string]string{nameSel(naRow.Explain): "Trong kỳ không phát sinh việc thuộc chỉ tiêu này (dữ liệu kiểm thử)."})
	tab.clickButton("Lưu nháp")
	tab.flashIs("Đã lưu bản tự chấm điểm (bản nháp).")
	tab.clickButton("Nộp bản tự chấm điểm")
	tab.flashIs("Đã nộp bản tự chấm điểm. Cụm trưởng sẽ thẩm định; đơn vị không sửa được trừ khi bị trả lại.")
	dialogs.expect(t, "Nộp bản tự chấm điểm cho Cụm trưởng?")
	textHas(t, "submitted filing", tab.bodyText(), "Đã nộp, chờ thẩm định", "Không phát sinh")
	tab.screenshot("filing-submitted.png")
	tab.signOut()

	// The head returns it: a reason is required, then given.
	clock.set(2027, time.December, 2)
	reason := "Tiêu chí " + naRow.Code + ": đề nghị gửi kèm văn bản xác nhận không phát sinh (dữ liệu kiểm thử)."
	tab.signIn("canbo.thanhhoa")
	tab.openReview(cluster, ngheAn)
	tab.screenshot("review.png")
	tab.clickButton("Trả lại để đơn vị sửa", 422)
	textHas(t, "return without reason", tab.bodyText(), "Vui lòng ghi lý do trả lại để đơn vị biết cần sửa gì.")
	tab.typeInto(map[string]string{"#reason": reason})
	tab.clickButton("Trả lại để đơn vị sửa")
	tab.flashIs("Đã trả lại bản tự chấm điểm cho đơn vị.")
	tab.signOut()

	// The unit sees the reason, adds the document and submits again.
	tab.signIn("canbo.nghean")
	tab.openTask("Bản tự chấm điểm bị Cụm trưởng trả lại để sửa.", "Sửa và nộp lại")
	textHas(t, "returned filing", tab.text(".alert-danger"), "Cụm trưởng đã trả lại để sửa: "+reason)
	tab.screenshot("filing-returned.png")
	tab.typeInto(map[string]string{nameSel(naRow.Evidence): "Công văn số 12/VKS-VP ngày 01/12/2027 (dữ liệu kiểm thử)"})
	tab.clickButton("Nộp bản tự chấm điểm")
	tab.flashIs("Đã nộp bản tự chấm điểm. Cụm trưởng sẽ thẩm định; đơn vị không sửa được trừ khi bị trả lại.")
	dialogs.expect(t, "Nộp bản tự chấm điểm cho Cụm trưởng?")
	tab.signOut()

	// The head lowers one fixed row with a comment and accepts.
	tab.signIn("canbo.thanhhoa")
	tab.openReview(cluster, ngheAn)
	textHas(t, "resubmitted filing", tab.bodyText(), "Chứng minh: Công văn số 12/VKS-VP")
	lowered := ""
	for _, r := range rows {
		if r.NA != "" && strings.HasPrefix(r.Inputs[0], "s_") {
			lowered = r.Code
			tab.typeInto(map[string]string{nameSel("r" + r.Inputs[0]): "1",
				nameSel("rc_" + strings.TrimPrefix(r.Inputs[0], "s_")): "Chưa đủ tài liệu chứng minh (dữ liệu kiểm thử)."})
			break
		}
	}
	tab.clickButton("Hoàn thành thẩm định")
	tab.flashIs("Đã hoàn thành thẩm định.")
	dialogs.expect(t, "Hoàn thành thẩm định?")
	self, reviewed := tab.summaryTotal(0), tab.summaryTotal(1)
	if self == reviewed {
		t.Errorf("the reviewed total %s equals the self-assessed one after row %s was lowered", reviewed, lowered)
	}
	// The page says rows the reviewer changed are yellow: they must be.
	if bg := tab.evalString(fmt.Sprintf(`getComputedStyle([...document.querySelectorAll('table.filing-table tbody tr')]
		.find(tr => tr.cells[0].innerText.trim() === %s).cells[1]).backgroundColor`, jsString(lowered))); bg != "rgb(255, 243, 205)" {
		t.Errorf("row %s, lowered by the reviewer, has background %s; want the yellow the page's legend promises", lowered, bg)
	}
	tab.screenshot("review-accepted.png")

	// The ranking: the reviewed unit ranked with its reviewed score (its
	// self-score in the labelled column), the unit that has not filed
	// listed unranked below; charts drawn.
	tab.open("/")
	tab.clickLink("Kết quả xếp hạng")
	row := tab.evalString(fmt.Sprintf(`[...document.querySelectorAll('section')].find(s => s.querySelector('h2').innerText.includes(%s))
		?.querySelector('tbody').innerText ?? ''`, jsString(cluster)))
	textHas(t, "ranking of "+cluster, row, "1\tVKSND tỉnh Nghệ An\t"+reviewed+"\t", "\t"+self+"\tĐã thẩm định",
		"Chưa được thẩm định – không xếp hạng\n—\tVKSND tỉnh Thanh Hóa")
	tab.waitFor("the charts to be drawn", `() => [...document.querySelectorAll('canvas.ranking-chart')].every(c => window.Chart && window.Chart.getChart(c))`)
	tab.screenshot("ranking-2027.png")
	tab.signOut()

	// The unit proposes itself for a title and sends the proposal.
	clock.set(2027, time.December, 12)
	tab.signIn("canbo.nghean")
	tab.clickLink("Khen thưởng")
	tab.clickLink("+ Lập đề nghị")
	tab.choose("#title", "Tập thể lao động tiên tiến")
	tab.typeInto(map[string]string{"#summary": "Hoàn thành xuất sắc các chỉ tiêu công tác năm 2027 (dữ liệu kiểm thử)."})
	tab.screenshot("proposal-form.png")
	tab.clickButton("Lưu dự thảo")
	tab.flashIs("Đã lập đề nghị khen thưởng.")
	tab.uploadMissingParts()
	tab.clickButton("Gửi đề nghị")
	tab.flashIs("Đã gửi đề nghị khen thưởng; đề nghị được công khai để lấy ý kiến.")
	tab.signOut()

	// The board approves it under a decision.
	clock.set(2027, time.December, 18)
	tab.signIn("hoidong")
	tab.clickLink("Khen thưởng")
	tab.screenshot("proposal-list.png")
	tab.clickLink(ngheAn)
	tab.typeInto(map[string]string{"#number": "45/QĐ-VKSTC", "#decided_on": "18/12/2027", "#signer": "Nguyễn Văn Ký"})
	if tab.evalBool(`!!document.getElementById('override')`) {
		tab.typeInto(map[string]string{"#override": "Hội đồng xét thành tích thực tế của đơn vị (dữ liệu kiểm thử)."})
	}
	tab.screenshot("proposal-decide.png")
	tab.clickButton("Khen thưởng theo quyết định")
	tab.flashIs("Đã ghi nhận Quyết định số 45/QĐ-VKSTC và khen thưởng 1 đề nghị.")
	textHas(t, "decision", tab.text("main table"), ngheAn, "Tập thể lao động tiên tiến")
	tab.screenshot("decision.png")

	// The workbooks, from the pages' own links.
	decisionList := tab.download("Tải danh sách khen thưởng (Excel)")
	tab.open("/years/" + year + "/ranking")
	ranking := tab.download("Tải Excel")
	tab.clickLink("VKSND tỉnh Nghệ An")
	filing := tab.download("Tải Excel")
	tab.clickLink("Khen thưởng")
	tab.choose("#status", "Đã khen thưởng")
	tab.clickButton("Lọc")
	awardList := tab.download("Tải danh sách đề nghị (Excel)")
	for name, wb := range map[string]xlsxFile{"ranking": ranking, "filing": filing, "award list": awardList, "decision list": decisionList} {
		wb.check(t, name, "Nghệ An")
	}
}

// walkClock is the app's clock, moved by the test between steps.
type walkClock struct{ ns atomic.Int64 }

// set moves the clock to 9:00 in Vietnam on the day.
func (c *walkClock) set(y int, m time.Month, d int) {
	c.ns.Store(time.Date(y, m, d, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)).UnixNano())
}

func (c *walkClock) now() time.Time { return time.Unix(0, c.ns.Load()) }

// dialogLog accepts every dialog (the pages' data-confirm) and keeps their
// messages, so a test can check that a question was asked.
type dialogLog struct {
	mu   sync.Mutex
	msgs []string
}

// acceptDialogs answers "OK" to every confirm() of the tab.
func (c *chromeTab) acceptDialogs() *dialogLog {
	d := &dialogLog{}
	opening := chromedp.Events(c.ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range opening {
			if err != nil {
				return
			}
			d.mu.Lock()
			d.msgs = append(d.msgs, ev.Message)
			d.mu.Unlock()
			go chromedp.Call(c.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true}) //nolint:errcheck // the click waiting on it fails instead
		}
	}()
	return d
}

// expect checks that the last dialog asked a question starting with want.
func (d *dialogLog) expect(t *testing.T, want string) {
	t.Helper()
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.msgs) == 0 || !strings.HasPrefix(d.msgs[len(d.msgs)-1], want) {
		t.Errorf("no confirmation %q was asked; dialogs so far: %q", want, d.msgs)
	}
}

// clickLink follows the first link with exactly this text, in the page or
// its navigation bar.
func (c *chromeTab) clickLink(text string) {
	c.t.Helper()
	c.clickXPath("link “"+text+"”", fmt.Sprintf(`//main//a[normalize-space()=%q] | //nav//a[normalize-space()=%q]`, text, text), 200)
}

// clickButton presses the submit button with this text and requires the
// page it leads to to answer 200 (after the redirect), or status[0].
func (c *chromeTab) clickButton(text string, status ...int64) {
	c.t.Helper()
	want := int64(200)
	if len(status) > 0 {
		want = status[0]
	}
	c.clickXPath("button “"+text+"”", fmt.Sprintf(`//main//button[normalize-space()=%q]`, text), want)
}

// clickXPath clicks what the XPath finds and follows the page load. It
// fails at once when the page has no such element, rather than waiting
// for it until the test's deadline.
func (c *chromeTab) clickXPath(what, xpath string, status int64) {
	c.t.Helper()
	if !c.evalBool(fmt.Sprintf(`document.evaluate(%s, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue !== null`, jsString(xpath))) {
		c.t.Fatalf("no %s at %s; page says:\n%s", what, c.location(), c.bodyText())
	}
	c.followStatus(chromedp.Click(chromedp.Search(xpath), chromedp.NodeVisible), status)
}

// typeInto types each value into the field its CSS selector names, after
// clearing what was there.
func (c *chromeTab) typeInto(fields map[string]string) {
	c.t.Helper()
	for sel, v := range fields {
		c.clear(sel)
		c.do(chromedp.SendKeys(chromedp.CSS(sel), v))
	}
}

// fillAll types the same value into every field the selector matches.
func (c *chromeTab) fillAll(css, v string) {
	c.t.Helper()
	c.clear(css)
	for _, n := range runIn(c, chromedp.Nodes(chromedp.CSSAll(css))) {
		c.do(chromedp.SendKeys(chromedp.NodeIDs{n.NodeID}, v))
	}
}

// clear empties every field the selector matches (chromedp.Clear fails on
// an empty textarea).
func (c *chromeTab) clear(css string) {
	c.t.Helper()
	if !c.evalBool(fmt.Sprintf(`(fields => (fields.forEach(f => f.value = ""), fields.length > 0))(document.querySelectorAll(%s))`, jsString(css))) {
		c.t.Fatalf("no field %s at %s", css, c.location())
	}
}

// choose picks the option of a select by its text, as a person does.
func (c *chromeTab) choose(css, option string) {
	c.t.Helper()
	ok := c.evalBool(fmt.Sprintf(`((sel, text) => {
		const s = document.querySelector(sel);
		const o = s && [...s.options].find(o => o.textContent.trim() === text || o.textContent.trim().startsWith(text + " —"));
		if (!o) return false;
		s.value = o.value;
		s.dispatchEvent(new Event("change", {bubbles: true}));
		return true;
	})(%s, %s)`, jsString(css), jsString(option)))
	if !ok {
		c.t.Fatalf("no option %q in %s; page says:\n%s", option, css, c.bodyText())
	}
}

// tick clicks a checkbox: "#id", or the one whose label has this text.
func (c *chromeTab) tick(box string) {
	c.t.Helper()
	xpath := fmt.Sprintf(`//input[@type="checkbox"][@id=//label[normalize-space()=%q]/@for]`, box)
	if strings.HasPrefix(box, "#") {
		xpath = fmt.Sprintf(`//input[@type="checkbox"][@id=%q]`, box[1:])
	}
	if !c.evalBool(fmt.Sprintf(`(b => b !== null && !b.checked)(document.evaluate(%s, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue)`, jsString(xpath))) {
		c.t.Fatalf("no unticked checkbox %q at %s", box, c.location())
	}
	c.do(chromedp.Click(chromedp.Search(xpath), chromedp.NodeVisible))
}

// flashIs requires the page's success message.
func (c *chromeTab) flashIs(want string) {
	c.t.Helper()
	got := c.evalString(`[...document.querySelectorAll('.alert-success[role=status]')].map(e => e.innerText.trim()).join("\n")`)
	if got != want {
		c.t.Fatalf("at %s the message is %q, want %q; page says:\n%s", c.location(), got, want, c.bodyText())
	}
}

// signOut uses the navigation bar's button.
func (c *chromeTab) signOut() {
	c.t.Helper()
	c.follow(chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type=submit]`), chromedp.NodeVisible))
	textHas(c.t, "after sign-out", c.bodyText(), "Anh/chị đã đăng xuất.")
}

// openTask follows a task of the home page by its button, which is named
// for the task.
func (c *chromeTab) openTask(text, button string) {
	c.t.Helper()
	c.open("/")
	c.clickXPath("task “"+text+"”", fmt.Sprintf(`//li[contains(@class,"alert")][.//div[contains(normalize-space(), %q)]]/a[normalize-space()=%q]`, text, button), 200)
}

// openReview goes from the home page's task straight to the unit's review.
func (c *chromeTab) openReview(cluster, unit string) {
	c.t.Helper()
	c.openTask("Bản tự chấm điểm của "+unit+" ("+cluster+") đã nộp, chờ đơn vị anh/chị thẩm định.", "Thẩm định")
	textHas(c.t, "review page", c.bodyText(), "Thẩm định, chấm điểm – "+unit)
}

// filingRow is one scored row of the filing form, by its fields' names.
type filingRow struct {
	Code     string   `json:"code"`
	Max      string   `json:"max"`
	Inputs   []string `json:"inputs"`
	NA       string   `json:"na"` // the id of "không phát sinh"; empty for bonus and deduction rows
	Explain  string   `json:"explain"`
	Evidence string   `json:"evidence"`
}

func (c *chromeTab) filingRows() []filingRow {
	c.t.Helper()
	rows := runIn(c, chromedp.Evaluate[[]filingRow](`[...document.querySelectorAll('table.filing-table tbody tr')]
		.filter(tr => tr.querySelector('td.filing-inputs')).map(tr => ({
			code: tr.cells[0].innerText.trim(), max: tr.cells[2].innerText.trim(),
			inputs: [...tr.querySelectorAll('td.filing-inputs input.form-control')].map(i => i.name),
			na: tr.querySelector('input[type=checkbox]')?.id ?? "",
			explain: tr.querySelector('textarea').name, evidence: tr.cells[4].querySelector('input').name}))`))
	if len(rows) == 0 {
		c.t.Fatalf("the filing form has no rows; page says:\n%s", c.bodyText())
	}
	return rows
}

// summaryTotal is "Tổng điểm" of the i-th summary (0: self, 1: reviewed).
func (c *chromeTab) summaryTotal(i int) string {
	c.t.Helper()
	return c.evalString(fmt.Sprintf(`[...[...document.querySelectorAll('dl')][%d].querySelectorAll('dt')]
		.find(dt => dt.innerText.trim() === 'Tổng điểm').nextElementSibling.innerText.trim()`, i))
}

// xlsxFile is a downloaded workbook with what the server said about it.
type xlsxFile struct {
	URL    string `json:"url"`
	Status int    `json:"status"`
	Type   string `json:"type"`
	Saved  string `json:"saved"` // Content-Disposition: how the browser saves it
	Body   string `json:"body"`  // base64
}

// download fetches the target of the page's link with this text in the
// page itself (same cookies, same origin), as the browser's download would.
func (c *chromeTab) download(link string) xlsxFile {
	c.t.Helper()
	expr := fmt.Sprintf(`(async (text) => {
		const a = [...document.querySelectorAll('main a')].find(a => a.innerText.trim() === text);
		if (!a) return {url: "", status: 0, type: "", saved: "", body: ""};
		const r = await fetch(a.href);
		const bytes = new Uint8Array(await r.arrayBuffer());
		let bin = "";
		for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
		return {url: a.href, status: r.status, type: r.headers.get("content-type") ?? "",
			saved: r.headers.get("content-disposition") ?? "", body: btoa(bin)};
	})(%s)`, jsString(link))
	f := runIn(c, chromedp.Evaluate[xlsxFile](expr, chromedp.EvalAwaitPromise))
	if f.URL == "" {
		c.t.Fatalf("no link %q at %s; page says:\n%s", link, c.location(), c.bodyText())
	}
	return f
}

// check requires a real workbook that names the unit somewhere.
func (f xlsxFile) check(t *testing.T, name, unit string) {
	t.Helper()
	body, err := base64.StdEncoding.DecodeString(f.Body)
	switch {
	case err != nil:
		t.Fatalf("%s workbook (%s): %v", name, f.URL, err)
	case f.Status != 200:
		t.Errorf("%s workbook (%s): status %d", name, f.URL, f.Status)
		return
	case f.Type != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
		t.Errorf("%s workbook (%s): content type %q", name, f.URL, f.Type)
	case !strings.HasPrefix(f.Saved, "attachment;") || !strings.Contains(f.Saved, `.xlsx"`):
		t.Errorf("%s workbook (%s): Content-Disposition %q, want an attachment named *.xlsx", name, f.URL, f.Saved)
	case !bytes.HasPrefix(body, []byte("PK")):
		t.Errorf("%s workbook (%s) is not a zip file: %.40q", name, f.URL, body)
		return
	}
	wb, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Errorf("%s workbook (%s) does not open: %v", name, f.URL, err)
		return
	}
	defer wb.Close()
	for _, sheet := range wb.GetSheetList() {
		rows, err := wb.GetRows(sheet)
		if err != nil {
			t.Errorf("%s workbook, sheet %s: %v", name, sheet, err)
			continue
		}
		for _, r := range rows {
			for _, cell := range r {
				if strings.Contains(cell, unit) {
					return
				}
			}
		}
	}
	t.Errorf("%s workbook (%s) does not name %s in any sheet %q", name, f.URL, unit, wb.GetSheetList())
}

func nameSel(name string) string { return fmt.Sprintf(`[name=%q]`, name) }

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
