package dossier

import (
	"bytes"

	"thidua/internal/errs"
)

// Inspector recognises a file by its bytes as they stream past, and
// refuses what the app does not take: a format other than PDF, DOCX, JPEG
// or PNG (a renamed program among them), and a PDF carrying JavaScript or
// a launch action. Write it the file's bytes in order; a refusal comes
// back from Write as soon as it is known, so the upload stops there.
// Finish says the kind; a DOCX still needs CheckDOCX over the stored
// bytes, which a zip must be read from its end for.
//
// No third-party sniffer: the four formats have fixed signatures, and
// the checks that matter (scripts in a PDF, a zip bomb in a DOCX) are
// beyond a magic-number library anyway.
type Inspector struct {
	head []byte
	kind Kind
	n    int64
	pdf  pdfScanner
	err  error
}

// headLen is how many first bytes decide the format.
const headLen = 16

var (
	sigPDF  = []byte("%PDF-")
	sigPNG  = []byte("\x89PNG\r\n\x1a\n")
	sigJPEG = []byte{0xFF, 0xD8, 0xFF}
	sigZip  = []byte("PK\x03\x04")
	sigOLE  = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

func refuse(msg string) error { return errs.Fields{"file": msg}.Err() }

// programs are the signatures of files that run: refused by name.
var programs = []struct {
	sig  []byte
	what string
}{
	{[]byte("MZ"), "chương trình Windows (.exe, .dll)"},
	{[]byte("\x7fELF"), "chương trình Linux"},
	{[]byte{0xCF, 0xFA, 0xED, 0xFE}, "chương trình macOS"},
	{[]byte{0xCE, 0xFA, 0xED, 0xFE}, "chương trình macOS"},
	{[]byte{0xCA, 0xFE, 0xBA, 0xBE}, "chương trình macOS hoặc Java"},
	{[]byte("#!"), "tập lệnh (script)"},
}

// decide sets the kind from the first bytes.
func (in *Inspector) decide() error {
	h := in.head
	switch {
	case bytes.HasPrefix(h, sigPDF):
		in.kind = PDF
	case bytes.HasPrefix(h, sigPNG):
		if len(h) < 16 || string(h[12:16]) != "IHDR" {
			return refuse("Tệp PNG bị hỏng (thiếu phần đầu IHDR).")
		}
		in.kind = PNG
	case bytes.HasPrefix(h, sigJPEG):
		in.kind = JPEG
	case bytes.HasPrefix(h, sigZip):
		in.kind = DOCX // confirmed by CheckDOCX
	case bytes.HasPrefix(h, sigOLE):
		return refuse("Tệp Word 97–2003 (.doc) hoặc tệp Office có đặt mật khẩu không được nhận: vui lòng lưu lại dạng .docx không mật khẩu, hoặc PDF.")
	default:
		for _, p := range programs {
			if bytes.HasPrefix(h, p.sig) {
				return refuse("Tệp là " + p.what + ", không phải tài liệu; chỉ nhận PDF, DOCX, JPG hoặc PNG.")
			}
		}
		return refuse("Không nhận dạng được tệp: chỉ nhận PDF, DOCX, JPG hoặc PNG (nhận dạng theo nội dung tệp, không theo tên tệp).")
	}
	return nil
}

// Write inspects the next bytes of the file.
func (in *Inspector) Write(p []byte) (int, error) {
	if in.err != nil {
		return 0, in.err
	}
	in.n += int64(len(p))
	rest := p
	if in.kind == "" {
		take := min(headLen-len(in.head), len(rest))
		in.head = append(in.head, rest[:take]...)
		if len(in.head) < headLen {
			return len(p), nil
		}
		if in.err = in.decide(); in.err != nil {
			return 0, in.err
		}
		rest = in.head // the PDF scanner starts at the first byte
		if in.kind == PDF {
			in.pdf.write(rest)
			rest = p[take:]
		}
	}
	if in.kind == PDF {
		in.pdf.write(rest)
		if in.err = in.pdf.err; in.err != nil {
			return 0, in.err
		}
	}
	return len(p), nil
}

// Finish says the file's kind once every byte has been written.
func (in *Inspector) Finish() (Kind, error) {
	if in.err != nil {
		return "", in.err
	}
	if in.n == 0 {
		return "", refuse("Tệp rỗng (0 byte).")
	}
	if in.kind == "" {
		if in.err = in.decide(); in.err != nil {
			return "", in.err
		}
	}
	if in.kind == PDF && !in.pdf.eof {
		return "", refuse("Tệp PDF không trọn vẹn (không có dấu kết thúc %%EOF): có thể tải lên bị ngắt giữa chừng.")
	}
	return in.kind, nil
}

// pdfScanner reads a PDF's object syntax as it streams, skipping the data
// of streams, and remembers what it must refuse: the names /JS and
// /JavaScript (a script, run by an /OpenAction or any /AA), and /Launch
// (an action that starts a program). Names are compared after decoding
// their #xx escapes, so /J#61vaScript is caught too. Scripts hidden
// inside compressed object streams are beyond it (docs/security.md).
type pdfScanner struct {
	state int
	name  []byte
	word  []byte
	depth int
	esc   bool
	tail  []byte // the last bytes of stream data, for an endstream cut in two
	eof   bool   // a %%EOF comment seen
	cmt   []byte
	err   error
}

const (
	pdfNormal = iota
	pdfName
	pdfString
	pdfComment
	pdfStream
)

var endstream = []byte("endstream")

func isDelim(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '\f', 0, '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (s *pdfScanner) write(p []byte) {
	for i := 0; i < len(p) && s.err == nil; i++ {
		c := p[i]
		switch s.state {
		case pdfStream:
			rest := p[i:]
			if k := s.streamEnd(rest); k >= 0 {
				s.state = pdfNormal
				i += k - 1
				continue
			}
			return
		case pdfString:
			switch {
			case s.esc:
				s.esc = false
			case c == '\\':
				s.esc = true
			case c == '(':
				s.depth++
			case c == ')':
				if s.depth--; s.depth == 0 {
					s.state = pdfNormal
				}
			}
			continue
		case pdfComment:
			if c == '\r' || c == '\n' {
				if string(s.cmt) == "%EOF" {
					s.eof = true
				}
				s.cmt, s.state = s.cmt[:0], pdfNormal
			} else if len(s.cmt) < 8 {
				s.cmt = append(s.cmt, c)
			}
			continue
		case pdfName:
			if !isDelim(c) {
				if len(s.name) < 128 {
					s.name = append(s.name, c)
				}
				continue
			}
			s.checkName()
			s.state = pdfNormal
		}
		// pdfNormal
		if !isDelim(c) {
			if len(s.word) < 16 {
				s.word = append(s.word, c)
			}
			continue
		}
		word := string(s.word)
		s.word = s.word[:0]
		switch {
		case word == "stream" && (c == '\r' || c == '\n'):
			s.state = pdfStream
		case c == '/':
			s.state, s.name = pdfName, s.name[:0]
		case c == '(':
			s.state, s.depth = pdfString, 1
		case c == '%':
			s.state, s.cmt = pdfComment, s.cmt[:0]
		}
	}
	if s.state == pdfComment && string(s.cmt) == "%EOF" {
		s.eof = true // a file ending right after %%EOF
	}
}

// streamEnd finds the end of a stream's data in rest, the next bytes of
// the file: the index in rest just past "endstream", or -1 when rest holds
// none (its last bytes are kept, for an endstream cut between writes).
func (s *pdfScanner) streamEnd(rest []byte) int {
	n := len(endstream) - 1
	if len(s.tail) > 0 {
		joint := append(s.tail, rest[:min(len(rest), n)]...)
		if k := bytes.Index(joint, endstream); k >= 0 {
			s.tail = s.tail[:0]
			return k + len(endstream) - (len(joint) - min(len(rest), n))
		}
		if len(rest) < n { // still short: keep the joint's end
			s.tail = append(s.tail[:0], joint[max(0, len(joint)-n):]...)
			return -1
		}
	}
	if k := bytes.Index(rest, endstream); k >= 0 {
		s.tail = s.tail[:0]
		return k + len(endstream)
	}
	s.tail = append(s.tail[:0], rest[max(0, len(rest)-n):]...)
	return -1
}

// checkName refuses the names that make a PDF run something.
func (s *pdfScanner) checkName() {
	switch string(decodeName(s.name)) {
	case "JS", "JavaScript":
		s.err = refuse("Tệp PDF có chứa mã JavaScript (chạy khi mở tệp): không nhận. Vui lòng in lại tài liệu ra PDF thông thường rồi tải lên.")
	case "Launch":
		s.err = refuse("Tệp PDF có lệnh mở chương trình khác (/Launch): không nhận. Vui lòng in lại tài liệu ra PDF thông thường rồi tải lên.")
	}
}

// decodeName decodes a PDF name's #xx escapes.
func decodeName(n []byte) []byte {
	if bytes.IndexByte(n, '#') < 0 {
		return n
	}
	out := make([]byte, 0, len(n))
	for i := 0; i < len(n); i++ {
		if n[i] == '#' && i+2 < len(n) {
			if v, ok := unhex(n[i+1], n[i+2]); ok {
				out = append(out, v)
				i += 2
				continue
			}
		}
		out = append(out, n[i])
	}
	return out
}

func unhex(a, b byte) (byte, bool) {
	h := func(c byte) (byte, bool) {
		switch {
		case c >= '0' && c <= '9':
			return c - '0', true
		case c >= 'a' && c <= 'f':
			return c - 'a' + 10, true
		case c >= 'A' && c <= 'F':
			return c - 'A' + 10, true
		}
		return 0, false
	}
	x, ok1 := h(a)
	y, ok2 := h(b)
	return x<<4 | y, ok1 && ok2
}
