package vote

import (
	"testing"
	"time"

	"thidua/internal/errs"
)

func TestPassesBoundary(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		votesFor, electorate, threshold int
		want                            bool
	}{{79, 100, 80, false}, {80, 100, 80, true}, {4, 5, 80, true}, {3, 5, 80, false}, {0, 0, 80, false}, {5, 5, 80, true}} {
		if got := Passes(c.votesFor, c.electorate, c.threshold); got != c.want {
			t.Errorf("Passes(%d, %d, %d) = %v, want %v", c.votesFor, c.electorate, c.threshold, got, c.want)
		}
	}
}

func name(id int64) string {
	return map[int64]string{1: "A", 2: "B", 3: "C", 4: "D", 5: "E", 9: "Z"}[id]
}

func TestPick(t *testing.T) {
	t.Parallel()
	members := []int64{1, 2, 3, 4, 5}
	tie := []Leader{{UnitID: 2, Rank: 1}, {UnitID: 3, Rank: 1}, {UnitID: 1, Rank: 3}}
	for _, c := range []struct {
		name    string
		leaders []Leader
		asked   []int64
		want    []Candidate
		field   bool // a message on "candidates"
	}{
		{"none asked: the first-ranked, ties all put forward", tie, nil, []Candidate{{UnitID: 2, RankAtOpen: 1}, {UnitID: 3, RankAtOpen: 1}}, false},
		{"a leader ranked third may be asked", tie, []int64{1}, []Candidate{{UnitID: 1, RankAtOpen: 3}}, false},
		{"asked twice counts once", tie, []int64{2, 2}, []Candidate{{UnitID: 2, RankAtOpen: 1}}, false},
		{"not a leader", tie, []int64{4}, []Candidate{{UnitID: 4}}, true},
		{"not a member", tie, []int64{9}, []Candidate{{UnitID: 9}}, true},
		{"no leaders, none asked", nil, nil, nil, true},
		{"more than three", []Leader{{1, "", 1}, {2, "", 1}, {3, "", 1}, {4, "", 1}}, []int64{1, 2, 3, 4},
			[]Candidate{{UnitID: 1, RankAtOpen: 1}, {UnitID: 2, RankAtOpen: 1}, {UnitID: 3, RankAtOpen: 1}, {UnitID: 4, RankAtOpen: 1}}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, f := Pick(members, c.leaders, c.asked, name)
			if len(got) != len(c.want) {
				t.Fatalf("candidates %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("candidate %d = %+v, want %+v", i, got[i], c.want[i])
				}
			}
			if _, has := f["candidates"]; has != c.field {
				t.Errorf("fields %v, want a message on candidates: %v", f, c.field)
			}
		})
	}
}

func TestCast(t *testing.T) {
	t.Parallel()
	open := Vote{ID: 7, Status: Open}
	cands := []Candidate{{UnitID: 2}, {UnitID: 3}}
	cast := []Ballot{{VoterUnitID: 4, CandidateUnitID: 2, CastAt: time.Date(2026, 11, 20, 2, 30, 0, 0, time.UTC)}}
	by := int64(11)

	bs, err := Cast(open, cands, cast, 1, map[int64]bool{2: true, 3: false}, &by)
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || bs[0] != (Ballot{VoteID: 7, VoterUnitID: 1, CandidateUnitID: 2, Approve: true, CastBy: &by}) || bs[1].Approve {
		t.Errorf("ballots %+v", bs)
	}
	for _, c := range []struct {
		name    string
		v       Vote
		unit    int64
		choices map[int64]bool
		field   string // "" for a refusal without a field
	}{
		{"closed", Vote{Status: Closed}, 1, map[int64]bool{2: true, 3: true}, ""},
		{"a second ballot of the unit", open, 4, map[int64]bool{2: true, 3: true}, ""},
		{"a candidate left out", open, 1, map[int64]bool{2: true}, "approve_3"},
		{"a unit not put to the vote", open, 1, map[int64]bool{2: true, 3: true, 5: true}, "ballot"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Cast(c.v, cands, cast, c.unit, c.choices, nil)
			e, ok := errs.As(err)
			if !ok || e.Code != errs.Invalid {
				t.Fatalf("err %v, want Invalid", err)
			}
			if _, has := e.Fields[c.field]; c.field != "" && !has {
				t.Errorf("fields %v, want %s", e.Fields, c.field)
			}
		})
	}
	// The refusal of a second ballot says when the first was cast, in Vietnam's time.
	_, err = Cast(open, cands, cast, 4, map[int64]bool{2: true, 3: true}, nil)
	if e, _ := errs.As(err); e == nil || e.Message != "Đơn vị đã bỏ phiếu lúc 09:30 20/11/2026; mỗi đơn vị chỉ bỏ phiếu một lần." {
		t.Errorf("message %v", err)
	}
}

func TestCount(t *testing.T) {
	t.Parallel()
	cands := []Candidate{{UnitID: 1, RankAtOpen: 1}, {UnitID: 2, RankAtOpen: 1}}
	members := []int64{1, 2, 3, 4, 5}
	ballots := []Ballot{
		{VoterUnitID: 1, CandidateUnitID: 1, Approve: true}, {VoterUnitID: 1, CandidateUnitID: 2, Approve: true},
		{VoterUnitID: 2, CandidateUnitID: 1, Approve: true}, {VoterUnitID: 2, CandidateUnitID: 2, Approve: true},
		{VoterUnitID: 3, CandidateUnitID: 1, Approve: true}, {VoterUnitID: 3, CandidateUnitID: 2, Approve: false},
		{VoterUnitID: 4, CandidateUnitID: 1, Approve: true}, {VoterUnitID: 4, CandidateUnitID: 2, Approve: true},
		// A unit that left the cluster: its ballot does not count.
		{VoterUnitID: 9, CandidateUnitID: 2, Approve: true},
	}
	got := Count(cands, ballots, members, 80)
	want := []Tally{
		{UnitID: 1, RankAtOpen: 1, Electorate: 5, For: 4, Against: 0, Share: 80, Threshold: 80, Passes: true},
		{UnitID: 2, RankAtOpen: 1, Electorate: 5, For: 3, Against: 1, Share: 60, Threshold: 80, Passes: false},
	}
	if len(got) != len(want) {
		t.Fatalf("tally %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("tally %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if got := Count(cands, nil, nil, 80); got[0].Passes || got[0].Share != 0 {
		t.Errorf("no electorate: %+v", got[0])
	}
}

func TestCheckPropose(t *testing.T) {
	t.Parallel()
	id := int64(5)
	closed := Vote{Status: Closed, Year: 2026}
	pass := Tally{UnitName: "A", For: 4, Electorate: 5, Share: 80, Threshold: 80, Passes: true}
	if err := CheckPropose(closed, pass, "Cờ"); err != nil {
		t.Errorf("passing candidate refused: %v", err)
	}
	fail := Tally{UnitName: "B", For: 3, Electorate: 5, Share: 60, Threshold: 80}
	for _, c := range []struct {
		name string
		v    Vote
		t    Tally
		msg  string
	}{
		{"open", Vote{Status: Open}, pass, "Chỉ lập đề nghị khi cuộc bình xét đã kết thúc."},
		{"below the threshold", closed, fail, "B đạt 3/5 phiếu đồng ý (60%), chưa đạt tỷ lệ 80% tổng số thành viên."},
		{"already proposed", closed, Tally{UnitName: "A", Passes: true, ProposalID: &id}, "Đã có đề nghị Cờ cho A năm 2026."},
	} {
		err := CheckPropose(c.v, c.t, "Cờ")
		if e, _ := errs.As(err); e == nil || e.Message != c.msg {
			t.Errorf("%s: %v, want %q", c.name, err, c.msg)
		}
	}
	if err := CheckClose(closed); err == nil {
		t.Error("a closed vote closed again")
	}
}

func TestTrimPercent(t *testing.T) {
	for in, want := range map[float64]string{80: "80", 66.7: "66.7", 0: "0", 100: "100"} {
		if got := TrimPercent(in); got != want {
			t.Errorf("TrimPercent(%v) = %q, want %q", in, got, want)
		}
	}
}
