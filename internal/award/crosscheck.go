package award

import (
	"fmt"
	"time"
)

// Cross-checks between facts. A person disciplined in a year is rated
// "không hoàn thành nhiệm vụ" for that year: the principle NĐ 48/2023/NĐ-CP
// added to Điều 2 NĐ 90/2020/NĐ-CP (in force 15/9/2023, not carried back
// to earlier ratings), read in translated summaries only (its clause
// number was not read: SOURCES.md). "Disciplined in the year" is read as a
// discipline (khiển trách or heavier, administrative) taking effect in
// that year. The exception — a violation already used to rate an earlier
// year "không hoàn thành nhiệm vụ", whose decision came after that year —
// cannot be recorded yet, so such a pair is refused like any other and the
// board corrects the record.

// RatingRuleFrom is the first evaluation year the rule applies to: ratings
// of 2023 were made after 15/9/2023.
const RatingRuleFrom = 2023

// CiteRatingRule is the provision behind the cross-check.
const CiteRatingRule = citeRatingRule

// DisciplinedDuring returns a discipline at khiển trách or heavier that
// takes effect in year.
func DisciplinedDuring(ds []Discipline, year int) (Discipline, bool) {
	for _, d := range ds {
		if d.Measure.AtLeast(KhienTrach) && d.From.Year() == year {
			return d, true
		}
	}
	return Discipline{}, false
}

// RatingConflict reports whether rating r for year contradicts discipline
// d, and why, in Vietnamese.
func RatingConflict(r Rating, year int, d Discipline) (string, bool) {
	if year < RatingRuleFrom || !r.AtLeast(HoanThanh) || !d.Measure.AtLeast(KhienTrach) || d.From.Year() != year {
		return "", false
	}
	return fmt.Sprintf("Cán bộ bị kỷ luật %s có hiệu lực từ %s nên năm %d phải xếp loại “không hoàn thành nhiệm vụ”, không thể là “%s” (%s).",
		d.Measure.Label(), d.From.Format("02/01/2006"), year, r.Label(), citeRatingRule), true
}

// ratingYear is the year a discipline's rating conflict is about.
func ratingYear(d Discipline) int { return d.From.In(time.UTC).Year() }

// DisciplineConflict is RatingConflict seen from a new discipline: the
// rating on record for the discipline's year.
func DisciplineConflict(d Discipline, ratings map[int]Rating) (string, bool) {
	y := ratingYear(d)
	r, ok := ratings[y]
	if !ok {
		return "", false
	}
	return RatingConflict(r, y, d)
}
