package store

import (
	"context"
	"encoding/json"
	"errors"

	"gorm.io/gorm"

	"thidua/internal/document"
	"thidua/internal/org"
)

type certLayoutRow struct {
	Level    string
	Kind     string
	WidthMM  float64 `gorm:"column:width_mm"`
	HeightMM float64 `gorm:"column:height_mm"`
	Fields   []byte
	Version  int
}

func (certLayoutRow) TableName() string { return "certificate_layouts" }

// CertLayout is the layout saved for a level and kind; ok is false when
// none is (the caller uses document.DefaultCertLayout).
func (s *Q) CertLayout(ctx context.Context, level org.UnitType, kind string) (l document.CertLayout, ok bool, err error) {
	var r certLayoutRow
	err = s.db.WithContext(ctx).Where("level = ? AND kind = ?", string(level), kind).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return l, false, nil
	}
	if err != nil {
		return l, false, err
	}
	l = document.CertLayout{Level: org.UnitType(r.Level), Kind: r.Kind, Width: r.WidthMM, Height: r.HeightMM, Version: r.Version}
	return l, true, json.Unmarshal(r.Fields, &l.Fields)
}

// SaveCertLayout writes a layout read at l.Version (0: none was saved)
// and returns it at its new version; a stale version is a conflict.
func (s *Q) SaveCertLayout(ctx context.Context, l document.CertLayout) (document.CertLayout, error) {
	fields, err := json.Marshal(l.Fields)
	if err != nil {
		return l, err
	}
	var res *gorm.DB
	if l.Version == 0 {
		res = s.db.WithContext(ctx).Exec(`INSERT INTO certificate_layouts (level, kind, width_mm, height_mm, fields)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (level, kind) DO NOTHING`, string(l.Level), l.Kind, l.Width, l.Height, fields)
	} else {
		res = s.db.WithContext(ctx).Exec(`UPDATE certificate_layouts SET width_mm = ?, height_mm = ?, fields = ?, version = version + 1,
			updated_at = now() WHERE level = ? AND kind = ? AND version = ?`, l.Width, l.Height, fields, string(l.Level), l.Kind, l.Version)
	}
	if res.Error != nil {
		return l, res.Error
	}
	if res.RowsAffected != 1 {
		return l, stale("vị trí các trường trên phôi")
	}
	out, _, err := s.CertLayout(ctx, l.Level, l.Kind)
	return out, err
}
