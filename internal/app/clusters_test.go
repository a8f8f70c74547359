package app_test

import (
	"fmt"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/seed"
)

// Years far from the demo's, so these tests own their data.
const y1, y2 = 2031, 2032

func (f *fixture) openYear(t *testing.T, y int) {
	t.Helper()
	_, err := f.SaveYear(f.ctx, f.board, cluster.Year{Year: y, Title: fmt.Sprintf("Năm thi đua %d", y),
		StartsOn: time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), EndsOn: time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) ids(t *testing.T, names ...string) []int64 {
	t.Helper()
	var out []int64
	for _, n := range names {
		out = append(out, f.unit(t, seed.ProvinceCode(n)).ID)
	}
	return out
}

// officerOf is a unit officer of the given unit (a test principal).
func (f *fixture) officerOf(id int64) auth.Principal {
	return auth.Principal{UserID: f.officer.UserID, Role: auth.RoleOfficer, UnitID: id}
}

func TestClusterYearCycle(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.openYear(t, y1)
	// 2031: Thanh Hóa, Nghệ An, Hà Tĩnh, Cao Bằng; head Thanh Hóa.
	m := f.ids(t, "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng")
	th, na, ht, cb := m[0], m[1], m[2], m[3]
	c, err := f.SaveCluster(f.ctx, f.board, 0, app.ClusterInput{Year: y1, Level: "national", Number: 40, Name: "Thử nghiệm", Members: m})
	if err != nil {
		t.Fatal(err)
	}
	// Officers cannot set up clusters.
	_, err = f.SaveCluster(f.ctx, f.officer, 0, app.ClusterInput{Year: y1, Level: "national", Number: 41, Members: m[:2]})
	wantCode(t, err, errs.Forbidden)
	// A unit is in one cluster a year.
	_, err = f.SaveCluster(f.ctx, f.board, 0, app.ClusterInput{Year: y1, Level: "national", Number: 41, Members: []int64{th, f.ids(t, "Sơn La")[0]}})
	wantField(t, err, "members")
	// Departments cannot be members of a national cluster.
	_, err = f.SaveCluster(f.ctx, f.board, 0, app.ClusterInput{Year: y1, Level: "national", Number: 42,
		Members: []int64{f.unit(t, seed.ProvinceCode("Thanh Hóa")+"-P1").ID, f.ids(t, "Sơn La")[0]}})
	wantField(t, err, "members")

	if c, err = f.Designate(f.ctx, f.board, c.ID, c.Version, cluster.Designation{HeadUnitID: th, DeputyUnitID: ht, Ref: "QĐ 1/2031"}); err != nil {
		t.Fatal(err)
	}
	// Members nominate Cao Bằng as next year's deputy; Cao Bằng is then found not eligible in 2031.
	in := app.ClusterInput{Year: y1, Level: "national", Number: 40, Name: "Thử nghiệm", Members: m, NominatedDeputyID: &cb, Version: c.Version}
	if c, err = f.SaveCluster(f.ctx, f.board, c.ID, in); err != nil {
		t.Fatal(err)
	}
	if err := f.SetExclusion(f.ctx, f.board, y1, cb, "Có vụ việc tham nhũng được phát hiện"); err != nil {
		t.Fatal(err)
	}

	// Copy into 2032: suggestion, not designation.
	f.openYear(t, y2)
	n, err := f.CopyYear(f.ctx, f.board, y1)
	if err != nil || n < 1 {
		t.Fatalf("copy: %d %v", n, err)
	}
	next, err := f.Clusters(f.ctx, f.viewer, cluster.Filter{Year: y2, Level: cluster.National})
	if err != nil {
		t.Fatal(err)
	}
	var c2 app.ClusterView
	for _, x := range next {
		if x.Number == 40 {
			c2 = x
		}
	}
	if c2.ID == 0 || c2.HeadUnitID != nil || c2.SuggestedHeadID == nil || *c2.SuggestedHeadID != na {
		t.Fatalf("copied cluster: %+v", c2.Cluster)
	}
	// The nominee was not eligible, so the deputy suggestion falls to the member after the new head.
	if c2.SuggestedDeputyID == nil || *c2.SuggestedDeputyID != ht {
		t.Fatalf("suggested deputy %v, want Hà Tĩnh", c2.SuggestedDeputyID)
	}
	// Designating the ineligible unit is refused and says why.
	_, err = f.Designate(f.ctx, f.board, c2.ID, c2.Version, cluster.Designation{HeadUnitID: cb, DeputyUnitID: na})
	wantField(t, err, "head_unit_id")
	// Last year's head has no rights over this year's cluster; this year's head does.
	if _, err := f.Designate(f.ctx, f.board, c2.ID, c2.Version, cluster.Designation{HeadUnitID: na, DeputyUnitID: ht}); err != nil {
		t.Fatal(err)
	}
	content := cluster.PledgeContent{Title: "Giao ước 2032", Commitments: []cluster.Commitment{{No: 1, Text: "Hoàn thành 100% chỉ tiêu"}}}
	_, err = f.SavePledge(f.ctx, f.officerOf(th), c2.ID, 0, content)
	wantCode(t, err, errs.Forbidden)
	if _, err := f.SavePledge(f.ctx, f.officerOf(na), c2.ID, 0, content); err != nil {
		t.Fatalf("this year's head drafts: %v", err)
	}

	// Membership changes in 2032 do not rewrite 2031.
	in2 := app.ClusterInput{Year: y2, Level: "national", Number: 40, Members: []int64{na, ht, th}, Version: 0}
	cur, _ := f.Cluster(f.ctx, f.board, c2.ID)
	in2.Version = cur.Version
	if _, err := f.SaveCluster(f.ctx, f.board, c2.ID, in2); err != nil {
		t.Fatal(err)
	}
	old, _ := f.Cluster(f.ctx, f.board, c.ID)
	if len(old.Members) != 4 || *old.HeadUnitID != th {
		t.Fatalf("2031 changed: %+v", old.Cluster)
	}
}

// Copying across a merger folds merged members into their successor, in
// the position of the first of them, and carries the head's turn with it.
func TestCopyAcrossMerger(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	supreme := f.unit(t, seed.CodeSupreme).ID
	newUnit := func(code, name, from string, to *time.Time) int64 {
		u, err := f.CreateUnit(f.ctx, f.board, app.UnitInput{Code: code, Name: name, Type: "provincial", ParentID: &supreme,
			ValidFrom: day(from), ValidTo: to})
		if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	end := day("2040-12-31")
	a := newUnit("T-A", "Viện kiểm sát nhân dân tỉnh A", "2039-01-01", &end)
	b := newUnit("T-B", "Viện kiểm sát nhân dân tỉnh B", "2039-01-01", &end)
	d := newUnit("T-D", "Viện kiểm sát nhân dân tỉnh D", "2039-01-01", nil)
	c := newUnit("T-C", "Viện kiểm sát nhân dân tỉnh C", "2041-01-01", nil)
	for _, p := range []int64{a, b} {
		if err := f.AddLink(f.ctx, f.board, org.Link{SuccessorID: c, PredecessorID: p, Kind: org.LineageMerge}); err != nil {
			t.Fatal(err)
		}
	}
	f.openYear(t, 2040)
	f.openYear(t, 2041)
	cl, err := f.SaveCluster(f.ctx, f.board, 0, app.ClusterInput{Year: 2040, Level: "national", Number: 1, Members: []int64{a, d, b}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Designate(f.ctx, f.board, cl.ID, cl.Version, cluster.Designation{HeadUnitID: a, DeputyUnitID: d}); err != nil {
		t.Fatal(err)
	}
	if n, err := f.CopyYear(f.ctx, f.board, 2040); err != nil || n != 1 {
		t.Fatalf("copy: %d %v", n, err)
	}
	cs, err := f.Clusters(f.ctx, f.board, cluster.Filter{Year: 2041})
	if err != nil || len(cs) != 1 {
		t.Fatalf("2041 clusters: %v %v", cs, err)
	}
	got := cs[0]
	if len(got.Members) != 2 || got.Members[0] != c || got.Members[1] != d {
		t.Fatalf("members %v, want [C D]", got.Members)
	}
	// A's turn as head passed to C, so the rotation moves on to D.
	if got.SuggestedHeadID == nil || *got.SuggestedHeadID != d || got.HeadUnitID != nil {
		t.Fatalf("suggested head %v, designated %v", got.SuggestedHeadID, got.HeadUnitID)
	}
	// Copying again adds nothing.
	if n, err := f.CopyYear(f.ctx, f.board, 2040); err != nil || n != 0 {
		t.Fatalf("second copy: %d %v", n, err)
	}
}

func TestBlocAlongsideNationalCluster(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.openYear(t, y1)
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa")).ID
	depts := []int64{f.unit(t, seed.ProvinceCode("Thanh Hóa")+"-P2").ID, f.unit(t, seed.ProvinceCode("Thanh Hóa")+"-P3").ID}
	if _, err := f.SaveCluster(f.ctx, f.board, 0, app.ClusterInput{Year: y1, Level: "national", Number: 1, Members: append([]int64{th}, f.ids(t, "Nghệ An")...)}); err != nil {
		t.Fatal(err)
	}
	// Thanh Hóa's council (a board member of Thanh Hóa) runs its own blocs, not another province's.
	council := auth.Principal{UserID: f.board.UserID, Role: auth.RoleBoard, UnitID: th, BoardOf: th}
	bloc, err := f.SaveCluster(f.ctx, council, 0, app.ClusterInput{Year: y1, Level: "bloc", Number: 1, Name: "Khối nghiệp vụ", OwnerUnitID: &th, Members: depts})
	if err != nil {
		t.Fatal(err)
	}
	na := f.unit(t, seed.ProvinceCode("Nghệ An")).ID
	_, err = f.SaveCluster(f.ctx, council, 0, app.ClusterInput{Year: y1, Level: "bloc", Number: 1, OwnerUnitID: &na,
		Members: []int64{f.unit(t, seed.ProvinceCode("Nghệ An")+"-KV1").ID, th}})
	wantCode(t, err, errs.Forbidden)
	_, err = f.SaveCluster(f.ctx, council, 0, app.ClusterInput{Year: y1, Level: "national", Number: 2, Members: f.ids(t, "Hà Tĩnh", "Sơn La")})
	wantCode(t, err, errs.Forbidden)
	// A bloc's members are the province's own units.
	_, err = f.SaveCluster(f.ctx, council, 0, app.ClusterInput{Year: y1, Level: "bloc", Number: 2, OwnerUnitID: &th,
		Members: []int64{f.unit(t, seed.ProvinceCode("Thanh Hóa")+"-KV1").ID, f.unit(t, seed.ProvinceCode("Nghệ An")+"-KV1").ID}})
	wantField(t, err, "members")
	if _, err := f.Designate(f.ctx, council, bloc.ID, bloc.Version, cluster.Designation{HeadUnitID: depts[0], DeputyUnitID: depts[1]}); err != nil {
		t.Fatal(err)
	}
	all, _ := f.Clusters(f.ctx, f.viewer, cluster.Filter{Year: y1})
	if len(all) != 2 {
		t.Fatalf("want a national cluster and a bloc, got %d", len(all))
	}
}

func TestPledgeSigning(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.openYear(t, y1)
	m := f.ids(t, "Thanh Hóa", "Nghệ An", "Hà Tĩnh")
	th, na, ht := m[0], m[1], m[2]
	c, err := f.SaveCluster(f.ctx, f.board, 0, app.ClusterInput{Year: y1, Level: "national", Number: 6, Name: "Bắc Trung Bộ", Members: m})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Designate(f.ctx, f.board, c.ID, c.Version, cluster.Designation{HeadUnitID: th, DeputyUnitID: na}); err != nil {
		t.Fatal(err)
	}
	head := f.officerOf(th)
	content := cluster.PledgeContent{Title: "Giao ước thi đua năm 2031", Place: "Thanh Hóa",
		Commitments: cluster.ParseCommitments("Giải quyết 100% tin báo đúng hạn\nKhông có án bị hủy do lỗi của VKS"),
		Lines:       map[int64]cluster.SignatureLine{th: {Representative: "Nguyễn Văn A", Position: "Viện trưởng"}, na: {Representative: "Trần Văn B", Position: "Viện trưởng"}}}
	// A member that is not head cannot draft.
	_, err = f.SavePledge(f.ctx, f.officerOf(na), c.ID, 0, content)
	wantCode(t, err, errs.Forbidden)
	p, err := f.SavePledge(f.ctx, head, c.ID, 0, content)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Signatures) != 3 || p.Status != cluster.PledgeDraft {
		t.Fatalf("draft %+v", p)
	}
	// Refusals: a non-member, a member for another member, the board for a member.
	outsider := f.officerOf(f.ids(t, "Sơn La")[0])
	_, err = f.SignPledge(f.ctx, outsider, p.ID, outsider.UnitID, cluster.SignatureLine{Representative: "X", Position: "Y"})
	wantCode(t, err, errs.Forbidden)
	_, err = f.SignPledge(f.ctx, f.officerOf(na), p.ID, ht, cluster.SignatureLine{Representative: "X", Position: "Y"})
	wantCode(t, err, errs.Forbidden)
	_, err = f.SignPledge(f.ctx, f.board, p.ID, ht, cluster.SignatureLine{Representative: "X", Position: "Y"})
	wantCode(t, err, errs.Forbidden)
	// Hà Tĩnh has no representative yet: it must say who signs.
	_, err = f.SignPledge(f.ctx, f.officerOf(ht), p.ID, ht, cluster.SignatureLine{})
	wantField(t, err, "representative")

	if p, err = f.SignPledge(f.ctx, f.officerOf(th), p.ID, th, cluster.SignatureLine{}); err != nil {
		t.Fatal(err)
	}
	// Editing the text after a signature clears it; a stale version is a conflict.
	content.Commitments = append(content.Commitments, cluster.Commitment{No: 3, Text: "Tổ chức 2 phiên tòa rút kinh nghiệm"})
	_, err = f.SavePledge(f.ctx, head, c.ID, p.Version-1, content)
	wantCode(t, err, errs.Conflict)
	if p, err = f.SavePledge(f.ctx, head, c.ID, p.Version, content); err != nil {
		t.Fatal(err)
	}
	if p.SignedCount() != 0 {
		t.Fatalf("signatures kept after the text changed: %+v", p.Signatures)
	}
	for _, u := range m {
		if p, err = f.SignPledge(f.ctx, f.officerOf(u), p.ID, u, cluster.SignatureLine{Representative: "Lãnh đạo", Position: "Viện trưởng"}); err != nil {
			t.Fatal(err)
		}
	}
	if p.Status != cluster.PledgeFinal {
		t.Fatalf("all signed but status %s", p.Status)
	}
	// A final pledge is read-only; signing again is refused; amending makes version 2 and keeps version 1.
	_, err = f.SavePledge(f.ctx, head, c.ID, p.Version, content)
	wantCode(t, err, errs.Invalid)
	_, err = f.SignPledge(f.ctx, f.officerOf(th), p.ID, th, cluster.SignatureLine{})
	wantCode(t, err, errs.Invalid)
	_, err = f.AmendPledge(f.ctx, f.officerOf(na), c.ID, "đổi")
	wantCode(t, err, errs.Forbidden)
	v2, err := f.AmendPledge(f.ctx, head, c.ID, "Bổ sung chỉ tiêu theo hướng dẫn mới")
	if err != nil {
		t.Fatal(err)
	}
	if v2.VersionNo != 2 || v2.Status != cluster.PledgeDraft || v2.SignedCount() != 0 {
		t.Fatalf("amendment %+v", v2)
	}
	v1, err := f.PledgeVersion(f.ctx, f.viewer, p.ID)
	if err != nil || v1.Pledge.Status != cluster.PledgeSuperseded || v1.Pledge.SignedCount() != 3 {
		t.Fatalf("version 1 after amendment: %+v %v", v1.Pledge, err)
	}
}

func TestRegistration(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.openYear(t, y1)
	m := f.ids(t, "Thanh Hóa", "Nghệ An")
	th, na := m[0], m[1]
	if _, err := f.SaveCluster(f.ctx, f.board, 0, app.ClusterInput{Year: y1, Level: "national", Number: 6, Members: m}); err != nil {
		t.Fatal(err)
	}
	r := cluster.Registration{Year: y1, UnitID: th, CollectiveTitle: award.TapTheLaoDongXuatSac,
		People: []cluster.RegisteredPerson{{FullName: "Lê Văn Cường", Position: "Kiểm sát viên", Title: award.ChienSiThiDuaCoSo}}}
	// Only the unit's own officer registers it.
	_, err := f.SaveRegistration(f.ctx, f.officerOf(na), r)
	wantCode(t, err, errs.Forbidden)
	_, err = f.SaveRegistration(f.ctx, f.board, r)
	wantCode(t, err, errs.Forbidden)
	saved, err := f.SaveRegistration(f.ctx, f.officerOf(th), r)
	if err != nil {
		t.Fatal(err)
	}
	// A stale save is refused; the cluster's members and the board can read it; others cannot.
	_, err = f.SaveRegistration(f.ctx, f.officerOf(th), r)
	wantCode(t, err, errs.Conflict)
	if got, err := f.Registration(f.ctx, f.officerOf(na), y1, th); err != nil || got.CollectiveTitle != award.TapTheLaoDongXuatSac {
		t.Fatalf("cluster member reads: %+v %v", got, err)
	}
	_, err = f.Registration(f.ctx, f.officerOf(f.ids(t, "Sơn La")[0]), y1, th)
	wantCode(t, err, errs.Forbidden)
	if saved.Version != 1 || saved.SubmittedAt == nil {
		t.Fatalf("saved %+v", saved)
	}
	// After the deadline the unit can no longer change it.
	y, _ := f.Year(f.ctx, f.board, y1)
	d := time.Date(y1, 1, 31, 0, 0, 0, 0, time.UTC)
	y.RegistrationDeadline = &d
	if _, err := f.SaveYear(f.ctx, f.board, y); err != nil {
		t.Fatal(err)
	}
	f.Now = func() time.Time { return time.Date(y1, 2, 1, 9, 0, 0, 0, time.UTC) }
	r.Version = saved.Version
	_, err = f.SaveRegistration(f.ctx, f.officerOf(th), r)
	wantCode(t, err, errs.Invalid)
}
