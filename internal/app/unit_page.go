package app

import (
	"context"

	"thidua/internal/auth"
	"thidua/internal/org"
)

// UnitPage is a unit's page: the unit with its relations, and what the
// reader may do to this unit.
type UnitPage struct {
	UnitDetail
	CanManage bool       // edit, add a sub-unit, retire, record lineage
	Options   []org.Unit // candidate predecessors for the lineage form, for those who may manage
}

// UnitPage returns a unit's page, if p may see the unit.
func (a *App) UnitPage(ctx context.Context, p auth.Principal, id int64) (UnitPage, error) {
	d, err := a.Unit(ctx, p, id)
	if err != nil {
		return UnitPage{}, err
	}
	v := UnitPage{UnitDetail: d, CanManage: a.authorizeUnit(ctx, p, auth.ManageUnits, id) == nil}
	if v.CanManage {
		v.Options, _, err = a.Units(ctx, p, org.UnitFilter{Status: "all"})
	}
	return v, err
}

// UnitListPage is a page of units found, and whether the reader may add
// units.
type UnitListPage struct {
	Units     []org.Unit `json:"units"`
	Total     int64      `json:"total"`
	CanCreate bool       `json:"-"`
}

// UnitListPage returns the units matching f that p may see.
func (a *App) UnitListPage(ctx context.Context, p auth.Principal, f org.UnitFilter) (UnitListPage, error) {
	var v UnitListPage
	var err error
	v.Units, v.Total, err = a.Units(ctx, p, f)
	v.CanCreate = auth.MayAddUnits(p)
	return v, err
}
