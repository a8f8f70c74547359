package xlsx

import (
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"thidua/internal/document"
)

// Nation and Motto are the right block of the national heading
// (Nghị định 30/2020, Phụ lục I).
const (
	Nation = document.Nation
	Motto  = document.Motto
)

// heading is the national heading of a document (Nghị định 30/2020, Phụ
// lục I), written once for every document sheet: top left the parent body
// in capitals over the issuing body in bold capitals with its short line,
// then "Số: …/…"; top right the nation in bold capitals over the motto,
// bold and underlined by a line as long, then the place and date in
// italics, level with the number.
type heading struct {
	Issuer    document.Issuer
	Number    string // "Số: 125/QĐ-VKSTH"; empty: no number
	PlaceDate string
	// The left block spans columns 1..LeftTo, the right block
	// RightFrom..RightTo (1-based, LeftTo < RightFrom); the widths are the
	// blocks' total column widths, for row heights.
	LeftTo, RightFrom, RightTo int
	LeftWidth, RightWidth      float64
}

// headingRows is how many rows writeHeading writes.
const headingRows = 4

// The issuer's short line is a last line of the issuer's cell, in a small
// font, so that it sits right under the name however tall the row.
const (
	issuerLineSize = 9.0
	spacerHeight   = 4.0 // the row between the blocks and the number
)

// writeHeading writes the heading's four rows (parent and nation; issuer
// with its short line, and motto; a spacer; number and place and date),
// each kept on the page of the next, and merges each block's cells. A
// body with no parent (the Supreme Procuracy) is printed on the first
// row. The caller goes on from the next row.
func writeHeading(r *rowWriter, st styles, h heading) error {
	pair := func(height float64, left, right any) error {
		row := make([]any, h.RightFrom)
		row[0], row[h.RightFrom-1] = left, right
		if err := r.write(height, row...); err != nil {
			return err
		}
		r.keepWithNext()
		if h.LeftTo > 1 && left != nil {
			if err := r.merge(1, h.LeftTo); err != nil {
				return err
			}
		}
		if h.RightTo > h.RightFrom {
			return r.merge(h.RightFrom, h.RightTo)
		}
		return nil
	}
	parent := strings.ToUpper(h.Issuer.Parent)
	issuer := breakCaps(strings.ToUpper(h.Issuer.Name), h.LeftWidth, document.SizeIssuer)
	named := excelize.Cell{StyleID: st.issuer, Value: []excelize.RichTextRun{
		{Text: issuer + "\n", Font: &excelize.Font{Family: Font, Size: document.SizeIssuer, Bold: true}},
		{Text: issuerLine(issuer), Font: &excelize.Font{Family: Font, Size: issuerLineSize}},
	}}
	// The right block is at least 50 units: the nation fits one line there
	// (as LibreOffice lays it out, 0.82 capitals a unit).
	nation := height(linesK(Nation, h.RightWidth, document.SizeNation, 0.82), document.SizeNation)
	motto := height(1, document.SizeMotto)
	issuerHt := height(capsLines(issuer, h.LeftWidth, document.SizeIssuer), document.SizeIssuer) + issuerLineSize*1.3
	if parent == "" { // the body over the first two rows, level with the nation and the motto
		if err := pair(nation, named, cell(st.nation, Nation)); err != nil {
			return err
		}
		if err := pair(math.Max(motto, issuerHt-nation), nil, cell(st.motto, Motto)); err != nil {
			return err
		}
		top, _ := excelize.CoordinatesToCellName(1, r.row-1)
		bottom, _ := excelize.CoordinatesToCellName(h.LeftTo, r.row)
		if err := r.sw.MergeCell(top, bottom); err != nil {
			return err
		}
	} else {
		ht := math.Max(height(capsLines(parent, h.LeftWidth, document.SizeIssuer), document.SizeIssuer), nation)
		if err := pair(ht, cell(st.parent, parent), cell(st.nation, Nation)); err != nil {
			return err
		}
		if err := pair(math.Max(issuerHt, motto), named, cell(st.motto, Motto)); err != nil {
			return err
		}
	}
	if err := pair(spacerHeight, nil, nil); err != nil {
		return err
	}
	ht := math.Max(height(lines(h.Number, h.LeftWidth, document.SizeNumber), document.SizeNumber),
		height(lines(h.PlaceDate, h.RightWidth, document.SizePlaceDate), document.SizePlaceDate))
	return pair(ht, cell(st.number, h.Number), cell(st.placeDate, h.PlaceDate))
}

// issuerLine is the issuing body's short line: low lines (they join into
// one line in Times New Roman, where an underlined space prints nothing
// in LibreOffice) as long as IssuerLineRatio of the name's longest line.
// A capital in bold is about 0.72 of the font's size wide, a low line
// half of its own font's.
func issuerLine(issuer string) string {
	longest := 0
	for _, l := range strings.Split(issuer, "\n") {
		longest = max(longest, runes(l))
	}
	width := float64(longest) * 0.72 * document.SizeIssuer * document.IssuerLineRatio
	return strings.Repeat("_", int(math.Round(width/(0.5*issuerLineSize))))
}

// headingBlocks places the heading's two blocks over a table's columns:
// the right block takes columns from the last back until it covers about
// the right 45 % of the table and at least 50 units ("CỘNG HÒA XÃ HỘI CHỦ
// NGHĨA VIỆT NAM" in bold needs about 47); the left block takes columns
// from the first until it is wide enough for the parent body ("VIỆN KIỂM
// SÁT NHÂN DÂN TỐI CAO", about 40 units at 12 pt) and, room allowing, the
// issuing body on one line. Columns between the two stay empty.
func headingBlocks(widths []float64, issuer document.Issuer, number, placeDate string) heading {
	n := len(widths)
	var total float64
	for _, w := range widths {
		total += w
	}
	h := heading{Issuer: issuer, Number: number, PlaceDate: placeDate, RightFrom: n, RightTo: n}
	for h.RightWidth = widths[n-1]; h.RightFrom > 2 && h.RightWidth < math.Max(50, 0.45*total); {
		h.RightFrom--
		h.RightWidth += widths[h.RightFrom-1]
	}
	need := 40.0
	for _, name := range []string{issuer.Parent, issuer.Name} {
		need = math.Max(need, math.Min(float64(runes(name))*fontScale(document.SizeIssuer)/0.74+1, total-h.RightWidth))
	}
	for h.LeftTo = 1; h.LeftTo < h.RightFrom-1 && h.LeftWidth+widths[h.LeftTo-1] < need; h.LeftTo++ {
		h.LeftWidth += widths[h.LeftTo-1]
	}
	h.LeftWidth += widths[h.LeftTo-1]
	return h
}

// breakCaps breaks a name in capitals that is too long for one line of
// its block: before its bracket ("CỤM THI ĐUA SỐ 6" over "(BẮC TRUNG
// BỘ)"), before "NGÀNH" ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" over "NGÀNH
// KIỂM SÁT NHÂN DÂN"), after "NHÂN DÂN" ("VIỆN KIỂM SÁT NHÂN DÂN" over
// "TỈNH THANH HÓA"), or else at the space nearest its middle, so neither
// line is a lone word.
func breakCaps(name string, width, size float64) string {
	// Whether it fits is judged as LibreOffice lays it out (0.82 capitals
	// a unit: "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO" fits 40 units in bold);
	// the row's height allows for more (capsLines).
	if strings.Contains(name, "\n") || linesK(name, width, size, 0.82) < 2 {
		return name
	}
	// Each part still too long is broken again.
	again := func(a, b string) string { return breakCaps(a, width, size) + "\n" + breakCaps(b, width, size) }
	if before, after, ok := strings.Cut(name, " ("); ok {
		return again(before, "("+after)
	}
	if before, after, ok := strings.Cut(name, " NGÀNH "); ok && strings.TrimSpace(before) != "" {
		return again(before, "NGÀNH "+after)
	}
	// "VIỆN KIỂM SÁT NHÂN DÂN" over "TỈNH THANH HÓA" or "KHU VỰC 1 - THANH HÓA".
	if before, after, ok := strings.Cut(name, "NHÂN DÂN "); ok && strings.TrimSpace(after) != "" {
		return again(before+"NHÂN DÂN", after)
	}
	r := []rune(name)
	best := -1
	for i, c := range r {
		if c == ' ' && (best < 0 || abs(i-len(r)/2) < abs(best-len(r)/2)) {
			best = i
		}
	}
	if best < 0 {
		return name
	}
	return string(r[:best]) + "\n" + string(r[best+1:])
}
