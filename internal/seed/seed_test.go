package seed

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/dbtest"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/store"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

// seeded is a fresh database with the demo loaded twice; the second load
// must change nothing.
func seeded(t *testing.T) (*store.Store, context.Context) {
	t.Helper()
	s, ctx, h := dbtest.New(t), context.Background(), auth.Hasher{Cost: bcrypt.MinCost}
	if err := Demo(ctx, s, h, FixtureClock); err != nil {
		t.Fatalf("first seed: %v", err)
	}
	before := rowCounts(t, s)
	if err := Demo(ctx, s, h, FixtureClock); err != nil {
		t.Fatalf("second seed: %v", err)
	}
	if after := rowCounts(t, s); !mapsEqual(before, after) {
		t.Fatalf("second seed changed row counts: before %v, after %v", before, after)
	}
	return s, ctx
}

func rowCounts(t *testing.T, s *store.Store) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"units", "users", "emulation_years", "review_exclusions", "clusters", "cluster_members",
		"pledges", "pledge_signatures", "registrations", "audit_log"} {
		var n int64
		if err := s.ScanForTest(&n, "SELECT count(*) FROM "+table); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func mapsEqual(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestDemoClusters(t *testing.T) {
	s, ctx := seeded(t)
	id := func(code string) int64 {
		t.Helper()
		u, err := s.UnitByCode(ctx, code)
		if err != nil {
			t.Fatalf("unit %s: %v", code, err)
		}
		return u.ID
	}
	find := func(year int, level cluster.Level, number int) cluster.Cluster {
		t.Helper()
		cs, err := s.Clusters(ctx, cluster.Filter{Year: year, Level: level})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			if c.Number == number {
				return c
			}
		}
		t.Fatalf("no %s number %d in %d", level, number, year)
		return cluster.Cluster{}
	}
	current := func(c cluster.Cluster) cluster.Pledge {
		t.Helper()
		p, err := s.CurrentPledge(ctx, c.ID)
		if err != nil {
			t.Fatalf("pledge of %s %d: %v", c.Title(), c.Year, err)
		}
		return p
	}

	t.Run("2026 national clusters cover the 34 provinces once each", func(t *testing.T) {
		jan1 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		provinces, _, err := s.ListUnits(ctx, org.UnitFilter{Type: org.TypeProvincial, On: jan1})
		if err != nil {
			t.Fatal(err)
		}
		if len(provinces) != 34 {
			t.Fatalf("%d provincial units on 1/1/2026, want 34", len(provinces))
		}
		cs, err := s.Clusters(ctx, cluster.Filter{Year: 2026, Level: cluster.National})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[int64]int{}
		for _, c := range cs {
			for _, m := range c.Members {
				seen[m]++
			}
			if c.HeadUnitID == nil || c.DeputyUnitID == nil {
				t.Errorf("%s: head or deputy not designated", c.Title())
			}
		}
		for _, p := range provinces {
			if seen[p.ID] != 1 {
				t.Errorf("%s (%s) is in %d clusters of 2026, want 1", p.Name, p.Code, seen[p.ID])
			}
			delete(seen, p.ID)
		}
		if len(seen) != 0 {
			t.Errorf("2026 clusters have members that are not provinces of 1/1/2026: %v", seen)
		}
	})

	t.Run("cluster 6 of 2021 as recorded", func(t *testing.T) {
		c := find(2021, cluster.National, 6)
		if c.HeadUnitID == nil || *c.HeadUnitID != id(prov("Nghệ An")) || c.DeputyUnitID == nil || *c.DeputyUnitID != id(prov("Quảng Trị")) {
			t.Errorf("head %v deputy %v, want Nghệ An and Quảng Trị", c.HeadUnitID, c.DeputyUnitID)
		}
		// It was copied from 2020, and the rotation suggested what VKSTC designated.
		if c.SuggestedHeadID == nil || *c.SuggestedHeadID != *c.HeadUnitID || c.SuggestedDeputyID == nil || *c.SuggestedDeputyID != *c.DeputyUnitID {
			t.Errorf("suggested head %v deputy %v, want the designated ones", c.SuggestedHeadID, c.SuggestedDeputyID)
		}
		p := current(c)
		if p.Status != cluster.PledgeFinal || len(p.Signatures) != 6 || p.SignedCount() != 6 {
			t.Fatalf("pledge %s with %d/%d signatures, want final with 6", p.Status, p.SignedCount(), len(p.Signatures))
		}
		if p.SignedOn == nil || !p.SignedOn.Equal(date(2020, 11, 30)) || p.Place != "Thanh Hóa" {
			t.Errorf("signed on %v at %q, want 30/11/2020 at Thanh Hóa", p.SignedOn, p.Place)
		}
		for _, sg := range p.Signatures {
			if d := sg.SignedAt.In(ict); d.Year() != 2020 || d.Month() != 11 || d.Day() != 30 {
				t.Errorf("unit %d signed at %v, want 30/11/2020", sg.UnitID, d)
			}
		}
	})

	t.Run("Bắc Trung Bộ 2026 waits for Nghệ An", func(t *testing.T) {
		c := find(2026, cluster.National, 4)
		if c.HeadUnitID == nil || *c.HeadUnitID != id(thanhHoa) {
			t.Errorf("head %v, want Thanh Hóa", c.HeadUnitID)
		}
		p := current(c)
		signed := map[int64]bool{}
		for _, sg := range p.Signatures {
			signed[sg.UnitID] = sg.Signed()
		}
		if p.Status != cluster.PledgeDraft || !signed[id(thanhHoa)] || signed[id(prov("Nghệ An"))] {
			t.Errorf("status %s, signed %v; want a draft signed by Thanh Hóa and not by Nghệ An", p.Status, signed)
		}
	})

	t.Run("an amended pledge keeps its superseded version", func(t *testing.T) {
		var n int64
		if err := s.ScanForTest(&n, `SELECT count(*) FROM pledges WHERE status = 'superseded'`); err != nil {
			t.Fatal(err)
		}
		if n < 1 {
			t.Errorf("%d superseded pledges, want at least 1", n)
		}
	})

	t.Run("Thanh Hóa's registration of 2026", func(t *testing.T) {
		regs, err := s.Registrations(ctx, 2026, []int64{id(thanhHoa)})
		if err != nil {
			t.Fatal(err)
		}
		r, ok := regs[id(thanhHoa)]
		if !ok || len(r.People) < 4 || r.SubmittedAt == nil || r.SubmittedAt.After(date(2026, 1, 31)) {
			t.Errorf("registration %+v, want one with at least 4 people submitted before 31/1/2026", r)
		}
	})

	t.Run("Cao Bằng cannot be designated in 2026", func(t *testing.T) {
		c := find(2026, cluster.National, 2)
		if !c.IsMember(id(prov("Cao Bằng"))) {
			t.Fatal("Cao Bằng is expected in cluster 2 of 2026")
		}
		a := app.New(s, auth.Hasher{Cost: bcrypt.MinCost}, app.FixedClock(FixtureClock))
		_, err := a.Designate(ctx, auth.System, c.ID, c.Version,
			cluster.Designation{HeadUnitID: id(prov("Cao Bằng")), DeputyUnitID: *c.DeputyUnitID, Ref: "thử"})
		if e, ok := errs.As(err); !ok || e.Fields["head_unit_id"] == "" {
			t.Errorf("designating Cao Bằng: got %v, want a refusal on head_unit_id", err)
		}
	})

	t.Run("blocs of Thanh Hóa", func(t *testing.T) {
		owner := id(thanhHoa)
		cs, err := s.Clusters(ctx, cluster.Filter{Year: 2026, Level: cluster.Bloc, Owner: &owner})
		if err != nil {
			t.Fatal(err)
		}
		var states []cluster.PledgeStatus
		for _, c := range cs {
			states = append(states, current(c).Status)
		}
		if len(cs) != 2 || !slices.Equal(states, []cluster.PledgeStatus{cluster.PledgeDraft, cluster.PledgeFinal}) {
			t.Errorf("%d blocs with pledges %v, want 2: a draft and a final", len(cs), states)
		}
	})
}
