package award

import (
	"fmt"
	"time"
)

// The individual titles, one method per title, each read beside its
// provision (rs.Cite). Every verdict lists every criterion, met or not.
// Quotas over a whole list (e.g. Chiến sĩ thi đua cơ sở) are checked by
// CheckQuota, not here.

// LaoDongTienTien judges "Lao động tiên tiến" for year.
//
// Điều 24 khoản 1 Luật TĐKT 2022: "a) Hoàn thành tốt nhiệm vụ trở lên;
// b) Có tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia
// phong trào thi đua" (the 2013 text: "hoàn thành tốt nhiệm vụ được giao").
// Criterion b) has no datum here: it is part of the unit's deliberation.
// Điều 15 TT 02/2024/TT-VKSTC does not award it to a person (1) recruited
// under 6 months (10 months under TT 01/2019), (2) absent from 3 to under
// 6 months, save the absences its khoản 2 counts as work, (3) disciplined
// at khiển trách or above.
func (rs RuleSet) LaoDongTienTien(p Person, year int) Verdict {
	if v, ok := rs.noRules(LaoDongTienTien, year); ok {
		return v
	}
	b := rs.begin(LaoDongTienTien, year)
	rs.ldtt(b, p, year)
	rs.openCase(b, p.OpenInvestigation, p.Pending)
	return b.done()
}

// ldtt adds the criteria of Lao động tiên tiến, which Chiến sĩ thi đua cơ
// sở also requires.
func (rs RuleSet) ldtt(b *verdict, p Person, year int) {
	r, ok := p.Ratings[year]
	switch {
	case !ok:
		b.missing(rs.Cite.LDTT, fmt.Sprintf("kết quả xếp loại năm %d", year), SupplierRater,
			fmt.Sprintf("chưa có kết quả xếp loại năm %d (cần từ %s trở lên)", year, rs.LDTTMinRating.Label()))
	default:
		b.check(r.AtLeast(rs.LDTTMinRating), rs.Cite.LDTT,
			fmt.Sprintf("xếp loại năm %d: %s (cần từ %s trở lên)", year, r.Label(), rs.LDTTMinRating.Label()))
	}

	rs.recruited(b, p, year)
	if len(p.Absences) > 0 {
		rs.absences(b, p, year)
	} else {
		rs.monthsAbsent(b, p, year)
	}
	if d, ok := disciplinedIn(p.Disciplines, year, rs.LDTTDisciplineBar); ok {
		b.check(false, rs.Cite.LDTTExclusions,
			fmt.Sprintf("bị kỷ luật %s có hiệu lực trong năm %d (%s)", d.Measure.Label(), year, d.period()))
	} else {
		b.check(true, rs.Cite.LDTTExclusions,
			fmt.Sprintf("không bị kỷ luật từ hình thức %s trở lên trong năm %d", rs.LDTTDisciplineBar.Label(), year))
	}
}

// recruited adds the bar on people recruited too recently. A record with
// no recruitment date cannot show the bar as met (issue #12): it is chưa
// đủ thông tin, supplied by the unit's personnel office.
func (rs RuleSet) recruited(b *verdict, p Person, year int) {
	art := rs.Cite.LDTTExclusions
	if p.RecruitedOn.IsZero() {
		b.missing(art, "ngày tuyển dụng", SupplierPersonnel,
			fmt.Sprintf("hồ sơ chưa có ngày tuyển dụng: chưa xác định được có thuộc trường hợp mới tuyển dụng dưới %d tháng hay không", rs.LDTTMinMonths))
		return
	}
	m, recent := monthsServed(p.RecruitedOn, year)
	if recent {
		b.check(m >= rs.LDTTMinMonths, art,
			fmt.Sprintf("tuyển dụng ngày %s: %d tháng công tác trong năm %d (không xét nếu dưới %d tháng)", date(p.RecruitedOn), m, year, rs.LDTTMinMonths))
		if m < rs.LDTTMinMonths {
			return
		}
	} else {
		b.check(true, art, fmt.Sprintf("tuyển dụng ngày %s: không thuộc trường hợp mới tuyển dụng dưới %d tháng", date(p.RecruitedOn), rs.LDTTMinMonths))
	}
	// Joined the sector by transfer late in the year: whether the time
	// before the transfer counts toward the months is not in any text
	// checked, so the board decides.
	if j := p.JoinedSectorOn; !j.IsZero() && j.After(p.RecruitedOn) {
		if jm, jrecent := monthsServed(j, year); jrecent && jm < rs.LDTTMinMonths {
			b.unconfirmed(art, fmt.Sprintf("về ngành ngày %s: %d tháng công tác trong ngành năm %d; thời gian công tác trước khi chuyển về ngành có được tính hay không", date(j), jm, year))
		}
	}
}

// monthsAbsent adds the absence bar on the caller's count of months.
func (rs RuleSet) monthsAbsent(b *verdict, p Person, year int) {
	switch {
	case rs.LDTTAbsentBar > 0 && p.MonthsAbsent == 0:
		b.check(true, rs.Cite.LDTTExclusions, fmt.Sprintf("không nghỉ công tác trong năm %d (không xét nếu nghỉ từ %d tháng)", year, rs.LDTTAbsentBar))
	case rs.LDTTAbsentBar > 0:
		b.check(p.MonthsAbsent < rs.LDTTAbsentBar, rs.Cite.LDTTExclusions,
			fmt.Sprintf("nghỉ công tác %d tháng trong năm %d (không xét nếu nghỉ từ %d tháng)", p.MonthsAbsent, year, rs.LDTTAbsentBar))
	case p.MonthsAbsent > 0:
		b.judge(rs.Cite.LDTTExclusions,
			fmt.Sprintf("nghỉ công tác %d tháng trong năm %d: Hội đồng đối chiếu quy định về thời gian nghỉ (tính theo ngày làm việc)", p.MonthsAbsent, year))
	default:
		b.check(true, rs.Cite.LDTTExclusions, fmt.Sprintf("không nghỉ công tác trong năm %d", year))
	}
}

// monthsServed counts whole months from recruitment to the end of year;
// recent is false when the person was recruited before the year.
func monthsServed(recruited time.Time, year int) (months int, recent bool) {
	if recruited.IsZero() || recruited.Year() < year {
		return 12, false
	}
	if recruited.Year() > year {
		return 0, true
	}
	end := day(year+1, time.January, 1)
	m := (end.Year()-recruited.Year())*12 + int(end.Month()) - int(recruited.Month())
	if end.Day() < recruited.Day() {
		m--
	}
	return m, true
}

// ChienSiThiDuaCoSo judges "Chiến sĩ thi đua cơ sở" for year.
//
// Điều 23 Luật TĐKT 2022 (checked in a translated quotation only): 1. meets
// the standard of Lao động tiên tiến; 2. completes tasks excellently, or
// has an initiative recognised by the unit, or research accepted and
// applied (rs.CSTDCSExcellentSuffices). Under Điều 9 khoản 3 NĐ 91/2017/NĐ-CP the
// initiative or applied research was required. The share of the unit's
// Lao động tiên tiến is a list quota: CheckQuota(rs, QuotaCSTDCS, …).
func (rs RuleSet) ChienSiThiDuaCoSo(p Person, year int) Verdict {
	if v, ok := rs.noRules(ChienSiThiDuaCoSo, year); ok {
		return v
	}
	b := rs.begin(ChienSiThiDuaCoSo, year)
	rs.ldtt(b, p, year)

	_, hasInit := rs.initiative(p.Initiatives, CapCoSo, year, year, false, achievementFloor(p.Disciplines))
	excellent := p.Ratings[year] == XuatSac
	switch {
	case rs.CSTDCSExcellentSuffices && excellent:
		b.check(true, rs.Cite.CSTDCS, fmt.Sprintf("hoàn thành xuất sắc nhiệm vụ năm %d", year))
	case hasInit:
		b.check(true, rs.Cite.CSTDCS, fmt.Sprintf("có sáng kiến, đề tài được công nhận năm %d", year))
	case rs.CSTDCSExcellentSuffices:
		b.check(false, rs.Cite.CSTDCS, fmt.Sprintf("không hoàn thành xuất sắc nhiệm vụ và không có sáng kiến, đề tài được công nhận năm %d", year))
	default:
		b.check(false, rs.Cite.CSTDCS, fmt.Sprintf("chưa có sáng kiến được cơ sở công nhận hoặc đề tài đã nghiệm thu, áp dụng năm %d", year))
	}

	rs.openCase(b, p.OpenInvestigation, p.Pending)
	return b.done()
}

// ChienSiThiDuaNganh judges "Chiến sĩ thi đua ngành Kiểm sát nhân dân" for
// year, with the sector council's ballot (Electorate 0: not yet held).
//
// Điều 16 khoản 1 TT 01/2019/TT-VKSTC: "Có 3 năm liên tục đạt danh hiệu
// 'Chiến sỹ thi đua cơ sở'; có sáng kiến, đề tài nghiên cứu khoa học được
// Viện trưởng VKSND tối cao xem xét, công nhận …; có tỷ lệ phiếu đồng ý
// của Hội đồng Thi đua - Khen thưởng ngành từ 90% trở lên". Điều 22 Luật
// TĐKT 2022 asks for "03 lần liên tục" and an initiative "đã được áp dụng
// hiệu quả và có khả năng nhân rộng" in the sector.
//
// The three years end with year. One achievement earns one award: years
// already used for an earlier Chiến sĩ thi đua ngành do not count again.
func (rs RuleSet) ChienSiThiDuaNganh(p Person, year int, council Vote) Verdict {
	if v, ok := rs.noRules(ChienSiThiDuaNganh, year); ok {
		return v
	}
	b := rs.begin(ChienSiThiDuaNganh, year)
	floor := achievementFloor(p.Disciplines)
	prev := rs.latest(p.Awards, ChienSiThiDuaNganh, year, floor)

	if prev == year {
		b.check(false, rs.Cite.CSTDNganh, fmt.Sprintf("đã được tặng %s năm %d", ChienSiThiDuaNganh.Label(), year))
	}
	from := year - rs.NganhYears + 1
	var have, missing []int
	var n notes
	for y := from; y <= year; y++ {
		if _, ok := rs.held(p.Awards, ChienSiThiDuaCoSo, y, floor, &n); !ok {
			missing = append(missing, y)
			continue
		}
		if y <= prev {
			n.add(rs.Cite.MeritOnly, "%d: đã dùng để xét %s năm %d", y, ChienSiThiDuaNganh.Label(), prev)
			missing = append(missing, y)
			continue
		}
		have = append(have, y)
	}
	b.check(len(missing) == 0, n.article(rs.Cite.CSTDNganh), streakText(rs.NganhYears, ChienSiThiDuaCoSo, have, missing)+n.suffix())

	if i, ok := rs.initiative(p.Initiatives, CapNganh, from, year, rs.InitiativeApplied, floor); ok {
		b.check(true, rs.Cite.CSTDNganh, fmt.Sprintf("có sáng kiến, đề tài %s năm %d", i.Level.Label(), i.Year))
	} else {
		b.check(false, rs.Cite.CSTDNganh, fmt.Sprintf("chưa có sáng kiến, đề tài được công nhận cấp ngành%s trong các năm %d–%d", appliedText(rs.InitiativeApplied), from, year))
	}

	rs.vote(b, council, rs.NganhCouncilPercent, or(rs.Cite.NganhVote, rs.Cite.CSTDNganh), "Hội đồng Thi đua - Khen thưởng ngành")
	rs.openCase(b, p.OpenInvestigation, p.Pending)
	return b.done()
}

// ChienSiThiDuaToanQuoc judges "Chiến sĩ thi đua toàn quốc" for year.
//
// Điều 21 khoản 1 Luật TĐKT 2022: "a) Có thành tích xuất sắc tiêu biểu
// được lựa chọn trong số những cá nhân có 02 lần liên tục được tặng danh
// hiệu chiến sĩ thi đua Bộ, ban, ngành, tỉnh; b) Có sáng kiến đã được áp
// dụng hiệu quả và có khả năng nhân rộng trong toàn quốc …".
//
// Chiến sĩ thi đua ngành follows a run of rs.NganhYears years, so two
// awards are consecutive when the second's run starts the year after the
// first: they lie rs.NganhYears apart (2022 and 2025). The latest awards
// must be the consecutive ones, and awards already used for an earlier
// Chiến sĩ thi đua toàn quốc do not count again. Publishing the nominee
// for comment is a step of the procedure, not a criterion here.
func (rs RuleSet) ChienSiThiDuaToanQuoc(p Person, year int) Verdict {
	if v, ok := rs.noRules(ChienSiThiDuaToanQuoc, year); ok {
		return v
	}
	b := rs.begin(ChienSiThiDuaToanQuoc, year)
	floor := achievementFloor(p.Disciplines)
	prev := rs.latest(p.Awards, ChienSiThiDuaToanQuoc, year, floor)
	if prev == year {
		b.check(false, rs.Cite.CSTDToanQuoc, fmt.Sprintf("đã được tặng %s năm %d", ChienSiThiDuaToanQuoc.Label(), year))
	}

	var n notes
	var got []int
	for y := year - 30; y <= year; y++ { // a working life is enough history
		if _, ok := rs.held(p.Awards, ChienSiThiDuaNganh, y, floor, &n); !ok {
			continue
		}
		if y <= prev {
			n.add(rs.Cite.MeritOnly, "%d: đã dùng để xét %s năm %d", y, ChienSiThiDuaToanQuoc.Label(), prev)
			continue
		}
		got = append(got, y)
	}
	last := got
	if len(last) > rs.ToanQuocTimes {
		last = last[len(last)-rs.ToanQuocTimes:]
	}
	ok := len(last) == rs.ToanQuocTimes
	for i := 1; ok && i < len(last); i++ {
		ok = last[i]-last[i-1] == rs.NganhYears
	}
	label := ChienSiThiDuaNganh.Label()
	var text string
	switch {
	case ok:
		text = fmt.Sprintf("đạt %s %d lần liên tục (%s)", label, rs.ToanQuocTimes, years(last))
	case len(last) == 0:
		text = fmt.Sprintf("chưa đủ %d lần liên tục đạt %s (chưa có lần nào)", rs.ToanQuocTimes, label)
	default:
		text = fmt.Sprintf("chưa đủ %d lần liên tục đạt %s (có: %s; hai lần liên tục cách nhau %d năm)", rs.ToanQuocTimes, label, years(last), rs.NganhYears)
	}
	b.check(ok, n.article(rs.Cite.CSTDToanQuoc), text+n.suffix())

	from := year - rs.NganhYears*rs.ToanQuocTimes + 1
	if ok {
		from = last[0] - rs.NganhYears + 1
	}
	if i, found := rs.initiative(p.Initiatives, CapToanQuoc, from, year, rs.InitiativeApplied, floor); found {
		b.check(true, rs.Cite.CSTDToanQuoc, fmt.Sprintf("có sáng kiến, đề tài có phạm vi ảnh hưởng toàn quốc năm %d", i.Year))
	} else {
		b.check(false, rs.Cite.CSTDToanQuoc, fmt.Sprintf("chưa có sáng kiến, đề tài có phạm vi ảnh hưởng toàn quốc%s trong các năm %d–%d", appliedText(rs.InitiativeApplied), from, year))
	}

	rs.openCase(b, p.OpenInvestigation, p.Pending)
	return b.done()
}

// streakText words a run of consecutive years: "đạt Chiến sĩ thi đua cơ
// sở 3 năm liên tục (2023, 2024, 2025)" or "chưa đủ 3 lần liên tục đạt
// Chiến sĩ thi đua cơ sở (2023, 2025; thiếu 2024)".
func streakText(n int, t Title, have, missing []int) string {
	switch {
	case len(missing) == 0:
		return fmt.Sprintf("đạt %s %d năm liên tục (%s)", t.Label(), n, years(have))
	case len(have) == 0:
		return fmt.Sprintf("chưa đủ %d lần liên tục đạt %s (thiếu %s)", n, t.Label(), years(missing))
	}
	return fmt.Sprintf("chưa đủ %d lần liên tục đạt %s (%s; thiếu %s)", n, t.Label(), years(have), years(missing))
}

func appliedText(applied bool) string {
	if applied {
		return ", đã được áp dụng hiệu quả"
	}
	return ""
}
