package document

import (
	"fmt"
	"math"
	"strings"

	"thidua/internal/errs"
	"thidua/internal/org"
)

// Certificate kinds: the blanks an issuing unit buys pre-printed.
const (
	BangKhen = "bang_khen"
	GiayKhen = "giay_khen"
)

// KindLabel is a certificate kind in Vietnamese.
func KindLabel(kind string) string {
	switch kind {
	case BangKhen:
		return "Bằng khen"
	case GiayKhen:
		return "Giấy khen"
	}
	return kind
}

// CertFields are the fields printed on a certificate, in the order the
// calibration form lists them, with their Vietnamese names.
var CertFields = []struct{ Key, Label, Sample string }{
	{"name", "Họ và tên / tên tập thể", "Bà Phạm Thị Hồng"},
	{"position", "Chức vụ, đơn vị công tác", "Kiểm sát viên trung cấp, Viện kiểm sát nhân dân tỉnh Thanh Hóa"},
	{"title", "Danh hiệu, hình thức khen thưởng", "Đã có thành tích xuất sắc trong công tác năm 2026"},
	{"decision", "Số quyết định", "Quyết định số 125/QĐ-VKSTC"},
	{"date", "Địa danh, ngày ký", "Hà Nội, ngày 05 tháng 12 năm 2026"},
	{"signer", "Chức vụ người ký", "KT. VIỆN TRƯỞNG\nPHÓ VIỆN TRƯỞNG"},
	{"signer_name", "Họ và tên người ký", "Nguyễn Văn An"},
}

// CertField is where one field is printed: X and Y in millimetres from
// the blank's top-left corner to the top of the text and its left edge,
// or its centre when Center; Size in points.
type CertField struct {
	Key    string  `json:"key"`
	X      float64 `json:"x_mm"`
	Y      float64 `json:"y_mm"`
	Size   float64 `json:"size_pt"`
	Bold   bool    `json:"bold"`
	Center bool    `json:"center"`
}

// CertLayout is the layout of one kind of certificate on the blanks of
// the unit that issues it (UnitID; Level is that unit's type).
type CertLayout struct {
	UnitID  int64        `json:"unit_id"`
	Level   org.UnitType `json:"level"`
	Kind    string       `json:"kind"`
	Width   float64      `json:"width_mm"`
	Height  float64      `json:"height_mm"`
	Fields  []CertField  `json:"fields"`
	Version int          `json:"version"` // 0: not saved yet, the default
}

// Certificate is one certificate's text by field key.
type Certificate map[string]string

// DefaultCertLayout is where fields go before a board has calibrated its
// blank: an A4 landscape sheet, the text centred, the date and signature
// on the right.
func DefaultCertLayout(level org.UnitType, kind string) CertLayout {
	return CertLayout{Level: level, Kind: kind, Width: 297, Height: 210, Fields: []CertField{
		{Key: "name", X: 148.5, Y: 88, Size: 22, Bold: true, Center: true},
		{Key: "position", X: 148.5, Y: 102, Size: 15, Center: true},
		{Key: "title", X: 148.5, Y: 116, Size: 16, Bold: true, Center: true},
		{Key: "decision", X: 40, Y: 178, Size: 12},
		{Key: "date", X: 215, Y: 140, Size: 14, Center: true},
		{Key: "signer", X: 215, Y: 148, Size: 14, Bold: true, Center: true},
		{Key: "signer_name", X: 215, Y: 185, Size: 15, Bold: true, Center: true},
	}}
}

// Check refuses a layout a printer could not use: a page size out of
// 50–500 mm, a field outside the page, a size out of 6–72 pt, an unknown
// or repeated field; each message names its field ("fields.2.x_mm").
func (l CertLayout) Check() error {
	bad := errs.Fields{}
	size := func(key string, v float64) {
		if math.IsNaN(v) || v < 50 || v > 500 {
			bad[key] = "Khổ giấy phải từ 50 đến 500 mm."
		}
	}
	size("width_mm", l.Width)
	size("height_mm", l.Height)
	if l.Kind != BangKhen && l.Kind != GiayKhen {
		bad["kind"] = "Loại phôi phải là Bằng khen hoặc Giấy khen."
	}
	if !l.Level.Valid() {
		bad["level"] = "Cấp không hợp lệ."
	}
	seen := map[string]bool{}
	for i, f := range l.Fields {
		at := fmt.Sprintf("fields.%d.", i)
		label := CertLabel(f.Key)
		switch {
		case label == "":
			bad[at+"key"] = fmt.Sprintf("Trường “%s” không có trên phôi.", f.Key)
			continue
		case seen[f.Key]:
			bad[at+"key"] = fmt.Sprintf("Trường “%s” được đặt hai lần.", label)
		}
		seen[f.Key] = true
		if math.IsNaN(f.X) || f.X < 0 || f.X > l.Width {
			bad[at+"x_mm"] = fmt.Sprintf("%s: khoảng cách từ mép trái phải từ 0 đến %s mm.", label, MM(l.Width))
		}
		if math.IsNaN(f.Y) || f.Y < 0 || f.Y > l.Height {
			bad[at+"y_mm"] = fmt.Sprintf("%s: khoảng cách từ mép trên phải từ 0 đến %s mm.", label, MM(l.Height))
		}
		if math.IsNaN(f.Size) || f.Size < 6 || f.Size > 72 {
			bad[at+"size_pt"] = fmt.Sprintf("%s: cỡ chữ phải từ 6 đến 72.", label)
		}
	}
	return bad.Err()
}

// CertLabel is a field's Vietnamese name; "" for an unknown key.
func CertLabel(key string) string {
	for _, f := range CertFields {
		if f.Key == key {
			return f.Label
		}
	}
	return ""
}

// CertSample is a field's sample text, printed on the calibration sheet.
func CertSample(key string) string {
	for _, f := range CertFields {
		if f.Key == key {
			return f.Sample
		}
	}
	return ""
}

// MM is a length in millimetres as Vietnamese write it: "297", "148,5".
func MM(v float64) string {
	return strings.Replace(strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", v), "0"), "."), ".", ",", 1)
}
