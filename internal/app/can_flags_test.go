package app_test

import (
	"testing"

	"thidua/internal/auth"
	"thidua/internal/org"
	"thidua/internal/seed"
)

// TestPageFlagsOnTheRealTarget: the buttons a page shows follow what the
// reader may do to the unit shown, not to the most favourable unit: Thanh
// Hóa's council manages the units under Thanh Hóa, not Nghệ An's; an
// officer imports their own unit's people, not another's.
func TestPageFlagsOnTheRealTarget(t *testing.T) {
	f := newFixture(t)
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa")).ID
	thDept := f.unit(t, seed.ProvinceCode("Thanh Hóa")+"-P2").ID
	naDept := f.unit(t, seed.ProvinceCode("Nghệ An")+"-KV1").ID
	na := f.unit(t, seed.ProvinceCode("Nghệ An")).ID
	council := auth.Principal{UserID: f.board.UserID, Role: auth.RoleBoard, UnitID: th, BoardOf: th}

	for _, tc := range []struct {
		name   string
		p      auth.Principal
		unit   int64
		manage bool
	}{
		{"the board, any unit", f.board, naDept, true},
		{"the council, a unit under its province", council, thDept, true},
		{"the council, a unit under another province", council, naDept, false},
		{"an officer, their own unit", f.officer, th, false},
		{"a viewer", f.viewer, th, false},
	} {
		pg, err := f.UnitPage(f.ctx, tc.p, tc.unit)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if pg.CanManage != tc.manage {
			t.Errorf("%s: CanManage = %v, want %v", tc.name, pg.CanManage, tc.manage)
		}
		if (len(pg.Options) > 0) != tc.manage {
			t.Errorf("%s: %d lineage options, want them only for those who may manage", tc.name, len(pg.Options))
		}
	}

	for _, tc := range []struct {
		name         string
		p            auth.Principal
		unit         int64 // 0: no unit searched
		add, import_ bool
	}{
		{"an officer, their unit", f.officer, th, true, true},
		{"an officer, another unit", f.officer, na, false, false},
		{"an officer, no unit searched", f.officer, 0, true, false},
		{"the board, a unit", f.board, na, true, true},
		{"a viewer", f.viewer, 0, false, false},
	} {
		filter := org.PersonFilter{Limit: 1}
		if tc.unit != 0 {
			filter.UnitID = &tc.unit
		}
		pg, err := f.PeoplePage(f.ctx, tc.p, filter)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if pg.CanAdd != tc.add || pg.CanImport != tc.import_ {
			t.Errorf("%s: CanAdd %v, CanImport %v; want %v, %v", tc.name, pg.CanAdd, pg.CanImport, tc.add, tc.import_)
		}
	}

	for _, tc := range []struct {
		name string
		p    auth.Principal
		want bool
	}{{"the board", f.board, true}, {"the council", council, true}, {"an officer", f.officer, false}, {"a viewer", f.viewer, false}} {
		pg, err := f.UnitListPage(f.ctx, tc.p, org.UnitFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if pg.CanCreate != tc.want {
			t.Errorf("%s: CanCreate = %v, want %v", tc.name, pg.CanCreate, tc.want)
		}
	}
}
