package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"thidua/internal/errs"
	"thidua/internal/scoring"
)

type assessmentRow struct {
	ID           int64
	TableID      int64
	UnitID       int64
	Year         int
	Status       string
	SubmittedAt  *time.Time
	ReturnedAt   *time.Time
	ReturnReason string
	ReviewedAt   *time.Time
	Version      int
}

func (assessmentRow) TableName() string { return "assessments" }

type entryRow struct {
	AssessmentID  int64    `json:"-"`
	CriterionID   int64    `json:"criterion_id"`
	SelfScore     *float64 `json:"self_score"`
	SelfNum       *float64 `json:"self_num"`
	SelfDen       *float64 `json:"self_den"`
	SelfNotArisen bool     `json:"self_not_arisen"`
	Explanation   string   `json:"explanation"`
	Evidence      string   `json:"evidence"`
	RevSet        bool     `json:"rev_set"`
	RevScore      *float64 `json:"rev_score"`
	RevNum        *float64 `json:"rev_num"`
	RevDen        *float64 `json:"rev_den"`
	RevNotArisen  bool     `json:"rev_not_arisen"`
	RevComment    string   `json:"rev_comment"`
}

func (entryRow) TableName() string { return "assessment_entries" }

func (r assessmentRow) filing() scoring.Filing {
	return scoring.Filing{ID: r.ID, TableID: r.TableID, UnitID: r.UnitID, Year: r.Year, Status: scoring.Status(r.Status),
		SubmittedAt: r.SubmittedAt, ReturnedAt: r.ReturnedAt, ReturnReason: r.ReturnReason, ReviewedAt: r.ReviewedAt,
		Self: map[int64]scoring.Entry{}, Review: map[int64]scoring.Review{}, Version: r.Version}
}

// ErrFilingChanged answers a write on a filing someone saved in between
// (the unit, the cluster head or the board may all be at it): it says
// that the writer's change was not saved, not merely that data changed.
var ErrFilingChanged = errs.New(errs.Conflict, "Bản tự chấm điểm vừa được người khác lưu (đơn vị, Cụm trưởng hoặc Hội đồng) sau khi anh/chị mở trang, "+
	"nên thay đổi của anh/chị chưa được lưu. Vui lòng xem dữ liệu mới nhất, kiểm tra rồi nhập lại và lưu.")

// Filing returns a unit's filing against a table, or a new, unsaved one
// (ID 0, status not started).
func (s *Q) Filing(ctx context.Context, tableID, unitID int64) (scoring.Filing, error) {
	var r assessmentRow
	err := s.db.WithContext(ctx).Where("table_id = ? AND unit_id = ?", tableID, unitID).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		info, err := s.TableInfo(ctx, tableID)
		return scoring.Filing{TableID: tableID, UnitID: unitID, Year: info.Year, Status: scoring.NotStarted,
			Self: map[int64]scoring.Entry{}, Review: map[int64]scoring.Review{}}, err
	}
	if err != nil {
		return scoring.Filing{}, err
	}
	m, err := s.filingsWithEntries(ctx, []assessmentRow{r})
	return m[r.ID], err
}

// FilingByID returns a filing by its id.
func (s *Q) FilingByID(ctx context.Context, id int64) (scoring.Filing, error) {
	var r assessmentRow
	if err := s.db.WithContext(ctx).Take(&r, id).Error; err != nil {
		return scoring.Filing{}, notFound(err, "bản tự chấm điểm")
	}
	m, err := s.filingsWithEntries(ctx, []assessmentRow{r})
	return m[r.ID], err
}

// LatestFiling returns a unit's newest filing against a main table of the
// year (a unit that filed against an earlier version of a table keeps that
// filing); ID 0 when there is none.
func (s *Q) LatestFiling(ctx context.Context, year int, unitID int64) (scoring.Filing, error) {
	var r assessmentRow
	err := s.db.WithContext(ctx).Table("assessments a").Select("a.*").Joins("JOIN criteria_tables t ON t.id = a.table_id").
		Where("a.year = ? AND a.unit_id = ? AND t.kind = 'main'", year, unitID).Order("a.id DESC").Limit(1).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return scoring.Filing{}, nil
	}
	if err != nil {
		return scoring.Filing{}, err
	}
	m, err := s.filingsWithEntries(ctx, []assessmentRow{r})
	return m[r.ID], err
}

// HasFilings reports whether any unit has started a filing on a table.
func (s *Q) HasFilings(ctx context.Context, tableID int64) (bool, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&assessmentRow{}).Where("table_id = ?", tableID).Count(&n).Error
	return n > 0, err
}

// YearFilings returns every filing of a year with its entries, by id.
func (s *Q) YearFilings(ctx context.Context, year int) (map[int64]scoring.Filing, error) {
	var rows []assessmentRow
	if err := s.db.WithContext(ctx).Where("year = ?", year).Find(&rows).Error; err != nil {
		return nil, err
	}
	return s.filingsWithEntries(ctx, rows)
}

func (s *Q) filingsWithEntries(ctx context.Context, rows []assessmentRow) (map[int64]scoring.Filing, error) {
	out := make(map[int64]scoring.Filing, len(rows))
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		out[r.ID] = r.filing()
		ids = append(ids, r.ID)
	}
	if len(ids) == 0 {
		return out, nil
	}
	var entries []entryRow
	// = ANY keeps a national year (hundreds of filings) within one parameter.
	if err := s.db.WithContext(ctx).Where("assessment_id = ANY(?::bigint[])", pgArray(ids)).Find(&entries).Error; err != nil {
		return nil, err
	}
	for _, e := range entries {
		e.addTo(out[e.AssessmentID])
	}
	return out, nil
}

// addTo puts the entry's two sides into its filing's maps.
func (e entryRow) addTo(f scoring.Filing) {
	f.Self[e.CriterionID] = scoring.Entry{CriterionID: e.CriterionID, Score: e.SelfScore, Numerator: e.SelfNum, Denominator: e.SelfDen,
		NotArisen: e.SelfNotArisen, Explanation: e.Explanation, Evidence: e.Evidence}
	if e.RevSet {
		f.Review[e.CriterionID] = scoring.Review{Score: e.RevScore, Numerator: e.RevNum, Denominator: e.RevDen, NotArisen: e.RevNotArisen, Comment: e.RevComment}
	}
}

// pgArray writes ids as a PostgreSQL array literal.
func pgArray(ids []int64) string {
	b := []byte{'{'}
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, '}'))
}

// SaveFiling writes a filing with its recorded changes, in one statement:
// its header (status, dates, stored totals) if f.Version still matches,
// its entries and the changes, stamped with the filing's id. before is
// the filing as loaded at that version (in the same transaction): only
// the rows that differ from it are sent and rewritten, rows no longer
// there are deleted. It returns the filing with its id and new version.
func (s *Q) SaveFiling(ctx context.Context, before, f scoring.Filing, totals scoring.FilingTotals, changes []ScoreChange) (scoring.Filing, error) {
	kept := entryIDs(f)
	changed := []entryRow{} // never JSON null
	for _, id := range kept {
		r, _ := entryRowOf(f, id)
		if o, ok := entryRowOf(before, id); !ok || !r.same(o) {
			changed = append(changed, r)
		}
	}
	entries, err := json.Marshal(changed)
	if err != nil {
		return f, err
	}
	stamped := make([]ScoreChange, len(changes)) // never JSON null
	for i, c := range changes {
		c.ChangedAt = c.ChangedAt.UTC().Truncate(time.Microsecond) // what a timestamptz keeps
		stamped[i] = c
	}
	log, err := json.Marshal(stamped)
	if err != nil {
		return f, err
	}
	args := append(make([]any, 0, 19), string(f.Status), f.SubmittedAt, f.ReturnedAt, f.ReturnReason, f.ReviewedAt, totals.Self)
	if r := totals.Reviewed; r != nil {
		args = append(args, r.Total, r.Deduction, r.Arisen, r.Met, r.Exceedable, r.Exceeded)
	} else {
		args = append(args, nil, nil, nil, nil, nil, nil)
	}
	query := saveFilingUpdate
	if f.ID == 0 {
		query = saveFilingInsert
		args = append(args, f.TableID, f.UnitID, f.Year)
	} else {
		args = append(args, f.ID, loadedVersion(f.Version))
	}
	args = append(args, string(entries), pgArray(kept), string(log))
	// Positional parameters straight to the driver: gorm would walk the
	// statement's text for named ones on every save.
	err = s.db.WithContext(ctx).Statement.ConnPool.QueryRowContext(ctx, query, args...).Scan(&f.ID)
	switch {
	case errors.Is(err, sql.ErrNoRows), f.ID == 0 && isUniqueViolation(err, ""):
		return f, ErrFilingChanged
	case err != nil:
		return f, err
	}
	f.Version = loadedVersion(f.Version) + 1 // what the write made it (1 when new): nothing to read back
	return f, nil
}

// same: the two rows hold the same figures and words.
func (e entryRow) same(o entryRow) bool {
	eq := func(a, b *float64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
	return e.CriterionID == o.CriterionID && eq(e.SelfScore, o.SelfScore) && eq(e.SelfNum, o.SelfNum) && eq(e.SelfDen, o.SelfDen) &&
		e.SelfNotArisen == o.SelfNotArisen && e.Explanation == o.Explanation && e.Evidence == o.Evidence && e.RevSet == o.RevSet &&
		eq(e.RevScore, o.RevScore) && eq(e.RevNum, o.RevNum) && eq(e.RevDen, o.RevDen) && e.RevNotArisen == o.RevNotArisen &&
		e.RevComment == o.RevComment
}

// The statement of SaveFiling: $1-$12 the header's status, dates and
// totals, then the header's key ($13-$14 id and loaded version for an
// update, $13-$15 table, unit and year for a new filing), then the
// changed entries, the criteria kept and the changes.
var (
	saveFilingUpdate = saveFilingSQL(`UPDATE assessments SET status = $1, submitted_at = $2, returned_at = $3,
			return_reason = $4, reviewed_at = $5, self_total = $6, reviewed_total = $7,
			reviewed_deduction = $8, reviewed_arisen = $9, reviewed_met = $10,
			reviewed_exceedable = $11, reviewed_exceeded = $12, totals_stale = false,
			version = version + 1, updated_at = now()
		WHERE id = $13 AND version = $14 RETURNING id`, 15)
	saveFilingInsert = saveFilingSQL(`INSERT INTO assessments (table_id, unit_id, year, status, submitted_at, returned_at, return_reason, reviewed_at,
				self_total, reviewed_total, reviewed_deduction, reviewed_arisen, reviewed_met, reviewed_exceedable, reviewed_exceeded, totals_stale)
			VALUES ($13, $14, $15, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, false)
			RETURNING id`, 16)
)

// saveFilingSQL is SaveFiling's statement around header, whose entries,
// criteria kept and changes are parameters n, n+1 and n+2.
// Data-modifying CTEs run on one snapshot; the DELETE and the upsert
// touch different rows (criteria absent from and present in the
// filing), so neither sees the other's work. When the version is
// stale, a is empty and nothing else is written.
func saveFilingSQL(header string, n int) string {
	return fmt.Sprintf(`WITH a AS (%s),
		x AS (SELECT * FROM jsonb_to_recordset(CAST($%d AS jsonb)) AS x(criterion_id bigint, self_score numeric, self_num numeric,
			self_den numeric, self_not_arisen boolean, explanation text, evidence text, rev_set boolean, rev_score numeric,
			rev_num numeric, rev_den numeric, rev_not_arisen boolean, rev_comment text)),
		gone AS (DELETE FROM assessment_entries e USING a WHERE e.assessment_id = a.id
			AND e.criterion_id <> ALL(CAST($%d AS bigint[]))),
		put AS (INSERT INTO assessment_entries AS e (assessment_id, criterion_id, self_score, self_num, self_den, self_not_arisen,
				explanation, evidence, rev_set, rev_score, rev_num, rev_den, rev_not_arisen, rev_comment)
			SELECT a.id, x.criterion_id, x.self_score, x.self_num, x.self_den, x.self_not_arisen, x.explanation, x.evidence,
				x.rev_set, x.rev_score, x.rev_num, x.rev_den, x.rev_not_arisen, x.rev_comment FROM a, x
			ON CONFLICT (assessment_id, criterion_id) DO UPDATE SET self_score = excluded.self_score, self_num = excluded.self_num,
				self_den = excluded.self_den, self_not_arisen = excluded.self_not_arisen, explanation = excluded.explanation,
				evidence = excluded.evidence, rev_set = excluded.rev_set, rev_score = excluded.rev_score, rev_num = excluded.rev_num,
				rev_den = excluded.rev_den, rev_not_arisen = excluded.rev_not_arisen, rev_comment = excluded.rev_comment
			WHERE (e.self_score, e.self_num, e.self_den, e.self_not_arisen, e.explanation, e.evidence, e.rev_set, e.rev_score,
					e.rev_num, e.rev_den, e.rev_not_arisen, e.rev_comment)
				IS DISTINCT FROM (excluded.self_score, excluded.self_num, excluded.self_den, excluded.self_not_arisen,
					excluded.explanation, excluded.evidence, excluded.rev_set, excluded.rev_score, excluded.rev_num,
					excluded.rev_den, excluded.rev_not_arisen, excluded.rev_comment)),
		log AS (INSERT INTO score_changes (assessment_id, criterion_id, side, field, old_value, new_value, reason, changed_by, changed_at)
			SELECT a.id, c.criterion_id, c.side, c.field, c.old_value, c.new_value, c.reason, c.changed_by, c.changed_at
			FROM a, jsonb_to_recordset(CAST($%d AS jsonb)) AS c(criterion_id bigint, side text, field text, old_value text,
				new_value text, reason text, changed_by bigint, changed_at timestamptz))
		SELECT id FROM a`, header, n, n+1, n+2)
}

// entryIDs are the criteria of a filing's rows as stored (entryRowOf):
// the unit's rows, then the reviewer's rulings on rows the unit left out.
func entryIDs(f scoring.Filing) []int64 {
	ids := make([]int64, 0, len(f.Self)+len(f.Review))
	for id := range f.Self {
		ids = append(ids, id)
	}
	for id := range f.Review {
		if _, ok := f.Self[id]; !ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// entryRowOf is a filing's row of one criterion as stored, with the
// unit's figures and the reviewer's ruling when there is one, and whether
// it has one: looked up, not collected, so that comparing a save's rows
// with the filing as loaded builds no map or slice of rows on every save.
func entryRowOf(f scoring.Filing, id int64) (entryRow, bool) {
	e, self := f.Self[id]
	r := entryRow{AssessmentID: f.ID, CriterionID: id, SelfScore: e.Score, SelfNum: e.Numerator, SelfDen: e.Denominator,
		SelfNotArisen: e.NotArisen, Explanation: e.Explanation, Evidence: e.Evidence}
	rv, reviewed := f.Review[id]
	if reviewed {
		r.RevSet, r.RevScore, r.RevNum, r.RevDen, r.RevNotArisen, r.RevComment = true, rv.Score, rv.Numerator, rv.Denominator, rv.NotArisen, rv.Comment
	}
	return r, self || reviewed
}

// ScoreChange is one recorded change of a score or of a filing's status.
type ScoreChange struct {
	ID           int64     `json:"id"`
	AssessmentID int64     `json:"assessment_id"`
	CriterionID  *int64    `json:"criterion_id"`
	Side         string    `json:"side"` // self, review, status
	Field        string    `json:"field"`
	OldValue     string    `json:"old_value"`
	NewValue     string    `json:"new_value"`
	Reason       string    `json:"reason"`
	ChangedBy    *int64    `json:"changed_by"`
	Username     string    `json:"username" gorm:"->;-:migration"`
	FullName     string    `json:"full_name" gorm:"->;-:migration"` // the person who made the change, for histories
	ChangedAt    time.Time `json:"changed_at"`
}

// ScoreChanges returns a filing's history, newest first.
func (s *Q) ScoreChanges(ctx context.Context, assessmentID int64) ([]ScoreChange, error) {
	out := []ScoreChange{}
	err := s.db.WithContext(ctx).Table("score_changes c").Select("c.*, coalesce(u.username, '') AS username, coalesce(u.full_name, '') AS full_name").
		Joins("LEFT JOIN users u ON u.id = c.changed_by").Where("c.assessment_id = ?", assessmentID).
		Order("c.changed_at DESC, c.id DESC").Scan(&out).Error
	return out, err
}

// FilingStates maps each unit of a year to its filing's status (units
// without one are absent).
func (s *Q) FilingStates(ctx context.Context, year int) (map[int64]scoring.Status, error) {
	var rows []struct {
		UnitID int64
		Status string
	}
	err := s.db.WithContext(ctx).Table("assessments a").Select("a.unit_id, a.status").
		Joins("JOIN criteria_tables t ON t.id = a.table_id").Where("a.year = ? AND t.kind = 'main'", year).Order("a.id").Find(&rows).Error // the newest wins
	out := map[int64]scoring.Status{}
	for _, r := range rows {
		out[r.UnitID] = scoring.Status(r.Status)
	}
	return out, err
}

// totalsColumns are a filing's stored totals as columns (migration 00015):
// the reviewed ones are NULL until there is a review.
func totalsColumns(t scoring.FilingTotals) map[string]any {
	cols := map[string]any{"self_total": t.Self, "reviewed_total": nil, "reviewed_deduction": nil, "reviewed_arisen": nil,
		"reviewed_met": nil, "reviewed_exceedable": nil, "reviewed_exceeded": nil, "totals_stale": false}
	if r := t.Reviewed; r != nil {
		cols["reviewed_total"], cols["reviewed_deduction"], cols["reviewed_arisen"], cols["reviewed_met"], cols["reviewed_exceedable"], cols["reviewed_exceeded"] =
			r.Total, r.Deduction, r.Arisen, r.Met, r.Exceedable, r.Exceeded
	}
	return cols
}

// totalsRow reads a filing's stored totals.
type totalsRow struct {
	SelfTotal          *float64
	ReviewedTotal      *float64
	ReviewedDeduction  *float64
	ReviewedArisen     *int
	ReviewedMet        *int
	ReviewedExceedable *int
	ReviewedExceeded   *int
	TotalsStale        bool
}

func (r totalsRow) totals() scoring.FilingTotals {
	var t scoring.FilingTotals
	if r.SelfTotal != nil {
		t.Self = *r.SelfTotal
	}
	if r.ReviewedTotal != nil {
		t.Reviewed = &scoring.Totals{Total: *r.ReviewedTotal, Deduction: deref(r.ReviewedDeduction), Achievement: scoring.Achievement{
			Arisen: deref(r.ReviewedArisen), Met: deref(r.ReviewedMet), Exceedable: deref(r.ReviewedExceedable), Exceeded: deref(r.ReviewedExceeded)}}
	}
	return t
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// FillStaleTotals stores computed totals of filings still marked stale,
// by filing id, in one statement. A filing saved in between keeps the
// totals its save stored: under READ COMMITTED the update re-checks
// totals_stale on the row it waited for. Versions are left alone: the
// totals follow from what was stored, nobody's edit.
func (s *Q) FillStaleTotals(ctx context.Context, totals map[int64]scoring.FilingTotals) error {
	if len(totals) == 0 {
		return nil
	}
	rows := make([]map[string]any, 0, len(totals))
	for id, t := range totals {
		r := totalsColumns(t)
		r["id"] = id
		rows = append(rows, r)
	}
	doc, err := json.Marshal(rows)
	if err != nil {
		return err
	}
	return s.db.WithContext(ctx).Exec(`UPDATE assessments a SET self_total = t.self_total, reviewed_total = t.reviewed_total,
			reviewed_deduction = t.reviewed_deduction, reviewed_arisen = t.reviewed_arisen, reviewed_met = t.reviewed_met,
			reviewed_exceedable = t.reviewed_exceedable, reviewed_exceeded = t.reviewed_exceeded, totals_stale = false
		FROM jsonb_to_recordset(?::jsonb) AS t(id bigint, self_total numeric, reviewed_total numeric, reviewed_deduction float8,
			reviewed_arisen integer, reviewed_met integer, reviewed_exceedable integer, reviewed_exceeded integer)
		WHERE a.id = t.id AND a.totals_stale`, string(doc)).Error
}

// StaleFilings returns, with their entries, the filings of a year whose
// totals nobody has computed yet (migration 00015).
func (s *Q) StaleFilings(ctx context.Context, year int) (map[int64]scoring.Filing, error) {
	var rows []assessmentRow
	if err := s.db.WithContext(ctx).Where("year = ? AND totals_stale", year).Find(&rows).Error; err != nil {
		return nil, err
	}
	return s.filingsWithEntries(ctx, rows)
}

// FilingTotals returns the stored totals of a year's filings, by filing
// id; a filing whose totals are not computed yet is left out.
func (s *Q) FilingTotals(ctx context.Context, year int) (map[int64]scoring.FilingTotals, error) {
	var rows []struct {
		ID int64
		T  totalsRow `gorm:"embedded"`
	}
	if err := s.db.WithContext(ctx).Table("assessments").Where("year = ? AND NOT totals_stale", year).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[int64]scoring.FilingTotals, len(rows))
	for _, r := range rows {
		out[r.ID] = r.T.totals()
	}
	return out, nil
}
