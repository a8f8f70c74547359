package store

import (
	"context"

	"thidua/internal/org"
)

type lineageRow struct {
	SuccessorID   int64 `gorm:"primaryKey"`
	PredecessorID int64 `gorm:"primaryKey"`
	Kind          string
	Note          string
}

func (lineageRow) TableName() string { return "unit_lineage" }

// PredecessorMap maps each unit to the units it was formed from.
func (s *Q) PredecessorMap(ctx context.Context) (map[int64][]int64, error) {
	var rows []lineageRow
	if err := s.db.WithContext(ctx).Order("successor_id, predecessor_id").Find(&rows).Error; err != nil {
		return nil, err
	}
	m := map[int64][]int64{}
	for _, r := range rows {
		m[r.SuccessorID] = append(m[r.SuccessorID], r.PredecessorID)
	}
	return m, nil
}

// Lineage returns the links in which the unit is the successor
// (its predecessors) and those in which it is the predecessor.
func (s *Q) Lineage(ctx context.Context, unitID int64) (from, into []org.Link, err error) {
	var rows []lineageRow
	if err = s.db.WithContext(ctx).Where("successor_id = ? OR predecessor_id = ?", unitID, unitID).
		Order("successor_id, predecessor_id").Find(&rows).Error; err != nil {
		return nil, nil, err
	}
	for _, r := range rows {
		l := org.Link{SuccessorID: r.SuccessorID, PredecessorID: r.PredecessorID, Kind: org.LineageKind(r.Kind), Note: r.Note}
		if r.SuccessorID == unitID {
			from = append(from, l)
		} else {
			into = append(into, l)
		}
	}
	return from, into, nil
}

// AddLink records that l.SuccessorID was formed from l.PredecessorID.
func (s *Q) AddLink(ctx context.Context, l org.Link) error {
	return s.db.WithContext(ctx).Create(&lineageRow{SuccessorID: l.SuccessorID, PredecessorID: l.PredecessorID,
		Kind: string(l.Kind), Note: l.Note}).Error
}

// RemoveLink deletes one lineage link and reports whether it existed.
func (s *Q) RemoveLink(ctx context.Context, successorID, predecessorID int64) (bool, error) {
	res := s.db.WithContext(ctx).Where("successor_id = ? AND predecessor_id = ?", successorID, predecessorID).Delete(&lineageRow{})
	return res.RowsAffected == 1, res.Error
}
