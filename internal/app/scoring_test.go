package app_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/scoring"
	"thidua/internal/seed"
)

func fp(v float64) *float64 { return &v }

// scoringFixture: year 2040 with cluster Thanh Hóa (head), Nghệ An, Hà Tĩnh
// (deputy); in 2039 Nghệ An was head. A small table of 4 scored rows.
type scoringFixture struct {
	*fixture
	th, na, ht int64
	table      scoring.Table
	head, nghe auth.Principal
}

func newScoringFixture(t *testing.T) *scoringFixture {
	t.Helper()
	return newScoringFixtureWith(t, scoring.Table{Criteria: []scoring.Criterion{
		{Code: "I", Name: "Công tố", Method: scoring.Group},
		{ParentID: 1, Code: "1", Name: "Tin báo giải quyết đúng hạn", Method: scoring.Indicator, Max: 40, Numerator: "tin báo đúng hạn",
			Denominator: "tin báo phải giải quyết", Direction: scoring.Higher, TargetNA: fp(90), TargetSector: fp(95), ExceedBonus: 1},
		{ParentID: 1, Code: "2", Name: "Không có bị can Tòa tuyên không phạm tội", Method: scoring.Indicator, Max: 20, Numerator: "bị can", Direction: scoring.Zero},
		{Code: "II", Name: "Xây dựng Ngành", Method: scoring.Group},
		{ParentID: 4, Code: "3", Name: "Đoàn kết nội bộ", Method: scoring.Fixed, Max: 40},
		{Code: "T", Name: "Điểm thưởng", Method: scoring.Bonus, Max: 5},
	}})
}

// newScoringFixtureWith is the scoring fixture with another 2040 table
// (rows name their parents by position).
func newScoringFixtureWith(t *testing.T, rows scoring.Table) *scoringFixture {
	t.Helper()
	f := newFixture(t)
	s := &scoringFixture{fixture: f}
	m := f.ids(t, "Thanh Hóa", "Nghệ An", "Hà Tĩnh")
	s.th, s.na, s.ht = m[0], m[1], m[2]
	for _, y := range []int{2039, 2040} {
		f.openYear(t, y)
		c, err := f.SaveCluster(f.ctx, f.board, 0, app.ClusterInput{Year: y, Level: "national", Number: 9, Members: m})
		if err != nil {
			t.Fatal(err)
		}
		head, deputy := s.th, s.ht
		if y == 2039 {
			head, deputy = s.na, s.th
		}
		if _, err := f.Designate(f.ctx, f.board, c.ID, c.Version, cluster.Designation{HeadUnitID: head, DeputyUnitID: deputy}); err != nil {
			t.Fatal(err)
		}
	}
	info, err := f.SaveTable(f.ctx, f.board, scoring.TableInfo{Year: 2040, Name: "Bảng tiêu chí 2040", Level: "national", UnitType: "provincial"}, rows)
	if err != nil {
		t.Fatal(err)
	}
	if s.table, err = f.Store.Table(f.ctx, info.ID); err != nil {
		t.Fatal(err)
	}
	s.head, s.nghe = f.officerOf(s.th), f.officerOf(s.na)
	return s
}

func (s *scoringFixture) crit(code string) int64 {
	for _, c := range s.table.Criteria {
		if c.Code == code {
			return c.ID
		}
	}
	panic(code)
}

func TestFilingReturnedThenReviewed(t *testing.T) {
	t.Parallel()
	s := newScoringFixture(t)
	f := s.fixture
	f.Now = func() time.Time { return time.Date(2040, 11, 20, 9, 0, 0, 0, time.UTC) }
	c1, c2, c3, bonus := s.crit("1"), s.crit("2"), s.crit("3"), s.crit("T")

	// Only Nghệ An's officer files for Nghệ An.
	_, err := f.SaveSelf(f.ctx, s.head, 2040, s.na, 0, nil, false, "")
	wantCode(t, err, errs.Forbidden)
	_, err = f.SaveSelf(f.ctx, f.viewer, 2040, s.na, 0, nil, false, "")
	wantCode(t, err, errs.Forbidden)

	entries := map[int64]scoring.Entry{c1: {Numerator: fp(98), Denominator: fp(100)}, c3: {Score: fp(38)}}
	v, err := f.SaveSelf(f.ctx, s.nghe, 2040, s.na, 0, entries, false, "bản nháp đầu")
	if err != nil {
		t.Fatal(err)
	}
	if v.Filing.Status != scoring.Draft || v.Self.Total != 0 && v.Self.Raw != 79 {
		t.Fatalf("draft: %s %+v", v.Filing.Status, v.Self)
	}
	// Submitting with a row unanswered is refused, naming it.
	_, err = f.SaveSelf(f.ctx, s.nghe, 2040, s.na, v.Filing.Version, entries, true, "")
	wantCode(t, err, errs.Invalid)
	// Numerator above denominator and an unexplained bonus are refused by field.
	bad := map[int64]scoring.Entry{c1: {Numerator: fp(101), Denominator: fp(100)}, c2: {Numerator: fp(0)}, c3: {Score: fp(38)}, bonus: {Score: fp(2)}}
	_, err = f.SaveSelf(f.ctx, s.nghe, 2040, s.na, v.Filing.Version, bad, true, "")
	e, _ := errs.As(err)
	if e == nil || e.Fields[fmt.Sprintf("c%d", c1)] == "" || e.Fields[fmt.Sprintf("c%d", bonus)] == "" {
		t.Fatalf("bad entries: %v", err)
	}
	entries[c2] = scoring.Entry{NotArisen: true, Explanation: "Không có vụ án bị Tòa tuyên không phạm tội phải xét"}
	entries[bonus] = scoring.Entry{Score: fp(2), Explanation: "Mô hình mới về kiểm sát trực tuyến"}
	v, err = f.SaveSelf(f.ctx, s.nghe, 2040, s.na, v.Filing.Version, entries, true, "nộp")
	if err != nil {
		t.Fatal(err)
	}
	// 98 % exceeds both targets: 40 + 1; fixed 38; indicator 2 left out → (41 + 38) × 100/80 = 98,75; bonus 2.
	if v.Filing.Status != scoring.Submitted || v.Self.Scaled != 98.75 || v.Self.Total != 100.75 {
		t.Fatalf("submitted: %s %+v", v.Filing.Status, v.Self)
	}
	// Read-only for the unit now.
	_, err = f.SaveSelf(f.ctx, s.nghe, 2040, s.na, v.Filing.Version, entries, false, "")
	wantCode(t, err, errs.Invalid)

	// Reviewers: last year's head (Nghệ An itself) and the deputy may not review Nghệ An; this year's head may.
	_, err = f.ReviewFiling(f.ctx, f.officerOf(s.ht), 2040, s.na, v.Filing.Version, nil, app.ReviewSave, "")
	wantCode(t, err, errs.Forbidden)
	_, err = f.ReviewFiling(f.ctx, s.nghe, 2040, s.na, v.Filing.Version, nil, app.ReviewSave, "")
	wantCode(t, err, errs.Forbidden)
	// Returning needs a reason.
	_, err = f.ReviewFiling(f.ctx, s.head, 2040, s.na, v.Filing.Version, nil, app.ReviewReturn, "")
	wantField(t, err, "reason")
	v, err = f.ReviewFiling(f.ctx, s.head, 2040, s.na, v.Filing.Version, nil, app.ReviewReturn, "Thiếu tài liệu chứng minh tiêu chí 3")
	if err != nil || v.Filing.Status != scoring.Returned {
		t.Fatalf("return: %v %s", err, v.Filing.Status)
	}
	// The unit fixes and resubmits.
	entries[c3] = scoring.Entry{Score: fp(38), Evidence: "Biên bản họp chi bộ số 12 ngày 05/11/2040"}
	v, err = f.SaveSelf(f.ctx, s.nghe, 2040, s.na, v.Filing.Version, entries, true, "bổ sung tài liệu")
	if err != nil || v.Filing.Status != scoring.Submitted {
		t.Fatalf("resubmit: %v", err)
	}
	// The head lowers criterion 3 to 35 with a comment, and accepts.
	rev := map[int64]scoring.Review{c3: {Score: fp(35), Comment: "Còn đơn thư kéo dài"}}
	v, err = f.ReviewFiling(f.ctx, s.head, 2040, s.na, v.Filing.Version, rev, app.ReviewAccept, "")
	if err != nil {
		t.Fatal(err)
	}
	if v.Filing.Status != scoring.Reviewed || !v.Filing.Differs(c3) || v.Reviewed.Total != 97 {
		t.Fatalf("reviewed: %s differs %v total %v", v.Filing.Status, v.Filing.Differs(c3), v.Reviewed.Total)
	}
	// Every change is kept: who, old → new, why.
	h, err := f.FilingHistory(f.ctx, f.board, 2040, s.na)
	if err != nil {
		t.Fatal(err)
	}
	var lowered bool
	for _, ch := range h {
		if ch.Side == "review" && ch.Field == "score" && ch.OldValue == "38" && ch.NewValue == "35" && ch.Reason == "Còn đơn thư kéo dài" {
			lowered = true
		}
	}
	if !lowered || len(h) < 8 {
		t.Fatalf("history (%d rows) lacks the reviewer's change: %+v", len(h), h)
	}

	// The ranking uses the reviewed total, and ranks only the reviewed
	// unit: the two that have not filed are listed unranked after it.
	cs, nat, err := f.Ranking(f.ctx, f.viewer, 2040)
	if err != nil {
		t.Fatal(err)
	}
	for _, cr := range cs {
		if cr.Ranked != 1 || len(cr.Standings) != 3 || cr.Standings[0].UnitID != s.na {
			t.Fatalf("cluster ranking: %d ranked of %+v", cr.Ranked, cr.Standings)
		}
		for _, st := range cr.Standings {
			switch {
			case st.UnitID == s.na && (st.Total != 97 || st.Rank != 1 || !st.Reviewed || st.ScoreBasis != app.BasisReviewed):
				t.Fatalf("standing %+v", st)
			case st.UnitID != s.na && (st.Rank != 0 || st.Ranked() || st.ScoreBasis != app.BasisNone || st.Status != scoring.NotStarted):
				t.Fatalf("a unit without a reviewed filing is ranked: %+v", st)
			}
		}
	}
	for _, st := range nat {
		if st.Ranked() != (st.UnitID == s.na) {
			t.Fatalf("national: %+v", st)
		}
	}
}

// The head's own unit is reviewed by the deputy, not by itself.
func TestHeadReviewedByDeputy(t *testing.T) {
	t.Parallel()
	s := newScoringFixture(t)
	f := s.fixture
	f.Now = func() time.Time { return time.Date(2040, 11, 20, 9, 0, 0, 0, time.UTC) }
	all := map[int64]scoring.Entry{s.crit("1"): {Numerator: fp(9), Denominator: fp(10)}, s.crit("2"): {Numerator: fp(0)}, s.crit("3"): {Score: fp(40)}}
	v, err := f.SaveSelf(f.ctx, s.head, 2040, s.th, 0, all, true, "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.ReviewFiling(f.ctx, s.head, 2040, s.th, v.Filing.Version, nil, app.ReviewAccept, "")
	wantCode(t, err, errs.Forbidden)
	if _, err := f.ReviewFiling(f.ctx, f.officerOf(s.ht), 2040, s.th, v.Filing.Version, nil, app.ReviewAccept, ""); err != nil {
		t.Fatalf("deputy reviews the head: %v", err)
	}
}

// Two reviewers saving the same filing: one wins, the other is told; no
// update is lost.
func TestConcurrentReviewNoLostUpdate(t *testing.T) {
	t.Parallel()
	s := newScoringFixture(t)
	f := s.fixture
	f.Now = func() time.Time { return time.Date(2040, 11, 20, 9, 0, 0, 0, time.UTC) }
	all := map[int64]scoring.Entry{s.crit("1"): {Numerator: fp(9), Denominator: fp(10)}, s.crit("2"): {Numerator: fp(0)}, s.crit("3"): {Score: fp(40)}}
	v, err := f.SaveSelf(f.ctx, s.nghe, 2040, s.na, 0, all, true, "")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	results := make([]error, 2)
	for i, who := range []auth.Principal{s.head, f.board} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			score := float64(30 + i)
			_, results[i] = f.ReviewFiling(f.ctx, who, 2040, s.na, v.Filing.Version, map[int64]scoring.Review{s.crit("3"): {Score: &score, Comment: "x"}}, app.ReviewSave, "")
		}()
	}
	wg.Wait()
	ok, conflicts := 0, 0
	for _, err := range results {
		switch {
		case err == nil:
			ok++
		case errs.CodeOf(err) == errs.Conflict:
			conflicts++
		default:
			t.Fatal(err)
		}
	}
	if ok != 1 || conflicts != 1 {
		t.Fatalf("ok %d conflicts %d", ok, conflicts)
	}
}

func TestTableFrozenThenVersioned(t *testing.T) {
	t.Parallel()
	s := newScoringFixture(t)
	f := s.fixture
	f.Now = func() time.Time { return time.Date(2040, 11, 20, 9, 0, 0, 0, time.UTC) }
	info, _ := f.Store.TableInfo(f.ctx, s.table.ID)
	// Officers cannot change tables.
	_, err := f.SaveTable(f.ctx, s.head, scoring.TableInfo(info), s.table.Positional())
	wantCode(t, err, errs.Forbidden)
	all := map[int64]scoring.Entry{s.crit("1"): {Numerator: fp(9), Denominator: fp(10)}, s.crit("2"): {Numerator: fp(0)}, s.crit("3"): {Score: fp(40)}}
	if _, err := f.SaveSelf(f.ctx, s.nghe, 2040, s.na, 0, all, true, ""); err != nil {
		t.Fatal(err)
	}
	info, _ = f.Store.TableInfo(f.ctx, s.table.ID)
	if !info.Frozen {
		t.Fatal("table not frozen after a submission")
	}
	_, err = f.SaveTable(f.ctx, f.board, scoring.TableInfo(info), s.table.Positional())
	wantCode(t, err, errs.Invalid)
	_, err = f.NewTableVersion(f.ctx, f.board, info.ID, "")
	wantField(t, err, "change_reason")
	v2, err := f.NewTableVersion(f.ctx, f.board, info.ID, "Bổ sung tiêu chí theo Hướng dẫn số 33")
	if err != nil || v2.VersionNo != 2 || v2.Frozen {
		t.Fatalf("version 2: %+v %v", v2, err)
	}
	old, _ := f.Store.TableInfo(f.ctx, info.ID)
	if !old.Superseded {
		t.Fatal("old version not superseded")
	}
}

func TestDeadlineAndAdjustment(t *testing.T) {
	t.Parallel()
	s := newScoringFixture(t)
	f := s.fixture
	y, _ := f.Year(f.ctx, f.board, 2040)
	d := time.Date(2040, 11, 30, 0, 0, 0, 0, time.UTC)
	y.SelfAssessmentDeadline = &d
	if _, err := f.SaveYear(f.ctx, f.board, y); err != nil {
		t.Fatal(err)
	}
	// Criterion 3 applies to half the year for Nghệ An.
	if err := f.SetAdjustment(f.ctx, f.board, s.table.ID, s.na, scoring.Adjustment{CriterionID: s.crit("3"), Share: 0.5}); errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("adjustment without reason: %v", err)
	}
	if err := f.SetAdjustment(f.ctx, f.board, s.table.ID, s.na, scoring.Adjustment{CriterionID: s.crit("3"), Share: 0.5, Reason: "Hợp nhất từ 01/7"}); err != nil {
		t.Fatal(err)
	}
	wantCode(t, f.SetAdjustment(f.ctx, s.head, s.table.ID, s.na, scoring.Adjustment{CriterionID: s.crit("3"), Share: 0, Reason: "x"}), errs.Forbidden)
	f.Now = func() time.Time { return time.Date(2040, 12, 1, 9, 0, 0, 0, time.UTC) }
	all := map[int64]scoring.Entry{s.crit("1"): {Numerator: fp(9), Denominator: fp(10)}, s.crit("2"): {Numerator: fp(0)}, s.crit("3"): {Score: fp(40)}}
	_, err := f.SaveSelf(f.ctx, s.nghe, 2040, s.na, 0, all, true, "")
	wantCode(t, err, errs.Invalid)
	f.Now = func() time.Time { return time.Date(2040, 11, 29, 9, 0, 0, 0, time.UTC) }
	v, err := f.SaveSelf(f.ctx, s.nghe, 2040, s.na, 0, all, true, "")
	if err != nil {
		t.Fatal(err)
	}
	// 90 % meets the Assembly's 90 but not the sector's 95: 0; zero count met: 20; fixed 40 × 0,5 = 20 of 20.
	if v.Self.Applicable != 80 || v.Self.Raw != 40 || v.Self.Scaled != 50 {
		t.Fatalf("with adjustment: %+v", v.Self)
	}
	// The ranking applies the same adjustment.
	cs, _, err := f.Ranking(f.ctx, f.viewer, 2040)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, cr := range cs {
		for _, st := range cr.Standings {
			if st.UnitID == s.na {
				found = true
				if st.SelfTotal != v.Self.Total {
					t.Errorf("ranking total %v, filing total %v", st.SelfTotal, v.Self.Total)
				}
			}
		}
	}
	if !found {
		t.Error("Nghệ An is not ranked")
	}
}

func TestTableScopeRules(t *testing.T) {
	t.Parallel()
	s := newScoringFixture(t)
	f := s.fixture
	// One current main table per scope and year.
	_, err := f.SaveTable(f.ctx, f.board, scoring.TableInfo{Year: 2040, Name: "Bảng thứ hai", Level: "national", UnitType: "provincial"}, s.table.Positional())
	wantCode(t, err, errs.Invalid)
	// Values are checked, not left to the database.
	_, err = f.SaveTable(f.ctx, f.board, scoring.TableInfo{Year: 2040, Name: "X", Kind: "weekly", Level: "galaxy", UnitType: "ministry"}, s.table.Positional())
	e, _ := errs.As(err)
	if e == nil || e.Fields["kind"] == "" || e.Fields["level"] == "" || e.Fields["unit_type"] == "" {
		t.Fatalf("bad header: %v", err)
	}
	// A provincial council cannot take a sector table by pointing it at one of its blocs.
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa")).ID
	council := auth.Principal{UserID: f.board.UserID, Role: auth.RoleBoard, UnitID: th, BoardOf: th}
	bloc, err := f.SaveCluster(f.ctx, council, 0, app.ClusterInput{Year: 2040, Level: "bloc", Number: 1, OwnerUnitID: &th,
		Members: []int64{f.unit(t, seed.ProvinceCode("Thanh Hóa")+"-P2").ID, f.unit(t, seed.ProvinceCode("Thanh Hóa")+"-P3").ID}})
	if err != nil {
		t.Fatal(err)
	}
	info, _ := f.Store.TableInfo(f.ctx, s.table.ID)
	info.ClusterID = &bloc.ID
	_, err = f.SaveTable(f.ctx, council, scoring.TableInfo(info), s.table.Positional())
	wantCode(t, err, errs.Forbidden)
	// Copying defaults to the next year.
	f.openYear(t, 2041)
	c, err := f.CopyTable(f.ctx, f.board, s.table.ID, 0)
	if err != nil || c.Year != 2041 {
		t.Fatalf("copy: %+v %v", c, err)
	}
}
