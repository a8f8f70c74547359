package seed

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/scoring"
)

func TestDemoScoring(t *testing.T) {
	s, ctx := seeded(t)
	h := auth.Hasher{Cost: bcrypt.MinCost}
	a := app.New(s, h, app.FixedClock(FixtureClock))
	// Today in the demo: before the 30/11 deadline.
	a.Now = func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, ict) }
	id := func(code string) int64 {
		t.Helper()
		u, err := s.UnitByCode(ctx, code)
		if err != nil {
			t.Fatalf("unit %s: %v", code, err)
		}
		return u.ID
	}
	officer := func(username, code string) auth.Principal {
		t.Helper()
		u, err := s.UserByName(ctx, username)
		if err != nil {
			t.Fatal(err)
		}
		return auth.Principal{UserID: u.ID, Username: username, Role: auth.RoleOfficer, UnitID: id(code)}
	}

	t.Run("the 2026 national table validates and sums to 100", func(t *testing.T) {
		info, err := s.TableFor(ctx, 2026, string(cluster.National), 0, "provincial")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(info.Name, "2026") || !strings.Contains(info.Name, demoMark) {
			t.Errorf("name %q: want the year and the demo label", info.Name)
		}
		tb, err := s.Table(ctx, info.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := scoring.ValidateTable(tb); err != nil {
			t.Fatalf("validate: %v", err)
		}
		if tb.MaxTotal() != 100 {
			t.Errorf("MaxTotal %v, want 100", tb.MaxTotal())
		}
		if n := len(tb.Criteria); n < 20 || n > 35 {
			t.Errorf("%d rows", n)
		}
		// Every group's maximum is its children's.
		var check func(parent int64) float64
		check = func(parent int64) float64 {
			var sum float64
			for _, c := range tb.Children(parent) {
				switch c.Method {
				case scoring.Group:
					if got := check(c.ID); got != c.Max {
						t.Errorf("group %s: max %v, children %v", c.Code, c.Max, got)
					}
					sum += c.Max
				case scoring.Fixed, scoring.Indicator:
					sum += c.Max
				}
			}
			return sum
		}
		check(0)
		methods := map[scoring.Method]int{}
		var bonus, deduction *scoring.Criterion
		for i, c := range tb.Criteria {
			methods[c.Method]++
			switch c.Method {
			case scoring.Bonus:
				bonus = &tb.Criteria[i]
			case scoring.Deduction:
				deduction = &tb.Criteria[i]
			}
		}
		if methods[scoring.Indicator] < 12 || methods[scoring.Fixed] < 3 || methods[scoring.Bonus] != 1 || methods[scoring.Deduction] != 1 {
			t.Errorf("methods %v", methods)
		}
		if bonus == nil || bonus.Max != 5 || deduction == nil || deduction.Max != 0 {
			t.Errorf("bonus %+v, deduction %+v: want a bonus capped at 5 and an uncapped deduction", bonus, deduction)
		}
		// Last year's copy, for "copy last year's".
		ts, err := s.Tables(ctx, 2025)
		if err != nil {
			t.Fatal(err)
		}
		if len(ts) != 1 || !strings.Contains(ts[0].Name, "2025") {
			t.Errorf("2025 tables %+v, want the national one", ts)
		}
	})

	t.Run("Bắc Trung Bộ shows every state", func(t *testing.T) {
		want := map[string]scoring.Status{thanhHoa: scoring.Submitted, prov("Hà Tĩnh"): scoring.Reviewed,
			merged("Quảng Trị"): scoring.Returned, prov("Huế"): scoring.Draft, prov("Nghệ An"): scoring.NotStarted}
		views := map[string]app.FilingView{}
		for code, st := range want {
			v, err := a.Filing(ctx, auth.System, 2026, id(code))
			if err != nil {
				t.Fatalf("%s: %v", code, err)
			}
			if v.Filing.Status != st {
				t.Errorf("%s: %q, want %q", code, v.Filing.Status, st)
			}
			views[code] = v
		}
		if v := views[prov("Nghệ An")]; v.Filing.ID != 0 {
			t.Errorf("Nghệ An has a filing: %+v", v.Filing)
		}
		// canbo.nghean starts from scratch; canbo.thanhhoa has no review
		// left in its cluster except its own, which is the deputy's.
		if v, err := a.Filing(ctx, officer("canbo.nghean", prov("Nghệ An")), 2026, id(prov("Nghệ An"))); err != nil || !v.CanEdit {
			t.Errorf("Nghệ An's officer: can edit %v, err %v", v.CanEdit, err)
		}
		if v, err := a.Filing(ctx, officer("canbo.thanhhoa", thanhHoa), 2026, id(thanhHoa)); err != nil || v.CanReview || v.CanEdit {
			t.Errorf("Thanh Hóa's officer on its own submitted filing: edit %v review %v, err %v", v.CanEdit, v.CanReview, err)
		}

		ht := views[prov("Hà Tĩnh")]
		differs := 0
		for id, r := range ht.Filing.Review {
			if ht.Filing.Differs(id) && r.Comment != "" {
				differs++
			}
		}
		if differs != 2 || ht.Reviewed.Total >= ht.Self.Total {
			t.Errorf("Hà Tĩnh: %d reviewed rows differ with a comment, self %v reviewed %v; want 2, and lower", differs, ht.Self.Total, ht.Reviewed.Total)
		}
		if r := ht.Self; r.Met != r.Arisen-2 || r.Arisen < 15 {
			t.Errorf("Hà Tĩnh: met %d of %d arisen indicators, want all but two", r.Met, r.Arisen)
		}
		if qt := views[merged("Quảng Trị")].Filing; !strings.HasPrefix(qt.ReturnReason, "Thiếu tài liệu chứng minh số liệu tiêu chí 1.2") || qt.ReturnedAt == nil {
			t.Errorf("Quảng Trị: returned %v with %q", qt.ReturnedAt, qt.ReturnReason)
		}
		th := views[thanhHoa].Filing
		if th.SubmittedAt == nil || th.SubmittedAt.After(date(2026, 11, 30)) || th.SubmittedAt.Before(date(2026, 11, 1)) {
			t.Errorf("Thanh Hóa submitted at %v, want in November 2026 before the deadline", th.SubmittedAt)
		}
		hue := views[prov("Huế")]
		if len(hue.Adjustments) != 1 {
			t.Fatalf("Huế adjustments %v, want 1", hue.Adjustments)
		}
		for _, adj := range hue.Adjustments {
			if adj.Share != 0 || !strings.Contains(adj.Reason, "Không có nhiệm vụ này trong năm") {
				t.Errorf("Huế adjustment %+v", adj)
			}
		}
		// The history names the reviewer.
		hist, err := a.FilingHistory(ctx, auth.System, 2026, id(prov("Hà Tĩnh")))
		if err != nil {
			t.Fatal(err)
		}
		byThanhHoa := false
		for _, c := range hist {
			byThanhHoa = byThanhHoa || c.Side == "review" && c.Username == "canbo.thanhhoa"
		}
		if !byThanhHoa {
			t.Errorf("Hà Tĩnh's history has no review by canbo.thanhhoa: %+v", hist)
		}
	})

	// Hà Tĩnh's filing is written out by hand (haTinh, haTinhReview), so its
	// totals can be worked out by hand from the 2026 national table
	// (nationalCriteria) and the rules of docs/scoring.md, without the
	// scoring code. They depend on no date and on no drawn figure.
	//
	// Self-assessment, row by row (target: the stricter of the two; a rate
	// in %; "prop." earns max × value/target below the target):
	//   1.1  412/436 = 94,495 % < 95        missed, prop. 6 × 94,495/95 = 5,968131
	//   1.2  436/436 = 100 % (target 100)   met                             4
	//   2    318/318 = 100 %                met                             5
	//   3    405/405 = 100 %                met                             5
	//   4    0 (target 0)                   met                             5
	//   5    5 > 4                          exceeded, 5 + 0,5               5,5
	//   6.1  2,4 > 2                        exceeded, no bonus              4
	//   6.2  1,1 > 1                        exceeded                        4
	//   7    5 < 6                          missed, prop. 5 × 5/6         = 4,166667
	//   8    9/11 = 81,8 % > 75             exceeded, 6 + 0,5               6,5
	//   9    1/214 = 0,47 % < 1 (lower)     exceeded, no bonus              6
	//   10   8 > 6                          exceeded                        4
	//   11   2140/2140 = 100 %              met                             4
	//   12   0                              met                             4
	//   13   fixed                                                          3
	//   14   38/38 = 100 % > 98             exceeded, 6 + 0,5               6,5
	//   15   fixed                                                          3,75
	//   16   42/45 = 93,3 % > 90            exceeded, 5 + 0,5               5,5
	//   17   6 > 4                          exceeded                        5
	//   18, 19, 20 fixed                                                    4 + 3 + 2,75
	// Every row arose and was answered, so nothing is rescaled: the sum is
	// 100,634798 (over 100 with the exceed bonuses); the bonus VII adds 1,
	// the deduction VIII takes 0: 101,634798 → 101,63.
	// 17 indicators arose; all but 1.1 and 7 met (15). Exceedable are those
	// with a target other than a rate that must reach 100 %: 1.1, 5, 6.1,
	// 6.2, 7, 8, 9, 10, 14, 16, 17 (11), exceeded all but 1.1 and 7 (9).
	//
	// Thanh Hóa's review: 1.1 is 408/436 = 93,578 % → 6 × 93,578/95 =
	// 5,910188 (5,968131 − 0,057943), and 19 is 2,5 instead of 3: 100,634798 −
	// 0,057943 − 0,5 + 1 = 101,076855 → 101,08.
	t.Run("Hà Tĩnh's totals, worked out by hand", func(t *testing.T) {
		var stored struct{ SelfTotal, ReviewedTotal float64 }
		if err := s.ScanForTest(&stored, `SELECT self_total, reviewed_total FROM assessments WHERE year = 2026 AND unit_id = ?`, id(prov("Hà Tĩnh"))); err != nil {
			t.Fatal(err)
		}
		if stored.SelfTotal != 101.63 || stored.ReviewedTotal != 101.08 {
			t.Errorf("stored totals: self %v, reviewed %v; want 101.63 and 101.08", stored.SelfTotal, stored.ReviewedTotal)
		}
		v, err := a.Filing(ctx, auth.System, 2026, id(prov("Hà Tĩnh")))
		if err != nil {
			t.Fatal(err)
		}
		want := scoring.Achievement{Arisen: 17, Met: 15, Exceedable: 11, Exceeded: 9}
		if r := v.Self; r.Applicable != 100 || r.Scaled != 100.63 || r.Bonus != 1 || r.Deduction != 0 || r.Total != 101.63 || r.Achievement != want {
			t.Errorf("self: applicable %v scaled %v bonus %v deduction %v total %v %+v; want 100, 100.63, 1, 0, 101.63 %+v",
				r.Applicable, r.Scaled, r.Bonus, r.Deduction, r.Total, r.Achievement, want)
		}
		if r := v.Reviewed; r.Scaled != 100.08 || r.Total != 101.08 || r.Achievement != want {
			t.Errorf("reviewed: scaled %v total %v %+v; want 100.08, 101.08 %+v", r.Scaled, r.Total, r.Achievement, want)
		}
		// Quảng Trị's row 1.2, also written by hand: 512/512 = 100 % against
		// a target of 100 %: met, 4 points.
		qt, err := a.Filing(ctx, auth.System, 2026, id(merged("Quảng Trị")))
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(qt.Table.Criteria, func(c scoring.Criterion) bool { return c.Code == "1.2" })
		if i < 0 {
			t.Fatal("no row 1.2")
		}
		if l := qt.Self.Lines[i]; l.Points != 4 || l.Outcome != scoring.Met {
			t.Errorf("Quảng Trị 1.2: %v points, %q; want 4, met", l.Points, l.Outcome)
		}
	})

	t.Run("every filing's stored totals are what the rules give", func(t *testing.T) {
		var rows []struct {
			UnitID        int64
			Status        string
			SelfTotal     *float64
			ReviewedTotal *float64
		}
		if err := s.ScanForTest(&rows, `SELECT unit_id, status, self_total, reviewed_total FROM assessments WHERE year = 2026`); err != nil {
			t.Fatal(err)
		}
		if len(rows) < 35 {
			t.Fatalf("%d filings in 2026", len(rows))
		}
		states := map[string]int{}
		for _, r := range rows {
			states[r.Status]++
			v, err := a.Filing(ctx, auth.System, 2026, r.UnitID)
			if err != nil {
				t.Fatal(err)
			}
			if r.SelfTotal == nil || *r.SelfTotal != v.Self.Total {
				t.Errorf("unit %d: stored self total %v, computed %v", r.UnitID, r.SelfTotal, v.Self.Total)
			}
			if r.Status == "reviewed" && (r.ReviewedTotal == nil || *r.ReviewedTotal != v.Reviewed.Total) {
				t.Errorf("unit %d: stored reviewed total %v, computed %v", r.UnitID, r.ReviewedTotal, v.Reviewed.Total)
			}
			if r.Status != "draft" && (v.Self.Total < 60 || v.Self.Total > 106) { // a draft is partly filled
				t.Errorf("unit %d: self total %v is not plausible", r.UnitID, v.Self.Total)
			}
		}
		if states["reviewed"] < 20 || states["submitted"] < 5 || states["draft"] < 2 || states["returned"] != 1 {
			t.Errorf("states %v", states)
		}
		var notArisen int64
		if err := s.ScanForTest(&notArisen, `SELECT count(*) FROM assessment_entries WHERE self_not_arisen AND explanation <> ''`); err != nil {
			t.Fatal(err)
		}
		if notArisen < 3 {
			t.Errorf("%d rows “không phát sinh” with an explanation, want some", notArisen)
		}
	})

	// Only reviewed filings rank; the others show their (labelled)
	// self-score, so a cluster still shows varied scores.
	t.Run("every cluster shows at least 3 distinct scores, ranks only reviewed ones", func(t *testing.T) {
		clusters, national, err := a.Ranking(ctx, auth.System, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if len(clusters) != 9 || len(national) != 34 {
			t.Errorf("%d clusters, %d in the national table; want 9 and 34", len(clusters), len(national))
		}
		for _, cr := range clusters {
			totals := map[float64]bool{}
			var line []string
			for _, st := range cr.Standings {
				score := st.SelfTotal
				if st.Reviewed {
					score = st.Total
				}
				if st.Ranked() != st.Reviewed {
					t.Errorf("%s: %s ranked %d with status %s", cr.Cluster.Title, st.Unit.Code, st.Rank, st.Status)
				}
				totals[score] = true
				line = append(line, fmt.Sprintf("%d. %s %v (%s; %d/%d met, %d/%d exceeded)", st.Rank, st.Unit.Code, score, st.Status, st.Met, st.Arisen, st.Exceeded, st.Exceedable))
			}
			if len(totals) < 3 {
				t.Errorf("%s: %d distinct totals: %s", cr.Cluster.Title, len(totals), strings.Join(line, "; "))
			}
			t.Logf("%s: %s", cr.Cluster.Title, strings.Join(line, "; "))
		}
	})

	t.Run("running the demo again changes nothing", func(t *testing.T) {
		count := func() map[string]int64 {
			out := map[string]int64{}
			for _, table := range []string{"criteria_tables", "criteria", "criterion_adjustments", "assessments",
				"assessment_entries", "score_changes", "audit_log"} {
				var n int64
				if err := s.ScanForTest(&n, "SELECT count(*) FROM "+table); err != nil {
					t.Fatal(err)
				}
				out[table] = n
			}
			return out
		}
		before := count()
		if before["assessments"] == 0 || before["score_changes"] == 0 {
			t.Fatalf("nothing seeded: %v", before)
		}
		if err := Demo(ctx, s, h, FixtureClock); err != nil {
			t.Fatal(err)
		}
		if after := count(); !mapsEqual(before, after) {
			t.Errorf("before %v, after %v", before, after)
		}
	})
}

// The same plan gives the same figures: the demo is deterministic.
func TestDemoFiguresAreDeterministic(t *testing.T) {
	specs := nationalCriteria()
	tb, err := positional("x", specs)
	if err != nil {
		t.Fatal(err)
	}
	st := seededTable{table: tb, specs: map[string]critSpec{}}
	for i := range st.table.Criteria {
		st.table.Criteria[i].ID = int64(i + 1)
		st.specs[st.table.Criteria[i].Code] = specs[i]
	}
	p := filingPlan{unit: prov("Sơn La")}
	a, b := newDraw(p).entries(st, p), newDraw(p).entries(st, p)
	if fmt.Sprint(a) == "" || len(a) != len(b) {
		t.Fatal("no entries")
	}
	for id, e := range a {
		if fmt.Sprintf("%v %v %v %v", num(e.Score), num(e.Numerator), num(e.Denominator), e.NotArisen) !=
			fmt.Sprintf("%v %v %v %v", num(b[id].Score), num(b[id].Numerator), num(b[id].Denominator), b[id].NotArisen) {
			t.Errorf("criterion %d: %+v then %+v", id, e, b[id])
		}
	}
	if err := scoring.ValidateEntries(st.table, a); err != nil {
		t.Errorf("drawn entries do not validate: %v", err)
	}
}

func num(v *float64) string {
	if v == nil {
		return "-"
	}
	return scoring.FormatNumber(*v)
}
