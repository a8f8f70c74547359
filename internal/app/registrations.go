package app

import (
	"context"
	"strings"

	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/store"
)

// unitTarget is the authorisation target of a unit in a year: its path
// up the tree and the cluster it belongs to that year, if any.
func (a *App) unitTarget(ctx context.Context, tx *store.Q, year int, unitID int64) (auth.Target, error) {
	path, err := tx.UnitPath(ctx, unitID)
	if err != nil {
		return auth.Target{}, err
	}
	if len(path) == 0 {
		return auth.Target{}, errs.New(errs.NotFound, "Không tìm thấy đơn vị.")
	}
	t := auth.Target{UnitPath: path, Year: year}
	c, err := tx.ClusterOfUnit(ctx, year, unitID)
	switch {
	case err == nil:
		t.Cluster = facts(c)
	case errs.CodeOf(err) != errs.NotFound:
		return t, err
	}
	return t, nil
}

// Registration returns a unit's registration for a year; the zero
// Registration (Version 0) when the unit has not registered yet.
func (a *App) Registration(ctx context.Context, p auth.Principal, year int, unitID int64) (cluster.Registration, error) {
	if _, err := a.store.Year(ctx, year); err != nil {
		return cluster.Registration{}, err
	}
	t, err := a.unitTarget(ctx, &a.store.Q, year, unitID)
	if err != nil {
		return cluster.Registration{}, err
	}
	if err := auth.Authorize(p, auth.ViewRegistration, t); err != nil {
		return cluster.Registration{}, err
	}
	m, err := a.store.Registrations(ctx, year, []int64{unitID})
	r, ok := m[unitID]
	if !ok {
		r = cluster.Registration{Year: year, UnitID: unitID}
	}
	if r.People == nil {
		r.People = []cluster.RegisteredPerson{}
	}
	return r, err
}

// ClusterRegistrations returns the registrations of a cluster's members,
// visible to the cluster's members and to the board.
func (a *App) ClusterRegistrations(ctx context.Context, p auth.Principal, clusterID int64) (map[int64]cluster.Registration, error) {
	c, err := a.store.Cluster(ctx, clusterID)
	if err != nil {
		return nil, err
	}
	if err := auth.Authorize(p, auth.ViewRegistration, auth.Target{Year: c.Year, Cluster: facts(c)}); err != nil {
		return nil, err
	}
	return a.store.Registrations(ctx, c.Year, c.Members)
}

// SaveRegistration records a unit's đăng ký thi đua, by an officer of that
// unit, before the year's registration deadline.
func (a *App) SaveRegistration(ctx context.Context, p auth.Principal, r cluster.Registration) (cluster.Registration, error) {
	var out cluster.Registration
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		t, err := a.unitTarget(ctx, tx, r.Year, r.UnitID)
		if err != nil {
			return err
		}
		if err := auth.Authorize(p, auth.Register, t); err != nil {
			return err
		}
		y, err := tx.Year(ctx, r.Year)
		if err != nil {
			return err
		}
		dl, err := unitDeadline(ctx, tx, y, r.UnitID, cluster.DeadlineRegistration)
		if err != nil {
			return err
		}
		if dl.Date != nil && a.Today().After(*dl.Date) {
			return errs.New(errs.Invalid, "Đã hết hạn đăng ký thi đua năm %d (%s).", r.Year, dl.Date.Format("02/01/2006"))
		}
		r.Note = strings.TrimSpace(r.Note)
		for i := range r.People {
			r.People[i].FullName = strings.TrimSpace(r.People[i].FullName)
			r.People[i].Position = strings.TrimSpace(r.People[i].Position)
		}
		if err := cluster.ValidateRegistration(r); err != nil {
			return err
		}
		before, err := tx.Registrations(ctx, r.Year, []int64{r.UnitID})
		if err != nil {
			return err
		}
		if out, err = tx.SaveRegistration(ctx, r, p.UserID, a.Now().UTC()); err != nil {
			return err
		}
		var b any
		if old, ok := before[r.UnitID]; ok {
			b = old
		}
		return tx.Audit(ctx, p.UserID, "register", "registration", out.ID, "", b, out)
	})
	return out, err
}
