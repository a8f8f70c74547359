package document

import "time"

// Page is an administrative document (văn bản hành chính) as plain data:
// what app says a document holds and what the writers (docx, pdf) lay out
// in the Nghị định 30/2020 form. Every part that names the issuing body
// comes from Issuer and Signer.
type Page struct {
	Issuer Issuer
	Number string     // "125/QĐ-VKSTH", printed "Số: 125/QĐ-VKSTH"; "" prints no number line
	Date   *time.Time // the date line; nil prints "ngày … tháng … năm …"
	Kind   string     // "QUYẾT ĐỊNH", "TỜ TRÌNH", "DANH SÁCH", "BIÊN BẢN", "BÁO CÁO": bold capitals
	// Subject is the trích yếu under the kind: "Về việc …" (bold, with a
	// short line under it).
	Subject string
	// Authority is the line of a decision under its subject: "VIỆN TRƯỞNG
	// VIỆN KIỂM SÁT NHÂN DÂN TỈNH THANH HÓA" (bold capitals).
	Authority string
	Recipient []string // "Kính gửi: …", centred
	Body      []Block
	Signer    Signer
	// Confirm is a second signature block on the left, in place of the
	// recipients: the head who confirms a báo cáo thành tích.
	Confirm *Signer
	Copies  []string // "Nơi nhận:" lines
	// Annex is a list annexed to the document, printed on a page of its
	// own after the signature, with its own title.
	Annex *Annex
}

// Annex is an annexed list (phụ lục, danh sách kèm theo).
type Annex struct {
	Title    string // "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM 2026"
	Subtitle string // "(Kèm theo Quyết định số … ngày …)"
	Table    Table
}

// Block is a paragraph or a table of the body; Table set means a table.
type Block struct {
	Text   string
	Style  Style
	Table  *Table
	Indent bool // first-line indent
}

// Style is how a paragraph is set.
type Style int

const (
	Plain   Style = iota // body text, justified
	Italic               // a ground ("Căn cứ …"), italic
	Heading              // a part's heading ("I. SƠ LƯỢC LÝ LỊCH"), bold
	Centre               // bold, centred ("QUYẾT ĐỊNH:")
)

// Table is a table with a header row repeated on every page; a row whose
// Group is set spans all columns (a title's group, a subtotal).
type Table struct {
	Headers []string
	Widths  []float64 // relative widths of the columns
	Rows    []Row
}

// Row is one line of a table.
type Row struct {
	Cells []string
	Group string // set: one bold cell across the table
}

// Para is a plain body paragraph.
func Para(text string) Block { return Block{Text: text, Indent: true} }

// Ground is a "Căn cứ …" paragraph.
func Ground(text string) Block { return Block{Text: text, Style: Italic, Indent: true} }

// Part is a part's heading.
func Part(text string) Block { return Block{Text: text, Style: Heading, Indent: true} }

// DateLine is the place-and-date line: "Thanh Hóa, ngày 26 tháng 11 năm
// 2026"; days below 10 and the months 1 and 2 with a leading zero (NĐ
// 30/2020 Phụ lục I, mục II.6); nil leaves them for the clerk.
func DateLine(place string, d *time.Time) string {
	if d == nil {
		return place + ", ngày     tháng     năm 20   "
	}
	return place + ", " + LongDate(*d)
}

// LongDate is "ngày 26 tháng 11 năm 2026", for "… số 125/QĐ-VKSTH ngày …".
func LongDate(d time.Time) string {
	day, month := itoa(d.Day()), itoa(int(d.Month()))
	if d.Day() < 10 {
		day = "0" + day
	}
	if d.Month() < time.March {
		month = "0" + month
	}
	return "ngày " + day + " tháng " + month + " năm " + itoa(d.Year())
}
