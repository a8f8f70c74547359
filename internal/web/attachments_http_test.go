package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/dossier"
	"thidua/internal/dossier/sample"
	"thidua/internal/seed"
)

// streamUpload posts a dossier's upload form as Chromium does: with
// Sec-Fetch-Site, so nothing before the handler reads the body and the
// file streams into the app.
func (b *browser) streamUpload(path string, fields map[string]string, filename string, data []byte) reply {
	b.t.Helper()
	body, ct := tableForm(b.t, fields, filename, data)
	req, _ := http.NewRequest(http.MethodPost, b.site.URL+path, body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.do(req)
}

// attachmentCount is the number of stored files and chunks.
func attachmentCount(t *testing.T, s *site) (n int) {
	t.Helper()
	if err := s.store.SQL().QueryRow("SELECT (SELECT count(*) FROM attachments) + (SELECT count(*) FROM attachment_chunks)").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDossierHTTP(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))
	pr, err := s.app.CreateProposal(ctx, auth.System, app.ProposalInput{Year: 2034, ProposerUnitID: th, Title: string(award.TapTheLaoDongTienTien)})
	if err != nil {
		t.Fatal(err)
	}
	page := "/proposals/" + itoa(pr.ID)
	b := s.browser(t)
	b.login("canbo.thanhhoa")

	// The page lists the parts the rules require, all missing; sending up is refused, naming them.
	r := b.get(page)
	wantText(t, "proposal page", r, `id="dossier-missing"`, "Tờ trình đề nghị khen thưởng", "Điều 84 khoản 1 Luật Thi đua, khen thưởng 2022 điểm a",
		`enctype="multipart/form-data"`, `action="`+page+`/attachments"`)
	r = b.post(page+"/submit", url.Values{"version": {"1"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Hồ sơ đề nghị còn thiếu: Tờ trình đề nghị khen thưởng; Báo cáo thành tích; Biên bản họp xét") {
		t.Fatalf("submit of an incomplete dossier: %d", r.status)
	}

	// Files by their bytes: a program renamed .pdf is refused, nothing written.
	before := attachmentCount(t, s)
	r = b.streamUpload(page+"/attachments", map[string]string{"part": "to_trinh"}, "to-trinh.pdf", sample.Program())
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "chương trình Windows") {
		t.Fatalf("renamed exe: %d", r.status)
	}
	r = b.streamUpload(page+"/attachments", map[string]string{"part": "to_trinh"}, "to-trinh.pdf", sample.PDFWithScript("/JavaScript"))
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "JavaScript") {
		t.Fatalf("PDF with a script: %d", r.status)
	}
	if n := attachmentCount(t, s); n != before {
		t.Fatalf("refused uploads wrote %d rows", n-before)
	}

	// Streamed (Sec-Fetch-Site), and through the parsed form (token only): both store the file.
	toTrinh := sample.PDF("To trinh", 600_000)
	r = b.streamUpload(page+"/attachments", map[string]string{"part": "to_trinh"}, "Tờ trình.pdf", toTrinh)
	if r.status != http.StatusSeeOther || r.location != page {
		t.Fatalf("streamed upload: %d %s", r.status, r.body)
	}
	r = b.upload(page+"/attachments", map[string]string{"part": "bao_cao"}, "Báo cáo thành tích.docx", sample.DOCX("Báo cáo"))
	if r.status != http.StatusSeeOther {
		t.Fatalf("form upload: %d %s", r.status, r.body)
	}
	// The API: a plain multipart upload with a bearer token.
	tok := s.token(t, "canbo.thanhhoa")
	st, out := apiUpload(t, s, tok, page+"/attachments", map[string]string{"part": "bien_ban"}, sample.PNG())
	if st != http.StatusCreated || out["part"] != "bien_ban" || out["kind"] != "png" {
		t.Fatalf("API upload: %d %v", st, out)
	}
	// Download and preview: the bytes, their type, nosniff, and for the preview a CSP without scripts.
	st, list := s.api(t, tok, http.MethodGet, page+"/attachments", nil)
	files, _ := list["files"].([]any)
	if st != http.StatusOK || len(files) != 3 {
		t.Fatalf("API dossier: %d %v", st, list)
	}
	pdfID := int64(files[0].(map[string]any)["id"].(float64))
	docxID := int64(files[1].(map[string]any)["id"].(float64))
	// While a draft, another unit may not read its files (once sent up, the proposal and its dossier are public).
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/api/v1/attachments/"+itoa(pdfID), nil)
	req.Header.Set("Authorization", "Bearer "+s.token(t, "canbo.nghean"))
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusForbidden {
		t.Fatalf("another unit downloads a file of a proposal it may not see: %v %v", res, err)
	}

	r = b.get(page)
	wantText(t, "complete dossier", r, `id="dossier-complete"`, "Tờ trình.pdf", "Báo cáo thành tích.docx")
	if r := b.post(page+"/submit", url.Values{"version": {"1"}}); r.status != http.StatusSeeOther {
		t.Fatalf("submit of a complete dossier: %d %s", r.status, r.body)
	}

	board := s.browser(t)
	board.login("hoidong")
	res, got := board.download("/attachments/" + itoa(pdfID) + "/preview")
	sum := sha256.Sum256(toTrinh)
	if res.StatusCode != http.StatusOK || !bytes.Equal(got, toTrinh) || res.Header.Get("Content-Type") != "application/pdf" ||
		res.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "inline;") ||
		!strings.Contains(res.Header.Get("Content-Security-Policy"), "script-src 'none'") || res.Header.Get("X-Checksum-SHA256") != dossier.Hex(sum[:]) {
		t.Fatalf("preview: %d %v (%d bytes)", res.StatusCode, res.Header, len(got))
	}
	res, _ = board.download("/attachments/" + itoa(docxID) + "/preview")
	if !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment;") || !strings.Contains(res.Header.Get("Content-Disposition"), "filename*=UTF-8''B%C3%A1o") {
		t.Fatalf("a DOCX is not previewed: %v", res.Header)
	}
	// The level above gets the bundle, and a unit imports it into another draft.
	res, zipped := board.download(page + "/bundle")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("bundle: %d %v", res.StatusCode, res.Header)
	}
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil || len(zr.File) != 4 || zr.File[0].Name != dossier.IndexName {
		t.Fatalf("bundle holds %v (%v)", zr, err)
	}
	other, err := s.app.CreateProposal(ctx, auth.System, app.ProposalInput{Year: 2035, ProposerUnitID: th, Title: string(award.TapTheLaoDongTienTien)})
	if err != nil {
		t.Fatal(err)
	}
	r = b.streamUpload("/proposals/"+itoa(other.ID)+"/bundle", nil, "ho-so.zip", zipped)
	if r.status != http.StatusSeeOther {
		t.Fatalf("bundle import: %d %s", r.status, r.body)
	}
	if r := b.get("/proposals/" + itoa(other.ID)); !strings.Contains(r.body, `id="dossier-complete"`) {
		t.Fatal("the imported bundle does not complete the dossier")
	}
	// A ZIP cut short is no bundle.
	r = b.streamUpload("/proposals/"+itoa(other.ID)+"/bundle", nil, "ho-so.zip", zipped[:len(zipped)/2])
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "không phải gói hồ sơ") {
		t.Fatalf("half a bundle: %d", r.status)
	}
}

// completeDossierHTTP uploads, through the proposal page's form, a PDF
// for every part its dossier lacks.
func completeDossierHTTP(t *testing.T, b *browser, page string) {
	t.Helper()
	for _, part := range []dossier.Part{dossier.ToTrinh, dossier.BaoCao, dossier.BienBan, dossier.XacNhan} {
		if !strings.Contains(b.get(page).body, `data-part="`+string(part)+`"><span class="text-danger"`) {
			continue
		}
		if r := b.streamUpload(page+"/attachments", map[string]string{"part": string(part)}, string(part)+".pdf", sample.PDF(string(part), 0)); r.status != http.StatusSeeOther {
			t.Fatalf("upload %s: %d %s", part, r.status, r.body)
		}
	}
}
