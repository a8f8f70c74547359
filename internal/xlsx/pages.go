package xlsx

import (
	"math"

	"github.com/xuri/excelize/v2"

	"thidua/internal/document"
)

// A document sheet is laid out page by page, as a word processor would:
// its print scale fits its columns across the page, and a manual page
// break ends each page, placed so that rows kept together print together
// — a signature block is never alone on a page, and never split. The
// breaks are exact because every row's height is set when it is written;
// the page is taken a little shorter than it is, so that neither
// LibreOffice nor Excel needs a break of its own before ours. A scale
// rather than "fit to one page wide" also makes Excel keep the breaks
// (it ignores manual breaks under "fit to").

// pageSlack is the share of the printable height left unused, for the
// difference between a row's height and its printed height.
const pageSlack = 0.04

// pages is how a document sheet prints.
type pages struct {
	widths    []float64 // the columns' widths
	landscape bool
	titleRow  int  // the table header repeated on every page (1-based); 0: none
	onePage   bool // shrink to one page when it would take more
}

// printable is the page's printable width and height in millimetres.
func (p pages) printable() (w, h float64) {
	w = document.PageWidthMM - document.MarginLeftMM - document.MarginRightMM
	h = document.PageHeightMM - document.MarginTopMM - document.MarginBottomMM
	if p.landscape {
		w = document.PageHeightMM - document.MarginLeftMM - document.MarginRightMM
		h = document.PageWidthMM - document.MarginTopMM - document.MarginBottomMM
	}
	return w, h
}

// sheetWidthMM is the columns' printed width at 100 %: a column of width w
// takes 7w+5 px at 96 dpi (Times New Roman 11's digit is 7 px), taken 3 %
// wider for the renderers' rounding.
func sheetWidthMM(widths []float64) float64 {
	px := 0.0
	for _, w := range widths {
		px += 7*w + 5
	}
	return px * 1.03 * mmPerInch / 96
}

const ptPerMM = 72 / mmPerInch

// paginate sets the sheet's scale and page breaks from the rows r wrote.
// It runs after the last row and before the stream is flushed.
func (r *rowWriter) paginate(f *excelize.File, sheet string, p pages) error {
	pw, ph := p.printable()
	scale := math.Min(100, math.Floor(100*pw/sheetWidthMM(p.widths)))
	page := ph * ptPerMM * (1 - pageSlack) // points of printed height
	if p.onePage {
		total := 0.0
		for _, h := range r.heights {
			total += h
		}
		scale = math.Min(scale, math.Floor(100*page/total))
	}
	scale = math.Max(10, scale)
	adjust := uint(scale)
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{AdjustTo: &adjust}); err != nil {
		return err
	}
	for _, row := range pageBreaks(r.heights, r.keep, page*100/scale, p.titleRow) {
		ref, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		if err := f.InsertPageBreak(sheet, ref); err != nil {
			return err
		}
	}
	return nil
}

// pageBreaks are the rows (1-based) that start a new page, for rows of
// these heights on pages of room points, the title row (if any) repeated
// at the top of every page after the one it is on. Rows linked by keep
// go to the next page together when they do not fit on this one; a group
// longer than a page is split where the page ends.
func pageBreaks(heights []float64, keep []bool, room float64, titleRow int) []int {
	repeat := func(row int) float64 { // what a page starting at row (0-based) begins with
		if titleRow > 0 && row >= titleRow {
			return heights[titleRow-1]
		}
		return 0
	}
	var breaks []int
	used, start := 0.0, 0.0 // the page's height so far, and what it started with
	for i := 0; i < len(heights); {
		j := i // the group: i..j
		for j < len(heights)-1 && keep[j] {
			j++
		}
		group := 0.0
		for k := i; k <= j; k++ {
			group += heights[k]
		}
		if used > start && used+group > room && repeat(i)+group <= room {
			breaks = append(breaks, i+1)
			used = repeat(i)
			start = used
		}
		for k := i; k <= j; k++ {
			if used > start && used+heights[k] > room {
				breaks = append(breaks, k+1)
				used = repeat(k)
				start = used
			}
			used += heights[k]
		}
		i = j + 1
	}
	return breaks
}
