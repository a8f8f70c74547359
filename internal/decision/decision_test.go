package decision

import (
	"testing"
	"time"

	"thidua/internal/award"
	"thidua/internal/errs"
	"thidua/internal/proposal"
)

// wantFields fails unless f has a message on exactly the fields of want.
func wantFields(t *testing.T, f errs.Fields, want []string) {
	t.Helper()
	if len(f) != len(want) {
		t.Fatalf("fields %v, want %v", f, want)
	}
	for _, k := range want {
		if f[k] == "" {
			t.Errorf("no message on %s: %v", k, f)
		}
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	on := time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name         string
		d            Decision
		dateUnparsed bool
		want         []string // fields with a message
	}{
		{"complete, trimmed", Decision{Number: " 125/QĐ-VKSTC ", DecidedOn: on, Signer: " Viện trưởng "}, false, nil},
		{"empty", Decision{}, false, []string{"decided_on", "signer"}},
		{"a date the edge could not read is reported there", Decision{Number: "1", Signer: "x"}, true, nil},
		{"blank number: the next of the series", Decision{Number: "  ", DecidedOn: on, Signer: "x"}, false, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := errs.Fields{}
			d := c.d
			Check(f, &d, c.dateUnparsed)
			wantFields(t, f, c.want)
			if c.want == nil && c.name == "complete, trimmed" && (d.Number != "125/QĐ-VKSTC" || d.Signer != "Viện trưởng") {
				t.Errorf("not trimmed: %+v", d)
			}
		})
	}
}

func TestCheckItem(t *testing.T) {
	t.Parallel()
	pr := func(status string, year int, outcome award.Outcome) proposal.Proposal {
		return proposal.Proposal{ID: 7, Year: year, Status: status, Title: string(award.LaoDongTienTien), SubjectName: "Nguyễn Văn A",
			VerdictOutcome: string(outcome)}
	}
	for _, c := range []struct {
		name string
		pr   proposal.Proposal
		why  string
		want []string
	}{
		{"submitted, eligible", pr(proposal.Submitted, 2026, award.Eligible), "", nil},
		{"a draft", pr(proposal.Draft, 2026, award.Eligible), "", []string{"override_reason_7"}},
		{"already approved", pr(proposal.Approved, 2026, award.Eligible), "", []string{"override_reason_7"}},
		{"another year", pr(proposal.Submitted, 2025, award.Eligible), "", []string{"override_reason_7"}},
		{"not eligible, no reason", pr(proposal.Submitted, 2026, award.NotEligible), "", []string{"override_reason_7", "override_reason"}},
		{"insufficient, no reason", pr(proposal.Submitted, 2026, award.Insufficient), "", []string{"override_reason_7", "override_reason"}},
		{"not eligible, with the board's reason", pr(proposal.Submitted, 2026, award.NotEligible), "Hội đồng xét đặc cách", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := errs.Fields{}
			CheckItem(f, 2026, c.pr, c.why)
			wantFields(t, f, c.want)
		})
	}
}

func TestApprove(t *testing.T) {
	t.Parallel()
	person := int64(3)
	d := Decision{ID: 9, Number: "125/QĐ-VKSTC", DecidedOn: time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC), Signer: "Viện trưởng"}
	pr, aw := Approve(proposal.Proposal{ID: 7, Year: 2026, PersonID: &person, Title: string(award.ChienSiThiDuaCoSo), Status: proposal.Submitted}, d)
	if pr.Status != proposal.Approved || pr.DecisionID == nil || *pr.DecisionID != 9 {
		t.Errorf("proposal %+v", pr)
	}
	if aw.PersonID != &person || aw.UnitID != nil || aw.Year != 2026 || aw.Title != string(award.ChienSiThiDuaCoSo) ||
		aw.Kind != string(award.Merit) || aw.DecisionNo != d.Number || !aw.DecisionDate.Equal(d.DecidedOn) || aw.Signer != d.Signer {
		t.Errorf("award %+v", aw)
	}
}

func TestCheckAward(t *testing.T) {
	t.Parallel()
	unit := int64(4)
	for _, c := range []struct {
		name string
		a    Award
		want []string
	}{
		{"a person's title", Award{Title: string(award.LaoDongTienTien), Kind: string(award.Merit), DecisionNo: "1"}, nil},
		{"a unit's title", Award{UnitID: &unit, Title: string(award.TapTheLaoDongTienTien), Kind: string(award.Merit), DecisionNo: "1"}, nil},
		{"a collective title for a person", Award{Title: string(award.TapTheLaoDongTienTien), Kind: string(award.Merit), DecisionNo: "1"}, []string{"title"}},
		{"a person's title for a unit", Award{UnitID: &unit, Title: string(award.LaoDongTienTien), Kind: string(award.Merit), DecisionNo: "1"}, []string{"title"}},
		{"no kind, blank number", Award{Title: string(award.LaoDongTienTien), DecisionNo: " "}, []string{"kind", "decision_no"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := errs.Fields{}
			a := c.a
			CheckAward(f, &a)
			wantFields(t, f, c.want)
		})
	}
}

func TestCheckRevoke(t *testing.T) {
	t.Parallel()
	if err := CheckRevoke(Award{}, "QĐ 5/QĐ-VKSTC hủy"); err != nil {
		t.Errorf("revocation refused: %v", err)
	}
	if e, _ := errs.As(CheckRevoke(Award{}, " ")); e == nil || e.Fields["reason"] == "" {
		t.Errorf("no reason: %v", e)
	}
	if e, _ := errs.As(CheckRevoke(Award{Revoked: true}, "x")); e == nil || e.Code != errs.Invalid || len(e.Fields) != 0 {
		t.Errorf("twice: %v", e)
	}
	held := Award{Year: 2025, Title: string(award.LaoDongTienTien), Kind: string(award.Merit), Revoked: true}.Held()
	if held != (award.Held{Year: 2025, Title: award.LaoDongTienTien, Kind: award.Merit, Revoked: true}) {
		t.Errorf("held %+v", held)
	}
}

func TestCounting(t *testing.T) {
	t.Parallel()
	// 1 was formed from 2 and 3; 2 from 4; 3 from 5. 1←2 and 2←4 count,
	// 1←3 does not (so 5 does not either, whatever 3←5 says); 4←1 is a
	// cycle that must not bring 1 in.
	preds := map[int64][]int64{1: {2, 3}, 2: {4}, 3: {5}, 4: {1}}
	yes, no := Carryover{Counts: true}, Carryover{Counts: false}
	decisions := map[[2]int64]Carryover{{1, 2}: yes, {2, 4}: yes, {1, 3}: no, {3, 5}: yes, {4, 1}: yes}
	got := Counting(1, preds, decisions)
	if len(got) != 2 || !got[2] || !got[4] {
		t.Errorf("counting %v, want 2 and 4", got)
	}
	// An undecided link counts for nothing.
	if got := Counting(1, preds, nil); len(got) != 0 {
		t.Errorf("undecided: %v", got)
	}
}
