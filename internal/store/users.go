package store

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"thidua/internal/auth"
	"thidua/internal/errs"
)

// User is an account as stored.
type User struct {
	ID           int64
	Username     string
	FullName     string
	PasswordHash string
	Role         string
	UnitID       *int64
	Email        *string // for notifications by e-mail; nil: none
	UnitName     string  `gorm:"->;-:migration"` // filled by joins when listing
	Active       bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Principal is the user as authorisation sees them.
func (u User) Principal() auth.Principal {
	p := auth.Principal{UserID: u.ID, Username: u.Username, FullName: u.FullName, Role: auth.Role(u.Role), UnitName: u.UnitName}
	if u.UnitID != nil {
		p.UnitID = *u.UnitID
	}
	return p
}

// CreateUser inserts a user; the user name is unique regardless of case.
func (s *Q) CreateUser(ctx context.Context, u User) (User, error) {
	u.Username = strings.TrimSpace(u.Username)
	if err := s.db.WithContext(ctx).Omit("ID", "CreatedAt", "UpdatedAt", "UnitName").Create(&u).Error; err != nil {
		if isUniqueViolation(err, "users_username_key") {
			return User{}, &errs.Error{Code: errs.Invalid, Message: "Dữ liệu chưa hợp lệ.",
				Fields: map[string]string{"username": "Tên đăng nhập " + u.Username + " đã có người dùng."}}
		}
		return User{}, err
	}
	return u, nil
}

// UserByName finds an account by user name, ignoring case.
func (s *Q) UserByName(ctx context.Context, username string) (User, error) {
	var u User
	err := s.db.WithContext(ctx).Omit("UnitName").Where("lower(username) = lower(?)", strings.TrimSpace(username)).Take(&u).Error
	return u, notFound(err, "tài khoản")
}

// UserByID finds an account by id, with its unit's name.
func (s *Q) UserByID(ctx context.Context, id int64) (User, error) {
	var u User
	err := s.db.WithContext(ctx).Table("users").Select("users.*, coalesce(units.name, '') AS unit_name").
		Joins("LEFT JOIN units ON units.id = users.unit_id").Where("users.id = ?", id).Take(&u).Error
	return u, notFound(err, "tài khoản")
}

// ListUsers returns every account with its unit's name, by user name.
func (s *Q) ListUsers(ctx context.Context) ([]User, error) {
	var out []User
	err := s.db.WithContext(ctx).Table("users").
		Select("users.*, coalesce(units.name, '') AS unit_name").
		Joins("LEFT JOIN units ON units.id = users.unit_id").Order("lower(users.username)").Scan(&out).Error
	return out, err
}

// SetUserActive enables or disables an account. Disabling also ends its
// sessions and revokes its tokens, so access stops at once everywhere.
func (s *Q) SetUserActive(ctx context.Context, id int64, active bool) error {
	if err := s.updateUser(ctx, id, map[string]any{"active": active}); err != nil {
		return err
	}
	if active {
		return nil
	}
	return s.db.WithContext(ctx).Model(&apiToken{}).Where("user_id = ? AND revoked_at IS NULL", id).
		Update("revoked_at", gorm.Expr("now()")).Error
}

// SetPassword replaces a user's password hash.
func (s *Q) SetPassword(ctx context.Context, id int64, hash string) error {
	return s.db.WithContext(ctx).Model(&User{}).Where("id = ?", id).
		Updates(map[string]any{"password_hash": hash, "updated_at": gorm.Expr("now()")}).Error
}

// SetUserEmail sets an account's e-mail address; nil clears it.
func (s *Q) SetUserEmail(ctx context.Context, id int64, email *string) error {
	return s.updateUser(ctx, id, map[string]any{"email": email})
}

// updateUser sets columns of an account, "not found" if there is none.
func (s *Q) updateUser(ctx context.Context, id int64, cols map[string]any) error {
	cols["updated_at"] = gorm.Expr("now()")
	res := s.db.WithContext(ctx).Model(&User{}).Where("id = ?", id).Updates(cols)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return errs.New(errs.NotFound, "Không tìm thấy tài khoản.")
	}
	return nil
}
