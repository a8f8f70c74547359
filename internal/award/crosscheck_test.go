package award

import (
	"strings"
	"testing"
	"time"
)

// NĐ 90/2020 Điều 2 as amended by NĐ 48/2023: disciplined in the year,
// rated "không hoàn thành nhiệm vụ".
func TestRatingConflict(t *testing.T) {
	kt := func(y int, m time.Month, d int) Discipline {
		return Discipline{Measure: KhienTrach, From: day(y, m, d)}
	}
	for _, c := range []struct {
		name string
		r    Rating
		year int
		d    Discipline
		want bool
	}{
		{"hoàn thành nhiệm vụ in the year of a khiển trách", HoanThanh, 2026, kt(2026, time.March, 1), true},
		{"xuất sắc in the year of a cảnh cáo", XuatSac, 2026, Discipline{Measure: CanhCao, From: day(2026, time.December, 31)}, true},
		{"không hoàn thành nhiệm vụ agrees", KhongHoanThanh, 2026, kt(2026, time.March, 1), false},
		{"a discipline taking effect on 1/1 of the next year", Tot, 2026, kt(2027, time.January, 1), false},
		{"a discipline taking effect on 31/12 of the year before", Tot, 2026, kt(2025, time.December, 31), false},
		{"2022 ratings are not revisited (NĐ 48/2023 from 15/9/2023)", Tot, 2022, kt(2022, time.May, 1), false},
		{"2023 ratings are", Tot, 2023, kt(2023, time.May, 1), true},
	} {
		msg, got := RatingConflict(c.r, c.year, c.d)
		if got != c.want || (got && (!strings.Contains(msg, "không hoàn thành nhiệm vụ") || !strings.Contains(msg, "NĐ 48/2023"))) {
			t.Errorf("%s: got %v %q", c.name, got, msg)
		}
	}
	if _, ok := DisciplineConflict(kt(2026, time.March, 1), map[int]Rating{2026: Tot}); !ok {
		t.Error("a new discipline against the year's rating")
	}
	if _, ok := DisciplineConflict(kt(2026, time.March, 1), map[int]Rating{2025: Tot}); ok {
		t.Error("another year's rating")
	}
}
