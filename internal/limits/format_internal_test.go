package limits

import (
	"math"
	"testing"
)

// formatSlow is FormatNumber without its shortcut for small whole numbers.
func formatSlow(v float64) string { return formatRounded(v < 0, math.Abs(math.Round(v*100)/100)) }

// The shortcut for small whole numbers writes what the general path
// writes, around its edges too (rounding, negative zero, 999,995).
func TestFormatNumberShortcut(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), -0.001, 0.004, 0.005, 0.5, 1, 6.5, 99, 99.999, 100, 998.996, 999, 999.004, 999.995, 1000,
		1234.5, 1e6, -1, -7.25, -999, -999.996, 1e15, math.Inf(1), math.NaN()}
	for i := -2000; i <= 2000; i++ {
		vals = append(vals, float64(i), float64(i)/8, float64(i)/100+0.004, float64(i)/100-0.005)
	}
	for _, v := range vals {
		if got, want := FormatNumber(v), formatSlow(v); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}
