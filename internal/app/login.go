package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"thidua/internal/auth"
	"thidua/internal/errs"
	"thidua/internal/store"
)

// Login checks a user name and password. Too many recent failures for the
// user name refuse the attempt before the password is even looked at, so
// guessing is slow whichever app server is asked.
func (a *App) Login(ctx context.Context, username, password, ip string) (store.User, error) {
	username = strings.TrimSpace(username)
	f := errs.Fields{}
	if username == "" {
		f.Add("username", "Vui lòng nhập tên đăng nhập.")
	}
	if password == "" {
		f.Add("password", "Vui lòng nhập mật khẩu.")
	}
	if err := f.Err(); err != nil {
		return store.User{}, err
	}
	since := a.Now().Add(-a.LoginWindow)
	n, err := a.Store.RecentLoginFailures(ctx, username, since)
	if err != nil {
		return store.User{}, err
	}
	if n >= int64(a.MaxLoginFailures) {
		return store.User{}, errs.New(errs.TooMany,
			"Tài khoản %s đã đăng nhập sai %d lần liên tiếp. Vui lòng thử lại sau %d phút.",
			username, n, int(a.LoginWindow.Minutes()))
	}
	u, err := a.Store.UserByName(ctx, username)
	switch {
	case errs.CodeOf(err) == errs.NotFound:
		a.Hasher.VerifyNothing(password)
	case err != nil:
		return store.User{}, err
	case !a.Hasher.Verify(u.PasswordHash, password):
	case !u.Active:
		return store.User{}, errs.New(errs.Forbidden, "Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị hệ thống.")
	default:
		if err := a.Store.ClearLoginFailures(ctx, username); err != nil {
			return store.User{}, err
		}
		return u, nil
	}
	if err := a.Store.RecordLoginFailure(ctx, username, ip, a.Now()); err != nil {
		return store.User{}, fmt.Errorf("recording sign-in failure: %w", err)
	}
	return store.User{}, auth.ErrBadCredentials
}

// Principal loads the current user for a session or token; an account
// that was disabled since sign-in is refused.
func (a *App) Principal(ctx context.Context, userID int64) (auth.Principal, error) {
	u, err := a.activeUser(ctx, userID)
	if err != nil {
		return auth.Principal{}, err
	}
	return a.withScope(ctx, u.Principal())
}

// SessionPrincipal is Principal for a session that recorded the user's
// PasswordStamp at sign-in: once the password has changed, every session
// opened with the old one is refused.
func (a *App) SessionPrincipal(ctx context.Context, userID int64, stamp string) (auth.Principal, error) {
	u, err := a.activeUser(ctx, userID)
	if err != nil {
		return auth.Principal{}, err
	}
	if stamp != PasswordStamp(u) {
		return auth.Principal{}, errs.New(errs.Unauthorized, "Mật khẩu của tài khoản đã được đổi. Vui lòng đăng nhập lại.")
	}
	return a.withScope(ctx, u.Principal())
}

// PasswordStamp identifies the password a user signed in with, without
// revealing anything of it: a digest of its (salted) hash.
func PasswordStamp(u store.User) string {
	sum := sha256.Sum256([]byte(u.PasswordHash))
	return hex.EncodeToString(sum[:12])
}

func (a *App) activeUser(ctx context.Context, userID int64) (store.User, error) {
	u, err := a.Store.UserByID(ctx, userID)
	if err != nil {
		if errs.CodeOf(err) == errs.NotFound {
			return store.User{}, errs.New(errs.Unauthorized, "Phiên đăng nhập không còn hiệu lực. Vui lòng đăng nhập lại.")
		}
		return store.User{}, err
	}
	if !u.Active {
		return store.User{}, errs.New(errs.Unauthorized, "Tài khoản này đã bị khóa.")
	}
	return u, nil
}

// withScope fills in what follows from the user's unit: a board member
// whose unit is in a province sits on that province's council.
func (a *App) withScope(ctx context.Context, p auth.Principal) (auth.Principal, error) {
	if p.Role != auth.RoleBoard || p.UnitID == 0 {
		return p, nil
	}
	var err error
	p.BoardOf, err = a.Store.ProvinceOf(ctx, p.UnitID)
	return p, err
}

// PrincipalByToken loads the user a bearer token belongs to.
func (a *App) PrincipalByToken(ctx context.Context, token string) (auth.Principal, error) {
	u, err := a.Store.UserByToken(ctx, token, a.Now())
	if err != nil {
		return auth.Principal{}, err
	}
	return a.withScope(ctx, u.Principal())
}
