package app_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/store"
)

// TestFilingRead: the filing is read in one statement with its unit's
// year, yet each refusal keeps its order and its message: no such unit,
// then p's authorisation, then no cluster that year, then no table; and
// only the newest extension of the self-assessment deadline counts.
func TestFilingRead(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	nghean := f.ids(t, "Nghệ An")[0]
	bentre := f.ids(t, "Bến Tre")[0] // in a cluster of 2024, which has no table
	dept := f.unit(t, "VKSTC-V1").ID // in no cluster

	wantMessage := func(err error, code errs.Code, msg string) {
		t.Helper()
		wantCode(t, err, code)
		if !strings.Contains(err.Error(), msg) {
			t.Fatalf("want %q, got %v", msg, err)
		}
	}
	_, err := f.Filing(f.ctx, f.board, 2026, 999999)
	wantMessage(err, errs.NotFound, "Không tìm thấy đơn vị.")
	_, err = f.Filing(f.ctx, f.other, 2026, 999999)
	wantMessage(err, errs.NotFound, "Không tìm thấy đơn vị.")
	_, err = f.Filing(f.ctx, f.other, 2024, bentre)
	wantCode(t, err, errs.Forbidden)
	_, err = f.Filing(f.ctx, f.other, 2026, dept)
	wantCode(t, err, errs.Forbidden)
	_, err = f.Filing(f.ctx, f.board, 2026, dept)
	wantMessage(err, errs.NotFound, "không thuộc cụm, khối thi đua nào trong năm 2026")
	_, err = f.Filing(f.ctx, f.board, 2024, bentre)
	wantMessage(err, errs.NotFound, "Chưa có bảng tiêu chí chấm điểm năm 2024 áp dụng cho đơn vị này.")

	for _, in := range []app.ExtensionInput{
		{UnitID: nghean, Kind: cluster.DeadlineSelfAssessment, Until: day("2026-12-17"), Reason: "Mất điện do bão"},
		{UnitID: nghean, Kind: cluster.DeadlineRegistration, Until: day("2026-12-18"), Reason: "Đăng ký muộn do bão"},
	} {
		if _, err := f.ExtendDeadline(f.ctx, f.board, 2026, in); err != nil {
			t.Fatal(err)
		}
	}
	v, err := f.Filing(f.ctx, f.other, 2026, nghean)
	if err != nil {
		t.Fatal(err)
	}
	if v.Extension == nil || v.Extension.Reason != "Mất điện do bão" || v.Deadline == nil || !v.Deadline.Equal(day("2026-12-17")) {
		t.Fatalf("the filing's deadline after a newer registration extension: %v %+v", v.Deadline, v.Extension)
	}
	if v.Unit.ID != nghean || v.Cluster == nil || len(v.Cluster.Members) == 0 || len(v.Table.Criteria) == 0 {
		t.Fatalf("Nghệ An's filing: unit %d, cluster %+v, %d criteria", v.Unit.ID, v.Cluster, len(v.Table.Criteria))
	}
}

// TestFilingReadGoesWithTheToken: in a context made by WithFilingRead,
// the token's read brings the filing in the same round trip. Filing then
// sends nothing and gives what a read of its own gives; it takes it once,
// and a read of another unit, another year or inside a transaction reads
// on its own. The principal is still authorised on what came back.
func TestFilingReadGoesWithTheToken(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	nghean := f.ids(t, "Nghệ An")[0]
	thanhhoa := f.ids(t, "Thanh Hóa")[0]
	token, err := f.CreateToken(f.ctx, auth.System, "canbo.nghean", "thử", 0)
	if err != nil {
		t.Fatal(err)
	}
	want, err := f.Filing(f.ctx, f.other, 2026, nghean)
	if err != nil {
		t.Fatal(err)
	}
	sent := func(fn func()) (statements, trips int64) {
		n, r := f.Store.Statements(), f.Store.RoundTrips()
		fn()
		return f.Store.Statements() - n, f.Store.RoundTrips() - r
	}
	filing := func(ctx context.Context, p auth.Principal, year int, unit int64) app.FilingView {
		t.Helper()
		v, err := f.Filing(ctx, p, year, unit)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}

	ctx := app.WithFilingRead(f.ctx, 2026, nghean)
	var p auth.Principal
	// (The token's use is written at most once a minute: a statement of
	// its own, now or in a slow run.)
	if n, r := sent(func() { p, err = f.PrincipalByToken(ctx, token) }); err != nil || n-r != 1 {
		t.Fatalf("the token's read: %v, %d statements in %d round trips, want one sent with another", err, n, r)
	}
	var got app.FilingView
	if n, _ := sent(func() { got = filing(ctx, p, 2026, nghean) }); n != 0 {
		t.Errorf("the filing read with the token took %d statements more", n)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the filing read with the token is not what a read of its own gives:\n%+v\n%+v", got, want)
	}
	if n, _ := sent(func() { filing(ctx, p, 2026, nghean) }); n != 1 {
		t.Errorf("a second read of the filing took %d statements, want 1 (its own)", n)
	}

	// Read with the token, but not what is asked: read again.
	for _, c := range []struct {
		name string
		year int
		unit int64
	}{{"another unit", 2026, thanhhoa}, {"another year", 2025, nghean}} {
		ctx := app.WithFilingRead(f.ctx, 2026, nghean)
		if _, err := f.PrincipalByToken(ctx, token); err != nil {
			t.Fatal(err)
		}
		if n, _ := sent(func() { f.Filing(ctx, f.board, c.year, c.unit) }); n != 1 { // Nghệ An has no cluster in 2025
			t.Errorf("%s: %d statements, want 1 (its own read)", c.name, n)
		}
	}
	// A transaction reads in its own snapshot, not what came earlier.
	ctx = app.WithFilingRead(f.ctx, 2026, nghean)
	if _, err := f.PrincipalByToken(ctx, token); err != nil {
		t.Fatal(err)
	}
	if n, _ := sent(func() {
		err = f.Store.Tx(ctx, func(tx *store.Q) error { _, _, _, err := tx.UnitFiling(ctx, 2026, nghean); return err })
	}); err != nil || n != 1 {
		t.Errorf("a transaction's read of the filing: %v, %d statements, want 1 (its own)", err, n)
	}
	if n, _ := sent(func() { filing(ctx, p, 2026, nghean) }); n != 0 {
		t.Errorf("after the transaction's own read, the read with the token was not there: %d statements", n)
	}
	// A draft save after the token's read: the filing as read with it is
	// the one the save checks its version against.
	ctx = app.WithFilingRead(f.ctx, 2026, nghean)
	if p, err = f.PrincipalByToken(ctx, token); err != nil {
		t.Fatal(err)
	}
	if _, err := f.SaveSelfForm(ctx, p, 2026, nghean, want.Filing.Version+1, nil, app.Unread{}, false, ""); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("a save at a version the filing does not have: %v, want a conflict", err)
	}
	// Someone the read is not for is refused, though it came back.
	ctx = app.WithFilingRead(f.ctx, 2026, thanhhoa)
	if p, err = f.PrincipalByToken(ctx, token); err != nil {
		t.Fatal(err)
	}
	if _, err := f.SaveSelfForm(ctx, p, 2026, thanhhoa, 1, nil, app.Unread{}, false, ""); errs.CodeOf(err) != errs.Forbidden {
		t.Errorf("Nghệ An's officer saving Thanh Hóa's filing: %v, want forbidden", err)
	}
}
