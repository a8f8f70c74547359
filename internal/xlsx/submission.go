package xlsx

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua/internal/award"
	"thidua/internal/document"
)

// SubmissionDoc is a tờ trình: the cover note of a proposal, with the
// number proposed per title.
type SubmissionDoc struct {
	Issuer    document.Issuer // the unit that proposes: heading and place
	Number    string          // "Số:      /TTr-VKSTH"
	Date      *time.Time      // nil prints "ngày … tháng … năm …"
	Recipient string          // "Kính gửi: Hội đồng Thi đua – Khen thưởng ngành Kiểm sát nhân dân"
	Subject   string          // "V/v đề nghị khen thưởng năm 2026"
	Year      int
	Grounds   []string // căn cứ, one paragraph each
	// Intro leads into the table; empty: "Đề nghị xét, khen thưởng cho
	// các tập thể, cá nhân có thành tích xuất sắc năm <Year>, cụ thể như sau:".
	Intro   string
	Counts  []TitleCount
	Closing string   // the closing paragraph; empty: SubmissionClosing
	Copies  []string // nơi nhận ("- Như trên;", "- Lưu: VT, TĐKT."); empty: none printed
	Signer  Signer
}

// TitleCount is the number proposed for one title.
type TitleCount struct {
	Title award.Title
	Count int
}

// DraftDecisionDoc is a draft decision (quyết định) awarding titles, with
// its list annexed.
type DraftDecisionDoc struct {
	Issuer document.Issuer // the body that decides: heading and place
	Number string          // "Số: 125/QĐ-VKSTC"
	Date   *time.Time      // nil prints "ngày … tháng … năm …"
	// Title is "QUYẾT ĐỊNH Về việc tặng danh hiệu …": "QUYẾT ĐỊNH" is
	// printed on its own line (added when missing), the rest under it.
	Title string
	// Authority is the signer's title as the decision's maker, in bold
	// capitals above the grounds ("VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỐI
	// CAO"); empty: none.
	Authority string
	Grounds   []string // "Căn cứ …;", in italics
	Articles  []string // "Điều 1. …"; the article's number is added (in bold) when missing
	Copies    []string // nơi nhận
	Signer    Signer
	// Annex is the list on sheet 2. An empty Subtitle becomes "(Kèm theo
	// Quyết định số … ngày …)" from the decision's number and date.
	Annex AwardListDoc
}

// Sheet names of the cover note and the draft decision.
const (
	SheetSubmission = "Tờ trình"
	SheetDecision   = "Quyết định"
	SheetAnnex      = "Danh sách kèm theo"
)

// SubmissionClosing is the cover note's default closing paragraph.
const SubmissionClosing = "(Có danh sách, biên bản họp xét và báo cáo thành tích kèm theo.) " +
	"Kính trình Hội đồng Thi đua – Khen thưởng xem xét, quyết định./."

// The cover note and the decision use six columns on A4 portrait: the
// heading's left block A:B (40 units, for "VIỆN KIỂM SÁT NHÂN DÂN TỐI
// CAO"), the right block C:F (50, for "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
// in bold); paragraphs span all six.
var noteWidths = [docCols]float64{6, 34, 10, 12, 12, 16}

// WriteSubmission writes the cover note to w: one sheet ("Tờ trình"), A4
// portrait fitted to one page, laid out as an administrative document:
// the national heading with the number and the place and date, "TỜ
// TRÌNH", the subject, the recipient, the grounds, a table of the titles
// and the numbers proposed with their total, the closing paragraph and the
// signature block.
func WriteSubmission(w io.Writer, d SubmissionDoc) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont(Font); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetSubmission); err != nil {
		return err
	}
	ds, err := newDocStyles(f)
	if err != nil {
		return err
	}
	if err := pageSetup(f, SheetSubmission, "portrait"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetSubmission)
	if err != nil {
		return err
	}
	n := &note{sw: sw, r: &rowWriter{sw: sw}, ds: ds}
	if err := n.start(d.Issuer, d.Number, PlaceDate(d.Issuer.Place, d.Date)); err != nil {
		return err
	}
	n.r.skip()
	if err := n.line(ds.st.docTitle, "TỜ TRÌNH", 14, 0.82); err != nil {
		return err
	}
	if err := n.line(ds.center13, d.Subject, 13, 1.0); err != nil {
		return err
	}
	n.r.skip()
	if err := n.line(ds.recipient, d.Recipient, 14, 1.0); err != nil {
		return err
	}
	n.r.skip()
	for _, g := range d.Grounds {
		if err := n.para(ds.para, g); err != nil {
			return err
		}
	}
	intro := d.Intro
	if strings.TrimSpace(intro) == "" {
		intro = fmt.Sprintf("Đề nghị xét, khen thưởng cho các tập thể, cá nhân có thành tích xuất sắc năm %d, cụ thể như sau:", d.Year)
	}
	if err := n.para(ds.para, intro); err != nil {
		return err
	}
	if err := n.counts(d.Counts); err != nil {
		return err
	}
	n.r.skip()
	closing := d.Closing
	if strings.TrimSpace(closing) == "" {
		closing = SubmissionClosing
	}
	if err := n.para(ds.para, closing); err != nil {
		return err
	}
	n.r.keepWithNext()
	n.r.skip()
	n.r.keepWithNext()
	if err := n.sign(d.Signer, d.Copies); err != nil {
		return err
	}
	if err := n.r.paginate(f, SheetSubmission, pages{widths: noteWidths[:], onePage: true}); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// WriteDraftDecision writes the draft decision to w: sheet 1 "Quyết
// định", the decision on A4 portrait (national heading, number, place and
// date, "QUYẾT ĐỊNH" and its subject, the authority, the grounds in
// italics, "QUYẾT ĐỊNH:", the articles, nơi nhận and the signature), and
// sheet 2 "Danh sách kèm theo", the annexed list as WriteAwardList lays it
// out.
func WriteDraftDecision(w io.Writer, d DraftDecisionDoc) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont(Font); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetDecision); err != nil {
		return err
	}
	if _, err := f.NewSheet(SheetAnnex); err != nil {
		return err
	}
	ds, err := newDocStyles(f)
	if err != nil {
		return err
	}
	if err := pageSetup(f, SheetDecision, "portrait"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetDecision)
	if err != nil {
		return err
	}
	n := &note{sw: sw, r: &rowWriter{sw: sw}, ds: ds}
	if err := n.start(d.Issuer, d.Number, PlaceDate(d.Issuer.Place, d.Date)); err != nil {
		return err
	}
	n.r.skip()
	subject := strings.TrimSpace(d.Title)
	if rest, ok := strings.CutPrefix(subject, "QUYẾT ĐỊNH"); ok {
		subject = strings.TrimSpace(rest)
	}
	if err := n.line(ds.st.docTitle, "QUYẾT ĐỊNH", 14, 0.82); err != nil {
		return err
	}
	if err := n.line(ds.center13, subject, 13, 1.0); err != nil {
		return err
	}
	n.r.skip()
	if err := n.line(ds.center13, strings.ToUpper(d.Authority), 13, 0.82); err != nil {
		return err
	}
	n.r.skip()
	for _, g := range d.Grounds {
		if err := n.para(ds.italPara, g); err != nil {
			return err
		}
	}
	n.r.skip()
	if err := n.line(ds.center13, "QUYẾT ĐỊNH:", 13, 1.0); err != nil {
		return err
	}
	n.r.skip()
	for i, a := range d.Articles {
		if err := n.article(i+1, a); err != nil {
			return err
		}
	}
	n.r.keepWithNext() // the last article goes with the signature
	n.r.skip()
	n.r.keepWithNext()
	if err := n.sign(d.Signer, d.Copies); err != nil {
		return err
	}
	if err := n.r.paginate(f, SheetDecision, pages{widths: noteWidths[:]}); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}

	annex := d.Annex
	if strings.TrimSpace(annex.Subtitle) == "" {
		num := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(d.Number), "Số:"))
		if num == "" {
			num = "…"
		}
		on := "ngày … tháng … năm …"
		if d.Date != nil {
			on = LongDate(*d.Date)
		}
		annex.Subtitle = fmt.Sprintf("(Kèm theo Quyết định số %s %s)", num, on)
	}
	if err := writeAwardListSheet(f, ds, SheetAnnex, annex); err != nil {
		return err
	}
	return f.Write(w)
}

// note writes an administrative document on the six portrait columns.
type note struct {
	sw *excelize.StreamWriter
	r  *rowWriter
	ds docStyles
}

func (n *note) width() (all, left, right float64) {
	for _, w := range noteWidths {
		all += w
	}
	left = noteWidths[0] + noteWidths[1]
	return all, left, all - left
}

// start sets the widths and writes the national heading over A:B and
// C:F.
func (n *note) start(issuer document.Issuer, number, placeDate string) error {
	for i, w := range noteWidths {
		if err := n.sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	_, left, right := n.width()
	return writeHeading(n.r, n.ds.st, heading{Issuer: issuer, Number: number, PlaceDate: placeDate,
		LeftTo: 2, RightFrom: 3, RightTo: docCols, LeftWidth: left, RightWidth: right})
}

// line writes a centred line across the page; k is the characters per
// unit of its font (0.82 for capitals).
func (n *note) line(style int, text string, size, k float64) error {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	all, _, _ := n.width()
	if err := n.r.write(height(linesK(text, all*0.95, size, k), size), cell(style, text)); err != nil {
		return err
	}
	return n.r.merge(1, docCols)
}

// para writes a justified paragraph across the page.
func (n *note) para(style int, text string) error {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	all, _, _ := n.width()
	if err := n.r.write(height(wrapped(text, all*0.97, 14, false), 14), cell(style, text)); err != nil {
		return err
	}
	return n.r.merge(1, docCols)
}

// article writes "Điều i. …" with the article's number in bold.
func (n *note) article(i int, text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	head := fmt.Sprintf("Điều %d.", i)
	body := text
	if strings.HasPrefix(text, "Điều ") {
		if j := strings.IndexAny(text, ".:"); j > 0 && j < 12 {
			head, body = text[:j+1], text[j+1:]
		}
	} else {
		body = " " + text
	}
	all, _, _ := n.width()
	runs := []excelize.RichTextRun{
		{Text: head, Font: &excelize.Font{Family: Font, Size: 14, Bold: true}},
		{Text: body, Font: &excelize.Font{Family: Font, Size: 14}},
	}
	if err := n.r.write(height(wrapped(head+body, all*0.97, 14, false), 14), excelize.Cell{StyleID: n.ds.para, Value: runs}); err != nil {
		return err
	}
	return n.r.merge(1, docCols)
}

// counts writes the table of titles and numbers proposed, with a total.
func (n *note) counts(counts []TitleCount) error {
	ts := n.ds.ts
	n.r.skip()
	if err := n.r.write(height(2, 12), cell(ts.th, "STT"), cell(ts.th, "Danh hiệu thi đua, hình thức khen thưởng"),
		excelize.Cell{StyleID: ts.th}, excelize.Cell{StyleID: ts.th}, cell(ts.th, "Đối tượng"), cell(ts.th, "Số lượng đề nghị")); err != nil {
		return err
	}
	if err := n.r.merge(2, 4); err != nil {
		return err
	}
	total := 0
	for i, c := range counts {
		who := "Cá nhân"
		if c.Title.Collective() {
			who = "Tập thể"
		}
		label := c.Title.Label()
		ht := height(wrapped(label, noteWidths[1]+noteWidths[2]+noteWidths[3], 12, false), 12)
		if err := n.r.write(ht, cell(ts.no, i+1), cell(ts.text, label), excelize.Cell{StyleID: ts.text},
			excelize.Cell{StyleID: ts.text}, cell(ts.center, who), cell(ts.count, c.Count)); err != nil {
			return err
		}
		if err := n.r.merge(2, 4); err != nil {
			return err
		}
		total += c.Count
	}
	if err := n.r.write(height(1, 12), cell(ts.totalText, "Tổng cộng"), excelize.Cell{StyleID: ts.totalText},
		excelize.Cell{StyleID: ts.totalText}, excelize.Cell{StyleID: ts.totalText}, excelize.Cell{StyleID: ts.totalText},
		cell(ts.totalCount, total)); err != nil {
		return err
	}
	return n.r.merge(1, 5)
}

// sign writes nơi nhận on the left and the signature block on the right.
func (n *note) sign(s Signer, copies []string) error {
	_, left, right := n.width()
	return writeSignature(n.r, n.ds, s, copies, 3, docCols, right, 1, 2, left)
}
