package app_test

import (
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/award"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/seed"
)

// verdict returns the verdict for t in v.
func verdict(t *testing.T, v app.Verdicts, title award.Title) award.Verdict {
	t.Helper()
	for _, x := range v.Verdicts {
		if x.Title == title {
			return x
		}
	}
	t.Fatalf("no verdict for %s in %+v", title, v)
	return award.Verdict{}
}

func TestPersonRecordAndVerdicts(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))

	// Baselines: the demo may already hold people; the test counts relative to them.
	_, officerQ0, err := f.People(f.ctx, f.officer, org.PersonFilter{Query: "nguyen van"})
	if err != nil {
		t.Fatal(err)
	}
	_, other0, err := f.People(f.ctx, f.other, org.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	_, board0, err := f.People(f.ctx, f.board, org.PersonFilter{UnitID: &th.ID})
	if err != nil {
		t.Fatal(err)
	}

	// The officer of Thanh Hóa adds a person to their own unit.
	_, err = f.CreatePerson(f.ctx, f.officer, app.PersonInput{FullName: "  ", UnitID: th.ID})
	wantField(t, err, "full_name")
	p, err := f.CreatePerson(f.ctx, f.officer, app.PersonInput{FullName: "Nguyễn  Văn An", Position: "Kiểm sát viên",
		UnitID: th.ID, Since: day("2018-03-01"), RecruitedOn: dayp("2018-03-01"), Active: true, Sex: "nam"})
	if err != nil {
		t.Fatal(err)
	}
	if p.FullName != "Nguyễn Văn An" || p.Version != 1 || p.UnitName != th.Name {
		t.Fatalf("created %+v", p)
	}

	// Ratings 2023–2026 and a grassroots initiative in 2026.
	for y, r := range map[int]award.Rating{2023: award.Tot, 2024: award.Tot, 2025: award.XuatSac, 2026: award.Tot} {
		if _, err := f.SetRating(f.ctx, f.officer, p.ID, app.Rating{Year: y, Rating: string(r)}); err != nil {
			t.Fatal(err)
		}
	}
	_, err = f.SetRating(f.ctx, f.officer, p.ID, app.Rating{Year: 2026, Rating: "gioi"})
	wantField(t, err, "rating")
	// A change answers the person's page as it leaves it: the new record
	// and the verdicts judged on it, with what the writer may do.
	page, err := f.AddInitiative(f.ctx, f.officer, p.ID, app.Initiative{Year: 2026, Title: "Sáng kiến số hóa hồ sơ", Level: string(award.CapCoSo), Applied: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Initiatives) != 1 || page.Initiatives[0].Title != "Sáng kiến số hóa hồ sơ" || len(page.Ratings) != 4 ||
		len(page.Verdicts.Verdicts) == 0 || !page.CanEdit || page.CanAward {
		t.Fatalf("the page after adding an initiative: %+v", page)
	}

	rec, err := f.Person(f.ctx, f.officer, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Ratings) != 4 || rec.Ratings[0].Year != 2026 || len(rec.Initiatives) != 1 {
		t.Fatalf("record %+v", rec)
	}
	v := f.PersonVerdicts(rec)
	if v.Year != 2026 || v.RuleSetID == "" || v.RuleSetID != award.RulesFor(day("2026-11-20")).ID {
		t.Fatalf("verdicts %+v", v)
	}
	if got := verdict(t, v, award.LaoDongTienTien); got.Outcome != award.Eligible {
		t.Fatalf("LĐTT: %+v", got)
	}
	// The engine's own answer on the same facts is what the page shows.
	rs := award.RulesFor(day("2026-11-20"))
	if got, want := verdict(t, v, award.ChienSiThiDuaCoSo), rs.ChienSiThiDuaCoSo(rec.AwardPerson(), 2026); got.Outcome != want.Outcome || got.Outcome != award.Eligible {
		t.Fatalf("CSTĐCS: %+v, engine %+v", got, want)
	}
	if got := verdict(t, v, award.ChienSiThiDuaNganh); got.Outcome == award.Eligible {
		t.Fatalf("CSTĐ ngành without a ballot: %+v", got)
	}
	if len(v.Verdicts) != 4 {
		t.Fatalf("want 4 verdicts, got %d", len(v.Verdicts))
	}

	// Nghệ An's officer cannot see or change Thanh Hóa's people; the viewer can read, not write.
	_, err = f.Person(f.ctx, f.other, p.ID)
	wantCode(t, err, errs.Forbidden)
	_, err = f.SetRating(f.ctx, f.other, p.ID, app.Rating{Year: 2026, Rating: "htxs"})
	wantCode(t, err, errs.Forbidden)
	_, err = f.UpdatePerson(f.ctx, f.other, p.ID, p.Version, app.PersonInput{FullName: "X", UnitID: th.ID, Since: p.Since}, "")
	wantCode(t, err, errs.Forbidden)
	if _, err := f.Person(f.ctx, f.viewer, p.ID); err != nil {
		t.Fatal(err)
	}
	_, err = f.SetRating(f.ctx, f.viewer, p.ID, app.Rating{Year: 2026, Rating: "htxs"})
	wantCode(t, err, errs.Forbidden)
	_, err = f.CreatePerson(f.ctx, f.other, app.PersonInput{FullName: "Lê Văn B", UnitID: th.ID, Since: day("2020-01-01")})
	wantCode(t, err, errs.Forbidden)

	// Listing: the officer sees their people, Nghệ An's officer does not; search folds accents.
	listed := func(list []app.Person, id int64) bool {
		for _, x := range list {
			if x.ID == id {
				return true
			}
		}
		return false
	}
	list, total, err := f.People(f.ctx, f.officer, org.PersonFilter{Query: "nguyen van"})
	if err != nil || total != officerQ0+1 || !listed(list, p.ID) {
		t.Fatalf("officer's list %v %d (baseline %d) %v", list, total, officerQ0, err)
	}
	if list, total, err := f.People(f.ctx, f.other, org.PersonFilter{}); err != nil || total != other0 || listed(list, p.ID) {
		t.Fatalf("Nghệ An sees %d people (baseline %d) %v", total, other0, err)
	}
	if list, total, err := f.People(f.ctx, f.board, org.PersonFilter{UnitID: &th.ID}); err != nil || total != board0+1 || !listed(list, p.ID) {
		t.Fatalf("board's filtered list: %d (baseline %d) %v", total, board0, err)
	}

	// A discipline taking effect in 2026 contradicts a 2026 rating of
	// "hoàn thành nhiệm vụ" or better (NĐ 90/2020 as amended by NĐ 48/2023):
	// refused until the rating says otherwise, and then the reverse too.
	_, err = f.AddDiscipline(f.ctx, f.officer, p.ID, app.Discipline{Measure: string(award.KhienTrach), FromDate: day("2026-05-01")}, nil)
	wantField(t, err, "from")
	if _, err := f.SetRating(f.ctx, f.officer, p.ID, app.Rating{Year: 2026, Rating: string(award.KhongHoanThanh)}); err != nil {
		t.Fatal(err)
	}

	// A discipline in effect in 2026 bars Lao động tiên tiến, citing the article.
	page, err = f.AddDiscipline(f.ctx, f.officer, p.ID, app.Discipline{Measure: string(award.KhienTrach), FromDate: day("2026-05-01"), ToDate: ptr(day("2027-04-30"))}, nil)
	if err != nil || len(page.Disciplines) != 1 {
		t.Fatalf("discipline: %+v %v", page.Disciplines, err)
	}
	d := page.Disciplines[0]
	_, err = f.SetRating(f.ctx, f.officer, p.ID, app.Rating{Year: 2026, Rating: string(award.Tot)})
	wantField(t, err, "rating")
	rec, _ = f.Person(f.ctx, f.officer, p.ID)
	ldtt := verdict(t, f.PersonVerdicts(rec), award.LaoDongTienTien)
	if ldtt.Outcome != award.NotEligible {
		t.Fatalf("LĐTT with a discipline: %+v", ldtt)
	}
	var cited bool
	for _, r := range ldtt.Reasons {
		if !r.Met && !r.Judgement && strings.Contains(r.Text, "kỷ luật") && r.Article != "" {
			cited = true
		}
	}
	if !cited {
		t.Fatalf("no failed discipline reason with an article: %+v", ldtt.Reasons)
	}
	if _, err := f.DeleteDiscipline(f.ctx, f.officer, p.ID, d.ID); err != nil {
		t.Fatal(err)
	}

	// Awards: the board only; revoking needs a reason and keeps the row.
	aw := app.AwardInput{Year: 2025, Title: string(award.ChienSiThiDuaCoSo), Kind: string(award.Merit), DecisionNo: "15/QĐ-VKSTH", DecisionDate: ptr(day("2026-01-10"))}
	_, err = f.AddAward(f.ctx, f.officer, p.ID, aw, nil)
	wantCode(t, err, errs.Forbidden)
	page, err = f.AddAward(f.ctx, f.board, p.ID, aw, nil)
	if err != nil || len(page.Awards) != 1 || !page.CanAward {
		t.Fatalf("award: %+v %v", page.Awards, err)
	}
	a1 := page.Awards[0]
	_, err = f.RevokeAward(f.ctx, f.board, p.ID, a1.ID, " ")
	wantField(t, err, "reason")
	_, err = f.RevokeAward(f.ctx, f.officer, p.ID, a1.ID, "sai đối tượng")
	wantCode(t, err, errs.Forbidden)
	page, err = f.RevokeAward(f.ctx, f.board, p.ID, a1.ID, "Quyết định hủy số 20/QĐ-VKSTH")
	if err != nil || len(page.Awards) != 1 {
		t.Fatalf("revoke: %+v %v", page.Awards, err)
	}
	r1 := page.Awards[0]
	if !r1.Revoked || r1.RevokeReason != "Quyết định hủy số 20/QĐ-VKSTH" {
		t.Fatalf("revoked %+v", r1)
	}
	rec, _ = f.Person(f.ctx, f.officer, p.ID)
	if len(rec.Awards) != 1 || !rec.Awards[0].Revoked {
		t.Fatalf("awards %+v", rec.Awards)
	}
	ap := rec.AwardPerson()
	if len(ap.Awards) != 1 || !ap.Awards[0].Revoked || ap.Awards[0].Kind != award.Merit {
		t.Fatalf("award person %+v", ap.Awards)
	}
	// The revoked award counts for nothing: the verdicts are those without it.
	without := rec
	without.Awards = nil
	got, want := f.PersonVerdicts(rec), f.PersonVerdicts(without)
	for i := range got.Verdicts {
		if got.Verdicts[i].Outcome != want.Verdicts[i].Outcome {
			t.Fatalf("revoked award changed %s: %s vs %s", got.Verdicts[i].Title, got.Verdicts[i].Outcome, want.Verdicts[i].Outcome)
		}
	}

	// Every write is audited against the person.
	h, err := f.Store.History(f.ctx, "person", p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) < 10 || h[0].Action != "revoke_award" || h[0].Reason != "Quyết định hủy số 20/QĐ-VKSTH" {
		t.Fatalf("history %d %+v", len(h), h[0])
	}
}

func TestPersonEditAndMove(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))
	na := f.unit(t, seed.ProvinceCode("Nghệ An"))
	subs, err := f.Store.Children(f.ctx, th.ID)
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.CreatePerson(f.ctx, f.officer, app.PersonInput{FullName: "Trần Thị Bình", UnitID: th.ID, Since: day("2019-01-01"), RecruitedOn: dayp("2019-01-01"), Active: true})
	if err != nil {
		t.Fatal(err)
	}

	// A stale version is a conflict.
	in := app.PersonInput{FullName: "Trần Thị Bình", Position: "Chánh Văn phòng", UnitID: th.ID, Since: day("2019-01-01"), RecruitedOn: dayp("2019-01-01"), Active: true}
	p2, err := f.UpdatePerson(f.ctx, f.officer, p.ID, p.Version, in, "bổ nhiệm")
	if err != nil || p2.Version != 2 || p2.Position != "Chánh Văn phòng" {
		t.Fatalf("updated %+v %v", p2, err)
	}
	_, err = f.UpdatePerson(f.ctx, f.officer, p.ID, p.Version, in, "")
	wantCode(t, err, errs.Conflict)

	// The officer cannot move a person out of their own subtree.
	in.UnitID, in.Since = na.ID, day("2026-01-01")
	_, err = f.UpdatePerson(f.ctx, f.officer, p.ID, p2.Version, in, "")
	wantCode(t, err, errs.Forbidden)

	// Within it they can, and the move is recorded.
	if len(subs) == 0 {
		t.Fatal("the demo's Thanh Hóa has no sub-units")
	}
	{
		in.UnitID = subs[0].ID
		p3, err := f.UpdatePerson(f.ctx, f.officer, p.ID, p2.Version, in, "điều động")
		if err != nil {
			t.Fatal(err)
		}
		rec, err := f.Person(f.ctx, f.officer, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p3.UnitID != subs[0].ID || len(rec.Moves) != 1 || rec.Moves[0].FromUnitID != th.ID || !rec.Moves[0].OnDate.Equal(day("2026-01-01")) {
			t.Fatalf("moved %+v %+v", p3, rec.Moves)
		}
		p2 = p3
	}
	// The board moves anyone anywhere.
	in.UnitID, in.Since = na.ID, day("2026-06-01")
	p4, err := f.UpdatePerson(f.ctx, f.board, p.ID, p2.Version, in, "luân chuyển")
	if err != nil || p4.UnitID != na.ID {
		t.Fatalf("board move %+v %v", p4, err)
	}
}
