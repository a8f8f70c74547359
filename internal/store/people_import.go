package store

import (
	"context"
	"time"
)

// PeopleRecords is what the people of a unit have on record besides
// themselves: the rows the personnel workbook reads and writes.
type PeopleRecords struct {
	Ratings     []PersonRating
	Initiatives []PersonInitiative
	Disciplines []PersonDiscipline
	Absences    []PersonAbsence
	Pending     []PendingMatter
}

// PeopleRecordsOf reads the records of the given people, ordered by
// person then date, in one query per kind.
func (s *Q) PeopleRecordsOf(ctx context.Context, ids []int64) (PeopleRecords, error) {
	var r PeopleRecords
	db := s.db.WithContext(ctx)
	if err := db.Where("person_id IN ?", ids).Order("person_id, year").Find(&r.Ratings).Error; err != nil {
		return r, err
	}
	if err := db.Where("person_id IN ?", ids).Order("person_id, year, id").Find(&r.Initiatives).Error; err != nil {
		return r, err
	}
	if err := db.Where("person_id IN ?", ids).Order("person_id, from_date, id").Find(&r.Disciplines).Error; err != nil {
		return r, err
	}
	if err := db.Where("person_id IN ?", ids).Order("person_id, from_date, id").Find(&r.Absences).Error; err != nil {
		return r, err
	}
	err := db.Where("person_id IN ?", ids).Order("person_id, opened_on, id").Find(&r.Pending).Error
	return r, err
}

// UpdateInitiative rewrites an initiative's title, level and whether it
// is applied.
func (s *Q) UpdateInitiative(ctx context.Context, in PersonInitiative) error {
	return s.db.WithContext(ctx).Model(&PersonInitiative{}).Where("id = ?", in.ID).
		Updates(map[string]any{"title": in.Title, "level": in.Level, "applied": in.Applied}).Error
}

// EndDiscipline sets (or clears) the day a disciplinary measure ends.
func (s *Q) EndDiscipline(ctx context.Context, id int64, to *time.Time) error {
	return s.db.WithContext(ctx).Model(&PersonDiscipline{}).Where("id = ?", id).
		Updates(map[string]any{"to_date": to}).Error
}

// EndAbsence sets (or clears) the day an absence ends, if the absence is
// still at the given version.
func (s *Q) EndAbsence(ctx context.Context, id int64, version int, to *time.Time) error {
	return s.db.WithContext(ctx).Model(&PersonAbsence{}).Where("id = ? AND version = ?", id, version).
		Updates(map[string]any{"to_date": to, "version": version + 1}).Error
}
