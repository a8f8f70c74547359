package app

import (
	"context"
	"strings"
	"time"

	"thidua/internal/auth"
	"thidua/internal/errs"
	"thidua/internal/store"
)

// ThrottleView is one (account, address) being slowed, as the
// administrator sees it: its failures, the account's and the address's,
// and how long its next attempt must still wait.
type ThrottleView struct {
	store.Throttled
	AccountCount int           `json:"account_count"` // failures of the account, from every address
	AddressCount int           `json:"address_count"` // failures from the address, on every account
	Wait         time.Duration `json:"-"`
	WaitSeconds  int           `json:"wait_seconds"`
	WaitText     string        `json:"wait_text"`
}

// LoginThrottles lists the accounts and addresses with failed sign-ins
// (or current-password checks) within auth.ThrottleWindow: the
// administrator's view of who is being slowed, and why.
func (a *App) LoginThrottles(ctx context.Context, p auth.Principal) ([]ThrottleView, error) {
	if err := auth.Authorize(p, auth.ManageUsers, auth.Target{}); err != nil {
		return nil, err
	}
	now := a.Now()
	rows, err := a.store.ThrottledLogins(ctx, now.Add(-auth.ThrottleWindow))
	if err != nil {
		return nil, err
	}
	return throttleViews(rows, now), nil
}

// throttleViews adds to each (account, address) the totals of its
// account and its address, and the wait they make.
func throttleViews(rows []store.Throttled, now time.Time) []ThrottleView {
	account, address := map[string]auth.Failures{}, map[string]auth.Failures{}
	sum := func(m map[string]auth.Failures, k string, r store.Throttled) {
		f := m[k]
		f.Count += r.Count
		if r.Last.After(f.Last) {
			f.Last = r.Last
		}
		m[k] = f
	}
	for _, r := range rows {
		sum(account, strings.ToLower(r.Username), r)
		sum(address, r.IP, r)
	}
	out := make([]ThrottleView, 0, len(rows))
	for _, r := range rows {
		at := auth.Attempt{Pair: auth.Failures{Count: r.Count, Last: r.Last}, Account: account[strings.ToLower(r.Username)], Address: address[r.IP]}
		v := ThrottleView{Throttled: r, AccountCount: at.Account.Count, AddressCount: at.Address.Count, Wait: max(at.Wait(now), 0)}
		v.WaitSeconds = int((v.Wait + time.Second - 1) / time.Second)
		if v.Wait > 0 {
			v.WaitText = auth.WaitText(v.Wait)
		}
		out = append(out, v)
	}
	return out
}

// ClearLoginThrottle forgets the recorded failures of an account, or of a
// client address, so its next attempt is not slowed (the real user who
// called the administrator). The clearing is in the change history with
// what was forgotten.
func (a *App) ClearLoginThrottle(ctx context.Context, p auth.Principal, username, ip string) (int64, error) {
	if err := auth.Authorize(p, auth.ManageUsers, auth.Target{}); err != nil {
		return 0, err
	}
	username, ip = strings.TrimSpace(username), strings.TrimSpace(ip)
	if username == "" && ip == "" {
		return 0, errs.Fields{"username": "Vui lòng chọn tài khoản hoặc địa chỉ cần gỡ giới hạn đăng nhập."}.Err()
	}
	var n int64
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		var err error
		if n, err = tx.DeleteLoginFailures(ctx, username, ip); err != nil {
			return err
		}
		if n == 0 {
			return errs.Fields{"username": "Không có lần đăng nhập sai nào được ghi nhận cho tài khoản hoặc địa chỉ này."}.Err()
		}
		before := map[string]any{"username": username, "ip": ip, "failures": n}
		return tx.Audit(ctx, p.UserID, "clear_throttle", "login_failures", 0, "", before, nil)
	})
	return n, err
}
