package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"thidua/internal/award"
	"thidua/internal/decision"
	"thidua/internal/errs"
	"thidua/internal/proposal"
)

// proposalRow is a proposals row with the names joined for display.
type proposalRow struct {
	ID              int64
	Year            int
	ProposerUnitID  int64
	ProposerName    string `gorm:"->;-:migration"`
	PersonID        *int64
	PersonName      string `gorm:"->;-:migration"`
	UnitID          *int64
	SubjectName     string `gorm:"->;-:migration"` // the person's or the unit's name
	Title           string
	VoteElectorate  *int
	VoteFor         *int
	Summary         string
	ConsideredOn    *time.Time
	Status          string
	VerdictOutcome  string
	VerdictReasons  json.RawMessage `gorm:"type:jsonb"`
	VerdictRuleSet  string
	OverrideReason  string
	RejectReason    string
	AddressedUnitID *int64
	AddressedName   string `gorm:"->;-:migration"`
	DecisionID      *int64
	DecisionNo      string `gorm:"->;-:migration"`
	Version         int
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

func (proposalRow) TableName() string { return "proposals" }

// commentRow is a proposal_comments row with its author's name.
type commentRow struct {
	ID           int64
	ProposalID   int64
	AuthorUserID int64
	AuthorName   string `gorm:"->;-:migration"`
	Body         string
	At           time.Time
}

func (commentRow) TableName() string { return "proposal_comments" }

type decisionRow struct {
	ID          int64
	Year        int
	Number      string
	DecidedOn   time.Time
	Signer      string
	Note        string
	UnitID      int64
	Serial      *int
	SignerTitle string
	SignMode    string
}

func (decisionRow) TableName() string { return "decisions" }

// ProposalFilter narrows a listing of proposals.
type ProposalFilter struct {
	Year       int
	UnitID     *int64 // proposed by this unit
	Within     *int64 // proposed by this unit or a unit under it
	Status     string
	DecisionID *int64
	// AddressedTo: sent to this level (held by it now, or decided there).
	AddressedTo *int64
}

const proposalColumns = `proposals.*, pu.name AS proposer_name, COALESCE(pe.full_name, '') AS person_name,
	COALESCE(pe.full_name, su.name, '') AS subject_name, COALESCE(d.number, '') AS decision_no,
	COALESCE(au.name, '') AS addressed_name`

func (s *Q) proposals() *gorm.DB {
	return s.db.Table("proposals").Joins("JOIN units pu ON pu.id = proposals.proposer_unit_id").
		Joins("LEFT JOIN people pe ON pe.id = proposals.person_id").
		Joins("LEFT JOIN units su ON su.id = proposals.unit_id").
		Joins("LEFT JOIN decisions d ON d.id = proposals.decision_id").
		Joins("LEFT JOIN units au ON au.id = proposals.addressed_unit_id")
}

// ListProposals returns the proposals matching f, by unit, title and name.
func (s *Q) ListProposals(ctx context.Context, f ProposalFilter) ([]proposal.Proposal, error) {
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
	if f.AddressedTo != nil {
		q = q.Where("proposals.addressed_unit_id = ?", *f.AddressedTo)
	}
	var rows []proposalRow
	err := q.Select(proposalColumns).Order("pu.name COLLATE \"vi-x-icu\"").Order("proposals.title").
		Order("COALESCE(pe.full_name, su.name, '') COLLATE \"vi-x-icu\"").Order("proposals.id").Find(&rows).Error
	out := make([]proposal.Proposal, len(rows))
	for i, r := range rows {
		out[i] = proposal.Proposal(r)
	}
	return out, err
}

// Proposal returns one proposal by id.
func (s *Q) Proposal(ctx context.Context, id int64) (proposal.Proposal, error) {
	var p proposalRow
	if err := s.proposals().WithContext(ctx).Select(proposalColumns).Where("proposals.id = ?", id).Take(&p).Error; err != nil {
		return proposal.Proposal{}, notFound(err, "đề nghị khen thưởng")
	}
	return proposal.Proposal(p), nil
}

func reasonsJSON(p proposal.Proposal) string {
	if len(p.VerdictReasons) == 0 {
		return "[]"
	}
	return string(p.VerdictReasons)
}

// CreateProposal inserts p as a draft and returns it with its id.
func (s *Q) CreateProposal(ctx context.Context, p proposal.Proposal) (proposal.Proposal, error) {
	var id int64
	err := s.db.WithContext(ctx).Raw(`INSERT INTO proposals (year, proposer_unit_id, person_id, unit_id, title, vote_electorate,
		vote_for, summary, status, verdict_outcome, verdict_reasons, verdict_rule_set, considered_on)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, CAST(? AS jsonb), ?, ?) RETURNING id`,
		p.Year, p.ProposerUnitID, p.PersonID, p.UnitID, p.Title, p.VoteElectorate, p.VoteFor, p.Summary,
		p.VerdictOutcome, reasonsJSON(p), p.VerdictRuleSet, p.ConsideredOn).Scan(&id).Error
	if err != nil {
		return proposal.Proposal{}, proposalWriteError(err, p)
	}
	return s.Proposal(ctx, id)
}

// UpdateProposal writes every changeable column of p if its version is
// still p.Version; otherwise Conflict.
func (s *Q) UpdateProposal(ctx context.Context, p proposal.Proposal) (proposal.Proposal, error) {
	res := s.db.WithContext(ctx).Model(&proposalRow{}).Where("id = ? AND version = ?", p.ID, loadedVersion(p.Version)).
		Updates(map[string]any{"person_id": p.PersonID, "unit_id": p.UnitID, "title": p.Title,
			"vote_electorate": p.VoteElectorate, "vote_for": p.VoteFor, "summary": p.Summary, "status": p.Status,
			"considered_on":   p.ConsideredOn,
			"verdict_outcome": p.VerdictOutcome, "verdict_reasons": gorm.Expr("?::jsonb", reasonsJSON(p)),
			"verdict_rule_set": p.VerdictRuleSet, "override_reason": p.OverrideReason, "reject_reason": p.RejectReason,
			"decision_id": p.DecisionID, "addressed_unit_id": p.AddressedUnitID, "version": gorm.Expr("version + 1"), "updated_at": gorm.Expr("now()")})
	if res.Error != nil {
		return proposal.Proposal{}, proposalWriteError(res.Error, p)
	}
	if res.RowsAffected != 1 {
		if _, err := s.Proposal(ctx, p.ID); err != nil {
			return proposal.Proposal{}, err
		}
		return proposal.Proposal{}, stale("đề nghị khen thưởng")
	}
	return s.Proposal(ctx, p.ID)
}

func proposalWriteError(err error, p proposal.Proposal) error {
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
func (s *Q) AddProposalComment(ctx context.Context, c proposal.Comment) (proposal.Comment, error) {
	row := commentRow(c)
	row.ID = 0
	if err := s.db.WithContext(ctx).Omit("ID", "AuthorName", "At").Create(&row).Error; err != nil {
		return c, err
	}
	// Read back with the author's name and the time the database gave it.
	err := s.db.WithContext(ctx).Table("proposal_comments c").Select("c.*, u.full_name AS author_name").
		Joins("JOIN users u ON u.id = c.author_user_id").Where("c.id = ?", row.ID).Take(&row).Error
	return proposal.Comment(row), err
}

// ProposalComments returns a proposal's comments, oldest first.
func (s *Q) ProposalComments(ctx context.Context, proposalID int64) ([]proposal.Comment, error) {
	var rows []commentRow
	err := s.db.WithContext(ctx).Table("proposal_comments c").Select("c.*, u.full_name AS author_name").
		Joins("JOIN users u ON u.id = c.author_user_id").Where("c.proposal_id = ?", proposalID).
		Order("c.at").Order("c.id").Find(&rows).Error
	out := make([]proposal.Comment, len(rows))
	for i, r := range rows {
		out[i] = proposal.Comment(r)
	}
	return out, err
}

// CreateDecision inserts a decision.
func (s *Q) CreateDecision(ctx context.Context, d decision.Decision) (decision.Decision, error) {
	row := decisionRow(d)
	row.ID = 0
	err := s.db.WithContext(ctx).Omit("ID").Create(&row).Error
	if isUniqueViolation(err, "decisions_series") {
		return d, errs.New(errs.Conflict, "Số quyết định %s vừa được dùng cho một quyết định khác của cấp này: vui lòng ghi lại để lấy số tiếp theo.", d.Number)
	}
	return decision.Decision(row), err
}

// NextDecisionSerial is the next number of unit's series of decisions for
// year: one past the highest, whoever recorded it. Two decisions taking
// the same number at once: the unique index refuses the second.
func (s *Q) NextDecisionSerial(ctx context.Context, unitID int64, year int) (int, error) {
	var n int
	err := s.db.WithContext(ctx).Raw(`SELECT COALESCE(MAX(serial), 0) + 1 FROM decisions WHERE unit_id = ? AND year = ?`, unitID, year).Scan(&n).Error
	return n, err
}

// Decision returns one decision by id.
func (s *Q) Decision(ctx context.Context, id int64) (decision.Decision, error) {
	var d decisionRow
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&d).Error; err != nil {
		return decision.Decision{}, notFound(err, "quyết định")
	}
	return decision.Decision(d), nil
}

// UnitMemberIDs returns the ids of the active people of a unit.
func (s *Q) UnitMemberIDs(ctx context.Context, unitID int64) ([]int64, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Table("people").Where("unit_id = ? AND active", unitID).Order("id").Pluck("id", &ids).Error
	return ids, err
}

// ProposedPeople returns the people of ids (those proposed on a list), by
// id, in one query.
func (s *Q) ProposedPeople(ctx context.Context, ids []int64) (map[int64]Person, error) {
	out := map[int64]Person{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []Person
	err := s.people().WithContext(ctx).Select(personColumns).Where("people.id IN ?", ids).Find(&rows).Error
	for _, p := range rows {
		out[p.ID] = p
	}
	return out, err
}
