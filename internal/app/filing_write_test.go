package app_test

import (
	"testing"
	"time"

	"thidua/internal/errs"
	"thidua/internal/scoring"
)

// A filing is written in one statement: its header, its entries and the
// changes recorded. A save rewrites only the entry rows that changed,
// deletes the rows no longer answered, adds the new ones and records each
// change against the filing; a save on a stale version writes nothing.
func TestFilingWriteRewritesOnlyChangedRows(t *testing.T) {
	t.Parallel()
	s := newScoringFixture(t)
	f := s.fixture
	f.Now = func() time.Time { return time.Date(2040, 11, 20, 9, 0, 0, 0, time.UTC) }
	c1, c2, c3, bonus := s.crit("1"), s.crit("2"), s.crit("3"), s.crit("T")

	v, err := f.SaveSelf(f.ctx, s.nghe, 2040, s.na, 0, map[int64]scoring.Entry{
		c1: {Numerator: fp(90), Denominator: fp(100)}, c2: {Numerator: fp(0)}, c3: {Score: fp(38), Evidence: "Biên bản"}}, false, "bản nháp đầu")
	if err != nil {
		t.Fatal(err)
	}
	// rowVersions is each entry row's xmin: the transaction that last wrote it.
	rowVersions := func() map[int64]string {
		var rows []struct {
			CriterionID int64
			Xmin        string
		}
		if err := f.Store.ScanForTest(&rows, "SELECT criterion_id, xmin::text AS xmin FROM assessment_entries WHERE assessment_id = ?", v.Filing.ID); err != nil {
			t.Fatal(err)
		}
		out := map[int64]string{}
		for _, r := range rows {
			out[r.CriterionID] = r.Xmin
		}
		return out
	}
	changes := func() int {
		var n int
		if err := f.Store.ScanForTest(&n, "SELECT count(*) FROM score_changes WHERE assessment_id = ?", v.Filing.ID); err != nil {
			t.Fatal(err)
		}
		return n
	}
	first, logged := rowVersions(), changes()
	if len(first) != 3 || logged == 0 {
		t.Fatalf("first save: entry rows %v, %d changes recorded; want 3 rows and the changes", first, logged)
	}

	// Row 1 changes, row 2 stays, row 3 is no longer answered, the bonus is new.
	v2, err := f.SaveSelf(f.ctx, s.nghe, 2040, s.na, v.Filing.Version, map[int64]scoring.Entry{
		c1: {Numerator: fp(97), Denominator: fp(100)}, c2: {Numerator: fp(0)}, bonus: {Score: fp(1), Explanation: "Sáng kiến"}}, false, "sửa")
	if err != nil {
		t.Fatal(err)
	}
	second := rowVersions()
	switch {
	case len(second) != 3:
		t.Fatalf("second save: entry rows %v, want criteria 1, 2 and the bonus", second)
	case second[c2] != first[c2]:
		t.Errorf("the unchanged row was rewritten (xmin %s → %s)", first[c2], second[c2])
	case second[c1] == first[c1] || second[bonus] == "":
		t.Errorf("the changed row or the new one was not written: before %v, after %v", first, second)
	}
	if _, ok := second[c3]; ok {
		t.Error("the row no longer answered was kept")
	}
	stored, err := f.Filing(f.ctx, f.board, 2040, s.na)
	if err != nil {
		t.Fatal(err)
	}
	if got := stored.Filing.Self; *got[c1].Numerator != 97 || *got[bonus].Score != 1 || got[bonus].Explanation != "Sáng kiến" ||
		stored.Filing.Version != v2.Filing.Version || stored.Self.Total != v2.Self.Total {
		t.Errorf("stored filing %+v (version %d, total %v), want what the save returned (version %d, total %v)",
			got, stored.Filing.Version, stored.Self.Total, v2.Filing.Version, v2.Self.Total)
	}
	if n := changes(); n <= logged {
		t.Errorf("%d changes recorded after the second save, %d before", n, logged)
	}

	// The first save's version is stale now: refused, nothing written.
	logged = changes()
	_, err = f.SaveSelf(f.ctx, s.nghe, 2040, s.na, v.Filing.Version, map[int64]scoring.Entry{c1: {Numerator: fp(10), Denominator: fp(100)}}, false, "cũ")
	wantCode(t, err, errs.Conflict)
	if after := rowVersions(); len(after) != 3 || after[c1] != second[c1] || changes() != logged {
		t.Errorf("a stale save wrote: rows %v (before %v), %d changes (before %d)", after, second, changes(), logged)
	}
}
