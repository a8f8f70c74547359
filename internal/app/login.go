package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alexedwards/scs/v2"

	"thidua/internal/auth"
	"thidua/internal/errs"
	"thidua/internal/store"
)

// MaxUsernameLength bounds what is looked up and recorded as a user name.
const MaxUsernameLength = 100

// Login checks a user name and password from a client address. Attempts
// are slowed by growing delays (auth.Attempt), decided before the
// password is even looked at, so guessing is slow whichever app server is
// asked; nobody is locked out.
func (a *App) Login(ctx context.Context, username, password, ip string) (store.User, error) {
	username = strings.TrimSpace(username)
	f := errs.Fields{}
	switch {
	case username == "":
		f.Add("username", "Vui lòng nhập tên đăng nhập.")
	case utf8.RuneCountInString(username) > MaxUsernameLength:
		f.Add("username", fmt.Sprintf("Tên đăng nhập không quá %d ký tự.", MaxUsernameLength))
	}
	if password == "" {
		f.Add("password", "Vui lòng nhập mật khẩu.")
	}
	if err := f.Err(); err != nil {
		return store.User{}, err
	}
	if err := a.throttle(ctx, username, ip); err != nil {
		return store.User{}, err
	}
	u, err := a.store.UserByName(ctx, username)
	switch {
	case errs.CodeOf(err) == errs.NotFound:
		a.Hasher.VerifyNothing(password)
	case err != nil:
		return store.User{}, err
	case !a.Hasher.Verify(u.PasswordHash, password):
	case !u.Active:
		return store.User{}, errs.New(errs.Forbidden, "Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị hệ thống.")
	default:
		if err := a.store.ClearLoginFailures(ctx, username, ip); err != nil {
			return store.User{}, err
		}
		return u, nil
	}
	if err := a.store.RecordLoginFailure(ctx, username, ip, store.FailSignIn, a.Now().UTC()); err != nil {
		return store.User{}, fmt.Errorf("recording sign-in failure: %w", err)
	}
	return store.User{}, auth.ErrBadCredentials
}

// throttle refuses an attempt for username from ip while its delay runs.
func (a *App) throttle(ctx context.Context, username, ip string) error {
	now := a.Now()
	at, err := a.store.LoginAttempt(ctx, username, ip, now.Add(-auth.ThrottleWindow))
	if err != nil {
		return err
	}
	if w := at.Wait(now); w > 0 {
		return errs.New(errs.TooMany, "Đã nhập sai mật khẩu nhiều lần. Để bảo vệ tài khoản, vui lòng chờ %s rồi thử lại.", auth.WaitText(w))
	}
	return nil
}

// Session is who a page request is for, with what the page header shows.
type Session struct {
	Principal auth.Principal
	Unread    int64 // unread notifications
}

// Session loads the user of a session that recorded the user's
// PasswordStamp at sign-in, read with the session's row when the request
// came through SessionContext, else in one query: once the password has changed,
// every session opened with the old one is refused, and a disabled
// account at once.
func (a *App) Session(ctx context.Context, userID int64, stamp string) (Session, error) {
	u, ok := store.SessionUserRead(ctx, userID)
	var err error
	if !ok {
		u, err = a.store.SessionUser(ctx, userID)
	}
	switch {
	case errs.CodeOf(err) == errs.NotFound:
		return Session{}, errs.New(errs.Unauthorized, "Phiên đăng nhập không còn hiệu lực. Vui lòng đăng nhập lại.")
	case err != nil:
		return Session{}, err
	case !u.Active:
		return Session{}, errs.New(errs.Unauthorized, "Tài khoản này đã bị khóa.")
	case stamp != PasswordStamp(u.User):
		return Session{}, errs.New(errs.Unauthorized, "Mật khẩu của tài khoản đã được đổi. Vui lòng đăng nhập lại.")
	}
	return Session{Principal: auth.Scoped(u.Principal(), u.Province), Unread: u.Unread}, nil
}

// SweepSessions deletes expired sessions and old sign-in failures every
// interval until ctx ends.
func (a *App) SweepSessions(ctx context.Context, every time.Duration) { a.store.Sweep(ctx, every) }

// SessionStore is where the web layer's session manager keeps sessions;
// userKey is the session value holding the signed-in user's id.
func (a *App) SessionStore(userKey string) scs.Store { return a.store.SessionStore(userKey) }

// SessionCodec is how the session store's rows encode session data.
func (a *App) SessionCodec() scs.Codec { return store.SessionCodec{} }

// SessionContext returns a context for a request whose session is about
// to be loaded: the session's read then also reads its user, for Session.
func SessionContext(ctx context.Context) context.Context { return store.WithSessionUser(ctx) }

// WithFilingRead returns a context in which the request's session or
// token read also reads unit's filing for year, in the same round trip,
// for the request's first read of it (Filing, SaveSelfForm): the page of
// a filing and its draft save then wait for the database once.
func WithFilingRead(ctx context.Context, year int, unit int64) context.Context {
	return store.WithFilingRead(ctx, year, unit)
}

// WithPersonRead returns a context in which the request's session or
// token read also reads person id's file, in the same round trip, for the
// request's first read of it (PersonPage, Person).
func WithPersonRead(ctx context.Context, id int64) context.Context {
	return store.WithPersonRead(ctx, id)
}

// PasswordStamp identifies the password a user signed in with, without
// revealing anything of it: a digest of its (salted) hash.
func PasswordStamp(u store.User) string {
	sum := sha256.Sum256([]byte(u.PasswordHash))
	return hex.EncodeToString(sum[:12])
}

// withScope fills in what follows from the user's unit (scoped).
func (a *App) withScope(ctx context.Context, p auth.Principal) (auth.Principal, error) {
	if !auth.OnProvinceCouncil(p) {
		return p, nil
	}
	province, err := a.store.ProvinceOf(ctx, p.UnitID)
	return auth.Scoped(p, province), err
}

// PrincipalByToken loads the user a bearer token belongs to.
func (a *App) PrincipalByToken(ctx context.Context, token string) (auth.Principal, error) {
	u, err := a.store.UserByToken(ctx, token, a.Now())
	if err != nil {
		return auth.Principal{}, err
	}
	return a.withScope(ctx, u.Principal())
}
