package app_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/award"
	"thidua/internal/errs"
	"thidua/internal/seed"
	"thidua/internal/store"
)

func reasonTexts(t *testing.T, pr store.Proposal) string {
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
	f.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))

	// Three members, two holding Lao động tiên tiến 2026: 2/3 is more than 50 %.
	for i, name := range []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"} {
		p, err := f.CreatePerson(f.ctx, f.officer, app.PersonInput{FullName: name, UnitID: th.ID, Since: day("2018-03-01"), Active: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetRating(f.ctx, f.officer, p.ID, store.PersonRating{Year: 2026, Rating: string(award.Tot)}); err != nil {
			t.Fatal(err)
		}
		if i < 2 {
			if _, err := f.AddAward(f.ctx, f.board, p.ID, store.Award{Year: 2026, Title: string(award.LaoDongTienTien), Kind: string(award.Merit), DecisionNo: "12/QĐ-VKS"}, nil); err != nil {
				t.Fatal(err)
			}
		}
	}

	// Without facts: not eligible, with the reasons naming what is unconfirmed.
	pr, err := f.CreateProposal(f.ctx, f.officer, app.ProposalInput{Year: 2026, ProposerUnitID: th.ID, Title: string(award.TapTheLaoDongTienTien)})
	if err != nil {
		t.Fatal(err)
	}
	if pr.VerdictOutcome == string(award.Eligible) {
		t.Fatalf("eligible without facts: %s", reasonTexts(t, pr))
	}
	if txt := reasonTexts(t, pr); !strings.Contains(txt, "chưa được xác nhận có phong trào thi đua") || !strings.Contains(txt, "chưa có kết quả xếp loại tập thể") {
		t.Fatalf("reasons without facts:\n%s", txt)
	}

	// Another unit's officer and a viewer are refused; leading the cluster is the board's.
	in := app.CollectiveFactsInput{Rating: string(award.Tot), Completed: true, Movement: true, Solidarity: true}
	_, err = f.SetUnitFacts(f.ctx, f.other, th.ID, 2026, in)
	wantCode(t, err, errs.Forbidden)
	_, err = f.SetUnitFacts(f.ctx, f.viewer, th.ID, 2026, in)
	wantCode(t, err, errs.Forbidden)
	lead := in
	lead.LeadsCluster = true
	_, err = f.SetUnitFacts(f.ctx, f.officer, th.ID, 2026, lead)
	wantField(t, err, "leads_cluster")
	bad := in
	bad.Rating = "xuat_sac"
	_, err = f.SetUnitFacts(f.ctx, f.officer, th.ID, 2026, bad)
	wantField(t, err, "rating")

	facts, err := f.SetUnitFacts(f.ctx, f.officer, th.ID, 2026, in)
	if err != nil {
		t.Fatal(err)
	}
	if facts.RecordedBy["movement"].UserID != f.officer.UserID || facts.RecordedBy["rating"].Name == "" {
		t.Fatalf("recorded by %+v", facts.RecordedBy)
	}
	if _, err := f.SetUnitFacts(f.ctx, f.board, th.ID, 2026, lead); err != nil {
		t.Fatal(err)
	}
	v, err := f.UnitFacts(f.ctx, f.officer, th.ID, 2026)
	if err != nil || !v.Recorded || !v.LeadsCluster || v.RecordedBy["leads_cluster"].UserID != f.board.UserID || v.RecordedBy["movement"].UserID != f.officer.UserID {
		t.Fatalf("facts %+v %v", v, err)
	}
	hist, err := f.Store.History(f.ctx, "collective_facts", th.ID)
	if err != nil || len(hist) != 2 {
		t.Fatalf("audit %d %v", len(hist), err)
	}

	// With facts: the proposal judged again is eligible.
	pr, err = f.UpdateProposal(f.ctx, f.officer, pr.ID, pr.Version, app.ProposalInputOf(pr), true)
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
	_, err = f.Publish(f.ctx, f.officer, 2026, app.PublicationInput{})
	wantCode(t, err, errs.Forbidden)
	from, until := day("2026-11-25"), day("2026-11-20")
	_, err = f.Publish(f.ctx, f.board, 2026, app.PublicationInput{From: &from, Until: &until})
	wantField(t, err, "until")
	pub, err := f.Publish(f.ctx, f.board, 2026, app.PublicationInput{})
	if err != nil || !pub.Open || pub.Submitted != 1 || !pub.Window.From.Equal(day("2026-11-20")) || !pub.Window.Until.Equal(day("2026-11-30")) {
		t.Fatalf("default window %+v %v", pub, err)
	}
	if _, err := f.CommentProposal(f.ctx, f.other, pr.ID, "Nhất trí"); err != nil {
		t.Fatal(err)
	}
	f.Now = func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) }
	_, err = f.CommentProposal(f.ctx, f.other, pr.ID, "Quá hạn")
	wantCode(t, err, errs.Invalid)
	if !strings.Contains(err.Error(), "20/11/2026") || !strings.Contains(err.Error(), "30/11/2026") {
		t.Fatalf("message %v", err)
	}
	got, err := f.Publication(f.ctx, f.viewer, 2026)
	if err != nil || got.Open || !got.Published {
		t.Fatalf("publication %+v %v", got, err)
	}
}
