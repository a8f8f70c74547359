package pdf

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"thidua/internal/document"
)

// Page writes a document whose body is a list (the list annexed to a
// signed decision) in the NĐ 30/2020 form: A4 with the decree's margins,
// the heading, the title, the table with its header on every page, and
// the signature, which never stands alone on a page: the table's last row
// goes over with it.
func Page(w io.Writer, p document.Page) error {
	f := newDoc("P", document.PageWidthMM, document.PageHeightMM)
	f.SetMargins(document.MarginLeftMM, document.MarginTopMM, document.MarginRightMM)
	f.SetAutoPageBreak(false, document.MarginBottomMM)
	f.SetHeaderFunc(func() {
		if n := f.PageNo(); n > 1 {
			f.SetFont(Family, "", document.SizePageNumber)
			centre(f, fmt.Sprint(n), document.MarginLeftMM, textWidth(), document.MarginTopMM/2-2)
			f.SetY(document.MarginTopMM)
		}
	})
	f.AddPage()
	heading(f, p)
	y := f.GetY() + 6
	for _, line := range []struct {
		text string
		size float64
	}{{p.Kind, document.SizeKind}, {p.Subject, document.SizeBody}} {
		if line.text == "" {
			continue
		}
		style := "B"
		if line.size == document.SizeBody {
			style = "I"
		}
		f.SetFont(Family, style, line.size)
		for _, l := range f.SplitText(line.text, textWidth()) {
			centre(f, l, document.MarginLeftMM, textWidth(), y)
			y += line.size * mmPerPt * 1.25
		}
	}
	f.SetY(y + 4)
	for _, b := range p.Body {
		if b.Table != nil {
			table(f, *b.Table)
		}
	}
	signature(f, p.Signer)
	return f.Output(w)
}

func textWidth() float64 {
	return document.PageWidthMM - document.MarginLeftMM - document.MarginRightMM
}

// centre writes text centred in [x, x+width] with its top at y.
func centre(f *fpdf.Fpdf, text string, x, width, y float64) {
	f.SetXY(x, y)
	f.CellFormat(width, 0, text, "", 0, "CT", false, 0, "")
	_, h := f.GetFontSize()
	f.SetY(y + h)
}

// heading is the issuing body on the left and the national heading on the
// right, with their short lines, then the date line.
func heading(f *fpdf.Fpdf, p document.Page) {
	left, lw := document.MarginLeftMM-8, 78.0
	right, rw := left+lw, 95.0
	top := document.MarginTopMM
	y := top
	f.SetFont(Family, "", document.SizeIssuer)
	for _, l := range strings.Split(IssuerLines(p.Issuer.Parent, lw, false), "\n") {
		if l == "" {
			continue
		}
		centre(f, l, left, lw, y)
		y += document.SizeIssuer * mmPerPt * 1.2
	}
	f.SetFont(Family, "B", document.SizeIssuer)
	widest := 0.0
	for _, l := range strings.Split(IssuerLines(p.Issuer.Name, lw, true), "\n") {
		centre(f, l, left, lw, y)
		widest = max(widest, f.GetStringWidth(l))
		y += document.SizeIssuer * mmPerPt * 1.2
	}
	f.SetLineWidth(0.3)
	f.Line(left+lw/2-0.2*widest, y+1, left+lw/2+0.2*widest, y+1)
	ly := y + 3
	y = top
	f.SetFont(Family, "B", document.SizeNation)
	centre(f, document.Nation, right, rw, y)
	y += document.SizeNation * mmPerPt * 1.2
	f.SetFont(Family, "B", document.SizeMotto)
	centre(f, document.Motto, right, rw, y)
	mw := f.GetStringWidth(document.Motto)
	y += document.SizeMotto * mmPerPt * 1.2
	f.Line(right+rw/2-mw/2, y+1, right+rw/2+mw/2, y+1)
	y = max(y+3, ly)
	if p.Number != "" {
		f.SetFont(Family, "", document.SizeNumber)
		centre(f, "Số: "+p.Number, left, lw, y)
	}
	f.SetFont(Family, "I", document.SizePlaceDate)
	centre(f, document.DateLine(p.Issuer.Place, p.Date), right, rw, y)
	f.SetY(y + document.SizePlaceDate*mmPerPt*1.2)
}

const (
	tableSize = 12.0
	cellPad   = 1.2
)

// rowLines are a row's cells split to their columns' widths.
func rowLines(f *fpdf.Fpdf, cells []string, cols []float64, bold bool) ([][]string, float64) {
	style := ""
	if bold {
		style = "B"
	}
	f.SetFont(Family, style, tableSize)
	out := make([][]string, len(cols))
	n := 1
	for i := range cols {
		if i < len(cells) && cells[i] != "" {
			out[i] = f.SplitText(cells[i], cols[i]-2*cellPad)
		}
		n = max(n, len(out[i]))
	}
	return out, float64(n)*tableSize*mmPerPt*1.2 + 2*cellPad
}

// drawRow draws a row's boxes and text at the current y.
func drawRow(f *fpdf.Fpdf, lines [][]string, cols []float64, h float64, bold bool, centred func(int) bool) {
	style := ""
	if bold {
		style = "B"
	}
	f.SetFont(Family, style, tableSize)
	x, y := document.MarginLeftMM, f.GetY()
	f.SetLineWidth(0.2)
	for i, w := range cols {
		f.Rect(x, y, w, h, "D")
		for j, l := range lines[i] {
			align := "LT"
			if centred(i) {
				align = "CT"
			}
			f.SetXY(x+cellPad, y+cellPad+float64(j)*tableSize*mmPerPt*1.2)
			f.CellFormat(w-2*cellPad, 0, l, "", 0, align, false, 0, "")
		}
		x += w
	}
	f.SetY(y + h)
}

// signatureHeight is the room the signature takes: its title lines, room
// to sign, the name.
const signatureHeight = 45.0

// table draws the list, a new page when a row does not fit (with the
// header again); the last row moves over with the signature when the
// signature would not fit after it.
func table(f *fpdf.Fpdf, t document.Table) {
	total := 0.0
	for _, w := range t.Widths {
		total += w
	}
	cols := make([]float64, len(t.Widths))
	for i, w := range t.Widths {
		cols[i] = w / total * textWidth()
	}
	bottom := document.PageHeightMM - document.MarginBottomMM
	head, hh := rowLines(f, t.Headers, cols, true)
	all := func(int) bool { return true }
	drawRow(f, head, cols, hh, true, all)
	for i, r := range t.Rows {
		var lines [][]string
		var h float64
		rc, bold := cols, false
		if r.Group != "" {
			rc, bold = []float64{textWidth()}, true
			lines, h = rowLines(f, []string{r.Group}, rc, true)
		} else {
			lines, h = rowLines(f, r.Cells, cols, false)
		}
		need := h
		if i == len(t.Rows)-1 {
			need += signatureHeight
		}
		if f.GetY()+need > bottom {
			f.AddPage()
			drawRow(f, head, cols, hh, true, all)
		}
		drawRow(f, lines, rc, h, bold, func(c int) bool { return r.Group == "" && c == 0 })
	}
}

// signature is the signer's block on the right half.
func signature(f *fpdf.Fpdf, s document.Signer) {
	lines := s.Lines()
	x, w := document.MarginLeftMM+textWidth()/2, textWidth()/2
	y := f.GetY() + 6
	f.SetFont(Family, "B", document.SizeSignerTitle)
	for _, l := range lines[:len(lines)-2] {
		centre(f, strings.ToUpper(l), x, w, y)
		y += document.SizeSignerTitle * mmPerPt * 1.2
	}
	f.SetFont(Family, "B", document.SizeSignerName)
	centre(f, lines[len(lines)-1], x, w, y+25)
}
