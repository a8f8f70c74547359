package app

import (
	"context"
	"slices"
	"strings"

	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/decision"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/store"
)

// Collective award history: a unit's own awards and those of the units it
// was formed from, with the board's decision, link by link, on whether a
// predecessor's awards count for the successor (domain.md §2). A link not
// decided does not count.

// Carry-over statuses of a lineage link.
const (
	CarryCounts    = "counts"
	CarryNotCounts = "not_counts"
	CarryUndecided = "undecided"
)

// CarryStatusLabel is the Vietnamese label of a carry-over status.
func CarryStatusLabel(s string) string {
	switch s {
	case CarryCounts:
		return "Được tính cho đơn vị kế thừa"
	case CarryNotCounts:
		return "Không được tính"
	}
	return "Chưa có quyết định của Hội đồng"
}

// AwardRow is one award with its labels.
type AwardRow struct {
	decision.Award
	TitleLabel string `json:"title_label"`
	KindLabel  string `json:"kind_label"`
}

// CarryLink is one lineage link into a predecessor, with the board's decision.
type CarryLink struct {
	Successor   org.Unit            `json:"successor"`
	Status      string              `json:"status"`
	StatusLabel string              `json:"status_label"`
	Decision    *decision.Carryover `json:"decision"`
}

// PredecessorAwards is one predecessor (at any depth) and its awards.
type PredecessorAwards struct {
	Unit  org.Unit    `json:"unit"`
	Links []CarryLink `json:"links"`
	// Counts: the awards count for the unit, every link on some path to it
	// having been marked as counting by the board.
	Counts bool       `json:"counts"`
	Awards []AwardRow `json:"awards"`
}

// UnitAwardsView is a unit's award history.
type UnitAwardsView struct {
	Unit         org.Unit            `json:"unit"`
	Awards       []AwardRow          `json:"awards"`
	Predecessors []PredecessorAwards `json:"predecessors"`
	// CanRecord: the reader records the unit's awards and the board's
	// carry-over decisions (the board over the unit).
	CanRecord bool `json:"-"`
}

func awardRows(in []decision.Award) []AwardRow {
	out := []AwardRow{}
	for _, a := range in {
		out = append(out, AwardRow{Award: a, TitleLabel: award.Title(a.Title).Label(), KindLabel: award.Kind(a.Kind).Label()})
	}
	return out
}

// lineageAwards gathers the ancestry of a unit, the decisions on its links
// and the predecessors reached through counting links only.
type lineageAwards struct {
	preds     map[int64][]int64
	ancestry  []int64
	decisions map[[2]int64]decision.Carryover
	counting  map[int64]bool
}

func (a *App) lineageAwards(ctx context.Context, tx *store.Q, unitID int64) (lineageAwards, error) {
	var l lineageAwards
	var err error
	if l.preds, err = tx.PredecessorMap(ctx); err != nil {
		return l, err
	}
	l.ancestry = org.Ancestry(unitID, l.preds)
	if l.decisions, err = tx.Carryovers(ctx, append([]int64{unitID}, l.ancestry...)); err != nil {
		return l, err
	}
	l.counting = decision.Counting(unitID, l.preds, l.decisions)
	return l, nil
}

// carriedAwards returns the awards of the unit's predecessors that the
// board decided count for it, with Held.Predecessor set to the
// predecessor's name. Undecided links count for nothing.
func (a *App) carriedAwards(ctx context.Context, tx *store.Q, unitID int64) ([]award.Held, error) {
	l, err := a.lineageAwards(ctx, tx, unitID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, id := range l.ancestry {
		if l.counting[id] {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	units, err := tx.UnitsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	held, err := tx.UnitsAwards(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []award.Held
	for _, id := range ids {
		for _, x := range held[id] {
			h := x.Held()
			h.Predecessor = units[id].Name
			out = append(out, h)
		}
	}
	return out, nil
}

// UnitAwards returns a unit's own awards and its predecessors', with the
// board's carry-over decisions, if p may see the unit.
func (a *App) UnitAwards(ctx context.Context, p auth.Principal, id int64) (UnitAwardsView, error) {
	if err := a.authorizeUnit(ctx, p, auth.ViewUnits, id); err != nil {
		return UnitAwardsView{}, err
	}
	u, err := a.store.Unit(ctx, id)
	if err != nil {
		return UnitAwardsView{}, err
	}
	v := UnitAwardsView{Unit: u, Predecessors: []PredecessorAwards{}}
	path, err := a.unitPathOf(ctx, &a.store.Q, id)
	if err != nil {
		return v, err
	}
	v.CanRecord = auth.Can(p, auth.RecordAwards, auth.Unit(path))
	l, err := a.lineageAwards(ctx, &a.store.Q, id)
	if err != nil {
		return v, err
	}
	all := append([]int64{id}, l.ancestry...)
	units, err := a.store.UnitsByID(ctx, all)
	if err != nil {
		return v, err
	}
	held, err := a.store.UnitsAwards(ctx, all)
	if err != nil {
		return v, err
	}
	v.Awards = awardRows(held[id])
	for _, pid := range l.ancestry {
		pa := PredecessorAwards{Unit: units[pid], Counts: l.counting[pid], Awards: awardRows(held[pid]), Links: []CarryLink{}}
		for _, sid := range all {
			if sid == pid || !slices.Contains(l.preds[sid], pid) {
				continue
			}
			cl := CarryLink{Successor: units[sid], Status: CarryUndecided}
			if d, ok := l.decisions[[2]int64{sid, pid}]; ok {
				d := d
				cl.Decision = &d
				cl.Status = CarryNotCounts
				if d.Counts {
					cl.Status = CarryCounts
				}
			}
			cl.StatusLabel = CarryStatusLabel(cl.Status)
			pa.Links = append(pa.Links, cl)
		}
		v.Predecessors = append(v.Predecessors, pa)
	}
	return v, nil
}

// AddUnitAward records an award decided for a unit (a collective); the
// board only.
func (a *App) AddUnitAward(ctx context.Context, p auth.Principal, unitID int64, aw decision.Award, unparsed errs.Fields) (decision.Award, error) {
	aw.PersonID, aw.UnitID = nil, &unitID
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		if _, err := tx.Unit(ctx, unitID); err != nil {
			return err
		}
		if err := a.authorizeAwards(ctx, tx, p, unitID); err != nil {
			return err
		}
		f := errs.Fields{}
		for k, v := range unparsed {
			f.Add(k, v)
		}
		validYear(f, aw.Year)
		decision.CheckAward(f, &aw)
		if err := f.Err(); err != nil {
			return err
		}
		var err error
		if aw, err = tx.AddAward(ctx, aw); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "award", "unit", unitID, "", nil, aw)
	})
	return aw, err
}

// CarryoverInput is the board's decision on one lineage link.
type CarryoverInput struct {
	PredecessorID int64  `json:"predecessor_id"`
	Counts        *bool  `json:"counts"`
	Reason        string `json:"reason"`
}

// SetCarryover records whether the predecessor's awards count for the
// successor; the board only, with a reason, audited.
func (a *App) SetCarryover(ctx context.Context, p auth.Principal, successorID int64, in CarryoverInput) (decision.Carryover, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	var out decision.Carryover
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		if _, err := tx.Unit(ctx, successorID); err != nil {
			return err
		}
		if err := a.authorizeAwards(ctx, tx, p, successorID); err != nil {
			return err
		}
		f := errs.Fields{}
		ok, err := tx.LinkExists(ctx, successorID, in.PredecessorID)
		if err != nil {
			return err
		}
		if !ok {
			f.Add("predecessor_id", "Đơn vị này không phải đơn vị tiền thân trực tiếp của đơn vị kế thừa.")
		}
		if in.Counts == nil {
			f.Add("counts", "Vui lòng chọn khen thưởng của đơn vị tiền thân có được tính hay không.")
		}
		if in.Reason == "" {
			f.Add("reason", "Vui lòng ghi lý do (căn cứ quyết định của Hội đồng).")
		}
		if err := f.Err(); err != nil {
			return err
		}
		before, had, err := tx.Carryover(ctx, successorID, in.PredecessorID)
		if err != nil {
			return err
		}
		c := decision.Carryover{SuccessorID: successorID, PredecessorID: in.PredecessorID, Counts: *in.Counts,
			Reason: in.Reason, DecidedAt: a.Now()}
		if p.UserID != 0 {
			uid := p.UserID
			c.DecidedBy = &uid
		}
		if err := tx.SetCarryover(ctx, c); err != nil {
			return err
		}
		if out, _, err = tx.Carryover(ctx, successorID, in.PredecessorID); err != nil {
			return err
		}
		var b any
		if had {
			b = before
		}
		return tx.Audit(ctx, p.UserID, "carryover", "unit", successorID, in.Reason, b, out)
	})
	return out, err
}
