package app_test

import (
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/errs"
	"thidua/internal/proposal"
	"thidua/internal/seed"
	"thidua/internal/store"
)

func TestUnitAwardCarryover(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	vl := f.unit(t, seed.ProvinceCode("Vĩnh Long")+"-2025")
	tv := f.unit(t, seed.ProvinceCode("Trà Vinh"))
	ttldxs := string(award.TapTheLaoDongXuatSac)
	for _, y := range []int{2024, 2023} {
		if _, err := f.AddUnitAward(f.ctx, f.board, tv.ID, store.Award{Year: y, Title: ttldxs, Kind: string(award.Merit), DecisionNo: "5/QĐ-VKSTC"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	_, err := f.AddUnitAward(f.ctx, f.officer, tv.ID, store.Award{Year: 2024, Title: ttldxs, Kind: string(award.Merit), DecisionNo: "1"}, nil)
	wantCode(t, err, errs.Forbidden)
	_, err = f.AddUnitAward(f.ctx, f.board, tv.ID, store.Award{Year: 2024, Title: string(award.LaoDongTienTien), Kind: string(award.Merit), DecisionNo: "1"}, nil)
	wantField(t, err, "title")

	// Not decided: shown as a predecessor's awards, not counted.
	v, err := f.UnitAwards(f.ctx, f.board, vl.ID)
	if err != nil {
		t.Fatal(err)
	}
	var pa *app.PredecessorAwards
	for i := range v.Predecessors {
		if v.Predecessors[i].Unit.ID == tv.ID {
			pa = &v.Predecessors[i]
		}
	}
	if pa == nil || len(pa.Awards) != 2 || pa.Counts || len(pa.Links) != 1 || pa.Links[0].Status != app.CarryUndecided {
		t.Fatalf("predecessor view %+v", pa)
	}
	// One draft, judged again on every save: a second proposal of the same title would be refused.
	var pr proposal.Proposal
	propose := func() string {
		t.Helper()
		e, fr := 10, 9
		in := app.ProposalInput{Year: 2024, ProposerUnitID: vl.ID, Title: string(award.CoThiDuaNganh), VoteElectorate: &e, VoteFor: &fr}
		var err error
		if pr.ID == 0 {
			pr, err = f.CreateProposal(f.ctx, auth.System, in)
		} else {
			pr, err = f.UpdateProposal(f.ctx, auth.System, pr.ID, pr.Version, in, false)
		}
		if err != nil {
			t.Fatal(err)
		}
		return reasonTexts(t, pr)
	}
	label := award.TapTheLaoDongXuatSac.Label()
	if txt := propose(); !strings.Contains(txt, "chưa đạt "+label+" năm 2024") || strings.Contains(txt, "tiền thân") {
		t.Fatalf("undecided link counted:\n%s", txt)
	}

	// The board decides: reason required, officer refused, link must exist.
	yes := true
	_, err = f.SetCarryover(f.ctx, f.board, vl.ID, app.CarryoverInput{PredecessorID: tv.ID, Counts: &yes})
	wantField(t, err, "reason")
	_, err = f.SetCarryover(f.ctx, f.officer, vl.ID, app.CarryoverInput{PredecessorID: tv.ID, Counts: &yes, Reason: "x"})
	wantCode(t, err, errs.Forbidden)
	_, err = f.SetCarryover(f.ctx, f.board, vl.ID, app.CarryoverInput{PredecessorID: vl.ID, Counts: &yes, Reason: "x"})
	wantField(t, err, "predecessor_id")
	c, err := f.SetCarryover(f.ctx, f.board, vl.ID, app.CarryoverInput{PredecessorID: tv.ID, Counts: &yes, Reason: "Nghị quyết Hội đồng số 3/NQ-HĐTĐKT"})
	if err != nil || !c.Counts || c.DeciderName == "" {
		t.Fatalf("carryover %+v %v", c, err)
	}
	if txt := propose(); !strings.Contains(txt, "đạt "+label+" năm 2024 (của đơn vị tiền thân "+tv.Name+")") {
		t.Fatalf("carried award missing:\n%s", txt)
	}
	if v, err = f.UnitAwards(f.ctx, f.officer, vl.ID); err == nil {
		t.Fatalf("officer of another unit sees Vĩnh Long awards")
	}
	hist, err := f.Store.History(f.ctx, "unit", vl.ID)
	if err != nil || len(hist) == 0 {
		t.Fatalf("audit %d %v", len(hist), err)
	}

	// Marked as not counting: excluded again.
	no := false
	if _, err := f.SetCarryover(f.ctx, f.board, vl.ID, app.CarryoverInput{PredecessorID: tv.ID, Counts: &no, Reason: "Hội đồng không tính"}); err != nil {
		t.Fatal(err)
	}
	if txt := propose(); strings.Contains(txt, "tiền thân") {
		t.Fatalf("not-counting link counted:\n%s", txt)
	}
}
