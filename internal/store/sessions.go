package store

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"time"

	"github.com/alexedwards/scs/postgresstore"
	"gorm.io/gorm"
)

// SessionStore is where scs keeps sessions: its own PostgreSQL store over
// this pool, on the sessions table of migration 00001 (the schema it
// expects), so any app server can serve any request and a session is
// revoked by deleting its row. Its cleanup goroutine is off: Sweep does
// that, and stops with the server.
func (s *Store) SessionStore() *postgresstore.PostgresStore {
	return postgresstore.NewWithCleanupInterval(s.SQL(), 0)
}

// Sweep deletes expired sessions and old sign-in failures every interval
// until ctx ends.
func (s *Store) Sweep(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.db.WithContext(ctx).Exec(`DELETE FROM sessions WHERE expiry < now()`).Error; err != nil && ctx.Err() == nil {
				slog.Warn("sweeping sessions", "err", err)
			}
			if err := s.db.WithContext(ctx).Exec(`DELETE FROM login_failures WHERE at < now() - interval '1 day'`).Error; err != nil && ctx.Err() == nil {
				slog.Warn("sweeping login failures", "err", err)
			}
		}
	}
}

// SessionUser is what a page request needs of its signed-in user: the
// account, the province its unit belongs to (0 if none) and its unread
// notifications for the page header.
type SessionUser struct {
	User
	Province int64
	Unread   int64
}

// SessionUser loads the user of a session in one statement, whatever
// the page: a page is then this, the session's own read and the page's
// one app call.
func (s *Q) SessionUser(ctx context.Context, id int64) (SessionUser, error) {
	// Scanned by position: every page pays for this statement.
	var out SessionUser
	u := &out.User
	err := s.db.WithContext(ctx).Raw(`SELECT users.id, users.username, users.full_name, users.password_hash, users.role, users.unit_id,
			users.email, coalesce(units.name, ''), users.active, users.created_at, users.updated_at,
			coalesce((WITH RECURSIVE up(id, parent_id, type, depth) AS (
				SELECT u.id, u.parent_id, u.type, 0 FROM units u WHERE u.id = users.unit_id
				UNION ALL SELECT u.id, u.parent_id, u.type, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 50)
			SELECT id FROM up WHERE type IN ('provincial', 'high') ORDER BY depth LIMIT 1), 0),
			(SELECT count(*) FROM notifications n WHERE n.user_id = users.id AND n.read_at IS NULL)
		FROM users LEFT JOIN units ON units.id = users.unit_id WHERE users.id = ?`, id).Row().Scan(&u.ID, &u.Username, &u.FullName,
		&u.PasswordHash, &u.Role, &u.UnitID, &u.Email, &u.UnitName, &u.Active, &u.CreatedAt, &u.UpdatedAt, &out.Province, &out.Unread)
	if errors.Is(err, sql.ErrNoRows) {
		return out, notFound(gorm.ErrRecordNotFound, "tài khoản")
	}
	return out, err
}
