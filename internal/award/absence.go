package award

import (
	"fmt"
	"strings"
	"time"
)

// absences adds the absence bar of Lao động tiên tiến from the absences on
// record, by kind.
//
// TT 02/2024/TT-VKSTC (Điều 15, article inferred) bars a person absent
// "từ 03 tháng đến dưới 06 tháng trừ trường hợp quy định tại khoản 2 Điều
// 15"; the list in khoản 2 was cut off in every source, so an absence in
// that range is chưa đủ thông tin ("chưa đối chiếu văn bản"), never a
// guess either way. From NĐ 152/2025 (rs.MaternityCounts) maternity leave
// counts as time worked (Điều 4 khoản 5) and is left out; a person away 6
// months or more for other reasons worked under 6 months and is not rated
// (NĐ 90/2020/NĐ-CP as amended by NĐ 48/2023/NĐ-CP), so cannot meet the
// rating criterion.
//
// Months are whole calendar months of each absence inside the year (1/3
// to 31/5 is 3 months; 1/3 to 30/5 is 2 months and 30 days). How several
// absences add up is not in any text checked: when their days left over
// could reach the bar, that too is chưa đối chiếu văn bản.
func (rs RuleSet) absences(b *verdict, p Person, year int) {
	art := rs.Cite.LDTTExclusions
	var months, days, n, matMonths, matDays int
	var list []string
	for _, a := range p.Absences {
		from, to, ok := clipToYear(a, year)
		if !ok {
			continue
		}
		m, d := wholeMonths(from, to)
		if a.Kind == AbsenceMaternity && rs.MaternityCounts {
			matMonths, matDays = matMonths+m, matDays+d
			continue
		}
		months, days, n = months+m, days+d, n+1
		list = append(list, fmt.Sprintf("%s %s–%s", a.Kind.Label(), date(from), date(to)))
	}
	if matMonths > 0 || matDays > 0 {
		b.check(true, rs.Cite.Maternity, fmt.Sprintf("nghỉ thai sản %s trong năm %d được tính là thời gian công tác", duration(matMonths, matDays), year))
	}
	if n == 0 {
		b.check(true, art, fmt.Sprintf("không nghỉ công tác dài ngày trong năm %d ngoài thời gian được tính là thời gian công tác", year))
		return
	}
	what := fmt.Sprintf("nghỉ công tác %s trong năm %d (%s)", duration(months, days), year, strings.Join(list, "; "))
	bar := rs.LDTTAbsentBar
	switch {
	case bar == 0:
		b.judge(art, what+": Hội đồng đối chiếu quy định về thời gian nghỉ (tính theo ngày làm việc)")
	case rs.MaternityCounts && months >= 6:
		b.check(false, rs.Cite.RatingRule, what+": làm việc dưới 6 tháng trong năm, không được đánh giá, xếp loại")
	case months >= bar:
		b.unconfirmed(art, fmt.Sprintf("%s: không xét nếu nghỉ từ %d tháng đến dưới 6 tháng, trừ các trường hợp tại khoản 2 Điều 15 TT 02/2024/TT-VKSTC (danh mục các trường hợp)", what, bar))
	case n > 1 && months+(days+27)/28 >= bar:
		b.unconfirmed(art, fmt.Sprintf("%s: cách cộng dồn nhiều lần nghỉ để so với mức %d tháng", what, bar))
	default:
		b.check(true, art, fmt.Sprintf("%s (không xét nếu nghỉ từ %d tháng)", what, bar))
	}
}

// clipToYear is the part of a inside year, last day included; an absence
// with no end runs to the end of the year.
func clipToYear(a Absence, year int) (from, to time.Time, ok bool) {
	start, end := day(year, time.January, 1), day(year, time.December, 31)
	from, to = day(a.From.Year(), a.From.Month(), a.From.Day()), end
	if !a.To.IsZero() {
		to = day(a.To.Year(), a.To.Month(), a.To.Day())
	}
	if from.Before(start) {
		from = start
	}
	if to.After(end) {
		to = end
	}
	return from, to, !to.Before(from)
}

// wholeMonths splits from..to (last day included) into whole calendar
// months and the days left over.
func wholeMonths(from, to time.Time) (months, days int) {
	end := to.AddDate(0, 0, 1)
	months = (end.Year()-from.Year())*12 + int(end.Month()) - int(from.Month())
	if end.Day() < from.Day() {
		months--
	}
	if months < 0 {
		months = 0
	}
	days = int(end.Sub(from.AddDate(0, months, 0)).Hours() / 24)
	if days < 0 {
		days = 0
	}
	return months, days
}

// duration words months and days: "3 tháng", "2 tháng 30 ngày", "12 ngày".
func duration(months, days int) string {
	switch {
	case days == 0:
		return fmt.Sprintf("%d tháng", months)
	case months == 0:
		return fmt.Sprintf("%d ngày", days)
	}
	return fmt.Sprintf("%d tháng %d ngày", months, days)
}
