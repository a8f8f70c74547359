package auth

import (
	"testing"

	"thidua/internal/errs"
)

// The people of the role decisions' tables: the supreme procuracy (1),
// Thanh Hóa (39) and one of its district procuracies (98).
var (
	roleAdmin      = Principal{UserID: 1, Role: RoleAdmin}
	roleBoard      = Principal{UserID: 2, Role: RoleBoard}
	roleCouncil    = Principal{UserID: 3, Role: RoleBoard, UnitID: 98}
	roleOfficer    = Principal{UserID: 4, Role: RoleOfficer, UnitID: 39}
	roleNoUnit     = Principal{UserID: 5, Role: RoleOfficer}
	roleViewer     = Principal{UserID: 6, Role: RoleViewer}
	roleDistrictOf = Principal{UserID: 7, Role: RoleOfficer, UnitID: 98}
)

func TestDeskOf(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Principal
		want Desk
	}{
		{"admin", roleAdmin, DeskBoard},
		{"sector board", roleBoard, DeskBoard},
		{"province council", roleCouncil, DeskBoard},
		{"officer", roleOfficer, DeskUnit},
		{"officer without a unit", roleNoUnit, DeskNone},
		{"viewer", roleViewer, DeskViewer},
	} {
		if got := DeskOf(tc.p); got != tc.want {
			t.Errorf("%s: DeskOf = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestUnitDecisions(t *testing.T) {
	for _, tc := range []struct {
		name              string
		p                 Principal
		works             bool
		officerOf39       bool
		council           bool
		moveTo98, moveTo1 bool
	}{
		{"admin", roleAdmin, false, false, false, true, true},
		{"sector board", roleBoard, false, false, false, true, true},
		{"province council", roleCouncil, false, false, true, true, true},
		{"officer of 39", roleOfficer, true, true, false, true, false},
		{"officer of 98", roleDistrictOf, true, false, false, true, false},
		{"officer without a unit", roleNoUnit, true, false, false, false, false},
		{"viewer", roleViewer, false, false, false, false, false},
	} {
		if got := WorksForUnit(tc.p); got != tc.works {
			t.Errorf("%s: WorksForUnit = %v", tc.name, got)
		}
		if got := OfficerOf(tc.p, 39); got != tc.officerOf39 {
			t.Errorf("%s: OfficerOf(39) = %v", tc.name, got)
		}
		if got := OnProvinceCouncil(tc.p); got != tc.council {
			t.Errorf("%s: OnProvinceCouncil = %v", tc.name, got)
		}
		if got := MayMovePersonTo(tc.p, []int64{98, 39, 1}); got != tc.moveTo98 {
			t.Errorf("%s: MayMovePersonTo(98) = %v", tc.name, got)
		}
		if got := MayMovePersonTo(tc.p, []int64{1}); got != tc.moveTo1 {
			t.Errorf("%s: MayMovePersonTo(1) = %v", tc.name, got)
		}
	}
}

func TestScoped(t *testing.T) {
	if got := Scoped(roleCouncil, 39).BoardOf; got != 39 {
		t.Errorf("a board member of a district sits on province 39's council: BoardOf = %d", got)
	}
	for _, p := range []Principal{roleBoard, roleOfficer, roleAdmin} {
		if got := Scoped(p, 39).BoardOf; got != 0 {
			t.Errorf("%s %d sits on no province's council: BoardOf = %d", p.Role, p.UnitID, got)
		}
	}
}

func TestMayCreateUnplacedPerson(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Principal
		want errs.Code
	}{
		{"anonymous", Principal{}, errs.Unauthorized},
		{"viewer", roleViewer, errs.Forbidden},
		{"officer", roleOfficer, ""},
		{"board", roleBoard, ""},
		{"admin", roleAdmin, ""},
	} {
		var got errs.Code
		if err := MayCreateUnplacedPerson(tc.p); err != nil {
			got = errs.CodeOf(err)
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestAccountRoles(t *testing.T) {
	for _, tc := range []struct {
		r              Role
		unit, follower bool
	}{
		{RoleAdmin, false, false},
		{RoleBoard, false, true},
		{RoleOfficer, true, false},
		{RoleViewer, false, false},
	} {
		if got := NeedsUnit(tc.r); got != tc.unit {
			t.Errorf("NeedsUnit(%s) = %v", tc.r, got)
		}
		if got := MayFollowClusters(tc.r); got != tc.follower {
			t.Errorf("MayFollowClusters(%s) = %v", tc.r, got)
		}
	}
}

// TestLevelDecisions: who acts for a level's board, at which level.
func TestLevelDecisions(t *testing.T) {
	council := Principal{UserID: 3, Role: RoleBoard, UnitID: 39, BoardOf: 39}
	for _, tc := range []struct {
		name           string
		p              Principal
		sits, anyLevel bool
		level          int64
	}{
		{"admin", roleAdmin, true, true, 0},
		{"sector board", roleBoard, true, false, 0},
		{"province council", council, true, false, 39},
		{"officer", roleOfficer, false, false, 0},
		{"viewer", roleViewer, false, false, 0},
		{"the command line", System, true, true, 0},
	} {
		if SitsOnBoard(tc.p) != tc.sits || ActsAtAnyLevel(tc.p) != tc.anyLevel || LevelOf(tc.p) != tc.level {
			t.Errorf("%s: SitsOnBoard %v, ActsAtAnyLevel %v, LevelOf %d", tc.name, SitsOnBoard(tc.p), ActsAtAnyLevel(tc.p), LevelOf(tc.p))
		}
	}
}
