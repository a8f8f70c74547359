package seed

import (
	"fmt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/decision"
)

// Awards decided at each level (issue #16): the provinces' councils, which
// decide the grassroots titles of their people and units (Luật TĐKT 2022
// Điều 80 khoản 1) and forward the rest to the sector's board.

// councilSpec is one council of the demo: its level, year and members.
type councilSpec struct {
	unit    string
	year    int
	name    string
	by      string // the decision that set it up
	members []decision.Member
	users   []string // usernames of members with an account, in members' order ("" none)
}

// demoCouncil is a council of three: the head (chair, who signs), a
// deputy (vice-chair, who signs KT.) and the standing member from the
// emulation office.
func demoCouncil(unit, place, symbol string, year int, head, deputy, office string) councilSpec {
	return councilSpec{unit: unit, year: year,
		name: "Hội đồng Thi đua – Khen thưởng VKSND tỉnh " + place,
		by:   fmt.Sprintf("Quyết định số 01/QĐ-%s ngày 05/01/%d %s", symbol, year, demoMark),
		members: []decision.Member{
			{FullName: head, Position: "Viện trưởng", Role: decision.RoleChair},
			{FullName: deputy, Position: "Phó Viện trưởng", Role: decision.RoleViceChair},
			{FullName: office, Position: "Chánh Văn phòng", Role: decision.RoleStanding},
		}}
}

// council records a council and its members as the level's board would;
// it returns the members by role.
func (s *seeder) council(c councilSpec) (map[string]decision.Member, error) {
	out := map[string]decision.Member{}
	co, err := s.a.CreateCouncil(s.ctx, auth.System, app.CouncilInput{UnitID: s.ids[c.unit], Year: c.year, Name: c.name, FoundedBy: c.by})
	if err != nil {
		return nil, fmt.Errorf("council %s %d: %w", c.unit, c.year, err)
	}
	for i, m := range c.members {
		in := app.MemberInput{FullName: m.FullName, Position: m.Position, Role: m.Role}
		if i < len(c.users) {
			in.Username = c.users[i]
		}
		got, err := s.a.AddCouncilMember(s.ctx, auth.System, co.ID, in)
		if err != nil {
			return nil, fmt.Errorf("council %s member %s: %w", c.unit, m.FullName, err)
		}
		out[m.Role] = got
	}
	return out, nil
}

// councilsOf are the two demo provinces' councils of year (last year),
// whose decisions recognised that year's titles.
func (s *seeder) councilsOf(year int) (map[string]map[string]decision.Member, error) {
	out := map[string]map[string]decision.Member{}
	for _, c := range []councilSpec{
		demoCouncil(thanhHoa, "Thanh Hóa", "VKSTH", year, "Lê Văn Minh "+demoMark, "Nguyễn Thị Hằng "+demoMark, "Trịnh Văn Bình "+demoMark),
		demoCouncil(nghean, "Nghệ An", "VKSNA", year, "Hồ Đức Phong "+demoMark, "Phan Văn Thành "+demoMark, "Nguyễn Thị Vân "+demoMark),
	} {
		m, err := s.council(c)
		if err != nil {
			return nil, err
		}
		out[c.unit] = m
	}
	return out, nil
}
