package xlsx

import (
	"math"
	"strings"
)

// Nation and Motto are the right block of the national heading
// (Nghị định 30/2020, Phụ lục I).
const (
	Nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	Motto  = "Độc lập - Tự do - Hạnh phúc"
)

// heading is the national heading of a document sheet: top left the parent
// body in capitals over the issuing body in bold capitals; top right the
// nation in bold capitals over the motto, bold and underlined, then the
// place and date in italics under the motto.
type heading struct {
	Parent, Issuer string
	PlaceDate      string
	// The left block spans columns 1..LeftTo, the right block
	// RightFrom..RightTo (1-based, LeftTo < RightFrom); the widths are the
	// blocks' total column widths, for row heights.
	LeftTo, RightFrom, RightTo int
	LeftWidth, RightWidth      float64
	// Gap is the height of the empty row between the motto and the place
	// and date; 0 leaves the row at the default height.
	Gap float64
}

// writeHeading writes the heading's rows (parent and nation; issuer and
// motto; a gap; place and date) and merges each block's cells. The caller
// goes on from the next row.
func writeHeading(r *rowWriter, st styles, h heading) error {
	pair := func(height float64, left, right any) error {
		row := make([]any, h.RightFrom)
		row[0], row[h.RightFrom-1] = left, right
		if err := r.write(height, row...); err != nil {
			return err
		}
		if h.LeftTo > 1 {
			if err := r.merge(1, h.LeftTo); err != nil {
				return err
			}
		}
		if h.RightTo > h.RightFrom {
			return r.merge(h.RightFrom, h.RightTo)
		}
		return nil
	}
	ht := math.Max(height(capsLines(h.Parent, h.LeftWidth, 12), 12), height(capsLines(Nation, h.RightWidth, 12), 12))
	if err := pair(ht, cell(st.parent, h.Parent), cell(st.nation, Nation)); err != nil {
		return err
	}
	issuer := breakCaps(h.Issuer, h.LeftWidth, 12)
	ht = math.Max(height(capsLines(issuer, h.LeftWidth, 12), 12), height(1, 13))
	if err := pair(ht, cell(st.issuer, issuer), cell(st.motto, Motto)); err != nil {
		return err
	}
	if h.Gap > 0 {
		if err := r.write(h.Gap); err != nil {
			return err
		}
	} else {
		r.skip()
	}
	row := make([]any, h.RightFrom)
	row[h.RightFrom-1] = cell(st.placeDate, h.PlaceDate)
	if err := r.write(height(lines(h.PlaceDate, h.RightWidth, 13), 13), row...); err != nil {
		return err
	}
	if h.RightTo > h.RightFrom {
		return r.merge(h.RightFrom, h.RightTo)
	}
	return nil
}

// headingBlocks places the heading's two blocks over a table's columns:
// the right block takes columns from the last back until it covers about
// the right 45 % of the table and at least 50 units ("CỘNG HÒA XÃ HỘI CHỦ
// NGHĨA VIỆT NAM" in bold needs about 47); the left block takes columns
// from the first until it is wide enough for the parent body ("VIỆN KIỂM
// SÁT NHÂN DÂN TỐI CAO", about 40 units at 12 pt) and, room allowing, the
// issuing body on one line. Columns between the two stay empty.
func headingBlocks(widths []float64, parent, issuer, placeDate string) heading {
	n := len(widths)
	var total float64
	for _, w := range widths {
		total += w
	}
	h := heading{Parent: parent, Issuer: issuer, PlaceDate: placeDate, RightFrom: n, RightTo: n, Gap: 6}
	for h.RightWidth = widths[n-1]; h.RightFrom > 2 && h.RightWidth < math.Max(50, 0.45*total); {
		h.RightFrom--
		h.RightWidth += widths[h.RightFrom-1]
	}
	need := 40.0
	for _, name := range []string{parent, issuer} {
		need = math.Max(need, math.Min(float64(runes(name))*fontScale(12)/0.82+1, total-h.RightWidth))
	}
	for h.LeftTo = 1; h.LeftTo < h.RightFrom-1 && h.LeftWidth+widths[h.LeftTo-1] < need; h.LeftTo++ {
		h.LeftWidth += widths[h.LeftTo-1]
	}
	h.LeftWidth += widths[h.LeftTo-1]
	return h
}

// breakCaps breaks a name in capitals that is too long for one line of
// its block: before its bracket ("CỤM THI ĐUA SỐ 6" over "(BẮC TRUNG
// BỘ)"), after "NHÂN DÂN" ("VIỆN KIỂM SÁT NHÂN DÂN" over "TỈNH THANH
// HÓA"), or else at the space nearest its middle, so neither line is a
// lone word.
func breakCaps(name string, width, size float64) string {
	if strings.Contains(name, "\n") || capsLines(name, width, size) < 2 {
		return name
	}
	if strings.Contains(name, " (") {
		return strings.Replace(name, " (", "\n(", 1)
	}
	// "VIỆN KIỂM SÁT NHÂN DÂN" over "TỈNH THANH HÓA" or "KHU VỰC 1 - THANH HÓA".
	if before, after, ok := strings.Cut(name, "NHÂN DÂN "); ok && strings.TrimSpace(after) != "" {
		return before + "NHÂN DÂN\n" + after
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
