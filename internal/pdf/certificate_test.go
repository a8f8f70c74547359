package pdf_test

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"thidua/internal/document"
	"thidua/internal/docx/docxtest"
	"thidua/internal/org"
	"thidua/internal/pdf"
)

// TestCertificatesWhereCalibrated prints two certificates on a calibrated
// layout and reads the PDF's word boxes back (pdftotext -bbox): each
// field's first line starts within 1 mm of its calibrated position — its
// left edge, or its centre for a centred field — on its own page.
func TestCertificatesWhereCalibrated(t *testing.T) {
	l := document.DefaultCertLayout(org.TypeSupreme, document.BangKhen)
	l.Width, l.Height = 280, 200 // the blank a board measured, not A4
	l.Fields[0].Y, l.Fields[3].X = 83.5, 37.2
	if err := l.Check(); err != nil {
		t.Fatal(err)
	}
	certs := []document.Certificate{
		{"name": "Bà Phạm Thị Hồng", "position": "Kiểm sát viên trung cấp, Viện kiểm sát nhân dân tỉnh Thanh Hóa",
			"title": "Đã có thành tích xuất sắc trong công tác năm 2026", "decision": "Quyết định số 125/QĐ-VKSTC",
			"date": "Hà Nội, ngày 05 tháng 12 năm 2026", "signer": "KT. VIỆN TRƯỞNG\nPHÓ VIỆN TRƯỞNG", "signer_name": "Nguyễn Văn An"},
		{"name": "Viện kiểm sát nhân dân khu vực 1 – Thanh Hóa", "position": "", "title": "Tập thể lao động xuất sắc",
			"decision": "Quyết định số 125/QĐ-VKSTC", "date": "Hà Nội, ngày 05 tháng 12 năm 2026", "signer": "VIỆN TRƯỞNG", "signer_name": "Lê Minh Trí"},
	}
	var buf bytes.Buffer
	if err := pdf.Certificates(&buf, l, certs); err != nil {
		t.Fatal(err)
	}
	words := docxtest.Words(t, buf.Bytes())
	pages := docxtest.Pages(t, buf.Bytes())
	if len(pages) != 2 {
		t.Fatalf("%d pages, want one a certificate", len(pages))
	}
	for pi, c := range certs {
		for _, f := range l.Fields {
			first := strings.Split(c[f.Key], "\n")[0]
			if first == "" {
				continue
			}
			line := lineOf(words, pi+1, first)
			if line == nil {
				t.Errorf("page %d: %s %q not found", pi+1, f.Key, first)
				continue
			}
			x := line[0].XMin
			if f.Center {
				x = (line[0].XMin + line[len(line)-1].XMax) / 2
			}
			if math.Abs(x-f.X) > 1 || math.Abs(line[0].YMin-f.Y) > 1 {
				t.Errorf("page %d: %s at (%.2f, %.2f) mm, calibrated at (%.2f, %.2f)", pi+1, f.Key, x, line[0].YMin, f.X, f.Y)
			}
		}
	}
	docxtest.PNG(t, buf.Bytes(), "../../artifacts/documents", "bang-khen")
}

// lineOf finds the words of text on page, in a row.
func lineOf(words []docxtest.Word, page int, text string) []docxtest.Word {
	want := strings.Fields(text)
	for i := range words {
		if words[i].Page != page || words[i].Text != want[0] || i+len(want) > len(words) {
			continue
		}
		ok := true
		for j, w := range want {
			if words[i+j].Text != w || words[i+j].Page != page {
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

// TestCalibrationSheet prints the grid and each field's sample at its
// place, with its name and position.
func TestCalibrationSheet(t *testing.T) {
	l := document.DefaultCertLayout(org.TypeProvincial, document.GiayKhen)
	var buf bytes.Buffer
	if err := pdf.Calibration(&buf, l); err != nil {
		t.Fatal(err)
	}
	pages := docxtest.Pages(t, buf.Bytes())
	all := docxtest.Squash(strings.Join(pages, " "))
	for _, want := range []string{"Họ và tên / tên tập thể (148,5; 88 mm)", "Bà Phạm Thị Hồng", "Số quyết định (40; 178 mm)", "PHÓ VIỆN TRƯỞNG"} {
		if !strings.Contains(all, want) {
			t.Errorf("calibration sheet lacks %q:\n%s", want, all)
		}
	}
	words := docxtest.Words(t, buf.Bytes())
	if line := lineOf(words, 1, "Bà Phạm Thị Hồng"); line == nil || math.Abs((line[0].XMin+line[len(line)-1].XMax)/2-148.5) > 1 || math.Abs(line[0].YMin-88) > 1 {
		t.Errorf("the sample name is not centred at (148,5; 88): %+v", line)
	}
	docxtest.PNG(t, buf.Bytes(), "../../artifacts/documents", "calibration")
}
