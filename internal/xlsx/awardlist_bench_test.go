package xlsx

import (
	"bytes"
	"testing"
)

// BenchmarkWriteSectorAwardList writes a sector-wide Government-level list
// of 15 000 rows in eight title groups.
func BenchmarkWriteSectorAwardList(b *testing.B) {
	d := sectorAwardList(15000)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteAwardList(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(d.Rows)), "rows/op")
	b.ReportMetric(float64(buf.Len()), "file-bytes")
}
