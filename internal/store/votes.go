package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"thidua/internal/errs"
)

// Vote is a cluster's vote (bình xét, suy tôn) for a title in a year.
type Vote struct {
	ID        int64      `json:"id"`
	ClusterID int64      `json:"cluster_id"`
	Year      int        `json:"year"`
	Title     string     `json:"title"`
	Status    string     `json:"status"` // open, closed
	OpenedBy  *int64     `json:"opened_by"`
	OpenedAt  time.Time  `json:"opened_at"`
	ClosedAt  *time.Time `json:"closed_at"`
	Version   int        `json:"version"`
}

// TableName is the votes table.
func (Vote) TableName() string { return "votes" }

// VoteCandidate is a unit put to the vote, with its rank when the vote opened.
type VoteCandidate struct {
	VoteID     int64 `json:"vote_id"`
	UnitID     int64 `json:"unit_id"`
	RankAtOpen int   `json:"rank_at_open"`
}

// TableName is the vote_candidates table.
func (VoteCandidate) TableName() string { return "vote_candidates" }

// Ballot is one member unit's approval (or not) of one candidate.
type Ballot struct {
	VoteID          int64     `json:"vote_id"`
	VoterUnitID     int64     `json:"voter_unit_id"`
	CandidateUnitID int64     `json:"candidate_unit_id"`
	Approve         bool      `json:"approve"`
	CastBy          *int64    `json:"cast_by"`
	CastAt          time.Time `json:"cast_at"`
}

// TableName is the ballots table.
func (Ballot) TableName() string { return "ballots" }

// CreateVote stores a new open vote and its candidates.
func (s *Q) CreateVote(ctx context.Context, v Vote, cands []VoteCandidate) (Vote, error) {
	db := s.DB.WithContext(ctx)
	if err := db.Omit("ID", "OpenedAt", "ClosedAt", "Version").Create(&v).Error; err != nil {
		if isUniqueViolation(err, "votes_one_open") {
			return v, voteInvalid("Cụm đang có một cuộc bình xét chưa kết thúc cho danh hiệu này.")
		}
		return v, err
	}
	for _, c := range cands {
		c.VoteID = v.ID
		if err := db.Create(&c).Error; err != nil {
			return v, err
		}
	}
	return s.Vote(ctx, v.ID)
}

// Vote returns one vote.
func (s *Q) Vote(ctx context.Context, id int64) (Vote, error) {
	var v Vote
	if err := s.DB.WithContext(ctx).Take(&v, id).Error; err != nil {
		return v, notFound(err, "cuộc bình xét")
	}
	return v, nil
}

// LockVote takes the vote's row lock for the rest of the transaction, so
// ballots and the closing are counted one after the other.
func (s *Q) LockVote(ctx context.Context, id int64) error {
	var n int64
	err := s.DB.WithContext(ctx).Raw(`SELECT id FROM votes WHERE id = ? FOR UPDATE`, id).Scan(&n).Error
	if err == nil && n == 0 {
		return notFound(gorm.ErrRecordNotFound, "cuộc bình xét")
	}
	return err
}

// ClusterVotes lists a cluster's votes, newest first.
func (s *Q) ClusterVotes(ctx context.Context, clusterID int64) ([]Vote, error) {
	out := []Vote{}
	err := s.DB.WithContext(ctx).Where("cluster_id = ?", clusterID).Order("opened_at DESC, id DESC").Find(&out).Error
	return out, err
}

// VoteCandidates lists a vote's candidates by their rank at opening.
func (s *Q) VoteCandidates(ctx context.Context, voteID int64) ([]VoteCandidate, error) {
	out := []VoteCandidate{}
	err := s.DB.WithContext(ctx).Where("vote_id = ?", voteID).Order("rank_at_open, unit_id").Find(&out).Error
	return out, err
}

// Ballots lists a vote's ballots.
func (s *Q) Ballots(ctx context.Context, voteID int64) ([]Ballot, error) {
	out := []Ballot{}
	err := s.DB.WithContext(ctx).Where("vote_id = ?", voteID).Order("voter_unit_id, candidate_unit_id").Find(&out).Error
	return out, err
}

// AddBallots stores a unit's ballots; a unit votes once per candidate.
func (s *Q) AddBallots(ctx context.Context, bs []Ballot) error {
	db := s.DB.WithContext(ctx)
	for _, b := range bs {
		if err := db.Omit("CastAt").Create(&b).Error; err != nil {
			if isUniqueViolation(err, "") {
				return voteInvalid("Đơn vị đã bỏ phiếu trong cuộc bình xét này; mỗi đơn vị chỉ bỏ phiếu một lần.")
			}
			return err
		}
	}
	return nil
}

// CloseVote closes an open vote if v.Version matches.
func (s *Q) CloseVote(ctx context.Context, id int64, version int, at time.Time) (Vote, error) {
	res := s.DB.WithContext(ctx).Exec(`UPDATE votes SET status = 'closed', closed_at = ?, version = version + 1
		WHERE id = ? AND version = ? AND status = 'open'`, at, id, loadedVersion(version))
	if res.Error != nil {
		return Vote{}, res.Error
	}
	if res.RowsAffected != 1 {
		return Vote{}, stale("cuộc bình xét")
	}
	return s.Vote(ctx, id)
}

func voteInvalid(msg string) error { return errs.New(errs.Invalid, "%s", msg) }
