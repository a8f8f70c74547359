package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/store"
)

// facts are the authorisation facts of a cluster.
func facts(c cluster.Cluster) *auth.ClusterFacts {
	f := &auth.ClusterFacts{Members: c.Members}
	if c.OwnerUnitID != nil {
		f.OwnerUnitID = *c.OwnerUnitID
	}
	if c.HeadUnitID != nil {
		f.HeadUnitID = *c.HeadUnitID
	}
	if c.DeputyUnitID != nil {
		f.DeputyUnitID = *c.DeputyUnitID
	}
	return f
}

// Years lists the emulation years.
func (a *App) Years(ctx context.Context, p auth.Principal) ([]cluster.Year, error) {
	if err := auth.Authorize(p, auth.ViewClusters, auth.Target{}); err != nil {
		return nil, err
	}
	return a.store.Years(ctx)
}

// Year returns one emulation year.
func (a *App) Year(ctx context.Context, p auth.Principal, year int) (cluster.Year, error) {
	if err := auth.Authorize(p, auth.ViewClusters, auth.Target{Year: year}); err != nil {
		return cluster.Year{}, err
	}
	return a.store.Year(ctx, year)
}

// SaveYear opens a year (Version 0) or changes its dates and deadlines.
func (a *App) SaveYear(ctx context.Context, p auth.Principal, y cluster.Year) (cluster.Year, error) {
	if err := auth.Authorize(p, auth.ManageYears, auth.Target{Year: y.Year}); err != nil {
		return cluster.Year{}, err
	}
	y.Title = strings.TrimSpace(y.Title)
	if err := cluster.ValidateYear(y); err != nil {
		return cluster.Year{}, err
	}
	var out cluster.Year
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		var before any
		if y.Version != 0 {
			b, err := tx.Year(ctx, y.Year)
			if err != nil {
				return err
			}
			before = b
		}
		var err error
		if out, err = tx.SaveYear(ctx, y); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, map[bool]string{true: "create", false: "update"}[y.Version == 0], "year", int64(y.Year), "", before, out)
	})
	return out, err
}

// ClusterView is a cluster with the names its pages and lists show.
type ClusterView struct {
	cluster.Cluster
	Title       string             `json:"title"`
	Units       map[int64]org.Unit `json:"-"`
	Owner       *org.Unit          `json:"owner,omitempty"`
	PledgeState *store.PledgeState `json:"pledge_state"`
}

// Name returns a member's name.
func (v ClusterView) Name(id *int64) string {
	if id == nil {
		return ""
	}
	return v.Units[*id].Name
}

// MemberUnits returns the members in rotation order.
func (v ClusterView) MemberUnits() []org.Unit {
	out := make([]org.Unit, 0, len(v.Members))
	for _, m := range v.Members {
		out = append(out, v.Units[m])
	}
	return out
}

// Clusters lists a year's clusters and blocs with names and pledge states.
func (a *App) Clusters(ctx context.Context, p auth.Principal, f cluster.Filter) ([]ClusterView, error) {
	if err := auth.Authorize(p, auth.ViewClusters, auth.Target{Year: f.Year}); err != nil {
		return nil, err
	}
	cs, err := a.store.Clusters(ctx, f)
	if err != nil {
		return nil, err
	}
	states, err := a.store.PledgeStates(ctx, f.Year)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, c := range cs {
		ids = append(ids, unitIDsOf(c)...)
	}
	units, err := a.store.UnitsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	return clusterViews(cs, units, states), nil
}

// clusterViews names clusters from their units and pledge states.
func clusterViews(cs []cluster.Cluster, units map[int64]org.Unit, states map[int64]store.PledgeState) []ClusterView {
	out := make([]ClusterView, 0, len(cs))
	for _, c := range cs {
		v := ClusterView{Cluster: c, Title: c.Title(), Units: units}
		if st, ok := states[c.ID]; ok {
			v.PledgeState = &st
		}
		if c.OwnerUnitID != nil {
			o := units[*c.OwnerUnitID]
			v.Owner = &o
		}
		out = append(out, v)
	}
	return out
}

func unitIDsOf(c cluster.Cluster) []int64 {
	ids := append([]int64{}, c.Members...)
	for _, p := range []*int64{c.OwnerUnitID, c.HeadUnitID, c.DeputyUnitID, c.SuggestedHeadID, c.SuggestedDeputyID, c.NominatedDeputyID} {
		if p != nil {
			ids = append(ids, *p)
		}
	}
	return ids
}

// Cluster returns one cluster with names.
func (a *App) Cluster(ctx context.Context, p auth.Principal, id int64) (ClusterView, error) {
	c, err := a.store.Cluster(ctx, id)
	if err != nil {
		return ClusterView{}, err
	}
	if err := auth.Authorize(p, auth.ViewClusters, auth.Target{Year: c.Year, Cluster: facts(c)}); err != nil {
		return ClusterView{}, err
	}
	return clusterView(ctx, &a.store.Q, c)
}

// clusterView is c with its units' names and its pledge's state, read
// through q (a transaction's handle inside one).
func clusterView(ctx context.Context, q *store.Q, c cluster.Cluster) (ClusterView, error) {
	units, err := q.UnitsByID(ctx, unitIDsOf(c))
	if err != nil {
		return ClusterView{}, err
	}
	v := ClusterView{Cluster: c, Title: c.Title(), Units: units}
	if c.OwnerUnitID != nil {
		o := units[*c.OwnerUnitID]
		v.Owner = &o
	}
	states, err := q.PledgeStates(ctx, c.Year)
	if err != nil {
		return ClusterView{}, err
	}
	if st, ok := states[c.ID]; ok {
		v.PledgeState = &st
	}
	return v, nil
}

// ClusterInput is what the board sets on a cluster: not the designation,
// which is its own action with its own rule.
type ClusterInput struct {
	Year              int     `json:"year"`
	Level             string  `json:"level"`
	Number            int     `json:"number"`
	Name              string  `json:"name"`
	OwnerUnitID       *int64  `json:"owner_unit_id"`
	Members           []int64 `json:"members"`
	FollowerUserID    *int64  `json:"follower_user_id"`
	NominatedDeputyID *int64  `json:"nominated_deputy_unit_id"`
	Note              string  `json:"note"`
	Version           int     `json:"version"`
}

// SaveCluster creates (id 0) or changes a cluster and its members. Past
// years are not rewritten by changes to another year: each year's
// clusters are their own rows.
func (a *App) SaveCluster(ctx context.Context, p auth.Principal, id int64, in ClusterInput) (ClusterView, error) {
	var saved cluster.Cluster
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		c := cluster.Cluster{Year: in.Year, Level: cluster.Level(in.Level), OwnerUnitID: in.OwnerUnitID}
		var before any
		if id != 0 {
			old, err := tx.Cluster(ctx, id)
			if err != nil {
				return err
			}
			// The board may be checked against the cluster as it was, and as it would be.
			if err := auth.Authorize(p, auth.ManageClusters, auth.Target{Year: old.Year, Cluster: facts(old)}); err != nil {
				return err
			}
			c, before = old, old
			c.Version = in.Version
		}
		c.Number, c.Name, c.Members, c.Note = in.Number, strings.TrimSpace(in.Name), in.Members, strings.TrimSpace(in.Note)
		c.FollowerUserID, c.NominatedDeputyID = in.FollowerUserID, in.NominatedDeputyID
		if err := auth.Authorize(p, auth.ManageClusters, auth.Target{Year: c.Year, Cluster: facts(c)}); err != nil {
			return err
		}
		if f := (errs.Fields{}); id == 0 {
			if validYear(f, in.Year); len(f) > 0 {
				return f.Err() // before validateCluster looks the year up
			}
		}
		if err := a.validateCluster(ctx, tx, c); err != nil {
			return err
		}
		// A designated head or deputy who left the members loses the role.
		if c.HeadUnitID != nil && !c.IsMember(*c.HeadUnitID) {
			c.HeadUnitID = nil
		}
		if c.DeputyUnitID != nil && !c.IsMember(*c.DeputyUnitID) {
			c.DeputyUnitID = nil
		}
		var err error
		if saved, err = tx.SaveCluster(ctx, c); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, map[bool]string{true: "create", false: "update"}[id == 0], "cluster", saved.ID, "", before, saved)
	})
	if err != nil {
		return ClusterView{}, err
	}
	return a.Cluster(ctx, p, saved.ID)
}

func (a *App) validateCluster(ctx context.Context, tx *store.Q, c cluster.Cluster) error {
	if _, err := tx.Year(ctx, c.Year); err != nil {
		if errs.CodeOf(err) == errs.NotFound {
			return errs.Fields{"year": fmt.Sprintf("Chưa mở năm thi đua %d.", c.Year)}.Err()
		}
		return err
	}
	taken, err := tx.TakenUnits(ctx, c.Year, c.ID)
	if err != nil {
		return err
	}
	units, err := tx.UnitsByID(ctx, unitIDsOf(c))
	if err != nil {
		return err
	}
	name := func(id int64) string {
		if u, ok := units[id]; ok {
			return u.Name
		}
		return fmt.Sprintf("Đơn vị #%d", id)
	}
	f := errs.Fields{}
	if e, ok := errs.As(cluster.ValidateCluster(c, taken, name)); ok {
		f = e.Fields
	}
	if c.OwnerUnitID != nil {
		if o, ok := units[*c.OwnerUnitID]; !ok || o.Type != org.TypeProvincial {
			f.Add("owner_unit_id", "Khối thi đua phải thuộc một VKSND cấp tỉnh.")
		}
	}
	if c.NominatedDeputyID != nil && !c.IsMember(*c.NominatedDeputyID) {
		f.Add("nominated_deputy_unit_id", "Đơn vị được đề cử Cụm phó phải là thành viên của cụm.")
	}
	if c.FollowerUserID != nil {
		u, err := tx.UserByID(ctx, *c.FollowerUserID)
		switch {
		case errs.CodeOf(err) == errs.NotFound:
			f.Add("follower_user_id", "Tài khoản được phân công theo dõi không tồn tại.")
		case err != nil:
			return err
		case !auth.MayFollowClusters(auth.Role(u.Role)) || !u.Active:
			f.Add("follower_user_id", "Người theo dõi cụm phải là thành viên Hội đồng thi đua – khen thưởng (tài khoản đang hoạt động).")
		}
	}
	first := time.Date(c.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(c.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, m := range c.Members {
		u, ok := units[m]
		switch {
		case !ok:
			f.Add("members", fmt.Sprintf("Đơn vị #%d không tồn tại.", m))
		case u.ValidFrom.After(last) || u.ValidTo != nil && u.ValidTo.Before(first):
			f.Add("members", fmt.Sprintf("%s không hoạt động trong năm %d.", u.Name, c.Year))
		case c.Level == cluster.National && u.Type != org.TypeProvincial:
			f.Add("members", u.Name+" không phải VKSND cấp tỉnh: cụm thi đua toàn quốc gồm các VKSND cấp tỉnh.")
		case c.Level == cluster.Bloc && c.OwnerUnitID != nil:
			path, err := tx.UnitPath(ctx, m)
			if err != nil {
				return err
			}
			if m == *c.OwnerUnitID || !slices.Contains(path, *c.OwnerUnitID) {
				f.Add("members", u.Name+" không phải đơn vị thuộc "+name(*c.OwnerUnitID)+".")
			}
		}
	}
	return f.Err()
}

// Designate records the Supreme Procuracy's (or, for a bloc, the
// province's) designation of the year's head and deputy.
func (a *App) Designate(ctx context.Context, p auth.Principal, clusterID int64, version int, d cluster.Designation) (ClusterView, error) {
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		c, err := tx.Cluster(ctx, clusterID)
		if err != nil {
			return err
		}
		if err := auth.Authorize(p, auth.ManageClusters, auth.Target{Year: c.Year, Cluster: facts(c)}); err != nil {
			return err
		}
		blocked, err := tx.Exclusions(ctx, c.Year-1)
		if err != nil {
			return err
		}
		preds, err := tx.PredecessorMap(ctx)
		if err != nil {
			return err
		}
		units, err := tx.UnitsByID(ctx, append(unitIDsOf(c), d.HeadUnitID, d.DeputyUnitID))
		if err != nil {
			return err
		}
		var ancestry []int64
		for _, id := range []int64{d.HeadUnitID, d.DeputyUnitID} {
			ancestry = append(ancestry, org.Ancestry(id, preds)...)
		}
		more, err := tx.UnitsByID(ctx, ancestry)
		if err != nil {
			return err
		}
		for k, v := range more {
			units[k] = v
		}
		name := func(id int64) string { return units[id].Name }
		if err := cluster.CheckDesignation(c, d, func(id int64) []int64 { return org.Ancestry(id, preds) }, blocked, name); err != nil {
			return err
		}
		before := c
		c.HeadUnitID, c.DeputyUnitID, c.DesignationRef, c.Version = &d.HeadUnitID, &d.DeputyUnitID, strings.TrimSpace(d.Ref), version
		saved, err := tx.SaveCluster(ctx, c)
		if err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "designate", "cluster", c.ID, c.DesignationRef, before, saved)
	})
	if err != nil {
		return ClusterView{}, err
	}
	return a.Cluster(ctx, p, clusterID)
}

// CopyYear copies the clusters of one year that p runs into the next, with
// members carried through mergers and the rotation's suggestion of head
// and deputy. Nothing is designated: the board records that afterwards.
// Clusters already present in the target year are left alone.
func (a *App) CopyYear(ctx context.Context, p auth.Principal, from int) (int, error) {
	to := from + 1
	created := 0
	// The board copies every cluster; a provincial council only its blocs.
	if err := auth.Authorize(p, auth.ManageClusters, auth.Target{Year: from, Cluster: &auth.ClusterFacts{OwnerUnitID: p.BoardOf}}); err != nil {
		return 0, err
	}
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		if _, err := tx.Year(ctx, to); err != nil {
			if errs.CodeOf(err) == errs.NotFound {
				return errs.New(errs.Invalid, "Chưa mở năm thi đua %d: hãy mở năm trước khi sao chép cụm.", to)
			}
			return err
		}
		src, err := tx.Clusters(ctx, cluster.Filter{Year: from})
		if err != nil {
			return err
		}
		existing, err := tx.Clusters(ctx, cluster.Filter{Year: to})
		if err != nil {
			return err
		}
		blocked, err := tx.Exclusions(ctx, from)
		if err != nil {
			return err
		}
		succ, err := tx.SuccessorMap(ctx)
		if err != nil {
			return err
		}
		all, _, err := tx.ListUnits(ctx, org.UnitFilter{Status: "all"})
		if err != nil {
			return err
		}
		byID := map[int64]org.Unit{}
		for _, u := range all {
			byID[u.ID] = u
		}
		first, last := time.Date(to, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(to, 12, 31, 0, 0, 0, 0, time.UTC)
		active := func(id int64) bool {
			u := byID[id]
			return !u.ValidFrom.After(last) && (u.ValidTo == nil || !u.ValidTo.Before(first))
		}
		taken := map[int64]bool{}
		for _, c := range existing {
			for _, m := range c.Members {
				taken[m] = true
			}
		}
		for _, c := range src {
			if auth.Authorize(p, auth.ManageClusters, auth.Target{Year: c.Year, Cluster: facts(c)}) != nil {
				continue
			}
			if slices.ContainsFunc(existing, func(e cluster.Cluster) bool {
				return e.Level == c.Level && e.Number == c.Number && ptrEq(e.OwnerUnitID, c.OwnerUnitID)
			}) {
				continue
			}
			members := cluster.CarryMembers(c.Members, active, func(id int64) []int64 { return succ[id] })
			members = slices.DeleteFunc(members, func(id int64) bool { return taken[id] })
			if len(members) < 2 {
				continue
			}
			var head, nominated int64
			if c.HeadUnitID != nil {
				head = carried(*c.HeadUnitID, active, succ)
			}
			if c.NominatedDeputyID != nil {
				nominated = carried(*c.NominatedDeputyID, active, succ)
			}
			sug := cluster.SuggestRotation(members, head, nominated, func(id int64) bool { _, b := blocked[id]; return b })
			n := cluster.Cluster{Year: to, Level: c.Level, Number: c.Number, Name: c.Name, OwnerUnitID: c.OwnerUnitID,
				Members: members, FollowerUserID: c.FollowerUserID, Note: sug.Why}
			if c.OwnerUnitID != nil && !active(*c.OwnerUnitID) {
				continue // the province itself ended; its successor's council sets up new blocs
			}
			if sug.HeadUnitID != 0 {
				n.SuggestedHeadID = &sug.HeadUnitID
			}
			if sug.DeputyUnitID != 0 {
				n.SuggestedDeputyID = &sug.DeputyUnitID
			}
			saved, err := tx.SaveCluster(ctx, n)
			if err != nil {
				return err
			}
			for _, m := range members {
				taken[m] = true
			}
			if err := tx.Audit(ctx, p.UserID, "copy", "cluster", saved.ID, fmt.Sprintf("Sao chép từ năm %d", from), c, saved); err != nil {
				return err
			}
			created++
		}
		return nil
	})
	return created, err
}

// carried maps a unit of last year to this year's unit: itself, or its
// first successor that exists this year.
func carried(id int64, active func(int64) bool, succ map[int64][]int64) int64 {
	c := cluster.CarryMembers([]int64{id}, active, func(u int64) []int64 { return succ[u] })
	if len(c) == 0 {
		return 0
	}
	return c[0]
}

func ptrEq(a, b *int64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

// Exclusions lists the units not eligible for review in a year.
func (a *App) Exclusions(ctx context.Context, p auth.Principal, year int) (map[int64]string, error) {
	if err := auth.Authorize(p, auth.ViewClusters, auth.Target{Year: year}); err != nil {
		return nil, err
	}
	return a.store.Exclusions(ctx, year)
}

// SetExclusion records that a unit is not eligible for a year's review
// (reason given) or lifts that record (empty reason).
func (a *App) SetExclusion(ctx context.Context, p auth.Principal, year int, unitID int64, reason string) error {
	if err := auth.Authorize(p, auth.ManageYears, auth.Target{Year: year}); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	return a.store.Tx(ctx, func(tx *store.Q) error {
		if _, err := tx.Year(ctx, year); err != nil {
			return err
		}
		if _, err := tx.Unit(ctx, unitID); errs.CodeOf(err) == errs.NotFound {
			return errs.Fields{"unit_id": "Đơn vị không tồn tại."}.Err()
		} else if err != nil {
			return err
		}
		before, err := tx.Exclusions(ctx, year)
		if err != nil {
			return err
		}
		if err := tx.SetExclusion(ctx, year, unitID, reason, p.UserID); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "exclusion", "unit", unitID, reason,
			map[string]any{"year": year, "reason": before[unitID]}, map[string]any{"year": year, "reason": reason})
	})
}

// Target is the authorisation target of the cluster, for pages that show
// or hide actions.
func (v ClusterView) Target() auth.Target {
	return auth.Target{Year: v.Year, Cluster: facts(v.Cluster)}
}
