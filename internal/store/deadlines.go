package store

import (
	"context"
	"time"

	"thidua/internal/calendar"
)

// DeadlineExtension is one extension of a year's deadline for one unit.
// Rows are only added; the newest (highest ID) of a unit's deadline is in
// force.
type DeadlineExtension struct {
	ID        int64     `json:"id"`
	Year      int       `json:"year"`
	UnitID    int64     `json:"unit_id"`
	UnitName  string    `json:"unit_name" gorm:"->;-:migration"`
	Kind      string    `json:"kind"`
	Until     time.Time `json:"until"`
	Reason    string    `json:"reason"`
	CreatedBy *int64    `json:"created_by"`
	FullName  string    `json:"created_by_name" gorm:"->;-:migration"` // who granted it
	CreatedAt time.Time `json:"created_at"`
}

func (DeadlineExtension) TableName() string { return "deadline_extensions" }

// AddDeadlineExtension records an extension and returns it with its ID.
func (s *Q) AddDeadlineExtension(ctx context.Context, e DeadlineExtension) (DeadlineExtension, error) {
	err := s.db.WithContext(ctx).Omit("ID", "UnitName", "FullName", "CreatedAt").Create(&e).Error
	return e, err
}

// DeadlineExtensions lists a year's extensions, newest first; unitID 0
// lists every unit's.
func (s *Q) DeadlineExtensions(ctx context.Context, year int, unitID int64) ([]DeadlineExtension, error) {
	out := []DeadlineExtension{}
	q := s.db.WithContext(ctx).Table("deadline_extensions e").
		Select("e.*, un.name AS unit_name, coalesce(u.full_name, '') AS full_name").
		Joins("JOIN units un ON un.id = e.unit_id").
		Joins("LEFT JOIN users u ON u.id = e.created_by").
		Where("e.year = ?", year)
	if unitID != 0 {
		q = q.Where("e.unit_id = ?", unitID)
	}
	err := q.Order("e.id DESC").Scan(&out).Error
	return out, err
}

// CalendarDays lists the board's calendar between two dates, inclusive.
func (s *Q) CalendarDays(ctx context.Context, from, to time.Time) ([]calendar.Day, error) {
	var rows []struct {
		Day  time.Time
		Kind string
		Note string
	}
	err := s.db.WithContext(ctx).Table("calendar_days").Where("day BETWEEN ? AND ?", from, to).Order("day").Find(&rows).Error
	out := make([]calendar.Day, 0, len(rows))
	for _, r := range rows {
		y, m, d := r.Day.Date()
		out = append(out, calendar.Day{Date: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Kind: calendar.Kind(r.Kind), Note: r.Note})
	}
	return out, err
}

// SetCalendarDay records or replaces a day of the calendar.
func (s *Q) SetCalendarDay(ctx context.Context, d calendar.Day, by int64) error {
	return s.db.WithContext(ctx).Exec(`INSERT INTO calendar_days (day, kind, note, updated_by) VALUES (?, ?, ?, ?)
		ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, note = EXCLUDED.note, updated_by = EXCLUDED.updated_by, updated_at = now()`,
		d.Date.Format("2006-01-02"), string(d.Kind), d.Note, nullID(by)).Error
}

// DeleteCalendarDay removes a day; it reports whether there was one.
func (s *Q) DeleteCalendarDay(ctx context.Context, day time.Time) (bool, error) {
	r := s.db.WithContext(ctx).Exec(`DELETE FROM calendar_days WHERE day = ?`, day.Format("2006-01-02"))
	return r.RowsAffected > 0, r.Error
}
