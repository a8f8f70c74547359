package store

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/scoring"
)

// The filing pages read everything they show in one statement, whatever
// the number of units: UnitFiling (who, when and what).

// UnitYear is a unit as one year sees it: its path up the tree, its
// cluster of the year, the year and the unit's deadline extensions.
type UnitYear struct {
	Unit       org.Unit
	Path       []int64             // the unit first
	Cluster    *cluster.Cluster    // nil: in no cluster that year
	Year       *cluster.Year       // nil: the year is not open
	Extensions []DeadlineExtension // newest first
}

// unitFilingSQL is UnitFiling's statement: $1 the unit, $2 the year, $3
// the kind of the self-assessment deadline.
const unitFilingSQL = `WITH RECURSIVE up(id, parent_id, depth) AS (
	-- OFFSET 0: a step up is one index probe, not a hash of all units (the generic plan's choice)
	SELECT id, parent_id, 0 FROM units WHERE id = $1
	UNION ALL SELECT p.id, p.parent_id, up.depth + 1 FROM up, LATERAL (SELECT id, parent_id FROM units WHERE id = up.parent_id OFFSET 0) p
		WHERE up.depth < 50),
	m AS (SELECT cluster_id FROM cluster_members WHERE unit_id = $1 AND year = $2),
	cur AS (
	SELECT t.id FROM criteria_tables t JOIN clusters c ON c.id = (SELECT cluster_id FROM m) JOIN units u ON u.id = $1
	WHERE t.year = $2 AND t.kind = 'main' AND NOT t.superseded AND t.level = c.level
		AND (t.cluster_id = c.id OR (t.cluster_id IS NULL AND t.unit_type IN (u.type, '')))
	ORDER BY t.cluster_id IS NULL, t.unit_type = '', t.id DESC LIMIT 1),
	a AS (
	SELECT a.* FROM assessments a JOIN criteria_tables ct ON ct.id = a.table_id
	WHERE a.year = $2 AND a.unit_id = $1 AND (a.table_id = (SELECT id FROM cur) OR ct.kind = 'main')
		AND EXISTS (SELECT 1 FROM m)
	ORDER BY a.table_id = (SELECT id FROM cur) DESC NULLS LAST, a.id DESC LIMIT 1),
	tid AS (SELECT coalesce((SELECT table_id FROM a), (SELECT id FROM cur)) AS id),
	head AS (SELECT id FROM criteria WHERE table_id = (SELECT id FROM tid) ORDER BY ord, id LIMIT 1),
	one AS (
	SELECT true AS here, u.id AS u_id, u.code AS u_code, u.name AS u_name, u.type AS u_type, u.parent_id AS u_parent,
		u.valid_from AS u_from, u.valid_to AS u_to, u.note AS u_note, u.version AS u_version,
		coalesce((SELECT string_agg(id::text, ',' ORDER BY depth) FROM up), '') AS path,
		coalesce(c.id, 0) AS c_id, coalesce(c.year, 0) AS c_year, coalesce(c.level, '') AS c_level, coalesce(c.number, 0) AS c_number,
		coalesce(c.name, '') AS c_name,
		c.owner_unit_id, c.head_unit_id, c.deputy_unit_id, c.suggested_head_unit_id, c.suggested_deputy_unit_id,
		c.nominated_deputy_unit_id, coalesce(c.designation_ref, '') AS designation_ref, c.follower_user_id,
		coalesce(c.note, '') AS c_note, coalesce(c.version, 0) AS c_version,
		coalesce((SELECT string_agg(cm.unit_id::text, ',' ORDER BY cm.ord) FROM cluster_members cm WHERE cm.cluster_id = c.id), '') AS members,
		y.year IS NOT NULL AS open, coalesce(y.year, 0) AS y_year, coalesce(y.title, '') AS title, y.starts_on, y.ends_on,
		y.pledge_deadline, y.registration_deadline, y.self_assessment_deadline, y.review_deadline, y.proposal_deadline,
		coalesce(y.version, 0) AS y_version,
		coalesce(e.id, 0) AS e_id, coalesce(e.kind, '') AS e_kind, e.until, coalesce(e.reason, '') AS e_reason, e.created_by,
		coalesce(eu.full_name, '') AS full_name, e.created_at AS e_at
	FROM units u
	LEFT JOIN clusters c ON c.id = (SELECT cluster_id FROM m)
	LEFT JOIN emulation_years y ON y.year = $2
	LEFT JOIN LATERAL (SELECT * FROM deadline_extensions x WHERE x.year = $2 AND x.unit_id = u.id AND x.kind = $3
		ORDER BY x.id DESC LIMIT 1) e ON true
	LEFT JOIN users eu ON eu.id = e.created_by
	WHERE u.id = $1),
	sheet AS (
	SELECT t.id IS NOT NULL AS first, CASE WHEN t.id IS NOT NULL THEN (SELECT id FROM cur) END AS cur,
		t.id AS t_id, t.year AS t_year, t.name AS t_name, t.kind AS t_kind, t.level AS t_level,
		t.unit_type AS t_unit_type, t.cluster_id AS t_cluster, t.version_no, t.previous_id,
		t.change_reason, t.superseded, t.version AS t_version, t.created_at AS t_at,
		-- min() over the (table_id, unit_id) key: one index probe; the EXISTS it replaces was planned as a
		-- scan of every filing (its matches lie late in the heap)
		t.id IS NOT NULL AND (SELECT min(x.unit_id) FROM assessments x WHERE x.table_id = t.id) IS NOT NULL AS frozen,
		a.id AS a_id, a.table_id AS a_table, a.unit_id AS a_unit, a.year AS a_year, a.status,
		a.submitted_at, a.returned_at, a.return_reason, a.reviewed_at, a.version AS a_version,
		c.id, c.parent_id, c.code, c.name, c.method, c.max::float8 AS max, c.numerator, c.denominator, c.direction,
		c.target_na::float8 AS target_na, c.target_sector::float8 AS target_sector, c.exceed_bonus::float8 AS exceed_bonus, c.below, c.ord,
		e.criterion_id IS NOT NULL AS entry, e.self_score::float8 AS self_score, e.self_num::float8 AS self_num,
		e.self_den::float8 AS self_den, e.self_not_arisen, e.explanation, e.evidence, e.rev_set, e.rev_score::float8 AS rev_score,
		e.rev_num::float8 AS rev_num, e.rev_den::float8 AS rev_den, e.rev_not_arisen, e.rev_comment,
		adj.unit_id IS NOT NULL AS adj_set, adj.share::float8 AS share, adj.reason AS adj_reason
	FROM criteria c
	LEFT JOIN criteria_tables t ON t.id = c.table_id AND c.id = (SELECT id FROM head)
	LEFT JOIN a ON t.id IS NOT NULL
	LEFT JOIN assessment_entries e ON e.assessment_id = (SELECT id FROM a) AND e.criterion_id = c.id
	LEFT JOIN criterion_adjustments adj ON adj.criterion_id = c.id AND adj.unit_id = $1
	WHERE c.table_id = (SELECT id FROM tid))
	SELECT coalesce(o.here, false), o.u_id, o.u_code, o.u_name, o.u_type,
	o.u_parent, o.u_from, o.u_to, o.u_note, o.u_version, o.path,
	o.c_id, o.c_year, o.c_level, o.c_number, o.c_name,
	o.owner_unit_id, o.head_unit_id, o.deputy_unit_id, o.suggested_head_unit_id, o.suggested_deputy_unit_id,
	o.nominated_deputy_unit_id, o.designation_ref, o.follower_user_id, o.c_note, o.c_version,
	o.members,
	o.open, o.y_year, o.title, o.starts_on, o.ends_on,
	o.pledge_deadline, o.registration_deadline, o.self_assessment_deadline, o.review_deadline, o.proposal_deadline,
	o.y_version,
	o.e_id, o.e_kind, o.until, o.e_reason, o.created_by,
	o.full_name, o.e_at,
	s.id IS NOT NULL, CASE WHEN o.here THEN coalesce(s.cur, 0) END,
	CASE WHEN o.here THEN coalesce(s.t_id, 0) END, CASE WHEN o.here THEN coalesce(s.t_year, 0) END,
	CASE WHEN o.here THEN coalesce(s.t_name, '') END, CASE WHEN o.here THEN coalesce(s.t_kind, '') END,
	CASE WHEN o.here THEN coalesce(s.t_level, '') END, CASE WHEN o.here THEN coalesce(s.t_unit_type, '') END,
	s.t_cluster, CASE WHEN o.here THEN coalesce(s.version_no, 0) END, s.previous_id,
	CASE WHEN o.here THEN coalesce(s.change_reason, '') END, CASE WHEN o.here THEN coalesce(s.superseded, false) END,
	CASE WHEN o.here THEN coalesce(s.t_version, 0) END, s.t_at, CASE WHEN o.here THEN coalesce(s.frozen, false) END,
	CASE WHEN o.here THEN coalesce(s.a_id, 0) END, CASE WHEN o.here THEN coalesce(s.a_table, 0) END,
	CASE WHEN o.here THEN coalesce(s.a_unit, 0) END, CASE WHEN o.here THEN coalesce(s.a_year, 0) END,
	CASE WHEN o.here THEN coalesce(s.status, '') END,
	s.submitted_at, s.returned_at, CASE WHEN o.here THEN coalesce(s.return_reason, '') END, s.reviewed_at,
	CASE WHEN o.here THEN coalesce(s.a_version, 0) END,
	coalesce(s.id, 0), s.parent_id, coalesce(s.code, ''), coalesce(s.name, ''), coalesce(s.method, ''), coalesce(s.max, 0),
	coalesce(s.numerator, ''), coalesce(s.denominator, ''), coalesce(s.direction, ''),
	s.target_na, s.target_sector, coalesce(s.exceed_bonus, 0), coalesce(s.below, ''), coalesce(s.ord, 0),
	coalesce(s.entry, false), s.self_score, s.self_num, s.self_den, coalesce(s.self_not_arisen, false),
	coalesce(s.explanation, ''), coalesce(s.evidence, ''), coalesce(s.rev_set, false), s.rev_score,
	s.rev_num, s.rev_den, coalesce(s.rev_not_arisen, false), coalesce(s.rev_comment, ''),
	coalesce(s.adj_set, false), coalesce(s.share, 1), coalesce(s.adj_reason, '')
	FROM sheet s FULL JOIN one o ON o.here = s.first
	ORDER BY o.here, s.ord, s.id`

// UnitFiling reads, in one statement, a unit as one year sees it — its
// path, its cluster of the year (with its members), the year and the
// extension of its self-assessment deadline in force (Extensions holds
// that one only) — and its FilingSheet against the table that applies
// through that cluster (found false when none does, or the unit is in
// no cluster). NotFound when there is no such unit. The caller
// authorises on the unit year before it uses the sheet.
//
// One row carries the unit year and the sheet's header: the sheet's
// first criterion, or a row of its own when there is no sheet (FULL
// JOIN), ordered first. The other rows carry NULLs there, which cost
// neither side a value, and are not scanned. What the first row carries
// is coalesced so that it scans into plain fields, by position, as
// FilingSheet's rows.
func (s *Q) UnitFiling(ctx context.Context, year int, unitID int64) (uy UnitYear, sheet FilingSheet, found bool, err error) {
	// Sent through the connection, not GORM: building the named
	// parameters of this long text was a tenth of the page's Go time.
	// Its 32 rows of 101 columns are scanned by pgx itself outside a
	// transaction (readWithPgx): database/sql's conversion of them was a
	// fifth of a save's Go time.
	err = s.readWithPgx(ctx, func(query queryFunc) error {
		res, done, err := query(unitFilingSQL, unitID, year, string(cluster.DeadlineSelfAssessment))
		if err != nil {
			return err
		}
		defer done()
		uy, sheet, found, err = readUnitFiling(res, skipFor(res), year, unitID)
		return err
	})
	return uy, sheet, found, err
}

// readUnitFiling reads UnitFiling's rows; skip is the destination that
// scans a column into nothing (nil for pgx).
func readUnitFiling(res positionalRows, skip any, year int, unitID int64) (UnitYear, FilingSheet, bool, error) {
	var (
		uy                UnitYear
		u                 unitRow
		validFrom         *time.Time
		path, members     string
		c                 clusterRow
		y                 yearRow
		here, open, crit  bool
		starts, ends      *time.Time
		e                 DeadlineExtension
		until, extendedAt *time.Time
	)
	// The sheet is built row by row, its rows scanned into one variable:
	// a slice of them was a third of the bytes the read allocated.
	var (
		sheet        FilingSheet
		first, found bool // the first criterion seen; it had a current table
		r            filingSheetRow
		created      *time.Time
		t, a, cr, en = &r.T, &r.A, &r.C, &r.E
	)
	// The unit year and the sheet's header are on the first row only (the
	// statement's order), NULL on the others: those are not scanned again.
	unitYear := []any{&u.ID, &u.Code, &u.Name, &u.Type, &u.ParentID, &validFrom, &u.ValidTo, &u.Note, &u.Version, &path,
		&c.ID, &c.Year, &c.Level, &c.Number, &c.Name,
		&c.OwnerUnitID, &c.HeadUnitID, &c.DeputyUnitID, &c.SuggestedHeadUnitID, &c.SuggestedDeputyUnitID,
		&c.NominatedDeputyUnitID, &c.DesignationRef, &c.FollowerUserID, &c.Note, &c.Version, &members,
		&open, &y.Year, &y.Title, &starts, &ends,
		&y.PledgeDeadline, &y.RegistrationDeadline, &y.SelfAssessmentDeadline, &y.ReviewDeadline, &y.ProposalDeadline, &y.Version,
		&e.ID, &e.Kind, &until, &e.Reason, &e.CreatedBy, &e.FullName, &extendedAt}
	header := []any{&r.Current,
		&t.ID, &t.Year, &t.Name, &t.Kind, &t.Level, &t.UnitType, &t.ClusterID, &t.VersionNo, &t.PreviousID,
		&t.ChangeReason, &t.Superseded, &t.Version, &created, &t.Frozen,
		&a.ID, &a.TableID, &a.UnitID, &a.Year, &a.Status,
		&a.SubmittedAt, &a.ReturnedAt, &a.ReturnReason, &a.ReviewedAt, &a.Version}
	criterion := []any{&cr.ID, &cr.ParentID, &cr.Code, &cr.Name, &cr.Method, &cr.Max, &cr.Numerator, &cr.Denominator, &cr.Direction,
		&cr.TargetNA, &cr.TargetSector, &cr.ExceedBonus, &cr.Below, &cr.Ord,
		&r.Entry, &en.SelfScore, &en.SelfNum, &en.SelfDen, &en.SelfNotArisen,
		&en.Explanation, &en.Evidence, &en.RevSet, &en.RevScore,
		&en.RevNum, &en.RevDen, &en.RevNotArisen, &en.RevComment,
		&r.AdjSet, &r.AdjShare, &r.AdjReason}
	skipped := func(n int) []any { return slices.Repeat([]any{skip}, n) }
	dest := slices.Concat([]any{&here}, unitYear, []any{&crit}, header, criterion)
	rest := slices.Concat([]any{&here}, skipped(len(unitYear)), []any{&crit}, skipped(len(header)), criterion)
	for row := dest; res.Next(); row = rest {
		if err := res.Scan(row...); err != nil {
			return UnitYear{}, FilingSheet{}, false, err
		}
		if here {
			u.ValidFrom = *validFrom
			uy.Unit, uy.Path = u.unit(), ids(path)
			if c.ID != 0 {
				cl := c.cluster(ids(members))
				uy.Cluster = &cl
			}
			if open {
				y.StartsOn, y.EndsOn = *starts, *ends
				yr := y.year()
				uy.Year = &yr
			}
			uy.Extensions = []DeadlineExtension{}
			if e.ID != 0 {
				e.Year, e.UnitID, e.UnitName, e.Until, e.CreatedAt = year, unitID, u.Name, *until, *extendedAt
				uy.Extensions = append(uy.Extensions, e)
			}
		}
		if created != nil {
			t.CreatedAt = *created
		}
		if crit && !first {
			first = true
			sheet, found = newFilingSheet(r, unitID)
		}
		if crit && found {
			sheet.add(r)
		}
	}
	if err := res.Err(); err != nil {
		return UnitYear{}, FilingSheet{}, false, err
	}
	if uy.Unit.ID == 0 {
		return UnitYear{}, FilingSheet{}, false, errs.New(errs.NotFound, "Không tìm thấy đơn vị.")
	}
	return uy, sheet, found, nil
}

// ids reads a comma-separated list of ids.
func ids(s string) []int64 {
	var out []int64
	for f := range strings.SplitSeq(s, ",") {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// FilingSheet is a unit's filing with its table and the unit's
// adjustments.
type FilingSheet struct {
	Info        scoring.TableInfo
	Table       scoring.Table
	Filing      scoring.Filing
	Adjustments map[int64]scoring.Adjustment
}

// filingSheetRow is one criterion of FilingSheet's statement, with the
// unit's entry and adjustment; the first also has the table's header and
// the filing's.
type filingSheetRow struct {
	Current   int64 // the table that applies now; 0: none
	T         scoring.TableInfo
	A         assessmentRow
	C         criterionRow
	Entry     bool // the unit has an entry on the row (E)
	E         entryRow
	AdjSet    bool
	AdjShare  float64
	AdjReason string
}

// newFilingSheet starts a sheet from its first row, which has the table's
// and the filing's headers; found false when no table applies.
func newFilingSheet(r filingSheetRow, unitID int64) (FilingSheet, bool) {
	if r.Current == 0 {
		return FilingSheet{}, false
	}
	out := FilingSheet{Info: r.T, Adjustments: map[int64]scoring.Adjustment{}}
	out.Table = scoring.Table{ID: out.Info.ID, Year: out.Info.Year, Name: out.Info.Name, Criteria: make([]scoring.Criterion, 0, 64)}
	if r.A.ID != 0 {
		out.Filing = r.A.filing()
	} else {
		out.Filing = scoring.Filing{TableID: out.Info.ID, UnitID: unitID, Year: out.Info.Year, Status: scoring.NotStarted,
			Self: map[int64]scoring.Entry{}, Review: map[int64]scoring.Review{}}
	}
	return out, true
}

// add adds a row's criterion, with the unit's entry and adjustment on it.
func (out *FilingSheet) add(r filingSheetRow) {
	out.Table.Criteria = append(out.Table.Criteria, r.C.criterion())
	if r.Entry {
		r.E.AssessmentID, r.E.CriterionID = out.Filing.ID, r.C.ID
		r.E.addTo(out.Filing)
	}
	if r.AdjSet {
		out.Adjustments[r.C.ID] = scoring.Adjustment{CriterionID: r.C.ID, Share: r.AdjShare, Reason: r.AdjReason}
	}
}
