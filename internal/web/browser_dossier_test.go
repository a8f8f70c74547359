package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/dossier"
	"thidua/internal/dossier/sample"
	"thidua/internal/seed"
	"thidua/internal/store"
	"thidua/internal/xlsx"
)

// TestBrowserDossier: a unit's officer assembles a proposal's dossier in
// Chromium, file by file; sending it up is refused while a part is
// missing, and a renamed program is refused; complete, it is sent up, and
// the board (the level above) opens the bundle: its index lists every
// file with the SHA-256 the files have.
func TestBrowserDossier(t *testing.T) {
	requireChromium(t)
	var proposalID int64
	base := serveDemo(t, "Viện kiểm sát nhân dân tối cao", func(a *app.App, s *store.Store) {
		th, err := s.UnitByCode(context.Background(), seed.ProvinceCode("Thanh Hóa"))
		if err != nil {
			t.Fatal(err)
		}
		pr, err := a.CreateProposal(context.Background(), auth.System, app.ProposalInput{Year: 2026, ProposerUnitID: th.ID,
			Title: string(award.BangKhenNganh), Summary: "Dẫn đầu phong trào thi đua năm 2026"})
		if err != nil {
			t.Fatal(err)
		}
		proposalID = pr.ID
	})
	tab := newChromeTabFor(t, base, 120e9)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	toTrinh := sample.PDF("To trinh de nghi Bang khen", 400_000)
	files := map[dossier.Part]string{
		dossier.ToTrinh: write("Tờ trình.pdf", toTrinh),
		dossier.BaoCao:  write("Báo cáo thành tích.docx", sample.DOCX("Báo cáo thành tích năm 2026")),
		dossier.BienBan: write("Biên bản họp Hội đồng.png", sample.PNG()),
	}
	page := "/proposals/" + itoa(proposalID)

	tab.open("/login")
	tab.signIn("canbo.thanhhoa")
	tab.open(page)
	textHas(t, "empty dossier", tab.text("#dossier"), "Hồ sơ còn thiếu 3 thành phần", "Chưa có tệp nào.")
	tab.clickButton("Gửi đề nghị", 422)
	textHas(t, "refused submission", tab.bodyText(), "Hồ sơ đề nghị còn thiếu: Tờ trình đề nghị khen thưởng; Báo cáo thành tích; Biên bản họp xét")

	// A program renamed .pdf: refused by its bytes, said beside the field.
	exe := write("Tờ trình (2).pdf", sample.Program())
	tab.do(chromedp.SetValue(chromedp.CSS(`#part`), string(dossier.ToTrinh)), chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{exe}))
	tab.clickButton("Tải lên", 422)
	textHas(t, "renamed program", tab.bodyText(), "Tệp là chương trình Windows (.exe, .dll), không phải tài liệu")

	for _, part := range []dossier.Part{dossier.ToTrinh, dossier.BaoCao, dossier.BienBan} {
		tab.do(chromedp.SetValue(chromedp.CSS(`#part`), string(part)), chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{files[part]}))
		tab.clickButton("Tải lên")
		textHas(t, "uploaded "+string(part), tab.bodyText(), "Đã tải lên "+part.Label(), filepath.Base(files[part]))
	}
	textHas(t, "complete dossier", tab.text("#dossier"), "Hồ sơ đủ các thành phần bắt buộc.", "Tờ trình.pdf", "Báo cáo thành tích.docx", "Biên bản họp Hội đồng.png")
	tab.screenshot("dossier-complete.png")
	tab.clickButton("Gửi đề nghị")
	textHas(t, "sent up", tab.bodyText(), "Đã gửi đề nghị khen thưởng")
	tab.signOut()

	// The level above: the board opens the proposal, previews the picture, and downloads the bundle.
	tab.signIn("hoidong")
	tab.open(page)
	textHas(t, "board's view", tab.text("#dossier"), "Hồ sơ đủ các thành phần bắt buộc.", "Tải gói hồ sơ (.zip, kèm danh mục)")
	preview := tab.evalString(`[...document.querySelectorAll('#dossier-files a')].filter(a => a.innerText === 'Xem').map(a => a.getAttribute('href')).pop()`)
	tab.open(preview)
	if ct := tab.evalString(`document.contentType`); ct != "image/png" {
		t.Errorf("preview of the picture is %q", ct)
	}
	tab.open(page)
	b64 := runIn(tab, chromedp.Evaluate[string](`fetch(document.querySelector('#bundle-link').href).then(r => r.arrayBuffer()).then(b => {
		let s = ''; const u = new Uint8Array(b); for (let i = 0; i < u.length; i++) s += String.fromCharCode(u[i]); return btoa(s) })`, chromedp.EvalAwaitPromise))
	zipped, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil || len(zr.File) != 4 || zr.File[0].Name != dossier.IndexName {
		t.Fatalf("bundle: %v, %v", zr, err)
	}
	rc, _ := zr.File[0].Open()
	index, err := xlsx.ReadBundleIndex(rc, int64(zr.File[0].UncompressedSize64))
	if err != nil || len(index) != 3 {
		t.Fatalf("index: %+v %v", index, err)
	}
	want := sha256.Sum256(toTrinh)
	if index[0].Part != dossier.ToTrinh || index[0].Name != "Tờ trình.pdf" || index[0].SHA256 != dossier.Hex(want[:]) {
		t.Errorf("index row 1: %+v", index[0])
	}
	for i, e := range index {
		f := zr.File[i+1]
		r, _ := f.Open()
		h := sha256.New()
		n, _ := io.Copy(h, r)
		if f.Name != e.Path || n != e.Size || dossier.Hex(h.Sum(nil)) != e.SHA256 {
			t.Errorf("file %s (%d bytes) does not match its index row %+v", f.Name, n, e)
		}
	}
}

// uploadMissingParts uploads, through the proposal page's form, a PDF for
// every part its dossier still lacks; each upload comes back to the page.
func (c *chromeTab) uploadMissingParts() {
	c.t.Helper()
	missing := c.evalString(`[...document.querySelectorAll('#dossier-required li')].filter(li => li.querySelector('.text-danger')).map(li => li.dataset.part).join(' ')`)
	dir := c.t.TempDir()
	for _, part := range strings.Fields(missing) {
		p := filepath.Join(dir, part+".pdf")
		if err := os.WriteFile(p, sample.PDF(part, 0), 0o644); err != nil {
			c.t.Fatal(err)
		}
		c.do(chromedp.SetValue(chromedp.CSS(`#part`), part), chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{p}))
		c.clickButton("Tải lên")
	}
}
