package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/scoring"
)

// The filing pages read everything they show in two statements, whatever
// the number of units: UnitYear (who and when) and FilingSheet (what).

// UnitYear is a unit as one year sees it: its path up the tree, its
// cluster of the year, the year and the unit's deadline extensions.
type UnitYear struct {
	Unit       org.Unit
	Path       []int64             // the unit first
	Cluster    *cluster.Cluster    // nil: in no cluster that year
	Year       *cluster.Year       // nil: the year is not open
	Extensions []DeadlineExtension // newest first
}

// UnitYear reads a unit, its path, its cluster of the year (with its
// members), the year and the unit's extensions in one statement; NotFound
// when there is no such unit. The unit, cluster and year repeat on each
// of the unit's extensions. Scanned by position, as FilingSheet is: the
// LEFT JOINed columns are coalesced, or scanned into pointers.
func (s *Q) UnitYear(ctx context.Context, year int, unitID int64) (UnitYear, error) {
	res, err := s.db.WithContext(ctx).Raw(`WITH RECURSIVE up(id, parent_id, depth) AS (
			SELECT id, parent_id, 0 FROM units WHERE id = @unit
			UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 50)
		SELECT u.id, u.code, u.name, u.type, u.parent_id, u.valid_from, u.valid_to, u.note, u.version,
			(SELECT string_agg(id::text, ',' ORDER BY depth) FROM up),
			coalesce(c.id, 0), coalesce(c.year, 0), coalesce(c.level, ''), coalesce(c.number, 0), coalesce(c.name, ''),
			c.owner_unit_id, c.head_unit_id, c.deputy_unit_id, c.suggested_head_unit_id, c.suggested_deputy_unit_id,
			c.nominated_deputy_unit_id, coalesce(c.designation_ref, ''), c.follower_user_id, coalesce(c.note, ''), coalesce(c.version, 0),
			coalesce((SELECT string_agg(cm.unit_id::text, ',' ORDER BY cm.ord) FROM cluster_members cm WHERE cm.cluster_id = c.id), ''),
			y.year IS NOT NULL, coalesce(y.year, 0), coalesce(y.title, ''), y.starts_on, y.ends_on,
			y.pledge_deadline, y.registration_deadline, y.self_assessment_deadline, y.review_deadline, y.proposal_deadline,
			coalesce(y.version, 0),
			coalesce(e.id, 0), coalesce(e.kind, ''), e.until, coalesce(e.reason, ''), e.created_by,
			coalesce(eu.full_name, ''), e.created_at
		FROM units u
		LEFT JOIN cluster_members m ON m.unit_id = u.id AND m.year = @year
		LEFT JOIN clusters c ON c.id = m.cluster_id
		LEFT JOIN emulation_years y ON y.year = @year
		LEFT JOIN deadline_extensions e ON e.year = @year AND e.unit_id = u.id
		LEFT JOIN users eu ON eu.id = e.created_by
		WHERE u.id = @unit
		ORDER BY e.id DESC`, map[string]any{"unit": unitID, "year": year}).Rows()
	if err != nil {
		return UnitYear{}, err
	}
	defer res.Close()
	var (
		out               UnitYear
		u                 unitRow
		path, members     string
		c                 clusterRow
		y                 yearRow
		open              bool
		starts, ends      *time.Time
		e                 DeadlineExtension
		until, extendedAt *time.Time
		found             bool
	)
	out.Extensions = []DeadlineExtension{}
	for res.Next() {
		if err := res.Scan(&u.ID, &u.Code, &u.Name, &u.Type, &u.ParentID, &u.ValidFrom, &u.ValidTo, &u.Note, &u.Version, &path,
			&c.ID, &c.Year, &c.Level, &c.Number, &c.Name,
			&c.OwnerUnitID, &c.HeadUnitID, &c.DeputyUnitID, &c.SuggestedHeadUnitID, &c.SuggestedDeputyUnitID,
			&c.NominatedDeputyUnitID, &c.DesignationRef, &c.FollowerUserID, &c.Note, &c.Version, &members,
			&open, &y.Year, &y.Title, &starts, &ends,
			&y.PledgeDeadline, &y.RegistrationDeadline, &y.SelfAssessmentDeadline, &y.ReviewDeadline, &y.ProposalDeadline, &y.Version,
			&e.ID, &e.Kind, &until, &e.Reason, &e.CreatedBy, &e.FullName, &extendedAt); err != nil {
			return UnitYear{}, err
		}
		if !found {
			found = true
			out.Unit, out.Path = u.unit(), ids(path)
			if c.ID != 0 {
				cl := c.cluster(ids(members))
				out.Cluster = &cl
			}
			if open {
				y.StartsOn, y.EndsOn = *starts, *ends
				yr := y.year()
				out.Year = &yr
			}
		}
		if e.ID != 0 {
			e.Year, e.UnitID, e.UnitName, e.Until, e.CreatedAt = year, unitID, u.Name, *until, *extendedAt
			out.Extensions = append(out.Extensions, e)
		}
	}
	if err := res.Err(); err != nil {
		return UnitYear{}, err
	}
	if !found {
		return UnitYear{}, errs.New(errs.NotFound, "Không tìm thấy đơn vị.")
	}
	return out, nil
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

// FilingSheet reads, in one statement, the filing of a unit in a year
// against the current main table that applies to it (TableFor's rule) —
// or, when the unit filed against an earlier version of a table, that
// filing with its version — and the unit's adjustments in that table. A
// unit that has not filed gets a new, unsaved filing (ID 0, not started).
func (s *Q) FilingSheet(ctx context.Context, year int, level string, clusterID int64, unitType string, unitID int64) (FilingSheet, error) {
	// Scanned by position, not by GORM: matching some 60 columns to
	// fields by reflection, row after row, was a fifth of the filing
	// page's and the draft save's time. The LEFT JOINed columns are
	// coalesced so they scan into the rows' plain fields. The table's and
	// the filing's headers come on the first row only (the others carry
	// NULLs, read as zeros), and numbers come as float8 rather than as
	// numeric's text: each value the driver hands database/sql is an
	// allocation, and those repeated headers were most of them.
	res, err := s.db.WithContext(ctx).Raw(`WITH cur AS (
			SELECT id FROM criteria_tables
			WHERE year = @year AND kind = 'main' AND NOT superseded AND level = @level
				AND (cluster_id = @cluster OR (cluster_id IS NULL AND unit_type IN (@type, '')))
			ORDER BY cluster_id IS NULL, unit_type = '', id DESC LIMIT 1),
		a AS (
			SELECT a.* FROM assessments a JOIN criteria_tables ct ON ct.id = a.table_id
			WHERE a.year = @year AND a.unit_id = @unit AND (a.table_id = (SELECT id FROM cur) OR ct.kind = 'main')
			ORDER BY a.table_id = (SELECT id FROM cur) DESC NULLS LAST, a.id DESC LIMIT 1),
		tid AS (SELECT coalesce((SELECT table_id FROM a), (SELECT id FROM cur)) AS id),
		head AS (SELECT id FROM criteria WHERE table_id = (SELECT id FROM tid) ORDER BY ord, id LIMIT 1)
		SELECT CASE WHEN t.id IS NOT NULL THEN coalesce((SELECT id FROM cur), 0) ELSE 0 END,
			coalesce(t.id, 0), coalesce(t.year, 0), coalesce(t.name, ''), coalesce(t.kind, ''), coalesce(t.level, ''),
			coalesce(t.unit_type, ''), t.cluster_id, coalesce(t.version_no, 0), t.previous_id,
			coalesce(t.change_reason, ''), coalesce(t.superseded, false), coalesce(t.version, 0), t.created_at,
			t.id IS NOT NULL AND EXISTS (SELECT 1 FROM assessments x WHERE x.table_id = t.id),
			coalesce(a.id, 0), coalesce(a.table_id, 0), coalesce(a.unit_id, 0), coalesce(a.year, 0), coalesce(a.status, ''),
			a.submitted_at, a.returned_at, coalesce(a.return_reason, ''), a.reviewed_at, coalesce(a.version, 0),
			c.id, c.parent_id, c.code, c.name, c.method, c.max::float8, c.numerator, c.denominator, c.direction,
			c.target_na::float8, c.target_sector::float8, c.exceed_bonus::float8, c.below, c.ord,
			e.criterion_id IS NOT NULL, e.self_score::float8, e.self_num::float8, e.self_den::float8, coalesce(e.self_not_arisen, false),
			coalesce(e.explanation, ''), coalesce(e.evidence, ''), coalesce(e.rev_set, false), e.rev_score::float8,
			e.rev_num::float8, e.rev_den::float8, coalesce(e.rev_not_arisen, false), coalesce(e.rev_comment, ''),
			adj.unit_id IS NOT NULL, coalesce(adj.share, 1)::float8, coalesce(adj.reason, '')
		FROM criteria c
		LEFT JOIN criteria_tables t ON t.id = c.table_id AND c.id = (SELECT id FROM head)
		LEFT JOIN a ON t.id IS NOT NULL
		LEFT JOIN assessment_entries e ON e.assessment_id = (SELECT id FROM a) AND e.criterion_id = c.id
		LEFT JOIN criterion_adjustments adj ON adj.criterion_id = c.id AND adj.unit_id = @unit
		WHERE c.table_id = (SELECT id FROM tid)
		ORDER BY c.ord, c.id`,
		map[string]any{"year": year, "level": level, "cluster": clusterID, "type": unitType, "unit": unitID}).Rows()
	if err != nil {
		return FilingSheet{}, err
	}
	defer res.Close()
	rows := make([]filingSheetRow, 0, 64)
	for res.Next() {
		var r filingSheetRow
		var created *time.Time
		t, a, c, e := &r.T, &r.A, &r.C, &r.E
		if err := res.Scan(&r.Current,
			&t.ID, &t.Year, &t.Name, &t.Kind, &t.Level, &t.UnitType, &t.ClusterID, &t.VersionNo, &t.PreviousID,
			&t.ChangeReason, &t.Superseded, &t.Version, &created, &t.Frozen,
			&a.ID, &a.TableID, &a.UnitID, &a.Year, &a.Status,
			&a.SubmittedAt, &a.ReturnedAt, &a.ReturnReason, &a.ReviewedAt, &a.Version,
			&c.ID, &c.ParentID, &c.Code, &c.Name, &c.Method, &c.Max, &c.Numerator, &c.Denominator, &c.Direction,
			&c.TargetNA, &c.TargetSector, &c.ExceedBonus, &c.Below, &c.Ord,
			&r.Entry, &e.SelfScore, &e.SelfNum, &e.SelfDen, &e.SelfNotArisen,
			&e.Explanation, &e.Evidence, &e.RevSet, &e.RevScore,
			&e.RevNum, &e.RevDen, &e.RevNotArisen, &e.RevComment,
			&r.AdjSet, &r.AdjShare, &r.AdjReason); err != nil {
			return FilingSheet{}, err
		}
		if created != nil {
			t.CreatedAt = *created
		}
		rows = append(rows, r)
	}
	if err := res.Err(); err != nil {
		return FilingSheet{}, err
	}
	if len(rows) == 0 || rows[0].Current == 0 {
		return FilingSheet{}, errs.New(errs.NotFound, "Chưa có bảng tiêu chí chấm điểm năm %d áp dụng cho đơn vị này.", year)
	}
	out := FilingSheet{Info: rows[0].T, Adjustments: map[int64]scoring.Adjustment{}}
	out.Table = scoring.Table{ID: out.Info.ID, Year: out.Info.Year, Name: out.Info.Name}
	if a := rows[0].A; a.ID != 0 {
		out.Filing = a.filing()
	} else {
		out.Filing = scoring.Filing{TableID: out.Info.ID, UnitID: unitID, Year: out.Info.Year, Status: scoring.NotStarted,
			Self: map[int64]scoring.Entry{}, Review: map[int64]scoring.Review{}}
	}
	out.Table.Criteria = make([]scoring.Criterion, 0, len(rows))
	for _, r := range rows {
		out.Table.Criteria = append(out.Table.Criteria, r.C.criterion())
		if r.Entry {
			r.E.AssessmentID, r.E.CriterionID = out.Filing.ID, r.C.ID
			r.E.addTo(out.Filing)
		}
		if r.AdjSet {
			out.Adjustments[r.C.ID] = scoring.Adjustment{CriterionID: r.C.ID, Share: r.AdjShare, Reason: r.AdjReason}
		}
	}
	return out, nil
}
