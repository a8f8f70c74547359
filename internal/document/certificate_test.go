package document

import (
	"math"
	"testing"
	"time"

	"thidua/internal/errs"
	"thidua/internal/org"
)

func TestCertLayoutCheck(t *testing.T) {
	ok := DefaultCertLayout(org.TypeSupreme, BangKhen)
	if err := ok.Check(); err != nil {
		t.Fatalf("the default layout: %v", err)
	}
	for _, c := range []struct {
		name  string
		edit  func(*CertLayout)
		field string
		msg   string
	}{
		{"a field off the page", func(l *CertLayout) { l.Fields[0].X = 300 }, "fields.0.x_mm", "Họ và tên / tên tập thể: khoảng cách từ mép trái phải từ 0 đến 297 mm."},
		{"above the page", func(l *CertLayout) { l.Fields[1].Y = -1 }, "fields.1.y_mm", "Chức vụ, đơn vị công tác: khoảng cách từ mép trên phải từ 0 đến 210 mm."},
		{"a number unread", func(l *CertLayout) { l.Fields[2].Size = math.NaN() }, "fields.2.size_pt", "Danh hiệu, hình thức khen thưởng: cỡ chữ phải từ 6 đến 72."},
		{"a tiny blank", func(l *CertLayout) { l.Width = 40 }, "width_mm", "Khổ giấy phải từ 50 đến 500 mm."},
		{"an unknown field", func(l *CertLayout) { l.Fields[3].Key = "seal" }, "fields.3.key", "Trường “seal” không có trên phôi."},
		{"a field twice", func(l *CertLayout) { l.Fields[4].Key = "name" }, "fields.4.key", "Trường “Họ và tên / tên tập thể” được đặt hai lần."},
		{"another kind", func(l *CertLayout) { l.Kind = "huan_chuong" }, "kind", "Loại phôi phải là Bằng khen hoặc Giấy khen."},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := DefaultCertLayout(org.TypeSupreme, BangKhen)
			l.Fields = append([]CertField(nil), ok.Fields...)
			c.edit(&l)
			e, isErr := errs.As(l.Check())
			if !isErr || e.Code != errs.Invalid || e.Fields[c.field] != c.msg {
				t.Fatalf("got %v, want %s: %q", e, c.field, c.msg)
			}
		})
	}
}

func TestDateLine(t *testing.T) {
	for _, c := range []struct {
		on   time.Time
		want string
	}{
		{time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC), "Hà Nội, ngày 05 tháng 12 năm 2026"},
		{time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC), "Hà Nội, ngày 28 tháng 02 năm 2026"},
		{time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "Hà Nội, ngày 01 tháng 3 năm 2026"},
	} {
		if got := DateLine("Hà Nội", &c.on); got != c.want {
			t.Errorf("%v: %q, want %q", c.on, got, c.want)
		}
	}
	if got := DateLine("Thanh Hóa", nil); got != "Thanh Hóa, ngày     tháng     năm 20   " {
		t.Errorf("no date: %q", got)
	}
}
