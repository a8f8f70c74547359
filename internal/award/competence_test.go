package award

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestPowersPerVersion: who decides what, read from each version's table
// (Luật TĐKT 2022 Điều 80 khoản 1: the head of a provincial procuracy
// decides TTLĐTT, CSTĐCS, LĐTT and the Giấy khen; the rest is VKSTC's or
// above; before 2024, 2023 practice had the province decide TTLĐXS too).
func TestPowersPerVersion(t *testing.T) {
	on := func(y int, m time.Month, d int) RuleSet { return RulesFor(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) }
	cases := []struct {
		rs     RuleSet
		tier   Tier
		title  Title
		decide bool
	}{
		{on(2026, 11, 26), TierProvince, LaoDongTienTien, true},
		{on(2026, 11, 26), TierProvince, ChienSiThiDuaCoSo, true},
		{on(2026, 11, 26), TierProvince, TapTheLaoDongTienTien, true},
		{on(2026, 11, 26), TierProvince, GiayKhen, true},
		{on(2026, 11, 26), TierProvince, TapTheLaoDongXuatSac, false},
		{on(2026, 11, 26), TierProvince, CoThiDuaNganh, false},
		{on(2026, 11, 26), TierProvince, BangKhenNganh, false},
		{on(2026, 11, 26), TierHigh, ChienSiThiDuaCoSo, true},
		{on(2026, 11, 26), TierHigh, ChienSiThiDuaNganh, false},
		{on(2026, 11, 26), TierRegional, LaoDongTienTien, false},
		{on(2026, 11, 26), TierSupreme, TapTheLaoDongXuatSac, true},
		{on(2026, 11, 26), TierSupreme, LaoDongTienTien, true},
		{on(2026, 11, 26), TierSupreme, ChienSiThiDuaToanQuoc, false},
		{on(2026, 11, 26), TierSupreme, CoThiDuaChinhPhu, false},
		{on(2026, 11, 26), TierSupreme, BangKhenThuTuong, false},
		{on(2024, 11, 1), TierProvince, TapTheLaoDongXuatSac, false},
		{on(2020, 12, 1), TierProvince, TapTheLaoDongXuatSac, true},
		{on(2020, 12, 1), TierProvince, ChienSiThiDuaNganh, false},
	}
	for _, c := range cases {
		if _, got := c.rs.Powers.Decides(c.tier, c.title); got != c.decide {
			t.Errorf("%s: %s decides %s = %v, want %v", c.rs.ID, c.tier, c.title, got, c.decide)
		}
	}
}

// TestEveryVersionCitesEveryTitle: each version names who decides every
// title and form, with a citation; rows resting on practice are marked.
func TestEveryVersionCitesEveryTitle(t *testing.T) {
	all := append(append(append([]Title{}, CollectiveTitles...), IndividualTitles...), Forms...)
	for _, rs := range RuleSets() {
		for _, ti := range all {
			p, ok := rs.Powers.Of(ti)
			switch {
			case !ok:
				t.Errorf("%s: no competence row for %s", rs.ID, ti)
			case p.Cite == "" || p.Decides == "":
				t.Errorf("%s: %s has no decider or citation: %+v", rs.ID, ti, p)
			case rs.From.Before(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)) && !p.Unconfirmed:
				t.Errorf("%s: %s rests on practice and must be marked unconfirmed", rs.ID, ti)
			}
		}
	}
	if p, _ := RulesFor(time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)).Powers.Of(LaoDongTienTien); p.Unconfirmed || !strings.Contains(p.Cite, "Điều 80 khoản 1") {
		t.Errorf("LĐTT rests on the read text of Điều 80 khoản 1: %+v", p)
	}
}

// TestAuthorityLines: a decision cites the texts in force on its day; every
// level cites the law on the organisation of the procuracies, which gives
// each level's head its power: the 2014 law until 30/6/2025, the law as
// amended by Luật số 82/2025/QH15 from 1/7/2025.
func TestAuthorityLines(t *testing.T) {
	const (
		org2014 = "Căn cứ Luật Tổ chức Viện kiểm sát nhân dân năm 2014;"
		org2025 = "Căn cứ Luật Tổ chức Viện kiểm sát nhân dân số 63/2014/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 82/2025/QH15;"
	)
	rs := RulesFor(time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC))
	prov, sup := rs.Authority(TierProvince), rs.Authority(TierSupreme)
	if len(prov) != 4 || !slices.Equal(prov, sup) {
		t.Fatalf("province %d lines, supreme %d:\n%s\n%s", len(prov), len(sup), strings.Join(prov, "\n"), strings.Join(sup, "\n"))
	}
	if prov[0] != org2025 || !strings.Contains(prov[2], "152/2025/NĐ-CP") || !strings.Contains(prov[3], "02/2024/TT-VKSTC") {
		t.Errorf("2026 lines: %q", prov)
	}
	old := RulesFor(time.Date(2020, 12, 20, 0, 0, 0, 0, time.UTC)).Authority(TierProvince)
	if old[0] != org2014 || !strings.Contains(old[2], "91/2017/NĐ-CP") || !strings.Contains(old[3], "01/2019/TT-VKSTC") {
		t.Errorf("2020 lines: %q", old)
	}
	// Every version cites the law as it stood on its first day.
	for _, v := range RuleSets() {
		if got := v.Authority(TierProvince); len(got) != 4 || got[0] != OrgLawGround(v.From) {
			t.Errorf("%s: %q", v.ID, got)
		}
	}
	// The amending law's day: the day before cites the 2014 law alone.
	for _, c := range []struct {
		day  time.Time
		want string
	}{{time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC), org2014}, {time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), org2025}} {
		for _, tier := range []Tier{TierSupreme, TierProvince} {
			if got := RulesFor(c.day).Authority(tier); len(got) != 4 || got[0] != c.want {
				t.Errorf("%s, %s: %q", c.day.Format("02/01/2006"), tier, got)
			}
		}
	}
}
