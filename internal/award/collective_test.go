package award

import (
	"testing"
	"time"
)

// unit is a collective that meets every criterion of Tập thể lao động xuất
// sắc and Cờ thi đua ngành: 10 members, all complete, 7 Lao động tiên tiến,
// 1 Chiến sĩ thi đua cơ sở.
func unit(f ...func(*Collective)) Collective {
	c := Collective{UnitID: 7, Name: "VKSND tỉnh Thanh Hóa",
		Members: 10, MembersCompleted: 10, MembersLDTT: 7, MembersCSTDCS: 1,
		Rating: XuatSac, ExceededTargets: true, Movement: true, Solidarity: true, NewModel: true, Thrift: true, LeadsCluster: true,
		Awards: merit(TapTheLaoDongXuatSac, 2025)}
	for _, g := range f {
		g(&c)
	}
	return c
}

type unitCase struct {
	name     string
	rs       RuleSet
	c        Collective
	want     Outcome
	contains string
}

func runUnitCases(t *testing.T, cases []unitCase, judge func(RuleSet, Collective) Verdict) {
	t.Helper()
	for _, c := range cases {
		v := judge(c.rs, c.c)
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

// Điều 28 Luật TĐKT: "trên 50% cá nhân … đạt danh hiệu Lao động tiên tiến".
func TestTapTheLaoDongTienTien(t *testing.T) {
	runUnitCases(t, []unitCase{
		{"6 of 10 is more than 50 %", tt02, unit(func(c *Collective) { c.MembersLDTT = 6; c.Rating = Tot }), Eligible, "6/10 (60%) cá nhân đạt Lao động tiên tiến (cần trên 50%)"},
		{"5 of 10 is not more than 50 %", tt02, unit(func(c *Collective) { c.MembersLDTT = 5 }), NotEligible, "5/10 (50%)"},
		{"hoàn thành nhiệm vụ only", tt02, unit(func(c *Collective) { c.Rating = HoanThanh }), NotEligible, "cần hoàn thành tốt nhiệm vụ"},
		{"a member warned", tt02, unit(func(c *Collective) { c.MemberWarned = true }), NotEligible, "có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên"},
		{"no emulation movement confirmed", tt02, unit(func(c *Collective) { c.Movement = false }), NotEligible, ""},
		{"no members counted", tt02, unit(func(c *Collective) { c.Members, c.MembersLDTT = 0, 0 }), NotEligible, ""},
		{"the unit disciplined in the year", tt02, unit(func(c *Collective) {
			c.Disciplines = []Discipline{{Measure: KhienTrach, From: day(2025, time.April, 1)}}
		}), NotEligible, "tập thể bị kỷ luật khiển trách"},
	}, func(rs RuleSet, c Collective) Verdict { return rs.TapTheLaoDongTienTien(c, 2025) })
}

// Điều 27 Luật TĐKT 2022; Điều 18 khoản 1 TT 02/2024/TT-VKSTC.
func TestTapTheLaoDongXuatSac(t *testing.T) {
	runUnitCases(t, []unitCase{
		{"70 % Lao động tiên tiến", tt02, unit(), Eligible, "7/10 (70%) cá nhân đạt Lao động tiên tiến (cần ít nhất 70%)"},
		{"69 % Lao động tiên tiến", tt02, unit(func(c *Collective) { c.Members, c.MembersCompleted, c.MembersLDTT = 100, 100, 69 }), NotEligible, "69/100 (69%)"},
		{"69,7 % is still under 70 %", tt02, unit(func(c *Collective) { c.Members, c.MembersCompleted, c.MembersLDTT = 33, 33, 23 }), NotEligible, "23/33 (69,7%)"},
		{"one member did not complete the tasks", tt02, unit(func(c *Collective) { c.MembersCompleted = 9 }), NotEligible, "9/10 (90%) cá nhân hoàn thành nhiệm vụ (cần 100%)"},
		{"no Chiến sĩ thi đua cơ sở", tt02, unit(func(c *Collective) { c.MembersCSTDCS = 0 }), NotEligible, "cần ít nhất 1"},
		{"hoàn thành tốt is not xuất sắc", tt02, unit(func(c *Collective) { c.Rating = Tot }), NotEligible, ""},
		{"TT 02/2024: xuất sắc means exceeding the targets", tt02, unit(func(c *Collective) { c.ExceededTargets = false }), NotEligible, "chưa hoàn thành vượt mức"},
		{"before TT 02/2024 exceeding was not asked", tt01L22, unit(func(c *Collective) { c.ExceededTargets = false }), Eligible, ""},
		{"the 2022 law dropped the warned-member clause", tt02, unit(func(c *Collective) { c.MemberWarned = true }), Eligible, ""},
		{"the 2013 law had it", tt01, unit(func(c *Collective) { c.MemberWarned = true }), NotEligible, "cảnh cáo trở lên"},
		{"an open inspection", tt02, unit(func(c *Collective) { c.OpenInvestigation = true }), NotEligible, ""},
	}, func(rs RuleSet, c Collective) Verdict { return rs.TapTheLaoDongXuatSac(c, 2025) })
}

// Điều 20 TT 01/2019/TT-VKSTC: "tỷ lệ phiếu đồng ý của các thành viên
// trong cụm, khối thi đua đạt từ 80% trở lên".
func TestCoThiDuaNganh(t *testing.T) {
	for _, c := range []struct {
		name     string
		c        Collective
		vote     Vote
		want     Outcome
		contains string
	}{
		{"80 % of the cluster", unit(), Vote{Electorate: 10, For: 8}, Eligible, "8/10 (80%) phiếu đồng ý"},
		{"79 % of the cluster", unit(), Vote{Electorate: 100, For: 79}, NotEligible, "79/100 (79%)"},
		{"79,6 % is not rounded up to 80 %", unit(), Vote{Electorate: 49, For: 39}, NotEligible, "39/49 (79,6%)"},
		{"the share is over the whole cluster, not those present", unit(), Vote{Electorate: 12, For: 9}, NotEligible, "9/12 (75%)"},
		{"not yet voted", unit(), Vote{}, NeedsJudgement, "chưa có kết quả bỏ phiếu của thành viên cụm, khối thi đua"},
		{"not Tập thể lao động xuất sắc", unit(func(c *Collective) { c.Awards = nil }), Vote{Electorate: 10, For: 10}, NotEligible,
			"chưa đạt Tập thể lao động xuất sắc năm 2025"},
		{"a merged unit: the predecessor's title, carried over by the caller", unit(func(c *Collective) {
			c.Awards = []Held{{Year: 2025, Title: TapTheLaoDongXuatSac, Kind: Merit, Predecessor: "VKSND khu vực 2 (tiền thân)"}}
		}), Vote{Electorate: 10, For: 9}, Eligible, "(của đơn vị tiền thân VKSND khu vực 2 (tiền thân))"},
		{"a revoked Tập thể lao động xuất sắc", unit(func(c *Collective) { c.Awards[0].Revoked = true }), Vote{Electorate: 10, For: 9}, NotEligible,
			"2025: quyết định đã bị hủy bỏ"},
		{"no new model", unit(func(c *Collective) { c.NewModel = false }), Vote{Electorate: 10, For: 9}, NotEligible, ""},
	} {
		v := tt02.CoThiDuaNganh(c.c, 2025, c.vote)
		if v.Outcome != c.want {
			t.Errorf("%s: got %s, want %s\n%s", c.name, v.Outcome, c.want, dump(v))
			continue
		}
		if _, ok := reasonWith(v, c.contains); c.contains != "" && !ok {
			t.Errorf("%s: no reason %q\n%s", c.name, c.contains, dump(v))
		}
	}
}

// Điều 25 Luật TĐKT 2022: the Prime Minister decides; the rules check
// what they can and hand the choice to the board.
func TestCoThiDuaChinhPhu(t *testing.T) {
	runUnitCases(t, []unitCase{
		{"everything checkable is met", tt02, unit(), NeedsJudgement, "là tập thể tiêu biểu xuất sắc nhất"},
		{"not leading its cluster", tt02, unit(func(c *Collective) { c.LeadsCluster = false }), NotEligible, "không dẫn đầu cụm, khối thi đua năm 2025"},
		{"targets not exceeded", tt02, unit(func(c *Collective) { c.ExceededTargets = false }), NotEligible, ""},
		{"NĐ 91/2017: chosen among holders of the sector Cờ", tt01, unit(), NotEligible, "chưa đạt Cờ thi đua của ngành Kiểm sát nhân dân năm 2025"},
		{"NĐ 91/2017: holding the sector Cờ", tt01, unit(func(c *Collective) { c.Awards = merit(CoThiDuaNganh, 2025) }), NeedsJudgement, ""},
	}, func(rs RuleSet, c Collective) Verdict { return rs.CoThiDuaChinhPhu(c, 2025) })
}
