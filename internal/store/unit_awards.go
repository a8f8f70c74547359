package store

import (
	"context"
	"errors"
	"time"

	"thidua/internal/decision"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type carryoverRow struct {
	SuccessorID   int64 `gorm:"primaryKey;autoIncrement:false"`
	PredecessorID int64 `gorm:"primaryKey;autoIncrement:false"`
	Counts        bool
	Reason        string
	DecidedBy     *int64
	DecidedAt     time.Time
	DeciderName   string `gorm:"->;column:decider_name"`
}

func (carryoverRow) TableName() string { return "award_carryover" }

// Carryovers returns the decisions on the links whose successor is one of
// ids, keyed by (successor, predecessor).
func (s *Q) Carryovers(ctx context.Context, ids []int64) (map[[2]int64]decision.Carryover, error) {
	out := map[[2]int64]decision.Carryover{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []carryoverRow
	err := s.db.WithContext(ctx).Table("award_carryover c").
		Select("c.*, COALESCE(u.full_name, '') AS decider_name").
		Joins("LEFT JOIN users u ON u.id = c.decided_by").
		Where("c.successor_id IN ?", ids).Find(&rows).Error
	for _, r := range rows {
		out[[2]int64{r.SuccessorID, r.PredecessorID}] = decision.Carryover(r)
	}
	return out, err
}

// Carryover returns the decision on one link, if any.
func (s *Q) Carryover(ctx context.Context, successorID, predecessorID int64) (decision.Carryover, bool, error) {
	m, err := s.Carryovers(ctx, []int64{successorID})
	if err != nil {
		return decision.Carryover{}, false, err
	}
	c, ok := m[[2]int64{successorID, predecessorID}]
	return c, ok, nil
}

// SetCarryover records (or replaces) the decision on a link.
func (s *Q) SetCarryover(ctx context.Context, in decision.Carryover) error {
	c := carryoverRow(in)
	return s.db.WithContext(ctx).Omit("DeciderName").Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "successor_id"}, {Name: "predecessor_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"counts", "reason", "decided_by", "decided_at"}),
	}).Create(&c).Error
}

// LinkExists reports whether successorID was formed from predecessorID.
func (s *Q) LinkExists(ctx context.Context, successorID, predecessorID int64) (bool, error) {
	var r lineageRow
	err := s.db.WithContext(ctx).Where("successor_id = ? AND predecessor_id = ?", successorID, predecessorID).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	}
	return err == nil, err
}
