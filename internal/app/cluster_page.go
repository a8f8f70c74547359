package app

import (
	"context"
	"sort"
	"time"

	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/org"
)

// ClusterListPage is a year's page of clusters and blocs.
type ClusterListPage struct {
	Year     cluster.Year     `json:"year"`
	Clusters []ClusterView    `json:"clusters"`
	Excluded map[int64]string `json:"excluded"`
	HasNext  bool             `json:"-"` // the next year is open, so copying is possible
	// OwnFiling: the reader's unit has a filing page this year (it is in a
	// cluster a criteria table applies to).
	OwnFiling     bool `json:"-"`
	CanManageYear bool `json:"-"` // deadlines, extensions, clusters, copying
}

// ClusterListPage returns a year's clusters with what the page shows
// around them.
func (a *App) ClusterListPage(ctx context.Context, p auth.Principal, year int) (ClusterListPage, error) {
	var d ClusterListPage
	var err error
	if d.Year, err = a.Year(ctx, p, year); err != nil {
		return d, err
	}
	if d.Clusters, err = a.Clusters(ctx, p, cluster.Filter{Year: year}); err != nil {
		return d, err
	}
	if d.Excluded, err = a.Exclusions(ctx, p, year); err != nil {
		return d, err
	}
	if d.Clusters == nil {
		d.Clusters = []ClusterView{}
	}
	_, err = a.Year(ctx, p, year+1)
	d.HasNext = err == nil
	d.CanManageYear = auth.Can(p, auth.ManageYears, auth.Target{Year: year})
	if auth.DeskOf(p) == auth.DeskUnit {
		_, err = a.Filing(ctx, p, year, p.UnitID)
		d.OwnFiling = err == nil
	}
	return d, nil
}

// ClusterPage is a cluster's page: the cluster, its members'
// registrations and what the reader may do.
type ClusterPage struct {
	ClusterView
	Registrations map[int64]cluster.Registration // nil when the reader may not see them
	CanManage     bool
	CanEditPledge bool
	Excluded      map[int64]string // members not eligible last year
	Follower      string           // the council member following the cluster, for its managers
}

// ClusterPage returns a cluster's page, if p may see the cluster.
func (a *App) ClusterPage(ctx context.Context, p auth.Principal, id int64) (ClusterPage, error) {
	cv, err := a.Cluster(ctx, p, id)
	if err != nil {
		return ClusterPage{}, err
	}
	d := ClusterPage{ClusterView: cv, CanManage: auth.Can(p, auth.ManageClusters, cv.Target()),
		CanEditPledge: auth.Can(p, auth.EditPledge, cv.Target())}
	regs, err := a.ClusterRegistrations(ctx, p, cv.ID)
	switch {
	case err == nil:
		d.Registrations = regs
	case errs.CodeOf(err) != errs.Forbidden:
		return d, err
	}
	if d.Excluded, err = a.Exclusions(ctx, p, cv.Year-1); err != nil {
		return d, err
	}
	if cv.FollowerUserID != nil && d.CanManage {
		var owner int64
		if cv.OwnerUnitID != nil {
			owner = *cv.OwnerUnitID
		}
		if users, err := a.ClusterFollowers(ctx, p, cv.Year, owner); err == nil {
			for _, u := range users {
				if u.ID == *cv.FollowerUserID {
					d.Follower = u.FullName
				}
			}
		}
	}
	return d, nil
}

// ClusterFormRequest is what the cluster form is drawn for: an existing
// cluster (ID), or a new one of a year, level and owner.
type ClusterFormRequest struct {
	ID          int64
	Year        int
	Level       cluster.Level
	OwnerUnitID int64
	Members     []int64 // the members chosen so far, in rotation order (nil: the cluster's)
}

// ClusterFormPage is the form that creates or edits a cluster.
type ClusterFormPage struct {
	Cluster    ClusterView // the cluster edited (zero for a new one)
	Candidates []org.Unit  // units that may be members, the chosen ones first in rotation order
	Owners     []org.Unit  // provinces that may own a bloc
	Followers  []Account   // council members who may follow the cluster
}

// ClusterFormPage returns the cluster form, if p may manage the cluster.
// For an existing cluster its year and level replace the request's, and
// its owner and members fill in those the request leaves out.
func (a *App) ClusterFormPage(ctx context.Context, p auth.Principal, r ClusterFormRequest) (ClusterFormPage, error) {
	var d ClusterFormPage
	if r.ID != 0 {
		cv, err := a.Cluster(ctx, p, r.ID)
		if err != nil {
			return d, err
		}
		if err := auth.Authorize(p, auth.ManageClusters, cv.Target()); err != nil {
			return d, err
		}
		d.Cluster, r.Year, r.Level = cv, cv.Year, cv.Level
		if r.OwnerUnitID == 0 && cv.OwnerUnitID != nil {
			r.OwnerUnitID = *cv.OwnerUnitID
		}
		if r.Members == nil {
			r.Members = cv.Members
		}
	}
	all, _, err := a.Units(ctx, p, org.UnitFilter{Status: "all"})
	if err != nil {
		return d, err
	}
	first := time.Date(r.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(r.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, u := range all {
		if u.ValidFrom.After(last) || u.ValidTo != nil && u.ValidTo.Before(first) {
			continue
		}
		if u.Type == org.TypeProvincial {
			d.Owners = append(d.Owners, u)
		}
		switch {
		case r.Level == cluster.National && u.Type == org.TypeProvincial:
			d.Candidates = append(d.Candidates, u)
		case r.Level == cluster.Bloc && r.OwnerUnitID != 0 && u.ParentID != nil && *u.ParentID == r.OwnerUnitID:
			d.Candidates = append(d.Candidates, u)
		}
	}
	// Members first, in rotation order, so that saving keeps the order.
	pos := map[int64]int{}
	for i, m := range r.Members {
		pos[m] = i + 1
	}
	sort.SliceStable(d.Candidates, func(i, j int) bool {
		pi, pj := pos[d.Candidates[i].ID], pos[d.Candidates[j].ID]
		return pi != 0 && (pj == 0 || pi < pj)
	})
	if users, err := a.ClusterFollowers(ctx, p, r.Year, r.OwnerUnitID); err == nil {
		for _, u := range users {
			if u.Active {
				d.Followers = append(d.Followers, u)
			}
		}
	}
	return d, nil
}

// PledgePage is a cluster's pledge page: the pledge if one is drafted,
// and what the reader may do with it.
type PledgePage struct {
	PledgeView
	Exists  bool
	CanEdit bool
	// MySigning is the reader's signature line, if their unit signs this pledge.
	MySigning *cluster.Signature
}

// PledgePage returns a cluster's pledge page, if p may see the cluster.
func (a *App) PledgePage(ctx context.Context, p auth.Principal, clusterID int64) (PledgePage, error) {
	v, err := a.Pledge(ctx, p, clusterID)
	d := PledgePage{PledgeView: v, Exists: err == nil}
	switch {
	case err == nil:
	case errs.CodeOf(err) != errs.NotFound:
		return d, err
	case v.Cluster.ID == 0: // the cluster itself is missing
		return d, err
	}
	d.CanEdit = auth.Can(p, auth.EditPledge, d.Cluster.Target())
	for i, sg := range d.Pledge.Signatures {
		if auth.OfficerOf(p, sg.UnitID) {
			d.MySigning = &d.Pledge.Signatures[i]
		}
	}
	return d, nil
}
