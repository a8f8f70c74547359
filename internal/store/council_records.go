package store

import (
	"context"

	"gorm.io/gorm"

	"thidua/internal/decision"
	"thidua/internal/errs"
)

// councilRow is a councils row with its unit's name.
type councilRow struct {
	ID        int64
	UnitID    int64
	UnitName  string `gorm:"->;-:migration"`
	Year      int
	Name      string
	FoundedBy string
	Version   int
}

func (councilRow) TableName() string { return "councils" }

type memberRow struct {
	ID        int64
	CouncilID int64
	UserID    *int64
	FullName  string
	Position  string
	Seat      string `gorm:"column:role"`
}

func (memberRow) TableName() string { return "council_members" }

func (s *Q) councils() *gorm.DB {
	return s.db.Table("councils").Select("councils.*, units.name AS unit_name").Joins("JOIN units ON units.id = councils.unit_id")
}

func councilOf(r councilRow) decision.Council {
	return decision.Council{ID: r.ID, UnitID: r.UnitID, UnitName: r.UnitName, Year: r.Year, Name: r.Name, FoundedBy: r.FoundedBy, Version: r.Version}
}

// Council returns a council with its members, by id.
func (s *Q) Council(ctx context.Context, id int64) (decision.Council, error) {
	var r councilRow
	if err := s.councils().WithContext(ctx).Where("councils.id = ?", id).Take(&r).Error; err != nil {
		return decision.Council{}, notFound(err, "Hội đồng thi đua – khen thưởng")
	}
	c := councilOf(r)
	var err error
	c.Members, err = s.CouncilMembers(ctx, id)
	return c, err
}

// CouncilOf returns the council of unit for year, with its members; ok is
// false when none is recorded.
func (s *Q) CouncilOf(ctx context.Context, unitID int64, year int) (decision.Council, bool, error) {
	var rows []councilRow
	if err := s.councils().WithContext(ctx).Where("councils.unit_id = ? AND councils.year = ?", unitID, year).Find(&rows).Error; err != nil || len(rows) == 0 {
		return decision.Council{}, false, err
	}
	c := councilOf(rows[0])
	var err error
	c.Members, err = s.CouncilMembers(ctx, c.ID)
	return c, true, err
}

// Councils lists a year's councils (without members), by unit name.
func (s *Q) Councils(ctx context.Context, year int) ([]decision.Council, error) {
	var rows []councilRow
	err := s.councils().WithContext(ctx).Where("councils.year = ?", year).Order(`units.name COLLATE "vi-x-icu"`).Find(&rows).Error
	out := make([]decision.Council, len(rows))
	for i, r := range rows {
		out[i] = councilOf(r)
	}
	return out, err
}

// CouncilUnits returns which of units hold a council for year.
func (s *Q) CouncilUnits(ctx context.Context, units []int64, year int) (map[int64]bool, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Table("councils").Where("unit_id IN ? AND year = ?", units, year).Pluck("unit_id", &ids).Error
	out := map[int64]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}

// CreateCouncil inserts a council; a second one of the same unit and year
// is refused on the year's field.
func (s *Q) CreateCouncil(ctx context.Context, c decision.Council) (decision.Council, error) {
	var id int64
	err := s.db.WithContext(ctx).Raw(`INSERT INTO councils (unit_id, year, name, founded_by) VALUES (?, ?, ?, ?) RETURNING id`,
		c.UnitID, c.Year, c.Name, c.FoundedBy).Scan(&id).Error
	if isUniqueViolation(err, "councils_unit_id_year_key") {
		return c, errs.Fields{"year": "Đơn vị đã có Hội đồng thi đua – khen thưởng của năm này."}.Err()
	}
	if err != nil {
		return c, err
	}
	return s.Council(ctx, id)
}

// UpdateCouncil writes the council's name and founding decision if its
// version is still c.Version; otherwise Conflict.
func (s *Q) UpdateCouncil(ctx context.Context, c decision.Council) (decision.Council, error) {
	res := s.db.WithContext(ctx).Exec(`UPDATE councils SET name = ?, founded_by = ?, version = version + 1, updated_at = now()
		WHERE id = ? AND version = ?`, c.Name, c.FoundedBy, c.ID, loadedVersion(c.Version))
	if res.Error != nil {
		return c, res.Error
	}
	if res.RowsAffected != 1 {
		return c, stale("Hội đồng thi đua – khen thưởng")
	}
	return s.Council(ctx, c.ID)
}

// CouncilMembers returns a council's members in the order of their roles.
func (s *Q) CouncilMembers(ctx context.Context, councilID int64) ([]decision.Member, error) {
	var rows []memberRow
	err := s.db.WithContext(ctx).Where("council_id = ?", councilID).
		Order("array_position(ARRAY['chair','vice_chair','standing','member','secretary'], role)").Order("id").Find(&rows).Error
	out := make([]decision.Member, len(rows))
	for i, r := range rows {
		out[i] = decision.Member(r)
	}
	return out, err
}

// AddCouncilMember inserts a member.
func (s *Q) AddCouncilMember(ctx context.Context, m decision.Member) (decision.Member, error) {
	row := memberRow(m)
	row.ID = 0
	err := s.db.WithContext(ctx).Omit("ID").Create(&row).Error
	if isUniqueViolation(err, "council_members_council_id_user_id_key") {
		return m, errs.Fields{"user_id": "Tài khoản này đã là thành viên Hội đồng."}.Err()
	}
	return decision.Member(row), err
}

// CouncilMember returns one member of a council.
func (s *Q) CouncilMember(ctx context.Context, councilID, id int64) (decision.Member, error) {
	var r memberRow
	if err := s.db.WithContext(ctx).Where("council_id = ? AND id = ?", councilID, id).Take(&r).Error; err != nil {
		return decision.Member{}, notFound(err, "thành viên Hội đồng")
	}
	return decision.Member(r), nil
}

// DeleteCouncilMember removes a member; the decisions they signed keep
// their name and title as printed.
func (s *Q) DeleteCouncilMember(ctx context.Context, id int64) error {
	return s.db.WithContext(ctx).Exec(`DELETE FROM council_members WHERE id = ?`, id).Error
}

// SupremeID is the Supreme Procuracy's unit: the sector's level.
func (s *Q) SupremeID(ctx context.Context) (int64, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Table("units").Where("type = 'supreme'").Order("id").Limit(1).Pluck("id", &ids).Error
	if err == nil && len(ids) == 0 {
		return 0, errs.New(errs.NotFound, "Chưa có Viện kiểm sát nhân dân tối cao trong danh mục đơn vị.")
	}
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}
