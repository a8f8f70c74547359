package store

import (
	"context"
	"encoding/json"
	"errors"

	"gorm.io/gorm"

	"thidua/internal/document"
)

type certLayoutRow struct {
	UnitID   int64
	Kind     string
	WidthMM  float64 `gorm:"column:width_mm"`
	HeightMM float64 `gorm:"column:height_mm"`
	Fields   []byte
	Version  int
}

func (certLayoutRow) TableName() string { return "certificate_layouts" }

// CertLayout is the layout a unit saved for its blanks of kind; ok is
// false when none is (the caller uses document.DefaultCertLayout). Level
// is left for the caller, who knows the unit.
func (s *Q) CertLayout(ctx context.Context, unitID int64, kind string) (l document.CertLayout, ok bool, err error) {
	var r certLayoutRow
	err = s.db.WithContext(ctx).Where("unit_id = ? AND kind = ?", unitID, kind).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return l, false, nil
	}
	if err != nil {
		return l, false, err
	}
	l = document.CertLayout{UnitID: r.UnitID, Kind: r.Kind, Width: r.WidthMM, Height: r.HeightMM, Version: r.Version}
	return l, true, json.Unmarshal(r.Fields, &l.Fields)
}

// SaveCertLayout writes a unit's layout read at l.Version (0: none was
// saved) and returns it at its new version; a stale version is a conflict.
func (s *Q) SaveCertLayout(ctx context.Context, l document.CertLayout) (document.CertLayout, error) {
	fields, err := json.Marshal(l.Fields)
	if err != nil {
		return l, err
	}
	var res *gorm.DB
	if l.Version == 0 {
		res = s.db.WithContext(ctx).Exec(`INSERT INTO certificate_layouts (unit_id, kind, width_mm, height_mm, fields)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (unit_id, kind) DO NOTHING`, l.UnitID, l.Kind, l.Width, l.Height, fields)
	} else {
		res = s.db.WithContext(ctx).Exec(`UPDATE certificate_layouts SET width_mm = ?, height_mm = ?, fields = ?, version = version + 1,
			updated_at = now() WHERE unit_id = ? AND kind = ? AND version = ?`, l.Width, l.Height, fields, l.UnitID, l.Kind, l.Version)
	}
	if res.Error != nil {
		return l, res.Error
	}
	if res.RowsAffected != 1 {
		return l, stale("vị trí các trường trên phôi")
	}
	out, _, err := s.CertLayout(ctx, l.UnitID, l.Kind)
	out.Level = l.Level
	return out, err
}
