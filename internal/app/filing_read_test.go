package app_test

import (
	"strings"
	"testing"

	"thidua/internal/app"
	"thidua/internal/cluster"
	"thidua/internal/errs"
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
