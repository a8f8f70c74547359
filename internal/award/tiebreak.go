package award

import "sort"

// Candidate is one of several people or collectives who meet the same
// title or form equally well (a tie in the ranking or the ballot).
type Candidate struct {
	ID            int64
	Name          string
	Collective    bool
	Female        bool // a person
	Members       int  // a collective
	MembersFemale int
}

// Preferred reports whether c is preferred when candidates tie: "Khi có
// nhiều cá nhân, tập thể cùng đủ điều kiện, tiêu chuẩn thì lựa chọn cá nhân
// nữ hoặc tập thể có tỷ lệ nữ từ 70% trở lên để xét khen thưởng" (Điều 4
// khoản 6 NĐ 152/2025/NĐ-CP; rs.WomenPreferred). The share is compared
// exactly: 69,9 % is below 70 %. Versions without the rule prefer no one.
func (rs RuleSet) Preferred(c Candidate) bool {
	if !rs.WomenPreferred {
		return false
	}
	if c.Collective {
		return atLeast(c.MembersFemale, c.Members, rs.WomenCollectivePercent)
	}
	return c.Female
}

// BreakTie orders candidates who tie: the preferred first, each group in
// the order given (a stable sort), so the board's other criteria decide
// within a group.
func (rs RuleSet) BreakTie(cs []Candidate) []Candidate {
	out := append([]Candidate(nil), cs...)
	sort.SliceStable(out, func(i, j int) bool { return rs.Preferred(out[i]) && !rs.Preferred(out[j]) })
	return out
}
