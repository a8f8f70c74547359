// Package pdf writes the documents that are final as PDF (the list annexed
// to a signed decision, the certificates printed on pre-printed blanks)
// with fpdf, in Liberation Serif — metric-compatible with Times New Roman,
// under the SIL Open Font License, which allows embedding (fonts/LICENSE).
// The fonts are embedded in the binary; nothing is read from the system.
package pdf

import (
	"embed"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"thidua/internal/document"
)

//go:embed fonts/*.ttf
var fonts embed.FS

// Family is the font family name in the PDFs.
const Family = "LiberationSerif"

var faces = []struct{ style, file string }{
	{"", "fonts/LiberationSerif-Regular.ttf"},
	{"B", "fonts/LiberationSerif-Bold.ttf"},
	{"I", "fonts/LiberationSerif-Italic.ttf"},
	{"BI", "fonts/LiberationSerif-BoldItalic.ttf"},
}

// newDoc is an fpdf document in millimetres with the serif family loaded.
func newDoc(orientation string, w, h float64) *fpdf.Fpdf {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orientation, UnitStr: "mm", Size: fpdf.SizeType{Wd: w, Ht: h}})
	for _, face := range faces {
		b, err := fonts.ReadFile(face.file)
		if err != nil {
			panic(err) // embedded at build time
		}
		f.AddUTF8FontFromBytes(Family, face.style, b)
	}
	f.SetCreator("Thi đua", true)
	return f
}

var measure struct {
	sync.Mutex
	f *fpdf.Fpdf
}

// TextWidthMM is how wide text is set in Liberation Serif (so in Times
// New Roman) at size points, bold or not: the docx writer sizes the short
// lines under the motto and the issuer with it.
func TextWidthMM(text string, size float64, bold bool) float64 {
	measure.Lock()
	defer measure.Unlock()
	if measure.f == nil {
		measure.f = newDoc("P", 210, 297)
	}
	style := ""
	if bold {
		style = "B"
	}
	measure.f.SetFont(Family, style, size)
	return measure.f.GetStringWidth(text)
}

// IssuerLines breaks a body's name too wide for width mm (at the issuer's
// size) where offices break it, after "VIỆN KIỂM SÁT NHÂN DÂN":
// "… NHÂN DÂN\nTỈNH THANH HÓA".
func IssuerLines(name string, width float64, bold bool) string {
	const head = "VIỆN KIỂM SÁT NHÂN DÂN "
	if TextWidthMM(name, document.SizeIssuer, bold) <= width || !strings.HasPrefix(name, head) {
		return name
	}
	return strings.TrimSpace(head) + "\n" + strings.TrimPrefix(name, head)
}
