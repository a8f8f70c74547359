package store

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// The facts the award rules read from NĐ 152/2025/NĐ-CP on (migration
// 00011): long absences, pending matters, a unit's own disciplines and
// the quotas the board sets itself.

// PersonAbsence is one long absence of a person (an award.AbsenceKind code).
type PersonAbsence struct {
	ID        int64      `json:"id"`
	PersonID  int64      `json:"person_id"`
	Kind      string     `json:"kind"`
	FromDate  time.Time  `json:"from"`
	ToDate    *time.Time `json:"to"`
	Note      string     `json:"note"`
	Version   int        `json:"version"`
	CreatedAt time.Time  `json:"created_at"`
}

func (PersonAbsence) TableName() string { return "person_absences" }

// PendingMatter is a matter that stops an award while open (an
// award.PendingKind code), about a person or a unit.
type PendingMatter struct {
	ID        int64      `json:"id"`
	PersonID  *int64     `json:"person_id"`
	UnitID    *int64     `json:"unit_id"`
	Kind      string     `json:"kind"`
	OpenedOn  time.Time  `json:"opened_on"`
	ClosedOn  *time.Time `json:"closed_on"`
	Outcome   string     `json:"outcome"`
	Note      string     `json:"note"`
	Version   int        `json:"version"`
	CreatedAt time.Time  `json:"created_at"`
}

func (PendingMatter) TableName() string { return "pending_matters" }

// OpenOn reports whether the matter is open on day d.
func (m PendingMatter) OpenOn(d time.Time) bool {
	return !m.OpenedOn.After(d) && (m.ClosedOn == nil || m.ClosedOn.After(d))
}

// UnitDiscipline is a disciplinary measure on a unit itself.
type UnitDiscipline struct {
	ID        int64      `json:"id"`
	UnitID    int64      `json:"unit_id"`
	Measure   string     `json:"measure"`
	FromDate  time.Time  `json:"from"`
	ToDate    *time.Time `json:"to"`
	Note      string     `json:"note"`
	Version   int        `json:"version"`
	CreatedAt time.Time  `json:"created_at"`
}

func (UnitDiscipline) TableName() string { return "unit_disciplines" }

// BoardQuota is a cap the board sets for a year where the rule version
// leaves it to the board.
type BoardQuota struct {
	Year      int       `json:"year"`
	Kind      string    `json:"kind"`
	Percent   int       `json:"percent"`
	Rule      string    `json:"rule"`
	SetBy     *int64    `json:"set_by"`
	Version   int       `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
}

func (BoardQuota) TableName() string { return "board_quotas" }

// AddAbsence records a long absence.
func (s *Q) AddAbsence(ctx context.Context, a PersonAbsence) (PersonAbsence, error) {
	a.ID, a.Version = 0, 1
	err := s.db.WithContext(ctx).Omit("ID", "CreatedAt").Create(&a).Error
	return a, err
}

// DeleteAbsence removes one of a person's absences.
func (s *Q) DeleteAbsence(ctx context.Context, personID, id int64) (PersonAbsence, error) {
	var a PersonAbsence
	if err := s.db.WithContext(ctx).Where("person_id = ? AND id = ?", personID, id).Take(&a).Error; err != nil {
		return a, notFound(err, "thời gian nghỉ")
	}
	return a, s.db.WithContext(ctx).Delete(&PersonAbsence{}, id).Error
}

// Absences returns a person's absences, latest first.
func (s *Q) Absences(ctx context.Context, personID int64) ([]PersonAbsence, error) {
	out := []PersonAbsence{}
	err := s.db.WithContext(ctx).Where("person_id = ?", personID).Order("from_date DESC").Order("id").Find(&out).Error
	return out, err
}

// AddPending records a pending matter.
func (s *Q) AddPending(ctx context.Context, m PendingMatter) (PendingMatter, error) {
	m.ID, m.Version, m.ClosedOn, m.Outcome = 0, 1, nil, ""
	err := s.db.WithContext(ctx).Omit("ID", "CreatedAt").Create(&m).Error
	return m, err
}

// PendingMatterByID returns one pending matter.
func (s *Q) PendingMatterByID(ctx context.Context, id int64) (PendingMatter, error) {
	var m PendingMatter
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&m).Error; err != nil {
		return m, notFound(err, "vụ việc đang xem xét")
	}
	return m, nil
}

// ClosePending records how a matter closed, if it is still at version;
// otherwise Conflict.
func (s *Q) ClosePending(ctx context.Context, id int64, version int, on time.Time, outcome string) (PendingMatter, error) {
	res := s.db.WithContext(ctx).Model(&PendingMatter{}).Where("id = ? AND version = ?", id, version).
		Updates(map[string]any{"closed_on": on, "outcome": outcome, "version": gorm.Expr("version + 1")})
	if res.Error != nil {
		return PendingMatter{}, res.Error
	}
	if res.RowsAffected != 1 {
		if _, err := s.PendingMatterByID(ctx, id); err != nil {
			return PendingMatter{}, err
		}
		return PendingMatter{}, stale("vụ việc đang xem xét")
	}
	return s.PendingMatterByID(ctx, id)
}

// PersonPending returns the matters about a person, open and closed.
func (s *Q) PersonPending(ctx context.Context, personID int64) ([]PendingMatter, error) {
	out := []PendingMatter{}
	err := s.db.WithContext(ctx).Where("person_id = ?", personID).Order("opened_on DESC").Order("id").Find(&out).Error
	return out, err
}

// UnitPending returns the matters about a unit itself, open and closed.
func (s *Q) UnitPending(ctx context.Context, unitID int64) ([]PendingMatter, error) {
	out := []PendingMatter{}
	err := s.db.WithContext(ctx).Where("unit_id = ?", unitID).Order("opened_on DESC").Order("id").Find(&out).Error
	return out, err
}

// AddUnitDiscipline records a disciplinary measure on a unit.
func (s *Q) AddUnitDiscipline(ctx context.Context, d UnitDiscipline) (UnitDiscipline, error) {
	d.ID, d.Version = 0, 1
	err := s.db.WithContext(ctx).Omit("ID", "CreatedAt").Create(&d).Error
	return d, err
}

// DeleteUnitDiscipline removes one of a unit's disciplines.
func (s *Q) DeleteUnitDiscipline(ctx context.Context, unitID, id int64) (UnitDiscipline, error) {
	var d UnitDiscipline
	if err := s.db.WithContext(ctx).Where("unit_id = ? AND id = ?", unitID, id).Take(&d).Error; err != nil {
		return d, notFound(err, "quyết định kỷ luật tập thể")
	}
	return d, s.db.WithContext(ctx).Delete(&UnitDiscipline{}, id).Error
}

// UnitDisciplines returns a unit's own disciplines, latest first.
func (s *Q) UnitDisciplines(ctx context.Context, unitID int64) ([]UnitDiscipline, error) {
	out := []UnitDiscipline{}
	err := s.db.WithContext(ctx).Where("unit_id = ?", unitID).Order("from_date DESC").Order("id").Find(&out).Error
	return out, err
}

// BoardQuotaFor returns the board's quota of kind for year; ok is false
// when the board has set none.
func (s *Q) BoardQuotaFor(ctx context.Context, year int, kind string) (BoardQuota, bool, error) {
	var q BoardQuota
	err := s.db.WithContext(ctx).Where("year = ? AND kind = ?", year, kind).Take(&q).Error
	if err == gorm.ErrRecordNotFound {
		return q, false, nil
	}
	return q, err == nil, err
}

// SetBoardQuota records the board's quota. version is the version read (0:
// none was set); a save over a newer one is Conflict.
func (s *Q) SetBoardQuota(ctx context.Context, q BoardQuota, version int) (BoardQuota, error) {
	db := s.db.WithContext(ctx)
	if version == 0 {
		res := db.Exec(`INSERT INTO board_quotas (year, kind, percent, rule, set_by) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (year, kind) DO NOTHING`, q.Year, q.Kind, q.Percent, q.Rule, q.SetBy)
		if res.Error != nil {
			return q, res.Error
		}
		if res.RowsAffected != 1 {
			return q, stale("tỷ lệ do Hội đồng quy định")
		}
	} else {
		res := db.Model(&BoardQuota{}).Where("year = ? AND kind = ? AND version = ?", q.Year, q.Kind, version).
			Updates(map[string]any{"percent": q.Percent, "rule": q.Rule, "set_by": q.SetBy,
				"version": gorm.Expr("version + 1"), "updated_at": gorm.Expr("now()")})
		if res.Error != nil {
			return q, res.Error
		}
		if res.RowsAffected != 1 {
			return q, stale("tỷ lệ do Hội đồng quy định")
		}
	}
	out, _, err := s.BoardQuotaFor(ctx, q.Year, q.Kind)
	return out, err
}

// RatingContradiction is a rating of "hoàn thành nhiệm vụ" or better for a
// year in which a discipline of the same person took effect.
type RatingContradiction struct {
	PersonID  int64     `json:"person_id"`
	FullName  string    `json:"full_name"`
	UnitID    int64     `json:"unit_id"`
	UnitName  string    `json:"unit_name"`
	Year      int       `json:"year"`
	Rating    string    `json:"rating"`
	Measure   string    `json:"measure"`
	FromDate  time.Time `json:"discipline_from"`
	Reference string    `json:"discipline_note"`
}

// RatingContradictions lists the records where a rating contradicts a
// discipline of its year, for years from fromYear on (year 0: every year).
func (s *Q) RatingContradictions(ctx context.Context, year, fromYear int) ([]RatingContradiction, error) {
	out := []RatingContradiction{}
	err := s.db.WithContext(ctx).Raw(`SELECT p.id AS person_id, p.full_name, p.unit_id, u.name AS unit_name, r.year, r.rating,
			d.measure, d.from_date, d.note AS reference
		FROM person_ratings r
		JOIN person_disciplines d ON d.person_id = r.person_id AND EXTRACT(YEAR FROM d.from_date) = r.year
		JOIN people p ON p.id = r.person_id
		JOIN units u ON u.id = p.unit_id
		WHERE r.rating IN ('htxs', 'htt', 'ht') AND r.year >= ? AND (? = 0 OR r.year = ?)
		ORDER BY u.name, p.full_name, r.year, d.from_date`, fromYear, year, year).Scan(&out).Error
	return out, err
}

// UnitWomen counts a unit's active members and the women among them (for
// the tie-break of Điều 4 khoản 6 NĐ 152/2025/NĐ-CP).
func (s *Q) UnitWomen(ctx context.Context, unitID int64) (members, women int, err error) {
	var row struct{ Members, Women int }
	err = s.db.WithContext(ctx).Raw(`SELECT count(*) AS members, count(*) FILTER (WHERE sex = 'nu') AS women
		FROM people WHERE unit_id = ? AND active`, unitID).Scan(&row).Error
	return row.Members, row.Women, err
}
