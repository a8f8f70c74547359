package retention_test

import (
	"testing"
	"time"

	"thidua/internal/award"
	"thidua/internal/retention"
)

func TestForTitle(t *testing.T) {
	for _, c := range []struct {
		t         award.Title
		years     int
		permanent bool
	}{
		{award.BangKhenThuTuong, 0, true}, // the Prime Minister's
		{award.CoThiDuaChinhPhu, 0, true}, // the Government's
		{award.ChienSiThiDuaToanQuoc, 0, true},
		{award.Title("huan_chuong_ld3"), 0, true}, // unknown: kept, never destroyed on a guess
		{award.ChienSiThiDuaNganh, 20, false},
		{award.CoThiDuaNganh, 20, false},
		{award.BangKhenNganh, 20, false},
		{award.TapTheLaoDongXuatSac, 20, false},
		{award.LaoDongTienTien, 10, false},
		{award.ChienSiThiDuaCoSo, 10, false},
		{award.TapTheLaoDongTienTien, 10, false},
		{award.GiayKhen, 10, false},
	} {
		p := retention.ForTitle(c.t)
		if p.Permanent != c.permanent || p.Years != c.years || p.Basis == "" {
			t.Errorf("%s: %+v, want %d years, permanent %v", c.t, p, c.years, c.permanent)
		}
	}
}

func TestUntil(t *testing.T) {
	day := time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)
	if u, ok := retention.ForTitle(award.LaoDongTienTien).Until(day); !ok || !u.Equal(time.Date(2034, 2, 28, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("10 years from 29/02/2024: %v %v", u, ok)
	}
	if _, ok := retention.ForTitle(award.BangKhenThuTuong).Until(day); ok {
		t.Error("a permanent record has an end")
	}
	if u, ok := retention.Discipline.Until(day); !ok || u.Year() != 2094 {
		t.Errorf("discipline records: %v %v", u, ok)
	}
}
