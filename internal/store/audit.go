package store

import (
	"context"
	"encoding/json"
	"time"
)

// AuditEntry is one recorded write: who, when, what, old → new, why.
type AuditEntry struct {
	ID       int64           `json:"id"`
	At       time.Time       `json:"at"`
	UserID   *int64          `json:"user_id"`
	Username string          `json:"username" gorm:"->;-:migration"`  // filled by joins when listing
	FullName string          `json:"full_name" gorm:"->;-:migration"` // the user's full name, likewise
	Action   string          `json:"action"`
	Entity   string          `json:"entity"`
	EntityID *int64          `json:"entity_id"`
	Reason   string          `json:"reason"`
	Before   json.RawMessage `json:"before" gorm:"type:jsonb"`
	After    json.RawMessage `json:"after" gorm:"type:jsonb"`
}

func (AuditEntry) TableName() string { return "audit_log" }

// Audit records a write. before and after are marshalled to JSON; pass nil
// for a creation's before or a deletion's after.
func (s *Q) Audit(ctx context.Context, userID int64, action, entity string, entityID int64, reason string, before, after any) error {
	e, err := NewAuditEntry(userID, action, entity, entityID, reason, before, after)
	if err != nil {
		return err
	}
	return s.db.WithContext(ctx).Omit("ID", "At", "Username", "FullName").Create(&e).Error
}

// NewAuditEntry is the entry Audit would record, for AuditMany.
func NewAuditEntry(userID int64, action, entity string, entityID int64, reason string, before, after any) (AuditEntry, error) {
	e := AuditEntry{Action: action, Entity: entity, Reason: reason}
	if userID != 0 {
		e.UserID = &userID
	}
	if entityID != 0 {
		e.EntityID = &entityID
	}
	var err error
	if e.Before, err = marshalOrNil(before); err != nil {
		return e, err
	}
	e.After, err = marshalOrNil(after)
	return e, err
}

// AuditMany records many writes in a few statements (imports).
func (s *Q) AuditMany(ctx context.Context, entries []AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	return s.db.WithContext(ctx).Omit("ID", "At", "Username", "FullName").CreateInBatches(&entries, batchRows).Error
}

// batchRows is the rows per INSERT of a batch write: well under
// PostgreSQL's 65 535 parameters for the widest of our tables.
const batchRows = 1000

func marshalOrNil(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}

// History returns the audit trail of one entity, newest first.
func (s *Q) History(ctx context.Context, entity string, id int64) ([]AuditEntry, error) {
	out := []AuditEntry{}
	err := s.db.WithContext(ctx).Table("audit_log a").
		Select("a.id, a.at, a.user_id, coalesce(u.username, '') AS username, coalesce(u.full_name, '') AS full_name, a.action, a.entity, a.entity_id, a.reason, a.before, a.after").
		Joins("LEFT JOIN users u ON u.id = a.user_id").
		Where("a.entity = ? AND a.entity_id = ?", entity, id).Order("a.at DESC, a.id DESC").Scan(&out).Error
	return out, err
}
