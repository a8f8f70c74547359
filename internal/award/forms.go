package award

import (
	"fmt"
	"time"
)

// The forms of commendation (Giấy khen, Bằng khen of the sector head,
// Bằng khen of the Prime Minister), for a person and for a collective.
//
// Each article lists alternative criteria ("đạt một trong các tiêu chuẩn
// sau"). Only the points that rest on data the package holds (ratings,
// titles held, initiatives) are encoded; when they are met the verdict is
// Eligible, and when they are not, the other points (outstanding or ad hoc
// achievements, contributions) are the board's to weigh, so the verdict is
// NeedsJudgement, never NotEligible on that ground alone. What was checked
// against a text is in SOURCES.md ("Forms of commendation").
//
// The 2003 law (before 1/1/2024) had other standards (NĐ 91/2017/NĐ-CP),
// which are not encoded: under that version every form goes to the board.

// Citations of the forms (Luật TĐKT 2022). The Giấy khen article number
// and the collective clauses were not checked (SOURCES.md).
const (
	citeBKTTgPerson      = "Điều 73 khoản 1 Luật TĐKT 2022"
	citeBKTTgCollective  = "Điều 73 khoản 2 Luật TĐKT 2022 (chưa đối chiếu)"
	citeBKNganhPerson    = "Điều 74 khoản 1 Luật TĐKT 2022"
	citeBKNganhCollectiv = "Điều 74 khoản 2 Luật TĐKT 2022 (chưa đối chiếu)"
	citeGiayKhen         = "Luật TĐKT 2022, Giấy khen (chưa đối chiếu số điều)"
	citeBoNoiVu          = "Bộ Nội vụ trả lời về điểm d khoản 1 Điều 74 Luật TĐKT 2022"
	citeOneAchievement   = "Luật TĐKT 2022, nguyên tắc: không khen thưởng nhiều lần cho một thành tích"
	citeOldLaw           = "Luật TĐKT 2003 (sửa đổi 2013); NĐ 91/2017/NĐ-CP"
)

// The numbers of the encoded points.
const (
	bkNganhYears   = 2 // điểm d k1 Đ74: 02 lần liên tục CSTĐCS, or 02 năm liên tục HTXS
	bkNganhInits   = 2 // … with 02 initiatives recognised and applied at the base
	bkTTgYears     = 5 // điểm b k1 Đ73: 05 năm liên tục hoàn thành tốt nhiệm vụ trở lên
	bkTTgCSTDTimes = 3 // … during which 03 times Chiến sĩ thi đua cơ sở
)

var law2022 = day(2024, time.January, 1)

// formStart opens a verdict for form t; done is true when the verdict is
// already complete (no rules, or the old law).
func (rs RuleSet) formStart(t Title, year int) (b *verdict, done bool) {
	b = rs.begin(t, year)
	if rs.ID == "" {
		b.judge("", "không có bộ quy tắc áp dụng cho ngày xét (trước 28/6/2019)")
		return b, true
	}
	if rs.From.Before(law2022) {
		b.judge(citeOldLaw, fmt.Sprintf("tiêu chuẩn %s theo Luật TĐKT 2003 và NĐ 91/2017/NĐ-CP chưa được mã hoá: Hội đồng xem xét", t.Label()))
		return b, true
	}
	return b, false
}

// point records one criterion of an alternative point: met, or left to
// the board (Judgement) because another point of the article may apply.
func (b *verdict) point(met bool, article, text string) {
	b.v.Reasons = append(b.v.Reasons, Reason{Text: text, Article: article, Met: met, Judgement: !met})
}

// once fails when the same form was already given for the same year.
func (rs RuleSet) once(b *verdict, awards []Held, t Title, year int) {
	for _, h := range awards {
		if h.Title == t && h.Year == year && !h.Revoked {
			b.check(false, citeOneAchievement, fmt.Sprintf("đã được tặng %s cho thành tích năm %d", t.Label(), year))
			return
		}
	}
	b.check(true, citeOneAchievement, fmt.Sprintf("chưa được tặng %s cho thành tích năm %d", t.Label(), year))
}

// GiayKhen judges "Giấy khen của Viện trưởng VKSND cấp tỉnh" for a person.
// The article was not checked: the board decides, shown the year's rating.
func (rs RuleSet) GiayKhen(p Person, year int) Verdict {
	b, done := rs.formStart(GiayKhen, year)
	if done {
		return b.done()
	}
	rs.once(b, p.Awards, GiayKhen, year)
	rating := "chưa có kết quả xếp loại"
	if r, ok := p.Ratings[year]; ok {
		rating = "xếp loại " + r.Label()
	}
	b.judge(citeGiayKhen, fmt.Sprintf("Hội đồng xem xét tiêu chuẩn Giấy khen (năm %d: %s): thành tích được bình xét trong phong trào thi đua, thành tích đột xuất, hoặc hoàn thành tốt nhiệm vụ liên tục có sáng kiến", year, rating))
	rs.openCase(b, p.OpenInvestigation, p.Pending)
	return b.done()
}

// GiayKhenTapThe judges "Giấy khen của Viện trưởng VKSND cấp tỉnh" for a
// collective. Not checked: the board decides.
func (rs RuleSet) GiayKhenTapThe(c Collective, year int) Verdict {
	b, done := rs.formStart(GiayKhen, year)
	if done {
		return b.done()
	}
	rs.once(b, c.Awards, GiayKhen, year)
	b.judge(citeGiayKhen, fmt.Sprintf("Hội đồng xem xét tiêu chuẩn Giấy khen cho tập thể (năm %d: %s): thành tích được bình xét trong phong trào thi đua, thành tích đột xuất, hoàn thành tốt nhiệm vụ, nội bộ đoàn kết", year, c.Rating.Label()))
	rs.unitPrinciples(b, c, year)
	return b.done()
}

// BangKhenNganh judges "Bằng khen của Viện trưởng VKSND tối cao" (Bằng
// khen cấp bộ, ngành) for a person.
//
// Điểm d khoản 1 Điều 74 Luật TĐKT 2022 (as quoted by Bộ Nội vụ): "02 lần
// liên tục được tặng danh hiệu 'Chiến sĩ thi đua cơ sở' hoặc 02 năm liên
// tục trở lên được công nhận hoàn thành xuất sắc nhiệm vụ, trong thời gian
// đó có 02 sáng kiến được công nhận và áp dụng hiệu quả trong phạm vi cấp
// cơ sở" (or 02 research projects accepted and applied). Bộ Nội vụ reads
// it so that initiatives used for the Chiến sĩ thi đua cơ sở titles do not
// count again: with fewer than 4 initiatives on the Chiến sĩ thi đua path
// alone, the board checks which were used. Points a–c (outstanding or ad
// hoc achievements, contributions) go to the board.
func (rs RuleSet) BangKhenNganh(p Person, year int) Verdict {
	b, done := rs.formStart(BangKhenNganh, year)
	if done {
		return b.done()
	}
	rs.once(b, p.Awards, BangKhenNganh, year)
	floor := achievementFloor(p.Disciplines)
	from := year - bkNganhYears + 1

	var n notes
	cstd, htxs := true, true
	for y := from; y <= year; y++ {
		if _, ok := rs.held(p.Awards, ChienSiThiDuaCoSo, y, floor, &n); !ok {
			cstd = false
		}
		if p.Ratings[y] != XuatSac || !counts(y, floor) {
			htxs = false
		}
	}
	b.point(cstd || htxs, n.article(citeBKNganhPerson), fmt.Sprintf("%s %d lần liên tục hoặc hoàn thành xuất sắc nhiệm vụ %d năm liên tục (%d–%d): %s",
		ChienSiThiDuaCoSo.Label(), bkNganhYears, bkNganhYears, from, year, yesNo(cstd || htxs, "đạt", "chưa đạt"))+n.suffix())

	inits := countInitiatives(p.Initiatives, CapCoSo, from, year, floor)
	b.point(inits >= bkNganhInits, citeBKNganhPerson, fmt.Sprintf("%d sáng kiến, đề tài được công nhận và áp dụng hiệu quả từ cấp cơ sở trong các năm %d–%d (cần %d)", inits, from, year, bkNganhInits))
	if cstd && !htxs && inits >= bkNganhInits && inits < 2*bkNganhInits {
		b.judge(citeBoNoiVu, fmt.Sprintf("Hội đồng xác nhận %d sáng kiến này không phải sáng kiến đã dùng để xét %s", bkNganhInits, ChienSiThiDuaCoSo.Label()))
	}
	if !(cstd || htxs) || inits < bkNganhInits {
		b.judge(citeBKNganhPerson, "chưa đạt điểm d: Hội đồng xem xét điểm a, b, c (thành tích xuất sắc trong phong trào thi đua của ngành, thành tích đột xuất, đóng góp lớn)")
	}
	rs.openCase(b, p.OpenInvestigation, p.Pending)
	return b.done()
}

// BangKhenNganhTapThe judges "Bằng khen của Viện trưởng VKSND tối cao"
// for a collective. Khoản 2 Điều 74 was not checked: the board decides,
// shown the Tập thể lao động xuất sắc titles of the last two years.
func (rs RuleSet) BangKhenNganhTapThe(c Collective, year int) Verdict {
	b, done := rs.formStart(BangKhenNganh, year)
	if done {
		return b.done()
	}
	rs.once(b, c.Awards, BangKhenNganh, year)
	held := heldYears(rs, c.Awards, TapTheLaoDongXuatSac, year-1, year, achievementFloor(c.Disciplines))
	b.judge(citeBKNganhCollectiv, fmt.Sprintf("Hội đồng xem xét tiêu chuẩn Bằng khen cho tập thể: thành tích xuất sắc trong phong trào thi đua của ngành, thành tích đột xuất, hoặc hoàn thành xuất sắc nhiệm vụ nhiều năm liên tục, nội bộ đoàn kết (%s năm %d–%d: %s)",
		TapTheLaoDongXuatSac.Label(), year-1, year, orNone(held)))
	rs.unitPrinciples(b, c, year)
	return b.done()
}

// BangKhenThuTuong judges "Bằng khen của Thủ tướng Chính phủ" for a person.
//
// Điểm b khoản 1 Điều 73 Luật TĐKT 2022 (as quoted by Bộ Nội vụ): "Đã được
// tặng Bằng khen cấp bộ, ban, ngành, tỉnh … và 05 năm trở lên liên tục
// tính đến thời điểm đề nghị được công nhận hoàn thành tốt nhiệm vụ trở
// lên, trong thời gian đó có 03 lần được tặng danh hiệu 'Chiến sĩ thi đua
// cơ sở'". The five years end with year; the Bằng khen must be from an
// earlier year. Whether the five years must follow the Bằng khen is not
// checked (SOURCES.md). The other points go to the board.
func (rs RuleSet) BangKhenThuTuong(p Person, year int) Verdict {
	b, done := rs.formStart(BangKhenThuTuong, year)
	if done {
		return b.done()
	}
	rs.once(b, p.Awards, BangKhenThuTuong, year)
	floor := achievementFloor(p.Disciplines)

	bk := rs.latest(p.Awards, BangKhenNganh, year-1, floor)
	b.point(bk > 0, citeBKTTgPerson, yesNo(bk > 0, fmt.Sprintf("đã được tặng %s năm %d", BangKhenNganh.Label(), bk),
		fmt.Sprintf("chưa được tặng %s (hoặc Bằng khen cấp bộ, ngành, tỉnh) trước năm %d", BangKhenNganh.Label(), year)))

	streak := 0 // consecutive years, ending with year, rated hoàn thành tốt or better
	for y := year; p.Ratings[y].AtLeast(Tot) && counts(y, floor); y-- {
		streak++
	}
	b.point(streak >= bkTTgYears, citeBKTTgPerson, fmt.Sprintf("%d năm liên tục đến năm %d hoàn thành tốt nhiệm vụ trở lên (cần từ %d năm)", streak, year, bkTTgYears))

	from := year - max(streak, bkTTgYears) + 1
	cs := heldYears(rs, p.Awards, ChienSiThiDuaCoSo, from, year, floor)
	b.point(len(cs) >= bkTTgCSTDTimes, citeBKTTgPerson, fmt.Sprintf("%d lần đạt %s trong các năm %d–%d (cần %d): %s", len(cs), ChienSiThiDuaCoSo.Label(), from, year, bkTTgCSTDTimes, orNone(cs)))

	if bk == 0 || streak < bkTTgYears || len(cs) < bkTTgCSTDTimes {
		b.judge(citeBKTTgPerson, "chưa đạt điểm b: Hội đồng xem xét các điểm khác (thành tích xuất sắc tiêu biểu trong phong trào thi đua, thành tích đột xuất, đóng góp lớn)")
	}
	rs.openCase(b, p.OpenInvestigation, p.Pending)
	return b.done()
}

// BangKhenThuTuongTapThe judges "Bằng khen của Thủ tướng Chính phủ" for
// a collective. Khoản 2 Điều 73 was not checked: the board decides, shown
// the unit's Bằng khen of the sector and Tập thể lao động xuất sắc titles
// of the last five years.
func (rs RuleSet) BangKhenThuTuongTapThe(c Collective, year int) Verdict {
	b, done := rs.formStart(BangKhenThuTuong, year)
	if done {
		return b.done()
	}
	rs.once(b, c.Awards, BangKhenThuTuong, year)
	floor := achievementFloor(c.Disciplines)
	from := year - bkTTgYears + 1
	bk := heldYears(rs, c.Awards, BangKhenNganh, from-bkTTgYears, year-1, floor)
	xs := heldYears(rs, c.Awards, TapTheLaoDongXuatSac, from, year, floor)
	b.judge(citeBKTTgCollective, fmt.Sprintf("Hội đồng xem xét tiêu chuẩn Bằng khen của Thủ tướng cho tập thể: thành tích xuất sắc tiêu biểu, thành tích đột xuất, hoặc đã có Bằng khen cấp bộ, ngành và hoàn thành xuất sắc nhiệm vụ liên tục nhiều năm (%s: %s; %s năm %d–%d: %s)",
		BangKhenNganh.Label(), orNone(bk), TapTheLaoDongXuatSac.Label(), from, year, orNone(xs)))
	rs.unitPrinciples(b, c, year)
	return b.done()
}

// countInitiatives counts initiatives of at least level min, applied,
// recognised in from..to in years that count.
func countInitiatives(is []Initiative, min Level, from, to int, floor time.Time) int {
	n := 0
	for _, i := range is {
		if i.Level.AtLeast(min) && i.Applied && i.Year >= from && i.Year <= to && counts(i.Year, floor) {
			n++
		}
	}
	return n
}

// heldYears lists the years from..to in which a countable award of t is held.
func heldYears(rs RuleSet, awards []Held, t Title, from, to int, floor time.Time) []int {
	var ys []int
	for y := from; y <= to; y++ {
		var n notes
		if _, ok := rs.held(awards, t, y, floor, &n); ok {
			ys = append(ys, y)
		}
	}
	return ys
}

func orNone(ys []int) string {
	if len(ys) == 0 {
		return "không có"
	}
	return years(ys)
}
