package app_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/dbtest"
	"thidua/internal/seed"
)

// BenchmarkNational measures the app's hot paths on the full national
// data set (seed 1: 387 units, 15 000 people, five years), each beside
// the bare library doing the same work: one hand-written SQL query
// through database/sql (internal/seed/national_sql.go). The data set is
// loaded once, before the sub-benchmarks (10–20 s on a 2-core machine).
//
//   - ranking/app: App.Ranking of the year in progress (every cluster and
//     bloc, and the national table) from the database;
//   - ranking/sql: the same ranks by one SQL aggregate over the stored
//     totals;
//   - verdicts/app: a person's record (App.Person) and the four individual
//     titles' verdicts (App.PersonVerdicts), one person per operation;
//   - verdicts/sql: the same record in one query and the same rules.
func BenchmarkNational(b *testing.B) {
	ctx, h := context.Background(), auth.Hasher{Cost: bcrypt.MinCost}
	s := dbtest.New(b)
	plan := seed.NationalPlan(1, seed.NationalScale, seed.FixtureSchedule)
	start := time.Now()
	if err := seed.National(ctx, s, h, plan); err != nil {
		b.Fatal(err)
	}
	b.Logf("national data set loaded in %s", time.Since(start).Round(time.Millisecond))
	a := app.New(s, h, app.FixedClock(seed.FixtureClock))
	year := seed.NationalScale.LastYear
	db := s.SQL()

	clusters, national, err := a.Ranking(ctx, auth.System, year)
	if err != nil {
		b.Fatal(err)
	}
	standings := len(national)
	for _, c := range clusters {
		standings += len(c.Standings)
	}
	if n := len(sqlRanking(b, ctx, db, year)); n != standings-len(national) || n == 0 {
		b.Fatalf("the SQL ranks %d members, the app %d cluster standings", n, standings-len(national))
	}
	b.Run("ranking/app", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := a.Ranking(ctx, auth.System, year); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(standings), "standings/op")
	})
	b.Run("ranking/sql", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sqlRanking(b, ctx, db, year)
		}
	})

	var people []int64
	if err := s.ScanForTest(&people, "SELECT id FROM people ORDER BY id"); err != nil {
		b.Fatal(err)
	}
	rs := award.RulesFor(a.Today())
	// Both sides must reach the same verdicts before their times compare.
	for _, id := range people[:200] {
		r, err := a.Person(ctx, auth.System, id)
		if err != nil {
			b.Fatal(err)
		}
		want, got := a.PersonVerdicts(r).Verdicts, sqlVerdicts(b, ctx, db, rs, year, id)
		for i := range want {
			if want[i].Outcome != got[i].Outcome {
				b.Fatalf("person %d, %s: app %s, SQL %s", id, want[i].Title, want[i].Outcome, got[i].Outcome)
			}
		}
	}
	b.Run("verdicts/app", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			r, err := a.Person(ctx, auth.System, people[i%len(people)])
			if err != nil {
				b.Fatal(err)
			}
			a.PersonVerdicts(r)
			i++
		}
	})
	b.Run("verdicts/sql", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			sqlVerdicts(b, ctx, db, rs, year, people[i%len(people)])
			i++
		}
	})
}

type rankRow struct {
	cluster, unit int64
	level, status string
	total         float64
	rank          int
}

// sqlRanking is the ranking by one query, read into rows.
func sqlRanking(b *testing.B, ctx context.Context, db *sql.DB, year int) []rankRow {
	rows, err := db.QueryContext(ctx, seed.BareRankingSQL, year)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var out []rankRow
	for rows.Next() {
		var r rankRow
		var number int
		var name string
		if err := rows.Scan(&r.cluster, &r.level, &number, &r.unit, &name, &r.status, &r.total, &r.rank); err != nil {
			b.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	return out
}

// sqlVerdicts reads a person's record in one query and runs the four
// individual titles' rules on it, as App.PersonVerdicts does.
func sqlVerdicts(b *testing.B, ctx context.Context, db *sql.DB, rs award.RuleSet, year int, id int64) []award.Verdict {
	var pid int64
	var name, position, unit string
	var ratings, initiatives, disciplines, awards []byte
	if err := db.QueryRowContext(ctx, seed.BarePersonSQL, id).Scan(&pid, &name, &position, &unit,
		&ratings, &initiatives, &disciplines, &awards); err != nil {
		b.Fatal(err)
	}
	var rec struct {
		ratings []struct {
			Year   int          `json:"year"`
			Rating award.Rating `json:"rating"`
		}
		initiatives []award.Initiative
		disciplines []struct {
			Measure award.Measure `json:"measure"`
			From    string        `json:"from"`
			To      *string       `json:"to"`
		}
		awards []award.Held
	}
	for _, x := range []struct {
		raw  []byte
		into any
	}{{ratings, &rec.ratings}, {initiatives, &rec.initiatives}, {disciplines, &rec.disciplines}, {awards, &rec.awards}} {
		if err := json.Unmarshal(x.raw, x.into); err != nil {
			b.Fatal(err)
		}
	}
	p := award.Person{ID: pid, Name: name, Ratings: map[int]award.Rating{}, Initiatives: rec.initiatives, Awards: rec.awards}
	for _, r := range rec.ratings {
		p.Ratings[r.Year] = r.Rating
	}
	for _, d := range rec.disciplines {
		from, _ := time.Parse("2006-01-02", d.From)
		dd := award.Discipline{Measure: d.Measure, From: from}
		if d.To != nil {
			dd.To, _ = time.Parse("2006-01-02", *d.To)
		}
		p.Disciplines = append(p.Disciplines, dd)
	}
	return []award.Verdict{rs.LaoDongTienTien(p, year), rs.ChienSiThiDuaCoSo(p, year),
		rs.ChienSiThiDuaNganh(p, year, award.Vote{}), rs.ChienSiThiDuaToanQuoc(p, year)}
}
