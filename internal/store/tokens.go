package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gorm.io/gorm"

	"thidua/internal/auth"
	"thidua/internal/errs"
)

type apiToken struct {
	ID         int64
	UserID     int64
	Name       string
	TokenHash  []byte
	CreatedAt  time.Time
	ExpiresAt  *time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

func (apiToken) TableName() string { return "api_tokens" }

// CreateToken stores the hash of a new token for a user and returns the
// token itself, which is never stored.
func (s *Q) CreateToken(ctx context.Context, userID int64, name string, expires *time.Time) (string, error) {
	token, hash, err := auth.NewToken()
	if err != nil {
		return "", err
	}
	t := apiToken{UserID: userID, Name: name, TokenHash: hash, ExpiresAt: expires}
	if err := s.db.WithContext(ctx).Omit("ID", "CreatedAt").Create(&t).Error; err != nil {
		return "", err
	}
	return token, nil
}

// UserByToken returns the active user a bearer token belongs to, and
// records its use (at most once a minute). Unknown, revoked and tokens expired by now are
// Unauthorized.
func (s *Q) UserByToken(ctx context.Context, token string, now time.Time) (User, error) {
	// The token and its user in one statement, scanned by position. The
	// use is recorded at most once a minute: an API client saving in a
	// loop need not write the token's row on every request.
	var (
		u        User
		id       int64
		useStale bool
	)
	scan := func(row interface{ Scan(...any) error }) error {
		return row.Scan(&id, &useStale, &u.ID, &u.Username, &u.FullName, &u.PasswordHash, &u.Role,
			&u.UnitID, &u.Email, &u.UnitName, &u.Active, &u.CreatedAt, &u.UpdatedAt)
	}
	// Positional parameters straight to the driver: gorm would walk the
	// statement's text for its own on every request. On the pool the row
	// is scanned by pgx itself (queryRowWithPgx): database/sql's
	// conversion of its 13 values was a third of the statement's Go time.
	var err error
	if db, ok := s.db.Statement.ConnPool.(*sql.DB); ok {
		err = queryRowWithPgx(ctx, db, func(row positionalRows) error { return scan(row) }, userByTokenSQL, auth.TokenHash(token), now)
	} else {
		err = scan(s.db.WithContext(ctx).Statement.ConnPool.QueryRowContext(ctx, userByTokenSQL, auth.TokenHash(token), now))
	}
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, errs.New(errs.Unauthorized, "Mã truy cập (token) không hợp lệ, đã hết hạn hoặc đã bị thu hồi.")
	}
	if err != nil {
		return User{}, err
	}
	if !u.Active {
		return User{}, errs.New(errs.Unauthorized, "Tài khoản đã bị khóa.")
	}
	if useStale {
		s.db.WithContext(ctx).Model(&apiToken{}).Where("id = ?", id).Update("last_used_at", gorm.Expr("now()"))
	}
	return u, nil
}

const userByTokenSQL = `SELECT t.id, t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute',
		u.id, u.username, u.full_name, u.password_hash, u.role, u.unit_id, u.email, coalesce(n.name, ''), u.active,
		u.created_at, u.updated_at
	FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN units n ON n.id = u.unit_id
	WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)`
