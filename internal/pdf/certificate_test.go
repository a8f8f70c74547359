package pdf_test

import (
	"bytes"
	"fmt"
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

// TestPageList prints a long list as the final PDF: the heading, the
// table over several pages with its header on each, page numbers from
// page 2, and the signature with the last row, never alone.
func TestPageList(t *testing.T) {
	for _, n := range []int{1, 30, 33, 36} {
		rows := []document.Row{{Group: "I. Lao động tiên tiến"}}
		for i := range n {
			rows = append(rows, document.Row{Cells: []string{fmt.Sprint(i + 1), fmt.Sprintf("Nguyễn Văn Một Hai %d", i+1), "Kiểm sát viên sơ cấp, Viện kiểm sát nhân dân khu vực 1 – Thanh Hóa", ""}})
		}
		rows = append(rows, document.Row{Group: fmt.Sprintf("Tổng cộng: %d", n)})
		p := document.Page{Issuer: document.Issuer{Name: document.Supreme, Place: "Hà Nội", Symbol: "VKSTC"},
			Kind: "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM 2026", Subject: "Kèm theo Quyết định số 125/QĐ-VKSTC ngày 05 tháng 12 năm 2026",
			Body:   []document.Block{{Table: &document.Table{Headers: []string{"STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Ghi chú"}, Widths: []float64{10, 32, 38, 18}, Rows: rows}}},
			Signer: document.Signer{HeadTitle: "Viện trưởng", Title: "Phó Viện trưởng", Name: "Nguyễn Văn An", Mode: document.SignDeputy}}
		var buf bytes.Buffer
		if err := pdf.Page(&buf, p); err != nil {
			t.Fatal(err)
		}
		pages := docxtest.Pages(t, buf.Bytes())
		all := docxtest.Squash(strings.Join(pages, " "))
		for _, want := range []string{"VIỆN KIỂM SÁT NHÂN DÂN", "TỐI CAO", document.Nation, document.Motto, "Hà Nội, ngày",
			"Kèm theo Quyết định số 125/QĐ-VKSTC", fmt.Sprintf("Nguyễn Văn Một Hai %d", n), "KT. VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG", "Nguyễn Văn An"} {
			if !strings.Contains(all, want) {
				t.Errorf("%d rows: the PDF lacks %q", n, want)
			}
		}
		for i, pg := range pages {
			if i > 0 && !strings.HasPrefix(strings.TrimSpace(pg), fmt.Sprint(i+1)) {
				t.Errorf("%d rows: page %d does not start with its number:\n%s", n, i+1, pg)
			}
			if i > 0 && !strings.Contains(pg, "Họ và tên") {
				t.Errorf("%d rows: page %d has no table header", n, i+1)
			}
			if strings.Contains(pg, "KT. VIỆN TRƯỞNG") && !strings.Contains(pg, "Tổng cộng") {
				t.Errorf("%d rows: the signature stands without the table's end on page %d", n, i+1)
			}
		}
		if n == 33 {
			docxtest.PNG(t, buf.Bytes(), "../../artifacts/documents", "danh-sach-pdf")
		}
	}
}
