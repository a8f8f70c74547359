package docx_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"thidua/internal/document"
	"thidua/internal/docx"
	"thidua/internal/docx/docxtest"
)

func samplePage(paragraphs int) document.Page {
	on := time.Date(2026, 11, 6, 0, 0, 0, 0, time.UTC)
	p := document.Page{
		Issuer: document.Issuer{Parent: document.Supreme, Name: "VIỆN KIỂM SÁT NHÂN DÂN TỈNH THANH HÓA", Place: "Thanh Hóa", Symbol: "VKSTH",
			Authority: []string{"Căn cứ Luật Tổ chức Viện kiểm sát nhân dân năm 2014;"}},
		Date: &on, Kind: "QUYẾT ĐỊNH", Subject: "Về việc tặng danh hiệu thi đua năm 2026",
		Authority: "VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỈNH THANH HÓA",
		Signer:    document.Signer{HeadTitle: "Viện trưởng", Title: "Phó Viện trưởng", Name: "Lê Văn Minh", Mode: document.SignDeputy},
		Copies:    []string{"- Như Điều 3;", "- Lưu: VT, TĐKT."},
	}
	p.Number = p.Issuer.Number(125, "QĐ")
	p.Body = append(p.Body, document.Ground(p.Issuer.Authority[0]))
	for i := range paragraphs {
		p.Body = append(p.Body, document.Para(fmt.Sprintf("Điều %d. Đoạn văn số %d của quyết định, đủ dài để xuống dòng ít nhất một lần trong trang A4 với lề trái ba mươi milimét và lề phải mười lăm milimét.", i+1, i+1)))
	}
	rows := []document.Row{{Group: "I. Lao động tiên tiến"}}
	for i := range 40 {
		rows = append(rows, document.Row{Cells: []string{fmt.Sprint(i + 1), fmt.Sprintf("Nguyễn Văn %c", 'A'+i%26), "Kiểm sát viên", "Lao động tiên tiến", ""}})
	}
	p.Annex = &document.Annex{Title: "DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM 2026",
		Subtitle: "(Kèm theo Quyết định số 125/QĐ-VKSTH ngày 06 tháng 11 năm 2026)",
		Table:    document.Table{Headers: []string{"STT", "Họ và tên", "Chức vụ", "Danh hiệu", "Ghi chú"}, Widths: []float64{6, 30, 30, 25, 12}, Rows: rows}}
	return p
}

// TestWritePackage checks the package's parts and the NĐ 30 page setup in
// document.xml: A4, margins in twips, the first page without the page
// number header, Times New Roman.
func TestWritePackage(t *testing.T) {
	var buf bytes.Buffer
	if err := docx.Write(&buf, samplePage(3)); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		parts[f.Name] = string(b)
	}
	doc := parts["word/document.xml"]
	for _, want := range []string{
		`<w:pgSz w:w="11906" w:h="16838"/>`,
		`w:top="1134" w:right="850" w:bottom="1134" w:left="1701"`,
		`<w:titlePg/>`, `<w:headerReference w:type="first" r:id="rId4"/>`,
		"Số: 125/QĐ-VKSTH", "Thanh Hóa, ngày 06 tháng 11 năm 2026", "KT. VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG", "Lê Văn Minh",
		`<w:tblHeader/>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if !strings.Contains(parts["word/header1.xml"], "PAGE") || strings.Contains(parts["word/header2.xml"], "PAGE") {
		t.Errorf("the page number belongs in the default header only")
	}
	if !strings.Contains(parts["word/styles.xml"], `w:ascii="Times New Roman"`) {
		t.Errorf("styles.xml: Times New Roman is not the default font")
	}
}

// A line that introduces a table is kept with it, so "Kết quả bỏ phiếu:"
// never ends a page whose table starts on the next.
func TestIntroKeptWithTable(t *testing.T) {
	p := samplePage(1)
	p.Body = append(p.Body, document.Para("Kết quả bỏ phiếu:"),
		document.Block{Table: &document.Table{Headers: []string{"STT", "Họ và tên"}, Widths: []float64{1, 4}, Rows: []document.Row{{Cells: []string{"1", "Nguyễn Văn A"}}}}},
		document.Para("Hội đồng kết thúc lúc 11 giờ 00 phút."))
	var buf bytes.Buffer
	if err := docx.Write(&buf, p); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var doc string
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			r, _ := f.Open()
			b, _ := io.ReadAll(r)
			doc = string(b)
		}
	}
	at := strings.Index(doc, "Kết quả bỏ phiếu:")
	if at < 0 {
		t.Fatal("no intro line")
	}
	start := strings.LastIndex(doc[:at], "<w:p>")
	if start < 0 {
		start = strings.LastIndex(doc[:at], "<w:p ")
	}
	if !strings.Contains(doc[start:at], "<w:keepNext/>") {
		t.Errorf("the line before the table is not kept with it: %s", doc[start:at])
	}
}

// TestLibreOffice opens the .docx in LibreOffice Writer, prints it to PDF
// and reads it back: the heading, place, number, authority and signer are
// there, page numbers from page 2, and the signature is never alone on a
// page, whatever the length of the body.
func TestLibreOffice(t *testing.T) {
	for _, n := range []int{3, 15, 16} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var buf bytes.Buffer
			if err := docx.Write(&buf, samplePage(n)); err != nil {
				t.Fatal(err)
			}
			pdf := docxtest.ToPDF(t, buf.Bytes())
			pages := docxtest.Pages(t, pdf)
			all := docxtest.Squash(strings.Join(pages, " "))
			for _, want := range []string{"VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", "VIỆN KIỂM SÁT NHÂN DÂN TỈNH THANH HÓA", document.Nation, document.Motto,
				"Số: 125/QĐ-VKSTH", "Thanh Hóa, ngày 06 tháng 11 năm 2026", "VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỈNH THANH HÓA",
				"KT. VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG", "Lê Văn Minh", "Nơi nhận:", "Căn cứ Luật Tổ chức Viện kiểm sát nhân dân năm 2014;",
				"(Kèm theo Quyết định số 125/QĐ-VKSTH ngày 06 tháng 11 năm 2026)"} {
				if !strings.Contains(all, want) {
					t.Errorf("the PDF lacks %q", want)
				}
			}
			for i, pg := range pages {
				first := strings.Fields(pg)
				if i == 0 {
					if len(first) == 0 || first[0] == "1" {
						t.Errorf("page 1 starts with %q: no number on the first page", first)
					}
					continue
				}
				if len(first) == 0 || first[0] != fmt.Sprint(i+1) {
					t.Errorf("page %d starts with %v, want its number", i+1, first[:min(3, len(first))])
				}
				if strings.Contains(pg, "KT. VIỆN TRƯỞNG") && !strings.Contains(pg, "Điều") {
					t.Errorf("page %d holds the signature block alone:\n%s", i+1, pg)
				}
			}
			if n == 3 {
				docxtest.PNG(t, pdf, "../../artifacts/docx", "sample")
			}
		})
	}
}
