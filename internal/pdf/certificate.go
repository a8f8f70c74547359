package pdf

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"thidua/internal/document"
)

// mmPerPt converts points to millimetres.
const mmPerPt = 25.4 / 72

// Certificates writes one page per certificate, each field where the
// layout puts it on the blank: no frame, no background, only the text.
func Certificates(w io.Writer, l document.CertLayout, certs []document.Certificate) error {
	f := newCertDoc(l)
	for _, c := range certs {
		f.AddPage()
		for _, fl := range l.Fields {
			place(f, fl, c[fl.Key])
		}
	}
	if len(certs) == 0 {
		f.AddPage()
	}
	return f.Output(w)
}

// Calibration is the sheet a board prints on a blank to check the layout:
// a millimetre grid (a line every 10 mm, numbered), and at each field a
// cross at its position, its name and a sample text where it will print.
func Calibration(w io.Writer, l document.CertLayout) error {
	f := newCertDoc(l)
	f.AddPage()
	f.SetLineWidth(0.1)
	f.SetDrawColor(170, 170, 170)
	f.SetTextColor(120, 120, 120)
	f.SetFont(Family, "", 6)
	for x := 10.0; x < l.Width; x += 10 {
		f.Line(x, 0, x, l.Height)
		f.Text(x+0.5, 3, fmt.Sprint(x))
	}
	for y := 10.0; y < l.Height; y += 10 {
		f.Line(0, y, l.Width, y)
		f.Text(0.5, y-0.5, fmt.Sprint(y))
	}
	f.SetDrawColor(200, 0, 0)
	f.SetLineWidth(0.2)
	for _, fl := range l.Fields {
		f.Line(fl.X-4, fl.Y, fl.X+4, fl.Y)
		f.Line(fl.X, fl.Y-4, fl.X, fl.Y+4)
		f.SetTextColor(200, 0, 0)
		f.SetFont(Family, "I", 7)
		f.Text(fl.X+1, fl.Y-1, fmt.Sprintf("%s (%s; %s mm)", document.CertLabel(fl.Key), document.MM(fl.X), document.MM(fl.Y)))
		f.SetTextColor(0, 0, 0)
		place(f, fl, document.CertSample(fl.Key))
	}
	return f.Output(w)
}

func newCertDoc(l document.CertLayout) *fpdf.Fpdf {
	// "P" keeps the size as given (fpdf swaps it for "L").
	f := newDoc("P", l.Width, l.Height)
	f.SetMargins(0, 0, 0)
	f.SetAutoPageBreak(false, 0)
	f.SetTitle(document.KindLabel(l.Kind), true)
	return f
}

// place prints text with the top of its first line at the field's Y and
// its left edge (or centre) at X; lines after the first follow at 1.2
// times the size.
func place(f *fpdf.Fpdf, fl document.CertField, text string) {
	style := ""
	if fl.Bold {
		style = "B"
	}
	f.SetFont(Family, style, fl.Size)
	ascent := float64(f.GetFontDesc(Family, style).Ascent) / 1000 * fl.Size * mmPerPt
	for i, line := range strings.Split(text, "\n") {
		x := fl.X
		if fl.Center {
			x -= f.GetStringWidth(line) / 2
		}
		f.Text(x, fl.Y+ascent+float64(i)*1.2*fl.Size*mmPerPt, line)
	}
}
