package app_test

import (
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/decision"
	"thidua/internal/errs"
	"thidua/internal/proposal"
	"thidua/internal/seed"
	"thidua/internal/store"
)

// account creates a user of role at unit and returns them as signed in
// (a board member scoped to their province's council).
func (f *fixture) account(t *testing.T, name string, role auth.Role, unit int64) auth.Principal {
	t.Helper()
	u, err := f.Store.CreateUser(f.ctx, store.User{Username: name, FullName: name, Role: string(role), UnitID: &unit, Active: true, PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	p := u.Principal()
	province, err := f.Store.ProvinceOf(f.ctx, unit)
	if err != nil {
		t.Fatal(err)
	}
	return auth.Scoped(p, province)
}

// TestProvincialRound: a regional procuracy proposes to its province; the
// provincial council returns one with a reason, decides what is in its
// power under its own heading, series and signer (KT.), forwards a Tập
// thể lao động xuất sắc with its tờ trình, and the sector's board decides
// that one. Every refusal on the way is checked: the sector does not
// decide what the province holds, the province does not decide above its
// power nor for another province, nor forward what it may decide.
func TestProvincialRound(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.Now = func() time.Time { return time.Date(2031, 11, 20, 9, 0, 0, 0, time.UTC) }
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))
	na := f.unit(t, seed.ProvinceCode("Nghệ An"))
	kv1 := f.unit(t, seed.ProvinceCode("Thanh Hóa")+"-KV1")
	kv2 := f.unit(t, seed.ProvinceCode("Thanh Hóa")+"-KV2")
	council := f.account(t, "hoidong.thanhhoa", auth.RoleBoard, th.ID)
	councilNA := f.account(t, "hoidong.nghean", auth.RoleBoard, na.ID)
	kvOfficer := f.account(t, "canbo.kv1", auth.RoleOfficer, kv1.ID)
	kv2Officer := f.account(t, "canbo.kv2", auth.RoleOfficer, kv2.ID)

	// The provincial council sets up its own council; not the sector's.
	_, err := f.CreateCouncil(f.ctx, council, app.CouncilInput{UnitID: f.unit(t, seed.CodeSupreme).ID, Year: 2031, Name: "Hội đồng ngành"})
	wantCode(t, err, errs.Forbidden)
	_, err = f.CreateCouncil(f.ctx, council, app.CouncilInput{UnitID: kv1.ID, Year: 2031, Name: "Hội đồng khu vực"})
	wantCode(t, err, errs.Forbidden)
	co, err := f.CreateCouncil(f.ctx, council, app.CouncilInput{Year: 2031, Name: "Hội đồng Thi đua – Khen thưởng VKSND tỉnh Thanh Hóa", FoundedBy: "Quyết định số 01/QĐ-VKSTH"})
	if err != nil || co.UnitID != th.ID {
		t.Fatalf("council %+v %v", co, err)
	}
	_, err = f.CreateCouncil(f.ctx, council, app.CouncilInput{Year: 2031, Name: "Lần hai"})
	wantField(t, err, "year")
	_, err = f.CreateCouncil(f.ctx, council, app.CouncilInput{Year: 9999999999999, Name: "Năm sai"})
	wantField(t, err, "year")
	if pg, err := f.CouncilsPage(f.ctx, council, 9999999999999); err != nil || pg.Year != 2031 || pg.Level == nil || pg.Level.ID != th.ID {
		t.Fatalf("the list after a refused year: %+v %v", pg, err)
	}
	members := map[string]decision.Member{}
	for _, m := range []app.MemberInput{
		{FullName: "Lê Văn Minh", Position: "Viện trưởng", Seat: decision.SeatChair},
		{FullName: "Nguyễn Thị Hằng", Position: "Phó Viện trưởng", Seat: decision.SeatViceChair, Username: "hoidong.thanhhoa"},
		{FullName: "Trịnh Văn Bình", Position: "Chánh Văn phòng", Seat: decision.SeatStanding},
	} {
		got, err := f.AddCouncilMember(f.ctx, council, co.ID, m)
		if err != nil {
			t.Fatal(err)
		}
		members[m.Seat] = got
	}
	_, err = f.AddCouncilMember(f.ctx, council, co.ID, app.MemberInput{FullName: "Chủ tịch thứ hai", Position: "Viện trưởng", Seat: decision.SeatChair})
	wantField(t, err, "role")
	_, err = f.AddCouncilMember(f.ctx, councilNA, co.ID, app.MemberInput{FullName: "Người ngoài", Seat: decision.SeatMember})
	wantCode(t, err, errs.Forbidden)

	// The regional procuracy proposes two people and itself.
	person := func(name string, unit int64, by auth.Principal) int64 {
		p, err := f.CreatePerson(f.ctx, by, app.PersonInput{FullName: name, UnitID: unit, Since: day("2020-03-01"), RecruitedOn: dayp("2020-03-01"), Active: true, Sex: "nam"})
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	send := func(by auth.Principal, unit int64, pid *int64, title award.Title) proposal.Proposal {
		t.Helper()
		in := app.ProposalInput{Year: 2031, ProposerUnitID: unit, PersonID: pid, Title: string(title), Summary: "Hoàn thành tốt nhiệm vụ"}
		pr, err := f.CreateProposal(f.ctx, by, in)
		if err != nil {
			t.Fatal(err)
		}
		if err := seed.CompleteDossier(f.ctx, f.App, by, pr.ID); err != nil {
			t.Fatal(err)
		}
		if pr, err = f.UpdateProposal(f.ctx, by, pr.ID, pr.Version, in, true); err != nil {
			t.Fatal(err)
		}
		return pr
	}
	a, b := person("Trần Văn An", kv1.ID, kvOfficer), person("Lê Văn Bảo", kv1.ID, kvOfficer)
	prA, prB := send(kvOfficer, kv1.ID, &a, award.LaoDongTienTien), send(kvOfficer, kv1.ID, &b, award.LaoDongTienTien)
	prX := send(kvOfficer, kv1.ID, nil, award.TapTheLaoDongXuatSac)
	prX2 := send(kv2Officer, kv2.ID, nil, award.TapTheLaoDongXuatSac)
	for _, pr := range []proposal.Proposal{prA, prB, prX, prX2} {
		if pr.AddressedUnitID == nil || *pr.AddressedUnitID != th.ID {
			t.Fatalf("sent to %v, want the province %d", pr.AddressedUnitID, th.ID)
		}
	}

	// Quotas at the deciding level: the province's desk counts the two
	// Tập thể lao động xuất sắc it holds (over its units rated TTLĐTT: none,
	// so one at most); the sector's desk holds none of them.
	desk, err := f.ProposalsPage(f.ctx, council, app.ProposalQuery{Year: 2031, Held: true})
	if err != nil || len(desk.Proposals) != 4 || desk.Level == nil || desk.Level.UnitID != th.ID || len(desk.Level.Signers) != 2 {
		t.Fatalf("council desk %+v %v", desk, err)
	}
	if !quotaOver(desk.Quotas, award.QuotaTTLDXS) {
		t.Errorf("the province's list should exceed the TTLĐXS quota: %+v", desk.Quotas)
	}
	sector, err := f.ProposalsPage(f.ctx, f.board, app.ProposalQuery{Year: 2031, Held: true})
	if err != nil || len(sector.Proposals) != 0 {
		t.Fatalf("sector desk %+v %v", sector.Proposals, err)
	}

	// The sector's board does not decide what the province holds.
	item := func(pr proposal.Proposal) app.DecisionItem {
		return app.DecisionItem{ProposalID: pr.ID, Version: pr.Version, OverrideReason: "Hội đồng đã xem xét hồ sơ"}
	}
	on := day("2031-12-10")
	_, err = f.Decide(f.ctx, f.board, app.DecisionInput{Year: 2031, DecidedOn: &on, Signer: "Viện trưởng", Items: []app.DecisionItem{item(prA)}})
	wantField(t, err, "override_reason_"+itoa64(prA.ID))
	// Another province's council neither.
	_, err = f.Decide(f.ctx, councilNA, app.DecisionInput{Year: 2031, UnitID: th.ID, DecidedOn: &on, Items: []app.DecisionItem{item(prA)}})
	wantCode(t, err, errs.Forbidden)
	_, err = f.ReturnProposal(f.ctx, councilNA, prA.ID, prA.Version, "Không thuộc tỉnh")
	wantCode(t, err, errs.Forbidden)

	// Returned with a reason, corrected and sent again.
	_, err = f.ReturnProposal(f.ctx, council, prB.ID, prB.Version, "")
	wantField(t, err, "reason")
	if prB, err = f.ReturnProposal(f.ctx, council, prB.ID, prB.Version, "Bổ sung báo cáo thành tích"); err != nil || prB.Status != proposal.Draft || prB.AddressedUnitID != nil {
		t.Fatalf("returned %+v %v", prB, err)
	}
	in := app.ProposalInputOf(prB)
	in.Summary = "Hoàn thành tốt nhiệm vụ; đã bổ sung báo cáo thành tích"
	if err := seed.CompleteDossier(f.ctx, f.App, kvOfficer, prB.ID); err != nil {
		t.Fatal(err)
	}
	if prB, err = f.UpdateProposal(f.ctx, kvOfficer, prB.ID, prB.Version, in, true); err != nil {
		t.Fatal(err)
	}

	// Above its power: the province may not decide TTLĐXS, nor forward LĐTT.
	signer := members[decision.SeatViceChair].ID
	_, err = f.Decide(f.ctx, council, app.DecisionInput{Year: 2031, DecidedOn: &on, SignerMemberID: &signer, Items: []app.DecisionItem{item(prX)}})
	wantField(t, err, "override_reason_"+itoa64(prX.ID))
	_, err = f.ForwardProposal(f.ctx, council, prA.ID, app.ForwardInput{Version: prA.Version, DocumentNo: "15/TTr-VKSTH"})
	wantCode(t, err, errs.Invalid)
	_, err = f.ForwardProposal(f.ctx, council, prX.ID, app.ForwardInput{Version: prX.Version})
	wantField(t, err, "document_no")
	if prX, err = f.ForwardProposal(f.ctx, council, prX.ID, app.ForwardInput{Version: prX.Version, DocumentNo: "15/TTr-VKSTH", Note: "Đề nghị tặng danh hiệu Tập thể lao động xuất sắc"}); err != nil ||
		prX.AddressedUnitID == nil || *prX.AddressedUnitID == th.ID {
		t.Fatalf("forwarded %+v %v", prX, err)
	}

	// A signer who is not the head or a deputy is refused; a number of
	// another level's series too.
	standing := members[decision.SeatStanding].ID
	_, err = f.Decide(f.ctx, council, app.DecisionInput{Year: 2031, DecidedOn: &on, SignerMemberID: &standing, Items: []app.DecisionItem{item(prA)}})
	wantField(t, err, "signer_member_id")
	_, err = f.Decide(f.ctx, council, app.DecisionInput{Year: 2031, DecidedOn: &on, Number: "3/QĐ-VKSTC", SignerMemberID: &signer, Items: []app.DecisionItem{item(prA)}})
	wantField(t, err, "number")

	// The province decides its two LĐTT: its series, its heading, KT.
	d1, err := f.Decide(f.ctx, council, app.DecisionInput{Year: 2031, DecidedOn: &on, SignerMemberID: &signer, Items: []app.DecisionItem{item(prA)}})
	if err != nil || d1.Number != "1/QĐ-VKSTH" || d1.UnitID != th.ID || d1.SignMode != "KT." || d1.Signer != "Nguyễn Thị Hằng" ||
		d1.Issuer.Name != "VIỆN KIỂM SÁT NHÂN DÂN TỈNH THANH HÓA" || len(d1.Issuer.Authority) != 4 ||
		!strings.Contains(d1.Issuer.Authority[0], "Luật Tổ chức Viện kiểm sát nhân dân số 63/2014/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 82/2025/QH15") ||
		!strings.Contains(d1.Issuer.Authority[2], "152/2025") {
		t.Fatalf("provincial decision %+v %v", d1, err)
	}
	d2, err := f.Decide(f.ctx, council, app.DecisionInput{Year: 2031, DecidedOn: &on, SignerMemberID: &signer, Items: []app.DecisionItem{item(prB)}})
	if err != nil || d2.Number != "2/QĐ-VKSTH" {
		t.Fatalf("second decision %+v %v", d2, err)
	}
	aw, err := f.Store.PersonAwards(f.ctx, a)
	if err != nil || len(aw) != 1 || aw[0].DecisionNo != "1/QĐ-VKSTH" || aw[0].Signer != "KT. Viện trưởng, Phó Viện trưởng Nguyễn Thị Hằng" {
		t.Fatalf("award history %+v %v", aw, err)
	}

	// The sector's board decides the forwarded TTLĐXS in its own series.
	prX, _ = f.Store.Proposal(f.ctx, prX.ID)
	d3, err := f.Decide(f.ctx, f.board, app.DecisionInput{Year: 2031, DecidedOn: &on, Signer: "Viện trưởng VKSND tối cao", Items: []app.DecisionItem{item(prX)}})
	if err != nil || !strings.HasSuffix(d3.Number, "/QĐ-VKSTC") || d3.Issuer.Name != "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO" {
		t.Fatalf("sector decision %+v %v", d3, err)
	}

	// The proposer sees the way and each step's state.
	for id, want := range map[int64][]string{
		prX.ID: {proposal.StepSubmit, proposal.StepForward, proposal.StepApprove},
		prB.ID: {proposal.StepSubmit, proposal.StepReturn, proposal.StepSubmit, proposal.StepApprove},
	} {
		v, err := f.Proposal(f.ctx, kvOfficer, id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range v.Steps {
			got = append(got, s.Step)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("proposal %d steps %v, want %v", id, got, want)
		}
	}
	if v, _ := f.Proposal(f.ctx, kvOfficer, prB.ID); v.Steps[1].Reason != "Bổ sung báo cáo thành tích" || v.Steps[1].FromName != th.Name {
		t.Errorf("return step %+v", v.Steps[1])
	}
	if v, _ := f.Proposal(f.ctx, kvOfficer, prX.ID); v.Steps[1].DocumentNo != "15/TTr-VKSTH" || v.Steps[1].ToTier != award.TierSupreme {
		t.Errorf("forward step %+v", v.Steps[1])
	}
}

func quotaOver(qs []app.QuotaCheck, kind award.Quota) bool {
	for _, q := range qs {
		if q.Kind == kind && q.Over {
			return true
		}
	}
	return false
}
