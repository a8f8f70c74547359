package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"thidua/internal/errs"
	"thidua/internal/vote"
)

type voteRow struct {
	ID        int64
	ClusterID int64
	Year      int
	Title     string
	Status    string
	OpenedBy  *int64
	OpenedAt  time.Time
	ClosedAt  *time.Time
	Version   int
}

func (voteRow) TableName() string { return "votes" }

type candidateRow struct {
	VoteID     int64
	UnitID     int64
	RankAtOpen int
}

func (candidateRow) TableName() string { return "vote_candidates" }

type ballotRow struct {
	VoteID          int64
	VoterUnitID     int64
	CandidateUnitID int64
	Approve         bool
	CastBy          *int64
	CastAt          time.Time
}

func (ballotRow) TableName() string { return "ballots" }

// CreateVote stores a new open vote and its candidates.
func (s *Q) CreateVote(ctx context.Context, in vote.Vote, cands []vote.Candidate) (vote.Vote, error) {
	db := s.db.WithContext(ctx)
	v := voteRow(in)
	if err := db.Omit("ID", "OpenedAt", "ClosedAt", "Version").Create(&v).Error; err != nil {
		if isUniqueViolation(err, "votes_one_open") {
			return in, voteInvalid("Cụm đang có một cuộc bình xét chưa kết thúc cho danh hiệu này.")
		}
		return in, err
	}
	for _, c := range cands {
		row := candidateRow(c)
		row.VoteID = v.ID
		if err := db.Create(&row).Error; err != nil {
			return in, err
		}
	}
	return s.Vote(ctx, v.ID)
}

// Vote returns one vote.
func (s *Q) Vote(ctx context.Context, id int64) (vote.Vote, error) {
	var v voteRow
	if err := s.db.WithContext(ctx).Take(&v, id).Error; err != nil {
		return vote.Vote{}, notFound(err, "cuộc bình xét")
	}
	return vote.Vote(v), nil
}

// LockVote takes the vote's row lock for the rest of the transaction, so
// ballots and the closing are counted one after the other.
func (s *Q) LockVote(ctx context.Context, id int64) error {
	var n int64
	err := s.db.WithContext(ctx).Raw(`SELECT id FROM votes WHERE id = ? FOR UPDATE`, id).Scan(&n).Error
	if err == nil && n == 0 {
		return notFound(gorm.ErrRecordNotFound, "cuộc bình xét")
	}
	return err
}

// ClusterVotes lists a cluster's votes, newest first.
func (s *Q) ClusterVotes(ctx context.Context, clusterID int64) ([]vote.Vote, error) {
	var rows []voteRow
	err := s.db.WithContext(ctx).Where("cluster_id = ?", clusterID).Order("opened_at DESC, id DESC").Find(&rows).Error
	out := make([]vote.Vote, len(rows))
	for i, r := range rows {
		out[i] = vote.Vote(r)
	}
	return out, err
}

// VoteCandidates lists a vote's candidates by their rank at opening.
func (s *Q) VoteCandidates(ctx context.Context, voteID int64) ([]vote.Candidate, error) {
	var rows []candidateRow
	err := s.db.WithContext(ctx).Where("vote_id = ?", voteID).Order("rank_at_open, unit_id").Find(&rows).Error
	out := make([]vote.Candidate, len(rows))
	for i, r := range rows {
		out[i] = vote.Candidate(r)
	}
	return out, err
}

// Ballots lists a vote's ballots.
func (s *Q) Ballots(ctx context.Context, voteID int64) ([]vote.Ballot, error) {
	var rows []ballotRow
	err := s.db.WithContext(ctx).Where("vote_id = ?", voteID).Order("voter_unit_id, candidate_unit_id").Find(&rows).Error
	out := make([]vote.Ballot, len(rows))
	for i, r := range rows {
		out[i] = vote.Ballot(r)
	}
	return out, err
}

// AddBallots stores a unit's ballots; a unit votes once per candidate.
func (s *Q) AddBallots(ctx context.Context, bs []vote.Ballot) error {
	db := s.db.WithContext(ctx)
	for _, b := range bs {
		row := ballotRow(b)
		if err := db.Omit("CastAt").Create(&row).Error; err != nil {
			if isUniqueViolation(err, "") {
				return voteInvalid("Đơn vị đã bỏ phiếu trong cuộc bình xét này; mỗi đơn vị chỉ bỏ phiếu một lần.")
			}
			return err
		}
	}
	return nil
}

// CloseVote closes an open vote if v.Version matches.
func (s *Q) CloseVote(ctx context.Context, id int64, version int, at time.Time) (vote.Vote, error) {
	res := s.db.WithContext(ctx).Exec(`UPDATE votes SET status = 'closed', closed_at = ?, version = version + 1
		WHERE id = ? AND version = ? AND status = 'open'`, at, id, loadedVersion(version))
	if res.Error != nil {
		return vote.Vote{}, res.Error
	}
	if res.RowsAffected != 1 {
		return vote.Vote{}, stale("cuộc bình xét")
	}
	return s.Vote(ctx, id)
}

func voteInvalid(msg string) error { return errs.New(errs.Invalid, "%s", msg) }
