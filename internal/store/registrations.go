package store

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm"

	"thidua/internal/award"
	"thidua/internal/cluster"
)

type registrationRow struct {
	ID              int64
	Year            int
	UnitID          int64
	CollectiveTitle string
	People          json.RawMessage `gorm:"type:jsonb"`
	Note            string
	SubmittedAt     *time.Time
	Version         int
}

func (registrationRow) TableName() string { return "registrations" }

func (r registrationRow) registration() (cluster.Registration, error) {
	out := cluster.Registration{ID: r.ID, Year: r.Year, UnitID: r.UnitID, CollectiveTitle: award.Title(r.CollectiveTitle),
		Note: r.Note, SubmittedAt: r.SubmittedAt, Version: r.Version}
	return out, json.Unmarshal(r.People, &out.People)
}

// Registrations returns the registrations of the given units in a year, by unit.
func (s *Q) Registrations(ctx context.Context, year int, units []int64) (map[int64]cluster.Registration, error) {
	out := map[int64]cluster.Registration{}
	if len(units) == 0 {
		return out, nil
	}
	var rows []registrationRow
	if err := s.db.WithContext(ctx).Where("year = ? AND unit_id IN ?", year, units).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		reg, err := r.registration()
		if err != nil {
			return nil, err
		}
		out[r.UnitID] = reg
	}
	return out, nil
}

// SaveRegistration creates or replaces a unit's registration for a year;
// an existing one is replaced only if r.Version matches. at is the
// submission time by the app's clock, which also judged the deadline.
func (s *Q) SaveRegistration(ctx context.Context, r cluster.Registration, by int64, at time.Time) (cluster.Registration, error) {
	people, err := json.Marshal(r.People)
	if err != nil {
		return r, err
	}
	if r.People == nil {
		people = []byte("[]")
	}
	db := s.db.WithContext(ctx)
	if r.Version == 0 {
		err = db.Exec(`INSERT INTO registrations (year, unit_id, collective_title, people, note, submitted_at, submitted_by)
			VALUES (?, ?, ?, ?::jsonb, ?, ?, ?)`, r.Year, r.UnitID, string(r.CollectiveTitle), string(people), r.Note, at, nullID(by)).Error
		if isUniqueViolation(err, "") {
			return r, stale("đăng ký thi đua")
		}
	} else {
		res := db.Model(&registrationRow{}).Where("year = ? AND unit_id = ? AND version = ?", r.Year, r.UnitID, loadedVersion(r.Version)).
			Updates(map[string]any{"collective_title": string(r.CollectiveTitle), "people": gorm.Expr("?::jsonb", string(people)),
				"note": r.Note, "submitted_at": at, "submitted_by": nullID(by), "version": gorm.Expr("version + 1")})
		err = res.Error
		if err == nil && res.RowsAffected != 1 {
			err = stale("đăng ký thi đua")
		}
	}
	if err != nil {
		return r, err
	}
	m, err := s.Registrations(ctx, r.Year, []int64{r.UnitID})
	return m[r.UnitID], err
}
