package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"thidua/internal/errs"
	"thidua/internal/scoring"
)

// tables are the criteria tables' headers (scoring.TableInfo), with
// whether a unit has filed against each (frozenSQL).
func (s *Q) tables(ctx context.Context) *gorm.DB {
	return s.db.WithContext(ctx).Table("criteria_tables").Select("criteria_tables.*, " + frozenSQL)
}

type criterionRow struct {
	ID           int64
	TableID      int64
	ParentID     *int64
	Code         string
	Name         string
	Method       string
	Max          float64
	Numerator    string
	Denominator  string
	Direction    string
	TargetNA     *float64 `gorm:"column:target_na"`
	TargetSector *float64
	ExceedBonus  float64
	Below        string
	Ord          int
}

func (criterionRow) TableName() string { return "criteria" }

// A table is frozen once a unit has started filing against it: its rows
// are what that filing points at.
const frozenSQL = `EXISTS (SELECT 1 FROM assessments a WHERE a.table_id = criteria_tables.id) AS frozen`

// Tables lists a year's criteria tables, current versions first.
func (s *Q) Tables(ctx context.Context, year int) ([]scoring.TableInfo, error) {
	var out []scoring.TableInfo
	err := s.tables(ctx).Where("year = ?", year).Order("superseded, kind, level, name, version_no DESC").Find(&out).Error
	return out, err
}

// TableInfo returns one table's header.
func (s *Q) TableInfo(ctx context.Context, id int64) (scoring.TableInfo, error) {
	var t scoring.TableInfo
	err := s.tables(ctx).Where("id = ?", id).Take(&t).Error
	return t, notFound(err, "bảng tiêu chí")
}

// Table returns a table's rows as the scoring rules see them.
func (s *Q) Table(ctx context.Context, id int64) (scoring.Table, error) {
	info, err := s.TableInfo(ctx, id)
	if err != nil {
		return scoring.Table{}, err
	}
	var rows []criterionRow
	if err := s.db.WithContext(ctx).Where("table_id = ?", id).Order("ord, id").Find(&rows).Error; err != nil {
		return scoring.Table{}, err
	}
	t := scoring.Table{ID: id, Year: info.Year, Name: info.Name}
	for _, r := range rows {
		t.Criteria = append(t.Criteria, r.criterion())
	}
	return t, nil
}

func (r criterionRow) criterion() scoring.Criterion {
	c := scoring.Criterion{ID: r.ID, Code: r.Code, Name: r.Name, Method: scoring.Method(r.Method), Max: r.Max,
		Numerator: r.Numerator, Denominator: r.Denominator, Direction: scoring.Direction(r.Direction),
		TargetNA: r.TargetNA, TargetSector: r.TargetSector, ExceedBonus: r.ExceedBonus, Below: scoring.BelowRule(r.Below), Order: r.Ord}
	if r.ParentID != nil {
		c.ParentID = *r.ParentID
	}
	return c
}

// TableFor finds the current main table that applies to a unit of a type
// in a cluster's year: one made for that cluster first, then one for the
// unit type at that level, then one for every type at that level.
func (s *Q) TableFor(ctx context.Context, year int, level string, clusterID int64, unitType string) (scoring.TableInfo, error) {
	var t scoring.TableInfo
	err := s.tables(ctx).Where(tableAppliesSQL("?", "?", "?", "?"), year, level, clusterID, unitType).
		Order("cluster_id IS NULL, unit_type = '', id DESC").Take(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return t, errs.New(errs.NotFound, "Chưa có bảng tiêu chí chấm điểm năm %d áp dụng cho đơn vị này.", year)
	}
	return t, err
}

// tableAppliesSQL is the condition on criteria_tables under which a table
// may score a unit of a type in a cluster's year (TableFor chooses among
// them): each argument is a parameter or a column of the outer query.
func tableAppliesSQL(year, level, clusterID, unitType string) string {
	return fmt.Sprintf(`criteria_tables.year = %s AND criteria_tables.kind = 'main' AND NOT criteria_tables.superseded AND criteria_tables.level = %s
		AND (criteria_tables.cluster_id = %s OR (criteria_tables.cluster_id IS NULL AND criteria_tables.unit_type IN (%s, '')))`, year, level, clusterID, unitType)
}

// SaveTable creates a table with its rows (header ID 0), or replaces the
// rows of an existing, unfrozen table whose version matches. Rows refer
// to their parents by position: ParentID is the parent's index + 1 in
// t.Criteria (0 for none), since new rows have no ids yet.
func (s *Q) SaveTable(ctx context.Context, info scoring.TableInfo, t scoring.Table, by int64) (scoring.TableInfo, error) {
	db := s.db.WithContext(ctx)
	replaced := false // rows of an existing table were replaced: restore its adjustments
	if info.ID == 0 {
		row := map[string]any{"year": info.Year, "name": info.Name, "kind": info.Kind, "level": info.Level, "unit_type": info.UnitType,
			"cluster_id": info.ClusterID, "version_no": max(info.VersionNo, 1), "previous_id": info.PreviousID,
			"change_reason": info.ChangeReason, "created_by": nullID(by)}
		if err := db.Raw(`INSERT INTO criteria_tables (year, name, kind, level, unit_type, cluster_id, version_no, previous_id, change_reason, created_by)
			VALUES (@year, @name, @kind, @level, @unit_type, @cluster_id, @version_no, @previous_id, @change_reason, @created_by) RETURNING id`, row).
			Scan(&info.ID).Error; err != nil {
			return info, err
		}
	} else {
		res := db.Table("criteria_tables").Where("id = ? AND version = ?", info.ID, loadedVersion(info.Version)).
			Updates(map[string]any{"name": info.Name, "kind": info.Kind, "level": info.Level, "unit_type": info.UnitType,
				"cluster_id": info.ClusterID, "version": gorm.Expr("version + 1"), "updated_at": gorm.Expr("now()")})
		if res.Error != nil {
			return info, res.Error
		}
		if res.RowsAffected != 1 {
			return info, stale("bảng tiêu chí")
		}
		// Rows are replaced; adjustments follow their criterion by code.
		if err := db.Exec(`CREATE TEMP TABLE kept_adjustments ON COMMIT DROP AS
			SELECT c.code, a.unit_id, a.share, a.reason, a.created_by FROM criterion_adjustments a JOIN criteria c ON c.id = a.criterion_id
			WHERE c.table_id = ?`, info.ID).Error; err != nil {
			return info, err
		}
		if err := db.Exec(`DELETE FROM criteria WHERE table_id = ?`, info.ID).Error; err != nil {
			return info, err
		}
		replaced = true
	}
	ids := make([]int64, len(t.Criteria))
	for i, c := range t.Criteria {
		r := criterionRow{TableID: info.ID, Code: c.Code, Name: c.Name, Method: string(c.Method), Max: c.Max, Numerator: c.Numerator,
			Denominator: c.Denominator, Direction: string(c.Direction), TargetNA: c.TargetNA, TargetSector: c.TargetSector,
			ExceedBonus: c.ExceedBonus, Below: string(c.Below), Ord: i + 1}
		if r.Below == "" {
			r.Below = string(scoring.Nothing)
		}
		if c.ParentID > 0 {
			if int(c.ParentID) > i {
				return info, fmt.Errorf("criterion %s: its parent must come before it", c.Code)
			}
			r.ParentID = &ids[c.ParentID-1]
		}
		if err := db.Omit("ID").Create(&r).Error; err != nil {
			if isUniqueViolation(err, "") {
				return info, errs.Fields{fmt.Sprintf("criteria.%d", i+1): "Mã tiêu chí " + c.Code + " bị trùng."}.Err()
			}
			return info, err
		}
		ids[i] = r.ID
	}
	if replaced {
		if err := db.Exec(`INSERT INTO criterion_adjustments (criterion_id, unit_id, share, reason, created_by)
			SELECT c.id, k.unit_id, k.share, k.reason, k.created_by FROM kept_adjustments k
			JOIN criteria c ON c.code = k.code AND c.table_id = ?`, info.ID).Error; err != nil {
			return info, err
		}
	}
	return s.TableInfo(ctx, info.ID)
}

// SupersedeTable marks a table as replaced by a newer version.
func (s *Q) SupersedeTable(ctx context.Context, id int64) error {
	return s.db.WithContext(ctx).Exec(`UPDATE criteria_tables SET superseded = true, version = version + 1, updated_at = now() WHERE id = ?`, id).Error
}

// Adjustments returns a unit's criterion adjustments in a table.
func (s *Q) Adjustments(ctx context.Context, tableID, unitID int64) (map[int64]scoring.Adjustment, error) {
	var rows []struct {
		CriterionID int64
		Share       float64
		Reason      string
	}
	err := s.db.WithContext(ctx).Table("criterion_adjustments a").Select("a.criterion_id, a.share, a.reason").
		Joins("JOIN criteria c ON c.id = a.criterion_id").Where("c.table_id = ? AND a.unit_id = ?", tableID, unitID).Find(&rows).Error
	out := map[int64]scoring.Adjustment{}
	for _, r := range rows {
		out[r.CriterionID] = scoring.Adjustment{CriterionID: r.CriterionID, Share: r.Share, Reason: r.Reason}
	}
	return out, err
}

// YearAdjustments returns every adjustment of a year's tables, by table
// and unit: one query for a ranking rather than one per unit.
func (s *Q) YearAdjustments(ctx context.Context, year int) (map[[2]int64]map[int64]scoring.Adjustment, error) {
	var rows []struct {
		TableID, UnitID, CriterionID int64
		Share                        float64
		Reason                       string
	}
	err := s.db.WithContext(ctx).Table("criterion_adjustments a").Select("c.table_id, a.unit_id, a.criterion_id, a.share, a.reason").
		Joins("JOIN criteria c ON c.id = a.criterion_id").Joins("JOIN criteria_tables t ON t.id = c.table_id").
		Where("t.year = ?", year).Find(&rows).Error
	out := map[[2]int64]map[int64]scoring.Adjustment{}
	for _, r := range rows {
		k := [2]int64{r.TableID, r.UnitID}
		if out[k] == nil {
			out[k] = map[int64]scoring.Adjustment{}
		}
		out[k][r.CriterionID] = scoring.Adjustment{CriterionID: r.CriterionID, Share: r.Share, Reason: r.Reason}
	}
	return out, err
}

// CopyAdjustments gives a new version of a table the adjustments of the
// old one, criterion by code.
func (s *Q) CopyAdjustments(ctx context.Context, from, to int64) error {
	return s.db.WithContext(ctx).Exec(`INSERT INTO criterion_adjustments (criterion_id, unit_id, share, reason, created_by)
		SELECT n.id, a.unit_id, a.share, a.reason, a.created_by FROM criterion_adjustments a
		JOIN criteria o ON o.id = a.criterion_id AND o.table_id = ?
		JOIN criteria n ON n.table_id = ? AND n.code = o.code`, from, to).Error
}

// SetAdjustment records (share < 1) or removes (share 1) an adjustment.
func (s *Q) SetAdjustment(ctx context.Context, unitID int64, a scoring.Adjustment, by int64) error {
	if a.Share >= 1 {
		return s.db.WithContext(ctx).Exec(`DELETE FROM criterion_adjustments WHERE criterion_id = ? AND unit_id = ?`, a.CriterionID, unitID).Error
	}
	return s.db.WithContext(ctx).Exec(`INSERT INTO criterion_adjustments (criterion_id, unit_id, share, reason, created_by) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (criterion_id, unit_id) DO UPDATE SET share = EXCLUDED.share, reason = EXCLUDED.reason, created_by = EXCLUDED.created_by, created_at = now()`,
		a.CriterionID, unitID, a.Share, a.Reason, nullID(by)).Error
}
