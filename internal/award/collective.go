package award

import "fmt"

// The collective titles, one method per title. The unit's facts come in a
// Collective; member shares are compared exactly (atLeast, moreThan) and
// shown rounded (share). Quotas over a list are checked by CheckQuota.

// TapTheLaoDongTienTien judges "Tập thể lao động tiên tiến" for year.
//
// Điều 28 khoản 1 Luật TĐKT 2003 (sửa đổi 2013): "a) Hoàn thành tốt nhiệm
// vụ và kế hoạch được giao; b) Có phong trào thi đua thường xuyên, thiết
// thực, có hiệu quả; c) Có trên 50% cá nhân trong tập thể đạt danh hiệu
// 'Lao động tiên tiến' và không có cá nhân bị kỷ luật từ hình thức cảnh
// cáo trở lên; d) Nội bộ đoàn kết, chấp hành tốt chủ trương, chính sách
// của Đảng, pháp luật của Nhà nước." The 2022 law keeps it as Điều 28
// (wording not checked; rs.TTLDTTNoWarning keeps the discipline clause).
func (rs RuleSet) TapTheLaoDongTienTien(c Collective, year int) Verdict {
	if v, ok := rs.noRules(TapTheLaoDongTienTien, year); ok {
		return v
	}
	b := rs.begin(TapTheLaoDongTienTien, year)
	art := rs.Cite.TTLDTT
	rs.unitRating(b, c, year, Tot, art)
	rs.fact(b, c, c.Movement, art, "phong trào thi đua", "có phong trào thi đua thường xuyên, thiết thực, hiệu quả", "chưa được xác nhận có phong trào thi đua thường xuyên, thiết thực, hiệu quả")
	rs.memberShare(b, c, rs.TTLDTTMemberPercent, true, art)
	if rs.TTLDTTNoWarning {
		rs.noWarned(b, c, art)
	}
	rs.fact(b, c, c.Solidarity, art, "đoàn kết nội bộ", "nội bộ đoàn kết, chấp hành tốt chủ trương, chính sách, pháp luật", "chưa được xác nhận nội bộ đoàn kết, chấp hành tốt chủ trương, chính sách, pháp luật")
	rs.unitPrinciples(b, c, year)
	return b.done()
}

// TapTheLaoDongXuatSac judges "Tập thể lao động xuất sắc" for year.
//
// Điều 27 khoản 1 Luật TĐKT 2022: "a) Hoàn thành xuất sắc nhiệm vụ được
// giao; b) Tích cực tham gia phong trào thi đua thường xuyên, thiết thực,
// hiệu quả; c) Có 100% cá nhân trong tập thể hoàn thành nhiệm vụ được
// giao, trong đó có ít nhất là 70% cá nhân đạt danh hiệu 'Lao động tiên
// tiến'; d) Có cá nhân đạt danh hiệu 'Chiến sĩ thi đua cơ sở'; đ) Nội bộ
// đoàn kết …". Điều 18 khoản 1 TT 02/2024/TT-VKSTC: "tiêu chuẩn hoàn
// thành xuất sắc nhiệm vụ phải hoàn thành vượt các chỉ tiêu, nhiệm vụ theo
// chương trình, kế hoạch được cấp có thẩm quyền phê duyệt trong năm". The
// 2013 text also barred a member disciplined at cảnh cáo or above
// (rs.TTLDXSNoWarning); the 2022 text does not. The ≤ 20 % quota (Điều 18
// khoản 2) is CheckQuota(rs, QuotaTTLDXS, …).
func (rs RuleSet) TapTheLaoDongXuatSac(c Collective, year int) Verdict {
	if v, ok := rs.noRules(TapTheLaoDongXuatSac, year); ok {
		return v
	}
	b := rs.begin(TapTheLaoDongXuatSac, year)
	art := rs.Cite.TTLDXS
	rs.unitRating(b, c, year, XuatSac, art)
	if rs.TTLDXSExceedTargets {
		rs.exceeded(b, c, year, art)
	}
	rs.fact(b, c, c.Movement, art, "phong trào thi đua", "có phong trào thi đua thường xuyên, thiết thực, hiệu quả", "chưa được xác nhận có phong trào thi đua thường xuyên, thiết thực, hiệu quả")
	rs.allCompleted(b, c, year, art)
	rs.memberShare(b, c, rs.TTLDXSMemberPercent, false, art)
	b.check(c.MembersCSTDCS > 0, art, fmt.Sprintf("có %d cá nhân đạt %s (cần ít nhất 1)", c.MembersCSTDCS, ChienSiThiDuaCoSo.Label()))
	if rs.TTLDXSNoWarning {
		rs.noWarned(b, c, art)
	}
	rs.fact(b, c, c.Solidarity, art, "đoàn kết nội bộ", "nội bộ đoàn kết, gương mẫu chấp hành tốt chủ trương, chính sách, pháp luật", "chưa được xác nhận nội bộ đoàn kết, gương mẫu chấp hành chủ trương, chính sách, pháp luật")
	rs.unitPrinciples(b, c, year)
	return b.done()
}

// CoThiDuaNganh judges "Cờ thi đua của ngành Kiểm sát nhân dân" for year,
// with the ballot of the cluster's or bloc's members (Electorate 0: not
// yet held).
//
// Điều 20 TT 01/2019/TT-VKSTC: chosen "trong số các tập thể đạt danh hiệu
// 'Tập thể lao động xuất sắc'", and "hoàn thành vượt mức các chỉ tiêu thi
// đua và nhiệm vụ được giao trong năm; có nhân tố mới, mô hình mới …; tích
// cực trong việc thực hành tiết kiệm, chống lãng phí, chống tham nhũng …;
// có tỷ lệ phiếu đồng ý của các thành viên trong cụm, khối thi đua đạt từ
// 80% trở lên". The Tập thể lao động xuất sắc of the year is read from
// c.Awards, where the caller may have carried over a merged predecessor's.
// That only units of the VKSND tối cao, cấp cao and cấp tỉnh qualify (Điều
// 20 khoản 2) is for the caller to filter.
func (rs RuleSet) CoThiDuaNganh(c Collective, year int, cluster Vote) Verdict {
	if v, ok := rs.noRules(CoThiDuaNganh, year); ok {
		return v
	}
	b := rs.begin(CoThiDuaNganh, year)
	art := rs.Cite.CoNganh
	rs.holds(b, c, TapTheLaoDongXuatSac, year, art)
	rs.exceeded(b, c, year, art)
	rs.fact(b, c, c.NewModel, art, "nhân tố mới, mô hình mới", "có nhân tố mới, mô hình mới để các đơn vị khác trong Ngành học tập", "chưa có nhân tố mới, mô hình mới được xác nhận")
	rs.fact(b, c, c.Thrift, art, "thực hành tiết kiệm, chống tham nhũng", "tích cực thực hành tiết kiệm, chống lãng phí, chống tham nhũng và các tệ nạn xã hội", "chưa được xác nhận tích cực thực hành tiết kiệm, chống lãng phí, chống tham nhũng")
	rs.vote(b, cluster, rs.CoNganhClusterPercent, or(rs.Cite.CoNganhVote, art), "thành viên cụm, khối thi đua")
	rs.unitPrinciples(b, c, year)
	return b.done()
}

// CoThiDuaChinhPhu judges "Cờ thi đua của Chính phủ" for year. The Prime
// Minister awards it on the Supreme Procuracy's proposal to the most
// outstanding units, so the best this answers is NeedsJudgement: it checks
// what the data can decide and leaves the choice to the board.
//
// Điều 25 khoản 1 Luật TĐKT 2022 (checked in an English rendering only):
// for outstanding collectives among the leading collectives of the
// emulation clusters or blocs of a ministry, sector or province that
// a) exceed the year's emulation targets and tasks, and b) are united,
// with clean, strong Party and mass organisations, and lead in thrift and
// in fighting waste, corruption and social evils.
// Under Điều 11 khoản 1 NĐ 91/2017/NĐ-CP it was chosen among the
// units meeting the sector Cờ standard, at most 20 % of them
// (CheckQuota(rs, QuotaCoChinhPhu, …)).
func (rs RuleSet) CoThiDuaChinhPhu(c Collective, year int) Verdict {
	if v, ok := rs.noRules(CoThiDuaChinhPhu, year); ok {
		return v
	}
	b := rs.begin(CoThiDuaChinhPhu, year)
	art := rs.Cite.CoChinhPhu
	if rs.CoCPNeedsCoNganh {
		rs.holds(b, c, CoThiDuaNganh, year, art)
	}
	if rs.CoCPNeedsLead {
		rs.fact(b, c, c.LeadsCluster, art, "dẫn đầu cụm, khối thi đua", fmt.Sprintf("dẫn đầu cụm, khối thi đua năm %d", year), fmt.Sprintf("không dẫn đầu cụm, khối thi đua năm %d", year))
	}
	rs.exceeded(b, c, year, art)
	rs.fact(b, c, c.Solidarity, art, "đoàn kết nội bộ", "nội bộ đoàn kết", "chưa được xác nhận nội bộ đoàn kết")
	rs.fact(b, c, c.Thrift, art, "thực hành tiết kiệm, chống tham nhũng", "đi đầu thực hành tiết kiệm, chống lãng phí, chống tham nhũng", "chưa được xác nhận đi đầu thực hành tiết kiệm, chống lãng phí, chống tham nhũng")
	b.judge(art, "là tập thể tiêu biểu xuất sắc nhất: Hội đồng Thi đua - Khen thưởng ngành lựa chọn, Viện trưởng VKSND tối cao đề nghị Thủ tướng Chính phủ xét tặng")
	rs.unitPrinciples(b, c, year)
	return b.done()
}

func yesNo(ok bool, yes, no string) string {
	if ok {
		return yes
	}
	return no
}

func (rs RuleSet) unitRating(b *verdict, c Collective, year int, min Rating, art string) {
	if c.Rating == "" {
		b.missing(art, fmt.Sprintf("kết quả xếp loại tập thể năm %d", year), SupplierUnit, fmt.Sprintf("chưa có kết quả xếp loại tập thể năm %d", year))
		return
	}
	b.check(c.Rating.AtLeast(min), art, fmt.Sprintf("tập thể xếp loại năm %d: %s (cần %s)", year, c.Rating.Label(), min.Label()))
}

func (rs RuleSet) exceeded(b *verdict, c Collective, year int, art string) {
	rs.fact(b, c, c.ExceededTargets, art, "kết quả thực hiện chỉ tiêu, nhiệm vụ",
		fmt.Sprintf("hoàn thành vượt mức các chỉ tiêu, nhiệm vụ được giao năm %d", year),
		fmt.Sprintf("chưa hoàn thành vượt mức các chỉ tiêu, nhiệm vụ được giao năm %d", year))
}

// fact checks one of the unit's own facts for the year. Facts never
// recorded are chưa đủ thông tin, supplied by the unit, never "not met".
func (rs RuleSet) fact(b *verdict, c Collective, ok bool, art, fact, yes, no string) {
	if c.FactsMissing {
		b.missing(art, fact, SupplierUnit, "chưa có dữ kiện tập thể: "+fact)
		return
	}
	b.check(ok, art, yesNo(ok, yes, no))
}

// allCompleted checks "100 % cá nhân hoàn thành nhiệm vụ". A member
// disciplined in the year is rated "không hoàn thành nhiệm vụ" for it (NĐ
// 90/2020 as amended by NĐ 48/2023, in force 15/9/2023, not carried back),
// so from the 2023 ratings on such a member is never counted as having
// completed, whatever the record's rating says (issue #12). Members with
// no rating yet make it chưa đủ thông tin while no one else fails it.
func (rs RuleSet) allCompleted(b *verdict, c Collective, year int, art string) {
	done := c.MembersCompleted
	var note string
	if year >= 2023 && c.MembersDisciplined > 0 {
		done = min(done, max(c.Members-c.MembersDisciplined, 0))
		note = fmt.Sprintf("; %d cá nhân bị kỷ luật trong năm %d được tính là không hoàn thành nhiệm vụ", c.MembersDisciplined, year)
		art = joinArt(art, ratingRuleCite(rs))
	}
	text := fmt.Sprintf("%s cá nhân hoàn thành nhiệm vụ (cần 100%%)%s", share(done, c.Members), note)
	switch {
	case c.Members > 0 && done == c.Members:
		b.check(true, art, text)
	case c.Members > 0 && c.MembersUnrated > 0 && done+c.MembersUnrated >= c.Members:
		b.missing(art, fmt.Sprintf("kết quả xếp loại năm %d của %d cá nhân", year, c.MembersUnrated), SupplierRater,
			fmt.Sprintf("%s; %d cá nhân chưa có kết quả xếp loại", text, c.MembersUnrated))
	default:
		b.check(false, art, text)
	}
}

// ratingRuleCite names the rating rule: the version's own citation, or
// the decree for versions that carry none.
func ratingRuleCite(rs RuleSet) string {
	if rs.Cite.RatingRule != "" {
		return rs.Cite.RatingRule
	}
	return citeRatingRule
}

// citeRatingRule: the amended principle of NĐ 90/2020, read only in
// translated summaries (its clause number was not read).
const citeRatingRule = "Điều 2 NĐ 90/2020/NĐ-CP (sửa đổi, bổ sung bởi NĐ 48/2023/NĐ-CP)" + Unconfirmed

func joinArt(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// memberShare checks the share of members holding Lao động tiên tiến:
// strictly more than pct % when strict ("trên 50%"), else at least pct %
// ("ít nhất 70%").
func (rs RuleSet) memberShare(b *verdict, c Collective, pct int, strict bool, art string) {
	if strict {
		b.check(moreThan(c.MembersLDTT, c.Members, pct), art,
			fmt.Sprintf("%s cá nhân đạt %s (cần trên %d%%)", share(c.MembersLDTT, c.Members), LaoDongTienTien.Label(), pct))
		return
	}
	b.check(atLeast(c.MembersLDTT, c.Members, pct), art,
		fmt.Sprintf("%s cá nhân đạt %s (cần ít nhất %d%%)", share(c.MembersLDTT, c.Members), LaoDongTienTien.Label(), pct))
}

func (rs RuleSet) noWarned(b *verdict, c Collective, art string) {
	b.check(!c.MemberWarned, art, yesNo(!c.MemberWarned,
		"không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên",
		"có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên"))
}

// holds checks that the unit holds title t for year, reading its awards
// (a merged predecessor's included when the caller passed it).
func (rs RuleSet) holds(b *verdict, c Collective, t Title, year int, art string) {
	var n notes
	h, ok := rs.held(c.Awards, t, year, achievementFloor(c.Disciplines), &n)
	switch {
	case ok && h.Predecessor != "":
		b.check(true, art, fmt.Sprintf("đạt %s năm %d (của đơn vị tiền thân %s)", t.Label(), year, h.Predecessor))
	case ok:
		b.check(true, art, fmt.Sprintf("đạt %s năm %d", t.Label(), year))
	default:
		b.check(false, n.article(art), fmt.Sprintf("chưa đạt %s năm %d", t.Label(), year)+n.suffix())
	}
}

// unitPrinciples adds the general principles for a unit: no discipline of
// the unit in effect during the year, nothing open.
func (rs RuleSet) unitPrinciples(b *verdict, c Collective, year int) {
	if rs.DissolvedBar {
		b.check(!c.Dissolved, rs.Cite.Dissolved, yesNo(!c.Dissolved, "đơn vị không thuộc trường hợp đã giải thể sau sắp xếp tổ chức bộ máy",
			"đơn vị đã giải thể sau sắp xếp tổ chức bộ máy: không khen thưởng"))
	}
	if d, ok := disciplinedIn(c.Disciplines, year, KhienTrach); ok {
		b.check(false, rs.Cite.DisciplineEnd, fmt.Sprintf("tập thể bị kỷ luật %s có hiệu lực trong năm %d (%s)", d.Measure.Label(), year, d.period()))
	} else {
		b.check(true, rs.Cite.DisciplineEnd, fmt.Sprintf("tập thể không bị kỷ luật trong năm %d", year))
	}
	rs.openCase(b, c.OpenInvestigation, c.Pending)
}
