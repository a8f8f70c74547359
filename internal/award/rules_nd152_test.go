package award

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// The rules from 1/7/2025 (rules_nd152.go): every condition of every title
// at its boundary — one day, one person, one percent either side.

var (
	nd152     = mustRules("nd152-2025")
	nd152TT15 = mustRules("nd152-tt15-2025")
)

// ok26 meets Lao động tiên tiến for 2026 under the new rules.
func ok26(f ...func(*Person)) Person {
	p := Person{ID: 9, Name: "Lê Thị Cúc", Ratings: map[int]Rating{2026: Tot}, RecruitedOn: recruitedLongAgo}
	for _, g := range f {
		g(&p)
	}
	return p
}

func absent(k AbsenceKind, from, to time.Time) func(*Person) {
	return func(p *Person) { p.Absences = append(p.Absences, Absence{Kind: k, From: from, To: to}) }
}

func d26(m time.Month, d int) time.Time { return day(2026, m, d) }

func TestND152VersionsAndTheirDays(t *testing.T) {
	for _, c := range []struct {
		on   time.Time
		want string
	}{
		{day(2025, time.June, 30), "tt02-2024"},
		{day(2025, time.July, 1), "nd152-2025"},
		{day(2025, time.August, 4), "nd152-2025"},
		{day(2025, time.August, 5), "nd152-tt15-2025"},
		{day(2026, time.November, 20), "nd152-tt15-2025"}, // reported to lapse 1/3/2027: see the caveat
	} {
		if got := RulesFor(c.on).ID; got != c.want {
			t.Errorf("RulesFor(%s) = %q, want %q", date(c.on), got, c.want)
		}
	}
	tt02 := mustRules("tt02-2024")
	if !tt02.Until.Equal(day(2025, time.June, 30)) {
		t.Errorf("TT 02/2024 with NĐ 98/2023 should end on 30/6/2025 (NĐ 152 Điều 59), ends %s", date(tt02.Until))
	}
	if !nd152.Until.Equal(day(2025, time.August, 4)) || !nd152TT15.From.Equal(day(2025, time.August, 5)) {
		t.Errorf("nd152 ends %s; nd152-tt15 begins %s", date(nd152.Until), date(nd152TT15.From))
	}
	if !strings.Contains(nd152TT15.Name, "TT 15/2025/TT-BNV") || strings.Contains(nd152.Name, "TT 15/2025") {
		t.Error("only the version from 5/8/2025 cites TT 15/2025/TT-BNV")
	}
}

// Adding the next version is a new file that calls register: the open
// version then ends the day before, and nothing else changes.
func TestANewVersionIsOneRegisterCall(t *testing.T) {
	saved, built := later, builtRuleSets
	defer func() { later, builtRuleSets = saved, built }()
	register(func() RuleSet {
		return RuleSet{ID: "next", Name: "next", From: day(2027, time.March, 1)}
	})
	builtRuleSets = sync.OnceValue(ruleSets) // as at the start of a program with the new file
	all := RuleSets()
	last, prev := all[len(all)-1], all[len(all)-2]
	if last.ID != "next" || prev.ID != "nd152-tt15-2025" || !prev.Until.Equal(day(2027, time.February, 28)) {
		t.Errorf("got %s then %s ending %s", prev.ID, last.ID, date(prev.Until))
	}
	if RulesFor(day(2027, time.February, 28)).ID != "nd152-tt15-2025" || RulesFor(day(2027, time.March, 1)).ID != "next" {
		t.Error("the new version should start on its day")
	}
}

func TestND152LaoDongTienTien(t *testing.T) {
	runPersonCases(t, []personCase{
		// Điều 24 khoản 1 Luật TĐKT 2022: hoàn thành tốt nhiệm vụ trở lên.
		{"rated hoàn thành tốt", nd152TT15, ok26(), Eligible, "xếp loại năm 2026: hoàn thành tốt nhiệm vụ"},
		{"rated hoàn thành, one step below", nd152TT15, ok26(func(p *Person) { p.Ratings[2026] = HoanThanh }), NotEligible, "cần từ hoàn thành tốt nhiệm vụ trở lên"},
		{"no rating on record", nd152TT15, ok26(func(p *Person) { p.Ratings = nil }), Insufficient, "chưa có kết quả xếp loại năm 2026"},
		// TT 02/2024 bar (1): recruited under 6 months.
		{"recruited 1/7: exactly 6 months", nd152TT15, ok26(func(p *Person) { p.RecruitedOn = d26(time.July, 1) }), Eligible, "6 tháng công tác"},
		{"recruited 2/7: one day short", nd152TT15, ok26(func(p *Person) { p.RecruitedOn = d26(time.July, 2) }), NotEligible, "không xét nếu dưới 6 tháng"},
		{"issue #12: recruited five months before the year end", nd152TT15, ok26(func(p *Person) { p.RecruitedOn = d26(time.August, 1) }), NotEligible, "5 tháng công tác trong năm 2026"},
		{"issue #12: no recruitment date on record", nd152TT15, ok26(func(p *Person) { p.RecruitedOn = time.Time{} }), Insufficient, "hồ sơ chưa có ngày tuyển dụng"},
		{"joined the sector on 1/7 by transfer", nd152TT15, ok26(func(p *Person) { p.JoinedSectorOn = d26(time.July, 1) }), Eligible, ""},
		{"joined the sector on 2/7 by transfer: time before it not confirmed", nd152TT15, ok26(func(p *Person) { p.JoinedSectorOn = d26(time.July, 2) }), Insufficient, "chưa đối chiếu văn bản"},
		// Điều 4 khoản 5 NĐ 152/2025: maternity leave counts.
		{"six months of maternity leave count as work", nd152TT15, ok26(absent(AbsenceMaternity, d26(time.January, 1), d26(time.June, 30))), Eligible, "nghỉ thai sản 6 tháng trong năm 2026 được tính là thời gian công tác"},
		// TT 02/2024 bar (2): absent 3 to under 6 months; khoản 2 exceptions not read.
		{"sick 2 months 30 days", nd152TT15, ok26(absent(AbsenceSick, d26(time.March, 1), d26(time.May, 30))), Eligible, "nghỉ công tác 2 tháng 30 ngày"},
		{"sick exactly 3 months", nd152TT15, ok26(absent(AbsenceSick, d26(time.March, 1), d26(time.May, 31))), Insufficient, "khoản 2 Điều 15"},
		{"study 5 months 29 days", nd152TT15, ok26(absent(AbsenceStudy, d26(time.January, 1), d26(time.June, 29))), Insufficient, "chưa đối chiếu văn bản"},
		{"unpaid leave 6 months: worked under 6 months, not rated", nd152TT15, ok26(absent(AbsenceUnpaid, d26(time.January, 1), d26(time.June, 30))), NotEligible, "không được đánh giá, xếp loại"},
		{"two absences whose days could add up to the bar", nd152TT15, ok26(absent(AbsenceSick, d26(time.January, 1), d26(time.February, 20)), absent(AbsenceSick, d26(time.April, 1), d26(time.May, 20))), Insufficient, "cách cộng dồn"},
		{"an absence in another year", nd152TT15, ok26(absent(AbsenceSick, day(2025, time.January, 1), day(2025, time.December, 31))), Eligible, ""},
		// TT 02/2024 bar (3): disciplined at khiển trách or above.
		{"a khiển trách in effect from 1/3", nd152TT15, ok26(func(p *Person) {
			p.Disciplines = []Discipline{{Measure: KhienTrach, From: d26(time.March, 1), To: day(2027, time.February, 28)}}
		}), NotEligible, "bị kỷ luật khiển trách có hiệu lực trong năm 2026"},
		{"a discipline ending on 1/1 of the year", nd152TT15, ok26(func(p *Person) {
			p.Disciplines = []Discipline{{Measure: KhienTrach, From: day(2025, time.January, 2), To: d26(time.January, 1)}}
		}), NotEligible, "bị kỷ luật khiển trách"},
		{"a discipline ending on 31/12 of the year before", nd152TT15, ok26(func(p *Person) {
			p.Disciplines = []Discipline{{Measure: KhienTrach, From: day(2025, time.January, 1), To: day(2025, time.December, 31)}}
		}), Eligible, ""},
		// Điều 4 khoản 4 NĐ 152/2025: deferral.
		{"a discipline review pending", nd152TT15, ok26(func(p *Person) { p.Pending = []Pending{{Kind: PendingDiscipline, Since: d26(time.October, 1)}} }), NotEligible, "tạm hoãn"},
		{"a denunciation being verified", nd152TT15, ok26(func(p *Person) { p.Pending = []Pending{{Kind: PendingDenunciation}} }), NotEligible, "có đơn thư tố cáo đang được xác minh: tạm hoãn"},
	}, func(rs RuleSet, p Person) Verdict { return rs.LaoDongTienTien(p, 2026) })
}

func TestND152MissingFactsNameTheFactAndWhoSuppliesIt(t *testing.T) {
	v := nd152TT15.LaoDongTienTien(Person{Ratings: map[int]Rating{}}, 2026)
	if v.Outcome != Insufficient || v.Outcome.Label() != "Chưa đủ thông tin" {
		t.Fatalf("got %s\n%s", v.Outcome, dump(v))
	}
	want := map[string]string{"ngày tuyển dụng": SupplierPersonnel, "kết quả xếp loại năm 2026": SupplierRater}
	for _, r := range v.Reasons {
		if r.Met && r.Judgement {
			t.Errorf("a reason both met and undecided: %+v", r)
		}
		if s, ok := want[r.Missing]; ok {
			if r.Met || r.Supplier != s {
				t.Errorf("%s: met %v, supplier %q", r.Missing, r.Met, r.Supplier)
			}
			delete(want, r.Missing)
		}
		if strings.Contains(r.Text, "không thuộc trường hợp mới tuyển dụng") && r.Met {
			t.Errorf("issue #12: shown as met without a recruitment date: %q", r.Text)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing facts not named: %v\n%s", want, dump(v))
	}
	d := nd152TT15.LaoDongTienTien(ok26(func(p *Person) { p.Pending = []Pending{{Kind: PendingComplaint}} }), 2026)
	if r, ok := reasonWith(d, "tạm hoãn"); !ok || !r.Deferred || r.Status() != "tạm hoãn" || r.Article != "Điều 4 khoản 4 NĐ 152/2025/NĐ-CP" {
		t.Errorf("deferral: %+v", r)
	}
}

func TestND152ChienSiThiDuaCoSo(t *testing.T) {
	runPersonCases(t, []personCase{
		// Điều 23 Luật TĐKT 2022: LĐTT + (HTXS or an initiative or research).
		{"hoàn thành xuất sắc alone", nd152TT15, ok26(func(p *Person) { p.Ratings[2026] = XuatSac }), Eligible, "hoàn thành xuất sắc nhiệm vụ năm 2026"},
		{"hoàn thành tốt with an initiative of the year", nd152TT15, ok26(func(p *Person) { p.Initiatives = []Initiative{{Year: 2026, Level: CapCoSo}} }), Eligible, "có sáng kiến"},
		{"hoàn thành tốt with an initiative of the year before", nd152TT15, ok26(func(p *Person) { p.Initiatives = []Initiative{{Year: 2025, Level: CapCoSo}} }), NotEligible, ""},
		{"hoàn thành tốt, nothing else", nd152TT15, ok26(), NotEligible, "không hoàn thành xuất sắc nhiệm vụ và không có sáng kiến"},
		{"the Lao động tiên tiến standard: no recruitment date", nd152TT15, ok26(func(p *Person) { p.Ratings[2026] = XuatSac; p.RecruitedOn = time.Time{} }), Insufficient, "ngày tuyển dụng"},
	}, func(rs RuleSet, p Person) Verdict { return rs.ChienSiThiDuaCoSo(p, 2026) })
}

func TestND152ChienSiThiDuaNganh(t *testing.T) {
	base := func(f ...func(*Person)) Person {
		p := Person{Awards: merit(ChienSiThiDuaCoSo, 2024, 2025, 2026), Initiatives: []Initiative{{Year: 2025, Level: CapNganh, Applied: true}}}
		for _, g := range f {
			g(&p)
		}
		return p
	}
	for _, c := range []struct {
		name     string
		p        Person
		vote     Vote
		want     Outcome
		contains string
	}{
		{"3 consecutive years, 90 %", base(), Vote{Electorate: 20, For: 18}, Eligible, "đạt Chiến sĩ thi đua cơ sở 3 năm liên tục (2024, 2025, 2026)"},
		{"one vote under 90 %", base(), Vote{Electorate: 20, For: 17}, NotEligible, "cần từ 90%"},
		{"no ballot yet", base(), Vote{}, Insufficient, "chưa có kết quả bỏ phiếu"},
		{"2 of 3 years", base(func(p *Person) { p.Awards = merit(ChienSiThiDuaCoSo, 2025, 2026) }), Vote{Electorate: 20, For: 20}, NotEligible, "thiếu 2024"},
		{"already Chiến sĩ thi đua ngành this year", base(func(p *Person) { p.Awards = append(p.Awards, merit(ChienSiThiDuaNganh, 2026)...) }),
			Vote{Electorate: 20, For: 20}, NotEligible, "đã được tặng Chiến sĩ thi đua ngành Kiểm sát nhân dân năm 2026"},
		{"a grassroots initiative is not a sector one", base(func(p *Person) { p.Initiatives[0].Level = CapCoSo }), Vote{Electorate: 20, For: 20}, NotEligible, "cấp ngành"},
		{"initiative not applied", base(func(p *Person) { p.Initiatives[0].Applied = false }), Vote{Electorate: 20, For: 20}, NotEligible, "đã được áp dụng hiệu quả"},
		{"discipline ended 1/1/2024: 2024 does not count", base(func(p *Person) {
			p.Disciplines = []Discipline{{Measure: KhienTrach, From: day(2023, time.January, 2), To: day(2024, time.January, 1)}}
		}), Vote{Electorate: 20, For: 20}, NotEligible, "trước khi hết thời gian kỷ luật"},
		{"discipline ended 31/12/2023: 2024 counts", base(func(p *Person) {
			p.Disciplines = []Discipline{{Measure: KhienTrach, From: day(2023, time.January, 1), To: day(2023, time.December, 31)}}
		}), Vote{Electorate: 20, For: 20}, Eligible, ""},
	} {
		v := nd152TT15.ChienSiThiDuaNganh(c.p, 2026, c.vote)
		if v.Outcome != c.want {
			t.Errorf("%s: got %s, want %s\n%s", c.name, v.Outcome, c.want, dump(v))
			continue
		}
		if _, ok := reasonWith(v, c.contains); !ok {
			t.Errorf("%s: no reason %q\n%s", c.name, c.contains, dump(v))
		}
		if r, ok := reasonWith(v, "phiếu"); ok && (!r.Unconfirmed || !strings.Contains(r.Article, "chưa đối chiếu văn bản")) {
			t.Errorf("%s: the 90 %% kept from TT 01/2019 must say it was not checked: %+v", c.name, r)
		}
	}
}

func TestND152ChienSiThiDuaToanQuoc(t *testing.T) {
	tq := func(ys ...int) Person {
		return Person{Awards: merit(ChienSiThiDuaNganh, ys...), Initiatives: []Initiative{{Year: 2025, Level: CapToanQuoc, Applied: true}}}
	}
	runPersonCases(t, []personCase{
		{"two consecutive sector titles, 3 years apart", nd152TT15, tq(2023, 2026), Eligible, "2 lần liên tục (2023, 2026)"},
		{"4 years apart is not consecutive", nd152TT15, tq(2022, 2026), NotEligible, "hai lần liên tục cách nhau 3 năm"},
		{"one sector title", nd152TT15, tq(2026), NotEligible, ""},
		{"already Chiến sĩ thi đua toàn quốc this year", nd152TT15, func() Person {
			p := tq(2023, 2026)
			p.Awards = append(p.Awards, merit(ChienSiThiDuaToanQuoc, 2026)...)
			return p
		}(), NotEligible, "đã được tặng Chiến sĩ thi đua toàn quốc năm 2026"},
		{"no national initiative", nd152TT15, func() Person { p := tq(2023, 2026); p.Initiatives[0].Level = CapNganh; return p }(), NotEligible, "phạm vi ảnh hưởng toàn quốc"},
	}, func(rs RuleSet, p Person) Verdict { return rs.ChienSiThiDuaToanQuoc(p, 2026) })
}

func TestND152TapTheLaoDongTienTien(t *testing.T) {
	runUnitCases(t, []unitCase{
		{"51 of 100 is more than 50 %", nd152TT15, unit(func(c *Collective) { c.Members, c.MembersCompleted, c.MembersLDTT, c.Rating = 100, 100, 51, Tot }), Eligible, "51/100 (51%)"},
		{"50 of 100 is not", nd152TT15, unit(func(c *Collective) { c.Members, c.MembersCompleted, c.MembersLDTT = 100, 100, 50 }), NotEligible, "cần trên 50%"},
		{"a member warned", nd152TT15, unit(func(c *Collective) { c.MemberWarned = true }), NotEligible, "cảnh cáo trở lên"},
		{"unit rating hoàn thành", nd152TT15, unit(func(c *Collective) { c.Rating = HoanThanh }), NotEligible, ""},
		{"no unit rating on record", nd152TT15, unit(func(c *Collective) { c.Rating = "" }), Insufficient, "chưa có kết quả xếp loại tập thể năm 2026"},
		{"the unit's facts never recorded", nd152TT15, unit(func(c *Collective) { c.FactsMissing = true }), Insufficient, "chưa có dữ kiện tập thể: phong trào thi đua"},
		{"no emulation movement", nd152TT15, unit(func(c *Collective) { c.Rating, c.Movement = Tot, false }), NotEligible, "chưa được xác nhận có phong trào thi đua"},
		{"no unity", nd152TT15, unit(func(c *Collective) { c.Rating, c.Solidarity = Tot, false }), NotEligible, "chưa được xác nhận nội bộ đoàn kết"},
		{"a member not rated does not matter for tiên tiến", nd152TT15, unit(func(c *Collective) { c.Rating, c.MembersCompleted, c.MembersUnrated = Tot, 9, 1 }), Eligible, ""},
		{"the unit itself disciplined", nd152TT15, unit(func(c *Collective) {
			c.Disciplines = []Discipline{{Measure: KhienTrach, From: d26(time.December, 31)}}
		}), NotEligible, "tập thể bị kỷ luật khiển trách"},
		{"an inspection pending: deferred", nd152TT15, unit(func(c *Collective) { c.Pending = []Pending{{Kind: PendingInspection}} }), NotEligible, "tạm hoãn"},
	}, func(rs RuleSet, c Collective) Verdict {
		c.Awards = nil
		return rs.TapTheLaoDongTienTien(c, 2026)
	})
}

func TestND152TapTheLaoDongXuatSac(t *testing.T) {
	runUnitCases(t, []unitCase{
		{"70 % Lao động tiên tiến", nd152TT15, unit(), Eligible, "7/10 (70%)"},
		{"69 of 100", nd152TT15, unit(func(c *Collective) { c.Members, c.MembersCompleted, c.MembersLDTT = 100, 100, 69 }), NotEligible, "cần ít nhất 70%"},
		{"9 of 10 completed", nd152TT15, unit(func(c *Collective) { c.MembersCompleted = 9 }), NotEligible, "9/10 (90%) cá nhân hoàn thành nhiệm vụ"},
		{"issue #12: a member warned, rated hoàn thành on record", nd152TT15, unit(func(c *Collective) { c.MemberWarned, c.MembersDisciplined = true, 1 }), NotEligible,
			"1 cá nhân bị kỷ luật trong năm 2026 được tính là không hoàn thành nhiệm vụ"},
		{"one member not yet rated, the rest complete", nd152TT15, unit(func(c *Collective) { c.MembersCompleted, c.MembersUnrated = 9, 1 }), Insufficient, "1 cá nhân chưa có kết quả xếp loại"},
		{"one not rated and one not complete", nd152TT15, unit(func(c *Collective) { c.MembersCompleted, c.MembersUnrated = 8, 1 }), NotEligible, ""},
		{"no Chiến sĩ thi đua cơ sở", nd152TT15, unit(func(c *Collective) { c.MembersCSTDCS = 0 }), NotEligible, "cần ít nhất 1"},
		{"targets not exceeded", nd152TT15, unit(func(c *Collective) { c.ExceededTargets = false }), NotEligible, "chưa hoàn thành vượt mức"},
		{"no emulation movement", nd152TT15, unit(func(c *Collective) { c.Movement = false }), NotEligible, "chưa được xác nhận có phong trào"},
		{"no unity", nd152TT15, unit(func(c *Collective) { c.Solidarity = false }), NotEligible, "chưa được xác nhận nội bộ đoàn kết"},
		{"rated hoàn thành tốt, one step below xuất sắc", nd152TT15, unit(func(c *Collective) { c.Rating = Tot }), NotEligible, "cần hoàn thành xuất sắc nhiệm vụ"},
		{"a pending denunciation defers it", nd152TT15, unit(func(c *Collective) { c.Pending = []Pending{{Kind: PendingDenunciation}} }), NotEligible, "tạm hoãn"},
		{"dissolved after the reorganisation (TT 15/2025)", nd152TT15, unit(func(c *Collective) { c.Dissolved = true }), NotEligible, "đã giải thể"},
		{"before TT 15/2025 was in force", nd152, unit(func(c *Collective) { c.Dissolved = true }), Eligible, ""},
	}, func(rs RuleSet, c Collective) Verdict { return rs.TapTheLaoDongXuatSac(c, 2026) })
}

func TestND152CoThiDua(t *testing.T) {
	with26 := func(f ...func(*Collective)) Collective {
		return unit(append([]func(*Collective){func(c *Collective) { c.Awards = merit(TapTheLaoDongXuatSac, 2026) }}, f...)...)
	}
	for _, c := range []struct {
		name     string
		v        Verdict
		want     Outcome
		contains string
	}{
		{"Cờ ngành: 80 % of the cluster", nd152TT15.CoThiDuaNganh(with26(), 2026, Vote{Electorate: 10, For: 8}), Eligible, "8/10 (80%)"},
		{"Cờ ngành: 79 of 100", nd152TT15.CoThiDuaNganh(with26(), 2026, Vote{Electorate: 100, For: 79}), NotEligible, "cần từ 80%"},
		{"Cờ ngành: no Tập thể lao động xuất sắc", nd152TT15.CoThiDuaNganh(unit(func(c *Collective) { c.Awards = nil }), 2026, Vote{Electorate: 10, For: 10}), NotEligible, "chưa đạt Tập thể lao động xuất sắc năm 2026"},
		{"Cờ ngành: no new model", nd152TT15.CoThiDuaNganh(with26(func(c *Collective) { c.NewModel = false }), 2026, Vote{Electorate: 10, For: 10}), NotEligible, "chưa có nhân tố mới"},
		{"Cờ ngành: no thrift confirmed", nd152TT15.CoThiDuaNganh(with26(func(c *Collective) { c.Thrift = false }), 2026, Vote{Electorate: 10, For: 10}), NotEligible, "tiết kiệm"},
		{"Cờ ngành: targets not exceeded", nd152TT15.CoThiDuaNganh(with26(func(c *Collective) { c.ExceededTargets = false }), 2026, Vote{Electorate: 10, For: 10}), NotEligible, "chưa hoàn thành vượt mức"},
		{"Cờ ngành: no ballot yet", nd152TT15.CoThiDuaNganh(with26(), 2026, Vote{}), Insufficient, "chưa có kết quả bỏ phiếu"},
		{"Cờ Chính phủ: no unity", nd152TT15.CoThiDuaChinhPhu(with26(func(c *Collective) { c.Solidarity = false }), 2026), NotEligible, "nội bộ đoàn kết"},
		{"Cờ Chính phủ: no thrift", nd152TT15.CoThiDuaChinhPhu(with26(func(c *Collective) { c.Thrift = false }), 2026), NotEligible, "tiết kiệm"},
		{"Cờ Chính phủ: the board's choice", nd152TT15.CoThiDuaChinhPhu(with26(), 2026), Insufficient, "là tập thể tiêu biểu xuất sắc nhất"},
		{"Cờ Chính phủ: not leading the cluster", nd152TT15.CoThiDuaChinhPhu(with26(func(c *Collective) { c.LeadsCluster = false }), 2026), NotEligible, "không dẫn đầu"},
		{"Cờ Chính phủ: facts never recorded", nd152TT15.CoThiDuaChinhPhu(with26(func(c *Collective) { c.FactsMissing = true }), 2026), Insufficient, "chưa có dữ kiện tập thể"},
	} {
		if c.v.Outcome != c.want {
			t.Errorf("%s: got %s, want %s\n%s", c.name, c.v.Outcome, c.want, dump(c.v))
			continue
		}
		if _, ok := reasonWith(c.v, c.contains); !ok {
			t.Errorf("%s: no reason %q\n%s", c.name, c.contains, dump(c.v))
		}
	}
}

func TestND152Quotas(t *testing.T) {
	board := BoardQuota{Percent: 15, Rule: "Quy chế thi đua, khen thưởng ban hành kèm theo Quyết định số 01/QĐ-HĐTĐKT"}
	for _, c := range []struct {
		name               string
		r                  QuotaResult
		allowed            int
		over, insufficient bool
		text               string
	}{
		{"CSTĐCS: no share set by the board", CheckQuota(nd152TT15, QuotaCSTDCS, 1, 7), 0, false, true, "Hội đồng Thi đua - Khen thưởng chưa quy định tỷ lệ"},
		{"CSTĐCS: the board's 15 % of 7 is 1", CheckQuotaBoard(nd152TT15, QuotaCSTDCS, 1, 7, board), 1, false, false, "15% của 7 = 1,05"},
		{"CSTĐCS: a second one is over", CheckQuotaBoard(nd152TT15, QuotaCSTDCS, 2, 7, board), 1, true, false, "vượt 1"},
		{"CSTĐCS: a share without the board's rule is not enough", CheckQuotaBoard(nd152TT15, QuotaCSTDCS, 1, 7, BoardQuota{Percent: 15}), 0, false, true, ""},
		{"TTLĐXS: 20 % of 10 units is 2", CheckQuota(nd152TT15, QuotaTTLDXS, 2, 10), 2, false, false, ""},
		{"TTLĐXS: 3 of 10 is over", CheckQuota(nd152TT15, QuotaTTLDXS, 3, 10), 2, true, false, "vượt 1"},
		{"TTLĐXS: 20 % of 4 is 0,8, at least 1", CheckQuota(nd152TT15, QuotaTTLDXS, 1, 4), 1, false, false, "nhỏ hơn 1 nên được 1"},
		{"TT 02/2024 still carried the 15 % forward", CheckQuota(mustRules("tt02-2024"), QuotaCSTDCS, 1, 7), 1, false, false, "NĐ 91/2017"},
	} {
		if c.r.Allowed != c.allowed || c.r.Over != c.over || c.r.Insufficient != c.insufficient || !strings.Contains(c.r.Text+c.r.Article, c.text) {
			t.Errorf("%s: got %+v", c.name, c.r)
		}
	}
	if r := CheckQuotaBoard(nd152TT15, QuotaCSTDCS, 1, 7, board); !strings.Contains(r.Article, "Quyết định số 01/QĐ-HĐTĐKT") {
		t.Errorf("the board's quota cites the board's rule: %q", r.Article)
	}
}

// Điều 4 khoản 6 NĐ 152/2025: "lựa chọn cá nhân nữ hoặc tập thể có tỷ lệ nữ
// từ 70% trở lên".
func TestND152TieBreak(t *testing.T) {
	for _, c := range []struct {
		name string
		rs   RuleSet
		c    Candidate
		want bool
	}{
		{"a woman", nd152TT15, Candidate{Female: true}, true},
		{"a man", nd152TT15, Candidate{}, false},
		{"7 of 10 women", nd152TT15, Candidate{Collective: true, Members: 10, MembersFemale: 7}, true},
		{"69 of 100 women", nd152TT15, Candidate{Collective: true, Members: 100, MembersFemale: 69}, false},
		{"before NĐ 152 nobody is preferred", mustRules("tt02-2024"), Candidate{Female: true}, false},
	} {
		if got := c.rs.Preferred(c.c); got != c.want {
			t.Errorf("%s: got %v", c.name, got)
		}
	}
	got := nd152TT15.BreakTie([]Candidate{{ID: 1}, {ID: 2, Female: true}, {ID: 3}, {ID: 4, Female: true}})
	if got[0].ID != 2 || got[1].ID != 4 || got[2].ID != 1 || got[3].ID != 3 {
		t.Errorf("order: %+v", got)
	}
}

// The same facts judged on 30/6/2025 and on 1/7/2025: the verdicts differ
// where the texts differ, and each cites its own.
func TestBeforeAndAfterND152(t *testing.T) {
	p := Person{Ratings: map[int]Rating{2025: Tot}, RecruitedOn: recruitedLongAgo,
		Absences: []Absence{{Kind: AbsenceMaternity, From: day(2025, time.January, 1), To: day(2025, time.April, 30)}}}
	before := RulesFor(day(2025, time.June, 30)).LaoDongTienTien(p, 2025)
	after := RulesFor(day(2025, time.July, 1)).LaoDongTienTien(p, 2025)
	if before.RuleSetID != "tt02-2024" || before.Outcome != Insufficient {
		t.Errorf("before: maternity leave is one of TT 02/2024's unread exceptions\n%s", dump(before))
	}
	if after.RuleSetID != "nd152-2025" || after.Outcome != Eligible {
		t.Errorf("after: maternity leave counts (Điều 4 khoản 5 NĐ 152/2025)\n%s", dump(after))
	}
	if r, ok := reasonWith(after, "nghỉ thai sản"); !ok || r.Article != "Điều 4 khoản 5 NĐ 152/2025/NĐ-CP" {
		t.Errorf("after cites NĐ 152: %+v", r)
	}

	p.Absences = nil
	p.Pending = []Pending{{Kind: PendingComplaint}}
	before = RulesFor(day(2025, time.June, 30)).LaoDongTienTien(p, 2025)
	after = RulesFor(day(2025, time.July, 1)).LaoDongTienTien(p, 2025)
	rb, _ := reasonWith(before, "khiếu nại")
	ra, _ := reasonWith(after, "khiếu nại")
	if rb.Article != "NĐ 98/2023/NĐ-CP" || rb.Deferred || ra.Article != "Điều 4 khoản 4 NĐ 152/2025/NĐ-CP" || !ra.Deferred {
		t.Errorf("before %+v\nafter %+v", rb, ra)
	}
	for _, v := range []Verdict{before, after} {
		for _, r := range v.Reasons {
			if strings.Contains(r.Article, "NĐ 98/2023") && v.RuleSetID != "tt02-2024" {
				t.Errorf("%s cites the lapsed NĐ 98/2023: %q", v.RuleSetID, r.Article)
			}
		}
	}
}

// No verdict under NĐ 152 cites NĐ 98/2023, every reason cites something,
// and a provision not checked is flagged on every reason that uses it.
func TestND152CitesNoLapsedText(t *testing.T) {
	p := ok26(func(p *Person) {
		p.Ratings[2026] = XuatSac
		p.Awards = merit(ChienSiThiDuaCoSo, 2024, 2025, 2026)
		p.JoinedSectorOn = d26(time.November, 1)
		p.Absences = []Absence{{Kind: AbsenceSick, From: d26(time.March, 1), To: d26(time.June, 1)}}
	})
	c := unit(func(c *Collective) { c.Awards = merit(TapTheLaoDongXuatSac, 2026) })
	for _, rs := range []RuleSet{nd152, nd152TT15} {
		vs := []Verdict{rs.LaoDongTienTien(p, 2026), rs.ChienSiThiDuaCoSo(p, 2026), rs.ChienSiThiDuaNganh(p, 2026, Vote{}),
			rs.ChienSiThiDuaToanQuoc(p, 2026), rs.TapTheLaoDongTienTien(c, 2026), rs.TapTheLaoDongXuatSac(c, 2026),
			rs.CoThiDuaNganh(c, 2026, Vote{Electorate: 10, For: 9}), rs.CoThiDuaChinhPhu(c, 2026),
			rs.GiayKhen(p, 2026), rs.BangKhenNganh(p, 2026), rs.BangKhenThuTuong(p, 2026)}
		for _, v := range vs {
			if v.RuleSetID != rs.ID {
				t.Errorf("%s: verdict names %s", rs.ID, v.RuleSetID)
			}
			for _, r := range v.Reasons {
				switch {
				case r.Article == "":
					t.Errorf("%s %s: %q cites nothing", rs.ID, v.Title, r.Text)
				case strings.Contains(r.Article, "NĐ 98/2023"):
					t.Errorf("%s %s: %q cites NĐ 98/2023", rs.ID, v.Title, r.Text)
				case strings.HasSuffix(r.Article, Unconfirmed) && !r.Unconfirmed:
					t.Errorf("%s %s: %q not flagged as unchecked", rs.ID, v.Title, r.Text)
				case r.Met && r.Judgement:
					t.Errorf("%s %s: %q both met and undecided", rs.ID, v.Title, r.Text)
				}
			}
		}
	}
}

// NĐ 152/2025 is reported to lapse on 1/3/2027: past that day, with no
// later version added, the verdict page says so.
func TestND152CaveatAfterItsReportedEnd(t *testing.T) {
	if c := nd152TT15.Caveat(day(2027, time.February, 28)); c != "" {
		t.Errorf("28/2/2027: %q", c)
	}
	if c := nd152TT15.Caveat(day(2027, time.March, 1)); !strings.Contains(c, "28/02/2027") {
		t.Errorf("1/3/2027: %q", c)
	}
	if c := mustRules("tt02-2024").Caveat(day(2031, time.January, 1)); c != "" {
		t.Errorf("a version that does not cover the day: %q", c)
	}
}
