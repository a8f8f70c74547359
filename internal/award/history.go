package award

import (
	"fmt"
	"strings"
	"time"
)

// The general principles of awarding, applied to every title:
//   - a revoked award counts for nothing (Cite.Revocation);
//   - only an award for merit grounds a merit title: the result of an ad
//     hoc or campaign award does not (Cite.MeritOnly);
//   - after a discipline, achievements count only from the day its effect
//     ends (Cite.DisciplineEnd): a year counts when it begins after the
//     last discipline ended;
//   - no award is proposed while a discipline, investigation or inspection
//     is open (Cite.OpenCase).

// forever stands for the end of a discipline whose end is not known yet.
var forever = day(9999, time.December, 31)

// achievementFloor is the last day any discipline is in effect; only years
// that begin after it count. Zero when there is no discipline.
func achievementFloor(ds []Discipline) time.Time {
	var floor time.Time
	for _, d := range ds {
		end := d.To
		if end.IsZero() {
			end = forever
		}
		if end.After(floor) {
			floor = end
		}
	}
	return floor
}

// counts reports whether achievements of year y count, given the floor.
func counts(y int, floor time.Time) bool { return day(y, time.January, 1).After(floor) }

// disciplinedIn returns a discipline at min or heavier in effect at some
// time during year.
func disciplinedIn(ds []Discipline, year int, min Measure) (Discipline, bool) {
	start, end := day(year, time.January, 1), day(year, time.December, 31)
	for _, d := range ds {
		if !d.Measure.AtLeast(min) || d.From.After(end) {
			continue
		}
		if d.To.IsZero() || !d.To.Before(start) {
			return d, true
		}
	}
	return Discipline{}, false
}

func (d Discipline) period() string {
	if d.To.IsZero() {
		return "từ " + date(d.From)
	}
	return "từ " + date(d.From) + " đến " + date(d.To)
}

// notes gathers why some years did not count, and the provisions behind.
type notes struct {
	text, arts []string
}

func (n *notes) add(art, format string, args ...any) {
	n.text = append(n.text, fmt.Sprintf(format, args...))
	for _, a := range n.arts {
		if a == art {
			return
		}
	}
	n.arts = append(n.arts, art)
}

// suffix is appended to a reason's text: "; 2024: quyết định đã bị hủy bỏ".
func (n notes) suffix() string {
	if len(n.text) == 0 {
		return ""
	}
	return "; " + strings.Join(n.text, "; ")
}

// article joins the main provision with those behind the notes.
func (n notes) article(main string) string {
	return strings.Join(append([]string{main}, n.arts...), "; ")
}

// held finds a countable award of title t for year y, noting the ones
// that do not count.
func (rs RuleSet) held(awards []Held, t Title, y int, floor time.Time, n *notes) (Held, bool) {
	for _, h := range awards {
		if h.Title != t || h.Year != y {
			continue
		}
		switch {
		case h.Revoked:
			n.add(rs.Cite.Revocation, "%d: quyết định đã bị hủy bỏ", y)
		case h.Kind != Merit:
			n.add(rs.Cite.MeritOnly, "%d: %s, không dùng làm căn cứ khen thưởng công trạng", y, h.Kind.Label())
		case !counts(y, floor):
			n.add(rs.Cite.DisciplineEnd, "%d: trước khi hết thời gian kỷ luật (%s)", y, date(floor))
		default:
			return h, true
		}
	}
	return Held{}, false
}

// latest returns the latest year ≤ upTo of a countable award of title t,
// or 0.
func (rs RuleSet) latest(awards []Held, t Title, upTo int, floor time.Time) int {
	last := 0
	for _, h := range awards {
		if h.Title == t && h.Year <= upTo && h.Year > last && !h.Revoked && h.Kind == Merit && counts(h.Year, floor) {
			last = h.Year
		}
	}
	return last
}

// initiative finds an initiative of at least level min, recognised in a
// year from..to that counts, and applied when the version requires it.
func (rs RuleSet) initiative(is []Initiative, min Level, from, to int, applied bool, floor time.Time) (Initiative, bool) {
	for _, i := range is {
		if i.Level.AtLeast(min) && i.Year >= from && i.Year <= to && (i.Applied || !applied) && counts(i.Year, floor) {
			return i, true
		}
	}
	return Initiative{}, false
}

// openCase adds the reason on open disciplines, investigations,
// inspections, complaints and denunciations. From NĐ 152/2025
// (rs.Deferral) the award is deferred ("chưa khen thưởng"), not refused:
// it goes ahead once the matter closes with no violation (Điều 4 khoản 4).
func (rs RuleSet) openCase(b *verdict, open bool, pending []Pending) {
	if !open && len(pending) == 0 {
		b.check(true, rs.Cite.OpenCase, "không đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra, xác minh đơn thư khiếu nại, tố cáo")
		return
	}
	var what []string
	for _, x := range pending {
		w := x.Kind.Label()
		if !x.Since.IsZero() {
			w += " từ " + date(x.Since)
		}
		what = append(what, w)
	}
	if len(what) == 0 {
		what = []string{"đang trong thời gian xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc xác minh đơn thư"}
	}
	if rs.Deferral {
		b.deferred(rs.Cite.OpenCase, strings.Join(what, "; ")+": tạm hoãn, chưa khen thưởng hoặc đề nghị khen thưởng cho đến khi có kết luận không có sai phạm")
		return
	}
	b.check(false, rs.Cite.OpenCase, strings.Join(what, "; ")+": chưa đề nghị khen thưởng")
}

// vote adds the reason on a ballot that needs at least pct % of the
// electorate. A vote not yet held goes to the board.
func (rs RuleSet) vote(b *verdict, v Vote, pct int, article, body string) {
	if err := v.Validate(); err != nil {
		b.check(false, article, fmt.Sprintf("kết quả bỏ phiếu của %s không hợp lệ (%d/%d)", body, v.For, v.Electorate))
		return
	}
	if v.Electorate == 0 {
		b.judge(article, fmt.Sprintf("chưa có kết quả bỏ phiếu của %s (cần từ %d%% tổng số thành viên đồng ý)", body, pct))
		return
	}
	b.check(atLeast(v.For, v.Electorate, pct), article,
		fmt.Sprintf("%s: %s phiếu đồng ý trên tổng số thành viên (cần từ %d%%)", body, share(v.For, v.Electorate), pct))
}

// DisciplinedIn returns a discipline at min or heavier in effect at some
// time during year (for callers that count members, and for cross-checks).
func DisciplinedIn(ds []Discipline, year int, min Measure) (Discipline, bool) {
	return disciplinedIn(ds, year, min)
}
