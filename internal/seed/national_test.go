package seed

import (
	"context"
	"errors"
	"maps"
	"math"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/dbtest"
	"thidua/internal/org"
	"thidua/internal/scoring"
	"thidua/internal/store"
)

func TestNationalPlanIsAFunctionOfTheSeed(t *testing.T) {
	a, b := NationalPlan(1, SmallScale, FixtureSchedule), NationalPlan(1, SmallScale, FixtureSchedule)
	if a.Fingerprint() != b.Fingerprint() {
		t.Fatal("the same seed gave two different plans")
	}
	if c := NationalPlan(2, SmallScale, FixtureSchedule); c.Fingerprint() == a.Fingerprint() {
		t.Fatal("seeds 1 and 2 gave the same plan")
	}
}

func TestNationalPlanShape(t *testing.T) {
	sc := SmallScale
	p := NationalPlan(7, sc, FixtureSchedule)
	types := map[org.UnitType]int{}
	for _, u := range p.Units {
		types[u.Type]++
	}
	if types[org.TypeProvincial] != sc.Provinces || types[org.TypeRegional] != sc.Regional {
		t.Fatalf("units by type = %v, want %d provinces and %d regional procuracies", types, sc.Provinces, sc.Regional)
	}
	if len(p.People) != sc.People {
		t.Fatalf("%d people, want %d", len(p.People), sc.People)
	}
	if len(p.Years) != sc.LastYear-sc.FirstYear+1 {
		t.Fatalf("years %v", p.Years)
	}
	for _, c := range p.Clusters {
		if c.Head < 0 || len(c.Members) > 1 && (c.Deputy < 0 || c.Deputy == c.Head) {
			t.Fatalf("cluster %s %d: head %d, deputy %d", c.Name, c.Year, c.Head, c.Deputy)
		}
	}
	states := map[scoring.Status]int{}
	for _, f := range p.Filings {
		if f.Year < sc.LastYear && f.Status != scoring.Reviewed {
			t.Fatalf("a %d filing is %s: past years are all reviewed", f.Year, f.Status)
		}
		if f.Year == sc.LastYear {
			states[f.Status]++
		}
		if (f.Status == scoring.Reviewed) != (f.ReviewedTotal != nil) {
			t.Fatalf("filing of unit %d in %d: status %s, reviewed total %v", f.Unit, f.Year, f.Status, f.ReviewedTotal)
		}
	}
	for _, st := range []scoring.Status{scoring.Draft, scoring.Submitted, scoring.Reviewed} {
		if states[st] == 0 {
			t.Errorf("no %s filing in the year in progress: %v", st, states)
		}
	}
	titles := map[string]int{}
	for _, a := range p.Awards {
		if a.Year >= sc.LastYear {
			t.Fatalf("an award in %d, the year in progress", a.Year)
		}
		titles[string(a.Title)]++
	}
	for _, title := range []string{"ldtt", "cstd_cs", "tt_ldtt", "tt_ldxs"} {
		if titles[title] == 0 {
			t.Errorf("no award %s: %v", title, titles)
		}
	}
}

func TestNationalScaleCounts(t *testing.T) {
	p := NationalPlan(1, NationalScale, FixtureSchedule)
	c := p.Counts()
	if c["units"] != 3+34+350 || c["people"] != 15000 || len(p.Years) != 5 {
		t.Fatalf("national plan: %d units, %d people, %d years", c["units"], c["people"], len(p.Years))
	}
	if c["person_ratings"] < 60000 || c["assessments"] < 1800 || c["awards"] < 40000 {
		t.Fatalf("national plan too thin: %v", c)
	}
}

// contentSQL digests what the seed wrote, ids aside, so two databases
// can be compared.
const contentSQL = `SELECT md5(
	(SELECT string_agg(u.code || '|' || u.name || '|' || coalesce(p.code, ''), ',' ORDER BY u.code) FROM units u LEFT JOIN units p ON p.id = u.parent_id) ||
	(SELECT string_agg(p.full_name || '|' || u.code || '|' || p.position || '|' || p.birth_date || '|' ||
		coalesce((SELECT string_agg(year || r.rating, '' ORDER BY year) FROM person_ratings r WHERE r.person_id = p.id), ''), ',' ORDER BY p.id)
		FROM people p JOIN units u ON u.id = p.unit_id) ||
	(SELECT string_agg(u.code || a.year || a.status || a.self_total || coalesce(a.reviewed_total::text, '-'), ',' ORDER BY u.code, a.year)
		FROM assessments a JOIN units u ON u.id = a.unit_id) ||
	(SELECT string_agg(a.year || a.title || a.decision_no, ',' ORDER BY a.id) FROM awards a))`

func TestNationalSeed(t *testing.T) {
	t.Parallel()
	ctx, h := context.Background(), auth.Hasher{Cost: bcrypt.MinCost}
	plan := NationalPlan(3, SmallScale, FixtureSchedule)
	s := dbtest.New(t)
	if err := National(ctx, s, h, plan); err != nil {
		t.Fatal(err)
	}
	counts := tableCounts(t, s, plan)
	for table, want := range plan.Counts() {
		if counts[table] != want {
			t.Errorf("%s: %d rows, the plan has %d", table, counts[table], want)
		}
	}

	// A second load is refused and changes nothing.
	if err := National(ctx, s, h, plan); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second load: %v, want ErrNotEmpty", err)
	}
	if again := tableCounts(t, s, plan); !maps.Equal(counts, again) {
		t.Fatalf("the refused load changed counts: %v → %v", counts, again)
	}

	// The same seed into another database writes the same content.
	other := dbtest.New(t)
	if err := National(ctx, other, h, NationalPlan(3, SmallScale, FixtureSchedule)); err != nil {
		t.Fatal(err)
	}
	var d1, d2 string
	if err := s.ScanForTest(&d1, contentSQL); err != nil {
		t.Fatal(err)
	}
	if err := other.ScanForTest(&d2, contentSQL); err != nil {
		t.Fatal(err)
	}
	if d1 == "" || d1 != d2 {
		t.Fatalf("same seed, different content: %q vs %q", d1, d2)
	}

	// The app ranks the stored filings to the totals the plan computed:
	// the entries went to the right criteria.
	want := map[string]float64{}
	for _, f := range plan.Filings {
		if f.Year == SmallScale.LastYear && f.ReviewedTotal != nil {
			want[plan.Units[f.Unit].Code] = *f.ReviewedTotal
		}
	}
	clusters, _, err := app.New(s, h, app.FixedClock(FixtureClock)).Ranking(ctx, auth.System, SmallScale.LastYear)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, cr := range clusters {
		for _, st := range cr.Standings {
			if w, ok := want[st.Unit.Code]; ok {
				checked++
				if !st.Reviewed || math.Abs(st.Total-w) > 0.005 {
					t.Errorf("%s: ranked on %.2f (reviewed %v), the plan says %.2f", st.Unit.Code, st.Total, st.Reviewed, w)
				}
			}
		}
	}
	if checked != len(want) || checked == 0 {
		t.Fatalf("checked %d reviewed standings, the plan has %d", checked, len(want))
	}
}

func tableCounts(t *testing.T, s *store.Store, p Plan) map[string]int {
	t.Helper()
	out := map[string]int{}
	for table := range p.Counts() {
		var n int
		if err := s.ScanForTest(&n, "SELECT count(*) FROM "+table); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}
