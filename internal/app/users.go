package app

import (
	"context"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"thidua/internal/auth"
	"thidua/internal/errs"
	"thidua/internal/store"
)

// UserInput is what an administrator sets on a new account.
type UserInput struct {
	Username string `json:"username"`
	FullName string `json:"full_name"`
	Role     string `json:"role"`
	UnitID   *int64 `json:"unit_id"`
	Password string `json:"password"`
	Email    string `json:"email"` // for notifications; empty: none
}

var usernamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9._-]{2,49}$`)

// CreateUser adds an account. p is the administrator, or auth.System for
// the command line run by whoever operates the server.
func (a *App) CreateUser(ctx context.Context, p auth.Principal, in UserInput) (Account, error) {
	if err := auth.Authorize(p, auth.ManageUsers, auth.Target{}); err != nil {
		return Account{}, err
	}
	f := errs.Fields{}
	in.Username = strings.TrimSpace(in.Username)
	in.FullName = strings.TrimSpace(in.FullName)
	if !usernamePattern.MatchString(in.Username) {
		f.Add("username", "Tên đăng nhập gồm 3–50 ký tự: chữ cái không dấu, chữ số và các dấu . _ -")
	}
	if in.FullName == "" {
		f.Add("full_name", "Vui lòng nhập họ và tên.")
	} else if utf8.RuneCountInString(in.FullName) > 200 {
		f.Add("full_name", "Họ và tên tối đa 200 ký tự.")
	}
	role := auth.Role(in.Role)
	if !role.Valid() {
		f.Add("role", "Vui lòng chọn vai trò.")
	}
	if auth.NeedsUnit(role) && in.UnitID == nil {
		f.Add("unit_id", "Cán bộ đơn vị phải thuộc một đơn vị.")
	}
	if err := auth.CheckPassword(in.Password); err != nil {
		e, _ := errs.As(err)
		f.Add("password", e.Fields["password"])
	}
	email, msg := cleanEmail(in.Email)
	if msg != "" {
		f.Add("email", msg)
	}
	if in.UnitID != nil {
		u, err := a.store.Unit(ctx, *in.UnitID)
		switch {
		case errs.CodeOf(err) == errs.NotFound:
			f.Add("unit_id", "Đơn vị không tồn tại.")
		case err != nil:
			return Account{}, err
		case u.Retired() && u.ValidTo.Before(a.Now()):
			f.Add("unit_id", u.Name+" đã kết thúc hoạt động.")
		}
	}
	if err := f.Err(); err != nil {
		return Account{}, err
	}
	hash, err := a.Hasher.Hash(in.Password)
	if err != nil {
		return Account{}, err
	}
	var out store.User
	err = a.store.Tx(ctx, func(tx *store.Q) error {
		out, err = tx.CreateUser(ctx, store.User{Username: in.Username, FullName: in.FullName, PasswordHash: hash,
			Role: string(role), UnitID: in.UnitID, Email: email, Active: true})
		if err != nil {
			return err
		}
		if out.UnitID != nil {
			u, err := tx.Unit(ctx, *out.UnitID)
			if err != nil {
				return err
			}
			out.UnitName = u.Name
		}
		return tx.Audit(ctx, p.UserID, "create", "user", out.ID, "", nil,
			map[string]any{"username": out.Username, "full_name": out.FullName, "role": out.Role, "unit_id": out.UnitID, "email": out.Email})
	})
	return accountOf(out), err
}

// CreateToken issues an API bearer token for a user; the token is
// returned once and only its hash is kept.
func (a *App) CreateToken(ctx context.Context, p auth.Principal, username, name string, ttl time.Duration) (string, error) {
	if err := auth.Authorize(p, auth.ManageUsers, auth.Target{}); err != nil {
		return "", err
	}
	u, err := a.store.UserByName(ctx, username)
	if err != nil {
		return "", err
	}
	if !u.Active {
		return "", errs.New(errs.Invalid, "Tài khoản %s đã bị khóa.", u.Username)
	}
	var expires *time.Time
	if ttl > 0 {
		t := a.Now().Add(ttl)
		expires = &t
	}
	var token string
	err = a.store.Tx(ctx, func(tx *store.Q) error {
		if token, err = tx.CreateToken(ctx, u.ID, name, expires); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "token", "user", u.ID, name, nil, map[string]any{"name": name, "expires_at": expires})
	})
	return token, err
}

// Users lists every account.
func (a *App) Users(ctx context.Context, p auth.Principal) ([]Account, error) {
	if err := auth.Authorize(p, auth.ManageUsers, auth.Target{}); err != nil {
		return nil, err
	}
	us, err := a.store.ListUsers(ctx)
	out := make([]Account, len(us))
	for i, u := range us {
		out[i] = accountOf(u)
	}
	return out, err
}

// SetUserActive locks or unlocks an account. Locking ends its access at
// once: sessions reload the user on every request, and tokens are revoked.
func (a *App) SetUserActive(ctx context.Context, p auth.Principal, id int64, active bool) error {
	if err := auth.Authorize(p, auth.ManageUsers, auth.Target{}); err != nil {
		return err
	}
	if id == p.UserID && !active {
		return errs.New(errs.Invalid, "Không thể tự khóa tài khoản của chính mình.")
	}
	return a.store.Tx(ctx, func(tx *store.Q) error {
		if err := tx.SetUserActive(ctx, id, active); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, map[bool]string{true: "unlock", false: "lock"}[active], "user", id, "", nil, map[string]bool{"active": active})
	})
}

// ChangePassword lets signed-in users replace their own password. It
// returns the new password's stamp (PasswordStamp), which the session that
// changed it keeps: every other session lacks it and ends.
func (a *App) ChangePassword(ctx context.Context, p auth.Principal, ip, current, next, confirm string) (string, error) {
	if err := a.changePassword(ctx, p, ip, current, next, confirm); err != nil {
		return "", err
	}
	u, err := a.store.UserByID(ctx, p.UserID)
	if err != nil {
		return "", err
	}
	return PasswordStamp(u), nil
}

func (a *App) changePassword(ctx context.Context, p auth.Principal, ip, current, next, confirm string) error {
	if p.Anonymous() || p.System {
		return errs.New(errs.Unauthorized, "Vui lòng đăng nhập để tiếp tục.")
	}
	u, err := a.store.UserByID(ctx, p.UserID)
	if err != nil {
		return err
	}
	// The current password is a sign-in in disguise: throttled and
	// recorded the same way, or a session holder could guess it here.
	if err := a.throttle(ctx, u.Username, ip); err != nil {
		return err
	}
	f := errs.Fields{}
	if !a.Hasher.Verify(u.PasswordHash, current) {
		if err := a.store.RecordLoginFailure(ctx, u.Username, ip, store.FailPasswordChange, a.Now().UTC()); err != nil {
			return err
		}
		f.Add("current", "Mật khẩu hiện tại không đúng.")
	}
	if err := auth.CheckPassword(next); err != nil {
		e, _ := errs.As(err)
		f.Add("password", e.Fields["password"])
	} else if next == current {
		f.Add("password", "Mật khẩu mới phải khác mật khẩu hiện tại.")
	}
	if confirm != next {
		f.Add("confirm", "Nhập lại mật khẩu mới chưa khớp.")
	}
	if err := f.Err(); err != nil {
		return err
	}
	hash, err := a.Hasher.Hash(next)
	if err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Q) error {
		if err := tx.SetPassword(ctx, p.UserID, hash); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "password", "user", p.UserID, "", nil, nil)
	})
}

// cleanEmail checks an e-mail address typed by the administrator: nil
// for none, or a message for the form.
func cleanEmail(s string) (*string, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, ""
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || len(s) > 254 {
		return nil, "Địa chỉ thư điện tử chưa đúng (ví dụ: canbo@vks.gov.vn)."
	}
	return &s, ""
}

// SetUserEmail sets or clears (empty) the address an account's
// notifications are e-mailed to. Only the administrator sets it.
func (a *App) SetUserEmail(ctx context.Context, p auth.Principal, id int64, email string) (Account, error) {
	if err := auth.Authorize(p, auth.ManageUsers, auth.Target{}); err != nil {
		return Account{}, err
	}
	addr, msg := cleanEmail(email)
	if msg != "" {
		return Account{}, (errs.Fields{"email": msg}).Err()
	}
	var out store.User
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		before, err := tx.UserByID(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.SetUserEmail(ctx, id, addr); err != nil {
			return err
		}
		if out, err = tx.UserByID(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "email", "user", id, "", map[string]any{"email": before.Email}, map[string]any{"email": out.Email})
	})
	return accountOf(out), err
}
