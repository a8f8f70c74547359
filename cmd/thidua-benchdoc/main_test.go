package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sample = `goos: linux
goarch: amd64
pkg: thidua/internal/app
cpu: AMD EPYC
BenchmarkNational/ranking/app-2         	      20	  51000000 ns/op	 8283750 B/op	   97674 allocs/op
BenchmarkNational/ranking/sql-2         	     100	   7400000 ns/op	  179200 B/op	    4344 allocs/op
    national_bench_test.go:40: national data set loaded in 7.6s
pkg: thidua/internal/xlsx
BenchmarkWriteNationalRankingWorkbook-2 	      70	  15400000 ns/op	     8750 cells/op	  148480 file-bytes	 9856614 B/op	   99650 allocs/op
PASS
`

func TestWritesOneRunBetweenTheMarkers(t *testing.T) {
	doc := filepath.Join(t.TempDir(), "performance.md")
	before := "# Performance\n\nprose\n\n" + begin + "\nold figures\n" + end + "\n\nmore prose\n"
	if err := os.WriteFile(doc, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(strings.NewReader(sample), doc, "make bench", "3.10 2.00 1.50 1/200 42"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(doc)
	got := string(b)
	for _, want := range []string{
		"# Performance\n\nprose\n\n" + begin + "\n", "\n" + end + "\n\nmore prose\n",
		"load average (1, 5, 15 min) 3.10 2.00 1.50 when the run began",
		"| `app.BenchmarkNational/ranking/app` | 20 | 51.0 ms | 7.9 MB | 97674 |  |",
		"| `xlsx.BenchmarkWriteNationalRankingWorkbook` | 70 | 15.4 ms | 9.4 MB | 99650 | 8750 cells/op, 148480 file-bytes |",
		// 51 / 7.4 = 6.89…; 8283750 / 179200 = 46.2…; 97674 / 4344 = 22.48…
		"| ranking a national year from the database | 51.0 ms | 7.4 ms | 6.9× | 46.2× | 22.5× |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "old figures") {
		t.Error("the previous run's figures were kept")
	}
}

func TestRefusesADocumentWithoutMarkers(t *testing.T) {
	doc := filepath.Join(t.TempDir(), "performance.md")
	if err := os.WriteFile(doc, []byte("no markers"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(strings.NewReader(sample), doc, "make bench", ""); err == nil {
		t.Fatal("a document without the markers was accepted")
	}
}
