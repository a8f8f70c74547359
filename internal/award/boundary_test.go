package award

import (
	"testing"
	"time"
)

// The tests in this file sit on the boundaries the rules turn on: the
// first and last day of a year, the last day of a discipline, the exact
// percentages of each version, and every flag by which the versions
// differ. Every expected value is written out by hand from the legal text
// (rules.go cites it), never read from a RuleSet.

// A discipline is in effect during a year when it starts on or before 31/12
// and ends on or after 1/1 (or has no end yet).
func TestDisciplineInEffectOnTheYearsFirstAndLastDay(t *testing.T) {
	kt := func(from, to time.Time) []Discipline { return []Discipline{{Measure: KhienTrach, From: from, To: to}} }
	for _, c := range []struct {
		name string
		ds   []Discipline
		want Outcome
	}{
		{"starting on 31/12 of the year", kt(day(2025, time.December, 31), day(2026, time.June, 30)), NotEligible},
		{"starting on 1/1 of the next year", kt(day(2026, time.January, 1), day(2026, time.June, 30)), Eligible},
		{"ending on 1/1 of the year", kt(day(2024, time.January, 2), day(2025, time.January, 1)), NotEligible},
		{"ending on 31/12 of the year before", kt(day(2024, time.January, 1), day(2024, time.December, 31)), Eligible},
		{"starting on 31/12 with no end yet", kt(day(2025, time.December, 31), time.Time{}), NotEligible},
	} {
		person := good(2025, Tot)
		person.Disciplines = c.ds
		if v := tt02.LaoDongTienTien(person, 2025); v.Outcome != c.want {
			t.Errorf("a person's discipline %s: got %s, want %s\n%s", c.name, v.Outcome, c.want, dump(v))
		}
		u := unit(func(u *Collective) { u.Disciplines = c.ds })
		if v := tt02.TapTheLaoDongXuatSac(u, 2025); v.Outcome != c.want {
			t.Errorf("a unit's discipline %s: got %s, want %s\n%s", c.name, v.Outcome, c.want, dump(v))
		}
	}
}

// After a discipline, achievements count from the year that begins after
// its effect ends: the latest end of all, and never while one is open.
func TestAchievementsCountFromTheYearAfterTheLastDisciplineEnds(t *testing.T) {
	kt := func(from, to time.Time) Discipline { return Discipline{Measure: KhienTrach, From: from, To: to} }
	for _, c := range []struct {
		name  string
		ds    []Discipline
		year  int
		count bool
	}{
		{"no discipline", nil, 2023, true},
		{"ended 31/12/2022: 2023 counts", []Discipline{kt(day(2022, time.January, 1), day(2022, time.December, 31))}, 2023, true},
		{"ended 31/12/2022: 2022 does not", []Discipline{kt(day(2022, time.January, 1), day(2022, time.December, 31))}, 2022, false},
		{"ended 1/1/2023: 2023 does not count", []Discipline{kt(day(2022, time.January, 2), day(2023, time.January, 1))}, 2023, false},
		{"ended 1/1/2023: 2024 counts", []Discipline{kt(day(2022, time.January, 2), day(2023, time.January, 1))}, 2024, true},
		{"still open: no later year counts", []Discipline{kt(day(2020, time.May, 1), time.Time{})}, 2040, false},
		{"the latest end wins, whatever the order", []Discipline{
			kt(day(2021, time.March, 1), day(2022, time.February, 28)),
			kt(day(2023, time.July, 1), day(2024, time.June, 30)),
		}, 2024, false},
		{"the latest end wins, listed first", []Discipline{
			kt(day(2023, time.July, 1), day(2024, time.June, 30)),
			kt(day(2021, time.March, 1), day(2022, time.February, 28)),
		}, 2025, true},
		{"an open one after an ended one", []Discipline{
			kt(day(2021, time.March, 1), day(2022, time.February, 28)),
			kt(day(2023, time.July, 1), time.Time{}),
		}, 2030, false},
	} {
		if got := counts(c.year, achievementFloor(c.ds)); got != c.count {
			t.Errorf("%s: year %d counts = %v, want %v", c.name, c.year, got, c.count)
		}
	}

	// The same boundary as the board reads it: a run of Chiến sĩ thi đua cơ
	// sở 2023–2025 is broken by a discipline that ended on 1/1/2023.
	p := Person{Awards: merit(ChienSiThiDuaCoSo, 2023, 2024, 2025),
		Initiatives: []Initiative{{Year: 2024, Level: CapNganh, Applied: true}},
		Disciplines: []Discipline{kt(day(2022, time.January, 2), day(2023, time.January, 1))}}
	v := tt02.ChienSiThiDuaNganh(p, 2025, Vote{Electorate: 10, For: 10})
	if _, ok := reasonWith(v, "2023: trước khi hết thời gian kỷ luật (01/01/2023)"); v.Outcome != NotEligible || !ok {
		t.Errorf("a discipline ending 1/1/2023: got %s\n%s", v.Outcome, dump(v))
	}
	p.Disciplines[0].To = day(2022, time.December, 31)
	if v := tt02.ChienSiThiDuaNganh(p, 2025, Vote{Electorate: 10, For: 10}); v.Outcome != Eligible {
		t.Errorf("a discipline ending 31/12/2022: got %s\n%s", v.Outcome, dump(v))
	}
}

// versionOutcomes is what one case must give under TT 01/2019 (2013 law),
// under TT 01/2019 with the 2022 law (1/1–30/9/2024) and under TT 02/2024.
type versionOutcomes [3]Outcome

var versions = [3]*RuleSet{&tt01, &tt01L22, &tt02}

const (
	E = Eligible
	N = NotEligible
	J = NeedsJudgement
)

// Every value by which the versions differ, and the shares they share,
// each at its boundary and under every version.
func TestEachVersionAtItsBoundaries(t *testing.T) {
	const y = 2024
	// A person who meets everything but what a case changes.
	person := func(f func(*Person)) Person {
		p := Person{ID: 9, Name: "Lê Văn Cường", Ratings: map[int]Rating{y: Tot}, RecruitedOn: day(2010, time.March, 1),
			Awards:      merit(ChienSiThiDuaCoSo, y-2, y-1, y),
			Initiatives: []Initiative{{Year: y, Level: CapCoSo}, {Year: y - 1, Level: CapNganh, Applied: true}}}
		f(&p)
		return p
	}
	hundred := func(ldtt int, f ...func(*Collective)) Collective {
		return unit(append([]func(*Collective){func(c *Collective) {
			c.Members, c.MembersCompleted, c.MembersLDTT = 100, 100, ldtt
			c.Awards = merit(TapTheLaoDongXuatSac, y)
		}}, f...)...)
	}
	ldtt := func(f func(*Person)) func(RuleSet) Verdict {
		return func(rs RuleSet) Verdict { return rs.LaoDongTienTien(person(f), y) }
	}
	nganh := func(vote Vote, f func(*Person)) func(RuleSet) Verdict {
		return func(rs RuleSet) Verdict { return rs.ChienSiThiDuaNganh(person(f), y, vote) }
	}
	same := func(*Person) {}
	votes := func(n int) Vote { return Vote{Electorate: 100, For: n} }

	for _, c := range []struct {
		name     string
		judge    func(RuleSet) Verdict
		want     versionOutcomes
		contains string // a reason every version must give
	}{
		// Lao động tiên tiến: rating, months since recruitment, absence, discipline.
		{"LĐTT: hoàn thành tốt", ldtt(same), versionOutcomes{E, E, E}, ""},
		{"LĐTT: only hoàn thành", ldtt(func(p *Person) { p.Ratings[y] = HoanThanh }), versionOutcomes{N, N, N}, "(cần từ hoàn thành tốt nhiệm vụ trở lên)"},
		{"LĐTT: recruited 1/3, 10 months", ldtt(func(p *Person) { p.RecruitedOn = day(y, time.March, 1) }), versionOutcomes{E, E, E}, "10 tháng công tác"},
		{"LĐTT: recruited 2/3, 9 months", ldtt(func(p *Person) { p.RecruitedOn = day(y, time.March, 2) }), versionOutcomes{N, N, E}, "9 tháng công tác"},
		{"LĐTT: recruited 2/7, 5 months", ldtt(func(p *Person) { p.RecruitedOn = day(y, time.July, 2) }), versionOutcomes{N, N, N}, "5 tháng công tác"},
		{"LĐTT: absent 2 months", ldtt(func(p *Person) { p.MonthsAbsent = 2 }), versionOutcomes{J, J, E}, ""},
		{"LĐTT: absent 3 months", ldtt(func(p *Person) { p.MonthsAbsent = 3 }), versionOutcomes{J, J, N}, ""},
		{"LĐTT: khiển trách in the year", ldtt(func(p *Person) {
			p.Disciplines = []Discipline{{Measure: KhienTrach, From: day(y, time.June, 1), To: day(y+1, time.May, 31)}}
		}), versionOutcomes{N, N, N}, "bị kỷ luật khiển trách có hiệu lực trong năm 2024"},

		// Chiến sĩ thi đua cơ sở: does "hoàn thành xuất sắc" stand in for an initiative?
		{"CSTĐCS: xuất sắc, no initiative", func(rs RuleSet) Verdict {
			return rs.ChienSiThiDuaCoSo(person(func(p *Person) { p.Ratings[y], p.Initiatives = XuatSac, nil }), y)
		}, versionOutcomes{N, E, E}, ""},
		{"CSTĐCS: hoàn thành tốt with an initiative", func(rs RuleSet) Verdict { return rs.ChienSiThiDuaCoSo(person(same), y) },
			versionOutcomes{E, E, E}, "có sáng kiến, đề tài được công nhận năm 2024"},

		// Chiến sĩ thi đua ngành: 3 years, the council's 90 %, an applied initiative.
		{"CSTĐ ngành: council 90/100", nganh(votes(90), same), versionOutcomes{E, E, E}, "90/100 (90%) phiếu đồng ý trên tổng số thành viên (cần từ 90%)"},
		{"CSTĐ ngành: council 89/100", nganh(votes(89), same), versionOutcomes{N, N, N}, "89/100 (89%) phiếu đồng ý trên tổng số thành viên (cần từ 90%)"},
		{"CSTĐ ngành: only 2 years of CSTĐCS", nganh(votes(100), func(p *Person) { p.Awards = merit(ChienSiThiDuaCoSo, y-1, y) }),
			versionOutcomes{N, N, N}, "chưa đủ 3 lần liên tục đạt Chiến sĩ thi đua cơ sở (2023, 2024; thiếu 2022)"},
		{"CSTĐ ngành: initiative recognised, not applied", nganh(votes(100), func(p *Person) { p.Initiatives[1].Applied = false }),
			versionOutcomes{E, N, N}, ""},

		// Chiến sĩ thi đua toàn quốc: two consecutive sector titles, 3 years apart.
		{"CSTĐ toàn quốc: 2021 and 2024", func(rs RuleSet) Verdict {
			return rs.ChienSiThiDuaToanQuoc(Person{Awards: merit(ChienSiThiDuaNganh, 2021, 2024),
				Initiatives: []Initiative{{Year: 2023, Level: CapToanQuoc, Applied: true}}}, y)
		}, versionOutcomes{E, E, E}, "đạt Chiến sĩ thi đua ngành Kiểm sát nhân dân 2 lần liên tục (2021, 2024)"},

		// Tập thể lao động tiên tiến: more than 50 %; no member warned.
		{"TTLĐTT: 51/100", func(rs RuleSet) Verdict { return rs.TapTheLaoDongTienTien(hundred(51), y) },
			versionOutcomes{E, E, E}, "51/100 (51%) cá nhân đạt Lao động tiên tiến (cần trên 50%)"},
		{"TTLĐTT: 50/100", func(rs RuleSet) Verdict { return rs.TapTheLaoDongTienTien(hundred(50), y) },
			versionOutcomes{N, N, N}, "50/100 (50%) cá nhân đạt Lao động tiên tiến (cần trên 50%)"},
		{"TTLĐTT: a member warned", func(rs RuleSet) Verdict {
			return rs.TapTheLaoDongTienTien(hundred(51, func(c *Collective) { c.MemberWarned = true }), y)
		}, versionOutcomes{N, N, N}, "có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên"},

		// Tập thể lao động xuất sắc: at least 70 %; the warned member (2013
		// law only); exceeding the targets (TT 02/2024 only).
		{"TTLĐXS: 70/100", func(rs RuleSet) Verdict { return rs.TapTheLaoDongXuatSac(hundred(70), y) },
			versionOutcomes{E, E, E}, "70/100 (70%) cá nhân đạt Lao động tiên tiến (cần ít nhất 70%)"},
		{"TTLĐXS: 69/100", func(rs RuleSet) Verdict { return rs.TapTheLaoDongXuatSac(hundred(69), y) },
			versionOutcomes{N, N, N}, "69/100 (69%) cá nhân đạt Lao động tiên tiến (cần ít nhất 70%)"},
		{"TTLĐXS: a member warned", func(rs RuleSet) Verdict {
			return rs.TapTheLaoDongXuatSac(hundred(70, func(c *Collective) { c.MemberWarned = true }), y)
		}, versionOutcomes{N, E, E}, ""},
		{"TTLĐXS: targets met, not exceeded", func(rs RuleSet) Verdict {
			return rs.TapTheLaoDongXuatSac(hundred(70, func(c *Collective) { c.ExceededTargets = false }), y)
		}, versionOutcomes{E, E, N}, ""},

		// Cờ thi đua ngành: the cluster's 80 %.
		{"Cờ ngành: cluster 80/100", func(rs RuleSet) Verdict { return rs.CoThiDuaNganh(hundred(70), y, votes(80)) },
			versionOutcomes{E, E, E}, "thành viên cụm, khối thi đua: 80/100 (80%) phiếu đồng ý trên tổng số thành viên (cần từ 80%)"},
		{"Cờ ngành: cluster 79/100", func(rs RuleSet) Verdict { return rs.CoThiDuaNganh(hundred(70), y, votes(79)) },
			versionOutcomes{N, N, N}, "thành viên cụm, khối thi đua: 79/100 (79%) phiếu đồng ý trên tổng số thành viên (cần từ 80%)"},

		// Cờ thi đua của Chính phủ: among holders of the sector Cờ (NĐ
		// 91/2017), or among the leading units of the clusters (2022 law).
		{"Cờ CP: leads its cluster, no sector Cờ", func(rs RuleSet) Verdict { return rs.CoThiDuaChinhPhu(hundred(70), y) },
			versionOutcomes{N, J, J}, ""},
		{"Cờ CP: holds the sector Cờ, does not lead", func(rs RuleSet) Verdict {
			return rs.CoThiDuaChinhPhu(hundred(70, func(c *Collective) { c.Awards, c.LeadsCluster = merit(CoThiDuaNganh, y), false }), y)
		}, versionOutcomes{J, N, N}, ""},
	} {
		for i, rs := range versions {
			v := c.judge(*rs)
			if v.Outcome != c.want[i] || v.RuleSetID != rs.ID {
				t.Errorf("%s under %s: got %s, want %s\n%s", c.name, rs.ID, v.Outcome, c.want[i], dump(v))
				continue
			}
			if _, ok := reasonWith(v, c.contains); c.contains != "" && !ok {
				t.Errorf("%s under %s: no reason %q\n%s", c.name, rs.ID, c.contains, dump(v))
			}
		}
	}
}

// The list quotas of each version, just inside and just over the cap.
func TestEachVersionsQuotasAtTheCap(t *testing.T) {
	for _, c := range []struct {
		name           string
		kind           Quota
		proposed, base int
		over           [3]bool // TT 01/2019, TT 01/2019 + 2022 law, TT 02/2024
	}{
		{"CSTĐCS: 15 of 100 (15 %)", QuotaCSTDCS, 15, 100, [3]bool{false, false, false}},
		{"CSTĐCS: 16 of 100", QuotaCSTDCS, 16, 100, [3]bool{true, true, true}},
		{"TTLĐXS: 20 of 100 (20 % under TT 02/2024, no share before)", QuotaTTLDXS, 20, 100, [3]bool{false, false, false}},
		{"TTLĐXS: 21 of 100", QuotaTTLDXS, 21, 100, [3]bool{false, false, true}},
		{"TTLĐXS: 1 of 4 (20 % is 0,8: at least 1)", QuotaTTLDXS, 1, 4, [3]bool{false, false, false}},
		{"TTLĐXS: 2 of 4", QuotaTTLDXS, 2, 4, [3]bool{false, false, true}},
		{"Cờ CP: 20 of 100 (20 % under NĐ 91/2017, no share after)", QuotaCoChinhPhu, 20, 100, [3]bool{false, false, false}},
		{"Cờ CP: 21 of 100", QuotaCoChinhPhu, 21, 100, [3]bool{true, false, false}},
		{"Cờ CP: 1 of 4 (20 % is 0,8: no minimum)", QuotaCoChinhPhu, 1, 4, [3]bool{true, false, false}},
	} {
		for i, rs := range versions {
			if r := CheckQuota(*rs, c.kind, c.proposed, c.base); r.Over != c.over[i] {
				t.Errorf("%s under %s: over = %v, want %v (%s)", c.name, rs.ID, r.Over, c.over[i], r.Text)
			}
		}
	}
}
