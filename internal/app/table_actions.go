package app

import (
	"context"

	"thidua/internal/auth"
	"thidua/internal/scoring"
)

// EditTable saves a criteria table: a new one of year (id 0), or the
// table id, whose stored description edit changes (what edit leaves alone
// stays as it is; its id and year stay). edit also returns the rows to
// save; its error is returned as it is, nothing saved.
func (a *App) EditTable(ctx context.Context, p auth.Principal, id int64, year int, edit func(*scoring.TableInfo) (scoring.Table, error)) (scoring.TableInfo, error) {
	info := scoring.TableInfo{Year: year}
	if id != 0 {
		cur, err := a.Table(ctx, p, id)
		if err != nil {
			return scoring.TableInfo{}, err
		}
		info = cur.Info
	}
	id, year = info.ID, info.Year
	t, err := edit(&info)
	if err != nil {
		return info, err
	}
	info.ID, info.Year = id, year
	return a.SaveTable(ctx, p, info, t)
}

// ImportTable checks that the year of a table read from a workbook is
// open and, if save, creates the table.
func (a *App) ImportTable(ctx context.Context, p auth.Principal, info scoring.TableInfo, t scoring.Table, save bool) (scoring.TableInfo, error) {
	if _, err := a.Year(ctx, p, info.Year); err != nil || !save {
		return info, err
	}
	return a.SaveTable(ctx, p, info, t)
}

// AdjustmentRequest is a criterion's adjustment for one unit, named by its
// id or, on the form, by its code.
type AdjustmentRequest struct {
	UnitID   int64  `json:"unit_id"`
	UnitCode string `json:"-"`
	scoring.Adjustment
}

// AdjustTable switches a criterion off for one unit, or applies it to part
// of the year (SetAdjustment), the unit named by id or code.
func (a *App) AdjustTable(ctx context.Context, p auth.Principal, tableID int64, r AdjustmentRequest) error {
	if r.UnitID == 0 && r.UnitCode != "" {
		r.UnitID = a.unitIDByCode(ctx, r.UnitCode)
	}
	return a.SetAdjustment(ctx, p, tableID, r.UnitID, r.Adjustment)
}
