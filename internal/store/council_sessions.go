package store

import (
	"context"
	"slices"
	"time"

	"thidua/internal/errs"
	"thidua/internal/vote"
)

type councilSessionRow struct {
	ID        int64
	CouncilID int64
	HeldOn    time.Time
	Status    string
	Members   int
	Quorum    int
	RuleSet   string
	OpenedBy  *int64
	OpenedAt  time.Time
	ClosedBy  *int64
	ClosedAt  *time.Time
	Version   int
}

func (councilSessionRow) TableName() string { return "council_sessions" }

// BallotCouncil returns a council with its unit's name, and its members in
// their order of rank on the council.
func (s *Q) BallotCouncil(ctx context.Context, id int64) (vote.Council, []vote.Member, error) {
	var c vote.Council
	err := s.db.WithContext(ctx).Raw(`SELECT c.id, c.unit_id, u.name AS unit_name, c.year, c.name
		FROM councils c JOIN units u ON u.id = c.unit_id WHERE c.id = ?`, id).Scan(&c).Error
	if err == nil && c.ID == 0 {
		return c, nil, errs.New(errs.NotFound, "Không tìm thấy Hội đồng thi đua – khen thưởng.")
	}
	if err != nil {
		return c, nil, err
	}
	var ms []vote.Member
	err = s.db.WithContext(ctx).Raw(`SELECT id, user_id, full_name, position, role AS seat FROM council_members WHERE council_id = ?
		ORDER BY array_position(ARRAY['chair','vice_chair','standing','member','secretary'], role), full_name COLLATE "vi-x-icu", id`, id).
		Scan(&ms).Error
	return c, ms, err
}

// CreateCouncilSession stores an open session and its nominees, opened
// at in.OpenedAt (the app's clock), else now.
func (s *Q) CreateCouncilSession(ctx context.Context, in vote.Session, ns []vote.Nominee) (vote.Session, error) {
	db := s.db.WithContext(ctx)
	r := councilSessionRow(in)
	omit := []string{"ID", "ClosedBy", "ClosedAt", "Version"}
	if in.OpenedAt.IsZero() {
		omit = append(omit, "OpenedAt")
	}
	if err := db.Omit(omit...).Create(&r).Error; err != nil {
		if isUniqueViolation(err, "council_sessions_one_open") {
			return in, errs.New(errs.Invalid, "Hội đồng đang có một phiên bỏ phiếu chưa kết thúc.")
		}
		return in, err
	}
	for _, n := range ns {
		if err := db.Exec(`INSERT INTO council_session_candidates (session_id, proposal_id, title, threshold) VALUES (?, ?, ?, ?)`,
			r.ID, n.ProposalID, n.Title, n.Threshold).Error; err != nil {
			return in, err
		}
	}
	return s.CouncilSession(ctx, r.ID, false)
}

// CouncilSession returns one session; lock takes its row lock for the
// rest of the transaction (closing), which waits for the ballots being
// cast (they hold it shared: CastCouncilBallot).
func (s *Q) CouncilSession(ctx context.Context, id int64, lock bool) (vote.Session, error) {
	var r councilSessionRow
	q := s.db.WithContext(ctx)
	sql := `SELECT * FROM council_sessions WHERE id = ?`
	if lock {
		sql += ` FOR UPDATE`
	}
	if err := q.Raw(sql, id).Scan(&r).Error; err != nil {
		return vote.Session{}, err
	}
	if r.ID == 0 {
		return vote.Session{}, errs.New(errs.NotFound, "Không tìm thấy phiên họp của Hội đồng.")
	}
	return vote.Session(r), nil
}

// CouncilSessions lists a council's sessions, the latest first.
func (s *Q) CouncilSessions(ctx context.Context, councilID int64) ([]vote.Session, error) {
	var rows []councilSessionRow
	err := s.db.WithContext(ctx).Where("council_id = ?", councilID).Order("opened_at DESC, id DESC").Find(&rows).Error
	out := make([]vote.Session, len(rows))
	for i, r := range rows {
		out[i] = vote.Session(r)
	}
	return out, err
}

// Nominees are a session's proposals with their counts, by proposing
// unit and name.
func (s *Q) Nominees(ctx context.Context, sessionID int64) ([]vote.Nominee, error) {
	var out []vote.Nominee
	err := s.db.WithContext(ctx).Raw(`SELECT c.proposal_id, c.title, c.threshold, c.votes_for AS "for", c.votes_against AS against,
			COALESCE(pe.full_name, su.name, '') AS subject_name, pu.name AS proposer_name
		FROM council_session_candidates c JOIN proposals p ON p.id = c.proposal_id
		JOIN units pu ON pu.id = p.proposer_unit_id
		LEFT JOIN people pe ON pe.id = p.person_id LEFT JOIN units su ON su.id = p.unit_id
		WHERE c.session_id = ?
		ORDER BY pu.name COLLATE "vi-x-icu", COALESCE(pe.full_name, su.name, '') COLLATE "vi-x-icu", c.proposal_id`, sessionID).
		Scan(&out).Error
	return out, err
}

// SessionVoters are the members who have voted in a session (not how).
func (s *Q) SessionVoters(ctx context.Context, sessionID int64) ([]int64, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Raw(`SELECT member_id FROM council_session_voters WHERE session_id = ? ORDER BY member_id`, sessionID).
		Scan(&ids).Error
	return ids, err
}

// VotedProposals are the proposals among ids already voted on in a closed
// session: the council does not vote twice on one proposal.
func (s *Q) VotedProposals(ctx context.Context, ids []int64) ([]int64, error) {
	var out []int64
	if len(ids) == 0 {
		return out, nil
	}
	err := s.db.WithContext(ctx).Raw(`SELECT DISTINCT c.proposal_id FROM council_session_candidates c
		JOIN council_sessions s ON s.id = c.session_id WHERE s.status = 'closed' AND c.proposal_id = ANY(?::bigint[])`, pgArray(ids)).
		Scan(&out).Error
	return out, err
}

// CastCouncilBallot records that member voted in the session and adds
// their choices to the anonymous counts, in the caller's transaction. It
// takes the session's row lock shared, so ballots are cast side by side
// and the closing (FOR UPDATE) waits for them; the counts are updated in
// the order of the proposals, so two ballots never wait on each other in
// a circle. A second ballot of the member is refused by the key.
func (s *Q) CastCouncilBallot(ctx context.Context, sessionID, memberID int64, choices map[int64]bool) error {
	db := s.db.WithContext(ctx)
	var status string
	if err := db.Raw(`SELECT status FROM council_sessions WHERE id = ? FOR SHARE`, sessionID).Scan(&status).Error; err != nil {
		return err
	}
	if status != vote.Open {
		return errs.New(errs.Invalid, "Phiên họp đã kết thúc, không nhận thêm phiếu.")
	}
	res := db.Exec(`INSERT INTO council_session_voters (session_id, member_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, sessionID, memberID)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return errs.New(errs.Invalid, "Anh/chị đã bỏ phiếu trong phiên họp này; mỗi thành viên chỉ bỏ phiếu một lần.")
	}
	ids := make([]int64, 0, len(choices))
	for id := range choices {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		col := "votes_against"
		if choices[id] {
			col = "votes_for"
		}
		res := db.Exec(`UPDATE council_session_candidates SET `+col+` = `+col+` + 1 WHERE session_id = ? AND proposal_id = ?`, sessionID, id)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return errs.New(errs.Invalid, "Phiếu có người được đề nghị không thuộc danh sách bỏ phiếu.")
		}
	}
	return nil
}

// CloseCouncilSession marks the session closed by userID at in.ClosedAt
// (the app's clock; nil: now) if its version is still s.Version.
func (s *Q) CloseCouncilSession(ctx context.Context, in vote.Session, userID int64) (vote.Session, error) {
	var by *int64
	if userID != 0 {
		by = &userID
	}
	res := s.db.WithContext(ctx).Exec(`UPDATE council_sessions SET status = 'closed', closed_at = COALESCE(?::timestamptz, now()), closed_by = ?,
		version = version + 1 WHERE id = ? AND version = ? AND status = 'open'`, in.ClosedAt, by, in.ID, loadedVersion(in.Version))
	if res.Error != nil {
		return in, res.Error
	}
	if res.RowsAffected != 1 {
		return in, stale("phiên họp của Hội đồng")
	}
	return s.CouncilSession(ctx, in.ID, false)
}
