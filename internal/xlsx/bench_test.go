package xlsx

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The national ranking workbook: 350 units in 34 cluster sheets, and the
// same 350 in the national table on the summary sheet.
const benchClusters, benchUnits = 34, 350

// BenchmarkWriteNationalRankingWorkbook writes the national ranking
// workbook as WriteRanking does: headings, styles, merged cells, widths,
// frozen panes, print setup.
func BenchmarkWriteNationalRankingWorkbook(b *testing.B) {
	d := nationalRanking(benchClusters, benchUnits)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteRanking(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rankingCells(d)), "cells/op")
	b.ReportMetric(float64(buf.Len()), "file-bytes")
}

// BenchmarkRawStreamWriterSameCells writes the same table cells into the
// same 35 sheets with a bare StreamWriter and one style — no heading, no
// widths, panes, merges or print setup — so the layout's cost is a ratio
// to this, not a guess.
func BenchmarkRawStreamWriterSameCells(b *testing.B) {
	d := nationalRanking(benchClusters, benchUnits)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := rawRanking(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rankingCells(d)), "cells/op")
	b.ReportMetric(float64(buf.Len()), "file-bytes")
}

// rankingCells counts the table cells of the ranking workbook: 13 columns
// a unit on the summary (with the cluster), 12 on a cluster sheet.
func rankingCells(d RankingDoc) int {
	n := 13 * len(d.National)
	for _, c := range d.Clusters {
		n += 12 * len(c.Rows)
	}
	return n
}

func rawRanking(buf *bytes.Buffer, d RankingDoc) error {
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: Font, Size: 12}})
	if err != nil {
		return err
	}
	write := func(sheet string, rows []RankingRow, withCluster bool) error {
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			return err
		}
		for i, r := range rows {
			vals := []any{i + 1, r.Rank}
			if withCluster {
				vals = append(vals, r.Cluster)
			}
			vals = append(vals, r.UnitName, r.SelfTotal, r.Total, r.Arisen, r.Met, float64(r.Met)/float64(r.Arisen),
				r.Exceedable, r.Exceeded, float64(r.Exceeded)/float64(r.Exceedable), r.StatusLabel)
			cells := make([]any, len(vals))
			for j, v := range vals {
				cells[j] = excelize.Cell{StyleID: style, Value: v}
			}
			ref, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := sw.SetRow(ref, cells); err != nil {
				return err
			}
		}
		return sw.Flush()
	}
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return err
	}
	if err := write(SheetSummary, d.National, true); err != nil {
		return err
	}
	for _, c := range d.Clusters {
		if _, err := f.NewSheet(c.Name); err != nil {
			return err
		}
		if err := write(c.Name, c.Rows, false); err != nil {
			return err
		}
	}
	return f.Write(buf)
}
