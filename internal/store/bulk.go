package store

import (
	"time"

	"context"
	"maps"
	"slices"

	"thidua/internal/scoring"
)

// The bulk writers of loaders of large data sets (the national seed):
// many rows per INSERT, no audit, inside the loader's transaction. The
// app never uses them; a user's action goes through the ordinary writers.

// bulkBatch is the rows per INSERT: well under PostgreSQL's 65 535
// parameters for the widest row (assessment entries, 14 columns).
const bulkBatch = 2000

func (s *Q) insert(ctx context.Context, rows any, omit ...string) error {
	db := s.db.WithContext(ctx)
	if len(omit) > 0 {
		db = db.Omit(omit...)
	}
	return db.CreateInBatches(rows, bulkBatch).Error
}

// Analyze gathers the planner's statistics of every table, as after any
// bulk load: until autovacuum gets to the new rows (a minute or more),
// plans are made on guesses, and a load test started right after the
// seed would measure them.
func (s *Store) Analyze(ctx context.Context) error {
	return s.db.WithContext(ctx).Exec("ANALYZE").Error
}

// HasUnits reports whether the database has any unit: a bulk loader
// refuses a database that is not empty.
func (s *Q) HasUnits(ctx context.Context) (bool, error) {
	var exists bool
	err := s.db.WithContext(ctx).Raw("SELECT EXISTS (SELECT 1 FROM units)").Scan(&exists).Error
	return exists, err
}

// HasPeople reports whether the database has any person.
func (s *Q) HasPeople(ctx context.Context) (bool, error) {
	var exists bool
	err := s.db.WithContext(ctx).Raw("SELECT EXISTS (SELECT 1 FROM people)").Scan(&exists).Error
	return exists, err
}

// BulkFiling is a filing to insert with its totals as they are stored.
type BulkFiling struct {
	scoring.Filing
	SelfTotal, ReviewedTotal *float64
}

// bulkAssessmentRow is a filing row with the two totals a generated data
// set knows; the tie-break totals stay stale (the column's default) and
// the first ranking that reads them fills them in.
type bulkAssessmentRow struct {
	ID            int64
	TableID       int64
	UnitID        int64
	Year          int
	Status        string
	SubmittedAt   *time.Time
	ReviewedAt    *time.Time
	SelfTotal     *float64
	ReviewedTotal *float64
	Version       int
}

func (bulkAssessmentRow) TableName() string { return "assessments" }

// InsertFilings writes new filings and their entries; it sets each
// filing's ID.
func (s *Q) InsertFilings(ctx context.Context, fs []BulkFiling) error {
	rows := make([]bulkAssessmentRow, len(fs))
	for i, f := range fs {
		rows[i] = bulkAssessmentRow{TableID: f.TableID, UnitID: f.UnitID, Year: f.Year, Status: string(f.Status),
			SubmittedAt: f.SubmittedAt, ReviewedAt: f.ReviewedAt, SelfTotal: f.SelfTotal, ReviewedTotal: f.ReviewedTotal, Version: 1}
	}
	if err := s.insert(ctx, rows); err != nil {
		return err
	}
	var entries []entryRow
	for i, f := range fs {
		fs[i].ID = rows[i].ID
		ids := slices.Sorted(maps.Keys(f.Self))
		for id := range f.Review {
			if _, ok := f.Self[id]; !ok {
				ids = append(ids, id)
			}
		}
		for _, id := range ids {
			r := entryRow{AssessmentID: rows[i].ID, CriterionID: id}
			if e, ok := f.Self[id]; ok {
				r.SelfScore, r.SelfNum, r.SelfDen, r.SelfNotArisen, r.Explanation, r.Evidence =
					e.Score, e.Numerator, e.Denominator, e.NotArisen, e.Explanation, e.Evidence
			}
			if rv, ok := f.Review[id]; ok {
				r.RevSet, r.RevScore, r.RevNum, r.RevDen, r.RevNotArisen, r.RevComment =
					true, rv.Score, rv.Numerator, rv.Denominator, rv.NotArisen, rv.Comment
			}
			entries = append(entries, r)
		}
	}
	return s.insert(ctx, entries)
}

// InsertPeople writes new people; it sets each one's ID.
func (s *Q) InsertPeople(ctx context.Context, people []Person) error {
	return s.insert(ctx, people, "UnitName", "CreatedAt", "UpdatedAt")
}

// InsertRecords writes people's ratings, initiatives and disciplines.
func (s *Q) InsertRecords(ctx context.Context, ratings []PersonRating, inits []PersonInitiative, discs []PersonDiscipline) error {
	for _, rows := range []any{ratings, inits, discs} {
		if err := s.insert(ctx, rows); err != nil {
			return err
		}
	}
	return nil
}
