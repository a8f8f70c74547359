package web_test

import (
	"context"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/docx/docxtest"
	"thidua/internal/seed"
)

// TestCertificatesHTTP: the board positions the fields of the Supreme
// Procuracy's Bằng khen blank on the form (a bad number is refused on its
// field, nothing saved), prints the calibration sheet, and prints a
// decision's certificates, each field within 1 mm of where it was put.
func TestCertificatesHTTP(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.app.Now = func() time.Time { return time.Date(2026, 12, 15, 9, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))
	personID := wordPerson(t, s, th)
	pr := submitProposal(t, s, app.ProposalInput{Year: 2026, ProposerUnitID: th, PersonID: &personID, Title: string(award.BangKhenNganh), Summary: "Thành tích xuất sắc"})
	dv, err := s.app.Decide(ctx, auth.System, app.DecisionInput{Year: 2026, Number: "125/QĐ-VKSTC", DecidedOn: awardDocTime(time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)),
		Signer: "Lê Minh Trí", Items: []app.DecisionItem{{ProposalID: pr.ID, Version: pr.Version, OverrideReason: "Hội đồng xét thành tích"}}})
	if err != nil {
		t.Fatal(err)
	}

	board := s.browser(t)
	board.login("hoidong")
	page := board.get("/certificates/supreme/bang_khen")
	if page.status != http.StatusOK || !strings.Contains(page.body, "Căn chỉnh phôi Bằng khen") || !strings.Contains(page.body, "chưa được căn chỉnh") {
		t.Fatalf("calibration form: %d\n%s", page.status, page.body)
	}
	form := url.Values{"version": {"0"}, "width_mm": {"280"}, "height_mm": {"200"}}
	pos := map[string][3]string{ // x, y, size as a board types them
		"name": {"140", "83,5", "22"}, "position": {"140", "97", "15"}, "title": {"140", "110", "16"}, "decision": {"37,2", "170", "12"},
		"date": {"205", "132", "14"}, "signer": {"205", "140", "14"}, "signer_name": {"205", "176", "15"},
	}
	keys := []string{"name", "position", "title", "decision", "date", "signer", "signer_name"}
	for i, k := range keys {
		at := "fields." + itoa(int64(i)) + "."
		form.Set(at+"x_mm", pos[k][0])
		form.Set(at+"y_mm", pos[k][1])
		form.Set(at+"size_pt", pos[k][2])
		if k != "decision" {
			form.Set(at+"center", "1")
		}
	}
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("fields.0.x_mm", "300")
	r := board.send(http.MethodPut, "/certificates/supreme/bang_khen", bad)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Họ và tên / tên tập thể: khoảng cách từ mép trái phải từ 0 đến 280 mm.") {
		t.Fatalf("a field off the blank: %d\n%s", r.status, r.body)
	}
	tok := s.token(t, "hoidong")
	if st, got := s.api(t, tok, http.MethodGet, "/certificates/supreme/bang_khen", nil); st != http.StatusOK || got["saved"] != false {
		t.Fatalf("refused form saved something: %d %v", st, got)
	}
	if r = board.send(http.MethodPut, "/certificates/supreme/bang_khen", form); r.status != http.StatusSeeOther {
		t.Fatalf("saving the layout: %d\n%s", r.status, r.body)
	}
	st, got := s.api(t, tok, http.MethodGet, "/certificates/supreme/bang_khen", nil)
	if st != http.StatusOK || got["saved"] != true || got["width_mm"] != 280.0 || got["version"] != 1.0 {
		t.Fatalf("the saved layout: %d %v", st, got)
	}
	// A stale version is a conflict.
	if r = board.send(http.MethodPut, "/certificates/supreme/bang_khen", form); r.status != http.StatusConflict {
		t.Fatalf("saving over a newer layout: %d", r.status)
	}

	_, cal := wordFetch(t, board, "/certificates/supreme/bang_khen/calibration.pdf", "application/pdf")
	if all := docxtest.Squash(strings.Join(docxtest.Pages(t, cal), " ")); !strings.Contains(all, "Số quyết định (37,2; 170 mm)") {
		t.Fatalf("calibration sheet:\n%s", all)
	}

	_, certs := wordFetch(t, board, "/decisions/"+itoa(dv.ID)+"/certificates.pdf?kind=bang_khen", "application/pdf")
	pages := docxtest.Pages(t, certs)
	if len(pages) != 1 {
		t.Fatalf("%d pages for one award", len(pages))
	}
	words := docxtest.Words(t, certs)
	want := map[string]string{"name": "Bà Phạm Thị Hồng", "position": "Kiểm sát viên trung cấp,", "title": "Đã có thành tích xuất sắc",
		"decision": "Quyết định số 125/QĐ-VKSTC", "date": "Hà Nội, ngày 05 tháng 12 năm 2026", "signer": "VIỆN TRƯỞNG", "signer_name": "Lê Minh Trí"}
	for _, k := range keys {
		line := wordLine(words, want[k])
		if line == nil {
			t.Errorf("%s %q not on the certificate: %s", k, want[k], pages[0])
			continue
		}
		x, y := line[0].XMin, line[0].YMin
		if k != "decision" { // centred: the centre of the whole line
			x = centreOfLine(words, line[0])
		}
		wx, wy := mmOf(pos[k][0]), mmOf(pos[k][1])
		if math.Abs(x-wx) > 1 || math.Abs(y-wy) > 1 {
			t.Errorf("%s printed at (%.2f; %.2f) mm, calibrated at (%.1f; %.1f)", k, x, y, wx, wy)
		}
	}
	docxtest.PNG(t, certs, "../../artifacts/documents", "bang-khen-quyet-dinh")

	viewer := s.browser(t)
	viewer.login("xem")
	if st, _ := wordFetch(t, viewer, "/decisions/"+itoa(dv.ID)+"/certificates.pdf", "application/pdf"); st != http.StatusForbidden {
		t.Fatalf("a viewer prints certificates: %d", st)
	}
}

// mmOf reads a length typed the Vietnamese way ("83,5").
func mmOf(s string) float64 {
	v, _ := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return v
}

// wordLine finds the words of text in a row.
func wordLine(words []docxtest.Word, text string) []docxtest.Word {
	want := strings.Fields(text)
	for i := range words {
		if i+len(want) > len(words) {
			break
		}
		ok := true
		for j, w := range want {
			if words[i+j].Text != w {
				ok = false
				break
			}
		}
		if ok {
			return words[i : i+len(want)]
		}
	}
	return nil
}

// centreOfLine is the middle of the line the word starts: its words on the
// same baseline.
func centreOfLine(words []docxtest.Word, first docxtest.Word) float64 {
	lo, hi := first.XMin, first.XMax
	for _, w := range words {
		if w.Page == first.Page && math.Abs(w.YMin-first.YMin) < 0.3 {
			lo, hi = math.Min(lo, w.XMin), math.Max(hi, w.XMax)
		}
	}
	return (lo + hi) / 2
}
