// Package org holds the organisation registry's domain: units of the
// procuracy, their types, validity periods and lineage through mergers.
// It knows nothing about storage or HTTP.
package org

import (
	"strings"
	"time"
)

// UnitType is the kind of a unit in the procuracy's tree.
type UnitType string

const (
	TypeSupreme    UnitType = "supreme"    // VKSND tối cao
	TypeHigh       UnitType = "high"       // VKSND cấp cao (until 30/6/2025)
	TypeProvincial UnitType = "provincial" // VKSND cấp tỉnh
	TypeRegional   UnitType = "regional"   // VKSND khu vực (from 1/7/2025)
	TypeDistrict   UnitType = "district"   // VKSND cấp huyện (until 30/6/2025)
	TypeDepartment UnitType = "department" // Vụ, Cục, Phòng … inside a unit
)

// Types lists the unit types in display order.
var Types = []UnitType{TypeSupreme, TypeHigh, TypeProvincial, TypeRegional, TypeDistrict, TypeDepartment}

// Label is the Vietnamese name of the type.
func (t UnitType) Label() string {
	switch t {
	case TypeSupreme:
		return "VKSND tối cao"
	case TypeHigh:
		return "VKSND cấp cao"
	case TypeProvincial:
		return "VKSND cấp tỉnh"
	case TypeRegional:
		return "VKSND khu vực"
	case TypeDistrict:
		return "VKSND cấp huyện"
	case TypeDepartment:
		return "Đơn vị thuộc"
	}
	return string(t)
}

// Valid reports whether t is one of the known types.
func (t UnitType) Valid() bool {
	for _, k := range Types {
		if k == t {
			return true
		}
	}
	return false
}

// LineageKind says how a unit came from a predecessor.
type LineageKind string

const (
	LineageMerge  LineageKind = "merge"  // several units merged into one (sáp nhập, hợp nhất)
	LineageRename LineageKind = "rename" // same body, new name or status (đổi tên)
	LineageSplit  LineageKind = "split"  // part of a unit became a new one (chia, tách)
)

// Label is the Vietnamese name of the lineage kind.
func (k LineageKind) Label() string {
	switch k {
	case LineageMerge:
		return "Hợp nhất, sáp nhập"
	case LineageRename:
		return "Đổi tên"
	case LineageSplit:
		return "Chia, tách"
	}
	return string(k)
}

// Valid reports whether k is a known lineage kind.
func (k LineageKind) Valid() bool {
	return k == LineageMerge || k == LineageRename || k == LineageSplit
}

// Unit is one body of the procuracy over its period of existence.
type Unit struct {
	ID        int64      `json:"id"`
	Code      string     `json:"code"`
	Name      string     `json:"name"`
	Type      UnitType   `json:"type"`
	ParentID  *int64     `json:"parent_id"`
	ValidFrom time.Time  `json:"valid_from"`
	ValidTo   *time.Time `json:"valid_to"` // last day the unit existed; nil while it still exists
	Note      string     `json:"note"`
	Version   int        `json:"version"`
}

// ActiveOn reports whether the unit existed on day d.
func (u Unit) ActiveOn(d time.Time) bool {
	d = Day(d)
	if d.Before(u.ValidFrom) {
		return false
	}
	return u.ValidTo == nil || !d.After(*u.ValidTo)
}

// Retired reports whether the unit has an end date.
func (u Unit) Retired() bool { return u.ValidTo != nil }

// Day truncates t to a calendar date in UTC, the way dates are stored.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// NormalizeCode makes unit codes comparable: trimmed, upper case.
func NormalizeCode(code string) string {
	return strings.ToUpper(strings.TrimSpace(code))
}
