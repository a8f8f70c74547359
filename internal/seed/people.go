package seed

import (
	"fmt"
	"slices"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/cluster"
	"thidua/internal/decision"
	"thidua/internal/proposal"
	"thidua/internal/store"
	"thidua/internal/vote"
)

// The demo's people and awards: the staff of VKSND tỉnh Thanh Hóa (with
// two departments and VKSND khu vực 1) and of VKSND tỉnh Nghệ An, their
// ratings 2022–2026, initiatives, one discipline, their award history
// (one award revoked), the 2025 proposals approved under decisions, the
// 2026 proposals with the units' collective facts and the publication
// window, and a closed cluster vote for the sector's Cờ thi đua with the
// proposal made from it. Every name, date and decision number is demo.
// Everything goes through the service layer, on past dates. Years are
// written as seen from 2026 and moved with the current year (Schedule).

var nghean = prov("Nghệ An")

// personSpec is one demo person and their record.
type personSpec struct {
	unit, name, born, sex, position, since string
	ratings                                [5]string // 2022..2026; "" none
	ldtt, cstdcs                           []int     // awards recorded by hand (2023, 2024)
	p2025                                  award.Title
	p2026                                  award.Title
	draft                                  bool // the 2026 proposal stays a draft
}

const (
	xs, tot, ht, khht = "htxs", "htt", "ht", "khht"
)

// starName holds Chiến sĩ thi đua cơ sở 2023, 2024 and 2025 and a
// sector-level applied initiative: Chiến sĩ thi đua ngành is in reach,
// and the verdict asks for the council's ballot.
const starName = "Nguyễn Thị Hồng Nhung"

// revokedName has their 2023 Lao động tiên tiến revoked.
const revokedName = "Mai Xuân Bình"

// disciplinedName is reprimanded (khiển trách) in 2026, so his 2026 rating
// is "không hoàn thành nhiệm vụ" (NĐ 90/2020 as amended by NĐ 48/2023).
const disciplinedName = "Vũ Đình Tuấn"

func demoPeople() []personSpec {
	LD, CS, TT := award.LaoDongTienTien, award.ChienSiThiDuaCoSo, award.Title("")
	th, p2, p3, kv1 := thanhHoa, thanhHoa+"-P2", thanhHoa+"-P3", thanhHoa+"-KV1"
	both := []int{2023, 2024}
	return []personSpec{
		{th, "Đặng Văn Quang", "1970-03-14", "nam", "Viện trưởng", "2019-08-01", [5]string{tot, tot, xs, tot, tot}, both, nil, LD, LD, false},
		{th, "Lê Văn Thắng", "1974-09-02", "nam", "Phó Viện trưởng", "2018-05-15", [5]string{tot, tot, tot, xs, xs}, both, nil, LD, CS, false},
		{th, starName, "1983-11-20", "nu", "Kiểm sát viên trung cấp", "2012-10-01", [5]string{tot, xs, xs, xs, xs}, nil, both, CS, CS, false},
		{th, "Đỗ Mạnh Cường", "1981-06-08", "nam", "Kiểm sát viên trung cấp", "2010-03-01", [5]string{tot, tot, tot, tot, tot}, both, nil, LD, LD, false},
		{th, disciplinedName, "1979-01-25", "nam", "Kiểm sát viên trung cấp", "2009-07-01", [5]string{tot, tot, tot, tot, khht}, both, nil, LD, TT, false},
		{th, "Trịnh Đình Khoa", "1988-04-17", "nam", "Kiểm sát viên sơ cấp", "2015-09-01", [5]string{tot, tot, tot, tot, tot}, both, nil, LD, LD, false},
		{th, "Phạm Thị Thu Trang", "1990-12-03", "nu", "Kiểm sát viên sơ cấp", "2016-02-15", [5]string{tot, tot, tot, tot, tot}, both, nil, LD, LD, false},
		{th, "Hoàng Thị Mai", "1987-07-30", "nu", "Kiểm tra viên", "2013-04-01", [5]string{tot, tot, tot, tot, tot}, both, nil, LD, LD, false},
		{th, revokedName, "1976-02-11", "nam", "Kiểm tra viên chính", "2008-06-01", [5]string{tot, tot, tot, tot, tot}, both, nil, LD, LD, false},
		{th, "Lê Quang Huy", "1992-05-19", "nam", "Chuyên viên, Văn phòng", "2017-03-01", [5]string{tot, tot, tot, tot, tot}, both, nil, LD, LD, true},
		{th, "Lương Thị Hạnh", "1991-10-09", "nu", "Chuyên viên, Văn phòng", "2018-01-02", [5]string{tot, tot, tot, tot, tot}, both, nil, LD, LD, false},
		{th, "Nguyễn Thị Lan Anh", "1985-08-28", "nu", "Kế toán", "2011-05-01", [5]string{tot, tot, ht, tot, tot}, []int{2023}, nil, LD, LD, false},
		{th, "Hà Thị Thu", "1996-03-05", "nu", "Chuyên viên, Văn phòng", "2024-03-01", [5]string{"", "", tot, tot, tot}, nil, nil, LD, TT, false},
		{p2, "Bùi Văn Sơn", "1975-12-12", "nam", "Trưởng phòng", "2020-01-15", [5]string{tot, tot, xs, tot, tot}, both, nil, TT, TT, false},
		{p2, "Lê Thị Ngọc", "1986-09-21", "nu", "Kiểm sát viên trung cấp", "2014-08-01", [5]string{tot, tot, tot, tot, tot}, both, nil, TT, TT, false},
		{p3, "Ngô Đức Mạnh", "1980-04-04", "nam", "Phó Trưởng phòng", "2017-11-01", [5]string{tot, tot, tot, tot, tot}, both, nil, TT, TT, false},
		{kv1, "Trần Văn Thành", "1972-02-27", "nam", "Viện trưởng VKSND khu vực 1", "2025-07-01", [5]string{tot, xs, tot, tot, tot}, both, nil, TT, TT, false},
		{kv1, "Phạm Thị Hằng", "1989-06-16", "nu", "Kiểm sát viên sơ cấp", "2025-07-01", [5]string{tot, tot, tot, tot, tot}, both, nil, TT, TT, false},

		{nghean, "Phan Đình Trọng", "1969-10-10", "nam", "Viện trưởng", "2020-02-01", [5]string{tot, xs, tot, tot, tot}, both, nil, LD, LD, false},
		{nghean, "Nguyễn Thị Minh Phương", "1975-03-22", "nu", "Phó Viện trưởng", "2016-09-01", [5]string{tot, tot, tot, xs, tot}, both, nil, LD, LD, false},
		{nghean, "Hồ Sỹ Tùng", "1982-08-13", "nam", "Kiểm sát viên trung cấp", "2011-04-01", [5]string{tot, tot, tot, tot, tot}, both, nil, LD, LD, false},
		{nghean, "Võ Thị Hương", "1984-01-30", "nu", "Kiểm sát viên trung cấp", "2012-06-01", [5]string{tot, tot, xs, tot, tot}, both, nil, LD, TT, false},
		{nghean, "Trần Thị Hoa", "1990-11-11", "nu", "Kiểm sát viên sơ cấp", "2016-10-01", [5]string{tot, tot, tot, tot, tot}, both, nil, LD, LD, false},
		{nghean, "Thái Văn Hòa", "1989-05-07", "nam", "Kiểm sát viên sơ cấp", "2015-12-01", [5]string{tot, tot, tot, tot, tot}, both, nil, LD, TT, false},
		{nghean, "Nguyễn Cảnh Toàn", "1986-02-18", "nam", "Kiểm tra viên", "2013-03-01", [5]string{tot, tot, tot, tot, tot}, both, nil, LD, TT, false},
		{nghean, "Đậu Thị Quỳnh", "1993-09-25", "nu", "Chuyên viên, Văn phòng", "2019-07-01", [5]string{tot, tot, tot, tot, tot}, both, nil, LD, TT, false},
		{nghean, "Lê Văn Phú", "1978-12-01", "nam", "Kế toán", "2010-01-04", [5]string{tot, tot, tot, tot, tot}, both, nil, LD, TT, false},
	}
}

// demoInitiatives: grassroots initiatives for several, one sector-level
// applied initiative (the star's).
var demoInitiatives = []struct {
	name string
	init app.Initiative
}{
	{starName, app.Initiative{Year: 2023, Level: string(award.CapCoSo), Applied: true,
		Title: "Quy trình kiểm sát việc giải quyết tin báo về tội phạm có yếu tố công nghệ cao"}},
	{starName, app.Initiative{Year: 2024, Level: string(award.CapCoSo), Applied: true,
		Title: "Mẫu bảng tổng hợp chứng cứ phục vụ xét hỏi tại phiên tòa hình sự"}},
	{starName, app.Initiative{Year: 2025, Level: string(award.CapNganh), Applied: true,
		Title: "Số hóa hồ sơ kiểm sát án hình sự và trình chiếu chứng cứ tại phiên tòa"}},
	{"Lê Văn Thắng", app.Initiative{Year: 2026, Level: string(award.CapCoSo), Applied: true,
		Title: "Phối hợp kiểm sát trực tiếp việc tạm giữ, tạm giam bằng sổ theo dõi điện tử"}},
	{"Đỗ Mạnh Cường", app.Initiative{Year: 2025, Level: string(award.CapCoSo),
		Title: "Kỹ năng tranh tụng trong các vụ án ma túy có nhiều bị cáo"}},
	{"Bùi Văn Sơn", app.Initiative{Year: 2024, Level: string(award.CapCoSo), Applied: true,
		Title: "Sổ tay hướng dẫn nghiệp vụ kiểm sát điều tra án kinh tế, tham nhũng"}},
	{"Phan Đình Trọng", app.Initiative{Year: 2025, Level: string(award.CapCoSo), Applied: true,
		Title: "Mô hình Kiểm sát viên đồng hành cùng Điều tra viên từ khi thụ lý tin báo"}},
	{"Hồ Sỹ Tùng", app.Initiative{Year: 2026, Level: string(award.CapCoSo),
		Title: "Tập hợp vướng mắc trong áp dụng Bộ luật Tố tụng hình sự về biện pháp ngăn chặn"}},
}

// unitDecisions are the provinces' yearly decisions on Lao động tiên tiến
// and Chiến sĩ thi đua cơ sở: number, date, signer.
type unitDecision struct {
	number string
	on     time.Time
	signer string
}

func decisionsOf(code string, year int) unitDecision {
	if code == nghean {
		signer := "Viện trưởng VKSND tỉnh Nghệ An " + demoMark
		switch year {
		case 2023:
			return unitDecision{"198/QĐ-VKSNA", date(2023, 12, 25), signer}
		case 2024:
			return unitDecision{"205/QĐ-VKSNA", date(2024, 12, 24), signer}
		}
		return unitDecision{"215/QĐ-VKSNA", date(2025, 12, 22), signer}
	}
	signer := "Viện trưởng VKSND tỉnh Thanh Hóa " + demoMark
	switch year {
	case 2023:
		return unitDecision{"131/QĐ-VKSTH", date(2023, 12, 22), signer}
	case 2024:
		return unitDecision{"128/QĐ-VKSTH", date(2024, 12, 20), signer}
	}
	return unitDecision{"125/QĐ-VKSTH", date(2025, 12, 20), signer}
}

// province is the provincial procuracy a demo unit belongs to.
func provinceOf(code string) string {
	if code == nghean {
		return nghean
	}
	return thanhHoa
}

// demoPeopleAwards loads the people demo unless a person exists already.
func (s *seeder) demoPeopleAwards() error {
	ctx, ids := s.ctx, s.ids
	if exists, err := s.q.HasPeople(ctx); err != nil || exists {
		return err
	}
	for _, code := range []string{thanhHoa, thanhHoa + "-P2", thanhHoa + "-P3", thanhHoa + "-KV1", nghean} {
		if _, ok := ids[code]; !ok {
			return fmt.Errorf("seed people: no unit %s in the demo", code)
		}
	}
	specs := demoPeople()
	people := map[string]int64{}
	for _, sp := range specs {
		id, err := s.person(sp)
		if err != nil {
			return fmt.Errorf("seed person %s: %w", sp.name, err)
		}
		people[sp.name] = id
	}
	steps := []struct {
		name string
		fn   func() error
	}{
		{"initiatives", func() error { return s.initiatives(people) }},
		{"awards", func() error { return s.pastAwards(specs, people) }},
		{"2025 proposals", func() error { return s.proposals2025(specs, people) }},
		{"discipline", func() error { return s.discipline(people) }},
		{"facts", s.facts2026},
		{"2026 proposals", func() error { return s.proposals2026(specs, people) }},
		{"Tiểu Cần 2020", s.tieuCan2020},
		{"Vĩnh Long round", s.vinhLongRound},
		{"vote", s.clusterVote},
	}
	for _, st := range steps {
		if err := st.fn(); err != nil {
			return fmt.Errorf("seed people: %s: %w", st.name, err)
		}
	}
	return nil
}

func parseDay(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// person creates one person and records their ratings, each at the end of
// its year (the current year's early in the closing, for the proposals).
func (s *seeder) person(sp personSpec) (int64, error) {
	by := s.officer(provinceOf(sp.unit))
	if provinceOf(sp.unit) != sp.unit {
		by = auth.System // the demo officers belong to the provinces, not their departments
	}
	born := parseDay(sp.born)
	// Recruitment: the day they came to the unit, except for the staff of
	// VKSND khu vực 1, formed on 1/7/2025 from procuracies they served in
	// long before (demo dates).
	recruited := parseDay(sp.since)
	if recruited.Year() >= 2025 {
		recruited = parseDay("2005-09-01")
	}
	in := app.PersonInput{FullName: sp.name, BirthDate: &born, Sex: sp.sex, Position: sp.position,
		UnitID: s.ids[sp.unit], Since: parseDay(sp.since), RecruitedOn: &recruited, Active: true}
	var p store.Person
	if err := s.at(morning(s.sch.Year, 1, 5), func() (err error) {
		p, err = s.a.CreatePerson(s.ctx, by, in)
		return err
	}); err != nil {
		return 0, err
	}
	for i, r := range sp.ratings {
		if r == "" {
			continue
		}
		y := s.sch.shift(2022 + i)
		when := morning(y, 12, 15)
		if y == s.sch.Year {
			when = s.sch.At(14, 9, 0)
		}
		if err := s.at(when, func() error {
			_, err := s.a.SetRating(s.ctx, by, p.ID, app.Rating{Year: y, Rating: r})
			return err
		}); err != nil {
			return 0, fmt.Errorf("rating %d: %w", y, err)
		}
	}
	return p.ID, nil
}

func (s *seeder) initiatives(people map[string]int64) error {
	for _, x := range demoInitiatives {
		in := x.init
		in.Title += " " + demoMark
		in.Year = s.sch.shift(in.Year)
		when := morning(in.Year, 11, 25)
		if in.Year == s.sch.Year {
			when = s.sch.At(25, 9, 0)
		}
		err := s.at(when, func() error {
			_, err := s.a.AddInitiative(s.ctx, auth.System, people[x.name], in)
			return err
		})
		if err != nil {
			return fmt.Errorf("%s: %w", x.name, err)
		}
	}
	return nil
}

// pastAwards records the 2023 and 2024 awards by hand, as the board would
// enter an award history, and revokes one.
func (s *seeder) pastAwards(specs []personSpec, people map[string]int64) error {
	for _, sp := range specs {
		add := func(year int, title award.Title) error {
			d := decisionsOf(provinceOf(sp.unit), year)
			year, on := s.sch.shift(year), s.sch.shiftDate(d.on)
			aw := app.AwardInput{Year: year, Title: string(title), Kind: string(award.Merit), DecisionNo: d.number, DecisionDate: &on, Signer: d.signer}
			return s.at(morning(year, on.Month(), on.Day()), func() error {
				_, err := s.a.AddAward(s.ctx, auth.System, people[sp.name], aw, nil)
				return err
			})
		}
		for _, y := range sp.ldtt {
			if err := add(y, award.LaoDongTienTien); err != nil {
				return fmt.Errorf("%s %d: %w", sp.name, y, err)
			}
		}
		for _, y := range sp.cstdcs {
			if err := add(y, award.ChienSiThiDuaCoSo); err != nil {
				return fmt.Errorf("%s %d: %w", sp.name, y, err)
			}
		}
	}
	id := people[revokedName]
	held, err := s.q.PersonAwards(s.ctx, id)
	if err != nil {
		return err
	}
	y := s.sch.shift(2023)
	i := slices.IndexFunc(held, func(a store.Award) bool { return a.Year == y && a.Title == string(award.LaoDongTienTien) })
	if i < 0 {
		return fmt.Errorf("no %d award of %s to revoke", y, revokedName)
	}
	reason := fmt.Sprintf("Hủy bỏ theo Quyết định số 37/QĐ-VKSTH ngày 15/3/%d: thời gian nghỉ ốm trong năm %d kê khai không đúng %s", y+1, y, demoMark)
	return s.at(morning(y+1, 3, 15), func() error {
		_, err := s.a.RevokeAward(s.ctx, auth.System, id, held[i].ID, reason)
		return err
	})
}

// propose drafts a proposal and, unless draft, submits it.
func (s *seeder) propose(unit string, personID *int64, title award.Title, year int, summary string, created, submitted time.Time, draft bool) (proposal.Proposal, error) {
	by := s.officer(unit)
	in := app.ProposalInput{Year: year, ProposerUnitID: s.ids[unit], PersonID: personID, Title: string(title), Summary: summary}
	var pr proposal.Proposal
	if err := s.at(created, func() (err error) {
		pr, err = s.a.CreateProposal(s.ctx, by, in)
		return err
	}); err != nil || draft {
		return pr, err
	}
	err := s.at(submitted, func() (err error) {
		if err := CompleteDossier(s.ctx, s.a, by, pr.ID); err != nil {
			return err
		}
		pr, err = s.a.UpdateProposal(s.ctx, by, pr.ID, pr.Version, in, true)
		return err
	})
	return pr, err
}

func summaryOf(sp personSpec, title award.Title, year int) string {
	switch title {
	case award.ChienSiThiDuaCoSo:
		return fmt.Sprintf("%s, %s: hoàn thành xuất sắc nhiệm vụ năm %d; có sáng kiến được Hội đồng sáng kiến đơn vị công nhận %s",
			sp.name, sp.position, year, demoMark)
	default:
		return fmt.Sprintf("%s, %s: hoàn thành tốt nhiệm vụ năm %d; chấp hành tốt kỷ luật, kỷ cương công vụ %s",
			sp.name, sp.position, year, demoMark)
	}
}

// proposals2025 are last year's proposals of both provinces, submitted in
// December 2025 and approved under each province's decision, so that this
// year's verdicts and the decision pages have content.
func (s *seeder) proposals2025(specs []personSpec, people map[string]int64) error {
	last := s.sch.Year - 1
	councils, err := s.councilsOf(last)
	if err != nil {
		return err
	}
	for _, unit := range []string{thanhHoa, nghean} {
		var items []app.DecisionItem
		for _, sp := range specs {
			if sp.unit != unit || sp.p2025 == "" {
				continue
			}
			id := people[sp.name]
			pr, err := s.propose(unit, &id, sp.p2025, last, summaryOf(sp, sp.p2025, last),
				morning(last, 12, 3), morning(last, 12, 5), false)
			if err != nil {
				return fmt.Errorf("%s: %w", sp.name, err)
			}
			it := app.DecisionItem{ProposalID: pr.ID, Version: pr.Version}
			if pr.VerdictOutcome == string(award.NotEligible) {
				it.OverrideReason = "Hội đồng thi đua – khen thưởng đơn vị đã xem xét, thống nhất đề nghị " + demoMark
			}
			items = append(items, it)
		}
		d := decisionsOf(unit, 2025)
		on := s.sch.shiftDate(d.on)
		chair := councils[unit][decision.SeatChair].ID
		in := app.DecisionInput{Year: last, UnitID: s.ids[unit], Number: d.number, DecidedOn: &on, SignerMemberID: &chair, Items: items,
			Note: fmt.Sprintf("Quyết định số %s ngày %s tặng danh hiệu thi đua năm %d %s", d.number, on.Format("02/01/2006"), last, demoMark)}
		if err := s.at(morning(last, on.Month(), on.Day()), func() error {
			_, err := s.a.Decide(s.ctx, auth.System, in)
			return err
		}); err != nil {
			return fmt.Errorf("decision %s: %w", d.number, err)
		}
	}
	return nil
}

func (s *seeder) discipline(people map[string]int64) error {
	y := s.sch.Year
	from, to := date(y, 5, 18), date(y+1, 5, 17)
	d := app.Discipline{Measure: string(award.KhienTrach), FromDate: from, ToDate: &to,
		Note: fmt.Sprintf("Quyết định số 52/QĐ-VKSTH ngày 18/5/%d: khiển trách do để quá hạn giải quyết 02 tin báo về tội phạm %s", y, demoMark)}
	return s.at(morning(y, 5, 18), func() error {
		_, err := s.a.AddDiscipline(s.ctx, s.officer(thanhHoa), people[disciplinedName], d, nil)
		return err
	})
}

// facts2026 records both provinces' collective facts and publishes the
// year's proposals for comment until the filing deadline.
func (s *seeder) facts2026() error {
	currentYear := s.sch.Year
	facts := []struct {
		unit string
		in   app.CollectiveFactsInput
	}{
		{thanhHoa, app.CollectiveFactsInput{Rating: xs, Completed: true, ExceededTargets: true, Movement: true, Solidarity: true, NewModel: true, Thrift: true,
			Note: fmt.Sprintf("Theo báo cáo tổng kết công tác năm %d và biên bản họp Hội đồng thi đua – khen thưởng đơn vị %s", currentYear, demoMark)}},
		{nghean, app.CollectiveFactsInput{Rating: tot, Completed: true, Movement: true, Solidarity: true, Thrift: true,
			Note: fmt.Sprintf("Theo báo cáo tổng kết công tác năm %d; chưa vượt chỉ tiêu giải quyết tin báo đúng hạn %s", currentYear, demoMark)}},
	}
	for _, f := range facts {
		if err := s.at(s.sch.At(16, 9, 0), func() error {
			_, err := s.a.SetUnitFacts(s.ctx, s.officer(f.unit), s.ids[f.unit], currentYear, f.in)
			return err
		}); err != nil {
			return fmt.Errorf("%s: %w", f.unit, err)
		}
	}
	from, until := s.sch.PublishFrom, s.sch.PublishUntil
	return s.at(s.sch.At(20, 9, 0), func() error {
		_, err := s.a.Publish(s.ctx, auth.System, currentYear, app.PublicationInput{From: &from, Until: &until})
		return err
	})
}

// proposals2026 are this year's: Thanh Hóa's people (one still a draft)
// and the unit for Tập thể lao động xuất sắc, Nghệ An's people; two
// comments on one of Thanh Hóa's.
func (s *seeder) proposals2026(specs []personSpec, people map[string]int64) error {
	currentYear := s.sch.Year
	var commented int64
	for _, sp := range specs {
		if sp.p2026 == "" {
			continue
		}
		id := people[sp.name]
		pr, err := s.propose(sp.unit, &id, sp.p2026, currentYear, summaryOf(sp, sp.p2026, currentYear),
			s.sch.At(17, 9, 0), s.sch.At(18, 9, 0), sp.draft)
		if err != nil {
			return fmt.Errorf("%s: %w", sp.name, err)
		}
		if sp.name == "Lê Văn Thắng" {
			commented = pr.ID
		}
	}
	if _, err := s.propose(thanhHoa, nil, award.TapTheLaoDongXuatSac, currentYear,
		fmt.Sprintf("Hoàn thành xuất sắc nhiệm vụ năm %d; vượt các chỉ tiêu của Quốc hội và của Ngành; có mô hình “Kiểm sát viên đồng hành cùng Điều tra viên” được nhân rộng %s", currentYear, demoMark),
		s.sch.At(17, 9, 0), s.sch.At(18, 9, 0), false); err != nil {
		return fmt.Errorf("tập thể: %w", err)
	}
	if commented == 0 {
		return fmt.Errorf("no proposal to comment on")
	}
	comments := []struct {
		user string
		at   time.Time
		body string
	}{
		{"canbo.nghean", s.sch.At(21, 10, 15),
			fmt.Sprintf("Đề nghị làm rõ sáng kiến năm %d đã được áp dụng tại những đơn vị nào %s", currentYear, demoMark)},
		{"hoidong", s.sch.At(21, 15, 40),
			"Thường trực Hội đồng đề nghị đơn vị gửi kèm quyết định công nhận sáng kiến " + demoMark},
	}
	for _, c := range comments {
		p := s.principal(c.user)
		if err := s.at(c.at, func() error {
			_, err := s.a.CommentProposal(s.ctx, p, commented, c.body)
			return err
		}); err != nil {
			return fmt.Errorf("comment by %s: %w", c.user, err)
		}
	}
	return nil
}

// principal is a demo user as signed in.
func (s *seeder) principal(username string) auth.Principal {
	for _, u := range DemoUsers {
		if u.Username == username {
			p := auth.Principal{UserID: s.users[u.Username], Username: u.Username, FullName: u.FullName, Role: auth.Role(u.Role)}
			if u.UnitCode != "" {
				p.UnitID = s.ids[u.UnitCode]
			}
			return p
		}
	}
	return auth.System
}

// voteCluster is the 2026 cluster whose vote the demo holds: every member
// is reviewed, so its ranking is final.
const voteCluster = 1

// clusterVote opens the vote for the sector's Cờ thi đua in cluster 1 of
// 2026 on its leader, has every member cast its ballot (one against),
// closes it and proposes the candidates that passed.
func (s *seeder) clusterVote() error {
	currentYear := s.sch.Year
	cs, err := s.q.Clusters(s.ctx, cluster.Filter{Year: currentYear, Level: cluster.National})
	if err != nil {
		return err
	}
	i := slices.IndexFunc(cs, func(c cluster.Cluster) bool { return c.Number == voteCluster })
	if i < 0 {
		return nil // someone removed the cluster: no vote to show
	}
	c := cs[i]
	var v vote.Vote
	if err := s.at(s.sch.At(21, 9, 0), func() (err error) {
		v, err = s.a.OpenVote(s.ctx, auth.System, c.ID, nil)
		return err
	}); err != nil {
		return fmt.Errorf("open: %w", err)
	}
	cands, err := s.q.VoteCandidates(s.ctx, v.ID)
	if err != nil {
		return err
	}
	for n, m := range c.Members {
		choices := map[int64]bool{}
		for _, cd := range cands {
			// The last member votes against (its own candidacy aside): 4/5 still pass.
			choices[cd.UnitID] = n < len(c.Members)-1 || cd.UnitID == m
		}
		code := s.codeOf(m)
		if err := s.at(s.sch.At(21, 9, 30+n*7), func() error {
			return s.a.CastBallot(s.ctx, s.officer(code), v.ID, m, choices)
		}); err != nil {
			return fmt.Errorf("ballot of %s: %w", code, err)
		}
	}
	if v, err = s.q.Vote(s.ctx, v.ID); err != nil {
		return err
	}
	var view app.VoteView
	if err := s.at(s.sch.At(21, 11, 0), func() (err error) {
		view, err = s.a.CloseVote(s.ctx, auth.System, v.ID, v.Version)
		return err
	}); err != nil {
		return fmt.Errorf("close: %w", err)
	}
	for _, t := range view.Tally {
		if !t.Passes {
			continue
		}
		var pr proposal.Proposal
		if err := s.at(s.sch.At(21, 14, 0), func() (err error) {
			pr, err = s.a.ProposeFromVote(s.ctx, auth.System, v.ID, t.UnitID)
			return err
		}); err != nil {
			return fmt.Errorf("propose %s: %w", t.UnitName, err)
		}
		by := s.officer(s.codeOf(t.UnitID))
		if err := s.at(s.sch.At(21, 14, 30), func() error {
			if err := CompleteDossier(s.ctx, s.a, by, pr.ID); err != nil {
				return err
			}
			_, err := s.a.UpdateProposal(s.ctx, by, pr.ID, pr.Version, app.ProposalInputOf(pr), true)
			return err
		}); err != nil {
			return fmt.Errorf("submit %s: %w", t.UnitName, err)
		}
	}
	return nil
}
