package app_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/errs"
	"thidua/internal/proposal"
	"thidua/internal/seed"
)

func reasonTexts(t *testing.T, pr proposal.Proposal) string {
	t.Helper()
	var rs []award.Reason
	if err := json.Unmarshal(pr.VerdictReasons, &rs); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Text)
		b.WriteString("\n")
	}
	return b.String()
}

func TestCollectiveFactsAndPublication(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// A unit and a year the demo leaves empty, with officers of the test's own.
	const year = 2031
	f.Now = func() time.Time { return time.Date(year, 11, 20, 9, 0, 0, 0, time.UTC) }
	f.openYear(t, year)
	th := f.unit(t, seed.ProvinceCode("Hà Tĩnh"))
	sl := f.unit(t, seed.ProvinceCode("Sơn La"))
	newOfficer := func(username, name string, unitID int64) auth.Principal {
		t.Helper()
		u, err := f.CreateUser(f.ctx, f.admin, app.UserInput{Username: username, FullName: name, Role: "officer", UnitID: &unitID, Password: "mat-khau-du-dai"})
		if err != nil {
			t.Fatal(err)
		}
		return u.Principal()
	}
	officer := newOfficer("canbo.facts.hatinh", "Cán bộ Hà Tĩnh", th.ID)
	other := newOfficer("canbo.facts.sonla", "Cán bộ Sơn La", sl.ID)

	// Three members, two holding Lao động tiên tiến that year: 2/3 is more than 50 %.
	for i, name := range []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"} {
		p, err := f.CreatePerson(f.ctx, officer, app.PersonInput{FullName: name, UnitID: th.ID, Since: day("2018-03-01"), RecruitedOn: dayp("2018-03-01"), Active: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.SetRating(f.ctx, officer, p.ID, app.Rating{Year: year, Rating: string(award.Tot)}); err != nil {
			t.Fatal(err)
		}
		if i < 2 {
			if _, err := f.AddAward(f.ctx, f.board, p.ID, app.AwardInput{Year: year, Title: string(award.LaoDongTienTien), Kind: string(award.Merit), DecisionNo: "12/QĐ-VKS"}, nil); err != nil {
				t.Fatal(err)
			}
		}
	}

	// Without facts: chưa đủ thông tin, the reasons naming what is missing.
	pr, err := f.CreateProposal(f.ctx, officer, app.ProposalInput{Year: year, ProposerUnitID: th.ID, Title: string(award.TapTheLaoDongTienTien)})
	if err != nil {
		t.Fatal(err)
	}
	if pr.VerdictOutcome != string(award.Insufficient) {
		t.Fatalf("without facts: %s, want chưa đủ thông tin: %s", pr.VerdictOutcome, reasonTexts(t, pr))
	}
	if txt := reasonTexts(t, pr); !strings.Contains(txt, "chưa có dữ kiện tập thể: phong trào thi đua") || !strings.Contains(txt, "chưa có kết quả xếp loại tập thể") {
		t.Fatalf("reasons without facts:\n%s", txt)
	}

	// Another unit's officer and a viewer are refused; leading the cluster is the board's.
	in := app.CollectiveFactsInput{Rating: string(award.Tot), Completed: true, Movement: true, Solidarity: true}
	_, err = f.SetUnitFacts(f.ctx, other, th.ID, year, in)
	wantCode(t, err, errs.Forbidden)
	_, err = f.SetUnitFacts(f.ctx, f.viewer, th.ID, year, in)
	wantCode(t, err, errs.Forbidden)
	lead := in
	lead.LeadsCluster = true
	_, err = f.SetUnitFacts(f.ctx, officer, th.ID, year, lead)
	wantField(t, err, "leads_cluster")
	bad := in
	bad.Rating = "xuat_sac"
	_, err = f.SetUnitFacts(f.ctx, officer, th.ID, year, bad)
	wantField(t, err, "rating")

	facts, err := f.SetUnitFacts(f.ctx, officer, th.ID, year, in)
	if err != nil {
		t.Fatal(err)
	}
	if facts.RecordedBy["movement"].UserID != officer.UserID || facts.RecordedBy["rating"].Name == "" {
		t.Fatalf("recorded by %+v", facts.RecordedBy)
	}
	// A save over facts someone saved since they were read is refused:
	// no silent overwrite (the officer's form was read before their save).
	_, err = f.SetUnitFacts(f.ctx, f.board, th.ID, year, lead)
	wantCode(t, err, errs.Conflict)
	lead.Version = facts.Version
	if _, err := f.SetUnitFacts(f.ctx, f.board, th.ID, year, lead); err != nil {
		t.Fatal(err)
	}
	v, err := f.UnitFacts(f.ctx, officer, th.ID, year)
	if err != nil || !v.Recorded || !v.LeadsCluster || v.RecordedBy["leads_cluster"].UserID != f.board.UserID || v.RecordedBy["movement"].UserID != officer.UserID {
		t.Fatalf("facts %+v %v", v, err)
	}
	hist, err := f.Store.History(f.ctx, "collective_facts", th.ID)
	if err != nil || len(hist) != 2 {
		t.Fatalf("audit %d %v", len(hist), err)
	}

	// With facts: the proposal judged again is eligible.
	completeDossier(t, f, officer, pr.ID)
	pr, err = f.UpdateProposal(f.ctx, officer, pr.ID, pr.Version, app.ProposalInputOf(pr), true)
	if err != nil {
		t.Fatal(err)
	}
	if pr.VerdictOutcome != string(award.Eligible) {
		t.Fatalf("not eligible with facts: %s\n%s", pr.VerdictOutcome, reasonTexts(t, pr))
	}
	if txt := reasonTexts(t, pr); !strings.Contains(txt, "2/3") {
		t.Fatalf("member share missing:\n%s", txt)
	}

	// Publication: the board only; comments only inside the window.
	_, err = f.Publish(f.ctx, officer, year, app.PublicationInput{})
	wantCode(t, err, errs.Forbidden)
	from, until := day("2031-11-25"), day("2031-11-20")
	_, err = f.Publish(f.ctx, f.board, year, app.PublicationInput{From: &from, Until: &until})
	wantField(t, err, "until")
	pub, err := f.Publish(f.ctx, f.board, year, app.PublicationInput{})
	if err != nil || !pub.Open || pub.Submitted != 1 || !pub.Window.From.Equal(day("2031-11-20")) || !pub.Window.Until.Equal(day("2031-11-30")) {
		t.Fatalf("default window %+v %v", pub, err)
	}
	if _, err := f.CommentProposal(f.ctx, other, pr.ID, "Nhất trí"); err != nil {
		t.Fatal(err)
	}
	f.Now = func() time.Time { return time.Date(year, 12, 1, 9, 0, 0, 0, time.UTC) }
	_, err = f.CommentProposal(f.ctx, other, pr.ID, "Quá hạn")
	wantCode(t, err, errs.Invalid)
	if !strings.Contains(err.Error(), "20/11/2031") || !strings.Contains(err.Error(), "30/11/2031") {
		t.Fatalf("message %v", err)
	}
	got, err := f.Publication(f.ctx, f.viewer, year)
	if err != nil || got.Open || !got.Published {
		t.Fatalf("publication %+v %v", got, err)
	}
}
