package xlsx

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"thidua/internal/document"
	"thidua/internal/xlsx/xlsxtest"
)

// council is the sector's council under the Supreme Procuracy, as app
// derives it.
func council() document.Issuer {
	c := supreme()
	c.Parent, c.Name = c.Name, "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG NGÀNH KIỂM SÁT NHÂN DÂN"
	return c
}

// heading is what the first page of a document of issuer i shows, in
// order: parent, issuer, the national heading, the place.
func headingOf(i document.Issuer, number string) []string {
	var out []string
	if i.Parent != "" {
		out = append(out, i.Parent)
	}
	out = append(out, i.Name)
	if number != "" {
		out = append(out, number)
	}
	return append(out, Nation, Motto, i.Place+", ngày")
}

// TestDocumentsPrinted prints every document writer, for an issuer of
// each level (the sector's council, a province, a regional procuracy),
// through LibreOffice to PDF and reads the pages: the heading with its
// issuer and place, the signer, the signature block on a page with the
// table's end, no column pushed off the page, no "###". It skips without
// LibreOffice (fails on CI).
func TestDocumentsPrinted(t *testing.T) {
	xlsxtest.RequireLibreOffice(t)
	books, expects := map[string][]byte{}, map[string]xlsxtest.Expect{}
	add := func(name string, write func(*bytes.Buffer) error, e xlsxtest.Expect) {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		books[name], expects[name] = b.Bytes(), e
	}
	deputy := document.Signer{HeadTitle: "Viện trưởng", Title: "Phó Viện trưởng", Name: "Lê Thị Bình", Mode: document.SignDeputy}
	for _, lv := range []struct {
		name   string
		issuer document.Issuer
	}{{"supreme", council()}, {"province", thanhHoa()}, {"regional", regional()}} {
		// Lists long enough for several pages, the last line of one flagged.
		for _, n := range []int{6, 23, 40} {
			l := sectorAwardList(n)
			l.Issuer, l.Signer = lv.issuer, SignerOf(deputy)
			l.Rows[n-1].Flag = "Chưa đủ thông tin"
			add(fmt.Sprintf("list-%s-%d", lv.name, n), func(b *bytes.Buffer) error { return WriteAwardList(b, l) }, xlsxtest.Expect{
				First:    headingOf(lv.issuer, ""),
				Together: [][2]string{{"Tổng cộng", "KT. VIỆN TRƯỞNG"}, {"Tổng cộng", "Lê Thị Bình"}, {"Cộng", "Kết quả xét: chưa đủ"}},
				Columns:  [2]string{"STT", "Ghi chú"},
			})
		}
		r := sampleRanking()
		r.Issuer = lv.issuer
		add("ranking-"+lv.name, func(b *bytes.Buffer) error { return WriteRanking(b, r) }, xlsxtest.Expect{
			First: headingOf(lv.issuer, ""), Columns: [2]string{"STT", "Trạng thái"},
		})
		f := sampleFiling()
		f.Issuer = lv.issuer
		for i := range f.Rows { // a rate of 100 % and six-digit figures fit their columns
			if f.Rows[i].Rate {
				f.Rows[i].Numerator, f.Rows[i].Denominator, f.Rows[i].Value = pf(123456), pf(123456), pf(100)
				break
			}
		}
		add("filing-"+lv.name, func(b *bytes.Buffer) error { return WriteFiling(b, f) }, xlsxtest.Expect{
			First: headingOf(lv.issuer, ""), Columns: [2]string{"Mã", "Ý kiến thẩm"},
			Together: [][2]string{{"TỔNG ĐIỂM", "Tỷ lệ chỉ tiêu vượt"}},
		})
		s := sampleSubmission()
		s.Issuer, s.Number, s.Signer = lv.issuer, "Số: "+lv.issuer.Number(45, "TTr"), SignerOf(deputy)
		add("submission-"+lv.name, func(b *bytes.Buffer) error { return WriteSubmission(b, s) }, xlsxtest.Expect{
			First: headingOf(lv.issuer, s.Number), MaxPages: 1,
			Together: [][2]string{{"Tổng cộng", "Lê Thị Bình"}, {"Nơi nhận:", "KT. VIỆN TRƯỞNG"}},
		})
	}
	// A decision of the Supreme Procuracy with its list.
	annex := sectorAwardList(30)
	annex.Issuer, annex.Decided, annex.Signer = supreme(), true, SignerOf(deputy)
	d := DraftDecisionDoc{Issuer: supreme(), Number: "Số: " + supreme().Number(125, "QĐ"), Date: day(2026, 12, 20),
		Title: "QUYẾT ĐỊNH Về việc tặng danh hiệu thi đua năm 2026", Authority: "Viện trưởng Viện kiểm sát nhân dân tối cao",
		Grounds:  []string{"Căn cứ Luật Tổ chức Viện kiểm sát nhân dân;", "Căn cứ Luật Thi đua, khen thưởng năm 2022;"},
		Articles: []string{"Tặng danh hiệu cho 30 tập thể, cá nhân.", "Quyết định này có hiệu lực kể từ ngày ký.", "Các đơn vị chịu trách nhiệm thi hành Quyết định này./."},
		Copies:   []string{"- Như Điều 3;", "- Lưu: VT, TĐKT."}, Signer: SignerOf(deputy), Annex: annex}
	add("decision", func(b *bytes.Buffer) error { return WriteDraftDecision(b, d) }, xlsxtest.Expect{
		First:    headingOf(supreme(), "Số: 125/QĐ-VKSTC"),
		Together: [][2]string{{"Điều 3.", "KT. VIỆN TRƯỞNG"}, {"Tổng cộng", "Lê Thị Bình"}, {"STT", "Danh hiệu / hình thức khen"}},
		Columns:  [2]string{"STT", "Ghi chú"},
	})
	// The pledges of a national cluster and of a bloc.
	for _, p := range []struct {
		name   string
		issuer document.Issuer
	}{
		{"cluster", document.Issuer{Parent: document.Supreme, Name: "CỤM THI ĐUA SỐ 6 (BẮC TRUNG BỘ)", Place: "Thanh Hóa", Symbol: "CTĐ6"}},
		{"bloc", document.Issuer{Parent: thanhHoa().Name, Name: "KHỐI THI ĐUA SỐ 2 (CÁC VIỆN KIỂM SÁT NHÂN DÂN KHU VỰC)", Place: "Thanh Hóa", Symbol: "KTĐ2"}},
	} {
		pl := samplePledge()
		pl.Issuer, pl.Number = p.issuer, "Số: "+p.issuer.Number(0, "GƯTĐ")
		for i := range 9 { // enough members for a second page
			pl.Signatures = append(pl.Signatures, SignatureLine{UnitName: fmt.Sprintf("Viện kiểm sát nhân dân khu vực %d – Thanh Hóa", i+2)})
		}
		add("pledge-"+p.name, func(b *bytes.Buffer) error { return WritePledge(b, pl) }, xlsxtest.Expect{
			First:    headingOf(p.issuer, pl.Number),
			Together: [][2]string{{"II. CÁC ĐƠN VỊ KÝ KẾT", "khu vực 10 –"}},
			MaxPages: 2, // the document only: the data sheets do not print
		})
	}
	pages, ok := xlsxtest.PDFPages(t, books)
	if !ok {
		t.Skip("LibreOffice or pdftotext is not installed")
	}
	for name, e := range expects {
		xlsxtest.CheckPages(t, name, pages[name], e)
		if strings.HasPrefix(name, "list-") && !strings.Contains(strings.Join(pages[name], ""), "Kết quả xét: chưa đủ") {
			t.Errorf("%s: the flagged line is not marked", name)
		}
	}
}
