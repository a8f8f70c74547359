package app_test

import (
	"testing"

	"thidua/internal/auth"

	"thidua/internal/app"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/seed"
)

func TestUnitLifecycle(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	supreme := f.unit(t, seed.CodeSupreme)

	in := app.UnitInput{Code: " vks-thu-nghiem ", Name: "Viện kiểm sát nhân dân tỉnh Thử Nghiệm", Type: "provincial",
		ParentID: &supreme.ID, ValidFrom: day("2025-07-01")}
	u, err := f.CreateUnit(f.ctx, f.board, in)
	if err != nil {
		t.Fatal(err)
	}
	if u.Code != "VKS-THU-NGHIEM" || u.Version != 1 {
		t.Fatalf("created %+v", u)
	}

	// Duplicate codes are refused whatever their case.
	in.Code = "Vks-Thu-Nghiem"
	_, err = f.CreateUnit(f.ctx, f.board, in)
	wantField(t, err, "code")

	// Edit with the loaded version; a second edit with the same (now stale) version is a conflict.
	in.Name = "Viện kiểm sát nhân dân tỉnh Thử Nghiệm Mới"
	in.Code = u.Code
	u2, err := f.UpdateUnit(f.ctx, f.admin, u.ID, u.Version, in, "đổi tên theo quyết định")
	if err != nil {
		t.Fatal(err)
	}
	if u2.Version != 2 || u2.Name != in.Name {
		t.Fatalf("updated %+v", u2)
	}
	in.Name = "Ghi đè"
	_, err = f.UpdateUnit(f.ctx, f.board, u.ID, u.Version, in, "")
	wantCode(t, err, errs.Conflict)
	if cur, _ := f.Store.Unit(f.ctx, u.ID); cur.Name != u2.Name {
		t.Fatalf("the stale edit was written: %q", cur.Name)
	}

	// Dates out of order.
	in.Name, in.ValidTo = u2.Name, ptr(day("2025-06-30"))
	_, err = f.UpdateUnit(f.ctx, f.board, u.ID, u2.Version, in, "")
	wantField(t, err, "valid_to")

	// Retire: reason required, then recorded.
	_, err = f.RetireUnit(f.ctx, f.board, u.ID, u2.Version, day("2026-12-31"), "  ")
	wantField(t, err, "reason")
	u3, err := f.RetireUnit(f.ctx, f.board, u.ID, u2.Version, day("2026-12-31"), "Quyết định số 01/QĐ-VKSTC")
	if err != nil {
		t.Fatal(err)
	}
	if u3.ValidTo == nil || !u3.ValidTo.Equal(day("2026-12-31")) {
		t.Fatalf("retired %+v", u3)
	}

	// Every write is in the history, with who and why.
	h, err := f.UnitHistory(f.ctx, f.board, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 3 || h[0].Action != "retire" || h[0].Reason != "Quyết định số 01/QĐ-VKSTC" || h[1].Reason != "đổi tên theo quyết định" || h[2].Action != "create" {
		t.Fatalf("history %+v", h)
	}
	if h[1].Username != "admin" || h[0].Username != "hoidong" {
		t.Fatalf("history does not say who: %q %q", h[1].Username, h[0].Username)
	}
}

func TestUnitParentCycleRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))
	dept := f.unit(t, seed.ProvinceCode("Thanh Hóa")+"-P1")
	// Moving the province under its own department would make a cycle.
	in := app.UnitInput{Code: th.Code, Name: th.Name, Type: string(org.TypeDepartment), ParentID: &dept.ID, ValidFrom: th.ValidFrom}
	_, err := f.UpdateUnit(f.ctx, f.board, th.ID, th.Version, in, "")
	wantField(t, err, "parent_id")
}

func TestRetireRefusedWhileSubUnitsOutliveIt(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))
	_, err := f.RetireUnit(f.ctx, f.board, th.ID, th.Version, day("2026-06-30"), "thử")
	wantField(t, err, "valid_to")
	if cur, _ := f.Store.Unit(f.ctx, th.ID); cur.ValidTo != nil {
		t.Fatal("refused retirement was written")
	}
}

// The 2025 merger is traceable: the new Tuyên Quang descends from the old
// Tuyên Quang and Hà Giang, and they point forward to it.
func TestLineageOfMergedProvince(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	newTQ := f.unit(t, seed.ProvinceCode("Tuyên Quang")+"-2025")
	d, err := f.Unit(f.ctx, f.board, newTQ.ID)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, p := range d.Predecessors {
		names[p.Unit.Name] = true
		if p.Kind != org.LineageMerge {
			t.Errorf("kind %s, want merge", p.Kind)
		}
	}
	if len(d.Predecessors) != 2 || !names["Viện kiểm sát nhân dân tỉnh Tuyên Quang"] || !names["Viện kiểm sát nhân dân tỉnh Hà Giang"] {
		t.Fatalf("predecessors %+v", d.Predecessors)
	}
	haGiang := f.unit(t, seed.ProvinceCode("Hà Giang"))
	d2, err := f.Unit(f.ctx, f.board, haGiang.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d2.Successors) != 1 || d2.Successors[0].Unit.ID != newTQ.ID {
		t.Fatalf("successors of Hà Giang %+v", d2.Successors)
	}

	// A lineage cycle and a merge from a unit that still exists are refused.
	err = f.AddLink(f.ctx, f.board, org.Link{SuccessorID: haGiang.ID, PredecessorID: newTQ.ID, Kind: org.LineageSplit})
	wantField(t, err, "predecessor_id")
	caoBang := f.unit(t, seed.ProvinceCode("Cao Bằng"))
	err = f.AddLink(f.ctx, f.board, org.Link{SuccessorID: newTQ.ID, PredecessorID: caoBang.ID, Kind: org.LineageMerge})
	wantField(t, err, "predecessor_id")

	// Two generations: a unit formed later from the new Tuyên Quang reaches back to Hà Giang.
	supreme := f.unit(t, seed.CodeSupreme)
	later, err := f.CreateUnit(f.ctx, f.board, app.UnitInput{Code: "VKS-TQ-2030", Name: "Viện kiểm sát nhân dân tỉnh Tuyên Quang (2030)",
		Type: "provincial", ParentID: &supreme.ID, ValidFrom: day("2030-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.AddLink(f.ctx, f.board, org.Link{SuccessorID: later.ID, PredecessorID: newTQ.ID, Kind: org.LineageSplit}); err != nil {
		t.Fatal(err)
	}
	d3, err := f.Unit(f.ctx, f.board, later.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range d3.Ancestry {
		found = found || a.ID == haGiang.ID
	}
	if !found || len(d3.Ancestry) != 3 {
		t.Fatalf("ancestry of a second-generation unit: %+v", d3.Ancestry)
	}

	if err := f.RemoveLink(f.ctx, f.board, later.ID, newTQ.ID, "nhập nhầm"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, f.RemoveLink(f.ctx, f.board, later.ID, newTQ.ID, ""), errs.NotFound)
}

func TestUnitRefusals(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))
	na := f.unit(t, seed.ProvinceCode("Nghệ An"))
	in := app.UnitInput{Code: th.Code, Name: "Đổi tên trái phép", Type: string(th.Type), ParentID: th.ParentID, ValidFrom: th.ValidFrom}

	for _, p := range []struct {
		name string
		err  error
		want errs.Code
	}{
		{"officer edits own unit", func() error { _, err := f.UpdateUnit(f.ctx, f.officer, th.ID, th.Version, in, ""); return err }(), errs.Forbidden},
		{"officer of another unit edits", func() error { _, err := f.UpdateUnit(f.ctx, f.other, th.ID, th.Version, in, ""); return err }(), errs.Forbidden},
		{"viewer creates", func() error { _, err := f.CreateUnit(f.ctx, f.viewer, in); return err }(), errs.Forbidden},
		{"viewer retires", func() error {
			_, err := f.RetireUnit(f.ctx, f.viewer, th.ID, th.Version, day("2030-01-01"), "x")
			return err
		}(), errs.Forbidden},
		{"officer links", f.AddLink(f.ctx, f.officer, org.Link{SuccessorID: th.ID, PredecessorID: na.ID, Kind: org.LineageSplit}), errs.Forbidden},
		{"officer opens another unit", func() error { _, err := f.Unit(f.ctx, f.officer, na.ID); return err }(), errs.Forbidden},
		{"officer reads history", func() error { _, err := f.UnitHistory(f.ctx, f.officer, th.ID); return err }(), errs.Forbidden},
		{"nobody signed in", func() error { _, err := f.Unit(f.ctx, auth.Principal{}, th.ID); return err }(), errs.Unauthorized},
		{"missing unit", func() error { _, err := f.Unit(f.ctx, f.board, 999999); return err }(), errs.NotFound},
	} {
		if errs.CodeOf(p.err) != p.want {
			t.Errorf("%s: want %s, got %v", p.name, p.want, p.err)
		}
	}
	if cur, _ := f.Store.Unit(f.ctx, th.ID); cur.Name != th.Name || cur.Version != th.Version {
		t.Fatal("a refused write changed the unit")
	}
	h, _ := f.Store.History(f.ctx, "unit", th.ID)
	if len(h) != 0 {
		t.Fatalf("refused writes left audit rows: %+v", h)
	}
}

// A unit officer's listing holds only their unit and the units under it.
func TestOfficerSeesOwnUnitOnly(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	units, total, err := f.Units(f.ctx, f.officer, org.UnitFilter{Status: "all"})
	if err != nil {
		t.Fatal(err)
	}
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))
	if total != int64(len(units)) || total < 2 {
		t.Fatalf("officer sees %d units", total)
	}
	for _, u := range units {
		path, _ := f.Store.UnitPath(f.ctx, u.ID)
		inside := false
		for _, id := range path {
			inside = inside || id == th.ID
		}
		if !inside {
			t.Errorf("officer of Thanh Hóa sees %s", u.Name)
		}
	}
	all, _, _ := f.Units(f.ctx, f.viewer, org.UnitFilter{Query: "nghe an"})
	if len(all) == 0 {
		t.Fatal("accent-insensitive search for 'nghe an' found nothing")
	}
}

func ptr[T any](v T) *T { return &v }
