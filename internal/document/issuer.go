// Package document holds what every official document of the system shares
// under Nghị định 30/2020/NĐ-CP: the body that issues it (heading, place,
// symbol, the texts that give it its power) and who signs it. It is plain
// data; the writers (xlsx, docx, pdf) lay it out.
package document

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"thidua/internal/org"
)

// Supreme is the Supreme People's Procuracy's name as printed in headings.
const Supreme = "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO"

// Issuer is the body a document comes from.
type Issuer struct {
	UnitID    int64        `json:"unit_id"`
	Level     org.UnitType `json:"level"`
	Parent    string       `json:"parent"`    // the governing body, in capitals; "" for the Supreme Procuracy
	Name      string       `json:"name"`      // the issuing body, in capitals
	Place     string       `json:"place"`     // the place name of the date line: "Thanh Hóa", "Hà Nội"
	Symbol    string       `json:"symbol"`    // the body's abbreviation in numbers: "VKSTH" in "125/QĐ-VKSTH"
	Authority []string     `json:"authority"` // "Căn cứ …" lines: the texts that give this level its power
}

// Number is a document number in the body's series: Number(125, "QĐ")
// is "125/QĐ-VKSTH"; n <= 0 leaves the number blank for the clerk.
func (i Issuer) Number(n int, kind string) string {
	num := "     "
	if n > 0 {
		num = itoa(n)
	}
	return num + "/" + kind + "-" + i.Symbol
}

func itoa(n int) string {
	var b [20]byte
	p := len(b)
	for n > 0 {
		p--
		b[p] = byte('0' + n%10)
		n /= 10
	}
	if p == len(b) {
		return "0"
	}
	return string(b[p:])
}

// SignMode says in whose name a document is signed (NĐ 30/2020 Điều 13).
type SignMode string

const (
	SignHead     SignMode = ""    // the head signs in their own name
	SignDeputy   SignMode = "KT." // ký thay: a deputy signs for the head
	SignOnBehalf SignMode = "TL." // thừa lệnh: an office head signs on the head's order
)

// Signer is who signs, with the head's title the signature is given for.
type Signer struct {
	HeadTitle string // the body's head: "VIỆN TRƯỞNG"
	Title     string // the signer's own title: "PHÓ VIỆN TRƯỞNG"
	Name      string // full name as printed under the signature
	Mode      SignMode
}

// Lines is the signature block from its top line down, name last:
// ["KT. VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG", "", "Nguyễn Văn A"].
func (s Signer) Lines() []string {
	var out []string
	switch s.Mode {
	case SignDeputy, SignOnBehalf:
		out = append(out, string(s.Mode)+" "+strings.ToUpper(s.HeadTitle), strings.ToUpper(s.Title))
	default:
		out = append(out, strings.ToUpper(s.HeadTitle))
	}
	return append(out, "", s.Name)
}

// Derive gives the issuer of a unit from its name and type alone, with the
// unit above it (nil for the Supreme Procuracy). Data recorded for the unit
// (place, symbol) takes precedence over this where the caller has it.
func Derive(u org.Unit, parent *org.Unit) Issuer {
	i := Issuer{UnitID: u.ID, Level: u.Type, Name: strings.ToUpper(u.Name)}
	switch u.Type {
	case org.TypeSupreme:
		i.Name, i.Place, i.Symbol = Supreme, "Hà Nội", "VKSTC"
	case org.TypeProvincial, org.TypeHigh:
		i.Parent = Supreme
		i.Place = placeOf(u.Name)
		i.Symbol = "VKS" + initials(i.Place)
	default:
		if parent != nil {
			i.Parent = strings.ToUpper(parent.Name)
			i.Place = placeOf(parent.Name)
		}
		i.Place = firstNonEmpty(i.Place, placeOf(u.Name))
		// The province's initials too: "VKSTC" alone would be the Supreme
		// Procuracy's for Tiểu Cần.
		i.Symbol = "VKS" + initials(placeOf(u.Name))
		if f := strings.Fields(placeOf(u.Name)); u.Type == org.TypeRegional && len(f) > 0 {
			// "khu vực 1 – Thanh Hóa" is numbered within its province: KV1.
			i.Symbol = "VKSKV" + f[0]
		}
		if parent != nil {
			i.Symbol += "-" + initials(placeOf(parent.Name))
		}
	}
	return i
}

// placeOf is the place in a procuracy's name: "Viện kiểm sát nhân dân tỉnh
// Thanh Hóa" → "Thanh Hóa"; "… cấp cao tại Đà Nẵng" → "Đà Nẵng".
func placeOf(name string) string {
	for _, sep := range []string{" tại ", " thành phố ", " tỉnh ", " khu vực ", " huyện ", " quận ", " thị xã "} {
		if i := strings.LastIndex(name, sep); i >= 0 {
			return strings.TrimSpace(name[i+len(sep):])
		}
	}
	return ""
}

// initials are the first letters of a place's words without marks:
// "Thanh Hóa" → "TH", "Hồ Chí Minh" → "HCM".
func initials(place string) string {
	var b strings.Builder
	for _, w := range strings.Fields(place) {
		r := []rune(norm.NFD.String(strings.NewReplacer("Đ", "D", "đ", "d").Replace(w)))[0]
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Sentence writes a procuracy's name in capitals as in a sentence:
// "VIỆN KIỂM SÁT NHÂN DÂN TỈNH THANH HÓA" → "Viện kiểm sát nhân dân tỉnh
// Thanh Hóa"; the words after its kind (tỉnh, thành phố, tại, khu vực …)
// are a place and keep their capitals.
func Sentence(name string) string {
	words := strings.Fields(strings.ToLower(name))
	place := false
	for i, w := range words {
		if place || i == 0 {
			r := []rune(w)
			words[i] = strings.ToUpper(string(r[:1])) + string(r[1:])
		}
		switch w {
		case "tỉnh", "phố", "tại", "huyện", "quận", "xã", "–", "-":
			place = true
		}
	}
	return strings.Join(words, " ")
}
