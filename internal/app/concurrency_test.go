package app_test

// Concurrency: several people working on the same filing at once, and a
// whole cluster submitting in the last minute before the deadline. Each
// test has its own database (dbtest) and races real transactions.

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/scoring"
	"thidua/internal/store"
)

// startTogether runs the functions in goroutines released at the same
// instant, and waits for all of them.
func startTogether(fns ...func()) {
	var ready, done sync.WaitGroup
	gate := make(chan struct{})
	for _, fn := range fns {
		ready.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			ready.Done()
			<-gate
			fn()
		}()
	}
	ready.Wait()
	close(gate)
	done.Wait()
}

// wantStale checks that err is the optimistic-locking refusal, in
// Vietnamese, telling the loser their change was not saved.
func wantStale(t *testing.T, who string, err error) {
	t.Helper()
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Conflict {
		t.Fatalf("%s: want a conflict, got %v", who, err)
	}
	for _, part := range []string{"Bản tự chấm điểm", "người khác", "chưa được lưu"} {
		if !strings.Contains(e.Message, part) {
			t.Fatalf("%s: conflict message %q lacks %q", who, e.Message, part)
		}
	}
}

// changes counts a filing's recorded changes by side.
func changes(t *testing.T, f *fixture, filingID int64) map[string]int {
	t.Helper()
	h, err := f.Store.ScoreChanges(f.ctx, filingID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, c := range h {
		out[c.Side]++
	}
	return out
}

// entries answers every row of the fixture's table, criterion 3 with score3.
func (s *scoringFixture) entries(score3 float64) map[int64]scoring.Entry {
	return map[int64]scoring.Entry{s.crit("1"): {Numerator: fp(9), Denominator: fp(10)}, s.crit("2"): {Numerator: fp(0)}, s.crit("3"): {Score: fp(score3)}}
}

// ngheAnFiling is the scoring fixture on 20/11/2040 with Nghệ An's filing
// saved (criterion 3 at score3), and submitted if asked.
func ngheAnFiling(t *testing.T, score3 float64, submit bool) (*scoringFixture, app.FilingView) {
	t.Helper()
	s := newScoringFixture(t)
	s.Now = func() time.Time { return time.Date(2040, 11, 20, 9, 0, 0, 0, time.UTC) }
	v, err := s.SaveSelf(s.ctx, s.nghe, 2040, s.na, 0, s.entries(score3), submit, "")
	if err != nil {
		t.Fatal(err)
	}
	return s, v
}

// The unit's officer, this year's cluster head and the board act on the
// same submitted filing, all from the same loaded version: exactly one
// writes, the others are refused and nothing of theirs is stored. Several
// rounds, so the race is won by different people.
func TestFilingThreeWayRace(t *testing.T) {
	t.Parallel()
	s, v := ngheAnFiling(t, 40, true)
	f, c3 := s.fixture, s.crit("3")
	all, mine := s.entries(40), s.entries(39)
	const rounds = 8
	wins := map[string]int{}
	for r := range rounds {
		if v.Filing.Status != scoring.Submitted {
			t.Fatalf("round %d starts from %s", r, v.Filing.Status)
		}
		version, id := v.Filing.Version, v.Filing.ID
		before := changes(t, f, id)
		var headErr, boardErr, unitErr error
		comment := fmt.Sprintf("Cụm trưởng, vòng %d", r)
		reason := fmt.Sprintf("Hội đồng trả lại, vòng %d", r)
		startTogether(
			func() {
				_, headErr = f.ReviewFiling(f.ctx, s.head, 2040, s.na, version, map[int64]scoring.Review{c3: {Score: fp(35), Comment: comment}}, app.ReviewSave, "")
			},
			func() {
				_, boardErr = f.ReviewFiling(f.ctx, f.board, 2040, s.na, version, nil, app.ReviewReturn, reason)
			},
			func() { _, unitErr = f.SaveSelf(f.ctx, s.nghe, 2040, s.na, version, mine, false, "sửa lại") },
		)
		// The unit may not touch a submitted filing: whether it read it
		// before or after a reviewer's write, it is refused.
		if c := errs.CodeOf(unitErr); unitErr == nil || c != errs.Conflict && c != errs.Invalid {
			t.Fatalf("round %d: the unit's save of a submitted filing: %v", r, unitErr)
		}
		if unitErr != nil && errs.CodeOf(unitErr) == errs.Conflict {
			wantStale(t, "unit", unitErr)
		}
		cur, err := f.Filing(f.ctx, f.board, 2040, s.na)
		if err != nil {
			t.Fatal(err)
		}
		after := changes(t, f, id)
		if cur.Filing.Version != version+1 {
			t.Fatalf("round %d: version %d → %d, want exactly one write", r, version, cur.Filing.Version)
		}
		if cur.Self.Raw != v.Self.Raw || cur.Filing.Self[c3].Score == nil || *cur.Filing.Self[c3].Score != 40 {
			t.Fatalf("round %d: the unit's refused change reached the filing: %+v", r, cur.Filing.Self[c3])
		}
		if after["self"] != before["self"] {
			t.Fatalf("round %d: self changes recorded for a refused save: %d → %d", r, before["self"], after["self"])
		}
		switch {
		case headErr == nil && boardErr != nil:
			wantStale(t, "board", boardErr)
			wins["head"]++
			got := cur.Filing.Review[c3]
			if cur.Filing.Status != scoring.Submitted || got.Score == nil || *got.Score != 35 || got.Comment != comment {
				t.Fatalf("round %d: head won but the filing is %s with %+v", r, cur.Filing.Status, got)
			}
			if after["review"]-before["review"] != 2 || after["status"] != before["status"] {
				t.Fatalf("round %d: head's write recorded %d review and %d status changes, want 2 and 0", r,
					after["review"]-before["review"], after["status"]-before["status"])
			}
			// Set up the next round: the board returns it, the unit resubmits.
			if cur, err = f.ReviewFiling(f.ctx, f.board, 2040, s.na, cur.Filing.Version, nil, app.ReviewReturn, "chuẩn bị vòng sau"); err != nil {
				t.Fatal(err)
			}
		case boardErr == nil && headErr != nil:
			wantStale(t, "head", headErr)
			wins["board"]++
			if cur.Filing.Status != scoring.Returned || cur.Filing.ReturnReason != reason || len(cur.Filing.Review) != 0 {
				t.Fatalf("round %d: board won but the filing is %s (%q) with review %+v", r, cur.Filing.Status, cur.Filing.ReturnReason, cur.Filing.Review)
			}
			if after["status"]-before["status"] != 1 || after["review"] != before["review"] {
				t.Fatalf("round %d: board's return recorded %d status and %d review changes, want 1 and 0", r,
					after["status"]-before["status"], after["review"]-before["review"])
			}
		default:
			t.Fatalf("round %d: want exactly one reviewer to win, head: %v, board: %v", r, headErr, boardErr)
		}
		if v, err = f.SaveSelf(f.ctx, s.nghe, 2040, s.na, cur.Filing.Version, all, true, "nộp lại"); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d rounds: %v", rounds, wins)
}

// Read, add one, write back, from several places at once: the unit's
// officer in two browser tabs while drafting, then the cluster head and
// two board members while reviewing. With optimistic locking the losers
// reload and retry, so every increment lands exactly once and the
// history shows an unbroken chain 0 → 1 → … → n.
func TestFilingIncrementsNoLostUpdate(t *testing.T) {
	t.Parallel()
	s, v := ngheAnFiling(t, 0, false)
	f, c3 := s.fixture, s.crit("3")
	var err error
	const perWriter = 6
	deadline := time.Now().Add(60 * time.Second)

	// increment runs one writer's read-modify-write loop; it returns the
	// number of conflicts met.
	increment := func(name string, load func() (app.FilingView, error), write func(v app.FilingView, i int) error) (int, error) {
		conflicts := 0
		for i := 0; i < perWriter; {
			if time.Now().After(deadline) {
				return conflicts, fmt.Errorf("%s: still retrying at the deadline after %d increments", name, i)
			}
			v, err := load()
			if err != nil {
				return conflicts, err
			}
			err = write(v, i)
			switch {
			case err == nil:
				i++
			case errs.CodeOf(err) == errs.Conflict:
				if e, _ := errs.As(err); !strings.Contains(e.Message, "chưa được lưu") {
					return conflicts, fmt.Errorf("%s: unclear conflict message %q", name, e.Message)
				}
				conflicts++
			default:
				return conflicts, fmt.Errorf("%s: %w", name, err)
			}
		}
		return conflicts, nil
	}
	run := func(writers map[string]func() (int, error)) int {
		var mu sync.Mutex
		total := 0
		var fns []func()
		for name, w := range writers {
			fns = append(fns, func() {
				n, err := w()
				mu.Lock()
				defer mu.Unlock()
				total += n
				if err != nil {
					t.Error(name, err)
				}
			})
		}
		startTogether(fns...)
		if t.Failed() {
			t.FailNow()
		}
		return total
	}

	// Drafting: two tabs of the unit's officer.
	loadUnit := func() (app.FilingView, error) { return f.Filing(f.ctx, s.nghe, 2040, s.na) }
	unitWrite := func(v app.FilingView, i int) error {
		next := map[int64]scoring.Entry{}
		for id, e := range v.Filing.Self {
			next[id] = e
		}
		e := next[c3]
		e.Score = fp(*e.Score + 1)
		next[c3] = e
		_, err := f.SaveSelf(f.ctx, s.nghe, 2040, s.na, v.Filing.Version, next, false, "")
		return err
	}
	unitWriters := map[string]func() (int, error){}
	for _, tab := range []string{"tab 1", "tab 2"} {
		unitWriters[tab] = func() (int, error) { return increment(tab, loadUnit, unitWrite) }
	}
	selfConflicts := run(unitWriters)
	cur, _ := loadUnit()
	if got := *cur.Filing.Self[c3].Score; got != 2*perWriter || cur.Filing.Version != v.Filing.Version+2*perWriter {
		t.Fatalf("after drafting: criterion 3 = %v at version %d, want %d at %d", got, cur.Filing.Version, 2*perWriter, v.Filing.Version+2*perWriter)
	}

	// Reviewing: the head and two board members.
	if v, err = f.SaveSelf(f.ctx, s.nghe, 2040, s.na, cur.Filing.Version, cur.Filing.Self, true, ""); err != nil {
		t.Fatal(err)
	}
	if v, err = f.ReviewFiling(f.ctx, s.head, 2040, s.na, v.Filing.Version, map[int64]scoring.Review{c3: {Score: fp(0), Comment: "bắt đầu"}}, app.ReviewSave, ""); err != nil {
		t.Fatal(err)
	}
	board2 := f.board
	board2.UserID = f.admin.UserID // a second member of the board, another account
	reviewers := map[string]func() (int, error){}
	for name, p := range map[string]auth.Principal{"cụm trưởng": s.head, "hội đồng 1": f.board, "hội đồng 2": board2} {
		load := func() (app.FilingView, error) { return f.Filing(f.ctx, p, 2040, s.na) }
		write := func(v app.FilingView, i int) error {
			next := map[int64]scoring.Review{}
			for id, r := range v.Filing.Review {
				next[id] = r
			}
			r := next[c3]
			r.Score, r.Comment = fp(*r.Score+1), fmt.Sprintf("%s, lần %d", name, i+1)
			next[c3] = r
			_, err := f.ReviewFiling(f.ctx, p, 2040, s.na, v.Filing.Version, next, app.ReviewSave, "")
			return err
		}
		reviewers[name] = func() (int, error) { return increment(name, load, write) }
	}
	reviewConflicts := run(reviewers)
	cur, _ = f.Filing(f.ctx, f.board, 2040, s.na)
	if got := *cur.Filing.Review[c3].Score; got != 3*perWriter || cur.Filing.Version != v.Filing.Version+3*perWriter {
		t.Fatalf("after reviewing: criterion 3 = %v at version %d, want %d at %d", got, cur.Filing.Version, 3*perWriter, v.Filing.Version+3*perWriter)
	}

	// The history: each side's score of criterion 3 went up by one at a
	// time, every value once.
	h, err := f.Store.ScoreChanges(f.ctx, cur.Filing.ID)
	if err != nil {
		t.Fatal(err)
	}
	chain := map[string][]store.ScoreChange{}
	for i := len(h) - 1; i >= 0; i-- { // oldest first
		c := h[i]
		if c.CriterionID != nil && *c.CriterionID == c3 && c.Field == "score" {
			chain[c.Side] = append(chain[c.Side], c)
		}
	}
	for side, want := range map[string]int{"self": 2 * perWriter, "review": 3 * perWriter} {
		got := chain[side]
		if len(got) > 0 && got[0].NewValue == "0" {
			got = got[1:] // the first value, 0, set before the race
		}
		if len(got) != want {
			t.Fatalf("%s: %d score changes of criterion 3 recorded, want %d: %+v", side, len(got), want, got)
		}
		for i, c := range got {
			if c.OldValue != strconv.Itoa(i) || c.NewValue != strconv.Itoa(i+1) {
				t.Fatalf("%s change %d: %s → %s, want %d → %d (a lost or repeated update)", side, i, c.OldValue, c.NewValue, i, i+1)
			}
		}
	}
	t.Logf("conflicts met and retried: %d while drafting, %d while reviewing", selfConflicts, reviewConflicts)
}

// The last minute before the deadline: every province of a national
// cluster submits at once, each with a double click (two identical
// requests), and a few arrive one minute too late. Every unit on time is
// stored once, with one submission in its history; the late ones are
// refused and leave nothing.
func TestDeadlineRush(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const year = 2045
	f.openYear(t, year)
	deadline := time.Date(year, 11, 30, 0, 0, 0, 0, time.UTC)
	y, err := f.Year(f.ctx, f.board, year)
	if err != nil {
		t.Fatal(err)
	}
	y.SelfAssessmentDeadline = &deadline
	if _, err := f.SaveYear(f.ctx, f.board, y); err != nil {
		t.Fatal(err)
	}
	provinces, _, err := f.Store.ListUnits(f.ctx, org.UnitFilter{Type: org.TypeProvincial, On: time.Date(year, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(provinces) < 34 {
		t.Fatalf("%d provinces in %d, want the 34 after the merger", len(provinces), year)
	}
	members := make([]int64, len(provinces))
	for i, u := range provinces {
		members[i] = u.ID
	}
	if _, err := f.SaveCluster(f.ctx, f.board, 0, app.ClusterInput{Year: year, Level: "national", Number: 1, Members: members}); err != nil {
		t.Fatal(err)
	}
	rows := scoring.Table{Criteria: []scoring.Criterion{
		{Code: "1", Name: "Tin báo giải quyết đúng hạn", Method: scoring.Indicator, Max: 50, Numerator: "tin báo đúng hạn",
			Denominator: "tin báo phải giải quyết", Direction: scoring.Higher, TargetNA: fp(90)},
		{Code: "2", Name: "Đoàn kết nội bộ", Method: scoring.Fixed, Max: 50},
	}}
	info, err := f.SaveTable(f.ctx, f.board, scoring.TableInfo{Year: year, Name: "Bảng tiêu chí 2045", Level: "national", UnitType: "provincial"}, rows)
	if err != nil {
		t.Fatal(err)
	}
	table, err := f.Store.Table(f.ctx, info.ID)
	if err != nil {
		t.Fatal(err)
	}
	c1, c2 := table.Criteria[0].ID, table.Criteria[1].ID

	// 23:59 in Hà Nội on the last day (16:59 UTC), and 00:01 the next day.
	f.Now = func() time.Time { return time.Date(year, 11, 30, 16, 59, 0, 0, time.UTC) }
	late := app.New(f.Store, f.Hasher, app.FixedClock(time.Date(year, 11, 30, 17, 1, 0, 0, time.UTC)))
	const lateUnits = 4
	onTime := members[:len(members)-lateUnits]

	type outcome struct {
		unit int64
		err  error
	}
	var mu sync.Mutex
	var outcomes []outcome
	var fns []func()
	for i, id := range members {
		a, clicks := f.App, 2
		if i >= len(onTime) {
			a, clicks = late, 1
		}
		for range clicks {
			fns = append(fns, func() {
				entries := map[int64]scoring.Entry{c1: {Numerator: fp(float64(90 + i%10)), Denominator: fp(100)}, c2: {Score: fp(float64(40 + i%10))}}
				_, err := a.SaveSelf(f.ctx, f.officerOf(id), year, id, 0, entries, true, "nộp trước hạn")
				mu.Lock()
				outcomes = append(outcomes, outcome{id, err})
				mu.Unlock()
			})
		}
	}
	began := time.Now()
	startTogether(fns...)
	elapsed := time.Since(began)

	ok, conflicts := map[int64]int{}, map[int64]int{}
	for _, o := range outcomes {
		switch {
		case o.err == nil:
			ok[o.unit]++
		case errs.CodeOf(o.err) == errs.Conflict:
			conflicts[o.unit]++
			wantStale(t, "second click", o.err)
		case errs.CodeOf(o.err) == errs.Invalid && strings.Contains(o.err.Error(), "Đã hết hạn nộp"):
		default:
			t.Errorf("unit %d: %v", o.unit, o.err)
		}
	}
	for i, id := range members {
		wantOK, wantConflict := 1, 1
		if i >= len(onTime) {
			wantOK, wantConflict = 0, 0
		}
		if ok[id] != wantOK || conflicts[id] != wantConflict {
			t.Errorf("%s: %d saved and %d refused as stale, want %d and %d", provinces[i].Name, ok[id], conflicts[id], wantOK, wantConflict)
		}
	}

	// What the database holds: one filing per unit on time, submitted, at
	// version 1, with its two entries and one recorded submission.
	var counts struct {
		Filings, Submitted, Entries, StatusChanges, SelfChanges, Units int64
	}
	err = f.Store.ScanForTest(&counts, `SELECT
		(SELECT count(*) FROM assessments WHERE year = ?) AS filings,
		(SELECT count(*) FROM assessments WHERE year = ? AND status = 'submitted' AND version = 1) AS submitted,
		(SELECT count(*) FROM assessment_entries e JOIN assessments a ON a.id = e.assessment_id WHERE a.year = ?) AS entries,
		(SELECT count(*) FROM score_changes c JOIN assessments a ON a.id = c.assessment_id WHERE a.year = ? AND c.side = 'status') AS status_changes,
		(SELECT count(*) FROM score_changes c JOIN assessments a ON a.id = c.assessment_id WHERE a.year = ? AND c.side = 'self') AS self_changes,
		(SELECT count(DISTINCT unit_id) FROM assessments WHERE year = ?) AS units`,
		year, year, year, year, year, year)
	if err != nil {
		t.Fatal(err)
	}
	n := int64(len(onTime))
	// Each submission records its status change and one change per field
	// entered (numerator, denominator; score).
	if counts.Filings != n || counts.Submitted != n || counts.Units != n || counts.Entries != 2*n || counts.StatusChanges != n || counts.SelfChanges != 3*n {
		t.Fatalf("stored for %d units on time: %+v", n, counts)
	}
	var lateRows int64
	lateIDs := members[len(onTime):]
	if err := f.Store.ScanForTest(&lateRows, `SELECT count(*) FROM assessments WHERE year = ? AND unit_id IN ?`, year, lateIDs); err != nil || lateRows != 0 {
		t.Fatalf("late units stored %d filings (%v)", lateRows, err)
	}
	t.Logf("%d units × 2 clicks + %d late, %d requests at once: %v", n, lateUnits, len(fns), elapsed.Round(time.Millisecond))
}
