package award

import (
	"strings"
	"testing"
)

func TestCheckQuota(t *testing.T) {
	for _, c := range []struct {
		name           string
		rs             RuleSet
		kind           Quota
		proposed, base int
		allowed        int
		over           bool
		text           string
	}{
		{"15 % of 7 Lao động tiên tiến is 1,05: one Chiến sĩ thi đua cơ sở", tt02, QuotaCSTDCS, 1, 7, 1, false, "15% của 7 = 1,05, làm tròn xuống"},
		{"a second one is over", tt02, QuotaCSTDCS, 2, 7, 1, true, "vượt 1"},
		{"15 % of 6 is 0,9: none, the share sets no minimum", tt02, QuotaCSTDCS, 1, 6, 0, true, ""},
		{"15 % of 20 is 3", tt01, QuotaCSTDCS, 3, 20, 3, false, ""},
		{"20 % of 3 units is 0,6: at least 1", tt02, QuotaTTLDXS, 1, 3, 1, false, "20% của 3 = 0,6, nhỏ hơn 1 nên được 1"},
		{"20 % of 3 units: not 2", tt02, QuotaTTLDXS, 2, 3, 1, true, ""},
		{"20 % of 12 units is 2,4: two", tt02, QuotaTTLDXS, 3, 12, 2, true, ""},
		{"20 % of 10 units is 2", tt02, QuotaTTLDXS, 2, 10, 2, false, ""},
		{"no unit rated tiên tiến: no minimum", tt02, QuotaTTLDXS, 0, 0, 0, false, ""},
		{"TT 01/2019 set no share for Tập thể lao động xuất sắc", tt01L22, QuotaTTLDXS, 5, 10, 10, false, "không quy định tỷ lệ"},
		{"NĐ 91/2017: 20 % of the units meeting the sector Cờ standard", tt01, QuotaCoChinhPhu, 1, 5, 1, false, ""},
		{"more proposed than the base", tt02, QuotaTTLDXS, 4, 3, 0, true, "không hợp lệ"},
		{"an unknown quota", tt02, Quota("x"), 1, 1, 0, false, "không có hạn mức"},
	} {
		r := CheckQuota(c.rs, c.kind, c.proposed, c.base)
		if r.Allowed != c.allowed || r.Over != c.over || !strings.Contains(r.Text, c.text) || r.RuleSetID != c.rs.ID {
			t.Errorf("%s: got allowed %d over %v %q [%s], want allowed %d over %v, text with %q",
				c.name, r.Allowed, r.Over, r.Text, r.RuleSetID, c.allowed, c.over, c.text)
		}
	}
}

func TestShareIsExactButShownHalfUp(t *testing.T) {
	for _, c := range []struct {
		n, d, pct     int
		atLeast, more bool
		shown         string
	}{
		{8, 10, 80, true, false, "8/10 (80%)"},
		{39, 49, 80, false, false, "39/49 (79,6%)"},
		{5, 10, 50, true, false, "5/10 (50%)"},
		{51, 100, 50, true, true, "51/100 (51%)"},
		{18, 20, 90, true, false, "18/20 (90%)"},
		{2, 3, 67, false, false, "2/3 (66,7%)"},
		{0, 0, 0, false, false, "0/0 (0%)"},
	} {
		if got := atLeast(c.n, c.d, c.pct); got != c.atLeast {
			t.Errorf("atLeast(%d, %d, %d) = %v", c.n, c.d, c.pct, got)
		}
		if got := moreThan(c.n, c.d, c.pct); got != c.more {
			t.Errorf("moreThan(%d, %d, %d) = %v", c.n, c.d, c.pct, got)
		}
		if got := share(c.n, c.d); got != c.shown {
			t.Errorf("share(%d, %d) = %q, want %q", c.n, c.d, got, c.shown)
		}
	}
}
