package limits

import (
	"math"
	"testing"
	"time"

	"thidua/internal/errs"
)

func TestNumberAndDateRanges(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		fail bool
	}{{0, false}, {1000, false}, {1000.01, true}, {-0.01, true}, {1e308, true}, {math.NaN(), true}, {math.Inf(1), true}} {
		f := errs.Fields{}
		Number(f, "max", "Điểm tối đa", tc.v, 0, MaxPoints)
		if (f["max"] != "") != tc.fail {
			t.Errorf("Number(%v): %q", tc.v, f["max"])
		}
	}
	f := errs.Fields{}
	Number(f, "x", "Tử số", 1e308, 0, MaxFigure)
	if f["x"] != "Tử số phải là một số từ 0 đến 1.000.000.000." {
		t.Errorf("message: %q", f["x"])
	}
	for _, tc := range []struct {
		d    time.Time
		fail bool
	}{
		{time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), true},
		{time.Date(1945, 9, 1, 0, 0, 0, 0, time.UTC), true},
		{time.Date(1960, 7, 26, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC), false},
		{time.Time{}, false}, // not given: the required check says so
	} {
		f := errs.Fields{}
		Date(f, "valid_from", "Ngày bắt đầu", tc.d, FirstDay)
		if (f["valid_from"] != "") != tc.fail {
			t.Errorf("Date(%v): %q", tc.d, f["valid_from"])
		}
	}
	f = errs.Fields{}
	Int(f, "vote_electorate", "Số người được bỏ phiếu", 9999999999999, 0, MaxPeople)
	if f["vote_electorate"] != "Số người được bỏ phiếu phải từ 0 đến 1.000.000." {
		t.Errorf("Int: %q", f["vote_electorate"])
	}
}
