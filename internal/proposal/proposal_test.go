package proposal

import (
	"testing"
	"time"

	"thidua/internal/award"
	"thidua/internal/errs"
)

func TestLifeCycle(t *testing.T) {
	t.Parallel()
	// state → may it be edited, commented, rejected; is it public, live, still judged
	for _, c := range []struct {
		status                string
		edit, comment, reject bool
		public, live, judged  bool
	}{
		{Draft, true, false, false, false, true, true},
		{Submitted, false, true, true, true, true, true},
		{Approved, false, false, false, true, true, false},
		{Rejected, false, false, false, false, false, false},
	} {
		t.Run(c.status, func(t *testing.T) {
			if got := CheckEdit(c.status) == nil; got != c.edit {
				t.Errorf("edit %v, want %v", got, c.edit)
			}
			if got := CheckComment(c.status) == nil; got != c.comment {
				t.Errorf("comment %v, want %v", got, c.comment)
			}
			if got := CheckReject(c.status, "lý do") == nil; got != c.reject {
				t.Errorf("reject %v, want %v", got, c.reject)
			}
			if Public(c.status) != c.public || Live(c.status) != c.live || Judged(c.status) != c.judged {
				t.Errorf("public %v live %v judged %v", Public(c.status), Live(c.status), Judged(c.status))
			}
		})
	}
	// The refusal names the state the proposal is in, in lower case.
	if e, _ := errs.As(CheckEdit(Approved)); e == nil || e.Message != "Đề nghị đã gửi (đã khen thưởng) không sửa được nữa." {
		t.Errorf("edit of an approved proposal: %v", e)
	}
	// A refusal needs its reason, on its field.
	if e, _ := errs.As(CheckReject(Submitted, "")); e == nil || e.Fields["reject_reason"] == "" {
		t.Errorf("reject without a reason: %v", e)
	}
}

func ptr(n int64) *int64 { return &n }

func TestTallyAndChecks(t *testing.T) {
	t.Parallel()
	const eligible, not, insufficient = string(award.Eligible), string(award.NotEligible), string(award.Insufficient)
	cs, ldtt := string(award.ChienSiThiDuaCoSo), string(award.LaoDongTienTien)
	xs, tt := string(award.TapTheLaoDongXuatSac), string(award.TapTheLaoDongTienTien)
	list := []Proposal{
		// Unit 1: two CSTĐCS (one not eligible), three LĐTT of which one
		// insufficient, and a rejected CSTĐCS that counts for nothing.
		{ProposerUnitID: 1, ProposerName: "A", PersonID: ptr(10), Title: cs, Status: Submitted, VerdictOutcome: eligible},
		{ProposerUnitID: 1, ProposerName: "A", PersonID: ptr(11), Title: cs, Status: Draft, VerdictOutcome: not},
		{ProposerUnitID: 1, ProposerName: "A", PersonID: ptr(10), Title: ldtt, Status: Submitted, VerdictOutcome: eligible},
		{ProposerUnitID: 1, ProposerName: "A", PersonID: ptr(12), Title: ldtt, Status: Submitted, VerdictOutcome: eligible},
		{ProposerUnitID: 1, ProposerName: "A", PersonID: ptr(13), Title: ldtt, Status: Submitted, VerdictOutcome: insufficient},
		{ProposerUnitID: 1, ProposerName: "A", PersonID: ptr(14), Title: cs, Status: Rejected, VerdictOutcome: eligible},
		// Unit 2: collectives only.
		{ProposerUnitID: 2, ProposerName: "B", UnitID: ptr(2), Title: xs, Status: Submitted, VerdictOutcome: eligible},
		{ProposerUnitID: 3, ProposerName: "C", UnitID: ptr(3), Title: tt, Status: Approved, VerdictOutcome: eligible},
		{ProposerUnitID: 4, ProposerName: "D", UnitID: ptr(4), Title: tt, Status: Submitted, VerdictOutcome: not},
	}
	c := Tally(list)
	if len(c.Units) != 4 || c.Units[0].Name != "A" || c.Units[1].Name != "B" {
		t.Fatalf("units %+v", c.Units)
	}
	a := c.Units[0]
	if a.CSTDCS != 2 || len(a.LDTT) != 2 || !a.LDTT[10] || !a.LDTT[12] {
		t.Errorf("unit A: %d CSTĐCS over %v", a.CSTDCS, a.LDTT)
	}
	if c.TTLDXS != 1 || len(c.TTLDTT) != 2 || !c.TTLDTT[2] || !c.TTLDTT[3] {
		t.Errorf("collectives: %d TTLĐXS over %v", c.TTLDXS, c.TTLDTT)
	}

	rs := award.RulesFor(mustDay(t, "2024-12-01"))
	checks := c.Checks(rs, award.BoardQuota{})
	if len(checks) != 2 || checks[0].UnitName != "A" || checks[0].Kind != award.QuotaCSTDCS || checks[1].UnitName != "" || checks[1].Kind != award.QuotaTTLDXS {
		t.Fatalf("checks %+v", checks)
	}
	if q := checks[0]; q.Proposed != 2 || q.Base != 2 {
		t.Errorf("CSTĐCS of A: %d over %d", q.Proposed, q.Base)
	}
	if q := checks[1]; q.Proposed != 1 || q.Base != 2 {
		t.Errorf("TTLĐXS: %d over %d", q.Proposed, q.Base)
	}
	if got := (Count{}).Checks(rs, award.BoardQuota{}); len(got) != 0 {
		t.Errorf("an empty list has checks: %+v", got)
	}
}

func mustDay(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestWindow(t *testing.T) {
	t.Parallel()
	from, until := mustDay(t, "2026-12-01"), mustDay(t, "2026-12-10")
	w := Window{Year: 2026, From: from.Add(9 * time.Hour), Until: until.Add(20 * time.Hour)}
	for _, c := range []struct {
		today          string
		open, decision bool
	}{
		{"2026-11-30", false, false}, // not open yet, and the council waits for it
		{"2026-12-01", true, false},
		{"2026-12-10", true, false}, // the last day is whole
		{"2026-12-11", false, true},
	} {
		today := mustDay(t, c.today)
		if got := w.Open(today); got != c.open {
			t.Errorf("%s: open %v, want %v", c.today, got, c.open)
		}
		if got := w.CheckComment(today) == nil; got != c.open {
			t.Errorf("%s: comment allowed %v, want %v", c.today, got, c.open)
		}
		if got := w.CheckDecide(today) == nil; got != c.decision {
			t.Errorf("%s: decision allowed %v, want %v", c.today, got, c.decision)
		}
	}
	if e, _ := errs.As(w.CheckComment(mustDay(t, "2026-12-11"))); e == nil ||
		e.Message != "Chỉ nhận góp ý trong thời gian công khai đề nghị khen thưởng năm 2026: từ 01/12/2026 đến 10/12/2026 (hôm nay 11/12/2026)." {
		t.Errorf("comment refusal: %v", e)
	}

	today := mustDay(t, "2026-12-05")
	if w, f := NewWindow(2026, today, nil, nil); len(f) != 0 || !w.From.Equal(today) || !w.Until.Equal(mustDay(t, "2026-12-15")) {
		t.Errorf("default window %v – %v, %v", w.From, w.Until, f)
	}
	if _, f := NewWindow(2026, today, &until, &from); f["until"] == "" {
		t.Errorf("a window ending before it starts: %v", f)
	}
}
