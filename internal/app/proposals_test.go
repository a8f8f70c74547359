package app_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/award"
	"thidua/internal/errs"
	"thidua/internal/proposal"
	"thidua/internal/seed"
	"thidua/internal/store"
)

func TestProposalsAndDecisions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// 2031–2032: years the demo seed does not populate, so the lists and quotas hold only this test's proposals.
	f.Now = func() time.Time { return time.Date(2031, 11, 20, 9, 0, 0, 0, time.UTC) }
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))

	person := func(name string, rated bool, initiative bool) store.Person {
		t.Helper()
		sex := "nam"
		if strings.Contains(name, " Thị ") {
			sex = "nu"
		}
		p, err := f.CreatePerson(f.ctx, f.officer, app.PersonInput{FullName: name, UnitID: th.ID, Since: day("2018-03-01"), RecruitedOn: dayp("2018-03-01"), Active: true, Sex: sex})
		if err != nil {
			t.Fatal(err)
		}
		if rated {
			for _, y := range []int{2029, 2030, 2031} {
				if _, err := f.SetRating(f.ctx, f.officer, p.ID, app.Rating{Year: y, Rating: string(award.Tot)}); err != nil {
					t.Fatal(err)
				}
			}
		}
		if initiative {
			if _, err := f.AddInitiative(f.ctx, f.officer, p.ID, app.Initiative{Year: 2031, Title: "Sáng kiến " + name, Level: string(award.CapCoSo), Applied: true}); err != nil {
				t.Fatal(err)
			}
		}
		return p
	}
	propose := func(p store.Person, title award.Title) proposal.Proposal {
		t.Helper()
		pr, err := f.CreateProposal(f.ctx, f.officer, app.ProposalInput{Year: 2031, ProposerUnitID: th.ID, PersonID: &p.ID, Title: string(title), Summary: "Hoàn thành tốt nhiệm vụ"})
		if err != nil {
			t.Fatal(err)
		}
		return pr
	}

	// A unit proposes a person for Chiến sĩ thi đua cơ sở: the verdict is stored with the rule set.
	an := person("Nguyễn Văn An", true, true)
	prAn := propose(an, award.ChienSiThiDuaCoSo)
	rsID := award.RulesFor(day("2031-11-20")).ID
	if prAn.Status != app.ProposalDraft || prAn.VerdictOutcome != string(award.Eligible) || prAn.VerdictRuleSet != rsID || prAn.SubjectName != "Nguyễn Văn An" {
		t.Fatalf("proposal %+v", prAn)
	}
	var reasons []award.Reason
	if err := json.Unmarshal(prAn.VerdictReasons, &reasons); err != nil || len(reasons) == 0 || reasons[0].Article == "" {
		t.Fatalf("stored reasons %s: %v", prAn.VerdictReasons, err)
	}

	// Another unit's officer is refused; a viewer too; the subject must be of the unit.
	_, err := f.CreateProposal(f.ctx, f.other, app.ProposalInput{Year: 2031, ProposerUnitID: th.ID, PersonID: &an.ID, Title: string(award.LaoDongTienTien)})
	wantCode(t, err, errs.Forbidden)
	_, err = f.CreateProposal(f.ctx, f.viewer, app.ProposalInput{Year: 2031, ProposerUnitID: th.ID, PersonID: &an.ID, Title: string(award.LaoDongTienTien)})
	wantCode(t, err, errs.Forbidden)
	_, err = f.UpdateProposal(f.ctx, f.other, prAn.ID, prAn.Version, app.ProposalInputOf(prAn), true)
	wantCode(t, err, errs.Forbidden)
	_, err = f.CreateProposal(f.ctx, f.officer, app.ProposalInput{Year: 2031, ProposerUnitID: th.ID, Title: string(award.ChienSiThiDuaNganh)})
	wantField(t, err, "person_id")

	// Two Chiến sĩ thi đua cơ sở among seven Lao động tiên tiến: 15 % of 7 allows one — a warning with the numbers.
	binh := person("Trần Thị Bình", true, true)
	prBinh := propose(binh, award.ChienSiThiDuaCoSo)
	for _, n := range []string{"Cường", "Dung", "Giang", "Hải", "Khánh"} {
		propose(person("Lê Văn "+n, true, false), award.LaoDongTienTien)
	}
	list, err := f.Proposals(f.ctx, f.officer, store.ProposalFilter{Year: 2031})
	if err != nil || len(list.Proposals) != 7 {
		t.Fatalf("list %d %v", len(list.Proposals), err)
	}
	if len(list.Quotas) != 1 {
		t.Fatalf("quotas %+v", list.Quotas)
	}
	// Under NĐ 152/2025 the CSTĐCS share is the board's own: none set yet.
	if q := list.Quotas[0]; !q.Insufficient || q.Over || !strings.Contains(q.Text, "chưa quy định tỷ lệ") {
		t.Fatalf("quota without the board's share %+v", q)
	}
	_, err = f.SetBoardQuota(f.ctx, f.officer, store.BoardQuota{Year: 2031, Kind: string(award.QuotaCSTDCS), Percent: 15, Rule: "Quy chế 01/QC-HĐTĐKT"}, 0)
	wantCode(t, err, errs.Forbidden)
	_, err = f.SetBoardQuota(f.ctx, f.board, store.BoardQuota{Year: 2031, Kind: string(award.QuotaCSTDCS), Percent: 15}, 0)
	wantField(t, err, "rule")
	if _, err = f.SetBoardQuota(f.ctx, f.board, store.BoardQuota{Year: 2031, Kind: string(award.QuotaCSTDCS), Percent: 15, Rule: "Quy chế 01/QC-HĐTĐKT"}, 0); err != nil {
		t.Fatal(err)
	}
	_, err = f.SetBoardQuota(f.ctx, f.board, store.BoardQuota{Year: 2031, Kind: string(award.QuotaCSTDCS), Percent: 20, Rule: "Quy chế 01/QC-HĐTĐKT"}, 0)
	wantCode(t, err, errs.Conflict)
	if list, err = f.Proposals(f.ctx, f.officer, store.ProposalFilter{Year: 2031}); err != nil {
		t.Fatal(err)
	}
	q := list.Quotas[0]
	if !strings.Contains(q.Article, "Quy chế 01/QC-HĐTĐKT") {
		t.Fatalf("the board's share cites the board's rule: %+v", q)
	}
	// Over the cap, the tie-break of Điều 4 khoản 6 NĐ 152/2025 marks the woman.
	if why := list.Preferred[prBinh.ID]; len(list.Preferred) != 1 || !strings.Contains(why, "cá nhân nữ") || !strings.Contains(why, "Điều 4 khoản 6 NĐ 152/2025/NĐ-CP") {
		t.Fatalf("preferred: %v", list.Preferred)
	}
	if !q.Over || q.Proposed != 2 || q.Base != 7 || q.Allowed != 1 || q.Percent != 15 || !strings.Contains(q.Text, "đề nghị 2, tối đa 1") || q.UnitName != th.Name {
		t.Fatalf("quota %+v", q)
	}
	if other, _ := f.Proposals(f.ctx, f.other, store.ProposalFilter{Year: 2031}); len(other.Proposals) != 0 {
		t.Fatalf("Nghệ An sees Thanh Hóa's drafts: %d", len(other.Proposals))
	}

	// Comments only while published; the viewer cannot comment. Another
	// unit may not even see the draft, so it learns nothing of its state.
	_, err = f.CommentProposal(f.ctx, f.officer, prAn.ID, "Đồng ý")
	wantCode(t, err, errs.Invalid)
	_, err = f.CommentProposal(f.ctx, f.other, prAn.ID, "Đồng ý")
	wantCode(t, err, errs.Forbidden)
	// Not sent up while its dossier lacks a required part (Luật TĐKT 2022 Điều 84).
	_, err = f.UpdateProposal(f.ctx, f.officer, prAn.ID, prAn.Version, app.ProposalInputOf(prAn), true)
	wantField(t, err, "dossier")
	completeDossier(t, f, f.officer, prAn.ID)
	prAn, err = f.UpdateProposal(f.ctx, f.officer, prAn.ID, prAn.Version, app.ProposalInputOf(prAn), true)
	if err != nil || prAn.Status != app.ProposalSubmitted {
		t.Fatalf("submit: %+v %v", prAn, err)
	}
	_, err = f.UpdateProposal(f.ctx, f.officer, prAn.ID, prAn.Version, app.ProposalInputOf(prAn), false)
	wantCode(t, err, errs.Invalid)
	if _, err := f.CommentProposal(f.ctx, f.other, prAn.ID, "  Thống nhất đề nghị  "); err != nil {
		t.Fatal(err)
	}
	_, err = f.CommentProposal(f.ctx, f.viewer, prAn.ID, "Ý kiến")
	wantCode(t, err, errs.Forbidden)
	_, err = f.CommentProposal(f.ctx, f.other, prAn.ID, " ")
	wantField(t, err, "body")
	view, err := f.Proposal(f.ctx, f.other, prAn.ID) // published: Nghệ An may read it
	if err != nil || len(view.Comments) != 1 || view.Comments[0].Body != "Thống nhất đề nghị" || len(view.Reasons) == 0 {
		t.Fatalf("view %+v %v", view, err)
	}

	// A person rated only "hoàn thành nhiệm vụ": Lao động tiên tiến is not eligible; the board needs a written reason.
	hoa := person("Phạm Thị Hoa", false, false)
	if _, err := f.SetRating(f.ctx, f.officer, hoa.ID, app.Rating{Year: 2031, Rating: string(award.HoanThanh)}); err != nil {
		t.Fatal(err)
	}
	prHoa := propose(hoa, award.LaoDongTienTien)
	if prHoa.VerdictOutcome != string(award.NotEligible) {
		t.Fatalf("Hoa's verdict %+v", prHoa)
	}
	completeDossier(t, f, f.officer, prHoa.ID)
	prHoa, err = f.UpdateProposal(f.ctx, f.officer, prHoa.ID, prHoa.Version, app.ProposalInputOf(prHoa), true)
	if err != nil {
		t.Fatal(err)
	}
	dec := app.DecisionInput{Year: 2031, Number: "125/QĐ-VKSTC", DecidedOn: ptr(day("2031-12-15")), Signer: "Viện trưởng VKSND tối cao",
		Items: []app.DecisionItem{{ProposalID: prAn.ID, Version: prAn.Version}, {ProposalID: prHoa.ID, Version: prHoa.Version}}}
	_, err = f.Decide(f.ctx, f.officer, dec)
	wantCode(t, err, errs.Forbidden)
	_, err = f.Decide(f.ctx, f.board, dec)
	wantField(t, err, "override_reason")
	if aw, _ := f.Store.PersonAwards(f.ctx, an.ID); len(aw) != 0 {
		t.Fatalf("a refused decision left awards: %+v", aw)
	}
	_, err = f.Decide(f.ctx, f.board, app.DecisionInput{Year: 2031, Items: dec.Items})
	wantField(t, err, "signer")
	dec.Items[1].OverrideReason = "Nghỉ chế độ thai sản, Hội đồng xét đủ điều kiện"
	d, err := f.Decide(f.ctx, f.board, dec)
	if err != nil || len(d.Proposals) != 2 || d.Number != "125/QĐ-VKSTC" {
		t.Fatalf("decide: %+v %v", d, err)
	}
	for _, pr := range d.Proposals {
		if pr.Status != app.ProposalApproved || pr.DecisionID == nil || *pr.DecisionID != d.ID {
			t.Fatalf("approved %+v", pr)
		}
	}
	dv, err := f.Decision(f.ctx, f.viewer, d.ID)
	if err != nil || len(dv.Proposals) != 2 {
		t.Fatalf("decision view %+v %v", dv, err)
	}

	// The award is in An's history, a merit award with the decision.
	aw, err := f.Store.PersonAwards(f.ctx, an.ID)
	if err != nil || len(aw) != 1 || aw[0].Title != string(award.ChienSiThiDuaCoSo) || aw[0].Kind != string(award.Merit) ||
		aw[0].DecisionNo != "125/QĐ-VKSTC" || aw[0].Signer != "Viện trưởng VKSND tối cao" || aw[0].Year != 2031 {
		t.Fatalf("awards %+v %v", aw, err)
	}
	// Approving again is refused: it is no longer awaiting a decision.
	dec.Number = "126/QĐ-VKSTC"
	_, err = f.Decide(f.ctx, f.board, dec)
	wantCode(t, err, errs.Invalid)

	// Next year, An's Chiến sĩ thi đua ngành verdict counts the 2031 award.
	f.Now = func() time.Time { return time.Date(2032, 11, 20, 9, 0, 0, 0, time.UTC) }
	five, eight := 5, 8
	next, err := f.CreateProposal(f.ctx, f.officer, app.ProposalInput{Year: 2032, ProposerUnitID: th.ID, PersonID: &an.ID,
		Title: string(award.ChienSiThiDuaNganh), VoteElectorate: &eight, VoteFor: &five})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(next.VerdictReasons), "2031; thiếu") {
		t.Fatalf("next year's verdict does not count 2031: %s", next.VerdictReasons)
	}

	// Rejection needs a reason; the audit keeps every step.
	completeDossier(t, f, f.officer, prBinh.ID)
	prBinh, err = f.UpdateProposal(f.ctx, f.officer, prBinh.ID, prBinh.Version, app.ProposalInputOf(prBinh), true)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.RejectProposal(f.ctx, f.board, prBinh.ID, prBinh.Version, " ")
	wantField(t, err, "reject_reason")
	_, err = f.RejectProposal(f.ctx, f.officer, prBinh.ID, prBinh.Version, "Vượt tỷ lệ")
	wantCode(t, err, errs.Forbidden)
	_, err = f.RejectProposal(f.ctx, f.board, prBinh.ID, prBinh.Version-1, "Vượt tỷ lệ")
	wantCode(t, err, errs.Conflict)
	if prBinh, err = f.RejectProposal(f.ctx, f.board, prBinh.ID, prBinh.Version, "Vượt tỷ lệ 15 %"); err != nil || prBinh.Status != app.ProposalRejected {
		t.Fatalf("reject %+v %v", prBinh, err)
	}
	binhList, _ := f.Proposals(f.ctx, f.board, store.ProposalFilter{Year: 2031, Status: app.ProposalDraft})
	if len(binhList.Proposals) != 5 || len(binhList.Quotas) != 1 || binhList.Quotas[0].Over || binhList.Quotas[0].Proposed != 1 {
		t.Fatalf("drafts %d, quotas %+v", len(binhList.Proposals), binhList.Quotas)
	}
	hist, err := f.Store.History(f.ctx, "proposal", prHoa.ID)
	if err != nil || len(hist) < 3 {
		t.Fatalf("history %+v %v", hist, err)
	}
}

// While a year's list is published for comment the board waits: no
// decision before the window has closed.
func TestNoDecisionDuringPublication(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.Now = func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC) } // the demo's window is 20/11–10/12/2026
	list, err := f.Proposals(f.ctx, f.board, store.ProposalFilter{Year: 2026, Status: app.ProposalSubmitted})
	if err != nil || len(list.Proposals) == 0 {
		t.Fatalf("demo proposals: %v %v", len(list.Proposals), err)
	}
	pr := list.Proposals[0]
	on := time.Date(2026, 12, 11, 0, 0, 0, 0, time.UTC)
	in := app.DecisionInput{Year: 2026, Number: "1/QĐ-VKSTC", DecidedOn: &on, Signer: "Viện trưởng", Items: []app.DecisionItem{{ProposalID: pr.ID, Version: pr.Version, OverrideReason: "x"}}}
	_, err = f.Decide(f.ctx, f.board, in)
	wantCode(t, err, errs.Invalid)
	if want := time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC); !seed.FixtureSchedule.PublishUntil.Equal(want) {
		t.Fatalf("the fixture's window ends %v, want %v", seed.FixtureSchedule.PublishUntil, want)
	}
	f.Now = func() time.Time { return time.Date(2026, 12, 11, 9, 0, 0, 0, time.UTC) }
	if _, err := f.Decide(f.ctx, f.board, in); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

// A proposal's page shows the verdict on today's record when it changed
// since the proposal was saved; the stored verdict stays as it was.
func TestProposalCurrentVerdict(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.Now = func() time.Time { return time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC) }
	list, err := f.Proposals(f.ctx, f.board, store.ProposalFilter{Year: 2026, Status: app.ProposalSubmitted})
	if err != nil {
		t.Fatal(err)
	}
	var pr proposal.Proposal
	for _, x := range list.Proposals {
		if x.Title == "ldtt" && x.PersonID != nil && x.VerdictOutcome == "eligible" {
			pr = x
			break
		}
	}
	if pr.ID == 0 {
		t.Fatal("no eligible Lao động tiên tiến proposal in the demo")
	}
	v, err := f.Proposal(f.ctx, f.board, pr.ID)
	if err != nil || v.Current != nil {
		t.Fatalf("unchanged record: %+v %v", v.Current, err)
	}
	// A khiển trách in 2026 recorded after the proposal (with the rating it
	// implies): today's verdict differs.
	if _, err := f.SetRating(f.ctx, f.board, *pr.PersonID, app.Rating{Year: 2026, Rating: "khht"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.AddDiscipline(f.ctx, f.board, *pr.PersonID, app.Discipline{Measure: "khien_trach",
		FromDate: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Note: "thử"}, nil); err != nil {
		t.Fatal(err)
	}
	v, err = f.Proposal(f.ctx, f.board, pr.ID)
	if err != nil || v.Current == nil || v.Current.Outcome == "eligible" || v.VerdictOutcome != "eligible" {
		t.Fatalf("after a discipline: current %+v stored %s %v", v.Current, v.VerdictOutcome, err)
	}
}

// A subject has at most one live proposal per title and year, so quotas and
// decisions never count it twice; after a rejection the unit may try again.
func TestDuplicateProposalRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.Now = func() time.Time { return time.Date(2033, 11, 20, 9, 0, 0, 0, time.UTC) }
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))
	p, err := f.CreatePerson(f.ctx, f.officer, app.PersonInput{FullName: "Phạm Văn Trùng", UnitID: th.ID, Since: day("2020-01-01"), RecruitedOn: dayp("2020-01-01"), Active: true})
	if err != nil {
		t.Fatal(err)
	}
	in := func(title award.Title) app.ProposalInput {
		return app.ProposalInput{Year: 2033, ProposerUnitID: th.ID, PersonID: &p.ID, Title: string(title)}
	}
	first, err := f.CreateProposal(f.ctx, f.officer, in(award.LaoDongTienTien))
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.CreateProposal(f.ctx, f.officer, in(award.LaoDongTienTien))
	wantField(t, err, "title")
	if e, _ := errs.As(err); e == nil || !strings.Contains(e.Fields["title"], "Lao động tiên tiến") {
		t.Fatalf("message: %v", err)
	}

	// Another title is a different proposal; turning it into the first one's title is refused too.
	other, err := f.CreateProposal(f.ctx, f.officer, in(award.ChienSiThiDuaCoSo))
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.UpdateProposal(f.ctx, f.officer, other.ID, other.Version, in(award.LaoDongTienTien), false)
	wantField(t, err, "title")

	// The same title for the unit itself is its own subject.
	if _, err := f.CreateProposal(f.ctx, f.officer, app.ProposalInput{Year: 2033, ProposerUnitID: th.ID, Title: string(award.TapTheLaoDongTienTien)}); err != nil {
		t.Fatal(err)
	}
	_, err = f.CreateProposal(f.ctx, f.officer, app.ProposalInput{Year: 2033, ProposerUnitID: th.ID, Title: string(award.TapTheLaoDongTienTien)})
	wantField(t, err, "title")

	// Rejected, it no longer blocks a new proposal.
	completeDossier(t, f, f.officer, first.ID)
	sent, err := f.UpdateProposal(f.ctx, f.officer, first.ID, first.Version, in(award.LaoDongTienTien), true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.RejectProposal(f.ctx, f.board, sent.ID, sent.Version, "Thiếu hồ sơ"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.CreateProposal(f.ctx, f.officer, in(award.LaoDongTienTien)); err != nil {
		t.Fatalf("after rejection: %v", err)
	}
}
