package award_test

import (
	"testing"
	"time"

	"thidua/internal/award"
)

// The rule data says which titles need the council's secret ballot, and
// at what share of its members.
func TestCouncilBallot(t *testing.T) {
	rs := award.RulesFor(time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC))
	if pct, ok := rs.CouncilBallot(award.ChienSiThiDuaNganh); !ok || pct != 90 {
		t.Errorf("Chiến sĩ thi đua ngành: %d %v, want 90 %%", pct, ok)
	}
	for _, title := range []award.Title{award.CoThiDuaNganh, award.ChienSiThiDuaCoSo, award.BangKhenNganh} {
		if _, ok := rs.CouncilBallot(title); ok {
			t.Errorf("%s needs the council's ballot", title)
		}
	}
}
