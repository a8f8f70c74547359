package seed

import (
	"testing"

	"golang.org/x/crypto/bcrypt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/proposal"
	"thidua/internal/store"
)

// TestDemoLevels: the demo tells the seeds' story — VKSND huyện Tiểu Cần's
// 2020 titles (Tập thể lao động tiên tiến, 02 Chiến sĩ thi đua cơ sở, 11
// Lao động tiên tiến) decided by VKSND tỉnh Trà Vinh, its history shown by
// today's VKSND khu vực 1 – Vĩnh Long — and this year's round in Vĩnh Long:
// the province decides what it may and forwards the Tập thể lao động xuất
// sắc to the sector's board.
func TestDemoLevels(t *testing.T) {
	t.Parallel()
	s, ctx := seeded(t)
	a := app.New(s, auth.Hasher{Cost: bcrypt.MinCost}, app.FixedClock(FixtureClock))
	id := func(code string) int64 {
		u, err := s.UnitByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}

	// Trà Vinh's 2020 decision: its own series and heading, its head signs.
	list, err := s.ListProposals(ctx, store.ProposalFilter{Year: 2020, UnitID: ptr(id(tieuCan))})
	if err != nil || len(list) != 14 {
		t.Fatalf("Tiểu Cần's 2020 proposals: %d %v", len(list), err)
	}
	count := map[award.Title]int{}
	for _, pr := range list {
		if pr.Status != proposal.Approved || pr.DecisionID == nil || pr.DecisionNo != "1/QĐ-VKSTV" {
			t.Fatalf("not approved by Trà Vinh: %+v", pr)
		}
		count[award.Title(pr.Title)]++
	}
	if count[award.LaoDongTienTien] != 11 || count[award.ChienSiThiDuaCoSo] != 2 || count[award.TapTheLaoDongTienTien] != 1 {
		t.Errorf("2020 titles %v", count)
	}
	d, err := a.Decision(ctx, auth.System, *list[0].DecisionID)
	if err != nil || d.Issuer.Name != "VIỆN KIỂM SÁT NHÂN DÂN TỈNH TRÀ VINH" || d.Issuer.Place != "Trà Vinh" || d.SignMode != "" ||
		d.Signature[0] != "VIỆN TRƯỞNG" || len(d.Issuer.Authority) != 4 ||
		d.Issuer.Authority[0] != "Căn cứ Luật Tổ chức Viện kiểm sát nhân dân năm 2014;" {
		t.Fatalf("Trà Vinh's decision %+v %v", d, err)
	}

	// Today's unit shows Tiểu Cần's collective title through the lineage.
	h, err := a.UnitAwards(ctx, auth.System, id(vinhLong1))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range h.Predecessors {
		for _, aw := range p.Awards {
			found = found || p.Counts && p.Unit.ID == id(tieuCan) && aw.Title == string(award.TapTheLaoDongTienTien) && aw.Year == 2020
		}
	}
	if !found {
		t.Errorf("VKSND khu vực 1 – Vĩnh Long's history lacks Tiểu Cần's 2020 title: %+v", h.Predecessors)
	}

	// This year's round in Vĩnh Long.
	y := FixtureSchedule.Year
	round, err := s.ListProposals(ctx, store.ProposalFilter{Year: y, UnitID: ptr(id(vinhLong1))})
	if err != nil || len(round) != 3 {
		t.Fatalf("Vĩnh Long's round: %d %v", len(round), err)
	}
	for _, pr := range round {
		switch award.Title(pr.Title) {
		case award.TapTheLaoDongXuatSac:
			if pr.Status != proposal.Submitted || pr.AddressedUnitID == nil || *pr.AddressedUnitID != id(CodeSupreme) {
				t.Errorf("TTLĐXS not forwarded to the sector: %+v", pr)
			}
			v, err := a.Proposal(ctx, auth.System, pr.ID)
			if err != nil || len(v.Steps) != 2 || v.Steps[1].Step != proposal.StepForward || v.Steps[1].DocumentNo != "12/TTr-VKSVL" {
				t.Errorf("TTLĐXS steps %+v %v", v.Steps, err)
			}
		default:
			if pr.Status != proposal.Approved || pr.DecisionNo != "1/QĐ-VKSVL" {
				t.Errorf("%s not decided by Vĩnh Long: %+v", pr.Title, pr)
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }
