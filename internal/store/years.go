package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"thidua/internal/cluster"
	"thidua/internal/errs"
)

type yearRow struct {
	Year                   int `gorm:"primaryKey;autoIncrement:false"`
	Title                  string
	StartsOn               time.Time
	EndsOn                 time.Time
	PledgeDeadline         *time.Time
	RegistrationDeadline   *time.Time
	SelfAssessmentDeadline *time.Time
	ReviewDeadline         *time.Time
	ProposalDeadline       *time.Time
	Version                int
}

func (yearRow) TableName() string { return "emulation_years" }

func (r yearRow) year() cluster.Year {
	return cluster.Year{Year: r.Year, Title: r.Title, StartsOn: r.StartsOn, EndsOn: r.EndsOn, PledgeDeadline: r.PledgeDeadline,
		RegistrationDeadline: r.RegistrationDeadline, SelfAssessmentDeadline: r.SelfAssessmentDeadline,
		ReviewDeadline: r.ReviewDeadline, ProposalDeadline: r.ProposalDeadline, Version: r.Version}
}

// Years lists the emulation years, newest first.
func (s *Q) Years(ctx context.Context) ([]cluster.Year, error) {
	var rows []yearRow
	if err := s.db.WithContext(ctx).Order("year DESC").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]cluster.Year, len(rows))
	for i, r := range rows {
		out[i] = r.year()
	}
	return out, nil
}

// Year returns one emulation year.
func (s *Q) Year(ctx context.Context, year int) (cluster.Year, error) {
	var r yearRow
	if err := s.db.WithContext(ctx).Take(&r, "year = ?", year).Error; err != nil {
		return cluster.Year{}, notFound(err, "năm thi đua")
	}
	return r.year(), nil
}

// SaveYear creates the year, or updates it if y.Version matches.
func (s *Q) SaveYear(ctx context.Context, y cluster.Year) (cluster.Year, error) {
	cols := map[string]any{"title": y.Title, "starts_on": y.StartsOn, "ends_on": y.EndsOn, "pledge_deadline": y.PledgeDeadline,
		"registration_deadline": y.RegistrationDeadline, "self_assessment_deadline": y.SelfAssessmentDeadline,
		"review_deadline": y.ReviewDeadline, "proposal_deadline": y.ProposalDeadline}
	if y.Version == 0 {
		cols["year"] = y.Year
		if err := s.db.WithContext(ctx).Model(&yearRow{}).Create(cols).Error; err != nil {
			if isUniqueViolation(err, "") {
				return cluster.Year{}, errs.Fields{"year": "Năm thi đua này đã có."}.Err()
			}
			return cluster.Year{}, err
		}
		return s.Year(ctx, y.Year)
	}
	cols["version"], cols["updated_at"] = gorm.Expr("version + 1"), gorm.Expr("now()")
	res := s.db.WithContext(ctx).Model(&yearRow{}).Where("year = ? AND version = ?", y.Year, loadedVersion(y.Version)).Updates(cols)
	if res.Error != nil {
		return cluster.Year{}, res.Error
	}
	if res.RowsAffected != 1 {
		return cluster.Year{}, stale("năm thi đua")
	}
	return s.Year(ctx, y.Year)
}

func stale(what string) error {
	return errs.New(errs.Conflict, "Dữ liệu %s vừa được người khác cập nhật. Vui lòng xem dữ liệu mới nhất, kiểm tra và lưu lại.", what)
}

// Exclusions maps the units not eligible for emulation review in a year to
// the recorded reason.
func (s *Q) Exclusions(ctx context.Context, year int) (map[int64]string, error) {
	var rows []struct {
		UnitID int64
		Reason string
	}
	if err := s.db.WithContext(ctx).Table("review_exclusions").Where("year = ?", year).Find(&rows).Error; err != nil {
		return nil, err
	}
	m := map[int64]string{}
	for _, r := range rows {
		m[r.UnitID] = r.Reason
	}
	return m, nil
}

// SetExclusion records (reason non-empty) or lifts (reason empty) a unit's
// exclusion from a year's review.
func (s *Q) SetExclusion(ctx context.Context, year int, unitID int64, reason string, by int64) error {
	if reason == "" {
		return s.db.WithContext(ctx).Exec(`DELETE FROM review_exclusions WHERE year = ? AND unit_id = ?`, year, unitID).Error
	}
	return s.db.WithContext(ctx).Exec(`INSERT INTO review_exclusions (year, unit_id, reason, created_by) VALUES (?, ?, ?, ?)
		ON CONFLICT (year, unit_id) DO UPDATE SET reason = EXCLUDED.reason, created_by = EXCLUDED.created_by, created_at = now()`,
		year, unitID, reason, nullID(by)).Error
}

func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}
