package app

import (
	"context"

	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/document"
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
// together. It reads the totals stored with each filing (kept by every
// write that changes them): two statements whatever the number of units.
func (a *App) Ranking(ctx context.Context, p auth.Principal, year int) ([]ClusterRanking, []Standing, error) {
	if err := auth.Authorize(p, auth.ViewClusters, auth.Target{Year: year}); err != nil {
		return nil, nil, err
	}
	yr, err := a.store.YearRanking(ctx, year)
	if err != nil {
		return nil, nil, err
	}
	if err := a.fillStaleTotals(ctx, year, yr.Members); err != nil {
		return nil, nil, err
	}
	// The slices and maps below are made at their final size (nil where
	// empty, as the API has always answered): a national year's page
	// builds some thousand lines.
	views := clusterViews(yr.Clusters, yr.Units, yr.Pledges)
	var out []ClusterRanking
	if len(views) > 0 {
		out = make([]ClusterRanking, 0, len(views))
	}
	var national []scoring.Standing
	open := make(map[int64]bool, len(yr.Members))
	lines := 0
	for _, cv := range views {
		cr := ClusterRanking{Cluster: cv}
		in := make([]scoring.Standing, 0, len(cv.Members))
		lines += len(cv.Members)
		for _, m := range cv.Members {
			f := yr.Members[m]
			open[m] = f.HasTable && auth.Can(p, auth.ViewFiling, auth.Target{UnitPath: []int64{m}, Year: year, Cluster: facts(cv.Cluster)})
			s := scoring.Standing{UnitID: m, UnitCode: yr.Units[m].Code, SelfTotal: f.Totals.Self}
			if r := f.Totals.Reviewed; f.Status == scoring.Reviewed && r != nil {
				s.Total, s.Achievement, s.Deduction, s.Reviewed = r.Total, r.Achievement, r.Deduction, true
				cr.Total.Add(s.Achievement)
			}
			in = append(in, s)
		}
		ranked := scoring.Rank(in)
		if len(ranked) > 0 {
			cr.Standings = make([]Standing, 0, len(ranked))
		}
		for _, s := range ranked {
			cr.Standings = append(cr.Standings, standing(s, yr.Units[s.UnitID], yr.Members[s.UnitID].Status, open[s.UnitID]))
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
	if len(national) > 0 {
		nat = make([]Standing, 0, len(national))
	}
	for _, s := range scoring.Rank(national) {
		nat = append(nat, standing(s, yr.Units[s.UnitID], yr.Members[s.UnitID].Status, open[s.UnitID]))
	}
	every := make([]scoring.Standing, 0, lines)
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

// RankingPage is a year's ranking page: every cluster's ranking and the
// national table.
type RankingPage struct {
	Year     int              `json:"year"`
	Clusters []ClusterRanking `json:"clusters"`
	National []Standing       `json:"national"`
	// How many units of the national table are ranked (reviewed) and not.
	NationalRanked   int `json:"national_ranked"`
	NationalUnranked int `json:"national_unranked"`
}

// RankingWorkbook is the ranking page with the issuer of its workbook:
// the sector's council.
type RankingWorkbook struct {
	RankingPage
	Issuer document.Issuer
}

// RankingWorkbook returns what the ranking workbook shows.
func (a *App) RankingWorkbook(ctx context.Context, p auth.Principal, year int) (RankingWorkbook, error) {
	r, err := a.RankingPage(ctx, p, year)
	if err != nil {
		return RankingWorkbook{}, err
	}
	issuer, err := supremeIssuer(ctx, &a.store.Q)
	return RankingWorkbook{RankingPage: r, Issuer: councilIssuer(issuer)}, err
}

// RankingPage returns the ranking page of a year that is open.
func (a *App) RankingPage(ctx context.Context, p auth.Principal, year int) (RankingPage, error) {
	cs, nat, err := a.Ranking(ctx, p, year)
	if err != nil {
		return RankingPage{}, err
	}
	if len(cs) == 0 { // no clusters yet, or no such year
		if _, err := a.store.Year(ctx, year); err != nil {
			return RankingPage{}, err
		}
	}
	d := RankingPage{Year: year, Clusters: cs, National: nat}
	if d.Clusters == nil {
		d.Clusters = []ClusterRanking{}
	}
	if d.National == nil {
		d.National = []Standing{}
	}
	for _, s := range d.National {
		if s.Ranked() {
			d.NationalRanked++
		} else {
			d.NationalUnranked++
		}
	}
	return d, nil
}

// fillStaleTotals computes, once, the totals of a year's filings that
// nobody has computed (filings from before migration 00015, or loaded in
// bulk), stores them and puts them in members.
func (a *App) fillStaleTotals(ctx context.Context, year int, members map[int64]store.MemberFiling) error {
	stale := false
	for _, m := range members {
		stale = stale || m.Stale
	}
	if !stale {
		return nil
	}
	computed := map[int64]scoring.FilingTotals{}
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		filings, err := tx.StaleFilings(ctx, year)
		if err != nil {
			return err
		}
		adjustments, err := tx.YearAdjustments(ctx, year)
		if err != nil {
			return err
		}
		tables := map[int64]scoring.Table{}
		for _, f := range filings {
			t, ok := tables[f.TableID]
			if !ok {
				if t, err = tx.Table(ctx, f.TableID); err != nil {
					return err
				}
				tables[f.TableID] = t
			}
			computed[f.ID] = scoring.TotalsOf(t, f, adjustments[[2]int64{f.TableID, f.UnitID}])
		}
		return tx.FillStaleTotals(ctx, computed)
	})
	if err != nil {
		return err
	}
	for id, m := range members {
		if t, ok := computed[m.FilingID]; ok && m.Stale {
			m.Totals, m.Stale = t, false
			members[id] = m
		}
	}
	return nil
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
	clusters, err := a.Clusters(ctx, p, cluster.Filter{Year: year})
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
func tableApplies(tables []scoring.TableInfo, c cluster.Cluster, u org.Unit) bool {
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
