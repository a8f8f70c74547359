package award

import (
	"testing"
	"time"
)

func formRules(t *testing.T, id string) RuleSet {
	t.Helper()
	rs, ok := RuleSetByID(id)
	if !ok {
		t.Fatalf("no rule set %s", id)
	}
	return rs
}

func heldMerit(t Title, ys ...int) []Held {
	var hs []Held
	for _, y := range ys {
		hs = append(hs, Held{Year: y, Title: t, Kind: Merit})
	}
	return hs
}

func rated(r Rating, from, to int) map[int]Rating {
	m := map[int]Rating{}
	for y := from; y <= to; y++ {
		m[y] = r
	}
	return m
}

func applied(n, year int) []Initiative {
	var is []Initiative
	for i := 0; i < n; i++ {
		is = append(is, Initiative{Year: year, Level: CapCoSo, Applied: true})
	}
	return is
}

func TestFormsCatalogue(t *testing.T) {
	for _, f := range Forms {
		if !f.IsForm() || f.Collective() || f.Individual() || f.Label() == string(f) {
			t.Errorf("%s: IsForm %v Collective %v Individual %v Label %q", f, f.IsForm(), f.Collective(), f.Individual(), f.Label())
		}
	}
	if LaoDongTienTien.IsForm() || GiayKhen != "giay_khen" || BangKhenNganh != "bk_vkstc" || BangKhenThuTuong != "bk_ttg" {
		t.Error("codes changed")
	}
}

// The forms read the same under NĐ 152/2025 (nothing found in its texts
// changes them): each table runs under both versions.
var formVersions = []string{"tt02-2024", "nd152-tt15-2025"}

func TestBangKhenNganhPerson(t *testing.T) {
	for _, id := range formVersions {
		testBangKhenNganhPerson(t, formRules(t, id))
	}
}

func testBangKhenNganhPerson(t *testing.T, rs RuleSet) {
	cases := []struct {
		name string
		p    Person
		want Outcome
	}{
		{"2 CSTĐCS + 4 initiatives", Person{Awards: heldMerit(ChienSiThiDuaCoSo, 2024, 2025), Initiatives: applied(4, 2025)}, Eligible},
		{"2 years HTXS + 2 initiatives", Person{Ratings: rated(XuatSac, 2024, 2025), Initiatives: applied(2, 2024)}, Eligible},
		{"2 CSTĐCS + exactly 2 initiatives: board checks reuse", Person{Awards: heldMerit(ChienSiThiDuaCoSo, 2024, 2025), Initiatives: applied(2, 2025)}, NeedsJudgement},
		{"1 initiative: point d unmet", Person{Ratings: rated(XuatSac, 2024, 2025), Initiatives: applied(1, 2025)}, NeedsJudgement},
		{"initiative not applied", Person{Ratings: rated(XuatSac, 2024, 2025), Initiatives: []Initiative{{Year: 2025, Level: CapCoSo}, {Year: 2025, Level: CapCoSo}}}, NeedsJudgement},
		{"initiatives before the window", Person{Ratings: rated(XuatSac, 2024, 2025), Initiatives: applied(2, 2023)}, NeedsJudgement},
		{"CSTĐCS not consecutive", Person{Awards: heldMerit(ChienSiThiDuaCoSo, 2023, 2025), Initiatives: applied(4, 2025)}, NeedsJudgement},
		{"HTXS one year only", Person{Ratings: map[int]Rating{2024: Tot, 2025: XuatSac}, Initiatives: applied(2, 2025)}, NeedsJudgement},
		{"already given for 2025", Person{Ratings: rated(XuatSac, 2024, 2025), Initiatives: applied(2, 2025), Awards: heldMerit(BangKhenNganh, 2025)}, NotEligible},
		{"open investigation", Person{Ratings: rated(XuatSac, 2024, 2025), Initiatives: applied(2, 2025), OpenInvestigation: true}, NotEligible},
	}
	for _, c := range cases {
		v := rs.BangKhenNganh(c.p, 2025)
		if v.Outcome != c.want {
			t.Errorf("%s %s: got %s, want %s: %+v", rs.ID, c.name, v.Outcome, c.want, v.Reasons)
		}
		for _, r := range v.Reasons {
			if r.Article == "" || r.Text == "" {
				t.Errorf("%s: reason without citation: %+v", c.name, r)
			}
		}
	}
}

func TestBangKhenThuTuongPerson(t *testing.T) {
	for _, id := range formVersions {
		testBangKhenThuTuongPerson(t, formRules(t, id))
	}
}

func testBangKhenThuTuongPerson(t *testing.T, rs RuleSet) {
	good := func() Person {
		return Person{Ratings: rated(Tot, 2021, 2025), Awards: append(heldMerit(BangKhenNganh, 2020), heldMerit(ChienSiThiDuaCoSo, 2022, 2023, 2025)...)}
	}
	cases := []struct {
		name string
		edit func(*Person)
		want Outcome
	}{
		{"5 years + BK + 3 CSTĐCS", func(*Person) {}, Eligible},
		{"4 years only", func(p *Person) { delete(p.Ratings, 2021) }, NeedsJudgement},
		{"a year below tốt breaks the run", func(p *Person) { p.Ratings[2023] = HoanThanh }, NeedsJudgement},
		{"2 CSTĐCS only", func(p *Person) {
			p.Awards = append(heldMerit(BangKhenNganh, 2020), heldMerit(ChienSiThiDuaCoSo, 2022, 2023)...)
		}, NeedsJudgement},
		{"CSTĐCS outside the run", func(p *Person) {
			p.Awards = append(heldMerit(BangKhenNganh, 2020), heldMerit(ChienSiThiDuaCoSo, 2020, 2022, 2023)...)
		}, NeedsJudgement},
		{"longer run counts older CSTĐCS", func(p *Person) {
			p.Ratings[2020] = XuatSac
			p.Awards = append(heldMerit(BangKhenNganh, 2019), heldMerit(ChienSiThiDuaCoSo, 2020, 2022, 2023)...)
		}, Eligible},
		{"no Bằng khen ngành", func(p *Person) { p.Awards = heldMerit(ChienSiThiDuaCoSo, 2022, 2023, 2025) }, NeedsJudgement},
		{"Bằng khen ngành revoked", func(p *Person) { p.Awards[0].Revoked = true }, NeedsJudgement},
		{"Bằng khen ngành the same year does not count", func(p *Person) { p.Awards[0].Year = 2025 }, NeedsJudgement},
		{"already given", func(p *Person) { p.Awards = append(p.Awards, heldMerit(BangKhenThuTuong, 2025)...) }, NotEligible},
	}
	for _, c := range cases {
		p := good()
		c.edit(&p)
		if v := rs.BangKhenThuTuong(p, 2025); v.Outcome != c.want {
			t.Errorf("%s %s: got %s, want %s: %+v", rs.ID, c.name, v.Outcome, c.want, v.Reasons)
		}
	}
}

func TestFormsJudgementAndVersions(t *testing.T) {
	rs := formRules(t, "tt02-2024")
	old := formRules(t, "tt01-2019")
	p := Person{Ratings: rated(XuatSac, 2018, 2025)}
	c := Collective{Members: 10, Rating: XuatSac, Awards: heldMerit(TapTheLaoDongXuatSac, 2024, 2025)}
	cases := []struct {
		name string
		v    Verdict
		want Outcome
	}{
		{"giấy khen person", rs.GiayKhen(p, 2025), NeedsJudgement},
		{"giấy khen collective", rs.GiayKhenTapThe(c, 2025), NeedsJudgement},
		{"bằng khen ngành collective", rs.BangKhenNganhTapThe(c, 2025), NeedsJudgement},
		{"bằng khen TTg collective", rs.BangKhenThuTuongTapThe(c, 2025), NeedsJudgement},
		{"collective disciplined", rs.BangKhenNganhTapThe(Collective{Disciplines: []Discipline{{Measure: KhienTrach, From: day(2025, time.March, 1)}}}, 2025), NotEligible},
		{"collective already given", rs.GiayKhenTapThe(Collective{Awards: heldMerit(GiayKhen, 2025)}, 2025), NotEligible},
		{"old law goes to the board", old.BangKhenNganh(Person{Awards: heldMerit(ChienSiThiDuaCoSo, 2022, 2023), Initiatives: applied(4, 2023)}, 2023), NeedsJudgement},
		{"no rules", RuleSet{}.BangKhenThuTuong(p, 2018), NeedsJudgement},
	}
	for _, x := range cases {
		if x.v.Outcome != x.want {
			t.Errorf("%s: got %s, want %s: %+v", x.name, x.v.Outcome, x.want, x.v.Reasons)
		}
		if len(x.v.Reasons) == 0 {
			t.Errorf("%s: no reasons", x.name)
		}
	}
}
