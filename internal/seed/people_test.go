package seed

import (
	"context"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/dbtest"
	"thidua/internal/org"
	"thidua/internal/store"
)

func peopleCounts(t *testing.T, s *store.Store) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"people", "person_ratings", "person_initiatives", "person_disciplines", "awards", "proposals",
		"proposal_comments", "decisions", "votes", "ballots", "collective_facts", "publications"} {
		var n int64
		if err := s.ScanForTest(&n, "SELECT count(*) FROM "+table); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func TestDemoPeople(t *testing.T) {
	s, ctx, h := dbtest.New(t), context.Background(), auth.Hasher{Cost: bcrypt.MinCost}
	load := func() error { return Demo(ctx, s, h, FixtureClock) }
	if err := load(); err != nil {
		t.Fatalf("first seed: %v", err)
	}
	before := peopleCounts(t, s)
	t.Logf("demo rows: %v", before)
	for table, n := range before {
		if n == 0 {
			t.Errorf("the demo has no rows in %s", table)
		}
	}
	if err := load(); err != nil {
		t.Fatalf("second seed: %v", err)
	}
	if after := peopleCounts(t, s); !mapsEqual(before, after) {
		t.Fatalf("second seed changed row counts: before %v, after %v", before, after)
	}

	a := app.New(s, h, app.FixedClock(FixtureClock))
	a.Now = func() time.Time { return time.Date(2026, 11, 21, 12, 0, 0, 0, ict) }
	record := func(name string) app.PersonRecord {
		t.Helper()
		list, _, err := s.ListPeople(ctx, org.PersonFilter{Query: name})
		if err != nil || len(list) != 1 {
			t.Fatalf("person %s: %v (%d found)", name, err, len(list))
		}
		r, err := a.Person(ctx, auth.System, list[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}

	// Three years of Chiến sĩ thi đua cơ sở: the sector's title waits on the council's ballot.
	star := record(starName)
	asksBallot := func(v award.Verdict) bool {
		for _, r := range v.Reasons {
			if r.Judgement && strings.Contains(r.Text, "bỏ phiếu") {
				return true
			}
		}
		return false
	}
	var found bool
	for _, v := range a.PersonVerdicts(star).Verdicts {
		if v.Title != award.ChienSiThiDuaNganh {
			continue
		}
		found = true
		if v.Outcome != award.NotEligible && v.Outcome != award.NeedsJudgement || !asksBallot(v) {
			t.Errorf("Chiến sĩ thi đua ngành 2026 for %s: %s, %+v", starName, v.Outcome, v.Reasons)
		}
	}
	if !found {
		t.Error("no verdict for Chiến sĩ thi đua ngành")
	}
	rs := award.RulesFor(a.Today())
	if v := rs.ChienSiThiDuaNganh(star.AwardPerson(), 2025, award.Vote{}); v.Outcome != award.NeedsJudgement || !asksBallot(v) {
		t.Errorf("Chiến sĩ thi đua ngành 2025 for %s: %s, %+v", starName, v.Outcome, v.Reasons)
	}
	years := map[int]bool{}
	for _, aw := range star.Awards {
		if aw.Title == string(award.ChienSiThiDuaCoSo) && !aw.Revoked {
			years[aw.Year] = true
		}
	}
	if !years[2023] || !years[2024] || !years[2025] {
		t.Errorf("%s holds Chiến sĩ thi đua cơ sở in %v, want 2023–2025", starName, years)
	}

	// The revoked award stays, marked, with its reason.
	revoked := 0
	for _, aw := range record(revokedName).Awards {
		if aw.Revoked {
			revoked++
			if aw.Year != 2023 || aw.RevokeReason == "" {
				t.Errorf("revoked award: %+v", aw)
			}
		}
	}
	if revoked != 1 {
		t.Errorf("%s has %d revoked awards, want 1", revokedName, revoked)
	}

	// The closed vote and its proposal.
	var closed, proposed int64
	if err := s.ScanForTest(&closed, "SELECT count(*) FROM votes WHERE status = 'closed'"); err != nil {
		t.Fatal(err)
	}
	if err := s.ScanForTest(&proposed, "SELECT count(*) FROM proposals WHERE title = ? AND status = 'submitted'", string(award.CoThiDuaNganh)); err != nil {
		t.Fatal(err)
	}
	if closed != 1 || proposed < 1 {
		t.Errorf("closed votes %d, Cờ thi đua proposals %d", closed, proposed)
	}
}
