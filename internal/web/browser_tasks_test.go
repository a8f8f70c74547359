package web_test

import (
	"strings"
	"testing"

	"thidua/internal/app"
	"thidua/internal/seed"
	"thidua/internal/store"
)

// TestBrowserEachRoleCompletesATask: each role signs in on the fixture day,
// takes a task from its home page by the task's own button and does it
// there, and the record shows it done (the viewer's task is to read).
func TestBrowserEachRoleCompletesATask(t *testing.T) {
	requireChromium(t)
	var st *store.Store
	tab := newChromeTabFor(t, serveDemo(t, "Viện kiểm sát nhân dân tối cao", func(_ *app.App, x *store.Store) { st = x }), 120e9)
	dialogs := tab.acceptDialogs()
	count := func(sql string, args ...any) int {
		t.Helper()
		var n int
		if err := st.ScanForTest(&n, sql, args...); err != nil {
			t.Fatal(err)
		}
		return n
	}
	unitFilings := `SELECT count(*) FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.year = 2026 AND u.code = ? AND a.status = ?`

	// Nghệ An has not started its self-assessment: it saves a first draft.
	tab.open("/login")
	tab.signIn("canbo.nghean")
	tab.openTask("", "Tự chấm điểm")
	tab.screenshot("task-canbo.nghean-filing.png")
	tab.clickButton("Lưu nháp")
	if n := count(unitFilings, seed.ProvinceCode("Nghệ An"), "draft"); n != 1 {
		t.Errorf("Nghệ An's drafts after saving from its task: %d, want 1", n)
	}
	tab.signOut()

	// Thanh Hóa finishes its draft proposal and sends it.
	drafts := `SELECT count(*) FROM proposals p JOIN units u ON u.id = p.proposer_unit_id WHERE p.year = 2026 AND u.code = ? AND p.status = 'draft'`
	before := count(drafts, seed.ProvinceCode("Thanh Hóa"))
	tab.open("/login")
	tab.signIn("canbo.thanhhoa")
	tab.openTask("", "Hoàn thiện và gửi đề nghị")
	tab.screenshot("task-canbo.thanhhoa-proposal.png")
	tab.uploadMissingParts()
	tab.clickButton("Gửi đề nghị")
	if after := count(drafts, seed.ProvinceCode("Thanh Hóa")); after != before-1 {
		t.Errorf("Thanh Hóa's draft proposals: %d before sending from its task, %d after; want one fewer", before, after)
	}
	tab.signOut()

	// The board opens a cluster's filings awaiting review and completes one.
	reviewed := `SELECT count(*) FROM assessments WHERE year = 2026 AND status = 'reviewed'`
	before = count(reviewed)
	tab.open("/login")
	tab.signIn("hoidong")
	tab.openTask("", "Xem các bản chờ thẩm định")
	if !strings.HasSuffix(tab.location(), "/review") { // a cluster with several: its progress board
		tab.clickXPath("a filing's review", `//main//a[contains(@href, "/review")]`, 200)
	}
	textHas(t, "the board's review page", tab.bodyText(), "Thẩm định, chấm điểm – ")
	tab.screenshot("task-hoidong-review.png")
	tab.clickButton("Hoàn thành thẩm định")
	dialogs.expect(t, "Hoàn thành thẩm định?")
	if after := count(reviewed); after != before+1 {
		t.Errorf("reviewed filings: %d before the board's task, %d after; want one more", before, after)
	}
	tab.signOut()

	// The viewer's task is the year's results.
	tab.open("/login")
	tab.signIn("xem")
	tab.openTask("", "Xem bảng xếp hạng")
	textHas(t, "the viewer's task page", tab.bodyText(), "Kết quả chấm điểm, xếp hạng thi đua năm 2026")
}
