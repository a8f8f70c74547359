package seed

import (
	"fmt"
	"strings"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/decision"
	"thidua/internal/org"
	"thidua/internal/proposal"
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
			{FullName: head, Position: "Viện trưởng", Seat: decision.SeatChair},
			{FullName: deputy, Position: "Phó Viện trưởng", Seat: decision.SeatViceChair},
			{FullName: office, Position: "Chánh Văn phòng", Seat: decision.SeatStanding},
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
		in := app.MemberInput{FullName: m.FullName, Position: m.Position, Seat: m.Seat}
		if i < len(c.users) {
			in.Username = c.users[i]
		}
		got, err := s.a.AddCouncilMember(s.ctx, auth.System, co.ID, in)
		if err != nil {
			return nil, fmt.Errorf("council %s member %s: %w", c.unit, m.FullName, err)
		}
		out[m.Seat] = got
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

// The seeds' story (seed 002): "Cuối năm đơn vị được Viện KSND tỉnh Trà
// Vinh công nhận danh hiệu Tập thể lao động tiên tiến, 02 đồng chí đạt
// danh hiệu Chiến sĩ thi đua cơ sở, 11 đồng chí đạt danh hiệu lao động
// tiên tiến". VKSND huyện Tiểu Cần proposes in December 2020, the council
// of VKSND tỉnh Trà Vinh decides; the names and numbers are demo. Tiểu
// Cần's area is in VKSND khu vực 1 – Vĩnh Long since 1/7/2025 (the demo's
// lineage), whose history shows the collective title through the link.

var (
	traVinh   = prov("Trà Vinh")
	tieuCan   = prov("Trà Vinh") + "-TIEUCAN"
	vinhLong  = merged("Vĩnh Long")
	vinhLong1 = merged("Vĩnh Long") + "-KV1"
)

// tieuCanStaff are the eleven Lao động tiên tiến of 2020, the first two
// also Chiến sĩ thi đua cơ sở (demo names).
var tieuCanStaff = []struct{ name, position string }{
	{"Thạch Văn Sơn", "Viện trưởng"}, {"Nguyễn Thị Kim Loan", "Phó Viện trưởng"},
	{"Trần Minh Tâm", "Kiểm sát viên"}, {"Lê Thị Ngọc Hân", "Kiểm sát viên"}, {"Kim Văn Dũng", "Kiểm sát viên"},
	{"Phạm Quốc Huy", "Kiểm sát viên"}, {"Huỳnh Thị Mỹ", "Kiểm tra viên"}, {"Sơn Thị Sa Ri", "Kiểm tra viên"},
	{"Võ Văn Lộc", "Kiểm tra viên"}, {"Đặng Thị Thu", "Kế toán"}, {"Lâm Văn Phúc", "Lái xe"},
}

// tieuCan2020 plays the 2020 round of VKSND huyện Tiểu Cần.
func (s *seeder) tieuCan2020() error {
	const y = 2020
	members, err := s.councilAt(morning(y, 1, 6), demoCouncil(traVinh, "Trà Vinh", "VKSTV", y,
		"Kiên Văn Thành "+demoMark, "Trương Thị Diệu "+demoMark, "Lý Văn Hiền "+demoMark))
	if err != nil {
		return err
	}
	unit := s.ids[tieuCan]
	considered := time.Date(y, 12, 22, 0, 0, 0, 0, time.UTC)
	var items []app.DecisionItem
	propose := func(pid *int64, t award.Title, summary string) error {
		in := app.ProposalInput{Year: y, ProposerUnitID: unit, PersonID: pid, Title: string(t), Summary: summary + " " + demoMark, ConsideredOn: &considered}
		var pr proposal.Proposal
		err := s.at(morning(y, 12, 15), func() (err error) {
			if pr, err = s.a.CreateProposal(s.ctx, auth.System, in); err != nil {
				return err
			}
			if err := CompleteDossier(s.ctx, s.a, auth.System, pr.ID); err != nil {
				return err
			}
			pr, err = s.a.UpdateProposal(s.ctx, auth.System, pr.ID, pr.Version, in, true)
			return err
		})
		if err != nil {
			return fmt.Errorf("Tiểu Cần %s: %w", t, err)
		}
		it := app.DecisionItem{ProposalID: pr.ID, Version: pr.Version}
		if !award.Outcome(pr.VerdictOutcome).IsEligible() {
			it.OverrideReason = "Hội đồng Thi đua – Khen thưởng VKSND tỉnh Trà Vinh đã xét hồ sơ, thống nhất công nhận " + demoMark
		}
		items = append(items, it)
		return nil
	}
	for i, st := range tieuCanStaff {
		since, born := time.Date(2012+i%5, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(1975+i*2, 3, 10, 0, 0, 0, 0, time.UTC)
		sex := "nam"
		if strings.Contains(st.name, " Thị ") || st.name == "Sơn Thị Sa Ri" {
			sex = "nu"
		}
		rating := tot
		if i < 2 {
			rating = xs
		}
		var pid int64
		if err := s.at(morning(y, 1, 10), func() error {
			p, err := s.a.CreatePerson(s.ctx, auth.System, app.PersonInput{FullName: st.name + " " + demoMark, BirthDate: &born, Sex: sex,
				Position: st.position, UnitID: unit, Since: since, RecruitedOn: &since, Active: true})
			pid = p.ID
			return err
		}); err != nil {
			return fmt.Errorf("Tiểu Cần %s: %w", st.name, err)
		}
		if err := s.at(morning(y, 12, 10), func() error {
			_, err := s.a.SetRating(s.ctx, auth.System, pid, app.Rating{Year: y, Rating: rating})
			return err
		}); err != nil {
			return err
		}
		if err := propose(&pid, award.LaoDongTienTien, st.position+": hoàn thành tốt nhiệm vụ năm 2020"); err != nil {
			return err
		}
		if i < 2 {
			if err := s.at(morning(y, 11, 20), func() error {
				_, err := s.a.AddInitiative(s.ctx, auth.System, pid, app.Initiative{Year: y, Level: string(award.CapCoSo), Applied: true,
					Title: "Giải pháp nâng cao chất lượng tranh tụng tại phiên tòa hình sự " + demoMark})
				return err
			}); err != nil {
				return err
			}
			if err := propose(&pid, award.ChienSiThiDuaCoSo, st.position+": hoàn thành xuất sắc nhiệm vụ năm 2020, có sáng kiến được công nhận"); err != nil {
				return err
			}
		}
	}
	if err := propose(nil, award.TapTheLaoDongTienTien, "Tin báo giải quyết đúng hạn 100%; truy tố đúng người, đúng tội 100%; không có bị can Tòa án tuyên không phạm tội"); err != nil {
		return err
	}
	on := time.Date(y, 12, 25, 0, 0, 0, 0, time.UTC)
	chair := members[decision.SeatChair].ID
	if err := s.at(morning(y, 12, 25), func() error {
		_, err := s.a.Decide(s.ctx, auth.System, app.DecisionInput{Year: y, UnitID: s.ids[traVinh], DecidedOn: &on, SignerMemberID: &chair, Items: items,
			Note: "Công nhận danh hiệu thi đua năm 2020 của Viện kiểm sát nhân dân huyện Tiểu Cần " + demoMark})
		return err
	}); err != nil {
		return fmt.Errorf("Trà Vinh's 2020 decision: %w", err)
	}
	// Today's unit: VKSND khu vực 1 – Vĩnh Long holds Tiểu Cần's history.
	return s.at(morning(s.sch.Year, 1, 6), func() error {
		if err := s.a.AddLink(s.ctx, auth.System, org.Link{SuccessorID: s.ids[vinhLong1], PredecessorID: unit, Kind: org.LineageMerge,
			Note: "Địa bàn huyện Tiểu Cần thuộc VKSND khu vực 1 – Vĩnh Long từ 01/7/2025 " + demoMark}); err != nil {
			return err
		}
		counts := true
		_, err := s.a.SetCarryover(s.ctx, auth.System, s.ids[vinhLong1], app.CarryoverInput{PredecessorID: unit, Counts: &counts,
			Reason: "Kế thừa thành tích của Viện kiểm sát nhân dân huyện Tiểu Cần " + demoMark})
		return err
	})
}

// councilAt records a council with the app's clock at t.
func (s *seeder) councilAt(t time.Time, c councilSpec) (map[string]decision.Member, error) {
	var out map[string]decision.Member
	err := s.at(t, func() (err error) {
		out, err = s.council(c)
		return err
	})
	return out, err
}

// vinhLongStaff are the people of VKSND khu vực 1 – Vĩnh Long in the demo:
// the first two proposed this year, the third left for the user guide's
// walk-through (demo names).
var vinhLongStaff = []struct{ name, position, sex, rating string }{
	{"Nguyễn Văn Khải", "Viện trưởng", "nam", xs},
	{"Trần Thị Bích Ngọc", "Kiểm sát viên", "nu", tot},
	{"Lê Hoàng Phúc", "Kiểm sát viên", "nam", tot},
}

// vinhLongRound plays this year's round in VKSND tỉnh Vĩnh Long: VKSND
// khu vực 1 proposes Lao động tiên tiến, Chiến sĩ thi đua cơ sở and Tập
// thể lao động xuất sắc; the provincial council decides the first two
// (signed KT. by a deputy) and forwards the third, above its power (Luật
// TĐKT 2022 Điều 80 khoản 1), with its tờ trình to the sector's board,
// where it waits.
func (s *seeder) vinhLongRound() error {
	y := s.sch.Year
	members, err := s.councilAt(morning(y, 1, 6), councilSpec{unit: vinhLong, year: y,
		name: "Hội đồng Thi đua – Khen thưởng VKSND tỉnh Vĩnh Long",
		by:   fmt.Sprintf("Quyết định số 01/QĐ-VKSVL ngày 06/01/%d %s", y, demoMark),
		members: []decision.Member{
			{FullName: "Đoàn Văn Nghĩa " + demoMark, Position: "Viện trưởng", Seat: decision.SeatChair},
			{FullName: "Thạch Thị Phương " + demoMark, Position: "Phó Viện trưởng", Seat: decision.SeatViceChair},
			{FullName: "Võ Thành Long " + demoMark, Position: "Chánh Văn phòng", Seat: decision.SeatStanding},
		},
		users: []string{"", "", "hoidong.vinhlong"}})
	if err != nil {
		return err
	}
	unit := s.ids[vinhLong1]
	officer := s.principal("canbo.kv1.vinhlong")
	council := s.principal("hoidong.vinhlong")
	council.BoardOf = s.ids[vinhLong]
	var people []int64
	for _, st := range vinhLongStaff {
		var pid int64
		since := time.Date(2010, 9, 1, 0, 0, 0, 0, time.UTC)
		if err := s.at(morning(y, 1, 8), func() error {
			p, err := s.a.CreatePerson(s.ctx, officer, app.PersonInput{FullName: st.name + " " + demoMark, Sex: st.sex, Position: st.position,
				UnitID: unit, Since: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), RecruitedOn: &since, Active: true})
			pid = p.ID
			return err
		}); err != nil {
			return fmt.Errorf("Vĩnh Long %s: %w", st.name, err)
		}
		if err := s.at(s.sch.At(14, 9, 30), func() error {
			_, err := s.a.SetRating(s.ctx, officer, pid, app.Rating{Year: y, Rating: st.rating})
			return err
		}); err != nil {
			return err
		}
		people = append(people, pid)
	}
	send := func(pid *int64, t award.Title, summary string) (proposal.Proposal, error) {
		in := app.ProposalInput{Year: y, ProposerUnitID: unit, PersonID: pid, Title: string(t), Summary: summary + " " + demoMark}
		var pr proposal.Proposal
		err := s.at(s.sch.At(18, 10, 0), func() (err error) {
			if pr, err = s.a.CreateProposal(s.ctx, officer, in); err != nil {
				return err
			}
			if err := CompleteDossier(s.ctx, s.a, officer, pr.ID); err != nil {
				return err
			}
			pr, err = s.a.UpdateProposal(s.ctx, officer, pr.ID, pr.Version, in, true)
			return err
		})
		return pr, err
	}
	var items []app.DecisionItem
	for i, t := range []award.Title{award.ChienSiThiDuaCoSo, award.LaoDongTienTien} {
		pr, err := send(&people[i], t, vinhLongStaff[i].position+fmt.Sprintf(": hoàn thành nhiệm vụ năm %d", y))
		if err != nil {
			return fmt.Errorf("Vĩnh Long %s: %w", t, err)
		}
		it := app.DecisionItem{ProposalID: pr.ID, Version: pr.Version}
		if !award.Outcome(pr.VerdictOutcome).IsEligible() {
			it.OverrideReason = "Hội đồng Thi đua – Khen thưởng VKSND tỉnh Vĩnh Long đã xét hồ sơ " + demoMark
		}
		items = append(items, it)
	}
	xs, err := send(nil, award.TapTheLaoDongXuatSac, fmt.Sprintf("Hoàn thành xuất sắc nhiệm vụ năm %d, vượt các chỉ tiêu được giao", y))
	if err != nil {
		return fmt.Errorf("Vĩnh Long TTLĐXS: %w", err)
	}
	on := org.Day(s.sch.Day(22))
	deputy := members[decision.SeatViceChair].ID
	if err := s.at(s.sch.At(22, 15, 0), func() error {
		_, err := s.a.Decide(s.ctx, council, app.DecisionInput{Year: y, DecidedOn: &on, SignerMemberID: &deputy, Items: items,
			Note: fmt.Sprintf("Công nhận danh hiệu thi đua năm %d của VKSND khu vực 1 – Vĩnh Long %s", y, demoMark)})
		return err
	}); err != nil {
		return fmt.Errorf("Vĩnh Long's decision: %w", err)
	}
	return s.at(s.sch.At(22, 16, 0), func() error {
		_, err := s.a.ForwardProposal(s.ctx, council, xs.ID, app.ForwardInput{Version: xs.Version, DocumentNo: "12/TTr-VKSVL",
			Note: "Đề nghị Viện trưởng VKSND tối cao tặng danh hiệu Tập thể lao động xuất sắc " + demoMark})
		return err
	})
}
