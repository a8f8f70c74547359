package xlsx

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// BenchmarkRawStreamWriterAwardList writes the cells of the sector's award
// list (BenchmarkWriteSectorAwardList: 15 000 people, Government columns)
// with a bare StreamWriter and one style: the header row and one row of
// eight cells a person, in the given order — no grouping by title, no
// subtotals, heading, widths, print setup or signature. The ratio of the
// two is what the document's layout costs.
func BenchmarkRawStreamWriterAwardList(b *testing.B) {
	d := sectorAwardList(15000)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := rawAwardList(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(d.Rows)), "rows/op")
	b.ReportMetric(float64(buf.Len()), "file-bytes")
}

func rawAwardList(buf *bytes.Buffer, d AwardListDoc) error {
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: Font, Size: 12}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	headers, _ := awardListColumns(d)
	cells := make([]any, len(headers))
	for i, h := range headers {
		cells[i] = excelize.Cell{StyleID: style, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	for i, r := range d.Rows {
		var birth any
		if r.BirthDate != nil {
			birth = r.BirthDate.Format("02/01/2006")
		}
		vals := []any{i + 1, r.Name, birth, r.Sex, positionUnit(r), r.Title.Label(), r.Summary, r.Note}
		row := make([]any, len(vals))
		for j, v := range vals {
			row[j] = excelize.Cell{StyleID: style, Value: v}
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(ref, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(buf)
}
