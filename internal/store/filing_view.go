package store

import (
	"context"
	"database/sql"
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
// the kind of the self-assessment deadline. Its first row is the unit
// year with the table's and the filing's headers; then one row a
// criterion. Each part is read once and the plan stays small: a
// generic plan's start-up (every node set up on every execution) was as
// costly as running it.
const unitFilingSQL = `WITH RECURSIVE up(id, parent_id, depth) AS (
	-- OFFSET 0: a step up is one index probe, not a hash of all units (the generic plan's choice)
	SELECT id, parent_id, 0 FROM units WHERE id = $1
	UNION ALL SELECT p.id, p.parent_id, up.depth + 1 FROM up, LATERAL (SELECT id, parent_id FROM units WHERE id = up.parent_id OFFSET 0) p
		WHERE up.depth < 50),
	one AS (
	SELECT u.id AS u_id, u.code AS u_code, u.name AS u_name, u.type AS u_type, u.parent_id AS u_parent,
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
		coalesce((SELECT eu.full_name FROM users eu WHERE eu.id = e.created_by), '') AS full_name, e.created_at AS e_at,
		cur.id AS cur
	FROM units u
	LEFT JOIN cluster_members m ON m.unit_id = u.id AND m.year = $2
	LEFT JOIN clusters c ON c.id = m.cluster_id
	-- the table that applies through the cluster now: its own, else its level's for the unit's type, else for all
	LEFT JOIN LATERAL (SELECT t.id FROM criteria_tables t
		WHERE t.year = $2 AND t.kind = 'main' AND NOT t.superseded AND t.level = c.level
			AND (t.cluster_id = c.id OR (t.cluster_id IS NULL AND t.unit_type IN (u.type, '')))
		ORDER BY t.cluster_id IS NULL, t.unit_type = '', t.id DESC LIMIT 1) cur ON true
	LEFT JOIN emulation_years y ON y.year = $2
	LEFT JOIN LATERAL (SELECT * FROM deadline_extensions x WHERE x.year = $2 AND x.unit_id = u.id AND x.kind = $3
		ORDER BY x.id DESC LIMIT 1) e ON true
	WHERE u.id = $1),
	-- the unit's filing: against the current table, else its newest against a main table
	a AS (
	SELECT a.* FROM one, assessments a
	WHERE a.year = $2 AND a.unit_id = $1 AND one.c_id <> 0
		AND (a.table_id = one.cur OR (SELECT ct.kind FROM criteria_tables ct WHERE ct.id = a.table_id) = 'main')
	ORDER BY a.table_id = one.cur DESC NULLS LAST, a.id DESC LIMIT 1),
	tid AS (SELECT coalesce((SELECT table_id FROM a), (SELECT cur FROM one)) AS id)
	SELECT true, NULL::integer, NULL::bigint, o.u_id, o.u_code, o.u_name, o.u_type,
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
	false, CASE WHEN t.id IS NOT NULL THEN coalesce(o.cur, 0) ELSE 0 END,
	coalesce(t.id, 0), coalesce(t.year, 0), coalesce(t.name, ''), coalesce(t.kind, ''), coalesce(t.level, ''), coalesce(t.unit_type, ''),
	t.cluster_id, coalesce(t.version_no, 0), t.previous_id, coalesce(t.change_reason, ''), coalesce(t.superseded, false),
	coalesce(t.version, 0), t.created_at,
	-- min() over the (table_id, unit_id) key: one index probe; an EXISTS was planned as a scan of every filing
	t.id IS NOT NULL AND (SELECT min(x.unit_id) FROM assessments x WHERE x.table_id = t.id) IS NOT NULL,
	coalesce(a.id, 0), coalesce(a.table_id, 0), coalesce(a.unit_id, 0), coalesce(a.year, 0), coalesce(a.status, ''),
	a.submitted_at, a.returned_at, coalesce(a.return_reason, ''), a.reviewed_at, coalesce(a.version, 0),
	0::bigint, NULL::bigint, '', '', '', 0::float8, '', '', '', NULL::float8, NULL::float8, 0::float8, '', 0,
	false, NULL::float8, NULL::float8, NULL::float8, false, '', '', false, NULL::float8, NULL::float8, NULL::float8, false, '',
	false, 1::float8, ''
	FROM one o LEFT JOIN criteria_tables t ON t.id = (SELECT id FROM tid) LEFT JOIN a ON t.id IS NOT NULL
	UNION ALL
	SELECT false, c.ord, c.id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	c.id, c.parent_id, c.code, c.name, c.method, c.max::float8, c.numerator, c.denominator, c.direction,
	c.target_na::float8, c.target_sector::float8, c.exceed_bonus::float8, c.below, c.ord,
	e.criterion_id IS NOT NULL, e.self_score::float8, e.self_num::float8, e.self_den::float8, coalesce(e.self_not_arisen, false),
	coalesce(e.explanation, ''), coalesce(e.evidence, ''), coalesce(e.rev_set, false), e.rev_score::float8,
	e.rev_num::float8, e.rev_den::float8, coalesce(e.rev_not_arisen, false), coalesce(e.rev_comment, ''),
	adj.unit_id IS NOT NULL, coalesce(adj.share::float8, 1), coalesce(adj.reason, '')
	FROM criteria c
	LEFT JOIN assessment_entries e ON e.assessment_id = (SELECT id FROM a) AND e.criterion_id = c.id
	LEFT JOIN criterion_adjustments adj ON adj.criterion_id = c.id AND adj.unit_id = $1
	WHERE c.table_id = (SELECT id FROM tid)
	ORDER BY 1 DESC, 2, 3` // the header row, then by the criterion's ord and id

// UnitFiling reads, in one statement, a unit as one year sees it — its
// path, its cluster of the year (with its members), the year and the
// extension of its self-assessment deadline in force (Extensions holds
// that one only) — and its FilingSheet against the table that applies
// through that cluster (found false when none does, or the unit is in
// no cluster). NotFound when there is no such unit. The caller
// authorises on the unit year before it uses the sheet.
//
// The first row carries the unit year and the sheet's header, and no
// criterion; each criterion is a row of its own, with NULLs in the
// header's columns, which cost neither side a value and are not
// scanned. What the first row carries is coalesced so that it scans
// into plain fields, by position, as FilingSheet's rows.
func (s *Q) UnitFiling(ctx context.Context, year int, unitID int64) (uy UnitYear, sheet FilingSheet, found bool, err error) {
	if _, pool := s.db.Statement.ConnPool.(*sql.DB); pool {
		// Read with the request's session or token, if it asked (sent_reads.go);
		// never in a transaction, which reads in its own.
		if v, ok := takeSentRead(ctx, filingKey{year, unitID}); ok {
			f := v.(filingRead)
			return f.uy, f.sheet, f.found, nil
		}
	}
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
	// Each row starts with the sort keys (the header first, then the
	// criterion's ord and id): in front, a sort compares without walking
	// a hundred columns to reach them.
	dest := slices.Concat([]any{&here}, skipped(2), unitYear, []any{&crit}, header, criterion)
	rest := slices.Concat([]any{&here}, skipped(2), skipped(len(unitYear)), []any{&crit}, skipped(len(header)), criterion)
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
