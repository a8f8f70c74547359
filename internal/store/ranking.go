package store

import (
	"context"

	"thidua/internal/cluster"
	"thidua/internal/org"
	"thidua/internal/scoring"
)

// YearRanking is what a year's ranking reads, in two statements whatever
// the number of units: the clusters with their pledge states, then every
// unit they name with, for each member, its filing's stored totals.
type YearRanking struct {
	Clusters []cluster.Cluster     // by level, owner and number, as Clusters lists them
	Pledges  map[int64]PledgeState // by cluster
	Units    map[int64]org.Unit    // members, and the owners, heads and deputies the clusters name
	Members  map[int64]MemberFiling
}

// MemberFiling is a cluster member's newest filing against a main table of
// the year (a unit that filed against an earlier version keeps it).
type MemberFiling struct {
	// HasTable: a current main table scores the unit in its cluster, so
	// its filing page has something to show (TableFor would find one).
	HasTable bool
	FilingID int64 // 0: not started
	Status   scoring.Status
	Totals   scoring.FilingTotals
	Stale    bool // the totals are not computed yet (migration 00015)
}

// YearRanking reads a year's clusters, their units and their members'
// stored totals.
func (s *Q) YearRanking(ctx context.Context, year int) (YearRanking, error) {
	out := YearRanking{Pledges: map[int64]PledgeState{}, Units: map[int64]org.Unit{}, Members: map[int64]MemberFiling{}}
	var cs []struct {
		C               clusterRow `gorm:"embedded"`
		PledgeID        *int64
		PledgeStatus    *string
		PledgeVersionNo *int
		PledgeLines     *int
		PledgeSigned    *int
	}
	if err := s.db.WithContext(ctx).Raw(`SELECT c.*, ps.pledge_id, ps.status AS pledge_status, ps.version_no AS pledge_version_no,
			ps.lines AS pledge_lines, ps.signed AS pledge_signed
		FROM clusters c LEFT JOIN (`+pledgeStatesSQL+`) ps ON ps.cluster_id = c.id
		WHERE c.year = ? ORDER BY c.level DESC, c.owner_unit_id NULLS FIRST, c.number`, year, year).Scan(&cs).Error; err != nil {
		return out, err
	}
	if len(cs) == 0 {
		return out, nil
	}
	var us []struct {
		U            unitRow `gorm:"embedded"`
		MemberOf     *int64
		MemberOrd    int
		HasTable     bool
		FilingID     *int64
		FilingStatus *string
		T            totalsRow `gorm:"embedded"`
	}
	// The newest filing against a main table counts, as LatestFiling.
	if err := s.db.WithContext(ctx).Raw(`SELECT u.*, m.cluster_id AS member_of, coalesce(m.ord, 0) AS member_ord,
			(c.id IS NOT NULL AND EXISTS (SELECT 1 FROM criteria_tables WHERE `+tableAppliesSQL("c.year", "c.level", "c.id", "u.type")+`)) AS has_table,
			f.id AS filing_id, f.status AS filing_status, f.self_total, f.reviewed_total, f.reviewed_deduction,
			f.reviewed_arisen, f.reviewed_met, f.reviewed_exceedable, f.reviewed_exceeded, coalesce(f.totals_stale, false) AS totals_stale
		FROM units u
		LEFT JOIN cluster_members m ON m.unit_id = u.id AND m.year = @year
		LEFT JOIN clusters c ON c.id = m.cluster_id
		LEFT JOIN LATERAL (SELECT a.* FROM assessments a JOIN criteria_tables t ON t.id = a.table_id AND t.kind = 'main'
			WHERE a.year = @year AND a.unit_id = m.unit_id ORDER BY a.id DESC LIMIT 1) f ON true
		WHERE u.id IN (SELECT unit_id FROM cluster_members WHERE year = @year
			UNION SELECT unnest(ARRAY[owner_unit_id, head_unit_id, deputy_unit_id, suggested_head_unit_id, suggested_deputy_unit_id, nominated_deputy_unit_id])
			FROM clusters WHERE year = @year)
		ORDER BY m.ord`, map[string]any{"year": year}).Scan(&us).Error; err != nil {
		return out, err
	}
	members := map[int64][]int64{}
	for _, u := range us {
		out.Units[u.U.ID] = u.U.unit()
		if u.MemberOf == nil {
			continue
		}
		members[*u.MemberOf] = append(members[*u.MemberOf], u.U.ID)
		m := MemberFiling{HasTable: u.HasTable, Status: scoring.NotStarted}
		if u.FilingID != nil {
			m.FilingID, m.Status, m.Totals, m.Stale = *u.FilingID, scoring.Status(*u.FilingStatus), u.T.totals(), u.T.TotalsStale
		}
		out.Members[u.U.ID] = m
	}
	for _, c := range cs {
		out.Clusters = append(out.Clusters, c.C.cluster(members[c.C.ID]))
		if c.PledgeID != nil {
			out.Pledges[c.C.ID] = PledgeState{PledgeID: *c.PledgeID, Status: cluster.PledgeStatus(*c.PledgeStatus),
				VersionNo: *c.PledgeVersionNo, Lines: *c.PledgeLines, Signed: *c.PledgeSigned}
		}
	}
	return out, nil
}
