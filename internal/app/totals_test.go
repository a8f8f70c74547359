package app_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/errs"
	"thidua/internal/scoring"
)

// TestStoredTotalsFollowEveryWrite: random sequences of the writes that
// change a filing's score — the unit's entries and submission, the review
// (save, return, accept), criterion adjustments and new table versions —
// on a small year; after every write the totals stored with each filing
// equal those recomputed from its entries, its table and its adjustments,
// and the ranking shows them. Fixed seeds: a failure replays.
func TestStoredTotalsFollowEveryWrite(t *testing.T) {
	t.Parallel()
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			t.Parallel()
			s := newScoringFixtureWith(t, scoring.Table{Criteria: []scoring.Criterion{
				{Code: "I", Name: "Công tố", Method: scoring.Group},
				{ParentID: 1, Code: "1", Name: "Tin báo giải quyết đúng hạn", Method: scoring.Indicator, Max: 40, Numerator: "tin báo đúng hạn",
					Denominator: "tin báo phải giải quyết", Direction: scoring.Higher, TargetNA: fp(90), TargetSector: fp(95), ExceedBonus: 1, Below: scoring.Proportional},
				{ParentID: 1, Code: "2", Name: "Không có bị can Tòa tuyên không phạm tội", Method: scoring.Indicator, Max: 20, Numerator: "bị can", Direction: scoring.Zero},
				{Code: "II", Name: "Xây dựng Ngành", Method: scoring.Group},
				{ParentID: 4, Code: "3", Name: "Đoàn kết nội bộ", Method: scoring.Fixed, Max: 40},
				{Code: "T", Name: "Điểm thưởng", Method: scoring.Bonus, Max: 5},
				{Code: "D", Name: "Điểm trừ", Method: scoring.Deduction, Max: 10},
			}})
			s.Now = func() time.Time { return time.Date(2040, 11, 20, 9, 0, 0, 0, time.UTC) }
			w := totalsWriter{scoringFixture: s, t: t, rnd: rand.New(rand.NewPCG(seed, 14)), tables: []int64{s.table.ID}}
			for i := range 40 {
				what := w.step()
				w.check(fmt.Sprintf("step %d (%s)", i+1, what))
			}
			if w.reviewed == 0 || w.adjusted == 0 || len(w.tables) < 2 {
				t.Fatalf("the sequence missed a kind of write: %d accepted reviews, %d adjustments, %d table versions", w.reviewed, w.adjusted, len(w.tables))
			}
		})
	}
}

// totalsWriter makes random writes on the scoring fixture's year.
type totalsWriter struct {
	*scoringFixture
	t                  *testing.T
	rnd                *rand.Rand
	tables             []int64 // every version of the year's table, the current one last
	reviewed, adjusted int
}

func (w *totalsWriter) units() []int64 { return []int64{w.th, w.na, w.ht} }

// step makes one random write and says which. Writes the rules refuse
// (submitting with a row missing, reviewing a draft) are part of the
// sequence: they must change nothing.
func (w *totalsWriter) step() string {
	u := w.units()[w.rnd.IntN(3)]
	v, err := w.Filing(w.ctx, w.board, 2040, u)
	if err != nil {
		w.t.Fatal(err)
	}
	switch n := w.rnd.IntN(10); {
	case n < 4:
		submit := w.rnd.IntN(3) == 0
		_, err = w.SaveSelf(w.ctx, w.officerOf(u), 2040, u, v.Filing.Version, w.entries(v.Table, 5), submit, "")
		return w.allowed(fmt.Sprintf("unit %d saves (submit %v)", u, submit), err)
	case n < 7:
		action := []app.ReviewAction{app.ReviewSave, app.ReviewReturn, app.ReviewAccept}[w.rnd.IntN(3)]
		_, err = w.ReviewFiling(w.ctx, w.board, 2040, u, v.Filing.Version, w.rulings(v.Table), action, "Số liệu chưa khớp")
		if err == nil && action == app.ReviewAccept {
			w.reviewed++
		}
		return w.allowed(fmt.Sprintf("review of unit %d (%s)", u, action), err)
	case n < 9:
		table := w.tables[w.rnd.IntN(len(w.tables))]
		tb, err := w.Table(w.ctx, w.board, table)
		if err != nil {
			w.t.Fatal(err)
		}
		scored := slices.DeleteFunc(slices.Clone(tb.Table.Criteria), func(c scoring.Criterion) bool { return !c.Scored() })
		c := scored[w.rnd.IntN(len(scored))]
		share := []float64{0, 0.5, 1}[w.rnd.IntN(3)]
		if err := w.SetAdjustment(w.ctx, w.board, table, u, scoring.Adjustment{CriterionID: c.ID, Share: share, Reason: "Sáp nhập giữa năm"}); err != nil {
			w.t.Fatal(err)
		}
		w.adjusted++
		return fmt.Sprintf("criterion %s of table %d at %v for unit %d", c.Code, table, share, u)
	default:
		info, err := w.NewTableVersion(w.ctx, w.board, w.tables[len(w.tables)-1], "Sửa chỉ tiêu giữa năm")
		if err != nil {
			w.t.Fatal(err)
		}
		w.tables = append(w.tables, info.ID)
		return fmt.Sprintf("table version %d", info.VersionNo)
	}
}

// allowed fails on any error but the rules' refusal.
func (w *totalsWriter) allowed(what string, err error) string {
	if err != nil && errs.CodeOf(err) != errs.Invalid {
		w.t.Fatalf("%s: %v", what, err)
	}
	if err != nil {
		return what + ", refused"
	}
	return what
}

// entries answers about one row in skip of a table with valid values,
// explained where the rules want it.
func (w *totalsWriter) entries(t scoring.Table, skip int) map[int64]scoring.Entry {
	out := map[int64]scoring.Entry{}
	for _, c := range t.Criteria {
		if c.Method == scoring.Group || w.rnd.IntN(skip) == 0 {
			continue
		}
		e := w.value(c)
		if e.NotArisen || c.Method == scoring.Bonus || c.Method == scoring.Deduction {
			e.Explanation = "Giải trình"
		}
		out[c.ID] = e
	}
	return out
}

// rulings rules on about half of a table's rows.
func (w *totalsWriter) rulings(t scoring.Table) map[int64]scoring.Review {
	out := map[int64]scoring.Review{}
	for id, e := range w.entries(t, 2) {
		out[id] = scoring.Review{Score: e.Score, Numerator: e.Numerator, Denominator: e.Denominator, NotArisen: e.NotArisen, Comment: "Điều chỉnh"}
	}
	return out
}

// value is a random valid answer for a row, in half points.
func (w *totalsWriter) value(c scoring.Criterion) scoring.Entry {
	half := func(hi float64) *float64 { v := float64(w.rnd.IntN(int(hi*2)+1)) / 2; return &v }
	switch {
	case c.Method != scoring.Indicator:
		return scoring.Entry{Score: half(c.Max)}
	case w.rnd.IntN(4) == 0:
		return scoring.Entry{NotArisen: true}
	case c.IsRate():
		den := float64(1 + w.rnd.IntN(200))
		num := float64(w.rnd.IntN(int(den) + 1))
		return scoring.Entry{Numerator: &num, Denominator: &den}
	}
	n := float64(w.rnd.IntN(3))
	return scoring.Entry{Numerator: &n}
}

// check recomputes every filing of the year from scratch and compares its
// stored totals, and what the ranking shows.
func (w *totalsWriter) check(after string) {
	w.t.Helper()
	filings, err := w.Store.YearFilings(w.ctx, 2040)
	if err != nil {
		w.t.Fatal(err)
	}
	stored, err := w.Store.FilingTotals(w.ctx, 2040)
	if err != nil {
		w.t.Fatal(err)
	}
	want := map[int64]scoring.FilingTotals{} // by unit: its newest filing (ids grow)
	newest := map[int64]int64{}
	for id, f := range filings {
		tb, err := w.Store.Table(w.ctx, f.TableID)
		if err != nil {
			w.t.Fatal(err)
		}
		adj, err := w.Store.Adjustments(w.ctx, f.TableID, f.UnitID)
		if err != nil {
			w.t.Fatal(err)
		}
		fresh := scoring.FilingTotals{Self: scoring.Evaluate(tb, f.Self, adj).Total}
		if f.Status == scoring.Reviewed || len(f.Review) > 0 {
			r := scoring.Evaluate(tb, f.ReviewedEntries(), adj)
			fresh.Reviewed = &scoring.Totals{Total: r.Total, Deduction: r.Deduction, Achievement: r.Achievement}
		}
		got, ok := stored[id]
		if !ok || got.Self != fresh.Self || (got.Reviewed == nil) != (fresh.Reviewed == nil) || got.Reviewed != nil && *got.Reviewed != *fresh.Reviewed {
			w.t.Fatalf("after %s: filing %d of unit %d stores %+v (stored: %v), recomputed %+v", after, id, f.UnitID, show(got), ok, show(fresh))
		}
		if id > newest[f.UnitID] {
			newest[f.UnitID], want[f.UnitID] = id, fresh
		}
	}
	if len(stored) != len(filings) {
		w.t.Fatalf("after %s: %d filings, %d with stored totals", after, len(filings), len(stored))
	}
	cs, _, err := w.Ranking(w.ctx, w.viewer, 2040)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, s := range cs[0].Standings {
		fresh := want[s.UnitID]
		if s.SelfTotal != fresh.Self || s.Reviewed && (fresh.Reviewed == nil || s.Total != fresh.Reviewed.Total ||
			s.Deduction != fresh.Reviewed.Deduction || s.Achievement != fresh.Reviewed.Achievement) {
			w.t.Fatalf("after %s: the ranking shows unit %d as %+v, recomputed %+v", after, s.UnitID, s.Standing, show(fresh))
		}
	}
}

func show(t scoring.FilingTotals) string {
	if t.Reviewed == nil {
		return fmt.Sprintf("self %v", t.Self)
	}
	return fmt.Sprintf("self %v reviewed %+v", t.Self, *t.Reviewed)
}
