package store

import (
	"context"
	"time"

	"thidua/internal/award"
	"thidua/internal/proposal"
)

// stepRow is a proposal_steps row with the names joined for display.
type stepRow struct {
	ID         int64
	ProposalID int64
	Step       string
	FromUnitID int64
	FromName   string `gorm:"->;-:migration"`
	ToUnitID   *int64
	ToName     string `gorm:"->;-:migration"`
	ToTier     award.Tier
	ByUserID   *int64
	ByName     string `gorm:"->;-:migration"`
	Reason     string
	DocumentNo string
	At         time.Time
}

func (stepRow) TableName() string { return "proposal_steps" }

// AddProposalStep records one step of a proposal's way; by 0 is the
// server's command line.
func (s *Q) AddProposalStep(ctx context.Context, st proposal.Step) error {
	var by *int64
	if st.ByUserID != nil && *st.ByUserID != 0 {
		by = st.ByUserID
	}
	return s.db.WithContext(ctx).Exec(`INSERT INTO proposal_steps (proposal_id, step, from_unit_id, to_unit_id, to_tier, by_user_id, reason, document_no)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, st.ProposalID, st.Step, st.FromUnitID, st.ToUnitID, string(st.ToTier), by, st.Reason, st.DocumentNo).Error
}

// ProposalSteps returns a proposal's way, oldest first.
func (s *Q) ProposalSteps(ctx context.Context, proposalID int64) ([]proposal.Step, error) {
	var rows []stepRow
	err := s.db.WithContext(ctx).Table("proposal_steps s").
		Select("s.*, fu.name AS from_name, COALESCE(tu.name, '') AS to_name, COALESCE(u.full_name, '') AS by_name").
		Joins("JOIN units fu ON fu.id = s.from_unit_id").
		Joins("LEFT JOIN units tu ON tu.id = s.to_unit_id").
		Joins("LEFT JOIN users u ON u.id = s.by_user_id").
		Where("s.proposal_id = ?", proposalID).Order("s.id").Find(&rows).Error
	out := make([]proposal.Step, len(rows))
	for i, r := range rows {
		out[i] = proposal.Step(r)
	}
	return out, err
}
