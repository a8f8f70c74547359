package app_test

import (
	"strings"
	"testing"

	"thidua/internal/app"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/proposal"
	"thidua/internal/seed"
	"thidua/internal/store"
)

// TestTimeline: Quảng Trị's filing was drafted, submitted and returned
// with a reason by Thanh Hóa (the head); it resubmits and is reviewed.
// Its timeline says each state, dated, with people's full names and the
// return reason; another unit's officer cannot read it.
func TestTimeline(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	quangTri := f.unit(t, seed.ProvinceCode("Quảng Trị")+"-2025").ID
	qt := f.officerOf(quangTri)

	tl, err := f.Timeline(f.ctx, qt, 2026, quangTri)
	if err != nil {
		t.Fatal(err)
	}
	events := func(tl app.Timeline) string {
		var b []string
		for _, s := range tl.Filing {
			b = append(b, s.Event+" ("+s.At.Format("02/01/2006")+", "+s.By+")")
		}
		return strings.Join(b, "; ")
	}
	if len(tl.Filing) != 3 || tl.Filing[0].Event != "Bắt đầu tự chấm điểm" || tl.Filing[1].Event != "Nộp bản tự chấm điểm" ||
		!tl.Filing[2].Return || tl.Filing[2].Reason == "" || tl.Filing[2].By == "" || tl.Filing[2].By == "canbo.thanhhoa" {
		t.Fatalf("Quảng Trị's timeline: %s (%+v)", events(tl), tl.Filing)
	}
	head, err := f.Store.UserByName(f.ctx, "canbo.thanhhoa")
	if err != nil {
		t.Fatal(err)
	}
	if tl.Filing[2].By != head.FullName {
		t.Fatalf("returned by %q, want Thanh Hóa's officer %q", tl.Filing[2].By, head.FullName)
	}

	_, err = f.Timeline(f.ctx, f.other, 2026, quangTri)
	wantCode(t, err, errs.Forbidden)

	v, err := f.Filing(f.ctx, qt, 2026, quangTri)
	if err != nil {
		t.Fatal(err)
	}
	if v, err = f.SaveSelf(f.ctx, qt, 2026, quangTri, v.Filing.Version, v.Filing.Self, true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err = f.ReviewFiling(f.ctx, f.officer, 2026, quangTri, v.Filing.Version, nil, app.ReviewAccept, ""); err != nil {
		t.Fatal(err)
	}
	tl, err = f.Timeline(f.ctx, qt, 2026, quangTri)
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Filing) != 5 || tl.Filing[3].Event != "Nộp lại sau khi sửa" || tl.Filing[4].Event != "Thẩm định xong" || tl.FilingStatus != "Đã thẩm định" {
		t.Fatalf("after resubmitting: %s", events(tl))
	}

	// A proposal's states, with the board's reason when it refused one
	// (the demo's are created by the seed, without a person).
	props, err := f.Store.ListProposals(f.ctx, store.ProposalFilter{Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	var pr *proposal.Proposal
	for i := range props {
		// A unit's timeline follows its cluster: the provincial procuracies'
		// proposals (the regional ones of the levels demo belong to none).
		u, err := f.Store.Unit(f.ctx, props[i].ProposerUnitID)
		if err != nil {
			t.Fatal(err)
		}
		if u.Type == org.TypeProvincial && (pr == nil || props[i].Status == app.ProposalRejected) {
			pr = &props[i]
		}
	}
	if pr == nil {
		t.Skip("the demo has no proposal")
	}
	if pr.Status == app.ProposalSubmitted {
		if _, err := f.RejectProposal(f.ctx, f.board, pr.ID, pr.Version, "Chưa đủ hồ sơ minh chứng"); err != nil {
			t.Fatal(err)
		}
		pr.Status = app.ProposalRejected
	}
	tl, err = f.Timeline(f.ctx, f.board, 2026, pr.ProposerUnitID)
	if err != nil {
		t.Fatal(err)
	}
	var found *app.ProposalSteps
	for i := range tl.Proposals {
		if tl.Proposals[i].ID == pr.ID {
			found = &tl.Proposals[i]
		}
	}
	if found == nil || len(found.Steps) == 0 || found.Steps[0].Event != "Lập dự thảo đề nghị" {
		t.Fatalf("proposal %d (%s) in the timeline: %+v", pr.ID, pr.Status, tl.Proposals)
	}
	if pr.Status == app.ProposalRejected {
		last := found.Steps[len(found.Steps)-1]
		if !last.Return || last.Reason == "" || last.By == "" {
			t.Fatalf("a refused proposal's last step: %+v", last)
		}
	}
}
