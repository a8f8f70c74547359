package web_test

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"thidua/internal/app"
	"thidua/internal/scoring"
	"thidua/internal/seed"
	"thidua/internal/store"
)

// TestBrowserSelfWorkbook: a unit fills its self-assessment offline, in
// Chromium — the template from the filing page's link, a file with a
// mistake refused with the problem's place, the corrected file's summary,
// confirmed, and the filing page showing the draft.
func TestBrowserSelfWorkbook(t *testing.T) {
	requireChromium(t)
	var a *app.App
	var st *store.Store
	base := serveDemo(t, "Viện kiểm sát nhân dân tối cao", func(x *app.App, xs *store.Store) {
		a, st = x, xs
		a.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	})
	tab := newChromeTab(t, base)
	tab.open("/login")
	tab.signIn("canbo.nghean")
	tab.open("/years/2026/filing")
	tab.screenshot("filing-with-workbook-links.png")
	book := tab.download("Tải mẫu Excel để tự chấm")
	book.check(t, "self-assessment template", "Nghệ An")
	data, err := base64.StdEncoding.DecodeString(book.Body)
	if err != nil {
		t.Fatal(err)
	}
	na, err := st.UnitByCode(context.Background(), seed.ProvinceCode("Nghệ An"))
	if err != nil {
		t.Fatal(err)
	}
	officer, err := st.UserByName(context.Background(), "canbo.nghean")
	if err != nil {
		t.Fatal(err)
	}
	v, err := a.Filing(context.Background(), officer.Principal(), 2026, na.ID)
	if err != nil {
		t.Fatal(err)
	}
	filled, want := fillSelf(t, data, v.Table)
	var fixed scoring.Criterion
	for _, c := range v.Table.Criteria {
		if c.Method == scoring.Fixed {
			fixed = c
			break
		}
	}
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "tu-cham.xlsx"), filepath.Join(dir, "tu-cham-sai.xlsx")
	if err := os.WriteFile(good, filled, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, setByCode(t, filled, fixed.Code, "F", fixed.Max+1), 0o644); err != nil {
		t.Fatal(err)
	}

	tab.clickLink("Nhập từ tệp Excel")
	tab.do(chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{bad}))
	tab.clickButton("Kiểm tra tệp", 422)
	textHas(t, "problems", tab.bodyText(), "Tệp có 1 lỗi cần sửa; chưa có gì được lưu.", "Các lỗi trong tệp tu-cham-sai.xlsx (1)",
		"Điểm tự chấm", "điểm từ 0 đến "+scoring.FormatNumber(fixed.Max))
	tab.screenshot("self-import-problems.png")

	tab.do(chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{good}))
	tab.clickButton("Kiểm tra tệp")
	textHas(t, "summary", tab.bodyText(), "Tệp tu-cham.xlsx hợp lệ", itoa(int64(len(want)))+" tiêu chí nhập mới", "Xác nhận lưu")
	tab.screenshot("self-import-summary.png")
	tab.clickButton("Xác nhận lưu")
	textHas(t, "saved", tab.bodyText(), "Đã nhập bản tự chấm điểm từ tệp Excel (bản nháp)", "Đang tự chấm")
	tab.screenshot("self-import-saved.png")
}
