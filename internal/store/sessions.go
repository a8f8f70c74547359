package store

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"time"
)

// SessionStore keeps scs sessions in PostgreSQL so that any app server
// behind a load balancer can serve any request, and a session can be
// revoked by deleting its row. It implements scs.Store and scs.CtxStore.
// (The upstream postgresstore is not served by this machine's proxy; this
// is its few lines over database/sql.)
type SessionStore struct{ DB *sql.DB }

func (s SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.DB.QueryRowContext(ctx, `SELECT data FROM sessions WHERE token = $1 AND expiry > now()`, token).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return b, err == nil, err
}

func (s SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, err := s.DB.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, expiry = EXCLUDED.expiry`, token, b, expiry.UTC())
	return err
}

func (s SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.DB.ExecContext(ctx, `DELETE FROM sessions WHERE token = $1`, token)
	return err
}

func (s SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

func (s SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

func (s SessionStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }

// Sweep deletes expired sessions and old sign-in failures every interval
// until ctx ends.
func (s SessionStore) Sweep(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := s.DB.ExecContext(ctx, `DELETE FROM sessions WHERE expiry < now()`); err != nil && ctx.Err() == nil {
				slog.Warn("sweeping sessions", "err", err)
			}
			if _, err := s.DB.ExecContext(ctx, `DELETE FROM login_failures WHERE at < now() - interval '1 day'`); err != nil && ctx.Err() == nil {
				slog.Warn("sweeping login failures", "err", err)
			}
		}
	}
}
