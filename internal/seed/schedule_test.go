package seed

import (
	"context"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/dbtest"
	"thidua/internal/scoring"
)

// The layout, worked out by hand for each day: the year being closed, the
// last closing day (the day before), and the filing deadline 14 days on.
func TestDemoSchedule(t *testing.T) {
	for _, c := range []struct {
		now                    time.Time
		year                   int
		firstDay, lastDay, due string
	}{
		{time.Date(2026, 10, 1, 0, 0, 0, 0, ict), 2026, "06/09/2026", "30/09/2026", "15/10/2026"},
		{time.Date(2026, 11, 26, 8, 0, 0, 0, ict), 2026, "01/11/2026", "25/11/2026", "10/12/2026"},
		{time.Date(2026, 12, 3, 11, 0, 0, 0, ict), 2026, "08/11/2026", "02/12/2026", "17/12/2026"},
		{time.Date(2026, 12, 31, 23, 59, 0, 0, ict), 2026, "06/12/2026", "30/12/2026", "14/01/2027"},
		// 31/12 at 17:30 UTC is already 1/1 in Hà Nội: the year closing
		// is still 2026, and the clock's day is Vietnam's.
		{time.Date(2026, 12, 31, 17, 30, 0, 0, time.UTC), 2026, "07/12/2026", "31/12/2026", "15/01/2027"},
		{time.Date(2027, 1, 1, 9, 0, 0, 0, ict), 2026, "07/12/2026", "31/12/2026", "15/01/2027"},
		{time.Date(2027, 9, 30, 9, 0, 0, 0, ict), 2026, "05/09/2027", "29/09/2027", "14/10/2027"},
		{time.Date(2027, 10, 1, 9, 0, 0, 0, ict), 2027, "06/09/2027", "30/09/2027", "15/10/2027"},
		{time.Date(2028, 2, 29, 9, 0, 0, 0, ict), 2027, "04/02/2028", "28/02/2028", "14/03/2028"},
		{time.Date(2028, 3, 1, 9, 0, 0, 0, ict), 2027, "05/02/2028", "29/02/2028", "15/03/2028"},
		{time.Date(2030, 12, 31, 9, 0, 0, 0, ict), 2030, "06/12/2030", "30/12/2030", "14/01/2031"},
	} {
		s, err := DemoSchedule(c.now)
		if err != nil {
			t.Fatalf("%v: %v", c.now, err)
		}
		got := [...]string{s.Day(1).Format("02/01/2006"), s.Day(25).Format("02/01/2006"), s.SelfAssessmentDeadline.Format("02/01/2006")}
		if s.Year != c.year || got != [...]string{c.firstDay, c.lastDay, c.due} {
			t.Errorf("%v: year %d, days %v; want %d, [%s %s %s]", c.now, s.Year, got, c.year, c.firstDay, c.lastDay, c.due)
		}
		if !s.ReviewDeadline.After(s.SelfAssessmentDeadline) || !s.ProposalDeadline.After(s.ReviewDeadline) ||
			s.PublishUntil.Before(s.Today) || s.PublishFrom.After(s.Today) {
			t.Errorf("%v: deadlines out of order: %+v", c.now, s)
		}
		if y := s.yearOf(s.Year); cluster.ValidateYear(y) != nil {
			t.Errorf("%v: the current year does not validate: %v", c.now, cluster.ValidateYear(y))
		}
	}
	if _, err := DemoSchedule(time.Date(2026, 9, 30, 23, 0, 0, 0, ict)); err == nil {
		t.Error("a day before 1/10/2026 must be refused: the demo's clusters are those of the 34 provinces")
	}
}

// Seeded on any day, the demo has an open filing window: Nghệ An, which
// has not started, can save a draft that day and up to the deadline, and
// not the day after.
func TestDemoSeedsOnAnyDay(t *testing.T) {
	for _, now := range []time.Time{
		time.Date(2026, 12, 3, 11, 0, 0, 0, ict),
		time.Date(2027, 1, 1, 0, 30, 0, 0, ict),
		time.Date(2028, 2, 29, 9, 0, 0, 0, ict),
		time.Date(2030, 12, 31, 23, 0, 0, 0, ict),
	} {
		t.Run(now.Format("2006-01-02"), func(t *testing.T) {
			t.Parallel()
			s, ctx, h := dbtest.New(t), context.Background(), auth.Hasher{Cost: bcrypt.MinCost}
			if err := Demo(ctx, s, h, now); err != nil {
				t.Fatalf("seed: %v", err)
			}
			sch, _ := DemoSchedule(now)
			a := app.New(s, h, app.FixedClock(now))
			u, err := s.UserByName(ctx, "canbo.nghean")
			if err != nil {
				t.Fatal(err)
			}
			p := auth.Principal{UserID: u.ID, Username: u.Username, Role: auth.RoleOfficer, UnitID: *u.UnitID}
			v, err := a.SaveSelf(ctx, p, sch.Year, p.UnitID, 0, map[int64]scoring.Entry{}, false, "")
			if err != nil {
				t.Fatalf("a draft on the seeding day: %v", err)
			}
			a.Now = app.FixedClock(time.Date(sch.SelfAssessmentDeadline.Year(), sch.SelfAssessmentDeadline.Month(), sch.SelfAssessmentDeadline.Day(), 23, 0, 0, 0, ict))
			if v, err = a.SaveSelf(ctx, p, sch.Year, p.UnitID, v.Filing.Version, map[int64]scoring.Entry{}, false, ""); err != nil {
				t.Fatalf("a draft on the deadline: %v", err)
			}
			a.Now = app.FixedClock(sch.SelfAssessmentDeadline.AddDate(0, 0, 1).Add(-7*time.Hour + time.Minute))
			if _, err := a.SaveSelf(ctx, p, sch.Year, p.UnitID, v.Filing.Version, map[int64]scoring.Entry{}, false, ""); err == nil {
				t.Fatal("a draft after the deadline was accepted")
			}
			// The history the rules look back on moved with the year.
			var ratings int64
			if err := s.ScanForTest(&ratings, "SELECT count(*) FROM person_ratings WHERE year = ?", sch.Year-4); err != nil {
				t.Fatal(err)
			}
			if ratings == 0 {
				t.Errorf("no ratings for %d, four years before %d", sch.Year-4, sch.Year)
			}
		})
	}
}

// The national data set, seeded on any day, takes the load generator's
// drafts for its year in progress that day.
func TestNationalSeedsOnAnyDay(t *testing.T) {
	for _, now := range []time.Time{time.Date(2027, 1, 1, 9, 0, 0, 0, ict), time.Date(2028, 2, 29, 9, 0, 0, 0, ict)} {
		t.Run(now.Format("2006-01-02"), func(t *testing.T) {
			t.Parallel()
			s, ctx, h := dbtest.New(t), context.Background(), auth.Hasher{Cost: bcrypt.MinCost}
			sch, _ := DemoSchedule(now)
			plan := NationalPlan(1, Scale{Provinces: 2, Regional: 2, People: 20, FirstYear: 2025, LastYear: 2026}, sch)
			if plan.Scale.LastYear != sch.Year || plan.Scale.FirstYear != sch.Year-1 {
				t.Fatalf("years %d–%d, want %d–%d", plan.Scale.FirstYear, plan.Scale.LastYear, sch.Year-1, sch.Year)
			}
			for _, f := range plan.Filings {
				if f.SubmittedAt != nil && !f.SubmittedAt.Before(now) || f.ReviewedAt != nil && !f.ReviewedAt.Before(now) {
					t.Fatalf("a filing of %d happens after the seeding day: %+v", f.Year, f)
				}
			}
			if err := National(ctx, s, h, plan); err != nil {
				t.Fatalf("seed: %v", err)
			}
			yr, err := s.Year(ctx, sch.Year)
			if err != nil {
				t.Fatal(err)
			}
			if yr.SelfAssessmentDeadline == nil || yr.SelfAssessmentDeadline.Before(sch.Today) {
				t.Fatalf("year %d's filing closed before the seeding day: %v", sch.Year, yr.SelfAssessmentDeadline)
			}
		})
	}
}
