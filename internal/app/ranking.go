package app

import (
	"context"
	"slices"

	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/org"
	"thidua/internal/scoring"
	"thidua/internal/store"
)

// ClusterRanking is one cluster's ranking.
type ClusterRanking struct {
	Cluster   ClusterView         `json:"cluster"`
	Standings []Standing          `json:"standings"`    // the ranked units, then the unranked ones
	Total     scoring.Achievement `json:"achievement"`  // the reviewed members' indicators together
	Ranked    int                 `json:"ranked_units"` // how many members are ranked (reviewed)
	ScaleMax  float64             `json:"chart_max"`    // the year's chart scale (scoring.ChartScale), the same for every cluster
}

// Standing is a unit's line: its rank, totals and filing state.
type Standing struct {
	scoring.Standing
	Unit   org.Unit       `json:"unit"`
	Status scoring.Status `json:"status"`
	// ScoreBasis says what the line's score is: "reviewed" (a result) or
	// "self" (the unit's own, unreviewed score, shown for information).
	ScoreBasis string `json:"score_basis"`
	// Open: the reader may open the unit's filing page.
	Open bool `json:"-"`
}

// Score bases of a Standing.
const (
	BasisReviewed = "reviewed"
	BasisSelf     = "self"
	BasisNone     = "none" // not started: no score at all
)

// Ranking ranks every cluster's members for a year from their reviewed
// filings only. Members not reviewed are listed after the ranked ones,
// unranked, with their state and (labelled) their self-score. The national
// table ranks the reviewed provincial procuracies of all national clusters
// together.
func (a *App) Ranking(ctx context.Context, p auth.Principal, year int) ([]ClusterRanking, []Standing, error) {
	clusters, err := a.Clusters(ctx, p, ClusterFilter{Year: year})
	if err != nil {
		return nil, nil, err
	}
	filings, err := a.store.YearFilings(ctx, year)
	if err != nil {
		return nil, nil, err
	}
	adjustments, err := a.store.YearAdjustments(ctx, year)
	if err != nil {
		return nil, nil, err
	}
	byUnit := map[int64]scoring.Filing{}
	tables := map[int64]scoring.Table{}
	ids := make([]int64, 0, len(filings))
	for id := range filings {
		ids = append(ids, id)
	}
	slices.Sort(ids) // the newest filing of a unit counts (a table may have a newer version)
	for _, id := range ids {
		f := filings[id]
		if _, ok := tables[f.TableID]; !ok {
			info, err := a.store.TableInfo(ctx, f.TableID)
			if err != nil {
				return nil, nil, err
			}
			if info.Kind != "main" {
				continue // campaign tables are ranked on their own
			}
			if tables[f.TableID], err = a.store.Table(ctx, f.TableID); err != nil {
				return nil, nil, err
			}
		}
		byUnit[f.UnitID] = f
	}
	infos, err := a.store.Tables(ctx, year)
	if err != nil {
		return nil, nil, err
	}
	var out []ClusterRanking
	var national []scoring.Standing
	units := map[int64]org.Unit{}
	status := map[int64]scoring.Status{}
	open := map[int64]bool{}
	for _, cv := range clusters {
		cr := ClusterRanking{Cluster: cv}
		var in []scoring.Standing
		for _, m := range cv.Members {
			u := cv.Units[m]
			units[m] = u
			open[m] = tableApplies(infos, cv.Cluster, u) &&
				auth.Can(p, auth.ViewFiling, auth.Target{UnitPath: []int64{m}, Year: year, Cluster: facts(cv.Cluster)})
			s := scoring.Standing{UnitID: m, UnitCode: u.Code}
			if f, ok := byUnit[m]; ok {
				adj := adjustments[[2]int64{f.TableID, m}]
				s.SelfTotal = scoring.Evaluate(tables[f.TableID], f.Self, adj).Total
				if f.Status == scoring.Reviewed {
					rev := scoring.Evaluate(tables[f.TableID], f.ReviewedEntries(), adj)
					s.Total, s.Achievement, s.Deduction, s.Reviewed = rev.Total, rev.Achievement, rev.Deduction, true
				}
				status[m] = f.Status
			} else {
				status[m] = scoring.NotStarted
			}
			in = append(in, s)
			if s.Reviewed {
				cr.Total.Add(s.Achievement)
			}
		}
		for _, s := range scoring.Rank(in) {
			cr.Standings = append(cr.Standings, standing(s, units[s.UnitID], status[s.UnitID], open[s.UnitID]))
			if s.Ranked() {
				cr.Ranked++
			}
		}
		if cv.Level == cluster.National {
			national = append(national, in...)
		}
		out = append(out, cr)
	}
	var nat []Standing
	for _, s := range scoring.Rank(national) {
		nat = append(nat, standing(s, units[s.UnitID], status[s.UnitID], open[s.UnitID]))
	}
	var every []scoring.Standing
	for _, cr := range out {
		for _, s := range cr.Standings {
			every = append(every, s.Standing)
		}
	}
	scale := scoring.ChartScale(every)
	for i := range out {
		out[i].ScaleMax = scale
	}
	return out, nat, nil
}

func standing(s scoring.Standing, u org.Unit, st scoring.Status, open bool) Standing {
	basis := BasisSelf
	switch {
	case s.Reviewed:
		basis = BasisReviewed
	case st == scoring.NotStarted:
		basis = BasisNone
	}
	return Standing{Standing: s, Unit: u, Status: st, ScoreBasis: basis, Open: open}
}

// Progress is, per cluster, which members have not started, drafted,
// submitted, been returned or been reviewed.
type Progress struct {
	Cluster ClusterView                   `json:"cluster"`
	ByState map[scoring.Status][]org.Unit `json:"by_state"`
	Counts  map[scoring.Status]int        `json:"counts"`
	// Pages names, per member, the page its name may link to for the
	// reader: "review" (a submitted filing they review), "filing" (one they
	// may read) or nothing (no table applies, or not theirs to open).
	Pages map[int64]string `json:"-"`
}

// ProgressBoard returns the filing states of a year, cluster by cluster.
func (a *App) ProgressBoard(ctx context.Context, p auth.Principal, year int) ([]Progress, error) {
	clusters, err := a.Clusters(ctx, p, ClusterFilter{Year: year})
	if err != nil {
		return nil, err
	}
	states, err := a.store.FilingStates(ctx, year)
	if err != nil {
		return nil, err
	}
	tables, err := a.store.Tables(ctx, year)
	if err != nil {
		return nil, err
	}
	out := make([]Progress, 0, len(clusters))
	for _, cv := range clusters {
		pr := Progress{Cluster: cv, ByState: map[scoring.Status][]org.Unit{}, Counts: map[scoring.Status]int{}, Pages: map[int64]string{}}
		for _, u := range cv.MemberUnits() {
			st, ok := states[u.ID]
			if !ok {
				st = scoring.NotStarted
			}
			t := auth.Target{UnitPath: []int64{u.ID}, Year: year, Cluster: facts(cv.Cluster)}
			switch {
			case !tableApplies(tables, cv.Cluster, u):
			case st == scoring.Submitted && auth.Can(p, auth.ReviewFiling, t):
				pr.Pages[u.ID] = "review"
			case auth.Can(p, auth.ViewFiling, t):
				pr.Pages[u.ID] = "filing"
			}
			pr.ByState[st] = append(pr.ByState[st], u)
			pr.Counts[st]++
		}
		out = append(out, pr)
	}
	return out, nil
}

// tableApplies reports whether one of the year's tables scores u as a
// member of c, as store.TableFor chooses them: without one the filing page
// has nothing to show.
func tableApplies(tables []store.TableInfo, c cluster.Cluster, u org.Unit) bool {
	for _, t := range tables {
		if t.Kind != "main" || t.Superseded || t.Level != string(c.Level) {
			continue
		}
		if t.ClusterID != nil && *t.ClusterID == c.ID || t.ClusterID == nil && (t.UnitType == "" || t.UnitType == string(u.Type)) {
			return true
		}
	}
	return false
}
