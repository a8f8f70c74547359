package org

import "time"

// UnitFilter narrows a unit listing: what a user asks for, and what the
// store queries, as one type.
type UnitFilter struct {
	Query  string    // matches code or name, accent- and case-insensitively
	Type   UnitType  // empty for all
	Status string    // "active" (default), "retired", "all"
	Within *int64    // only this unit and its descendants
	On     time.Time // the day "active" refers to; today when zero
	Limit  int
	Offset int
}

// PersonFilter narrows a listing of the people of units.
type PersonFilter struct {
	Query  string // matches the name, accent- and case-insensitively
	UnitID *int64 // only this unit
	Within *int64 // only this unit and its descendants
	Limit  int
	Offset int
}
