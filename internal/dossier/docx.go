package dossier

import (
	"archive/zip"
	"errors"
	"io"
	"strings"

	"thidua/internal/limits"
)

// CheckDOCX checks that the zip in r (size bytes) is a Word document and
// no zip bomb: at most limits.MaxDocxParts parts; what the directory
// declares and what the parts really unzip to both within
// limits.MaxDocxUnzipped, no part expanding more than limits.MaxDocxRatio
// times, no part longer than it declares (each is read, counting, and cut
// at one byte past its declared size); no macros (a .docm renamed).
func CheckDOCX(r io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return refuse("Tệp DOCX bị hỏng hoặc không phải tệp Word (.docx): không mở được.")
	}
	bomb := refuse("Tệp DOCX giải nén ra quá lớn so với kích thước tệp (nghi tệp nén độc hại – \"zip bomb\"): không nhận.")
	if len(zr.File) > limits.MaxDocxParts {
		return bomb
	}
	var declared uint64
	var document, types bool
	for _, f := range zr.File {
		switch {
		case f.Name == "word/document.xml":
			document = true
		case f.Name == "[Content_Types].xml":
			types = true
		case strings.EqualFold(f.Name, "word/vbaProject.bin"):
			return refuse("Tệp Word có chứa macro (.docm): không nhận. Vui lòng lưu lại dạng .docx hoặc PDF.")
		}
		declared += f.UncompressedSize64
		if declared > limits.MaxDocxUnzipped || tooExpanded(f.UncompressedSize64, f.CompressedSize64) {
			return bomb
		}
	}
	if !document || !types {
		if hasPrefix(zr.File, "xl/") {
			return refuse("Tệp là bảng tính Excel, không phải văn bản Word: chỉ nhận PDF, DOCX, JPG hoặc PNG.")
		}
		return refuse("Tệp nén không phải văn bản Word (.docx): chỉ nhận PDF, DOCX, JPG hoặc PNG.")
	}
	var actual uint64
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return refuse("Tệp DOCX bị hỏng: không đọc được phần " + f.Name + ".")
		}
		n, err := io.Copy(io.Discard, io.LimitReader(rc, int64(f.UncompressedSize64)+1))
		rc.Close()
		actual += uint64(n)
		if uint64(n) > f.UncompressedSize64 || actual > limits.MaxDocxUnzipped || tooExpanded(uint64(n), f.CompressedSize64) {
			return bomb
		}
		if errors.Is(err, zip.ErrFormat) { // archive/zip: more bytes than declared
			return bomb
		}
		if err != nil {
			return refuse("Tệp DOCX bị hỏng: không đọc được phần " + f.Name + ".")
		}
	}
	return nil
}

// tooExpanded reports a part unzipping to more than MaxDocxRatio times
// its compressed size (small parts aside: a 1 KB XML may well deflate 100×).
func tooExpanded(unzipped, compressed uint64) bool {
	return unzipped > 1<<20 && unzipped > compressed*limits.MaxDocxRatio
}

func hasPrefix(files []*zip.File, prefix string) bool {
	for _, f := range files {
		if strings.HasPrefix(f.Name, prefix) {
			return true
		}
	}
	return false
}
