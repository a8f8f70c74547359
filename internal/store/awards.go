package store

import (
	"context"
	"time"

	"thidua/internal/decision"
	"thidua/internal/proposal"
)

// Award is the domain's award.
//
// Deprecated: use decision.Award; kept so callers move one at a time.
type Award = decision.Award

// awardRow is an awards row.
type awardRow struct {
	ID           int64
	PersonID     *int64
	UnitID       *int64
	Year         int
	Title        string
	Kind         string
	DecisionNo   string
	DecisionDate *time.Time
	Signer       string
	Revoked      bool
	RevokeReason string
}

func (awardRow) TableName() string { return "awards" }

func awardsOf(rows []awardRow) []decision.Award {
	out := make([]decision.Award, len(rows))
	for i, r := range rows {
		out[i] = decision.Award(r)
	}
	return out
}

// AddAward records an award decided for a person or a unit.
func (s *Q) AddAward(ctx context.Context, a decision.Award) (decision.Award, error) {
	row := awardRow(a)
	row.ID, row.Revoked, row.RevokeReason = 0, false, ""
	err := s.db.WithContext(ctx).Omit("ID").Create(&row).Error
	return decision.Award(row), err
}

// PersonAward returns one of a person's awards.
func (s *Q) PersonAward(ctx context.Context, personID, id int64) (decision.Award, error) {
	var a awardRow
	if err := s.db.WithContext(ctx).Where("person_id = ? AND id = ?", personID, id).Take(&a).Error; err != nil {
		return decision.Award{}, notFound(err, "quyết định khen thưởng")
	}
	return decision.Award(a), nil
}

// RevokeAward marks an award revoked (hủy bỏ), keeping its row.
func (s *Q) RevokeAward(ctx context.Context, id int64, reason string) error {
	return s.db.WithContext(ctx).Model(&awardRow{}).Where("id = ?", id).
		Updates(map[string]any{"revoked": true, "revoke_reason": reason}).Error
}

// PersonAwards returns a person's awards, latest year first.
func (s *Q) PersonAwards(ctx context.Context, personID int64) ([]decision.Award, error) {
	var rows []awardRow
	err := s.db.WithContext(ctx).Where("person_id = ?", personID).Order("year DESC").Order("id").Find(&rows).Error
	return awardsOf(rows), err
}

// UnitAwards returns a unit's own awards (as a collective), latest first.
func (s *Q) UnitAwards(ctx context.Context, unitID int64) ([]decision.Award, error) {
	var rows []awardRow
	err := s.db.WithContext(ctx).Where("unit_id = ?", unitID).Order("year DESC").Order("id").Find(&rows).Error
	return awardsOf(rows), err
}

// UnitsAwards returns the collective awards of several units, each list
// latest first.
func (s *Q) UnitsAwards(ctx context.Context, ids []int64) (map[int64][]decision.Award, error) {
	out := map[int64][]decision.Award{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []awardRow
	err := s.db.WithContext(ctx).Where("unit_id IN ?", ids).Order("year DESC").Order("id").Find(&rows).Error
	for _, r := range rows {
		out[*r.UnitID] = append(out[*r.UnitID], decision.Award(r))
	}
	return out, err
}

// HeldTitlePeople returns the ids of the people of a unit holding a title,
// unrevoked, for a year.
func (s *Q) HeldTitlePeople(ctx context.Context, unitID int64, year int, title string) ([]int64, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Table("awards a").Joins("JOIN people p ON p.id = a.person_id").
		Where("p.unit_id = ? AND a.year = ? AND a.title = ? AND NOT a.revoked", unitID, year, title).
		Distinct().Pluck("a.person_id", &ids).Error
	return ids, err
}

// InsertDecisions writes decisions in batches and sets their ids: the
// bulk writer of a generated data set.
func (s *Q) InsertDecisions(ctx context.Context, ds []decision.Decision) error {
	rows := make([]decisionRow, len(ds))
	for i, d := range ds {
		rows[i] = decisionRow(d)
	}
	if err := s.db.WithContext(ctx).Omit("ID").CreateInBatches(rows, bulkBatch).Error; err != nil {
		return err
	}
	for i, r := range rows {
		ds[i].ID = r.ID
	}
	return nil
}

// InsertApproved writes approved proposals and the awards made under
// them in batches: the bulk writer of a generated data set.
func (s *Q) InsertApproved(ctx context.Context, ps []proposal.Proposal, as []decision.Award) error {
	prows := make([]proposalRow, len(ps))
	for i, p := range ps {
		prows[i] = proposalRow(p)
	}
	db := s.db.WithContext(ctx)
	if err := db.Omit("ID", "ProposerName", "PersonName", "SubjectName", "DecisionNo", "CreatedAt", "UpdatedAt").
		CreateInBatches(prows, bulkBatch).Error; err != nil {
		return err
	}
	arows := make([]awardRow, len(as))
	for i, a := range as {
		arows[i] = awardRow(a)
	}
	return db.Omit("ID").CreateInBatches(arows, bulkBatch).Error
}
