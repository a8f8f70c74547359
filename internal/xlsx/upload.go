package xlsx

// Reading uploaded workbooks, whatever they hold: refusing what is not an
// .xlsx by its bytes, opening within limits, placing problems, and reading
// cells the way people type them.

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"runtime/debug"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"thidua/internal/errs"
)

// Problem is one thing wrong in an uploaded workbook, placed as Excel
// shows it: the sheet, the row number, the column letter and its header.
type Problem struct {
	Sheet    string `json:"sheet"`
	Row      int    `json:"row,omitempty"`    // 0: the sheet as a whole
	Column   string `json:"column,omitempty"` // "D"; empty: the whole row
	Header   string `json:"header,omitempty"` // "Cách chấm"
	Value    string `json:"value"`            // what the cell holds
	Expected string `json:"expected"`         // what it should hold, in Vietnamese
}

// Where is the problem's place: "dòng 5, cột D (Cách chấm)".
func (p Problem) Where() string {
	var parts []string
	if p.Row > 0 {
		parts = append(parts, "dòng "+strconv.Itoa(p.Row))
	}
	if p.Column != "" {
		c := "cột " + p.Column
		if p.Header != "" {
			c += " (" + p.Header + ")"
		}
		parts = append(parts, c)
	}
	return strings.Join(parts, ", ")
}

// String is the problem as one Vietnamese sentence.
func (p Problem) String() string {
	s := "Trang “" + p.Sheet + "”"
	if w := p.Where(); w != "" {
		s += ", " + w
	}
	if p.Value == "" {
		s += ": ô trống"
	} else {
		s += ": giá trị “" + p.Value + "”"
	}
	return s + " – cần " + p.Expected
}

// fold is a string as compared loosely: NFC, no diacritics (đ → d),
// lower case, one space between words, no trailing "*" or ":".
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ' || r == 'Đ':
			b.WriteRune('d')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return strings.TrimRight(strings.Join(strings.Fields(b.String()), " "), "*: ")
}

// clean is a cell's text as stored: NFC, trimmed, one space between words
// (line breaks typed with Alt+Enter become spaces).
func clean(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// Refusals of a whole file, in Vietnamese. Each is returned as an
// errs.Invalid error with the message on the "file" field.
const (
	MsgFileEmpty     = "Tệp tải lên trống. Hãy chọn tệp Excel (.xlsx) của bảng tiêu chí."
	MsgFileXLS       = "Tệp này là định dạng Excel 97–2003 (.xls); hệ thống chỉ đọc tệp .xlsx. Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) → “Sổ làm việc Excel (*.xlsx)” rồi tải lên lại."
	MsgFileEncrypted = "Tệp Excel đang được đặt mật khẩu nên hệ thống không đọc được. Hãy mở tệp, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc), lưu lại rồi tải lên."
	MsgFilePDF       = "Tệp tải lên là tệp PDF, không phải tệp Excel. Hãy tải lên tệp .xlsx theo mẫu (tải tệp mẫu ở trang này)."
	MsgFileText      = "Tệp tải lên là tệp văn bản (CSV hoặc văn bản được đổi đuôi thành .xlsx), không phải tệp Excel. Hãy mở tệp bằng Excel và lưu lại dưới dạng “Sổ làm việc Excel (*.xlsx)”, hoặc dùng tệp mẫu."
	MsgFileHTML      = "Tệp tải lên là trang web (HTML/XML) được đặt đuôi Excel, không phải sổ làm việc .xlsx thật. Hãy mở tệp bằng Excel và lưu lại dưới dạng “Sổ làm việc Excel (*.xlsx)”."
	MsgFileWord      = "Tệp tải lên là văn bản Word (.docx), không phải tệp Excel. Hãy tải lên tệp .xlsx theo mẫu."
	MsgFileODS       = "Tệp tải lên là bảng tính OpenDocument (.ods). Hãy mở tệp bằng LibreOffice hoặc Excel và lưu lại dưới dạng .xlsx."
	MsgFileZip       = "Tệp tải lên là tệp nén nhưng không phải sổ làm việc Excel (.xlsx). Hãy tải lên tệp .xlsx theo mẫu."
	MsgFileNotExcel  = "Tệp tải lên không phải là tệp Excel (.xlsx). Hãy tải lên tệp .xlsx theo mẫu."
	MsgFileCorrupt   = "Tệp Excel bị hỏng hoặc không đọc được. Hãy mở tệp bằng Excel, lưu lại rồi tải lên lần nữa."
	MsgFileBomb      = "Tệp Excel khi giải nén lớn hơn 20 MB, quá lớn đối với một bảng tiêu chí. Hãy xóa các trang tính, hình ảnh không cần thiết rồi tải lên lại."
	MsgFileNoSheet   = "Không tìm thấy trang tính “" + SheetTable + "” hoặc trang tính nào có dòng tiêu đề gồm các cột “Mã”, “Tên tiêu chí”, “Cách chấm” (trong 20 dòng đầu). Hãy dùng tệp mẫu."
	MsgFileNoRows    = "Trang tính chưa có tiêu chí nào dưới dòng tiêu đề."
)

// MsgFileTooBig is the refusal of a file over MaxTableFileSize.
func MsgFileTooBig(size int64) string {
	mb := strings.Replace(strconv.FormatFloat(float64(size)/(1<<20), 'f', 1, 64), ".", ",", 1)
	return fmt.Sprintf("Tệp quá lớn (%s MB); chỉ nhận tệp Excel tối đa %d MB.", mb, MaxTableFileSize>>20)
}

func refuse(msg string) error {
	return &errs.Error{Code: errs.Invalid, Message: msg, Fields: map[string]string{"file": msg}}
}

var (
	zipMagic   = []byte("PK\x03\x04")
	emptyZip   = []byte("PK\x05\x06")
	oleMagic   = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	pdfMagic   = []byte("%PDF")
	encPackage = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00") // UTF-16LE stream name
)

// sniffWorkbook refuses, by its first bytes and its zip directory, a file
// that is not an .xlsx, with a message that says what it is instead; empty
// and bomb are the document's messages for an empty file and a zip bomb.
//
// It returns the size of the largest worksheet part, unzipped.
func sniffWorkbook(data []byte, empty, bomb string) (uint64, error) {
	switch {
	case len(data) == 0:
		return 0, refuse(empty)
	case bytes.HasPrefix(data, oleMagic):
		// An OLE compound file is a legacy .xls, or an .xlsx encrypted
		// with a password (its package stream is named EncryptedPackage).
		if bytes.Contains(data, encPackage) {
			return 0, refuse(MsgFileEncrypted)
		}
		return 0, refuse(MsgFileXLS)
	case bytes.HasPrefix(data, pdfMagic):
		return 0, refuse(MsgFilePDF)
	case bytes.HasPrefix(data, emptyZip):
		return 0, refuse(MsgFileZip)
	case !bytes.HasPrefix(data, zipMagic):
		head := data[:min(len(data), 4096)]
		trimmed := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n"))
		switch {
		case bytes.HasPrefix(trimmed, []byte("<")):
			return 0, refuse(MsgFileHTML)
		case bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) || looksText(head):
			return 0, refuse(MsgFileText)
		}
		return 0, refuse(MsgFileNotExcel)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return 0, refuse(MsgFileCorrupt)
	}
	if len(zr.File) > maxZipEntries {
		return 0, refuse(bomb)
	}
	var total, sheet uint64
	names := map[string]*zip.File{}
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if name := strings.ToLower(zf.Name); strings.HasPrefix(name, "xl/worksheets/") {
			sheet = max(sheet, zf.UncompressedSize64)
		}
		if zf.UncompressedSize64 > unzipLimit || total > unzipLimit {
			return 0, refuse(bomb)
		}
		names[strings.ToLower(strings.ReplaceAll(zf.Name, "\\", "/"))] = zf
	}
	switch {
	case names["[content_types].xml"] != nil && names["xl/workbook.xml"] != nil:
		return sheet, nil
	case names["word/document.xml"] != nil:
		return 0, refuse(MsgFileWord)
	case names["mimetype"] != nil && isODS(names["mimetype"]):
		return 0, refuse(MsgFileODS)
	}
	return 0, refuse(MsgFileZip)
}

func isODS(zf *zip.File) bool {
	rc, err := zf.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 100))
	return strings.Contains(string(b), "opendocument.spreadsheet")
}

// looksText reports whether the bytes read as text in any 8-bit or UTF-8
// encoding: no control characters other than tabs and line breaks
// (binary data has them within a few hundred bytes).
func looksText(b []byte) bool {
	for _, c := range b {
		if c < ' ' && c != '\t' && c != '\n' && c != '\r' || c == 0x7F {
			return false
		}
	}
	return true
}

func colLetter(j int) string {
	s, _ := excelize.ColumnNumberToName(j + 1)
	return s
}

// parseNumber reads a number as people type it: "98,5", "98.5", "1.234,5",
// "1,234.5", " 90 % ". percent reports a trailing "%".
func parseNumber(s string) (v float64, percent, ok bool) {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	if strings.HasSuffix(s, "%") {
		s, percent = strings.TrimSuffix(s, "%"), true
	}
	if s == "" {
		return 0, percent, false
	}
	dot, comma := strings.Count(s, "."), strings.Count(s, ",")
	switch {
	case dot > 0 && comma > 0: // the last one is the decimal separator
		if strings.LastIndex(s, ",") > strings.LastIndex(s, ".") {
			s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
		} else {
			s = strings.ReplaceAll(s, ",", "")
		}
	case comma == 1:
		s = strings.Replace(s, ",", ".", 1)
	case comma > 1:
		s = strings.ReplaceAll(s, ",", "")
	case dot > 1:
		s = strings.ReplaceAll(s, ".", "")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, percent, false
	}
	return v, percent, true
}

// round9 removes the binary noise of a computed value (0.955 × 100).
func round9(v float64) float64 { return math.Round(v*1e9) / 1e9 }

// panicHook, when set (by the fuzz test), is told of every panic a reader
// turned into a refusal, with the stack.
var panicHook func(p any, stack []byte)

func notePanic(p any) {
	if panicHook != nil {
		panicHook(p, debug.Stack())
	}
}

// openUpload reads an uploaded workbook within the size limits and opens
// it, refusing what is not an .xlsx with the reason; empty and bomb are the
// messages for an empty file and a zip bomb. sheetXML is the size of its
// largest worksheet, unzipped.
func openUpload(r io.Reader, size int64, empty, bomb string) (f *excelize.File, sheetXML uint64, err error) {
	if size > MaxTableFileSize {
		return nil, 0, refuse(MsgFileTooBig(size))
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxTableFileSize+1))
	if err != nil {
		return nil, 0, err
	}
	if len(data) > MaxTableFileSize {
		return nil, 0, refuse(MsgFileTooBig(max(size, int64(len(data)))))
	}
	if sheetXML, err = sniffWorkbook(data, empty, bomb); err != nil {
		return nil, 0, err
	}
	f, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit, RawCellValue: true})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size") {
			return nil, 0, refuse(bomb)
		}
		return nil, 0, refuse(MsgFileCorrupt)
	}
	return f, sheetXML, nil
}

// badText is the problem of a cell whose text cannot be stored, or nil:
// a NUL character (a workbook writes it as _x0000_, which excelize turns
// back into the character; PostgreSQL refuses it in text) or bytes that
// are not UTF-8.
func badText(sheet string, row, col int, header, v string) *Problem {
	if utf8.ValidString(v) && strings.IndexByte(v, 0) < 0 {
		return nil
	}
	shown := strings.ReplaceAll(strings.ToValidUTF8(v, "\uFFFD"), "\x00", "\uFFFD")
	return &Problem{Sheet: sheet, Row: row, Column: colLetter(col), Header: header, Value: clean(shown),
		Expected: "văn bản thường, không có ký tự NUL (mã 0) hay byte lỗi mã hóa (chỗ hiện dấu \uFFFD) – hãy xóa rồi gõ lại ô này"}
}
