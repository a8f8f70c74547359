package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"thidua/internal/errs"
	"thidua/internal/scoring"
)

type assessmentRow struct {
	ID            int64
	TableID       int64
	UnitID        int64
	Year          int
	Status        string
	SubmittedAt   *time.Time
	ReturnedAt    *time.Time
	ReturnReason  string
	ReviewedAt    *time.Time
	SelfTotal     *float64
	ReviewedTotal *float64
	Version       int
}

func (assessmentRow) TableName() string { return "assessments" }

type entryRow struct {
	AssessmentID  int64
	CriterionID   int64
	SelfScore     *float64
	SelfNum       *float64
	SelfDen       *float64
	SelfNotArisen bool
	Explanation   string
	Evidence      string
	RevSet        bool
	RevScore      *float64
	RevNum        *float64
	RevDen        *float64
	RevNotArisen  bool
	RevComment    string
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
	err := s.DB.WithContext(ctx).Where("table_id = ? AND unit_id = ?", tableID, unitID).Take(&r).Error
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
	if err := s.DB.WithContext(ctx).Take(&r, id).Error; err != nil {
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
	err := s.DB.WithContext(ctx).Table("assessments a").Select("a.*").Joins("JOIN criteria_tables t ON t.id = a.table_id").
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
	err := s.DB.WithContext(ctx).Model(&assessmentRow{}).Where("table_id = ?", tableID).Count(&n).Error
	return n > 0, err
}

// YearFilings returns every filing of a year with its entries, by id.
func (s *Q) YearFilings(ctx context.Context, year int) (map[int64]scoring.Filing, error) {
	var rows []assessmentRow
	if err := s.DB.WithContext(ctx).Where("year = ?", year).Find(&rows).Error; err != nil {
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
	if err := s.DB.WithContext(ctx).Where("assessment_id = ANY(?::bigint[])", pgArray(ids)).Find(&entries).Error; err != nil {
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
		b = fmt.Appendf(b, "%d", id)
	}
	return string(append(b, '}'))
}

// SaveFiling writes a filing: its header (status, dates, totals) if
// f.Version still matches, and every entry. It returns the new version.
func (s *Q) SaveFiling(ctx context.Context, f scoring.Filing, selfTotal, reviewedTotal *float64) (scoring.Filing, error) {
	db := s.DB.WithContext(ctx)
	cols := map[string]any{"status": string(f.Status), "submitted_at": f.SubmittedAt, "returned_at": f.ReturnedAt,
		"return_reason": f.ReturnReason, "reviewed_at": f.ReviewedAt, "self_total": selfTotal, "reviewed_total": reviewedTotal}
	if f.ID == 0 {
		cols["table_id"], cols["unit_id"], cols["year"] = f.TableID, f.UnitID, f.Year
		err := db.Raw(`INSERT INTO assessments (table_id, unit_id, year, status, submitted_at, returned_at, return_reason, reviewed_at, self_total, reviewed_total)
			VALUES (@table_id, @unit_id, @year, @status, @submitted_at, @returned_at, @return_reason, @reviewed_at, @self_total, @reviewed_total) RETURNING id`, cols).Scan(&f.ID).Error
		if isUniqueViolation(err, "") {
			return f, ErrFilingChanged
		}
		if err != nil {
			return f, err
		}
	} else {
		cols["version"], cols["updated_at"] = gorm.Expr("version + 1"), gorm.Expr("now()")
		res := db.Model(&assessmentRow{}).Where("id = ? AND version = ?", f.ID, loadedVersion(f.Version)).Updates(cols)
		if res.Error != nil {
			return f, res.Error
		}
		if res.RowsAffected != 1 {
			return f, ErrFilingChanged
		}
		if err := db.Exec(`DELETE FROM assessment_entries WHERE assessment_id = ?`, f.ID).Error; err != nil {
			return f, err
		}
	}
	rows := make([]entryRow, 0, len(f.Self)+len(f.Review))
	seen := map[int64]int{}
	for id, e := range f.Self {
		seen[id] = len(rows)
		rows = append(rows, entryRow{AssessmentID: f.ID, CriterionID: id, SelfScore: e.Score, SelfNum: e.Numerator, SelfDen: e.Denominator,
			SelfNotArisen: e.NotArisen, Explanation: e.Explanation, Evidence: e.Evidence})
	}
	for id, r := range f.Review {
		i, ok := seen[id]
		if !ok {
			i = len(rows)
			rows = append(rows, entryRow{AssessmentID: f.ID, CriterionID: id})
		}
		rows[i].RevSet, rows[i].RevScore, rows[i].RevNum, rows[i].RevDen, rows[i].RevNotArisen, rows[i].RevComment =
			true, r.Score, r.Numerator, r.Denominator, r.NotArisen, r.Comment
	}
	if len(rows) > 0 {
		if err := db.CreateInBatches(rows, 500).Error; err != nil {
			return f, err
		}
	}
	f.Version = loadedVersion(f.Version) + 1 // what the write made it (1 when new): nothing to read back
	return f, nil
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

// RecordChanges stores score changes in one statement.
func (s *Q) RecordChanges(ctx context.Context, changes []ScoreChange) error {
	if len(changes) == 0 {
		return nil
	}
	return s.DB.WithContext(ctx).Table("score_changes").Omit("ID", "Username", "FullName").CreateInBatches(changes, 500).Error
}

// ScoreChanges returns a filing's history, newest first.
func (s *Q) ScoreChanges(ctx context.Context, assessmentID int64) ([]ScoreChange, error) {
	out := []ScoreChange{}
	err := s.DB.WithContext(ctx).Table("score_changes c").Select("c.*, coalesce(u.username, '') AS username, coalesce(u.full_name, '') AS full_name").
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
	err := s.DB.WithContext(ctx).Table("assessments a").Select("a.unit_id, a.status").
		Joins("JOIN criteria_tables t ON t.id = a.table_id").Where("a.year = ? AND t.kind = 'main'", year).Order("a.id").Find(&rows).Error // the newest wins
	out := map[int64]scoring.Status{}
	for _, r := range rows {
		out[r.UnitID] = scoring.Status(r.Status)
	}
	return out, err
}
