package store

import (
	"context"
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
	var t struct {
		T apiToken `gorm:"embedded"`
		// The use is recorded at most once a minute: an API client saving
		// in a loop need not write the token's row on every request.
		UseStale bool
	}
	err := s.db.WithContext(ctx).Model(&apiToken{}).Select("*, last_used_at IS NULL OR last_used_at < now() - interval '1 minute' AS use_stale").
		Where("token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)", auth.TokenHash(token), now).Take(&t).Error
	if err != nil {
		if err == gorm.ErrRecordNotFound {
			return User{}, errs.New(errs.Unauthorized, "Mã truy cập (token) không hợp lệ, đã hết hạn hoặc đã bị thu hồi.")
		}
		return User{}, err
	}
	u, err := s.UserByID(ctx, t.T.UserID)
	if err != nil {
		return User{}, err
	}
	if !u.Active {
		return User{}, errs.New(errs.Unauthorized, "Tài khoản đã bị khóa.")
	}
	if t.UseStale {
		s.db.WithContext(ctx).Model(&apiToken{}).Where("id = ?", t.T.ID).Update("last_used_at", gorm.Expr("now()"))
	}
	return u, nil
}
