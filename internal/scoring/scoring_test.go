package scoring

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"thidua/internal/errs"
)

func f(v float64) *float64 { return &v }

func TestIndicatorPoints(t *testing.T) {
	rate := func(d Direction, below BelowRule) Criterion {
		return Criterion{ID: 1, Method: Indicator, Max: 10, Numerator: "đúng hạn", Denominator: "tổng số", Direction: d,
			TargetNA: f(90), TargetSector: f(95), ExceedBonus: 1, Below: below}
	}
	count := Criterion{ID: 1, Method: Indicator, Max: 5, Numerator: "bị can Tòa tuyên không phạm tội", Direction: Zero}
	tests := []struct {
		name     string
		c        Criterion
		e        Entry
		points   float64
		outcome  Outcome
		na, sec  Outcome
		excluded bool
	}{
		{"meets the stricter target exactly", rate(Higher, Nothing), Entry{Numerator: f(95), Denominator: f(100)}, 10, Met, Exceeded, Met, false},
		{"exceeds both: bonus on top", rate(Higher, Nothing), Entry{Numerator: f(100), Denominator: f(100)}, 11, Exceeded, Exceeded, Exceeded, false},
		{"meets the Assembly's but not the sector's", rate(Higher, Nothing), Entry{Numerator: f(92), Denominator: f(100)}, 0, Missed, Exceeded, Missed, false},
		{"below, proportional", rate(Higher, Proportional), Entry{Numerator: f(76), Denominator: f(100)}, 8, Missed, Missed, Missed, false},
		{"above 100 % is not capped", rate(Higher, Nothing), Entry{Numerator: f(186), Denominator: f(100)}, 11, Exceeded, Exceeded, Exceeded, false},
		{"no denominator: did not arise", rate(Higher, Nothing), Entry{Numerator: f(0), Denominator: f(0)}, 0, NotApplicable, NotApplicable, NotApplicable, true},
		{"marked không phát sinh", rate(Higher, Nothing), Entry{NotArisen: true}, 0, NotApplicable, NotApplicable, NotApplicable, true},
		{"lower is better: under the target", Criterion{ID: 1, Method: Indicator, Max: 10, Numerator: "án bị hủy", Denominator: "án xét xử",
			Direction: Lower, TargetSector: f(2), Below: Proportional}, Entry{Numerator: f(1), Denominator: f(100)}, 10, Exceeded, NotApplicable, Exceeded, false},
		{"lower is better: twice the target, proportional", Criterion{ID: 1, Method: Indicator, Max: 10, Numerator: "án bị hủy", Denominator: "án xét xử",
			Direction: Lower, TargetSector: f(2), Below: Proportional}, Entry{Numerator: f(4), Denominator: f(100)}, 5, Missed, NotApplicable, Missed, false},
		{"count target 0 met", count, Entry{Numerator: f(0)}, 5, Met, Met, Met, false},
		{"count target 0 missed", count, Entry{Numerator: f(1)}, 0, Missed, Missed, Missed, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Evaluate(Table{Criteria: []Criterion{tt.c}}, map[int64]Entry{1: tt.e}, nil)
			l := r.Lines[0]
			if l.Points != tt.points || l.Outcome != tt.outcome || l.Excluded != tt.excluded || l.OutcomeNA != tt.na || l.OutcomeSec != tt.sec {
				t.Fatalf("points %v outcome %q (NA %q, sector %q) excluded %v; want %v %q (%q, %q) %v",
					l.Points, l.Outcome, l.OutcomeNA, l.OutcomeSec, l.Excluded, tt.points, tt.outcome, tt.na, tt.sec, tt.excluded)
			}
		})
	}
}

// The demo-shaped table: 100 points in scored rows, a bonus capped at 5 and
// an uncapped deduction.
func table() Table {
	return Table{Criteria: []Criterion{
		{ID: 1, Code: "I", Name: "Công tố", Method: Group},
		{ID: 2, ParentID: 1, Code: "1", Name: "Tin báo", Method: Indicator, Max: 20, Numerator: "x", Denominator: "y", Direction: Higher, TargetSector: f(90), Below: Nothing},
		{ID: 3, ParentID: 1, Code: "2", Name: "Án đúng hạn", Method: Indicator, Max: 30, Numerator: "x", Denominator: "y", Direction: Higher, TargetSector: f(100), Below: Nothing},
		{ID: 4, Code: "II", Name: "Xây dựng Ngành", Method: Group},
		{ID: 5, ParentID: 4, Code: "3", Name: "Đoàn kết", Method: Fixed, Max: 50},
		{ID: 6, Code: "T", Name: "Điểm thưởng", Method: Bonus, Max: 5},
		{ID: 7, Code: "TR", Name: "Điểm trừ", Method: Deduction},
	}}
}

func TestRescalingAndTotals(t *testing.T) {
	tb := table()
	if tb.MaxTotal() != 100 {
		t.Fatalf("MaxTotal %v", tb.MaxTotal())
	}
	full := map[int64]Entry{2: {Numerator: f(9), Denominator: f(10)}, 3: {Numerator: f(5), Denominator: f(5)}, 5: {Score: f(40)},
		6: {Score: f(8), Explanation: "mô hình mới"}, 7: {Score: f(3), Explanation: "án bị hủy"}}
	r := Evaluate(tb, full, nil)
	// 20 + 30 + 40 = 90 of 100; bonus capped at 5; deduction 3.
	if r.Raw != 90 || r.Scaled != 90 || r.Bonus != 5 || r.Deduction != 3 || r.Total != 92 {
		t.Fatalf("full: %+v", r)
	}
	// Indicator 3 did not arise: 60 of the 70 that applied → 60 × 100/70 = 85,71.
	notArisen := map[int64]Entry{2: full[2], 3: {NotArisen: true, Explanation: "không có án"}, 5: full[5]}
	r = Evaluate(tb, notArisen, nil)
	if r.Applicable != 70 || r.Scaled != 85.71 || r.Total != 85.71 || r.Arisen != 1 {
		t.Fatalf("not arisen: %+v", r)
	}
	// A unit scoring full marks on everything that arose is not punished.
	perfect := map[int64]Entry{2: {Numerator: f(1), Denominator: f(1)}, 3: {NotArisen: true}, 5: {Score: f(50)}}
	if r = Evaluate(tb, perfect, nil); r.Scaled != 100 {
		t.Fatalf("perfect with one not arisen: %v", r.Scaled)
	}
	// Criterion 5 applied to half the year (the 2025 merger): its max is 25, points halved.
	r = Evaluate(tb, full, map[int64]Adjustment{5: {CriterionID: 5, Share: 0.5, Reason: "hợp nhất 01/7/2025"}})
	if r.Applicable != 75 || r.Lines[4].Max != 25 || r.Lines[4].Points != 20 || r.Scaled != 93.33 {
		t.Fatalf("half year: %+v", r)
	}
	// Switched off for this unit.
	r = Evaluate(tb, full, map[int64]Adjustment{5: {CriterionID: 5, Share: 0}})
	if r.Applicable != 50 || !r.Lines[4].Excluded || r.Scaled != 100 {
		t.Fatalf("switched off: %+v", r)
	}
	// Nothing arose at all: no division by zero.
	if r = Evaluate(tb, map[int64]Entry{}, nil); r.Total != 0 {
		t.Fatalf("empty: %+v", r)
	}
}

// Seed 004: cluster 6 met 127 of its 129 arising indicators and exceeded 59
// of the 60 that can be exceeded. The same data gives both figures.
func TestSeedAchievementFigures(t *testing.T) {
	var tb Table
	entries := map[int64]Entry{}
	id := int64(0)
	add := func(c Criterion, e Entry) {
		id++
		c.ID, c.Code, c.Name, c.Max, c.Numerator = id, "x", "x", 1, "x"
		c.Method = Indicator
		tb.Criteria = append(tb.Criteria, c)
		entries[id] = e
	}
	rate := Criterion{Direction: Higher, Denominator: "y", TargetNA: f(90)}
	zero := Criterion{Direction: Zero}
	for range 59 { // exceeded: 100 % against 90 %
		add(rate, Entry{Numerator: f(10), Denominator: f(10)})
	}
	add(rate, Entry{Numerator: f(9), Denominator: f(10)}) // met exactly, not exceeded
	for range 67 {                                        // counts whose target is 0, met
		add(zero, Entry{Numerator: f(0)})
	}
	for range 2 { // counts missed
		add(zero, Entry{Numerator: f(1)})
	}
	for range 5 { // did not arise: not counted anywhere
		add(rate, Entry{NotArisen: true, Explanation: "không có"})
	}
	a := Evaluate(tb, entries, nil).Achievement
	if a.Arisen != 129 || a.Met != 127 || a.Exceedable != 60 || a.Exceeded != 59 {
		t.Fatalf("achievement %+v", a)
	}
	if a.MetRate() != 98.4 || a.ExceededRate() != 98.3 {
		t.Fatalf("rates %v %v", a.MetRate(), a.ExceededRate())
	}
	if FormatNumber(a.MetRate())+"%" != "98,4%" {
		t.Fatal(FormatNumber(a.MetRate()))
	}
}

func TestPercentRoundsOnceHalfUp(t *testing.T) {
	for _, c := range []struct {
		n, d int
		want float64
	}{{127, 129, 98.4}, {59, 60, 98.3}, {1, 8, 12.5}, {1, 3, 33.3}, {2, 3, 66.7}, {1, 2000, 0.1}, {1, 2001, 0}, {0, 0, 0}, {186, 100, 186}} {
		if got := Percent(c.n, c.d); got != c.want {
			t.Errorf("Percent(%d, %d) = %v, want %v", c.n, c.d, got, c.want)
		}
	}
}

func TestRank(t *testing.T) {
	in := []Standing{
		{UnitID: 1, UnitCode: "C", Total: 90, Reviewed: true, Achievement: Achievement{Arisen: 10, Met: 9}},
		{UnitID: 2, UnitCode: "A", Total: 95, Reviewed: true},
		{UnitID: 3, UnitCode: "B", Total: 90, Reviewed: true, Achievement: Achievement{Arisen: 10, Met: 10}},              // beats 1 on met share
		{UnitID: 4, UnitCode: "D", Total: 90, Reviewed: true, Achievement: Achievement{Arisen: 10, Met: 9}, Deduction: 2}, // loses to 1 on deductions
		{UnitID: 5, UnitCode: "AA", Total: 90, Reviewed: true, Achievement: Achievement{Arisen: 10, Met: 9}},              // tied with 1: same rank, listed first by code
	}
	got := Rank(in)
	var ids []int64
	var ranks []int
	for _, s := range got {
		ids, ranks = append(ids, s.UnitID), append(ranks, s.Rank)
	}
	if !reflect.DeepEqual(ids, []int64{2, 3, 5, 1, 4}) || !reflect.DeepEqual(ranks, []int{1, 2, 3, 3, 5}) {
		t.Fatalf("order %v ranks %v", ids, ranks)
	}
	// Deterministic whatever the input order.
	rev := append([]Standing(nil), in...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	if !reflect.DeepEqual(Rank(rev), got) {
		t.Fatal("ranking depends on input order")
	}
}

// TestRankReviewedOnly: a self-score is not a result. However high, an
// unreviewed filing gets no rank and is listed after every ranked unit;
// the reviewed units are numbered among themselves only.
func TestRankReviewedOnly(t *testing.T) {
	for _, c := range []struct {
		name      string
		in        []Standing
		wantIDs   []int64
		wantRanks []int
	}{
		{"unreviewed high self-score below reviewed ones",
			[]Standing{
				{UnitID: 1, UnitCode: "A", SelfTotal: 99, Total: 0},
				{UnitID: 2, UnitCode: "B", SelfTotal: 80, Total: 78, Reviewed: true},
				{UnitID: 3, UnitCode: "C", SelfTotal: 90, Total: 85, Reviewed: true},
			},
			[]int64{3, 2, 1}, []int{1, 2, 0}},
		{"unreviewed carrying a stale total still unranked",
			[]Standing{
				{UnitID: 1, UnitCode: "A", SelfTotal: 99, Total: 99, Rank: 1},
				{UnitID: 2, UnitCode: "B", Total: 50, Reviewed: true},
			},
			[]int64{2, 1}, []int{1, 0}},
		{"nothing reviewed: nobody ranked, listed by code",
			[]Standing{{UnitID: 2, UnitCode: "B", SelfTotal: 70}, {UnitID: 1, UnitCode: "A"}, {UnitID: 3, UnitCode: "C", SelfTotal: 95}},
			[]int64{1, 2, 3}, []int{0, 0, 0}},
		{"empty cluster", nil, nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var ids []int64
			var ranks []int
			for _, s := range Rank(c.in) {
				ids, ranks = append(ids, s.UnitID), append(ranks, s.Rank)
				if s.Ranked() != s.Reviewed {
					t.Errorf("unit %d: ranked %v, reviewed %v", s.UnitID, s.Ranked(), s.Reviewed)
				}
			}
			if !reflect.DeepEqual(ids, c.wantIDs) || !reflect.DeepEqual(ranks, c.wantRanks) {
				t.Fatalf("order %v ranks %v, want %v %v", ids, ranks, c.wantIDs, c.wantRanks)
			}
		})
	}
}

func TestChartScale(t *testing.T) {
	for _, c := range []struct {
		in   []Standing
		want float64
	}{
		{nil, 100},
		{[]Standing{{SelfTotal: 60}, {Total: 95, Reviewed: true}}, 100},
		{[]Standing{{SelfTotal: 101.5}, {Total: 95, Reviewed: true}}, 110},
		{[]Standing{{Total: 104, Reviewed: true}}, 110},
		{[]Standing{{SelfTotal: 110}}, 110},
	} {
		if got := ChartScale(c.in); got != c.want {
			t.Errorf("ChartScale(%+v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestValidateEntries(t *testing.T) {
	tb := table()
	bad := map[int64]Entry{
		2: {Numerator: f(11), Denominator: f(10)},
		3: {NotArisen: true},
		5: {Score: f(51)},
		6: {Score: f(6)},
		7: {Score: f(2)},
	}
	e := ValidateEntries(tb, bad)
	want := map[string]bool{"c2": true, "c3": true, "c5": true, "c6": true, "c7": true}
	fields := fieldsOf(e)
	for k := range want {
		if fields[k] == "" {
			t.Errorf("no message for %s: %v", k, fields)
		}
	}
	if fields["c2"] != "Tiêu chí 1: tử số (11) không được lớn hơn mẫu số (10)." {
		t.Errorf("c2 message %q", fields["c2"])
	}
	if m := Missing(tb, map[int64]Entry{2: {Numerator: f(1), Denominator: f(1)}}, nil); len(m) != 2 {
		t.Fatalf("missing %v", m)
	}
}

func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{98.5: "98,5", 1234.25: "1.234,25", 100: "100", 0: "0", -3: "-3", 85.714: "85,71", 1e6: "1.000.000"} {
		if got := FormatNumber(v); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestValidateTable(t *testing.T) {
	if err := ValidateTable(Table{Name: "Bảng", Criteria: table().Criteria}); err != nil {
		t.Fatal(err)
	}
	bad := table()
	bad.Name = "Bảng"
	bad.Criteria[2].Code = "1"         // duplicate
	bad.Criteria[4].Max = 0            // fixed without max
	bad.Criteria[1].TargetSector = nil // indicator without target
	got := fieldsOf(ValidateTable(bad))
	if got["criteria.2"] == "" || got["criteria.3"] == "" || got["criteria.5"] == "" {
		t.Fatalf("%v", got)
	}
}

// Each problem of a table is said twice: the row's first message on the
// form's field, and every problem by its field key and code, for a
// workbook to place on its cell.
func TestValidateTableProblems(t *testing.T) {
	bad := table()
	bad.Name = "Bảng"
	bad.Criteria[4].Max = 0          // fixed without max
	bad.Criteria[4].ExceedBonus = -1 // and a negative bonus: out of range first
	e, ok := errs.As(ValidateTable(bad))
	if !ok {
		t.Fatal("no error")
	}
	code := bad.Criteria[4].Code
	if got, want := e.Fields["criteria.5"], "Dòng 5 ("+code+"): điểm cộng khi vượt chỉ tiêu phải là một số từ 0 đến 1.000."; got != want {
		t.Errorf("field message %q, want %q", got, want)
	}
	want := []errs.Problem{
		{Field: "criteria.5.exceed_bonus", Code: errs.OutOfRange, Message: "điểm cộng khi vượt chỉ tiêu phải là một số từ 0 đến 1.000"},
		{Field: "criteria.5.max", Code: errs.OutOfRange, Message: "điểm tối đa phải lớn hơn 0"},
	}
	if !reflect.DeepEqual(e.Problems, want) {
		t.Errorf("problems\n got %+v\nwant %+v", e.Problems, want)
	}
}

func fieldsOf(err error) map[string]string {
	if e, ok := errs.As(err); ok {
		return e.Fields
	}
	return nil
}

// The third tie-break: with the same total and the same share of arisen
// indicators met, the higher share of exceedable indicators exceeded ranks
// first, before deductions and before the unit code.
func TestRankThirdTieBreakIsTheShareExceeded(t *testing.T) {
	in := []Standing{
		// 5 of 10 exceeded, no deduction, first by code.
		{UnitID: 1, UnitCode: "A", Total: 90, Reviewed: true, Achievement: Achievement{Arisen: 10, Met: 10, Exceedable: 10, Exceeded: 5}},
		// 6 of 10 exceeded, but 1 point deducted.
		{UnitID: 2, UnitCode: "B", Total: 90, Reviewed: true, Deduction: 1, Achievement: Achievement{Arisen: 10, Met: 10, Exceedable: 10, Exceeded: 6}},
		// 3 of 5 exceeded: the same 60 % as B, and no deduction.
		{UnitID: 3, UnitCode: "C", Total: 90, Reviewed: true, Achievement: Achievement{Arisen: 10, Met: 10, Exceedable: 5, Exceeded: 3}},
	}
	var ids []int64
	var ranks []int
	for _, s := range Rank(in) {
		ids, ranks = append(ids, s.UnitID), append(ranks, s.Rank)
	}
	// C and B both exceeded 60 %; C has fewer deductions. A's 50 % is last.
	if !reflect.DeepEqual(ids, []int64{3, 2, 1}) || !reflect.DeepEqual(ranks, []int{1, 2, 3}) {
		t.Fatalf("order %v ranks %v, want [3 2 1] [1 2 3]", ids, ranks)
	}
}

// A rate whose target is 100 % can be met but never exceeded: it counts as
// met, not as exceedable, and earns no exceed bonus. A target just under
// 100 % can be exceeded.
func TestTargetOfHundredPercentCanOnlyBeMet(t *testing.T) {
	for _, c := range []struct {
		name               string
		target             float64
		points             float64
		outcome            Outcome
		exceedable, exceed int
	}{
		{"target 100 %, 10 of 10", 100, 10, Met, 0, 0},
		{"target 99,9 %, 10 of 10", 99.9, 11, Exceeded, 1, 1},
	} {
		crit := Criterion{ID: 1, Method: Indicator, Max: 10, ExceedBonus: 1, Numerator: "x", Denominator: "y",
			Direction: Higher, TargetSector: f(c.target), Below: Nothing}
		r := Evaluate(Table{Criteria: []Criterion{crit}}, map[int64]Entry{1: {Numerator: f(10), Denominator: f(10)}}, nil)
		want := Achievement{Arisen: 1, Met: 1, Exceedable: c.exceedable, Exceeded: c.exceed}
		if l := r.Lines[0]; l.Points != c.points || l.Outcome != c.outcome || r.Achievement != want {
			t.Errorf("%s: points %v outcome %q achievement %+v; want %v %q %+v", c.name, l.Points, l.Outcome, r.Achievement, c.points, c.outcome, want)
		}
	}
}

// A row not answered yet counts with 0 of its points: its maximum stays in
// what applied, unlike a row marked "không phát sinh", which is rescaled
// away. A row switched off for the unit is left out whether answered or not.
func TestUnansweredRowsCountAsZero(t *testing.T) {
	tb := table() // indicators 2 (20 points, ≥ 90 %) and 3 (30, ≥ 100 %), fixed 5 (50)
	ok2 := Entry{Numerator: f(9), Denominator: f(10)}
	for _, c := range []struct {
		name                 string
		entries              map[int64]Entry
		adj                  map[int64]Adjustment
		raw, applicable, tot float64
		arisen               int
		excluded             [3]bool // rows 2, 3, 5
	}{
		// 20 + 0 + 40 of 20 + 30 + 50 = 60 of 100.
		{"indicator 3 unanswered", map[int64]Entry{2: ok2, 5: {Score: f(40)}}, nil, 60, 100, 60, 1, [3]bool{}},
		// 20 + 40 of 20 + 50: 60 × 100 / 70 = 85,714… → 85,71.
		{"indicator 3 không phát sinh", map[int64]Entry{2: ok2, 3: {NotArisen: true}, 5: {Score: f(40)}}, nil, 60, 70, 85.71, 1, [3]bool{false, true, false}},
		// 20 + 0 of 20 + 50 (3 did not arise): 20 × 100 / 70 = 28,571… → 28,57.
		{"fixed row 5 unanswered", map[int64]Entry{2: ok2, 3: {NotArisen: true}}, nil, 20, 70, 28.57, 1, [3]bool{false, true, false}},
		// Switched off: as if it were not in the table, 60 of 70 → 85,71.
		{"indicator 3 unanswered and switched off", map[int64]Entry{2: ok2, 5: {Score: f(40)}},
			map[int64]Adjustment{3: {CriterionID: 3, Share: 0}}, 60, 70, 85.71, 1, [3]bool{false, true, false}},
		// Nothing answered: 0 of 100.
		{"nothing answered", map[int64]Entry{}, nil, 0, 100, 0, 0, [3]bool{}},
	} {
		r := Evaluate(tb, c.entries, c.adj)
		excluded := [3]bool{r.Lines[1].Excluded, r.Lines[2].Excluded, r.Lines[4].Excluded}
		if r.Raw != c.raw || r.Applicable != c.applicable || r.Total != c.tot || r.Arisen != c.arisen || excluded != c.excluded {
			t.Errorf("%s: raw %v applicable %v total %v arisen %d excluded %v; want %v %v %v %d %v",
				c.name, r.Raw, r.Applicable, r.Total, r.Arisen, excluded, c.raw, c.applicable, c.tot, c.arisen, c.excluded)
		}
	}
}

// Numbers beyond what a criterion can measure are field errors, never
// values for the database (1e308 used to be a "numeric field overflow");
// and a count indicator (số đếm) takes no denominator, whoever sends it.
func TestEntryRanges(t *testing.T) {
	tb := table()
	tb.Criteria = append(tb.Criteria, Criterion{ID: 8, Code: "4", Name: "Bị can được đình chỉ", Method: Indicator, Max: 5,
		Numerator: "bị can", Direction: Zero})
	nan := math.NaN()
	for _, tc := range []struct {
		id   int64
		e    Entry
		want string
	}{
		{2, Entry{Numerator: f(1e308), Denominator: f(1e308)}, "Tiêu chí 1: tử số phải là một số từ 0 đến 1.000.000.000."},
		{2, Entry{Numerator: f(5), Denominator: f(2e9)}, "Tiêu chí 1: mẫu số phải là một số từ 0 đến 1.000.000.000."},
		{7, Entry{Score: f(1e308), Explanation: "x"}, "Tiêu chí TR: điểm phải là một số từ 0 đến 1.000."},
		{5, Entry{Score: &nan}, "Tiêu chí 3: điểm phải là một số từ 0 đến 1.000."},
		{8, Entry{Numerator: f(2), Denominator: f(10)}, "Tiêu chí 4: chỉ tiêu này là số đếm, không có mẫu số."},
		{2, Entry{Score: f(3), Numerator: f(1), Denominator: f(2)}, "Tiêu chí 1: điểm của chỉ tiêu được tính từ tử số, mẫu số; không nhập điểm."},
		{5, Entry{Score: f(3), Numerator: f(1)}, "Tiêu chí 3: tiêu chí chấm trực tiếp không có tử số; nhập điểm."},
	} {
		got := fieldsOf(ValidateEntries(tb, map[int64]Entry{tc.id: tc.e}))[fmt.Sprintf("c%d", tc.id)]
		if got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.e, got, tc.want)
		}
	}
	if err := ValidateEntries(tb, map[int64]Entry{8: {Numerator: f(0)}, 2: {Numerator: f(9), Denominator: f(10)}}); err != nil {
		t.Errorf("a count and a rate within range: %v", err)
	}
}

func TestTableRanges(t *testing.T) {
	for name, change := range map[string]func(*Criterion){
		"max":    func(c *Criterion) { c.Max = 1e308 },
		"bonus":  func(c *Criterion) { c.ExceedBonus = 1e308 },
		"target": func(c *Criterion) { c.TargetSector = f(1e308) },
		"nan":    func(c *Criterion) { c.Max = math.NaN() },
	} {
		tb := table()
		tb.Name = "Bảng"
		change(&tb.Criteria[1])
		if got := fieldsOf(ValidateTable(tb))["criteria.2"]; !strings.Contains(got, "phải là một số từ 0 đến") {
			t.Errorf("%s: %q", name, got)
		}
	}
}
