package store

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"thidua/internal/proposal"

	"gorm.io/gorm"
)

// Recorder is who recorded one collective fact, and when.
type Recorder struct {
	UserID int64     `json:"user_id"`
	Name   string    `json:"name"`
	At     time.Time `json:"at"`
}

// CollectiveFacts are the facts about a unit in a year that the collective
// titles need. Rating uses the person rating codes ("" not yet rated).
type CollectiveFacts struct {
	UnitID          int64               `json:"unit_id" gorm:"primaryKey"`
	Year            int                 `json:"year" gorm:"primaryKey"`
	Rating          string              `json:"rating"`
	Completed       bool                `json:"completed"`
	ExceededTargets bool                `json:"exceeded_targets"`
	Movement        bool                `json:"movement"`
	Solidarity      bool                `json:"solidarity"`
	NewModel        bool                `json:"new_model"`
	Thrift          bool                `json:"thrift"`
	LeadsCluster    bool                `json:"leads_cluster"`
	Note            string              `json:"note"`
	RecordedByJSON  json.RawMessage     `json:"-" gorm:"column:recorded_by;type:jsonb"`
	RecordedBy      map[string]Recorder `json:"recorded_by" gorm:"-"`
	Version         int                 `json:"version"` // 0: nothing recorded yet
	UpdatedAt       time.Time           `json:"updated_at"`
}

func (CollectiveFacts) TableName() string { return "collective_facts" }

// CollectiveFacts returns a unit's facts for a year; found false (and an
// empty record) when none were recorded.
func (s *Q) CollectiveFacts(ctx context.Context, unitID int64, year int) (CollectiveFacts, bool, error) {
	var f CollectiveFacts
	err := s.db.WithContext(ctx).Where("unit_id = ? AND year = ?", unitID, year).Take(&f).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return CollectiveFacts{UnitID: unitID, Year: year, RecordedBy: map[string]Recorder{}}, false, nil
	}
	if err != nil {
		return f, false, err
	}
	f.RecordedBy = map[string]Recorder{}
	if len(f.RecordedByJSON) > 0 {
		if err := json.Unmarshal(f.RecordedByJSON, &f.RecordedBy); err != nil {
			return f, true, err
		}
	}
	return f, true, nil
}

// ErrFactsChanged answers a save over facts someone saved in between.
var ErrFactsChanged = stale("kết quả của tập thể")

// SaveCollectiveFacts records a unit's facts for a year over the version
// they were read at (f.Version, 0 when none were recorded); if someone
// saved in between, nothing is written and Conflict is returned.
func (s *Q) SaveCollectiveFacts(ctx context.Context, f CollectiveFacts) (CollectiveFacts, error) {
	if f.RecordedBy == nil {
		f.RecordedBy = map[string]Recorder{}
	}
	by, err := json.Marshal(f.RecordedBy)
	if err != nil {
		return f, err
	}
	var res *gorm.DB
	if f.Version == 0 {
		res = s.db.WithContext(ctx).Exec(`INSERT INTO collective_facts (unit_id, year, rating, completed, exceeded_targets,
			movement, solidarity, new_model, thrift, leads_cluster, note, recorded_by, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), now())
			ON CONFLICT (unit_id, year) DO NOTHING`,
			f.UnitID, f.Year, f.Rating, f.Completed, f.ExceededTargets, f.Movement, f.Solidarity, f.NewModel,
			f.Thrift, f.LeadsCluster, f.Note, string(by))
	} else {
		res = s.db.WithContext(ctx).Exec(`UPDATE collective_facts SET rating = ?, completed = ?, exceeded_targets = ?,
			movement = ?, solidarity = ?, new_model = ?, thrift = ?, leads_cluster = ?, note = ?, recorded_by = CAST(? AS jsonb),
			version = version + 1, updated_at = now() WHERE unit_id = ? AND year = ? AND version = ?`,
			f.Rating, f.Completed, f.ExceededTargets, f.Movement, f.Solidarity, f.NewModel, f.Thrift, f.LeadsCluster, f.Note,
			string(by), f.UnitID, f.Year, loadedVersion(f.Version))
	}
	if res.Error != nil {
		return f, res.Error
	}
	if res.RowsAffected != 1 {
		return f, ErrFactsChanged
	}
	out, _, err := s.CollectiveFacts(ctx, f.UnitID, f.Year)
	return out, err
}

type publicationRow struct {
	Year        int       `gorm:"primaryKey"`
	From        time.Time `gorm:"column:open_from"`
	Until       time.Time `gorm:"column:open_until"`
	PublishedBy *int64
	PublishedAt time.Time
}

func (publicationRow) TableName() string { return "publications" }

// Publication returns a year's window; found false when the year's
// proposals were never published with one.
func (s *Q) Publication(ctx context.Context, year int) (proposal.Window, bool, error) {
	var p publicationRow
	err := s.db.WithContext(ctx).Where("year = ?", year).Take(&p).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return proposal.Window{}, false, nil
	}
	return proposal.Window(p), err == nil, err
}

// SavePublication sets a year's window, replacing any earlier one.
func (s *Q) SavePublication(ctx context.Context, p proposal.Window) (proposal.Window, error) {
	err := s.db.WithContext(ctx).Exec(`INSERT INTO publications (year, open_from, open_until, published_by, published_at)
		VALUES (?, ?, ?, ?, now()) ON CONFLICT (year) DO UPDATE SET open_from = EXCLUDED.open_from,
		open_until = EXCLUDED.open_until, published_by = EXCLUDED.published_by, published_at = now()`,
		p.Year, p.From, p.Until, p.PublishedBy).Error
	if err != nil {
		return p, err
	}
	out, _, err := s.Publication(ctx, p.Year)
	return out, err
}
