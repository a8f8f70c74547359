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
	"thidua/internal/document"
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
	blank := "/units/" + itoa(s.unit(t, seed.CodeSupreme)) + "/certificates/bang_khen"
	page := board.get(blank)
	if page.status != http.StatusOK || !strings.Contains(page.body, "Căn chỉnh phôi Bằng khen") || !strings.Contains(page.body, "chưa được căn chỉnh") {
		t.Fatalf("calibration form: %d\n%s", page.status, page.body)
	}
	form := certForm("280", "200", map[string][3]string{ // x, y, size as a board types them
		"name": {"140", "83,5", "22"}, "position": {"140", "97", "15"}, "title": {"140", "110", "16"}, "decision": {"37,2", "170", "12"},
		"date": {"205", "132", "14"}, "signer": {"205", "140", "14"}, "signer_name": {"205", "176", "15"},
	})
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("fields.0.x_mm", "300")
	r := board.send(http.MethodPut, blank, bad)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Họ và tên / tên tập thể: khoảng cách từ mép trái phải từ 0 đến 280 mm.") {
		t.Fatalf("a field off the blank: %d\n%s", r.status, r.body)
	}
	tok := s.token(t, "hoidong")
	if st, got := s.api(t, tok, http.MethodGet, blank, nil); st != http.StatusOK || got["saved"] != false {
		t.Fatalf("refused form saved something: %d %v", st, got)
	}
	if r = board.send(http.MethodPut, blank, form); r.status != http.StatusSeeOther {
		t.Fatalf("saving the layout: %d\n%s", r.status, r.body)
	}
	st, got := s.api(t, tok, http.MethodGet, blank, nil)
	if st != http.StatusOK || got["saved"] != true || got["width_mm"] != 280.0 || got["version"] != 1.0 {
		t.Fatalf("the saved layout: %d %v", st, got)
	}
	// A stale version is a conflict.
	if r = board.send(http.MethodPut, blank, form); r.status != http.StatusConflict {
		t.Fatalf("saving over a newer layout: %d", r.status)
	}

	_, cal := wordFetch(t, board, blank+"/calibration.pdf", "application/pdf")
	if all := docxtest.Squash(strings.Join(docxtest.Pages(t, cal), " ")); !strings.Contains(all, "Số quyết định (37,2; 170 mm)") {
		t.Fatalf("calibration sheet:\n%s", all)
	}

	_, certs := wordFetch(t, board, "/decisions/"+itoa(dv.ID)+"/certificates.pdf?kind=bang_khen", "application/pdf")
	pages := docxtest.Pages(t, certs)
	if len(pages) != 1 {
		t.Fatalf("%d pages for one award", len(pages))
	}
	want := document.Certificate{"name": "Bà Phạm Thị Hồng", "position": "Kiểm sát viên trung cấp,", "title": "Đã có thành tích xuất sắc",
		"decision": "Quyết định số 125/QĐ-VKSTC", "date": "Hà Nội, ngày 05 tháng 12 năm 2026", "signer": "VIỆN TRƯỞNG", "signer_name": "Lê Minh Trí"}
	checkPlaced(t, docxtest.Words(t, certs), 1, want, form)
	docxtest.PNG(t, certs, "../../artifacts/documents", "bang-khen-quyet-dinh")

	viewer := s.browser(t)
	viewer.login("xem")
	if st, _ := wordFetch(t, viewer, "/decisions/"+itoa(dv.ID)+"/certificates.pdf", "application/pdf"); st != http.StatusForbidden {
		t.Fatalf("a viewer prints certificates: %d", st)
	}
}

// certForm is the calibration form as a board fills it in: the blank's
// size and, by field key, x, y and size typed the Vietnamese way; every
// field centred but the decision number.
func certForm(width, height string, pos map[string][3]string) url.Values {
	form := url.Values{"version": {"0"}, "width_mm": {width}, "height_mm": {height}}
	for i, f := range document.CertFields {
		at := "fields." + itoa(int64(i)) + "."
		form.Set(at+"x_mm", pos[f.Key][0])
		form.Set(at+"y_mm", pos[f.Key][1])
		form.Set(at+"size_pt", pos[f.Key][2])
		if f.Key != "decision" {
			form.Set(at+"center", "1")
		}
	}
	return form
}

// checkPlaced checks that each field of the certificate on page starts
// within 1 mm of where form put it: the top of its first line, and its
// left edge or, centred, the middle of that line. want holds each field's
// text, or its first words.
func checkPlaced(t *testing.T, words []docxtest.Word, page int, want document.Certificate, form url.Values) {
	t.Helper()
	var on []docxtest.Word
	for _, w := range words {
		if w.Page == page {
			on = append(on, w)
		}
	}
	for i, f := range document.CertFields {
		text, _, _ := strings.Cut(want[f.Key], "\n")
		line := wordLine(on, text)
		if line == nil {
			t.Errorf("page %d: %s %q not on the certificate", page, f.Key, text)
			continue
		}
		at := "fields." + itoa(int64(i)) + "."
		x, y := line[0].XMin, line[0].YMin
		if form.Get(at+"center") != "" { // centred: the centre of the whole line
			x = centreOfLine(on, line[0])
		}
		wx, wy := mmOf(form.Get(at+"x_mm")), mmOf(form.Get(at+"y_mm"))
		if math.Abs(x-wx) > 1 || math.Abs(y-wy) > 1 {
			t.Errorf("page %d: %s printed at (%.2f; %.2f) mm, calibrated at (%.1f; %.1f)", page, f.Key, x, y, wx, wy)
		}
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

// TestProvincialCertificates: the board of VKSND tỉnh Vĩnh Long (the
// demo's hoidong.vinhlong) calibrates its own Giấy khen blank and prints
// the certificates of the decision its level took in the demo, one page
// per award, each field within 1 mm of where it put it. It is refused the
// sector's blanks, another province's blanks and another province's
// decision; the sector's board is refused its decision; the province's
// officer may do none of it. The decision page offers printing only to
// whoever may print.
func TestProvincialCertificates(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.app.Now = func() time.Time { return time.Date(2026, 12, 15, 9, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	db := s.store.SQL()
	vl, na := s.unit(t, seed.ProvinceCode("Vĩnh Long")+"-2025"), s.unit(t, seed.ProvinceCode("Nghệ An"))
	decisionOf := func(unit int64) int64 {
		t.Helper()
		var id int64
		if err := db.QueryRow(`SELECT id FROM decisions WHERE unit_id = $1 ORDER BY id LIMIT 1`, unit).Scan(&id); err != nil {
			t.Fatalf("the demo's decision of unit %d: %v", unit, err)
		}
		return id
	}
	own, other := decisionOf(vl), decisionOf(na)
	var awards int
	if err := db.QueryRow(`SELECT count(*) FROM proposals WHERE decision_id = $1`, own).Scan(&awards); err != nil || awards < 2 {
		t.Fatalf("Vĩnh Long's decision holds %d awards (%v): the test wants several pages", awards, err)
	}
	blank := "/units/" + itoa(vl) + "/certificates/giay_khen"

	council := s.browser(t)
	council.login("hoidong.vinhlong")
	page := council.get("/decisions/" + itoa(own))
	if page.status != http.StatusOK || !strings.Contains(page.body, "In Giấy khen (PDF)") || strings.Contains(page.body, "In Bằng khen") ||
		!strings.Contains(page.body, `href="`+blank+`"`) {
		t.Fatalf("the province's decision page offers its council: %d\n%s", page.status, page.body)
	}
	if page = council.get("/decisions/" + itoa(other)); page.status != http.StatusOK || strings.Contains(page.body, "certificates.pdf") || strings.Contains(page.body, "Căn chỉnh phôi") {
		t.Fatalf("another province's decision page offers printing: %d", page.status)
	}
	// The council's page leads its board to the blanks; not the sector's board.
	var councilID int64
	if err := db.QueryRow(`SELECT id FROM councils WHERE unit_id = $1 ORDER BY year DESC LIMIT 1`, vl).Scan(&councilID); err != nil {
		t.Fatalf("the demo's council of Vĩnh Long: %v", err)
	}
	if page = council.get("/councils/" + itoa(councilID)); page.status != http.StatusOK || !strings.Contains(page.body, `href="`+blank+`"`) {
		t.Fatalf("the council's page links its blanks: %d\n%s", page.status, page.body)
	}
	sector := s.browser(t)
	sector.login("hoidong")
	if page = sector.get("/councils/" + itoa(councilID)); page.status != http.StatusOK || strings.Contains(page.body, "/certificates/") {
		t.Fatalf("the province's council page offers the sector's board its blanks: %d", page.status)
	}
	if page = council.get(blank); page.status != http.StatusOK || !strings.Contains(page.body, "Căn chỉnh phôi Giấy khen – Viện kiểm sát nhân dân tỉnh Vĩnh Long") {
		t.Fatalf("the province's calibration form: %d\n%s", page.status, page.body)
	}
	// A provincial procuracy issues no Bằng khen of its own.
	tok := s.token(t, "hoidong.vinhlong")
	if st, _ := s.api(t, tok, http.MethodGet, "/units/"+itoa(vl)+"/certificates/bang_khen", nil); st != http.StatusNotFound {
		t.Fatalf("a province's Bằng khen blank: %d", st)
	}

	// The province's own blank: 250 × 180 mm, positioned on the form.
	form := certForm("250", "180", map[string][3]string{
		"name": {"125", "70", "20"}, "position": {"125", "84,5", "13"}, "title": {"125", "97", "15"}, "decision": {"28,4", "160", "11"},
		"date": {"180", "118", "13"}, "signer": {"180", "126", "13"}, "signer_name": {"180", "158,5", "14"},
	})
	before := auditRows(t, s)
	if r := council.send(http.MethodPut, blank, form); r.status != http.StatusSeeOther || r.header.Get("Location") != blank {
		t.Fatalf("saving the province's layout: %d %s\n%s", r.status, r.header.Get("Location"), r.body)
	}
	var entity int64
	if err := db.QueryRow(`SELECT entity_id FROM audit_log WHERE entity = 'certificate_layout' ORDER BY id DESC LIMIT 1`).Scan(&entity); err != nil || entity != vl || auditRows(t, s) != before+1 {
		t.Fatalf("the calibration's audit: unit %d (%v), %d → %d rows", entity, err, before, auditRows(t, s))
	}
	st, got := s.api(t, tok, http.MethodGet, "/units/"+itoa(vl)+"/certificates/giay_khen", nil)
	if st != http.StatusOK || got["saved"] != true || got["unit_id"] != float64(vl) || got["width_mm"] != 250.0 || got["version"] != 1.0 {
		t.Fatalf("the saved layout: %d %v", st, got)
	}
	// Each unit its own blanks: the Supreme Procuracy's stay uncalibrated.
	st, got = s.api(t, s.token(t, "hoidong"), http.MethodGet, "/units/"+itoa(s.unit(t, seed.CodeSupreme))+"/certificates/giay_khen", nil)
	if st != http.StatusOK || got["saved"] != false {
		t.Fatalf("the sector's Giấy khen after the province calibrated: %d %v", st, got)
	}

	_, certs := wordFetch(t, council, "/decisions/"+itoa(own)+"/certificates.pdf", "application/pdf")
	if pages := docxtest.Pages(t, certs); len(pages) != awards {
		t.Fatalf("%d pages for %d awards", len(pages), awards)
	}
	_, want, err := s.app.DecisionCertificates(ctx, auth.System, own, "")
	if err != nil || len(want) != awards {
		t.Fatalf("the decision's certificates: %d, %v", len(want), err)
	}
	words := docxtest.Words(t, certs)
	for i, c := range want {
		if !strings.Contains(c["decision"], "/QĐ-VKSVL") || !strings.HasPrefix(c["date"], "Vĩnh Long, ngày") || !strings.HasPrefix(c["signer"], "KT. VIỆN TRƯỞNG") {
			t.Errorf("certificate %d is not the province's: %v", i+1, c)
		}
		checkPlaced(t, words, i+1, c, form)
	}
	docxtest.PNG(t, certs, "../../artifacts/documents", "giay-khen-vinh-long")

	// Refusals: the sector's blanks, another province's blanks and decision.
	for _, path := range []string{"/units/" + itoa(s.unit(t, seed.CodeSupreme)) + "/certificates/bang_khen", "/units/" + itoa(na) + "/certificates/giay_khen"} {
		if r := council.send(http.MethodPut, path, form); r.status != http.StatusForbidden {
			t.Errorf("the province's council calibrates %s: %d", path, r.status)
		}
		if st, _ := wordFetch(t, council, path+"/calibration.pdf", "application/pdf"); st != http.StatusForbidden {
			t.Errorf("the province's council prints the calibration sheet of %s: %d", path, st)
		}
	}
	if st, _ := wordFetch(t, council, "/decisions/"+itoa(other)+"/certificates.pdf", "application/pdf"); st != http.StatusForbidden {
		t.Errorf("the province's council prints another province's decision: %d", st)
	}
	board := s.browser(t)
	board.login("hoidong")
	if st, _ := wordFetch(t, board, "/decisions/"+itoa(own)+"/certificates.pdf", "application/pdf"); st != http.StatusForbidden {
		t.Errorf("the sector's board prints the province's decision: %d", st)
	}
	officer := s.browser(t)
	officer.login("canbo.kv1.vinhlong")
	if st, _ := wordFetch(t, officer, "/decisions/"+itoa(own)+"/certificates.pdf", "application/pdf"); st != http.StatusForbidden {
		t.Errorf("an officer prints certificates: %d", st)
	}
	if r := officer.get(blank); r.status != http.StatusForbidden {
		t.Errorf("an officer opens the calibration form: %d", r.status)
	}
	if page = officer.get("/decisions/" + itoa(own)); page.status != http.StatusOK || strings.Contains(page.body, "certificates.pdf") {
		t.Errorf("the decision page offers an officer printing: %d", page.status)
	}
}
