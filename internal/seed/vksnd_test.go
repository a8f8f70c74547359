package seed

import (
	"testing"
	"time"

	"thidua/internal/org"
)

// The demo must reproduce the reorganisation's arithmetic: 63 provincial
// procuracies until 30/6/2025, 34 from 1/7/2025 (23 formed by merger, 11
// unchanged), three high procuracies until the merger.
func TestStructureCounts(t *testing.T) {
	units := structure()
	count := func(typ org.UnitType, on string) int {
		d := mustDate(t, on)
		n := 0
		for _, u := range units {
			if u.Type == typ && u.ActiveOn(d) {
				n++
			}
		}
		return n
	}
	for _, c := range []struct {
		typ  org.UnitType
		on   string
		want int
	}{
		{org.TypeProvincial, "2024-12-31", 63},
		{org.TypeProvincial, "2025-01-01", 63}, // Thừa Thiên Huế → TP Huế, still 63
		{org.TypeProvincial, "2025-06-30", 63},
		{org.TypeProvincial, "2025-07-01", 34},
		{org.TypeHigh, "2025-06-30", 3},
		{org.TypeHigh, "2025-07-01", 0},
		{org.TypeSupreme, "2025-07-01", 1},
	} {
		if got := count(c.typ, c.on); got != c.want {
			t.Errorf("%s on %s: %d units, want %d", c.typ, c.on, got, c.want)
		}
	}

	merged, fromCount := 0, 0
	codes := map[string]bool{}
	for _, u := range units {
		if codes[u.Code] {
			t.Errorf("duplicate code %s", u.Code)
		}
		codes[u.Code] = true
		if u.Type == org.TypeProvincial && u.kind == org.LineageMerge {
			merged++
			fromCount += len(u.from)
		}
		for _, f := range u.from {
			if !codes[f] {
				t.Errorf("%s: predecessor %s is not defined before it", u.Code, f)
			}
		}
	}
	if merged != 23 || fromCount != 52 {
		t.Errorf("merged provinces = %d formed from %d, want 23 from 52", merged, fromCount)
	}
}

func TestProvinceCode(t *testing.T) {
	for in, want := range map[string]string{"Thanh Hóa": "VKS-THANHHOA", "Đắk Lắk": "VKS-DAKLAK", "Bà Rịa – Vũng Tàu": "VKS-BARIAVUNGTAU"} {
		if got := ProvinceCode(in); got != want {
			t.Errorf("ProvinceCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func mustDate(t *testing.T, s string) (d time.Time) {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
