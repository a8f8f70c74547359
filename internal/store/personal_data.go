package store

import (
	"context"
	"time"
)

// PersonalRead is one read of a person's personal data: who, when, what.
type PersonalRead struct {
	At       time.Time `json:"at"`
	UserID   *int64    `json:"user_id"`
	Username string    `json:"username"`
	PersonID int64     `json:"person_id"`
	What     string    `json:"what"`
}

// PersonalReads lists the reads of a person's personal data, latest first.
func (s *Q) PersonalReads(ctx context.Context, personID int64) ([]PersonalRead, error) {
	out := []PersonalRead{}
	err := s.db.WithContext(ctx).Raw(`SELECT r.at, r.user_id, COALESCE(u.username, '') AS username, r.person_id, r.what
		FROM personal_data_reads r LEFT JOIN users u ON u.id = r.user_id WHERE r.person_id = ? ORDER BY r.at DESC, r.id DESC`, personID).
		Scan(&out).Error
	return out, err
}
