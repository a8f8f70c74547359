package app_test

// An import killed in the middle of its transaction writes nothing: the
// request given up (its context cancelled) or the database connection
// terminated after some of the rows went in.

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"thidua/internal/dbtest"
	"thidua/internal/seed"
	"thidua/internal/store"
	"thidua/internal/xlsx"
)

// unitRecordCounts counts what a people import writes.
type unitRecordCounts struct {
	People, Moves, Ratings, Initiatives, Audit int64
}

func recordCounts(t *testing.T, f *fixture) unitRecordCounts {
	t.Helper()
	var c unitRecordCounts
	err := f.Store.ScanForTest(&c, `SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM person_moves) AS moves,
		(SELECT count(*) FROM person_ratings) AS ratings, (SELECT count(*) FROM person_initiatives) AS initiatives,
		(SELECT count(*) FROM audit_log) AS audit`)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// killAfter arranges for kill to run, once, after the n-th person the
// import inserts, inside its transaction.
func killAfter(t *testing.T, f *fixture, n int, kill func(store.Inserted)) *int {
	t.Helper()
	created := 0
	err := f.Store.HookInsertsForTest(func(in store.Inserted) {
		if in.Table != "people" {
			return
		}
		// People are inserted in batches: count rows, not statements.
		was := created
		created += int(in.Rows)
		if was < n && created >= n {
			kill(in)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return &created
}

func TestPeopleImportKilledHalfway(t *testing.T) {
	t.Parallel()
	const people = 40
	doc := xlsx.PeopleDoc{}
	for i := range people {
		name := fmt.Sprintf("Nguyễn Văn Thử %02d", i+1)
		born := time.Date(1980+i%20, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		doc.People = append(doc.People, xlsx.PersonRow{Row: i + 2, FullName: name, BirthDate: &born, Sex: "nam", Position: "Kiểm sát viên"})
		doc.Ratings = append(doc.Ratings, xlsx.RatingRow{Row: i + 2, Person: xlsx.PersonRef{Name: name}, Year: 2025, Rating: "htt"})
		doc.Initiatives = append(doc.Initiatives, xlsx.InitiativeRow{Row: i + 2, Person: xlsx.PersonRef{Name: name}, Year: 2025,
			Title: fmt.Sprintf("Sáng kiến số %d về kiểm sát trực tuyến", i+1), Level: "co_so", Applied: true})
	}

	for _, tc := range []struct {
		name string
		kill func(t *testing.T, cancel context.CancelFunc) func(store.Inserted)
		// what the caller is told
		check func(t *testing.T, err error)
	}{
		{
			name: "request cancelled",
			kill: func(t *testing.T, cancel context.CancelFunc) func(store.Inserted) {
				return func(store.Inserted) { cancel() }
			},
			check: func(t *testing.T, err error) {
				if err == nil {
					t.Fatal("the cancelled import reported success")
				}
			},
		},
		{
			name: "connection terminated",
			kill: func(t *testing.T, _ context.CancelFunc) func(store.Inserted) {
				return func(in store.Inserted) {
					pid, err := in.BackendPID()
					if err != nil {
						t.Errorf("backend pid: %v", err)
						return
					}
					admin, err := sql.Open("pgx", dbtest.AdminURL())
					if err != nil {
						t.Error(err)
						return
					}
					defer admin.Close()
					var done bool
					if err := admin.QueryRow("SELECT pg_terminate_backend($1, 5000)", pid).Scan(&done); err != nil || !done {
						t.Errorf("terminating backend %d: %v %v", pid, done, err)
					}
				}
			},
			check: func(t *testing.T, err error) {
				if !store.Unavailable(err) {
					t.Fatalf("the import on a terminated connection: want the database reported unavailable, got %v", err)
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
			th := f.unit(t, seed.ProvinceCode("Thanh Hóa")).ID
			before := recordCounts(t, f)

			// A dry run: what the import would write.
			plan, err := f.ImportPeople(f.ctx, f.officer, th, doc, false)
			if err != nil || len(plan.Problems) > 0 || plan.Summary.People.Created != people {
				t.Fatalf("check: %+v %v", plan, err)
			}

			ctx, cancel := context.WithCancel(f.ctx)
			defer cancel()
			created := killAfter(t, f, people/2, tc.kill(t, cancel))
			res, err := f.ImportPeople(ctx, f.officer, th, doc, true)
			if *created < people/2 {
				t.Fatalf("the import was not killed halfway: %d people inserted", *created)
			}
			tc.check(t, err)
			if res.Saved && err == nil {
				t.Fatal("the killed import says it saved")
			}
			if after := recordCounts(t, f); after != before {
				t.Fatalf("a killed import left rows behind: before %+v, after %+v", before, after)
			}

			// Done again, without interruption: everything, once. The pool
			// replaced the dead connection by itself.
			res, err = f.ImportPeople(f.ctx, f.officer, th, doc, true)
			if err != nil || !res.Saved {
				t.Fatalf("the import again: %+v %v", res, err)
			}
			after := recordCounts(t, f)
			want := before
			want.People += people
			want.Moves = after.Moves // a new person's first unit may or may not be a move row
			want.Ratings += people
			want.Initiatives += people
			want.Audit += 3 * people // created, rated, initiative added
			if after != want {
				t.Fatalf("after the full import: %+v, want %+v", after, want)
			}
		})
	}
}
