package award

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"thidua/internal/errs"
)

var (
	tt01     = mustRules("tt01-2019")
	tt01L22  = mustRules("tt01-2019-luat2022")
	tt02     = mustRules("tt02-2024")
	hanoi, _ = time.LoadLocation("Asia/Ho_Chi_Minh")
)

func mustRules(id string) RuleSet {
	rs, ok := RuleSetByID(id)
	if !ok {
		panic("no rule set " + id)
	}
	return rs
}

func TestRulesForPicksTheVersionInForceOnTheDayOfConsideration(t *testing.T) {
	for _, c := range []struct {
		name string
		on   time.Time
		want string
	}{
		{"a 2024 title considered on 15/9/2024 uses TT 01/2019", day(2024, time.September, 15), "tt01-2019-luat2022"},
		{"a 2024 title considered on 15/10/2024 uses TT 02/2024", day(2024, time.October, 15), "tt02-2024"},
		{"30/9/2024 is the last day of TT 01/2019", day(2024, time.September, 30), "tt01-2019-luat2022"},
		{"1/10/2024 is the first day of TT 02/2024", day(2024, time.October, 1), "tt02-2024"},
		{"the calendar day counts in the date's own location", time.Date(2024, time.October, 1, 0, 30, 0, 0, hanoi), "tt02-2024"},
		{"2023 is under the 2013 law and NĐ 91/2017", day(2023, time.December, 31), "tt01-2019"},
		{"the 2022 law is in force from 1/1/2024", day(2024, time.January, 1), "tt01-2019-luat2022"},
		{"TT 01/2019 took effect on 28/6/2019", day(2019, time.June, 28), "tt01-2019"},
		{"before TT 01/2019 no version applies", day(2019, time.June, 27), ""},
		{"TT 02/2024 with NĐ 98/2023 until 30/6/2025", day(2025, time.June, 30), "tt02-2024"},
	} {
		if got := RulesFor(c.on).ID; got != c.want {
			t.Errorf("%s: RulesFor(%s) = %q, want %q", c.name, c.on.Format(time.RFC3339), got, c.want)
		}
	}
}

func TestVersionsFollowEachOtherWithoutGapOrOverlap(t *testing.T) {
	rs := RuleSets()
	for i := 1; i < len(rs); i++ {
		if next := rs[i-1].Until.AddDate(0, 0, 1); !next.Equal(rs[i].From) {
			t.Errorf("%s ends %s but %s starts %s", rs[i-1].ID, date(rs[i-1].Until), rs[i].ID, date(rs[i].From))
		}
	}
	last := rs[len(rs)-1]
	if !last.Until.IsZero() {
		t.Error("the last version should still be in force")
	}
	if got := RulesFor(day(2099, time.March, 1)).ID; got != last.ID {
		t.Errorf("a far day of consideration gets %q, not the last version %q", got, last.ID)
	}
}

// A later change of law must not rewrite an old verdict: the verdict keeps
// the version that judged it, and that version can be read back.
func TestVerdictKeepsItsVersion(t *testing.T) {
	p := Person{Ratings: map[int]Rating{2024: Tot}, RecruitedOn: day(2024, time.May, 1)} // 8 months in 2024
	before := RulesFor(day(2024, time.September, 15)).LaoDongTienTien(p, 2024)
	after := RulesFor(day(2024, time.October, 15)).LaoDongTienTien(p, 2024)
	if before.RuleSetID != "tt01-2019-luat2022" || before.Outcome != NotEligible {
		t.Errorf("under TT 01/2019 (10 months): %s %s", before.RuleSetID, before.Outcome)
	}
	if after.RuleSetID != "tt02-2024" || after.Outcome != Eligible {
		t.Errorf("under TT 02/2024 (6 months): %s %s", after.RuleSetID, after.Outcome)
	}
	again, ok := RuleSetByID(before.RuleSetID)
	if !ok || again.LaoDongTienTien(p, 2024).Outcome != before.Outcome {
		t.Error("re-reading the stored version should give the same verdict")
	}
}

func TestNoVersionGivesNeedsJudgement(t *testing.T) {
	v := RulesFor(day(2018, time.January, 1)).LaoDongTienTien(Person{}, 2017)
	if v.Outcome != NeedsJudgement || v.RuleSetID != "" {
		t.Errorf("got %s %q", v.Outcome, v.RuleSetID)
	}
}

func TestEveryVersionCitesEveryRule(t *testing.T) {
	for _, rs := range RuleSets() {
		c := rs.Cite
		for name, s := range map[string]string{"LDTT": c.LDTT, "LDTTExclusions": c.LDTTExclusions, "CSTDCS": c.CSTDCS,
			"CSTDCSQuota": c.CSTDCSQuota, "CSTDNganh": c.CSTDNganh, "CSTDToanQuoc": c.CSTDToanQuoc, "TTLDTT": c.TTLDTT,
			"TTLDXS": c.TTLDXS, "TTLDXSQuota": c.TTLDXSQuota, "CoNganh": c.CoNganh, "CoChinhPhu": c.CoChinhPhu,
			"CoCPQuota": c.CoCPQuota, "OpenCase": c.OpenCase, "MeritOnly": c.MeritOnly, "DisciplineEnd": c.DisciplineEnd,
			"Revocation": c.Revocation} {
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: no citation for %s", rs.ID, name)
			}
		}
	}
}

func TestValidate(t *testing.T) {
	for _, v := range []Vote{{Electorate: 5, For: 6}, {Electorate: -1}, {Electorate: 3, For: -1}} {
		if err := v.Validate(); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("%+v: %v", v, err)
		}
	}
	if err := (Vote{Electorate: 5, For: 5}).Validate(); err != nil {
		t.Error(err)
	}
	if err := (Collective{Members: 5, MembersLDTT: 6}).Validate(); errs.CodeOf(err) != errs.Invalid {
		t.Error(err)
	}
	if err := (Collective{Members: 5, MembersLDTT: 3, MembersCSTDCS: 4}).Validate(); errs.CodeOf(err) != errs.Invalid {
		t.Error(err)
	}
	if err := (Collective{Members: 5, MembersCompleted: 5, MembersLDTT: 4, MembersCSTDCS: 1}).Validate(); err != nil {
		t.Error(err)
	}
}

// reasonWith finds the reason whose text contains s.
func reasonWith(v Verdict, s string) (Reason, bool) {
	for _, r := range v.Reasons {
		if strings.Contains(r.Text, s) {
			return r, true
		}
	}
	return Reason{}, false
}

func dump(v Verdict) string {
	var b strings.Builder
	b.WriteString(string(v.Outcome) + " [" + v.RuleSetID + "]")
	for _, r := range v.Reasons {
		mark := "✗"
		switch {
		case r.Met:
			mark = "✓"
		case r.Judgement:
			mark = "?"
		}
		b.WriteString("\n  " + mark + " " + r.Text + " — " + r.Article)
	}
	return b.String()
}

// The versions are built once and shared: what a caller gets is its own
// copy, so changing a competence table, an authority line or a note in it
// changes nothing another caller reads.
func TestVersionsAreNotSharedWithCallers(t *testing.T) {
	on := day(2026, time.March, 1)
	wantAll := ruleSets() // built anew, shares nothing
	want := wantAll[len(wantAll)-1]
	mutate := func(rs *RuleSet) {
		rs.ID, rs.Name = "changed", "changed"
		rs.Powers[0].Decides, rs.Powers[0].Cite = TierPresident, "changed"
		rs.AuthorityLines[0].Text = "changed"
		rs.Unverified[0] = "changed"
		rs.Powers = append(rs.Powers, Power{Title: GiayKhen})
		rs.AuthorityLines = append(rs.AuthorityLines, AuthorityLine{Text: "appended"})
		rs.Unverified = append(rs.Unverified, "appended")
	}
	got := RulesFor(on)
	mutate(&got)
	byID, _ := RuleSetByID(want.ID)
	mutate(&byID)
	for _, rs := range RuleSets() {
		mutate(&rs)
	}
	all := RuleSets()
	mutate(&all[len(all)-1])
	for _, after := range []RuleSet{RulesFor(on), func() RuleSet { rs, _ := RuleSetByID(want.ID); return rs }()} {
		if !reflect.DeepEqual(after, want) {
			t.Fatalf("a caller's change reached the shared version: %+v", after.Powers[0])
		}
	}
	if !reflect.DeepEqual(RuleSets(), wantAll) {
		t.Fatal("a caller's change reached the shared versions")
	}
	if a := RulesFor(on).Authority(TierSupreme); len(a) != 4 || a[0] != OrgLawGround(on) {
		t.Fatalf("authority lines %q", a)
	}
}
