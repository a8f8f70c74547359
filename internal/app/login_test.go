package app_test

import (
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

func TestLoginThrottled(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for i := 0; i < f.MaxLoginFailures; i++ {
		if _, err := f.Login(f.ctx, "xem", "sai-mat-khau-123", "10.0.0.1"); !auth.IsBadCredentials(err) {
			t.Fatalf("attempt %d: %v", i+1, err)
		}
	}
	// Now even the right password is refused until the window passes.
	_, err := f.Login(f.ctx, "xem", seed.DemoPassword, "10.0.0.1")
	wantCode(t, err, errs.TooMany)
	// Other accounts are not affected.
	if _, err := f.Login(f.ctx, "admin", seed.DemoPassword, "10.0.0.1"); err != nil {
		t.Fatal(err)
	}
	// After the window, the right password works and clears the count.
	later := f.Now().Add(f.LoginWindow + 1)
	f.Now = func() time.Time { return later }
	if _, err := f.Login(f.ctx, "xem", seed.DemoPassword, "10.0.0.1"); err != nil {
		t.Fatalf("after the window: %v", err)
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
	_, err = f.Principal(f.ctx, f.viewer.UserID)
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
