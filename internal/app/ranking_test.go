package app_test

import (
	"reflect"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/cluster"
	"thidua/internal/scoring"
)

// TestRankingStatementsStay: the ranking reads the stored totals in two
// statements, on the demo's year and on a year whose clusters grow from 3
// filed units to 34.
func TestRankingStatementsStay(t *testing.T) {
	t.Parallel()
	s := newScoringFixture(t)
	f := s.fixture
	f.Now = func() time.Time { return time.Date(2040, 11, 20, 9, 0, 0, 0, time.UTC) }
	statements := func(year int) int64 {
		t.Helper()
		before := f.Store.Statements()
		if _, err := f.RankingPage(f.ctx, f.viewer, year); err != nil {
			t.Fatal(err)
		}
		return f.Store.Statements() - before
	}
	if n := statements(2026); n > 2 {
		t.Fatalf("the demo's ranking takes %d statements", n)
	}
	file := func(units ...int64) {
		t.Helper()
		entries := map[int64]scoring.Entry{s.crit("1"): {Numerator: fp(97), Denominator: fp(100)}, s.crit("3"): {Score: fp(35)},
			s.crit("2"): {NotArisen: true, Explanation: "Không có vụ án phải xét"}}
		for _, u := range units {
			v, err := f.SaveSelf(f.ctx, f.officerOf(u), 2040, u, 0, entries, true, "")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.ReviewFiling(f.ctx, f.board, 2040, u, v.Filing.Version, nil, app.ReviewAccept, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	file(s.th, s.na, s.ht)
	few := statements(2040)

	// Every other province of the demo's national clusters joins a second
	// cluster of 2040 and files.
	demo, _, err := f.Ranking(f.ctx, f.viewer, 2026)
	if err != nil {
		t.Fatal(err)
	}
	var others []int64
	for _, cr := range demo {
		for _, m := range cr.Cluster.Members {
			if cr.Cluster.Level == cluster.National && m != s.th && m != s.na && m != s.ht {
				others = append(others, m)
			}
		}
	}
	if _, err := f.SaveCluster(f.ctx, f.board, 0, app.ClusterInput{Year: 2040, Level: "national", Number: 10, Members: others}); err != nil {
		t.Fatal(err)
	}
	file(others...)
	page, err := f.RankingPage(f.ctx, f.viewer, 2040)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.National) < 30 || page.NationalRanked != len(page.National) {
		t.Fatalf("national table: %d units, %d ranked", len(page.National), page.NationalRanked)
	}
	if many := statements(2040); many != few || many > 2 {
		t.Fatalf("the ranking of 3 filed units takes %d statements, of %d units %d", few, len(page.National), many)
	}
}

// TestRankingFillsStaleTotals: filings whose totals nobody computed (all
// of them when migration 00015 runs, and those loaded in bulk) get them on
// the first ranking that reads them, which shows what scoring them shows.
func TestRankingFillsStaleTotals(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	want, wantNat, err := f.Ranking(f.ctx, f.viewer, 2026)
	if err != nil {
		t.Fatal(err)
	}
	// As the migration leaves the rows written before it.
	if err := f.Store.ExecForTest(`UPDATE assessments SET totals_stale = true, self_total = NULL, reviewed_total = NULL, reviewed_deduction = NULL,
		reviewed_arisen = NULL, reviewed_met = NULL, reviewed_exceedable = NULL, reviewed_exceeded = NULL`); err != nil {
		t.Fatal(err)
	}
	if stored, err := f.Store.FilingTotals(f.ctx, 2026); err != nil || len(stored) != 0 {
		t.Fatalf("stored totals left: %d, %v", len(stored), err)
	}
	got, gotNat, err := f.Ranking(f.ctx, f.viewer, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotNat, wantNat) {
		t.Fatalf("the ranking from filled totals differs:\n%+v\nwant\n%+v", gotNat, wantNat)
	}
	filings, err := f.Store.YearFilings(f.ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if stored, err := f.Store.FilingTotals(f.ctx, 2026); err != nil || len(stored) != len(filings) || len(filings) < 30 {
		t.Fatalf("%d filings, %d with stored totals (%v)", len(filings), len(stored), err)
	}
	again, _, err := f.Ranking(f.ctx, f.viewer, 2026)
	if err != nil || !reflect.DeepEqual(again, want) {
		t.Fatalf("read again: %v", err)
	}
}
