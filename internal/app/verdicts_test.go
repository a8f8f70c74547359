package app_test

import (
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/award"
	"thidua/internal/errs"
	"thidua/internal/seed"
	"thidua/internal/store"
)

func verdictOf(t *testing.T, v app.SubjectVerdicts, title award.Title) award.Verdict {
	t.Helper()
	for _, x := range v.Verdicts {
		if x.Title == title {
			return x
		}
	}
	t.Fatalf("no verdict for %s in %+v", title, v)
	return award.Verdict{}
}

// Any person's and unit's verdicts for any year and day of consideration,
// under the rules of that day, with no proposal created (issue #12).
func TestVerdictsForAnyYearAndDayOfConsideration(t *testing.T) {
	f := newFixture(t)
	f.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))

	// A person recruited 1/8/2023: five months in 2023.
	p, err := f.CreatePerson(f.ctx, f.officer, app.PersonInput{FullName: "Lê Thị Cúc", UnitID: th.ID, Since: day("2023-08-01"),
		RecruitedOn: dayp("2023-08-01"), Active: true, Sex: "nu"})
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range []int{2023, 2025, 2026} {
		if _, err := f.SetRating(f.ctx, f.officer, p.ID, app.Rating{Year: y, Rating: string(award.Tot)}); err != nil {
			t.Fatal(err)
		}
	}

	proposals := func() int {
		list, err := f.Proposals(f.ctx, f.board, store.ProposalFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return len(list.Proposals)
	}
	before0 := proposals()

	// Back-filling 2023 judges 2023 under the rules of its time.
	v, err := f.PersonVerdictsOn(f.ctx, f.viewer, p.ID, app.VerdictQuery{Year: 2023, On: day("2023-12-15")})
	if err != nil {
		t.Fatal(err)
	}
	if v.RuleSetID != "tt01-2019" || verdictOf(t, v, award.LaoDongTienTien).Outcome != award.NotEligible || len(v.Verdicts) != len(award.PersonTitles) {
		t.Fatalf("2023 on 15/12/2023: %s %+v", v.RuleSetID, verdictOf(t, v, award.LaoDongTienTien))
	}

	// Maternity leave Jan–Apr 2025: before 1/7/2025 it is one of TT 02/2024's
	// unread exceptions; from 1/7/2025 it counts (NĐ 152/2025 Điều 4 khoản 5).
	if _, err := f.AddAbsence(f.ctx, f.officer, p.ID, store.PersonAbsence{Kind: string(award.AbsenceMaternity), FromDate: day("2025-01-01"), ToDate: dayp("2025-04-30")}, nil); err != nil {
		t.Fatal(err)
	}
	before, err := f.PersonVerdictsOn(f.ctx, f.viewer, p.ID, app.VerdictQuery{Year: 2025, On: day("2025-06-30")})
	if err != nil {
		t.Fatal(err)
	}
	after, err := f.PersonVerdictsOn(f.ctx, f.viewer, p.ID, app.VerdictQuery{Year: 2025, On: day("2025-07-01")})
	if err != nil {
		t.Fatal(err)
	}
	if before.RuleSetID != "tt02-2024" || verdictOf(t, before, award.LaoDongTienTien).Outcome != award.Insufficient ||
		after.RuleSetID != "nd152-2025" || verdictOf(t, after, award.LaoDongTienTien).Outcome != award.Eligible {
		t.Fatalf("before %s %s, after %s %s", before.RuleSetID, verdictOf(t, before, award.LaoDongTienTien).Outcome,
			after.RuleSetID, verdictOf(t, after, award.LaoDongTienTien).Outcome)
	}

	// A complaint being verified from 1/10/2026 defers the award on 20/11,
	// not on 30/9; closed with no violation, the award goes ahead.
	page, err := f.AddPersonPending(f.ctx, f.officer, p.ID, store.PendingMatter{Kind: string(award.PendingComplaint), OpenedOn: day("2026-10-01")}, nil)
	if err != nil || len(page.Pending) != 1 {
		t.Fatalf("pending: %+v %v", page.Pending, err)
	}
	m := page.Pending[0]
	on := func(d string) award.Verdict {
		v, err := f.PersonVerdictsOn(f.ctx, f.viewer, p.ID, app.VerdictQuery{Year: 2026, On: day(d)})
		if err != nil {
			t.Fatal(err)
		}
		return verdictOf(t, v, award.LaoDongTienTien)
	}
	if v := on("2026-09-30"); v.Outcome != award.Eligible {
		t.Fatalf("before the complaint: %+v", v)
	}
	if v := on("2026-11-20"); v.Outcome != award.NotEligible || !strings.Contains(reasonsOf(v), "tạm hoãn") {
		t.Fatalf("while the complaint is verified: %+v", v)
	}
	_, err = f.ClosePending(f.ctx, f.officer, m.ID, m.Version, day("2026-11-10"), "", nil)
	wantField(t, err, "outcome")
	if _, err = f.ClosePending(f.ctx, f.officer, m.ID, m.Version, day("2026-11-10"), "không có sai phạm", nil); err != nil {
		t.Fatal(err)
	}
	_, err = f.ClosePending(f.ctx, f.officer, m.ID, m.Version, day("2026-11-11"), "không có sai phạm", nil)
	wantField(t, err, "closed_on")
	if v := on("2026-11-20"); v.Outcome != award.Eligible {
		t.Fatalf("after the complaint closed: %+v", v)
	}

	// Bad input names the field; another province's officer is refused.
	_, err = f.PersonVerdictsOn(f.ctx, f.viewer, p.ID, app.VerdictQuery{Year: 2027, On: day("2026-11-20")})
	wantField(t, err, "on")
	_, err = f.PersonVerdictsOn(f.ctx, f.viewer, p.ID, app.VerdictQuery{Year: 2018, On: day("2018-12-01")})
	wantField(t, err, "on")
	_, err = f.PersonVerdictsOn(f.ctx, f.other, p.ID, app.VerdictQuery{Year: 2026})
	wantCode(t, err, errs.Forbidden)
	if n := proposals(); n != before0 {
		t.Fatalf("verdicts created proposals: %d, then %d", before0, n)
	}
}

// Issue #12: a collective whose member was disciplined "cảnh cáo" that year
// is not Tập thể lao động xuất sắc, though the member's rating on record
// says "hoàn thành nhiệm vụ".
func TestUnitVerdictsCountADisciplinedMemberAsNotCompleted(t *testing.T) {
	f := newFixture(t)
	f.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	supreme := f.unit(t, seed.CodeSupreme)
	th, err := f.CreateUnit(f.ctx, f.board, app.UnitInput{Code: "VKS-THU-NGHIEM", Name: "Viện kiểm sát nhân dân tỉnh Thử Nghiệm", Type: "provincial",
		ParentID: &supreme.ID, ValidFrom: day("2025-07-01")})
	if err != nil {
		t.Fatal(err)
	}
	var last int64
	for i, name := range []string{"An", "Bình", "Cúc", "Dũng", "Hà"} {
		p, err := f.CreatePerson(f.ctx, f.board, app.PersonInput{FullName: "Nguyễn Văn " + name, UnitID: th.ID, Since: day("2018-03-01"), RecruitedOn: dayp("2018-03-01"), Active: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.SetRating(f.ctx, f.board, p.ID, app.Rating{Year: 2026, Rating: string(award.HoanThanh)}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			last = p.ID
		}
	}
	q := app.VerdictQuery{Year: 2026, On: day("2026-11-20")}
	v, err := f.UnitVerdictsOn(f.ctx, f.viewer, th.ID, q)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(reasonsOf(verdictOf(t, v, award.TapTheLaoDongXuatSac)), "5/5 (100%) cá nhân hoàn thành nhiệm vụ") {
		t.Fatalf("before the discipline: %s", reasonsOf(verdictOf(t, v, award.TapTheLaoDongXuatSac)))
	}
	// The app refuses the contradictory pair; a record made before the
	// cross-check may still hold one, written here below the app.
	cc := store.PersonDiscipline{PersonID: last, Measure: string(award.CanhCao), FromDate: day("2026-05-01")}
	_, err = f.AddDiscipline(f.ctx, f.board, last, app.Discipline{Measure: cc.Measure, FromDate: cc.FromDate}, nil)
	wantField(t, err, "from")
	if _, err := f.Store.AddDiscipline(f.ctx, cc); err != nil {
		t.Fatal(err)
	}
	list, err := f.RatingContradictions(f.ctx, f.board, 2026)
	if err != nil || len(list) != 1 || list[0].PersonID != last || list[0].Rating != "ht" {
		t.Fatalf("contradictions: %+v %v", list, err)
	}
	_, err = f.RatingContradictions(f.ctx, f.officer, 2026)
	wantCode(t, err, errs.Forbidden)
	if v, err = f.UnitVerdictsOn(f.ctx, f.viewer, th.ID, q); err != nil {
		t.Fatal(err)
	}
	x := verdictOf(t, v, award.TapTheLaoDongXuatSac)
	if x.Outcome == award.Eligible || !strings.Contains(reasonsOf(x), "4/5 (80%) cá nhân hoàn thành nhiệm vụ (cần 100%); 1 cá nhân bị kỷ luật trong năm 2026") {
		t.Fatalf("after the discipline: %s %s", x.Outcome, reasonsOf(x))
	}
	// The unit's own facts were never recorded: chưa đủ thông tin, not "not met".
	if !strings.Contains(reasonsOf(verdictOf(t, v, award.TapTheLaoDongTienTien)), "chưa có dữ kiện tập thể") {
		t.Fatalf("unit facts: %s", reasonsOf(verdictOf(t, v, award.TapTheLaoDongTienTien)))
	}
}

func reasonsOf(v award.Verdict) string {
	var b strings.Builder
	for _, r := range v.Reasons {
		b.WriteString(r.Text + "\n")
	}
	return b.String()
}

// A proposal back-filling 2023 is judged under the rules of its day of
// consideration, not today's.
func TestProposalJudgedOnItsDayOfConsideration(t *testing.T) {
	f := newFixture(t)
	f.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))
	p, err := f.CreatePerson(f.ctx, f.officer, app.PersonInput{FullName: "Trịnh Văn Bổ Sung", UnitID: th.ID, Since: day("2015-03-01"),
		RecruitedOn: dayp("2015-03-01"), Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.SetRating(f.ctx, f.officer, p.ID, app.Rating{Year: 2023, Rating: string(award.Tot)}); err != nil {
		t.Fatal(err)
	}
	in := app.ProposalInput{Year: 2023, ProposerUnitID: th.ID, PersonID: &p.ID, Title: string(award.LaoDongTienTien),
		ConsideredOn: dayp("2022-12-31")}
	_, err = f.CreateProposal(f.ctx, f.officer, in)
	wantField(t, err, "considered_on")
	in.ConsideredOn = dayp("2023-12-15")
	pr, err := f.CreateProposal(f.ctx, f.officer, in)
	if err != nil {
		t.Fatal(err)
	}
	if pr.VerdictRuleSet != "tt01-2019" || pr.ConsideredOn == nil || pr.VerdictOutcome != string(award.Eligible) {
		t.Fatalf("back-filled 2023: %s %v %s", pr.VerdictRuleSet, pr.ConsideredOn, pr.VerdictOutcome)
	}
	v, err := f.Proposal(f.ctx, f.board, pr.ID)
	if err != nil || v.Current != nil {
		t.Fatalf("re-judged on its own day, nothing changed: %+v %v", v.Current, err)
	}
}
