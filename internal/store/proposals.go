package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"thidua/internal/award"
	"thidua/internal/errs"
)

// Proposal is a unit's proposal of an award title for one of its people
// or for itself, with the verdict of the rules stored as judged.
type Proposal struct {
	ID             int64           `json:"id"`
	Year           int             `json:"year"`
	ProposerUnitID int64           `json:"proposer_unit_id"`
	ProposerName   string          `json:"proposer_unit_name" gorm:"->;-:migration"`
	PersonID       *int64          `json:"person_id"`
	PersonName     string          `json:"person_name" gorm:"->;-:migration"`
	UnitID         *int64          `json:"unit_id"`
	SubjectName    string          `json:"subject_name" gorm:"->;-:migration"` // the person's or the unit's name
	Title          string          `json:"title"`
	VoteElectorate *int            `json:"vote_electorate"`
	VoteFor        *int            `json:"vote_for"`
	Summary        string          `json:"summary"`
	ConsideredOn   *time.Time      `json:"considered_on"` // ngày xét; nil: the day of saving
	Status         string          `json:"status"`
	VerdictOutcome string          `json:"verdict_outcome"`
	VerdictReasons json.RawMessage `json:"verdict_reasons" gorm:"type:jsonb"`
	VerdictRuleSet string          `json:"verdict_rule_set"`
	OverrideReason string          `json:"override_reason"`
	RejectReason   string          `json:"reject_reason"`
	DecisionID     *int64          `json:"decision_id"`
	DecisionNo     string          `json:"decision_no" gorm:"->;-:migration"`
	Version        int             `json:"version"`
	CreatedAt      time.Time       `json:"created_at"`
	UpdatedAt      time.Time       `json:"updated_at"`
}

func (Proposal) TableName() string { return "proposals" }

// ProposalComment is one comment made while a proposal is published.
type ProposalComment struct {
	ID           int64     `json:"id"`
	ProposalID   int64     `json:"proposal_id"`
	AuthorUserID int64     `json:"author_user_id"`
	AuthorName   string    `json:"author_name" gorm:"->;-:migration"`
	Body         string    `json:"body"`
	At           time.Time `json:"at"`
}

func (ProposalComment) TableName() string { return "proposal_comments" }

// Decision is a decision on awards (số …/QĐ-VKSTC).
type Decision struct {
	ID        int64     `json:"id"`
	Year      int       `json:"year"`
	Number    string    `json:"number"`
	DecidedOn time.Time `json:"decided_on"`
	Signer    string    `json:"signer"`
	Note      string    `json:"note"`
}

func (Decision) TableName() string { return "decisions" }

// ProposalFilter narrows a listing of proposals.
type ProposalFilter struct {
	Year       int
	UnitID     *int64 // proposed by this unit
	Within     *int64 // proposed by this unit or a unit under it
	Status     string
	DecisionID *int64
}

const proposalColumns = `proposals.*, pu.name AS proposer_name, COALESCE(pe.full_name, '') AS person_name,
	COALESCE(pe.full_name, su.name, '') AS subject_name, COALESCE(d.number, '') AS decision_no`

func (s *Q) proposals() *gorm.DB {
	return s.DB.Table("proposals").Joins("JOIN units pu ON pu.id = proposals.proposer_unit_id").
		Joins("LEFT JOIN people pe ON pe.id = proposals.person_id").
		Joins("LEFT JOIN units su ON su.id = proposals.unit_id").
		Joins("LEFT JOIN decisions d ON d.id = proposals.decision_id")
}

// ListProposals returns the proposals matching f, by unit, title and name.
func (s *Q) ListProposals(ctx context.Context, f ProposalFilter) ([]Proposal, error) {
	q := s.proposals().WithContext(ctx)
	if f.Year != 0 {
		q = q.Where("proposals.year = ?", f.Year)
	}
	if f.UnitID != nil {
		q = q.Where("proposals.proposer_unit_id = ?", *f.UnitID)
	}
	if f.Within != nil {
		q = q.Where(`proposals.proposer_unit_id IN (WITH RECURSIVE sub AS (SELECT id FROM units WHERE id = ?
			UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) SELECT id FROM sub)`, *f.Within)
	}
	if f.Status != "" {
		q = q.Where("proposals.status = ?", f.Status)
	}
	if f.DecisionID != nil {
		q = q.Where("proposals.decision_id = ?", *f.DecisionID)
	}
	out := []Proposal{}
	err := q.Select(proposalColumns).Order("pu.name COLLATE \"vi-x-icu\"").Order("proposals.title").
		Order("COALESCE(pe.full_name, su.name, '') COLLATE \"vi-x-icu\"").Order("proposals.id").Find(&out).Error
	return out, err
}

// Proposal returns one proposal by id.
func (s *Q) Proposal(ctx context.Context, id int64) (Proposal, error) {
	var p Proposal
	if err := s.proposals().WithContext(ctx).Select(proposalColumns).Where("proposals.id = ?", id).Take(&p).Error; err != nil {
		return Proposal{}, notFound(err, "đề nghị khen thưởng")
	}
	return p, nil
}

func reasonsJSON(p Proposal) string {
	if len(p.VerdictReasons) == 0 {
		return "[]"
	}
	return string(p.VerdictReasons)
}

// CreateProposal inserts p as a draft and returns it with its id.
func (s *Q) CreateProposal(ctx context.Context, p Proposal) (Proposal, error) {
	var id int64
	err := s.DB.WithContext(ctx).Raw(`INSERT INTO proposals (year, proposer_unit_id, person_id, unit_id, title, vote_electorate,
		vote_for, summary, status, verdict_outcome, verdict_reasons, verdict_rule_set, considered_on)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, CAST(? AS jsonb), ?, ?) RETURNING id`,
		p.Year, p.ProposerUnitID, p.PersonID, p.UnitID, p.Title, p.VoteElectorate, p.VoteFor, p.Summary,
		p.VerdictOutcome, reasonsJSON(p), p.VerdictRuleSet, p.ConsideredOn).Scan(&id).Error
	if err != nil {
		return Proposal{}, proposalWriteError(err, p)
	}
	return s.Proposal(ctx, id)
}

// UpdateProposal writes every changeable column of p if its version is
// still p.Version; otherwise Conflict.
func (s *Q) UpdateProposal(ctx context.Context, p Proposal) (Proposal, error) {
	res := s.DB.WithContext(ctx).Model(&Proposal{}).Where("id = ? AND version = ?", p.ID, loadedVersion(p.Version)).
		Updates(map[string]any{"person_id": p.PersonID, "unit_id": p.UnitID, "title": p.Title,
			"vote_electorate": p.VoteElectorate, "vote_for": p.VoteFor, "summary": p.Summary, "status": p.Status,
			"considered_on":   p.ConsideredOn,
			"verdict_outcome": p.VerdictOutcome, "verdict_reasons": gorm.Expr("?::jsonb", reasonsJSON(p)),
			"verdict_rule_set": p.VerdictRuleSet, "override_reason": p.OverrideReason, "reject_reason": p.RejectReason,
			"decision_id": p.DecisionID, "version": gorm.Expr("version + 1"), "updated_at": gorm.Expr("now()")})
	if res.Error != nil {
		return Proposal{}, proposalWriteError(res.Error, p)
	}
	if res.RowsAffected != 1 {
		if _, err := s.Proposal(ctx, p.ID); err != nil {
			return Proposal{}, err
		}
		return Proposal{}, stale("đề nghị khen thưởng")
	}
	return s.Proposal(ctx, p.ID)
}

func proposalWriteError(err error, p Proposal) error {
	if !isUniqueViolation(err, "proposals_one_live_per_subject") {
		return err
	}
	subject := "cán bộ này"
	if p.PersonID == nil {
		subject = "đơn vị này"
	}
	return errs.Fields{"title": fmt.Sprintf("Năm %d đã có đề nghị «%s» cho %s (đang dự thảo, chờ xét hoặc đã khen thưởng); hãy dùng đề nghị đó thay vì lập đề nghị mới.",
		p.Year, award.Title(p.Title).Label(), subject)}.Err()
}

// AddProposalComment records a comment.
func (s *Q) AddProposalComment(ctx context.Context, c ProposalComment) (ProposalComment, error) {
	c.ID = 0
	if err := s.DB.WithContext(ctx).Omit("ID", "AuthorName", "At").Create(&c).Error; err != nil {
		return c, err
	}
	// Read back with the author's name and the time the database gave it.
	err := s.DB.WithContext(ctx).Table("proposal_comments c").Select("c.*, u.full_name AS author_name").
		Joins("JOIN users u ON u.id = c.author_user_id").Where("c.id = ?", c.ID).Take(&c).Error
	return c, err
}

// ProposalComments returns a proposal's comments, oldest first.
func (s *Q) ProposalComments(ctx context.Context, proposalID int64) ([]ProposalComment, error) {
	out := []ProposalComment{}
	err := s.DB.WithContext(ctx).Table("proposal_comments c").Select("c.*, u.full_name AS author_name").
		Joins("JOIN users u ON u.id = c.author_user_id").Where("c.proposal_id = ?", proposalID).
		Order("c.at").Order("c.id").Find(&out).Error
	return out, err
}

// CreateDecision inserts a decision.
func (s *Q) CreateDecision(ctx context.Context, d Decision) (Decision, error) {
	d.ID = 0
	err := s.DB.WithContext(ctx).Omit("ID").Create(&d).Error
	return d, err
}

// Decision returns one decision by id.
func (s *Q) Decision(ctx context.Context, id int64) (Decision, error) {
	var d Decision
	if err := s.DB.WithContext(ctx).Where("id = ?", id).Take(&d).Error; err != nil {
		return d, notFound(err, "quyết định")
	}
	return d, nil
}

// UnitMemberIDs returns the ids of the active people of a unit.
func (s *Q) UnitMemberIDs(ctx context.Context, unitID int64) ([]int64, error) {
	var ids []int64
	err := s.DB.WithContext(ctx).Table("people").Where("unit_id = ? AND active", unitID).Order("id").Pluck("id", &ids).Error
	return ids, err
}

// HeldTitlePeople returns the ids of the people of a unit holding a title,
// unrevoked, for a year.
func (s *Q) HeldTitlePeople(ctx context.Context, unitID int64, year int, title string) ([]int64, error) {
	var ids []int64
	err := s.DB.WithContext(ctx).Table("awards a").Joins("JOIN people p ON p.id = a.person_id").
		Where("p.unit_id = ? AND a.year = ? AND a.title = ? AND NOT a.revoked", unitID, year, title).
		Distinct().Pluck("a.person_id", &ids).Error
	return ids, err
}

// UnitAwards returns a unit's own awards (as a collective), latest first.
func (s *Q) UnitAwards(ctx context.Context, unitID int64) ([]Award, error) {
	out := []Award{}
	err := s.DB.WithContext(ctx).Where("unit_id = ?", unitID).Order("year DESC").Order("id").Find(&out).Error
	return out, err
}
