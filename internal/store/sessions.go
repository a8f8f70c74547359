package store

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"time"

	"github.com/alexedwards/scs/v2"
	"gorm.io/gorm"
)

// SessionStore is where scs keeps sessions, on the sessions table of
// migrations 00001 and 00030, so any app server can serve any request
// and a session is revoked by deleting its row. userKey is the session
// value holding the signed-in user's id: it is also written to the row's
// user_id, and a read of the row for a context made by WithSessionUser
// brings that user in the same statement. Expired rows are left to Sweep.
func (s *Store) SessionStore(userKey string) scs.CtxStore {
	return sessionStore{db: s.SQL(), userKey: userKey}
}

type sessionStore struct {
	db      *sql.DB
	userKey string
}

// sessionRead is where FindCtx leaves the user it read with the session
// row, for the rest of the request (WithSessionUser).
type sessionRead struct {
	user  SessionUser
	found bool
}

type sessionReadKey struct{}

// WithSessionUser returns a context in which the session store's read of
// the session row also reads the row's user; SessionUserRead then gives it.
func WithSessionUser(ctx context.Context) context.Context {
	return context.WithValue(ctx, sessionReadKey{}, &sessionRead{})
}

// SessionUserRead returns the user read with the session row in ctx, if
// it is user id: false when nothing was read (no session, a row written
// before it recorded its user, a user since deleted), and the caller
// reads the user itself.
func SessionUserRead(ctx context.Context, id int64) (SessionUser, bool) {
	r, _ := ctx.Value(sessionReadKey{}).(*sessionRead)
	if r == nil || !r.found || r.user.ID != id {
		return SessionUser{}, false
	}
	return r.user, true
}

// sessionUserColumns are a SessionUser's columns, read by scanSessionUser,
// from users and units left-joined to a relation s with a user_id column
// (a user that does not exist reads as id 0).
const sessionUserColumns = `coalesce(users.id, 0), coalesce(users.username, ''), coalesce(users.full_name, ''),
	coalesce(users.password_hash, ''), coalesce(users.role, ''), users.unit_id, users.email, coalesce(units.name, ''),
	coalesce(users.active, false), coalesce(users.created_at, 'epoch'), coalesce(users.updated_at, 'epoch'),
	coalesce((WITH RECURSIVE up(id, parent_id, type, depth) AS (
		SELECT u.id, u.parent_id, u.type, 0 FROM units u WHERE u.id = users.unit_id
		UNION ALL SELECT u.id, u.parent_id, u.type, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 50)
	SELECT id FROM up WHERE type IN ('provincial', 'high') ORDER BY depth LIMIT 1), 0),
	(SELECT count(*) FROM notifications n WHERE n.user_id = users.id AND n.read_at IS NULL)
	FROM s LEFT JOIN users ON users.id = s.user_id LEFT JOIN units ON units.id = users.unit_id`

// scanSessionUser scans a row of first's destinations then sessionUserColumns.
func scanSessionUser(row interface{ Scan(...any) error }, out *SessionUser, first ...any) error {
	u := &out.User
	return row.Scan(append(first, &u.ID, &u.Username, &u.FullName, &u.PasswordHash, &u.Role, &u.UnitID, &u.Email,
		&u.UnitName, &u.Active, &u.CreatedAt, &u.UpdatedAt, &out.Province, &out.Unread)...)
}

const (
	findSession     = `SELECT data FROM sessions WHERE token = $1 AND current_timestamp < expiry`
	findSessionUser = `WITH s AS (SELECT data, user_id FROM sessions WHERE token = $1 AND current_timestamp < expiry)
	SELECT s.data, ` + sessionUserColumns
)

func (st sessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	var err error
	if r, _ := ctx.Value(sessionReadKey{}).(*sessionRead); r != nil {
		*r = sessionRead{}
		// Scanned by pgx itself: database/sql's conversion of the row's
		// 14 values was most of the session's Go time on a page.
		err = queryRowWithPgx(ctx, st.db, func(row positionalRows) error { return scanSessionUser(row, &r.user, &b) }, findSessionUser, token)
		r.found = err == nil && r.user.ID != 0
	} else {
		err = st.db.QueryRowContext(ctx, findSession, token).Scan(&b)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return b, err == nil, err
}

func (st sessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, err := st.db.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry, user_id) VALUES ($1, $2, $3, $4)
		ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, expiry = EXCLUDED.expiry, user_id = EXCLUDED.user_id`,
		token, b, expiry, st.userOf(b))
	return err
}

// userOf is the user id the session data b holds (SessionCodec),
// or nil for none: the row is then read without its user.
func (st sessionStore) userOf(b []byte) *int64 {
	_, values, err := SessionCodec{}.Decode(b)
	if err != nil {
		return nil
	}
	if id, ok := values[st.userKey].(int64); ok && id != 0 {
		return &id
	}
	return nil
}

func (st sessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := st.db.ExecContext(ctx, `DELETE FROM sessions WHERE token = $1`, token)
	return err
}

func (st sessionStore) Find(token string) ([]byte, bool, error) {
	return st.FindCtx(context.Background(), token)
}

func (st sessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return st.CommitCtx(context.Background(), token, b, expiry)
}

func (st sessionStore) Delete(token string) error { return st.DeleteCtx(context.Background(), token) }

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
// the page, when the session's read did not bring it (SessionUserRead).
func (s *Q) SessionUser(ctx context.Context, id int64) (SessionUser, error) {
	var out SessionUser
	err := scanSessionUser(s.db.WithContext(ctx).Raw(`WITH s AS (SELECT ?::bigint AS user_id) SELECT `+sessionUserColumns, id).Row(), &out)
	if err == nil && out.ID == 0 {
		err = sql.ErrNoRows
	}
	if errors.Is(err, sql.ErrNoRows) {
		return out, notFound(gorm.ErrRecordNotFound, "tài khoản")
	}
	return out, err
}
