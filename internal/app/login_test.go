package app_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"thidua/internal/app"

	"thidua/internal/auth"
	"thidua/internal/errs"
	"thidua/internal/seed"
)

func TestLogin(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if _, err := f.Login(f.ctx, "ADMIN", seed.DemoPassword, "127.0.0.1"); err != nil {
		t.Fatalf("user names are case-insensitive: %v", err)
	}
	_, err := f.Login(f.ctx, "admin", "sai-mat-khau-123", "127.0.0.1")
	if !auth.IsBadCredentials(err) {
		t.Fatalf("wrong password: %v", err)
	}
	_, err = f.Login(f.ctx, "khong-ton-tai", "sai-mat-khau-123", "127.0.0.1")
	if !auth.IsBadCredentials(err) {
		t.Fatalf("unknown user must get the same answer as a wrong password: %v", err)
	}
	_, err = f.Login(f.ctx, "", "", "")
	e, _ := errs.As(err)
	if e == nil || e.Fields["username"] == "" || e.Fields["password"] == "" {
		t.Fatalf("empty form: %v", err)
	}
}

// stopClock sets the app's clock to a fixed morning; the returned
// function moves it on.
func stopClock(f *fixture) func(time.Duration) {
	now := time.Date(2026, 12, 15, 8, 0, 0, 0, time.UTC)
	f.Now = func() time.Time { return now }
	return func(d time.Duration) { now = now.Add(d) }
}

// Sign-in is slowed by growing delays, per account and address, per
// address and per account; nobody is locked out: the five wrong
// passwords from one address, for the administrator's name, used to lock
// it for 15 minutes from everywhere.
func TestLoginThrottled(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tick := stopClock(f)
	wrong := func(user, ip string) error { _, err := f.Login(f.ctx, user, "sai-mat-khau-123", ip); return err }

	// An attacker at one address: three free failures, then a second,
	// two, four … before each next attempt, whatever the password.
	for i := range 5 {
		if err := wrong("admin", "203.0.113.9"); !auth.IsBadCredentials(err) {
			t.Fatalf("attempt %d: %v", i+1, err)
		}
		tick(time.Second)
	}
	_, err := f.Login(f.ctx, "admin", seed.DemoPassword, "203.0.113.9")
	wantCode(t, err, errs.TooMany)
	if e, _ := errs.As(err); !strings.Contains(e.Message, "giây") {
		t.Errorf("the wait is not said: %v", err)
	}
	// The real administrator, elsewhere, signs in at once.
	if _, err := f.Login(f.ctx, "admin", seed.DemoPassword, "198.51.100.7"); err != nil {
		t.Fatalf("the real user is locked out: %v", err)
	}
	// The attacker's own wait ends: it grows, it does not lock.
	tick(2 * time.Second)
	if _, err := f.Login(f.ctx, "admin", seed.DemoPassword, "203.0.113.9"); err != nil {
		t.Fatalf("after the delay: %v", err)
	}

	// Many addresses on one account: the account is slowed to a minute at
	// most, so its owner waits a minute at worst.
	for i := range 30 {
		_ = wrong("xem", "192.0.2."+strconv.Itoa(i+1))
	}
	_, err = f.Login(f.ctx, "xem", seed.DemoPassword, "198.51.100.8")
	wantCode(t, err, errs.TooMany)
	tick(time.Minute)
	if _, err := f.Login(f.ctx, "xem", seed.DemoPassword, "198.51.100.8"); err != nil {
		t.Fatalf("the owner after a minute: %v", err)
	}

	// One address on many accounts (password spraying): slowed too. An
	// attempt refused for its wait is not a failure (the 12th here): if
	// it were, guessers hammering an account would keep its owner out.
	for i := range 12 {
		_ = wrong("khong-co-"+strconv.Itoa(i), "192.0.2.200")
	}
	_, err = f.Login(f.ctx, "hoidong", seed.DemoPassword, "192.0.2.200")
	wantCode(t, err, errs.TooMany)

	// The administrator sees it and clears it.
	list, err := f.LoginThrottles(f.ctx, f.admin)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, v := range list {
		found = found || v.IP == "192.0.2.200" && v.Wait > 0 && v.AddressCount == 11
	}
	if !found {
		t.Errorf("the spraying address is not listed as slowed: %+v", list)
	}
	_, err = f.LoginThrottles(f.ctx, f.board)
	wantCode(t, err, errs.Forbidden)
	_, err = f.ClearLoginThrottle(f.ctx, f.board, "", "192.0.2.200")
	wantCode(t, err, errs.Forbidden)
	if n, err := f.ClearLoginThrottle(f.ctx, f.admin, "", "192.0.2.200"); err != nil || n != 11 {
		t.Fatalf("clear: %d %v", n, err)
	}
	if _, err := f.Login(f.ctx, "hoidong", seed.DemoPassword, "192.0.2.200"); err != nil {
		t.Fatalf("after clearing: %v", err)
	}
}

// The current password on the password change form is checked like a
// sign-in: recorded, and slowed after a few failures.
func TestChangePasswordThrottled(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	stopClock(f)
	var err error
	for i := range 7 {
		_, err = f.ChangePassword(f.ctx, f.viewer, "203.0.113.5", "doan-sai-"+strconv.Itoa(i), "mat-khau-moi-dai", "mat-khau-moi-dai")
		if i < 3 && errs.CodeOf(err) != errs.Invalid || i >= 4 && errs.CodeOf(err) != errs.TooMany {
			t.Errorf("guess %d: %v", i+1, err)
		}
	}
	list, _ := f.LoginThrottles(f.ctx, f.admin)
	if len(list) != 1 || list[0].Username != "xem" || list[0].PasswordChange != 4 {
		t.Errorf("the guesses are not recorded: %+v", list)
	}
}

func TestLockedAccount(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	wantCode(t, f.SetUserActive(f.ctx, f.board, f.viewer.UserID, false), errs.Forbidden)
	wantCode(t, f.SetUserActive(f.ctx, f.admin, f.admin.UserID, false), errs.Invalid)
	if err := f.SetUserActive(f.ctx, f.admin, f.viewer.UserID, false); err != nil {
		t.Fatal(err)
	}
	_, err := f.Login(f.ctx, "xem", seed.DemoPassword, "")
	wantCode(t, err, errs.Forbidden)
	_, err = f.Session(f.ctx, f.viewer.UserID, "")
	wantCode(t, err, errs.Unauthorized)
}

func TestCreateUserAndToken(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))
	_, err := f.CreateUser(f.ctx, f.admin, app.UserInput{Username: "x", FullName: "", Role: "officer", Password: "ngắn"})
	e, _ := errs.As(err)
	if e == nil || e.Fields["username"] == "" || e.Fields["full_name"] == "" || e.Fields["unit_id"] == "" || e.Fields["password"] == "" {
		t.Fatalf("every bad field must be named: %v", err)
	}
	in := app.UserInput{Username: "canbo.moi", FullName: "Nguyễn Thị Mới", Role: "officer", UnitID: &th.ID, Password: "mat-khau-du-dai"}
	_, err = f.CreateUser(f.ctx, f.board, in)
	wantCode(t, err, errs.Forbidden)
	if _, err := f.CreateUser(f.ctx, f.admin, in); err != nil {
		t.Fatal(err)
	}
	in.Username = "CANBO.MOI"
	_, err = f.CreateUser(f.ctx, f.admin, in)
	wantField(t, err, "username")

	token, err := f.CreateToken(f.ctx, auth.System, "canbo.moi", "thử", 0)
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.PrincipalByToken(f.ctx, token)
	if err != nil || p.Username != "canbo.moi" || p.UnitID != th.ID {
		t.Fatalf("token principal %+v, %v", p, err)
	}
	_, err = f.PrincipalByToken(f.ctx, token+"x")
	wantCode(t, err, errs.Unauthorized)
	// Locking the account revokes its tokens.
	if err := f.SetUserActive(f.ctx, f.admin, p.UserID, false); err != nil {
		t.Fatal(err)
	}
	_, err = f.PrincipalByToken(f.ctx, token)
	wantCode(t, err, errs.Unauthorized)
}
