// Package auth decides who may do what. Authorize is the one function of
// (user, unit, year, action) that every service call goes through; it is
// pure, so every rule is tested without a database.
package auth

import (
	"slices"

	"thidua/internal/errs"
)

// Role is what a user account is for. The cluster head's rights are not a
// role: they follow from the user's unit heading a cluster in a given year.
type Role string

const (
	RoleAdmin   Role = "admin"   // quản trị hệ thống
	RoleBoard   Role = "board"   // Hội đồng / Thường trực thi đua
	RoleOfficer Role = "officer" // cán bộ của một đơn vị
	RoleViewer  Role = "viewer"  // chỉ xem
)

// Roles lists the roles in display order.
var Roles = []Role{RoleAdmin, RoleBoard, RoleOfficer, RoleViewer}

// Label is the Vietnamese name of the role.
func (r Role) Label() string {
	switch r {
	case RoleAdmin:
		return "Quản trị hệ thống"
	case RoleBoard:
		return "Hội đồng thi đua – khen thưởng"
	case RoleOfficer:
		return "Cán bộ đơn vị"
	case RoleViewer:
		return "Người xem"
	}
	return string(r)
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Principal is the signed-in user as authorisation sees them.
type Principal struct {
	UserID   int64
	Username string
	FullName string
	Role     Role
	UnitID   int64 // 0 when the account belongs to no unit
	System   bool  // the operator at the server's command line
}

// System is the principal of commands run on the server itself (user add,
// token create, seed): whoever can run them already holds the database.
var System = Principal{Username: "system", FullName: "Quản trị máy chủ", Role: RoleAdmin, System: true}

// Anonymous reports whether nobody is signed in.
func (p Principal) Anonymous() bool { return p.UserID == 0 && !p.System }

// Action is something a user asks to do.
type Action string

const (
	ViewUnits   Action = "units.view"   // list and open units
	ManageUnits Action = "units.manage" // create, edit, retire units and record lineage
	ViewAudit   Action = "audit.view"   // read the change history
	ManageUsers Action = "users.manage" // create users, reset passwords, deactivate
)

// Target is what an action is about. UnitPath is the unit concerned and its
// ancestors (the unit first), so a unit officer's rights reach the units
// under their own. Year is the emulation year where the action has one.
type Target struct {
	UnitPath []int64
	Year     int
}

// Unit returns a Target for a unit and its ancestors.
func Unit(path []int64) Target { return Target{UnitPath: path} }

// Authorize returns nil when p may do a on t, and a coded error saying why
// not otherwise: Unauthorized for nobody signed in, Forbidden for the rest.
func Authorize(p Principal, a Action, t Target) error {
	if p.Anonymous() {
		return errs.New(errs.Unauthorized, "Vui lòng đăng nhập để tiếp tục.")
	}
	if p.System {
		return nil
	}
	switch a {
	case ViewUnits:
		switch p.Role {
		case RoleAdmin, RoleBoard, RoleViewer:
			return nil
		case RoleOfficer:
			if len(t.UnitPath) == 0 || slices.Contains(t.UnitPath, p.UnitID) {
				return nil // a listing, filtered to their own unit, or a unit within it
			}
			return forbidden("Anh/chị chỉ được xem thông tin của đơn vị mình.")
		}
	case ManageUnits, ViewAudit:
		if p.Role == RoleAdmin || p.Role == RoleBoard {
			return nil
		}
		return forbidden("Chỉ Hội đồng thi đua – khen thưởng hoặc quản trị hệ thống được thay đổi danh mục đơn vị.")
	case ManageUsers:
		if p.Role == RoleAdmin {
			return nil
		}
		return forbidden("Chỉ quản trị hệ thống được quản lý tài khoản.")
	}
	return forbidden("Anh/chị không có quyền thực hiện thao tác này.")
}

// Can is Authorize as a yes/no, for showing or hiding links.
func Can(p Principal, a Action, t Target) bool { return Authorize(p, a, t) == nil }

func forbidden(msg string) error { return errs.New(errs.Forbidden, "%s", msg) }
