package scoring

import (
	"fmt"
	"testing"
)

// A national year at full size: 34 provincial clusters, 350 units, a table
// of 150 rows. docs/performance.md records the figures.
const (
	benchUnits    = 350
	benchClusters = 34
	benchRows     = 150
)

// benchTable is a 150-row table: 10 groups, each a heading over 13 rows —
// 6 rate indicators that should be high, 2 that should be low, 2 counts
// whose target is 0, 3 direct scores — then 5 bonus and 5 deduction rows.
func benchTable() Table {
	t := Table{ID: 1, Year: 2026, Name: "Bảng tiêu chí (benchmark)"}
	id := int64(0)
	add := func(c Criterion) {
		id++
		c.ID, c.Code, c.Order = id, fmt.Sprintf("%d", id), int(id)
		t.Criteria = append(t.Criteria, c)
	}
	for g := range 10 {
		add(Criterion{Name: fmt.Sprintf("Nhóm %d", g+1), Method: Group})
		parent := id
		for k := range 13 {
			c := Criterion{ParentID: parent, Name: fmt.Sprintf("Tiêu chí %d.%d", g+1, k+1), Max: 0.5 + float64(k%4)*0.25,
				Numerator: "đạt", Denominator: "tổng số"}
			switch {
			case k < 6:
				c.Method, c.Direction, c.TargetNA, c.TargetSector, c.ExceedBonus = Indicator, Higher, fp(90), fp(95), 0.1
				c.Below = []BelowRule{Proportional, Nothing}[k%2]
			case k < 8:
				c.Method, c.Direction, c.TargetSector, c.Below = Indicator, Lower, fp(2), Proportional
			case k < 10:
				c.Method, c.Direction, c.Denominator = Indicator, Zero, ""
			default:
				c.Method, c.Numerator, c.Denominator = Fixed, "", ""
			}
			add(c)
		}
	}
	for range 5 {
		add(Criterion{Name: "Điểm thưởng", Method: Bonus, Max: 1})
	}
	for range 5 {
		add(Criterion{Name: "Điểm trừ", Method: Deduction})
	}
	return t
}

func fp(v float64) *float64 { return &v }

// benchEntries are a unit's figures, the same on every run: a small
// linear congruential generator seeded by the unit.
func benchEntries(t Table, unit int) map[int64]Entry {
	seed := uint64(unit)*2654435761 + 1
	next := func(n uint64) uint64 {
		seed = seed*6364136223846793005 + 1442695040888963407
		return (seed >> 33) % n
	}
	out := make(map[int64]Entry, len(t.Criteria))
	for _, c := range t.Criteria {
		var e Entry
		switch c.Method {
		case Group:
			continue
		case Fixed:
			e.Score = fp(c.Max * float64(next(101)) / 100)
		case Bonus, Deduction:
			if next(4) == 0 {
				e.Score, e.Explanation = fp(float64(next(3))*0.5), "giải trình"
			}
		case Indicator:
			switch {
			case next(20) == 0:
				e.NotArisen, e.Explanation = true, "không phát sinh"
			case c.Direction == Zero:
				e.Numerator = fp(float64(next(10) / 8)) // mostly 0
			case c.Direction == Lower:
				d := float64(50 + next(500))
				e.Numerator, e.Denominator = fp(float64(next(uint64(d)/20+1))), &d
			default:
				d := float64(100 + next(2000))
				e.Numerator, e.Denominator = fp(d-float64(next(uint64(d)/8+1))), &d
			}
		}
		out[c.ID] = e
	}
	return out
}

// BenchmarkRankNationalYear is app.Ranking's arithmetic for a national
// year: every unit's filing evaluated twice (the unit's own entries and
// the reviewed ones, here with one ruling changed), its standing built,
// then each cluster ranked and all units ranked together.
func BenchmarkRankNationalYear(b *testing.B) {
	t := benchTable()
	if len(t.Criteria) != benchRows {
		b.Fatalf("table has %d rows, want %d", len(t.Criteria), benchRows)
	}
	self := make([]map[int64]Entry, benchUnits)
	reviewed := make([]map[int64]Entry, benchUnits)
	for u := range benchUnits {
		self[u] = benchEntries(t, u)
		reviewed[u] = make(map[int64]Entry, len(self[u]))
		for id, e := range self[u] {
			reviewed[u][id] = e
		}
		reviewed[u][2] = Entry{Numerator: fp(90), Denominator: fp(100)}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		clusters := make([][]Standing, benchClusters)
		national := make([]Standing, 0, benchUnits)
		for u := range benchUnits {
			s := Standing{UnitID: int64(u + 1), UnitCode: fmt.Sprintf("U%03d", u)}
			own := Evaluate(t, self[u], nil)
			rev := Evaluate(t, reviewed[u], nil)
			s.SelfTotal, s.Total, s.Achievement, s.Deduction, s.Reviewed = own.Total, rev.Total, rev.Achievement, rev.Deduction, true
			clusters[u%benchClusters] = append(clusters[u%benchClusters], s)
			national = append(national, s)
		}
		for _, c := range clusters {
			Rank(c)
		}
		if r := Rank(national); len(r) != benchUnits {
			b.Fatal(len(r))
		}
	}
	b.ReportMetric(float64(2*benchUnits*benchRows), "rows-scored/op")
}
