package app_test

import (
	"encoding/json"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/org"
	"thidua/internal/store"
)

// A person's record is read in one statement; it holds what the lists
// read one by one hold, in their order, for every person of the demo.
func TestPersonReadsTheRecordAtOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.Store
	people, _, err := st.ListPeople(f.ctx, org.PersonFilter{})
	if err != nil || len(people) == 0 {
		t.Fatal("no people", err)
	}
	// The demo has no absences, pending matters or moves: give two people some.
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	a, b := people[0], people[len(people)-1]
	for _, x := range []store.PersonAbsence{{PersonID: a.ID, Kind: "om_dau", FromDate: day(2025, 3, 1), ToDate: new(day(2025, 4, 1)), Note: "Ốm dài ngày"},
		{PersonID: a.ID, Kind: "hoc_tap", FromDate: day(2026, 9, 1)}} {
		if _, err := st.AddAbsence(f.ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []store.PendingMatter{{PersonID: &a.ID, Kind: "khieu_nai", OpenedOn: day(2026, 2, 1)}, {PersonID: &b.ID, Kind: "dieu_tra", OpenedOn: day(2024, 1, 5)}} {
		m, err := st.AddPending(f.ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		if *m.PersonID == b.ID { // one closed
			if _, err := st.ClosePending(f.ctx, m.ID, m.Version, day(2024, 6, 1), "Không có sai phạm"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := st.AddMove(f.ctx, store.PersonMove{PersonID: b.ID, FromUnitID: a.UnitID, ToUnitID: b.UnitID, OnDate: day(2023, 7, 1), Note: "Điều động"}); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, p := range people {
		got, err := f.App.Person(f.ctx, f.board, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := app.PersonRecord{UnitPath: got.UnitPath}
		if want.Person, err = st.Person(f.ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		lists := []struct {
			name string
			read func() error
			n    func() int
		}{
			{"ratings", func() (err error) { want.Ratings, err = st.Ratings(f.ctx, p.ID); return }, func() int { return len(want.Ratings) }},
			{"initiatives", func() (err error) { want.Initiatives, err = st.Initiatives(f.ctx, p.ID); return }, func() int { return len(want.Initiatives) }},
			{"disciplines", func() (err error) { want.Disciplines, err = st.Disciplines(f.ctx, p.ID); return }, func() int { return len(want.Disciplines) }},
			{"awards", func() (err error) { want.Awards, err = st.PersonAwards(f.ctx, p.ID); return }, func() int { return len(want.Awards) }},
			{"absences", func() (err error) { want.Absences, err = st.Absences(f.ctx, p.ID); return }, func() int { return len(want.Absences) }},
			{"pending", func() (err error) { want.Pending, err = st.PersonPending(f.ctx, p.ID); return }, func() int { return len(want.Pending) }},
			{"moves", func() (err error) { want.Moves, err = st.Moves(f.ctx, p.ID); return }, func() int { return len(want.Moves) }},
		}
		for _, l := range lists {
			if err := l.read(); err != nil {
				t.Fatal(err)
			}
			seen[l.name] += l.n()
		}
		path, err := st.UnitPath(f.ctx, p.UnitID)
		if err != nil {
			t.Fatal(err)
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if string(g) != string(w) || len(path) != len(got.UnitPath) || path[0] != got.UnitPath[0] {
			t.Fatalf("person %d:\n got %s %v\nwant %s %v", p.ID, g, got.UnitPath, w, path)
		}
	}
	for _, name := range []string{"ratings", "initiatives", "disciplines", "awards", "absences", "pending", "moves"} {
		if seen[name] == 0 {
			t.Errorf("no %s compared", name)
		}
	}
	t.Logf("%d people compared; rows per list: %v", len(people), seen)
}
