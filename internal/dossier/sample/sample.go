// Package sample makes small, valid documents of each kind the dossier
// takes (a one-page PDF, a DOCX, a PNG, a JPEG) for the demo data and the
// tests, and the bad files the tests expect refused: a PDF with
// JavaScript, DOCX zip bombs, a renamed program.
package sample

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"maps"
	"slices"
	"strings"
)

// PDF is a one-page A4 PDF showing text (ASCII; other letters become
// '?'), with pad bytes of binary stream data after the page, as a scanned
// page would carry: PDF("To trinh", 5<<20) is a 5 MB file.
func PDF(text string, pad int) []byte {
	return pdf(text, pad, "")
}

// PDFWithScript is PDF whose catalogue runs JavaScript when opened
// (/OpenAction → /S /JavaScript /JS), with the names written as given:
// "/JavaScript" or escaped, "/J#61vaScript".
func PDFWithScript(name string) []byte {
	return pdf("script", 0, fmt.Sprintf(" /OpenAction << /S %s /JS (app.alert\\(1\\)) >>", name))
}

func pdf(text string, pad int, catalog string) []byte {
	ascii := strings.Map(func(r rune) rune {
		if r < 32 || r > 126 || r == '(' || r == ')' || r == '\\' {
			return '?'
		}
		return r
	}, text)
	content := fmt.Sprintf("BT /F1 14 Tf 72 770 Td (%s) Tj ET", ascii)
	var b bytes.Buffer
	var offs []int
	obj := func(body string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), body)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	obj("<< /Type /Catalog /Pages 2 0 R" + catalog + " >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>")
	obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	if pad > 0 {
		// Incompressible bytes, as a scanned image is: a simple generator
		// keeps the file the same from run to run.
		data := make([]byte, pad)
		x := uint32(2463534242)
		for i := range data {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			data[i] = byte(x)
		}
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n<< /Length %d >>\nstream\n", len(offs), pad)
		b.Write(data)
		b.WriteString("\nendstream\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

func document(text string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:body></w:document>`
}

// DOCX is a one-paragraph Word document saying text (plain text, no
// markup characters).
func DOCX(text string) []byte {
	return zipOf(map[string][]byte{"[Content_Types].xml": []byte(contentTypes), "_rels/.rels": []byte(rels),
		"word/document.xml": []byte(document(text))}, nil)
}

// DOCXBomb is a DOCX one of whose parts unzips to n zero bytes, honestly
// declared: a ratio of about a thousand.
func DOCXBomb(n int) []byte {
	return zipOf(map[string][]byte{"[Content_Types].xml": []byte(contentTypes), "_rels/.rels": []byte(rels),
		"word/document.xml": []byte(document("bomb")), "word/media/zero.bin": make([]byte, n)}, nil)
}

// DOCXLying is a DOCX one of whose parts declares 1 KB but unzips to n
// zero bytes: only reading it finds out.
func DOCXLying(n int) []byte {
	return zipOf(map[string][]byte{"[Content_Types].xml": []byte(contentTypes), "_rels/.rels": []byte(rels),
		"word/document.xml": []byte(document("lying"))}, map[string][]byte{"word/media/zero.bin": make([]byte, n)})
}

// DOCXMacro is a DOCX carrying a VBA project (a .docm renamed).
func DOCXMacro() []byte {
	return zipOf(map[string][]byte{"[Content_Types].xml": []byte(contentTypes), "_rels/.rels": []byte(rels),
		"word/document.xml": []byte(document("macro")), "word/vbaProject.bin": []byte("VBA")}, nil)
}

// XLSX is a zip with the parts of a workbook, not of a Word document.
func XLSX() []byte {
	return zipOf(map[string][]byte{"[Content_Types].xml": []byte(contentTypes), "xl/workbook.xml": []byte("<workbook/>")}, nil)
}

// zipOf zips parts (deflated, in name order) and lying parts, whose
// headers declare 1024 bytes whatever they hold.
func zipOf(parts, lying map[string][]byte) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range sortedKeys(parts) {
		w, err := zw.Create(name)
		if err != nil {
			panic(err)
		}
		w.Write(parts[name])
	}
	for _, name := range sortedKeys(lying) {
		var c bytes.Buffer
		fw, _ := flate.NewWriter(&c, flate.BestCompression)
		fw.Write(lying[name])
		fw.Close()
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(lying[name]),
			CompressedSize64: uint64(c.Len()), UncompressedSize64: 1024}
		w, err := zw.CreateRaw(h)
		if err != nil {
			panic(err)
		}
		w.Write(c.Bytes())
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func sortedKeys(m map[string][]byte) []string { return slices.Sorted(maps.Keys(m)) }

func picture() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for y := 0; y < 30; y++ {
		for x := 0; x < 40; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 6), uint8(y * 8), 120, 255})
		}
	}
	return img
}

// PNG is a small picture.
func PNG() []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, picture()); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// JPEG is a small photograph.
func JPEG() []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, picture(), nil); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// Program is the start of a Windows program, as a renamed .exe brings.
func Program() []byte {
	b := make([]byte, 4096)
	copy(b, "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff")
	copy(b[64:], "This program cannot be run in DOS mode.")
	return b
}
