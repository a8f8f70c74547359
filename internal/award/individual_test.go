package award

import (
	"testing"
	"time"
)

// good is a person who meets Lao động tiên tiến for year.
func good(year int, r Rating) Person {
	return Person{ID: 1, Name: "Nguyễn Văn An", Ratings: map[int]Rating{year: r}, RecruitedOn: recruitedLongAgo}
}

// recruitedLongAgo: a recruitment date on record, long before any year
// the tests judge (a record without one is chưa đủ thông tin).
var recruitedLongAgo = day(2010, time.March, 1)

func merit(t Title, ys ...int) []Held {
	var hs []Held
	for _, y := range ys {
		hs = append(hs, Held{Year: y, Title: t, Kind: Merit})
	}
	return hs
}

type personCase struct {
	name     string
	rs       RuleSet
	p        Person
	want     Outcome
	contains string // a reason the verdict must give, word for word
}

func runPersonCases(t *testing.T, cases []personCase, judge func(RuleSet, Person) Verdict) {
	t.Helper()
	for _, c := range cases {
		v := judge(c.rs, c.p)
		if v.Outcome != c.want {
			t.Errorf("%s: got %s, want %s\n%s", c.name, v.Outcome, c.want, dump(v))
			continue
		}
		if c.contains != "" {
			if _, ok := reasonWith(v, c.contains); !ok {
				t.Errorf("%s: no reason %q\n%s", c.name, c.contains, dump(v))
			}
		}
		for _, r := range v.Reasons {
			if r.Article == "" {
				t.Errorf("%s: reason %q cites no article", c.name, r.Text)
			}
		}
	}
}

// Điều 24 khoản 1 Luật TĐKT 2022 and Điều 15 TT 02/2024/TT-VKSTC.
func TestLaoDongTienTien(t *testing.T) {
	with := func(p Person, f func(*Person)) Person { f(&p); return p }
	base := good(2025, Tot)
	runPersonCases(t, []personCase{
		{"hoàn thành tốt nhiệm vụ trở lên", tt02, base, Eligible, "xếp loại năm 2025: hoàn thành tốt nhiệm vụ"},
		{"hoàn thành xuất sắc is more than enough", tt02, good(2025, XuatSac), Eligible, ""},
		{"only hoàn thành nhiệm vụ", tt02, good(2025, HoanThanh), NotEligible, "cần từ hoàn thành tốt nhiệm vụ trở lên"},
		{"no rating yet goes to the board", tt02, Person{}, NeedsJudgement, "chưa có kết quả xếp loại năm 2025"},
		{"recruited exactly 6 months before the year end", tt02,
			with(base, func(p *Person) { p.RecruitedOn = day(2025, time.July, 1) }), Eligible, "6 tháng công tác"},
		{"recruited under 6 months", tt02,
			with(base, func(p *Person) { p.RecruitedOn = day(2025, time.July, 2) }), NotEligible, "không xét nếu dưới 6 tháng"},
		{"under TT 01/2019 8 months is under 10", tt01,
			with(good(2023, Tot), func(p *Person) { p.RecruitedOn = day(2023, time.May, 1) }), NotEligible, "không xét nếu dưới 10 tháng"},
		{"absent 2 months", tt02, with(base, func(p *Person) { p.MonthsAbsent = 2 }), Eligible, ""},
		{"absent 3 months", tt02, with(base, func(p *Person) { p.MonthsAbsent = 3 }), NotEligible, "không xét nếu nghỉ từ 3 tháng"},
		{"absence under the old rules goes to the board", tt01,
			with(good(2023, Tot), func(p *Person) { p.MonthsAbsent = 1 }), NeedsJudgement, "tính theo ngày làm việc"},
		{"a discipline in the year", tt02, with(base, func(p *Person) {
			p.Disciplines = []Discipline{{Measure: KhienTrach, From: day(2025, time.March, 1), To: day(2026, time.February, 28)}}
		}), NotEligible, "bị kỷ luật khiển trách có hiệu lực trong năm 2025"},
		{"a discipline still in effect when the year begins", tt02, with(base, func(p *Person) {
			p.Disciplines = []Discipline{{Measure: CanhCao, From: day(2024, time.June, 1), To: day(2025, time.May, 31)}}
		}), NotEligible, "từ 01/06/2024 đến 31/05/2025"},
		{"a discipline that ended before the year", tt02, with(base, func(p *Person) {
			p.Disciplines = []Discipline{{Measure: CanhCao, From: day(2023, time.June, 1), To: day(2024, time.May, 31)}}
		}), Eligible, ""},
		{"an open investigation", tt02, with(base, func(p *Person) { p.OpenInvestigation = true }), NotEligible, "chưa đề nghị khen thưởng"},
	}, func(rs RuleSet, p Person) Verdict {
		y := 2025
		if rs.ID == "tt01-2019" {
			y = 2023
		}
		return rs.LaoDongTienTien(p, y)
	})
}

// Điều 23 Luật TĐKT 2022 against Điều 9 khoản 3 NĐ 91/2017/NĐ-CP.
func TestChienSiThiDuaCoSo(t *testing.T) {
	withInit := func(p Person, y int) Person {
		p.Initiatives = []Initiative{{Year: y, Level: CapCoSo}}
		return p
	}
	runPersonCases(t, []personCase{
		{"2022 law: hoàn thành xuất sắc stands in for an initiative", tt02, good(2025, XuatSac), Eligible, "hoàn thành xuất sắc nhiệm vụ năm 2025"},
		{"2022 law: hoàn thành tốt with an initiative", tt02, withInit(good(2025, Tot), 2025), Eligible, "có sáng kiến, đề tài được công nhận năm 2025"},
		{"2022 law: hoàn thành tốt, no initiative", tt02, good(2025, Tot), NotEligible, "không hoàn thành xuất sắc nhiệm vụ và không có sáng kiến"},
		{"an initiative of another year does not count", tt02, withInit(good(2025, Tot), 2024), NotEligible, ""},
		{"NĐ 91/2017: the initiative was required", tt01, good(2023, XuatSac), NotEligible, "chưa có sáng kiến được cơ sở công nhận"},
		{"NĐ 91/2017: with an initiative", tt01, withInit(good(2023, Tot), 2023), Eligible, ""},
		{"the Lao động tiên tiến standard is part of it", tt02, withInit(good(2025, HoanThanh), 2025), NotEligible, "cần từ hoàn thành tốt nhiệm vụ trở lên"},
	}, func(rs RuleSet, p Person) Verdict {
		y := 2025
		if rs.ID == "tt01-2019" {
			y = 2023
		}
		return rs.ChienSiThiDuaCoSo(p, y)
	})
}

// Điều 22 Luật TĐKT 2022; Điều 16 khoản 1 TT 01/2019/TT-VKSTC.
func TestChienSiThiDuaNganh(t *testing.T) {
	yes := Vote{Electorate: 20, For: 18} // exactly 90 %
	nganh := func(awards []Held, f ...func(*Person)) Person {
		p := Person{ID: 2, Name: "Trần Thị Bình", Awards: awards,
			Initiatives: []Initiative{{Year: 2024, Level: CapNganh, Applied: true}}}
		for _, g := range f {
			g(&p)
		}
		return p
	}
	revoked2024 := merit(ChienSiThiDuaCoSo, 2023, 2024, 2025)
	revoked2024[1].Revoked = true
	adhoc2024 := merit(ChienSiThiDuaCoSo, 2023, 2024, 2025)
	adhoc2024[1].Kind = AdHoc

	for _, c := range []struct {
		name     string
		rs       RuleSet
		p        Person
		vote     Vote
		want     Outcome
		contains string
	}{
		{"exactly 3 consecutive years", tt02, nganh(merit(ChienSiThiDuaCoSo, 2023, 2024, 2025)), yes, Eligible,
			"đạt Chiến sĩ thi đua cơ sở 3 năm liên tục (2023, 2024, 2025)"},
		{"a gap year", tt02, nganh(merit(ChienSiThiDuaCoSo, 2023, 2025)), yes, NotEligible,
			"chưa đủ 3 lần liên tục đạt Chiến sĩ thi đua cơ sở (2023, 2025; thiếu 2024)"},
		{"years before the window do not fill a gap", tt02, nganh(merit(ChienSiThiDuaCoSo, 2021, 2022, 2024, 2025)), yes, NotEligible, "thiếu 2023"},
		{"a revoked award breaks the streak", tt02, nganh(revoked2024), yes, NotEligible, "2024: quyết định đã bị hủy bỏ"},
		{"an ad hoc award does not ground a merit title", tt02, nganh(adhoc2024), yes, NotEligible, "khen thưởng đột xuất, không dùng làm căn cứ"},
		{"years already used for the last Chiến sĩ thi đua ngành", tt02,
			nganh(append(merit(ChienSiThiDuaCoSo, 2022, 2023, 2024, 2025), merit(ChienSiThiDuaNganh, 2024)...)), yes, NotEligible,
			"2023: đã dùng để xét Chiến sĩ thi đua ngành Kiểm sát nhân dân năm 2024"},
		{"achievements count from the end of a discipline", tt02,
			nganh(merit(ChienSiThiDuaCoSo, 2023, 2024, 2025), func(p *Person) {
				p.Disciplines = []Discipline{{Measure: KhienTrach, From: day(2022, time.March, 16), To: day(2023, time.March, 15)}}
			}), yes, NotEligible, "2023: trước khi hết thời gian kỷ luật (15/03/2023)"},
		{"council approval 85 % is under 90 %", tt02, nganh(merit(ChienSiThiDuaCoSo, 2023, 2024, 2025)), Vote{Electorate: 20, For: 17}, NotEligible,
			"17/20 (85%) phiếu đồng ý trên tổng số thành viên (cần từ 90%)"},
		{"no ballot yet", tt02, nganh(merit(ChienSiThiDuaCoSo, 2023, 2024, 2025)), Vote{}, NeedsJudgement, "chưa có kết quả bỏ phiếu"},
		{"an impossible ballot", tt02, nganh(merit(ChienSiThiDuaCoSo, 2023, 2024, 2025)), Vote{Electorate: 5, For: 6}, NotEligible, "không hợp lệ"},
		{"2022 law: the sector initiative must have been applied", tt02,
			nganh(merit(ChienSiThiDuaCoSo, 2023, 2024, 2025), func(p *Person) { p.Initiatives[0].Applied = false }), yes, NotEligible,
			"chưa có sáng kiến, đề tài được công nhận cấp ngành, đã được áp dụng hiệu quả"},
		{"TT 01/2019: recognition by the Viện trưởng is enough", tt01,
			nganh(merit(ChienSiThiDuaCoSo, 2021, 2022, 2023), func(p *Person) { p.Initiatives = []Initiative{{Year: 2022, Level: CapNganh}} }), yes, Eligible, ""},
		{"a grassroots initiative is not a sector one", tt02,
			nganh(merit(ChienSiThiDuaCoSo, 2023, 2024, 2025), func(p *Person) { p.Initiatives[0].Level = CapCoSo }), yes, NotEligible, ""},
	} {
		year := 2025
		if c.rs.ID == "tt01-2019" {
			year = 2023
		}
		v := c.rs.ChienSiThiDuaNganh(c.p, year, c.vote)
		if v.Outcome != c.want {
			t.Errorf("%s: got %s, want %s\n%s", c.name, v.Outcome, c.want, dump(v))
			continue
		}
		if c.contains != "" {
			if _, ok := reasonWith(v, c.contains); !ok {
				t.Errorf("%s: no reason %q\n%s", c.name, c.contains, dump(v))
			}
		}
	}
}

// Điều 21 khoản 1 Luật TĐKT 2022.
func TestChienSiThiDuaToanQuoc(t *testing.T) {
	tq := func(awards []Held, f ...func(*Person)) Person {
		p := Person{ID: 3, Awards: awards, Initiatives: []Initiative{{Year: 2024, Level: CapToanQuoc, Applied: true}}}
		for _, g := range f {
			g(&p)
		}
		return p
	}
	revoked := merit(ChienSiThiDuaNganh, 2022, 2025)
	revoked[0].Revoked = true
	runPersonCases(t, []personCase{
		{"two consecutive sector titles", tt02, tq(merit(ChienSiThiDuaNganh, 2022, 2025)), Eligible,
			"đạt Chiến sĩ thi đua ngành Kiểm sát nhân dân 2 lần liên tục (2022, 2025)"},
		{"a gap between the sector titles", tt02, tq(merit(ChienSiThiDuaNganh, 2021, 2025)), NotEligible,
			"(có: 2021, 2025; hai lần liên tục cách nhau 3 năm)"},
		{"only the latest ones count", tt02, tq(merit(ChienSiThiDuaNganh, 2016, 2019, 2025)), NotEligible, "có: 2019, 2025"},
		{"one sector title", tt02, tq(merit(ChienSiThiDuaNganh, 2025)), NotEligible, "có: 2025"},
		{"a revoked sector title", tt02, tq(revoked), NotEligible, "2022: quyết định đã bị hủy bỏ"},
		{"already used for a national title", tt02,
			tq(append(merit(ChienSiThiDuaNganh, 2019, 2022, 2025), merit(ChienSiThiDuaToanQuoc, 2022)...)), NotEligible,
			"2022: đã dùng để xét Chiến sĩ thi đua toàn quốc năm 2022"},
		{"a sector initiative is not a national one", tt02,
			tq(merit(ChienSiThiDuaNganh, 2022, 2025), func(p *Person) { p.Initiatives[0].Level = CapNganh }), NotEligible,
			"chưa có sáng kiến, đề tài có phạm vi ảnh hưởng toàn quốc"},
		{"an open investigation", tt02, tq(merit(ChienSiThiDuaNganh, 2022, 2025), func(p *Person) { p.OpenInvestigation = true }), NotEligible, ""},
	}, func(rs RuleSet, p Person) Verdict { return rs.ChienSiThiDuaToanQuoc(p, 2025) })
}
