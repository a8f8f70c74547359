package dossier

import (
	"encoding/hex"
	"fmt"
	"path"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// IndexName is the bundle's index workbook, first in the ZIP.
const IndexName = "00_muc-luc.xlsx"

// Entry is one file of a bundle, as its index lists it.
type Entry struct {
	Path    string // the file's name inside the ZIP
	Part    Part
	Name    string // the file's name as uploaded
	Version int
	Size    int64
	SHA256  string // hex, lower case
	Record  string // the record it belongs to: "Đề nghị số 12", "Quyết định số 5/QĐ-VKSTC"
}

// Hex is a SHA-256 in lower-case hex.
func Hex(sum []byte) string { return hex.EncodeToString(sum) }

// BundlePath names file f, the seq-th (from 1) of its folder dir ("" or
// "de-nghi-12/"), predictably: the number, the part, the version and the
// uploaded name without diacritics, with the extension of its kind:
// "de-nghi-12/01_to_trinh_v2_to-trinh-khen-thuong.pdf".
func BundlePath(dir string, seq int, f File) string {
	base := strings.TrimSuffix(f.Name, path.Ext(f.Name))
	return fmt.Sprintf("%s%02d_%s_v%d_%s.%s", dir, seq, f.Part, f.Version, Slug(base), f.Kind.Ext())
}

// Slug is s in lower-case ASCII: Vietnamese letters without their marks
// (đ → d), anything else a hyphen, at most 60 characters; "tep" if
// nothing is left.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		}
		r = unicode.ToLower(r)
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		return "tep"
	}
	return out
}
