package store

import (
	"cmp"
	"context"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5/pgtype"

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
// stored totals. Both statements are scanned by position below GORM, by
// pgx (readWithPgx): matching some 25 columns to embedded structs by
// reflection, for every unit of a national year, was a quarter of the
// ranking page's time.
func (s *Q) YearRanking(ctx context.Context, year int) (YearRanking, error) {
	var out YearRanking
	err := s.readWithPgx(ctx, func(query queryFunc) (err error) {
		out, err = yearRanking(query, year)
		return err
	})
	return out, err
}

func yearRanking(query queryFunc, year int) (YearRanking, error) {
	out := YearRanking{Pledges: map[int64]PledgeState{}, Units: map[int64]org.Unit{}, Members: map[int64]MemberFiling{}}
	// The year is written into both statements (an int: nothing to
	// escape) rather than passed as $1: a statement without parameters is
	// planned once per connection, for the year's own figures, where one
	// with $1 is planned anew for its first five executions on each
	// connection (PostgreSQL's custom plans, a millisecond or more each
	// under load) before a generic plan is settled on.
	y := strconv.Itoa(year)
	rows, done, err := query(`SELECT c.id, c.year, c.level, c.number, c.name, c.owner_unit_id, c.head_unit_id,
			c.deputy_unit_id, c.suggested_head_unit_id, c.suggested_deputy_unit_id, c.nominated_deputy_unit_id,
			c.designation_ref, c.follower_user_id, c.note, c.version,
			ps.pledge_id, ps.status, ps.version_no, ps.lines, ps.signed,
			(SELECT count(*) FROM cluster_members WHERE year = ` + y + `)
		FROM clusters c LEFT JOIN (` + pledgeStatesSQL(y) + `) ps ON ps.cluster_id = c.id
		WHERE c.year = ` + y + ` ORDER BY c.level DESC, c.owner_unit_id NULLS FIRST, c.number`)
	if err != nil {
		return out, err
	}
	defer done()
	type clusterLine struct {
		C      clusterRow
		Pledge *int64
		Status *string
		VNo    *int
		Lines  *int
		Signed *int
	}
	var cs []clusterLine
	n := 0 // the year's members: the maps below are made at about their size
	for rows.Next() {
		var l clusterLine
		c := &l.C
		if err := rows.Scan(&c.ID, &c.Year, &c.Level, &c.Number, &c.Name, &c.OwnerUnitID, &c.HeadUnitID,
			&c.DeputyUnitID, &c.SuggestedHeadUnitID, &c.SuggestedDeputyUnitID, &c.NominatedDeputyUnitID,
			&c.DesignationRef, &c.FollowerUserID, &c.Note, &c.Version,
			&l.Pledge, &l.Status, &l.VNo, &l.Lines, &l.Signed, &n); err != nil {
			return out, err
		}
		cs = append(cs, l)
	}
	if err := rows.Err(); err != nil {
		return out, err
	}
	done()
	if len(cs) == 0 {
		return out, nil
	}
	// Members, and the few other units the clusters name.
	out.Units, out.Members = make(map[int64]org.Unit, n+len(cs)), make(map[int64]MemberFiling, n)
	// The newest filing against a main table counts, as LatestFiling: the
	// year's filings are sorted once (DISTINCT ON) rather than looked up
	// and sorted unit by unit (a LATERAL subquery), half the statement's
	// time. Whether a table scores a member is tableAppliesSQL split in
	// two, worked out per cluster (ht) rather than per member: what
	// applies to every unit type of the cluster, and the unit types its
	// level's tables name. Its numeric totals come as float8: the driver
	// reads a numeric as a string for database/sql to parse, the same
	// value at more cost. The members are put in order below, in Go.
	rows, done, err = query(`SELECT u.id, u.code, u.name, u.type, u.parent_id, u.valid_from, u.valid_to, u.note, u.version,
			m.cluster_id, coalesce(m.ord, 0),
			coalesce(ht.any_type OR u.type = ANY (ht.types), false),
			f.id, f.status, f.self_total::float8, f.reviewed_total::float8, f.reviewed_deduction,
			f.reviewed_arisen, f.reviewed_met, f.reviewed_exceedable, f.reviewed_exceeded, coalesce(f.totals_stale, false)
		FROM units u
		LEFT JOIN cluster_members m ON m.unit_id = u.id AND m.year = ` + y + `
		LEFT JOIN (SELECT c.id,
				EXISTS (SELECT 1 FROM criteria_tables t WHERE t.year = c.year AND t.kind = 'main' AND NOT t.superseded AND t.level = c.level
					AND (t.cluster_id = c.id OR t.cluster_id IS NULL AND t.unit_type = '')) AS any_type,
				ARRAY(SELECT t.unit_type FROM criteria_tables t WHERE t.year = c.year AND t.kind = 'main' AND NOT t.superseded AND t.level = c.level
					AND t.cluster_id IS NULL) AS types
			FROM clusters c WHERE c.id IN (SELECT cluster_id FROM cluster_members WHERE year = ` + y + `)) ht ON ht.id = m.cluster_id
		LEFT JOIN (SELECT DISTINCT ON (a.unit_id) a.* FROM assessments a JOIN criteria_tables t ON t.id = a.table_id AND t.kind = 'main'
			WHERE a.year = ` + y + ` ORDER BY a.unit_id, a.id DESC) f ON f.unit_id = m.unit_id
		WHERE u.id IN (SELECT unit_id FROM cluster_members WHERE year = ` + y + `
			UNION SELECT unnest(ARRAY[owner_unit_id, head_unit_id, deputy_unit_id, suggested_head_unit_id, suggested_deputy_unit_id, nominated_deputy_unit_id])
			FROM clusters WHERE year = ` + y + `)`)
	if err != nil {
		return out, err
	}
	defer done()
	type member struct {
		cluster, unit int64
		ord           int
	}
	ms := make([]member, 0, n)
	// One set of destinations for every row, rather than some ten
	// allocations a row: Scan sets each of them on every row. The
	// nullable columns land in pgtype's values (a flag and the value)
	// rather than in pointers, which pgx fills by reflection.
	var u unitRow
	var parent, memberOf, filingID pgtype.Int8
	var memberOrd int
	var hasTable, stale bool
	var status pgtype.Text
	var self, total, deduction pgtype.Float8
	var arisen, met, exceedable, exceeded pgtype.Int4
	dest := []any{&u.ID, &u.Code, &u.Name, &u.Type, &parent, &u.ValidFrom, &u.ValidTo, &u.Note, &u.Version,
		&memberOf, &memberOrd, &hasTable, &filingID, &status, &self, &total, &deduction,
		&arisen, &met, &exceedable, &exceeded, &stale}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return out, err
		}
		u.ParentID = nil
		if parent.Valid {
			id := parent.Int64
			u.ParentID = &id
		}
		out.Units[u.ID] = u.unit()
		if !memberOf.Valid {
			continue
		}
		ms = append(ms, member{memberOf.Int64, u.ID, memberOrd})
		m := MemberFiling{HasTable: hasTable, Status: scoring.NotStarted}
		if filingID.Valid {
			// As totalsRow.totals reads them (a NULL value reads 0).
			var t scoring.FilingTotals
			t.Self = self.Float64
			if total.Valid {
				t.Reviewed = &scoring.Totals{Total: total.Float64, Deduction: deduction.Float64, Achievement: scoring.Achievement{
					Arisen: int(arisen.Int32), Met: int(met.Int32), Exceedable: int(exceedable.Int32), Exceeded: int(exceeded.Int32)}}
			}
			m.FilingID, m.Status, m.Totals, m.Stale = filingID.Int64, scoring.Status(status.String), t, stale
		}
		out.Members[u.ID] = m
	}
	if err := rows.Err(); err != nil {
		return out, err
	}
	// Each cluster's members in their order (cluster_members.ord).
	slices.SortFunc(ms, func(a, b member) int { return cmp.Or(cmp.Compare(a.ord, b.ord), cmp.Compare(a.unit, b.unit)) })
	members := map[int64][]int64{}
	for _, m := range ms {
		members[m.cluster] = append(members[m.cluster], m.unit)
	}
	for _, c := range cs {
		out.Clusters = append(out.Clusters, c.C.cluster(members[c.C.ID]))
		if c.Pledge != nil {
			out.Pledges[c.C.ID] = PledgeState{PledgeID: *c.Pledge, Status: cluster.PledgeStatus(*c.Status),
				VersionNo: *c.VNo, Lines: *c.Lines, Signed: *c.Signed}
		}
	}
	return out, nil
}
