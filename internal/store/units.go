package store

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"thidua/internal/errs"
	"thidua/internal/org"
)

type unitRow struct {
	ID        int64
	Code      string
	Name      string
	Type      string
	ParentID  *int64
	ValidFrom time.Time
	ValidTo   *time.Time
	Note      string
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (unitRow) TableName() string { return "units" }

func (r unitRow) unit() org.Unit {
	u := org.Unit{ID: r.ID, Code: r.Code, Name: r.Name, Type: org.UnitType(r.Type), ParentID: r.ParentID,
		ValidFrom: org.Day(r.ValidFrom), Note: r.Note, Version: r.Version}
	if r.ValidTo != nil {
		d := org.Day(*r.ValidTo)
		u.ValidTo = &d
	}
	return u
}

func rowOf(u org.Unit) unitRow {
	return unitRow{ID: u.ID, Code: org.NormalizeCode(u.Code), Name: strings.TrimSpace(u.Name), Type: string(u.Type),
		ParentID: u.ParentID, ValidFrom: u.ValidFrom, ValidTo: u.ValidTo, Note: strings.TrimSpace(u.Note), Version: u.Version}
}

// unitColumns are unitRow's columns (not the folded names searches read).
const unitColumns = "id, code, name, type, parent_id, valid_from, valid_to, note, version, created_at, updated_at"

// tierOrder sorts units the way the procuracy lists them: top tier first.
const tierOrder = `CASE type WHEN 'supreme' THEN 1 WHEN 'high' THEN 2 WHEN 'provincial' THEN 3
	WHEN 'regional' THEN 4 WHEN 'district' THEN 5 ELSE 6 END`

// ListUnits returns units matching f, ordered by type tier then name,
// and the total count before paging.
func (s *Q) ListUnits(ctx context.Context, f org.UnitFilter) ([]org.Unit, int64, error) {
	q := s.db.WithContext(ctx).Model(&unitRow{})
	if f.Within != nil {
		q = q.Where(`id IN (WITH RECURSIVE sub AS (SELECT id FROM units WHERE id = ?
			UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) SELECT id FROM sub)`, *f.Within)
	}
	if f.Type != "" {
		q = q.Where("type = ?", string(f.Type))
	}
	on := f.On
	if on.IsZero() {
		on = time.Now()
	}
	switch f.Status {
	case "retired":
		q = q.Where("valid_to IS NOT NULL AND valid_to < ?", org.Day(on))
	case "all":
	default:
		q = q.Where("valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)", org.Day(on), org.Day(on))
	}
	if term := strings.TrimSpace(f.Query); term != "" {
		// Fold both sides: lower case, and đ → d, marks stripped, so "thanh
		// hoa" finds "Thanh Hóa". The names are folded when written
		// (name_folded, code_folded: foldSQL in migration 00033).
		like := "%" + escapeLike(fold(term)) + "%"
		q = q.Where("(name_folded LIKE ? ESCAPE '\\' OR code_folded LIKE ? ESCAPE '\\')", like, like)
	}
	// One statement: the page's rows carry the count of all (the search
	// folds every name, so it is not run twice).
	page := q.Session(&gorm.Session{}).Select(unitColumns + ", count(*) OVER () AS total")
	if f.Limit > 0 {
		page = page.Limit(f.Limit).Offset(f.Offset)
	}
	var rows []struct {
		U     unitRow `gorm:"embedded"`
		Total int64
	}
	err := page.Order(tierOrder).Order("name COLLATE \"vi-x-icu\"").Order("id").Find(&rows).Error
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if len(rows) > 0 {
		total = rows[0].Total
	} else if f.Offset > 0 { // a page past the last: the count still says how many there are
		if err := q.Count(&total).Error; err != nil {
			return nil, 0, err
		}
	}
	out := make([]org.Unit, len(rows)) // never nil: the API says [] for none
	for i, r := range rows {
		out[i] = r.U.unit()
	}
	return out, total, nil
}

// Unit returns one unit by id.
func (s *Q) Unit(ctx context.Context, id int64) (org.Unit, error) {
	var r unitRow
	if err := s.db.WithContext(ctx).Take(&r, id).Error; err != nil {
		return org.Unit{}, notFound(err, "đơn vị")
	}
	return r.unit(), nil
}

// UnitByCode returns one unit by its code.
func (s *Q) UnitByCode(ctx context.Context, code string) (org.Unit, error) {
	var r unitRow
	if err := s.db.WithContext(ctx).Where("upper(code) = ?", org.NormalizeCode(code)).Take(&r).Error; err != nil {
		return org.Unit{}, notFound(err, "đơn vị có mã "+code)
	}
	return r.unit(), nil
}

// UnitsByID returns the units with the given ids, keyed by id.
func (s *Q) UnitsByID(ctx context.Context, ids []int64) (map[int64]org.Unit, error) {
	out := map[int64]org.Unit{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []unitRow
	if err := s.db.WithContext(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = r.unit()
	}
	return out, nil
}

// ParentMap maps every unit id to its parent id (0 for none).
func (s *Q) ParentMap(ctx context.Context) (map[int64]int64, error) {
	var rows []struct {
		ID       int64
		ParentID *int64
	}
	if err := s.db.WithContext(ctx).Model(&unitRow{}).Select("id, parent_id").Find(&rows).Error; err != nil {
		return nil, err
	}
	m := make(map[int64]int64, len(rows))
	for _, r := range rows {
		if r.ParentID != nil {
			m[r.ID] = *r.ParentID
		} else {
			m[r.ID] = 0
		}
	}
	return m, nil
}

// UnitPath returns the unit and its ancestors in the tree, the unit first.
func (s *Q) UnitPath(ctx context.Context, id int64) ([]int64, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Raw(`WITH RECURSIVE up(id, parent_id, depth) AS (
			SELECT id, parent_id, 0 FROM units WHERE id = ?
			UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 50)
		SELECT id FROM up ORDER BY depth`, id).Scan(&ids).Error
	return ids, err
}

// Children returns the direct sub-units of a unit.
func (s *Q) Children(ctx context.Context, id int64) ([]org.Unit, error) {
	var rows []unitRow
	if err := s.db.WithContext(ctx).Where("parent_id = ?", id).Order("valid_to IS NOT NULL").Order(tierOrder).Order("name COLLATE \"vi-x-icu\"").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]org.Unit, len(rows))
	for i, r := range rows {
		out[i] = r.unit()
	}
	return out, nil
}

// CreateUnit inserts u and returns it with its id.
func (s *Q) CreateUnit(ctx context.Context, u org.Unit) (org.Unit, error) {
	r := rowOf(u)
	r.ID, r.Version = 0, 1
	if err := s.db.WithContext(ctx).Omit("CreatedAt", "UpdatedAt").Create(&r).Error; err != nil {
		if isUniqueViolation(err, "units_code_key") {
			return org.Unit{}, duplicateCode(u.Code)
		}
		return org.Unit{}, err
	}
	return s.Unit(ctx, r.ID)
}

// UpdateUnit writes every editable column of u if its version is still
// u.Version; otherwise someone else saved first and Conflict is returned.
func (s *Q) UpdateUnit(ctx context.Context, u org.Unit) (org.Unit, error) {
	r := rowOf(u)
	res := s.db.WithContext(ctx).Model(&unitRow{}).Where("id = ? AND version = ?", u.ID, loadedVersion(u.Version)).
		Updates(map[string]any{"code": r.Code, "name": r.Name, "type": r.Type, "parent_id": r.ParentID,
			"valid_from": r.ValidFrom, "valid_to": r.ValidTo, "note": r.Note,
			"version": gorm.Expr("version + 1"), "updated_at": gorm.Expr("now()")})
	if res.Error != nil {
		if isUniqueViolation(res.Error, "units_code_key") {
			return org.Unit{}, duplicateCode(u.Code)
		}
		return org.Unit{}, res.Error
	}
	if res.RowsAffected != 1 {
		if _, err := s.Unit(ctx, u.ID); err != nil {
			return org.Unit{}, err
		}
		return org.Unit{}, stale("đơn vị")
	}
	return s.Unit(ctx, u.ID)
}

func duplicateCode(code string) error {
	return &errs.Error{Code: errs.Invalid, Message: "Dữ liệu chưa hợp lệ.",
		Fields: map[string]string{"code": "Mã đơn vị " + org.NormalizeCode(code) + " đã được dùng cho một đơn vị khác."}}
}

// foldSQL folds a column for accent-insensitive search: lower case, and
// every Vietnamese letter with marks mapped to its base letter. Searches
// read it stored (migration 00033, which must write the same expression:
// TestFoldedColumnsAreFoldSQL).
func foldSQL(col string) string {
	return "translate(lower(" + col + "), '" + viMarked + "', '" + viBase + "')"
}

const (
	viMarked = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
	viBase   = "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd"
)

// fold does in Go what foldSQL does in SQL, for the search term.
func fold(s string) string {
	s = strings.ToLower(s)
	marked, base := []rune(viMarked), []rune(viBase)
	m := make(map[rune]rune, len(marked))
	for i, r := range marked {
		m[r] = base[i]
	}
	return strings.Map(func(r rune) rune {
		if b, ok := m[r]; ok {
			return b
		}
		return r
	}, s)
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// ProvinceOf returns the provincial (or high) procuracy a unit is or belongs to, or
// 0 when it is above the provinces (the Supreme Procuracy and its units).
func (s *Q) ProvinceOf(ctx context.Context, id int64) (int64, error) {
	var out []int64
	err := s.db.WithContext(ctx).Raw(`WITH RECURSIVE up(id, parent_id, type, depth) AS (
			SELECT id, parent_id, type, 0 FROM units WHERE id = ?
			UNION ALL SELECT u.id, u.parent_id, u.type, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 50)
		SELECT id FROM up WHERE type IN ('provincial', 'high') ORDER BY depth LIMIT 1`, id).Scan(&out).Error
	if err != nil || len(out) == 0 {
		return 0, err
	}
	return out[0], nil
}

// SuccessorMap maps each unit to the units formed from it.
func (s *Q) SuccessorMap(ctx context.Context) (map[int64][]int64, error) {
	preds, err := s.PredecessorMap(ctx)
	if err != nil {
		return nil, err
	}
	m := map[int64][]int64{}
	for succ, ps := range preds {
		for _, p := range ps {
			m[p] = append(m[p], succ)
		}
	}
	for _, v := range m {
		slices.Sort(v)
	}
	return m, nil
}
