package store

import (
	"context"
	"strconv"
	"strings"

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

// unitYearRow is one row of UnitYear's statement: the unit, cluster and
// year repeat on each of the unit's extensions.
type unitYearRow struct {
	U        unitRow `gorm:"embedded"`
	Path     string
	C        clusterRow        `gorm:"embedded;embeddedPrefix:c_"`
	Members  string            `gorm:"column:c_members"`
	Y        yearRow           `gorm:"embedded;embeddedPrefix:y_"`
	YearOpen bool              `gorm:"column:y_open"`
	E        DeadlineExtension `gorm:"embedded;embeddedPrefix:e_"`
}

// UnitYear reads a unit, its path, its cluster of the year (with its
// members), the year and the unit's extensions in one statement; NotFound
// when there is no such unit.
func (s *Q) UnitYear(ctx context.Context, year int, unitID int64) (UnitYear, error) {
	var rows []unitYearRow
	err := s.db.WithContext(ctx).Raw(`WITH RECURSIVE up(id, parent_id, depth) AS (
			SELECT id, parent_id, 0 FROM units WHERE id = @unit
			UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 50)
		SELECT u.*, (SELECT string_agg(id::text, ',' ORDER BY depth) FROM up) AS path,
			c.id AS c_id, c.year AS c_year, c.level AS c_level, c.number AS c_number, c.name AS c_name,
			c.owner_unit_id AS c_owner_unit_id, c.head_unit_id AS c_head_unit_id, c.deputy_unit_id AS c_deputy_unit_id,
			c.suggested_head_unit_id AS c_suggested_head_unit_id, c.suggested_deputy_unit_id AS c_suggested_deputy_unit_id,
			c.nominated_deputy_unit_id AS c_nominated_deputy_unit_id, c.designation_ref AS c_designation_ref,
			c.follower_user_id AS c_follower_user_id, c.note AS c_note, c.version AS c_version,
			(SELECT string_agg(cm.unit_id::text, ',' ORDER BY cm.ord) FROM cluster_members cm WHERE cm.cluster_id = c.id) AS c_members,
			y.year IS NOT NULL AS y_open, y.year AS y_year, y.title AS y_title, y.starts_on AS y_starts_on, y.ends_on AS y_ends_on,
			y.pledge_deadline AS y_pledge_deadline, y.registration_deadline AS y_registration_deadline,
			y.self_assessment_deadline AS y_self_assessment_deadline, y.review_deadline AS y_review_deadline,
			y.proposal_deadline AS y_proposal_deadline, y.version AS y_version,
			e.id AS e_id, e.year AS e_year, e.unit_id AS e_unit_id, u.name AS e_unit_name, e.kind AS e_kind, e.until AS e_until,
			e.reason AS e_reason, e.created_by AS e_created_by, coalesce(eu.full_name, '') AS e_full_name, e.created_at AS e_created_at
		FROM units u
		LEFT JOIN cluster_members m ON m.unit_id = u.id AND m.year = @year
		LEFT JOIN clusters c ON c.id = m.cluster_id
		LEFT JOIN emulation_years y ON y.year = @year
		LEFT JOIN deadline_extensions e ON e.year = @year AND e.unit_id = u.id
		LEFT JOIN users eu ON eu.id = e.created_by
		WHERE u.id = @unit
		ORDER BY e.id DESC`, map[string]any{"unit": unitID, "year": year}).Scan(&rows).Error
	if err != nil {
		return UnitYear{}, err
	}
	if len(rows) == 0 {
		return UnitYear{}, errs.New(errs.NotFound, "Không tìm thấy đơn vị.")
	}
	r := rows[0]
	out := UnitYear{Unit: r.U.unit(), Path: ids(r.Path), Extensions: []DeadlineExtension{}}
	if r.C.ID != 0 {
		c := r.C.cluster(ids(r.Members))
		out.Cluster = &c
	}
	if r.YearOpen {
		y := r.Y.year()
		out.Year = &y
	}
	for _, r := range rows {
		if r.E.ID != 0 {
			out.Extensions = append(out.Extensions, r.E)
		}
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
// table's header, the filing's header, the unit's entry and adjustment.
type filingSheetRow struct {
	Current   int64 // the table that applies now; 0: none
	T         scoring.TableInfo
	A         assessmentRow
	C         criterionRow
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
	// coalesced so they scan into the rows' plain fields.
	res, err := s.db.WithContext(ctx).Raw(`WITH cur AS (
			SELECT id FROM criteria_tables
			WHERE year = @year AND kind = 'main' AND NOT superseded AND level = @level
				AND (cluster_id = @cluster OR (cluster_id IS NULL AND unit_type IN (@type, '')))
			ORDER BY cluster_id IS NULL, unit_type = '', id DESC LIMIT 1),
		a AS (
			SELECT a.* FROM assessments a JOIN criteria_tables ct ON ct.id = a.table_id
			WHERE a.year = @year AND a.unit_id = @unit AND (a.table_id = (SELECT id FROM cur) OR ct.kind = 'main')
			ORDER BY a.table_id = (SELECT id FROM cur) DESC NULLS LAST, a.id DESC LIMIT 1)
		SELECT coalesce((SELECT id FROM cur), 0),
			t.id, t.year, t.name, t.kind, t.level, t.unit_type, t.cluster_id, t.version_no, t.previous_id,
			t.change_reason, t.superseded, t.version, t.created_at, EXISTS (SELECT 1 FROM assessments x WHERE x.table_id = t.id),
			coalesce(a.id, 0), coalesce(a.table_id, 0), coalesce(a.unit_id, 0), coalesce(a.year, 0), coalesce(a.status, ''),
			a.submitted_at, a.returned_at, coalesce(a.return_reason, ''), a.reviewed_at, coalesce(a.version, 0),
			c.id, c.table_id, c.parent_id, c.code, c.name, c.method, c.max, c.numerator, c.denominator, c.direction,
			c.target_na, c.target_sector, c.exceed_bonus, c.below, c.ord,
			e.self_score, e.self_num, e.self_den, coalesce(e.self_not_arisen, false),
			coalesce(e.explanation, ''), coalesce(e.evidence, ''), coalesce(e.rev_set, false), e.rev_score,
			e.rev_num, e.rev_den, coalesce(e.rev_not_arisen, false), coalesce(e.rev_comment, ''),
			coalesce(e.assessment_id, 0), coalesce(e.criterion_id, 0),
			adj.unit_id IS NOT NULL, coalesce(adj.share, 1), coalesce(adj.reason, '')
		FROM criteria_tables t
		LEFT JOIN a ON true
		JOIN criteria c ON c.table_id = t.id
		LEFT JOIN assessment_entries e ON e.assessment_id = a.id AND e.criterion_id = c.id
		LEFT JOIN criterion_adjustments adj ON adj.criterion_id = c.id AND adj.unit_id = @unit
		WHERE t.id = coalesce((SELECT table_id FROM a), (SELECT id FROM cur))
		ORDER BY c.ord, c.id`,
		map[string]any{"year": year, "level": level, "cluster": clusterID, "type": unitType, "unit": unitID}).Rows()
	if err != nil {
		return FilingSheet{}, err
	}
	defer res.Close()
	var rows []filingSheetRow
	for res.Next() {
		var r filingSheetRow
		t, a, c, e := &r.T, &r.A, &r.C, &r.E
		if err := res.Scan(&r.Current,
			&t.ID, &t.Year, &t.Name, &t.Kind, &t.Level, &t.UnitType, &t.ClusterID, &t.VersionNo, &t.PreviousID,
			&t.ChangeReason, &t.Superseded, &t.Version, &t.CreatedAt, &t.Frozen,
			&a.ID, &a.TableID, &a.UnitID, &a.Year, &a.Status,
			&a.SubmittedAt, &a.ReturnedAt, &a.ReturnReason, &a.ReviewedAt, &a.Version,
			&c.ID, &c.TableID, &c.ParentID, &c.Code, &c.Name, &c.Method, &c.Max, &c.Numerator, &c.Denominator, &c.Direction,
			&c.TargetNA, &c.TargetSector, &c.ExceedBonus, &c.Below, &c.Ord,
			&e.SelfScore, &e.SelfNum, &e.SelfDen, &e.SelfNotArisen,
			&e.Explanation, &e.Evidence, &e.RevSet, &e.RevScore,
			&e.RevNum, &e.RevDen, &e.RevNotArisen, &e.RevComment,
			&e.AssessmentID, &e.CriterionID,
			&r.AdjSet, &r.AdjShare, &r.AdjReason); err != nil {
			return FilingSheet{}, err
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
	for _, r := range rows {
		out.Table.Criteria = append(out.Table.Criteria, r.C.criterion())
		if r.E.AssessmentID != 0 {
			r.E.addTo(out.Filing)
		}
		if r.AdjSet {
			out.Adjustments[r.C.ID] = scoring.Adjustment{CriterionID: r.C.ID, Share: r.AdjShare, Reason: r.AdjReason}
		}
	}
	return out, nil
}
