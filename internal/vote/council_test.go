package vote_test

import (
	"strings"
	"testing"

	"thidua/internal/errs"
	"thidua/internal/vote"
)

func TestQuorum(t *testing.T) {
	for members, want := range map[int]int{1: 1, 2: 2, 3: 2, 9: 6, 10: 7, 11: 8, 12: 8, 15: 10} {
		if got := vote.Quorum(members); got != want {
			t.Errorf("Quorum(%d) = %d, want %d", members, got, want)
		}
	}
}

// Shares are over all members: 9 of 10 pass at 90 %, 8 for with 2 absent
// do not, however the ballots cast split.
func TestOutcomes(t *testing.T) {
	s := vote.Session{Members: 10}
	got := vote.Outcomes(s, []vote.Nominee{
		{ProposalID: 1, Threshold: 90, For: 9, Against: 1},
		{ProposalID: 2, Threshold: 90, For: 8, Against: 0},
		{ProposalID: 3, Threshold: 90, For: 0, Against: 8},
	}, 8)
	want := []struct {
		share    float64
		passes   bool
		notVoted int
	}{{90, true, 2}, {80, false, 2}, {0, false, 2}}
	for i, w := range want {
		if o := got[i]; o.Share != w.share || o.Passes != w.passes || o.NotVoted != w.notVoted || o.Electorate != 10 {
			t.Errorf("nominee %d: %+v, want %+v", i+1, o, w)
		}
	}
	// 2/3 is 66,7 % rounded once; 89,99 % never passes for 90 %.
	if share, passes := vote.Result(2, 3, 67); share != 66.7 || passes {
		t.Errorf("2 of 3 at 67 %%: %v %v", share, passes)
	}
	if _, passes := vote.Result(8999, 10000, 90); passes {
		t.Error("89,99 % passes for 90 %")
	}
}

func TestCheckBallot(t *testing.T) {
	open := vote.Session{Status: vote.Open}
	ns := []vote.Nominee{{ProposalID: 1}, {ProposalID: 2}}
	cases := []struct {
		name    string
		s       vote.Session
		voted   bool
		choices map[int64]bool
		want    string // "" allowed, else part of the message
	}{
		{"complete", open, false, map[int64]bool{1: true, 2: false}, ""},
		{"closed", vote.Session{Status: vote.Closed}, false, map[int64]bool{1: true, 2: true}, "đã kết thúc"},
		{"second ballot", open, true, map[int64]bool{1: true, 2: true}, "chỉ bỏ phiếu một lần"},
		{"a nominee left out", open, false, map[int64]bool{1: true}, "Vui lòng chọn"},
		{"someone else", open, false, map[int64]bool{1: true, 2: true, 3: true}, "không thuộc danh sách"},
	}
	for _, c := range cases {
		err := vote.CheckBallot(c.s, ns, c.voted, c.choices)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (errs.CodeOf(err) != errs.Invalid || !strings.Contains(errText(err), c.want)):
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

func errText(err error) string {
	if e, ok := errs.As(err); ok {
		s := e.Message
		for _, m := range e.Fields {
			s += " " + m
		}
		return s
	}
	return err.Error()
}

func TestCheckOpenAndClose(t *testing.T) {
	uid := int64(7)
	withAccount := []vote.Member{{ID: 1, UserID: &uid}, {ID: 2}}
	if err := vote.CheckOpenSession(nil, []vote.Nominee{{ProposalID: 1}}); err == nil {
		t.Error("a council without members opens")
	}
	if err := vote.CheckOpenSession([]vote.Member{{ID: 2}}, []vote.Nominee{{ProposalID: 1}}); err == nil {
		t.Error("a council where nobody can vote opens")
	}
	if err := vote.CheckOpenSession(withAccount, nil); err == nil {
		t.Error("a session on nobody opens")
	}
	if err := vote.CheckOpenSession(withAccount, []vote.Nominee{{ProposalID: 1}}); err != nil {
		t.Error(err)
	}
	s := vote.Session{Status: vote.Open, Members: 10, Quorum: 7}
	if err := vote.CheckCloseSession(s, 6); err == nil || !strings.Contains(err.Error(), "6/10") {
		t.Errorf("closing at 6 of 10: %v", err)
	}
	if err := vote.CheckCloseSession(s, 7); err != nil {
		t.Error(err)
	}
	s.Status = vote.Closed
	if err := vote.CheckCloseSession(s, 10); err == nil {
		t.Error("closing twice")
	}
	if m, ok := vote.MemberOf(withAccount, 7); !ok || m.ID != 1 {
		t.Error("member by account")
	}
	if _, ok := vote.MemberOf(withAccount, 0); ok {
		t.Error("no account is nobody's")
	}
}
