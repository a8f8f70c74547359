package proposal

import "thidua/internal/award"

// Quota counting over a year's list (award.QuotaCSTDCS per proposing unit,
// award.QuotaTTLDXS over the whole list). Every live proposal counts
// against a cap; only an eligible one (never "chưa đủ thông tin") counts
// in the base the cap is a share of. A breach warns; it does not block.

// UnitCount is one proposing unit's count for the Chiến sĩ thi đua cơ sở cap.
type UnitCount struct {
	UnitID int64
	Name   string
	CSTDCS int            // live CSTĐCS proposals
	LDTT   map[int64]bool // people proposed (eligibly) or holding Lao động tiên tiến
}

// Count is the quota base and caps counted from a list.
type Count struct {
	Units  []*UnitCount   // in the list's order of proposing units
	TTLDXS int            // live Tập thể lao động xuất sắc proposals
	TTLDTT map[int64]bool // units proposed (eligibly) or rated Tập thể lao động tiên tiến
}

// Tally counts a year's list: the whole of each unit's live list,
// whatever a status filter shows.
func Tally(list []Proposal) Count {
	c := Count{TTLDTT: map[int64]bool{}}
	byUnit := map[int64]*UnitCount{}
	for _, pr := range list {
		if !Live(pr.Status) {
			continue
		}
		u := byUnit[pr.ProposerUnitID]
		if u == nil {
			u = &UnitCount{UnitID: pr.ProposerUnitID, Name: pr.ProposerName, LDTT: map[int64]bool{}}
			byUnit[pr.ProposerUnitID] = u
			c.Units = append(c.Units, u)
		}
		eligible := award.Outcome(pr.VerdictOutcome).IsEligible()
		switch award.Title(pr.Title) {
		case award.ChienSiThiDuaCoSo:
			u.CSTDCS++
			if eligible && pr.PersonID != nil {
				u.LDTT[*pr.PersonID] = true // a Chiến sĩ thi đua cơ sở holds Lao động tiên tiến
			}
		case award.LaoDongTienTien:
			if eligible && pr.PersonID != nil {
				u.LDTT[*pr.PersonID] = true
			}
		case award.TapTheLaoDongXuatSac:
			c.TTLDXS++
			if eligible && pr.UnitID != nil {
				c.TTLDTT[*pr.UnitID] = true
			}
		case award.TapTheLaoDongTienTien:
			if eligible && pr.UnitID != nil {
				c.TTLDTT[*pr.UnitID] = true
			}
		}
	}
	return c
}

// QuotaCheck is one quota over a list, with the unit it concerns ("" for
// the whole list).
type QuotaCheck struct {
	UnitName string `json:"unit_name"`
	award.QuotaResult
}

// Checks are the quota checks of the count under rule set rs, the
// board's own share for CSTĐCS where the rules leave it to the board.
// The caller has added what the records hold (titles held, not
// proposed) to the bases.
func (c Count) Checks(rs award.RuleSet, board award.BoardQuota) []QuotaCheck {
	out := []QuotaCheck{}
	for _, u := range c.Units {
		if u.CSTDCS > 0 {
			out = append(out, QuotaCheck{UnitName: u.Name, QuotaResult: award.CheckQuotaBoard(rs, award.QuotaCSTDCS, u.CSTDCS, len(u.LDTT), board)})
		}
	}
	if c.TTLDXS > 0 {
		out = append(out, QuotaCheck{QuotaResult: award.CheckQuota(rs, award.QuotaTTLDXS, c.TTLDXS, len(c.TTLDTT))})
	}
	return out
}
