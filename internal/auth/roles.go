package auth

import "slices"

// Decisions that turn on a user's role outside the action table: which
// home a user works from, whose line they sign, who may follow a cluster.
// They live here so that a role is tested in one package only.

// Desk is the home task list a user works from.
type Desk int

const (
	DeskNone   Desk = iota // an officer not yet attached to a unit: no tasks
	DeskUnit               // an officer: their unit's filings, registrations, votes
	DeskBoard              // the board and administrators: the clusters' progress
	DeskViewer             // read-only accounts
)

// DeskOf is the home task list p works from.
func DeskOf(p Principal) Desk {
	switch p.Role {
	case RoleOfficer:
		if p.UnitID != 0 {
			return DeskUnit
		}
		return DeskNone
	case RoleBoard, RoleAdmin:
		return DeskBoard
	default:
		return DeskViewer
	}
}

// WorksForUnit reports whether p is a unit's officer (attached to a unit
// or not yet): their pages start from their unit's filing and units.
func WorksForUnit(p Principal) bool { return p.Role == RoleOfficer }

// OfficerOf reports whether p is an officer of unit itself (who signs and
// files for it), not of a unit above it.
func OfficerOf(p Principal, unit int64) bool {
	return p.Role == RoleOfficer && p.UnitID == unit
}

// MayMovePersonTo reports whether p may move a person to the unit at the
// end of path: the unit's managers, or an officer of the unit or of a unit
// above it.
func MayMovePersonTo(p Principal, path []int64) bool {
	return Can(p, ManageUnits, Unit(path)) || p.Role == RoleOfficer && slices.Contains(path, p.UnitID)
}

// MayCreateUnplacedPerson refuses a person record created without a unit
// to those who may not see the units, and to read-only accounts.
func MayCreateUnplacedPerson(p Principal) error {
	if err := Authorize(p, ViewUnits, Target{}); err != nil {
		return err
	}
	if p.Role == RoleViewer {
		return forbidden("Chỉ cán bộ của đơn vị hoặc Hội đồng thi đua – khen thưởng được cập nhật hồ sơ cán bộ của đơn vị.")
	}
	return nil
}

// OnProvinceCouncil reports whether p, a board member attached to a
// unit, sits on that unit's province's council rather than the sector's.
func OnProvinceCouncil(p Principal) bool {
	return p.Role == RoleBoard && p.UnitID != 0
}

// Scoped is p with the province whose council p sits on filled in, if
// p sits on one (OnProvinceCouncil).
func Scoped(p Principal, province int64) Principal {
	if OnProvinceCouncil(p) {
		p.BoardOf = province
	}
	return p
}

// NeedsUnit reports whether an account of role r must belong to a unit.
func NeedsUnit(r Role) bool { return r == RoleOfficer }

// MayFollowClusters reports whether an account of role r may be assigned
// to follow a cluster for the council.
func MayFollowClusters(r Role) bool { return r == RoleBoard }

// MayAddUnits reports whether p keeps a registry of units: the sector's
// (the board, administrators) or a province's (its council, for the units
// under the province).
func MayAddUnits(p Principal) bool {
	const newUnit = 0
	return Can(p, ManageUnits, Unit([]int64{newUnit, p.BoardOf}))
}

// SitsOnBoard reports whether p acts for a level's board: a board member
// (the sector's, or a province's council) or an administrator.
func SitsOnBoard(p Principal) bool { return p.Role == RoleBoard || p.Role == RoleAdmin }

// ActsAtAnyLevel reports whether p acts for whichever level holds a
// proposal (an administrator, the server's command line) rather than for
// a level of their own.
func ActsAtAnyLevel(p Principal) bool { return p.Role == RoleAdmin || p.System }
