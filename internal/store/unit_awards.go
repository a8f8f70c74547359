package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// AwardCarryover is the board's decision on one lineage link: whether the
// predecessor's awards count for the successor's consecutive-year
// prerequisites, and why.
type AwardCarryover struct {
	SuccessorID   int64     `json:"successor_id" gorm:"primaryKey;autoIncrement:false"`
	PredecessorID int64     `json:"predecessor_id" gorm:"primaryKey;autoIncrement:false"`
	Counts        bool      `json:"counts"`
	Reason        string    `json:"reason"`
	DecidedBy     *int64    `json:"decided_by"`
	DecidedAt     time.Time `json:"decided_at"`
	DeciderName   string    `json:"decider_name" gorm:"->;column:decider_name"`
}

func (AwardCarryover) TableName() string { return "award_carryover" }

// Carryovers returns the decisions on the links whose successor is one of
// ids, keyed by (successor, predecessor).
func (s *Q) Carryovers(ctx context.Context, ids []int64) (map[[2]int64]AwardCarryover, error) {
	out := map[[2]int64]AwardCarryover{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []AwardCarryover
	err := s.DB.WithContext(ctx).Table("award_carryover c").
		Select("c.*, COALESCE(u.full_name, '') AS decider_name").
		Joins("LEFT JOIN users u ON u.id = c.decided_by").
		Where("c.successor_id IN ?", ids).Find(&rows).Error
	for _, r := range rows {
		out[[2]int64{r.SuccessorID, r.PredecessorID}] = r
	}
	return out, err
}

// Carryover returns the decision on one link, if any.
func (s *Q) Carryover(ctx context.Context, successorID, predecessorID int64) (AwardCarryover, bool, error) {
	m, err := s.Carryovers(ctx, []int64{successorID})
	if err != nil {
		return AwardCarryover{}, false, err
	}
	c, ok := m[[2]int64{successorID, predecessorID}]
	return c, ok, nil
}

// SetCarryover records (or replaces) the decision on a link.
func (s *Q) SetCarryover(ctx context.Context, c AwardCarryover) error {
	return s.DB.WithContext(ctx).Omit("DeciderName").Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "successor_id"}, {Name: "predecessor_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"counts", "reason", "decided_by", "decided_at"}),
	}).Create(&c).Error
}

// LinkExists reports whether successorID was formed from predecessorID.
func (s *Q) LinkExists(ctx context.Context, successorID, predecessorID int64) (bool, error) {
	var r lineageRow
	err := s.DB.WithContext(ctx).Where("successor_id = ? AND predecessor_id = ?", successorID, predecessorID).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	}
	return err == nil, err
}
