// Package docx writes a document.Page as a Word file (.docx) in the form
// of Nghị định 30/2020/NĐ-CP Phụ lục I, for offices to edit before signing.
//
// It writes the WordprocessingML itself: a handful of fixed parts (styles,
// settings, the two headers) and document.xml built from the page. The
// layout values come from internal/document/layout.go.
package docx

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"thidua/internal/document"
	"thidua/internal/pdf"
)

// twips converts millimetres to twentieths of a point.
func twips(mm float64) int { return int(mm*1440/25.4 + 0.5) }

// half is a font size in half-points, as w:sz takes it.
func half(pt float64) int { return int(pt*2 + 0.5) }

var textWidthMM = document.PageWidthMM - document.MarginLeftMM - document.MarginRightMM

// The heading's two columns are wider than the text: the Supreme
// Procuracy's name and the national heading each take one line at their
// sizes (about 76 and 92 mm) only with the table reaching into the left
// margin by headingIndentMM, as offices' templates do.
const (
	leftColMM       = 78.0
	rightColMM      = 95.0
	headingIndentMM = -8.0
)

// Write writes p to w as a .docx package.
func Write(w io.Writer, p document.Page) error {
	z := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/styles.xml", styles()},
		{"word/settings.xml", settings},
		{"word/header1.xml", pageNumberHeader()},
		{"word/header2.xml", emptyHeader},
		{"word/document.xml", body(p)},
	}
	for _, part := range parts {
		f, err := z.Create(part.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, part.body); err != nil {
			return err
		}
	}
	return z.Close()
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

const contentTypes = xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`</Types>`

const rootRels = xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`</Relationships>`

const documentRels = xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
	`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>` +
	`</Relationships>`

const settings = xmlHead + `<w:settings ` + ns + `><w:defaultTabStop w:val="720"/><w:compat>` +
	`<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>` +
	`</w:compat></w:settings>`

// styles sets Times New Roman at the body size, Vietnamese, as the default.
func styles() string {
	return xmlHead + `<w:styles ` + ns + `><w:docDefaults><w:rPrDefault><w:rPr>` +
		fmt.Sprintf(`<w:rFonts w:ascii="%[1]s" w:hAnsi="%[1]s" w:eastAsia="%[1]s" w:cs="%[1]s"/>`, document.Font) +
		fmt.Sprintf(`<w:sz w:val="%[1]d"/><w:szCs w:val="%[1]d"/><w:lang w:val="vi-VN"/>`, half(document.SizeBody)) +
		`</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar>` +
		`<w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
		`</w:styles>`
}

// pageNumberHeader is the header of pages 2 on: the page number centred
// in the top margin (the first page has the empty header, w:titlePg).
func pageNumberHeader() string {
	return xmlHead + `<w:hdr ` + ns + `><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` +
		fmt.Sprintf(`<w:r><w:rPr><w:sz w:val="%d"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>`, half(document.SizePageNumber)) +
		`<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
		fmt.Sprintf(`<w:r><w:rPr><w:sz w:val="%d"/></w:rPr><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>`, half(document.SizePageNumber))
}

const emptyHeader = xmlHead + `<w:hdr ` + ns + `><w:p/></w:hdr>`

// run is a run of text in a font size, bold and italic as asked.
type run struct {
	text         string
	size         float64
	bold, italic bool
}

// para is a paragraph's properties.
type para struct {
	align             string // left, center, both
	indent            bool   // first-line indent
	before, after     float64
	keepNext, noSplit bool
}

type builder struct{ strings.Builder }

func (b *builder) text(s string) {
	_ = xml.EscapeText(&b.Builder, []byte(s))
}

func (b *builder) para(pp para, runs ...run) {
	b.WriteString(`<w:p><w:pPr>`)
	if pp.keepNext {
		b.WriteString(`<w:keepNext/>`)
	}
	if pp.noSplit {
		b.WriteString(`<w:keepLines/>`)
	}
	fmt.Fprintf(b, `<w:spacing w:before="%d" w:after="%d"/>`, int(pp.before*20), int(pp.after*20))
	if pp.indent {
		fmt.Fprintf(b, `<w:ind w:firstLine="%d"/>`, twips(12.7))
	}
	if pp.align != "" {
		fmt.Fprintf(b, `<w:jc w:val="%s"/>`, pp.align)
	}
	b.WriteString(`</w:pPr>`)
	for _, r := range runs {
		b.run(r)
	}
	b.WriteString(`</w:p>`)
}

func (b *builder) run(r run) {
	for i, line := range strings.Split(r.text, "\n") {
		b.WriteString(`<w:r><w:rPr>`)
		if r.bold {
			b.WriteString(`<w:b/><w:bCs/>`)
		}
		if r.italic {
			b.WriteString(`<w:i/><w:iCs/>`)
		}
		fmt.Fprintf(b, `<w:sz w:val="%[1]d"/><w:szCs w:val="%[1]d"/></w:rPr>`, half(r.size))
		if i > 0 {
			b.WriteString(`<w:br/>`)
		}
		b.WriteString(`<w:t xml:space="preserve">`)
		b.text(line)
		b.WriteString(`</w:t></w:r>`)
	}
}

// rule is a short horizontal line of length mm centred in a column of
// width mm: an empty paragraph with a top border, indented from both sides.
func (b *builder) rule(length, width float64) {
	length = min(length, width)
	side := twips((width - length) / 2)
	fmt.Fprintf(b, `<w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`+
		`<w:spacing w:before="100" w:after="0" w:line="120" w:lineRule="exact"/><w:ind w:left="%d" w:right="%d"/></w:pPr>`+
		`<w:r><w:rPr><w:sz w:val="4"/></w:rPr></w:r></w:p>`, side, side)
}

// widest is the width of the widest line of bold text, at most width mm.
func widest(text string, size, width float64) float64 {
	w := 0.0
	for _, line := range strings.Split(text, "\n") {
		w = max(w, pdf.TextWidthMM(line, size, true))
	}
	return min(w, width)
}

// table opens a table of columns in millimetres, bordered (centred, with
// cell margins) or not (from indent mm, without).
func (b *builder) table(cols []float64, borders bool, indent float64) {
	b.WriteString(`<w:tbl><w:tblPr>`)
	total := 0.0
	for _, c := range cols {
		total += c
	}
	fmt.Fprintf(b, `<w:tblW w:w="%d" w:type="dxa"/>`, twips(total))
	if borders {
		b.WriteString(`<w:jc w:val="center"/>`)
	} else {
		fmt.Fprintf(b, `<w:tblInd w:w="%d" w:type="dxa"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>`, twips(indent))
	}
	v := "nil"
	if borders {
		v = "single"
	}
	b.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="%s" w:sz="4" w:space="0" w:color="000000"/>`, side, v)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
	for _, c := range cols {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, twips(c))
	}
	b.WriteString(`</w:tblGrid>`)
}

// row opens a row that is not split across pages; header: repeated on
// every page.
func (b *builder) row(header bool) {
	b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
	if header {
		b.WriteString(`<w:tblHeader/>`)
	}
	b.WriteString(`</w:trPr>`)
}

// cell opens a cell of width mm spanning span grid columns.
func (b *builder) cell(width float64, span int) {
	fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, twips(width))
	if span > 1 {
		fmt.Fprintf(b, `<w:gridSpan w:val="%d"/>`, span)
	}
	b.WriteString(`</w:tcPr>`)
}

// body is document.xml.
func body(p document.Page) string {
	var b builder
	b.WriteString(xmlHead + `<w:document ` + ns + `><w:body>`)
	heading(&b, p)
	if p.Kind != "" {
		b.para(para{align: "center", before: 12}, run{text: p.Kind, size: document.SizeKind, bold: true})
	}
	if p.Subject != "" {
		b.para(para{align: "center"}, run{text: p.Subject, size: document.SizeSubject, bold: true})
		b.rule(0.4*widest(p.Subject, document.SizeSubject, textWidthMM), textWidthMM)
	}
	if p.Authority != "" {
		b.para(para{align: "center", before: 12, after: 6}, run{text: p.Authority, size: document.SizeKind, bold: true})
	}
	for i, r := range p.Recipient {
		b.para(para{align: "center", before: map[bool]float64{true: 12}[i == 0], after: 6}, run{text: r, size: document.SizeBody})
	}
	if len(p.Recipient) == 0 {
		b.para(para{})
	}
	for i, blk := range p.Body {
		// A paragraph that introduces a table stays on the table's page.
		intro := blk.Table == nil && i+1 < len(p.Body) && p.Body[i+1].Table != nil
		block(&b, blk, i == len(p.Body)-1 || intro)
	}
	signature(&b, p)
	if p.Annex != nil {
		annex(&b, *p.Annex)
	}
	fmt.Fprintf(&b, `<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:headerReference w:type="first" r:id="rId4"/>`+
		`<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`+
		`<w:titlePg/></w:sectPr>`,
		twips(document.PageWidthMM), twips(document.PageHeightMM),
		twips(document.MarginTopMM), twips(document.MarginRightMM), twips(document.MarginBottomMM), twips(document.MarginLeftMM),
		twips(document.MarginTopMM/2), twips(document.MarginBottomMM/2))
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

// heading is the table at the top of the first page: on the left the
// governing body, the issuing body with its short line and "Số: …"; on the
// right the national heading, the motto with its line as long as it, and
// the place and date.
func heading(b *builder, p document.Page) {
	lw, rw := leftColMM, rightColMM
	b.table([]float64{leftColMM, rightColMM}, false, headingIndentMM)
	b.row(false)
	b.cell(leftColMM, 1)
	if p.Issuer.Parent != "" {
		b.para(para{align: "center"}, run{text: pdf.IssuerLines(p.Issuer.Parent, lw, false), size: document.SizeIssuer})
	}
	name := pdf.IssuerLines(p.Issuer.Name, lw, true)
	b.para(para{align: "center"}, run{text: name, size: document.SizeIssuer, bold: true})
	b.rule(0.4*widest(name, document.SizeIssuer, lw), lw)
	b.WriteString(`</w:tc>`)
	b.cell(rightColMM, 1)
	b.para(para{align: "center"}, run{text: document.Nation, size: document.SizeNation, bold: true})
	b.para(para{align: "center"}, run{text: document.Motto, size: document.SizeMotto, bold: true})
	b.rule(pdf.TextWidthMM(document.Motto, document.SizeMotto, true), rw)
	b.WriteString(`</w:tc></w:tr>`)
	b.row(false)
	b.cell(leftColMM, 1)
	if p.Number != "" {
		b.para(para{align: "center", before: 6}, run{text: "Số: " + p.Number, size: document.SizeNumber})
	} else {
		b.para(para{})
	}
	b.WriteString(`</w:tc>`)
	b.cell(rightColMM, 1)
	b.para(para{align: "center", before: 6}, run{text: document.DateLine(p.Issuer.Place, p.Date), size: document.SizePlaceDate, italic: true})
	b.WriteString(`</w:tc></w:tr></w:tbl>`)
}

// block writes a paragraph or a table of the body; keep: kept with what
// follows (the signature after the last block, the table after its
// introducing line).
func block(b *builder, blk document.Block, keep bool) {
	if blk.Table != nil {
		b.para(para{keepNext: true})
		dataTable(b, *blk.Table, keep)
		return
	}
	pp := para{align: "both", indent: blk.Indent, before: 3, after: 3, keepNext: keep}
	r := run{text: blk.Text, size: document.SizeBody}
	switch blk.Style {
	case document.Italic:
		r.italic = true
	case document.Heading:
		r.bold, pp.keepNext = true, true
	case document.Centre:
		r.bold, pp.align, pp.indent, pp.keepNext, pp.before, pp.after = true, "center", false, true, 6, 6
	}
	b.para(pp, r)
}

// dataTable is a bordered table at 12 pt, its header repeated on every
// page; keep: its rows are kept with what follows (the signature), which
// LibreOffice reads as the table kept with the next paragraph.
func dataTable(b *builder, t document.Table, keep bool) {
	total := 0.0
	for _, w := range t.Widths {
		total += w
	}
	cols := make([]float64, len(t.Widths))
	for i, w := range t.Widths {
		cols[i] = w / total * textWidthMM
	}
	const size = 12
	b.table(cols, true, 0)
	b.row(true)
	for i, h := range t.Headers {
		b.cell(cols[i], 1)
		b.para(para{align: "center", before: 2, after: 2}, run{text: h, size: size, bold: true})
		b.WriteString(`</w:tc>`)
	}
	b.WriteString(`</w:tr>`)
	for _, r := range t.Rows {
		kn := keep
		b.row(false)
		if r.Group != "" {
			b.cell(textWidthMM, len(cols))
			b.para(para{before: 2, after: 2, keepNext: kn}, run{text: r.Group, size: size, bold: true})
			b.WriteString(`</w:tc></w:tr>`)
			continue
		}
		for i := range cols {
			b.cell(cols[i], 1)
			text, align := "", "left"
			if i < len(r.Cells) {
				text = r.Cells[i]
			}
			if i == 0 {
				align = "center"
			}
			b.para(para{align: align, before: 2, after: 2, keepNext: kn}, run{text: text, size: size})
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}

// signature is the block at the end: "Nơi nhận:" (or the confirming
// head) on the left, the signer on the right, in one row that is never
// split, kept with the text above it.
func signature(b *builder, p document.Page) {
	half := textWidthMM / 2
	b.para(para{keepNext: true})
	b.table([]float64{half, half}, false, 0)
	b.row(false)
	b.cell(half, 1)
	switch {
	case p.Confirm != nil:
		signerLines(b, *p.Confirm)
	case len(p.Copies) > 0:
		b.para(para{keepNext: true}, run{text: "Nơi nhận:", size: document.SizeRecipientsH, bold: true, italic: true})
		for _, c := range p.Copies {
			b.para(para{keepNext: true}, run{text: c, size: document.SizeRecipients})
		}
	default:
		b.para(para{})
	}
	b.WriteString(`</w:tc>`)
	b.cell(half, 1)
	signerLines(b, p.Signer)
	b.WriteString(`</w:tc></w:tr></w:tbl>`)
}

// signerLines are a signer's title lines in bold capitals, room to sign
// and their name in bold.
func signerLines(b *builder, s document.Signer) {
	lines := s.Lines()
	name := lines[len(lines)-1]
	for _, l := range lines[:len(lines)-2] {
		b.para(para{align: "center", keepNext: true}, run{text: l, size: document.SizeSignerTitle, bold: true})
	}
	for range 4 {
		b.para(para{keepNext: true})
	}
	b.para(para{align: "center"}, run{text: name, size: document.SizeSignerName, bold: true})
}

// annex is the annexed list on a page of its own.
func annex(b *builder, a document.Annex) {
	b.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
	b.para(para{align: "center"}, run{text: a.Title, size: document.SizeKind, bold: true})
	if a.Subtitle != "" {
		b.para(para{align: "center"}, run{text: a.Subtitle, size: document.SizeBody, italic: true})
	}
	b.rule(0.4*widest(a.Title, document.SizeKind, textWidthMM), textWidthMM)
	b.para(para{})
	dataTable(b, a.Table, false)
	b.para(para{})
}
