package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/proposal"
	"thidua/internal/seed"
	"thidua/internal/xlsx"
)

// awardDocFetch downloads path and opens it; a non-200 answer returns the
// status and a nil workbook.
func awardDocFetch(t *testing.T, b *browser, path string) (int, *excelize.File) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.site.URL+path, nil)
	res, err := b.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return res.StatusCode, nil
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
		t.Fatalf("%s: content type %q", path, ct)
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
		t.Fatalf("%s: disposition %q", path, cd)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	t.Cleanup(func() { f.Close() })
	return res.StatusCode, f
}

// awardDocText is the sheet's text in reading order: every cell, row by row.
func awardDocText(t *testing.T, f *excelize.File, sheet string) []string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		for _, c := range r {
			if strings.TrimSpace(c) != "" {
				out = append(out, c)
			}
		}
	}
	return out
}

// awardDocInOrder checks that each of want occurs in cells, in that order.
func awardDocInOrder(t *testing.T, what string, cells []string, want ...string) {
	t.Helper()
	from := 0
	for _, w := range want {
		i := slices.IndexFunc(cells[from:], func(c string) bool { return strings.Contains(c, w) })
		if i < 0 {
			t.Fatalf("%s: %q missing (or out of order) in %q", what, w, cells)
		}
		from += i + 1
	}
}

func TestAwardDocumentsHTTP(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.app.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))
	na := s.unit(t, seed.ProvinceCode("Nghệ An"))
	thName := s.unitName(t, th)
	birth := time.Date(1985, 4, 12, 0, 0, 0, 0, time.UTC)
	person, err := s.app.CreatePerson(ctx, auth.System, app.PersonInput{FullName: "Phạm Thị Hồng", UnitID: th, BirthDate: &birth, Sex: "nu",
		Position: "Kiểm sát viên trung cấp", Since: time.Date(2018, 3, 1, 0, 0, 0, 0, time.UTC), RecruitedOn: &recruited2018, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range []int{2024, 2025, 2026} {
		if _, err := s.app.SetRating(ctx, auth.System, person.ID, app.Rating{Year: y, Rating: string(award.Tot)}); err != nil {
			t.Fatal(err)
		}
	}
	submit := func(in app.ProposalInput) proposal.Proposal { return submitProposal(t, s, in) }
	ldtt := submit(app.ProposalInput{Year: 2026, ProposerUnitID: th, PersonID: &person.ID, Title: string(award.LaoDongTienTien), Summary: "Hoàn thành tốt nhiệm vụ"})
	submit(app.ProposalInput{Year: 2026, ProposerUnitID: th, Title: string(award.TapTheLaoDongTienTien), Summary: "Đơn vị hoàn thành tốt nhiệm vụ"})
	submit(app.ProposalInput{Year: 2026, ProposerUnitID: na, Title: string(award.TapTheLaoDongTienTien)})
	naName := s.unitName(t, na)

	officer := s.browser(t)
	officer.login("canbo.thanhhoa")
	board := s.browser(t)
	board.login("hoidong")
	viewer := s.browser(t)
	viewer.login("xem")

	// The officer's own unit's list, with the Government columns.
	_, f := awardDocFetch(t, officer, "/years/2026/proposals/list.xlsx?government=1")
	if got := f.GetSheetList(); !slices.Equal(got, []string{xlsx.SheetAwardList}) {
		t.Fatalf("list sheets: %v", got)
	}
	cells := awardDocText(t, f, xlsx.SheetAwardList)
	awardDocInOrder(t, "unit list", cells, strings.ToUpper(thName), "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2026", "Ngày sinh", "Giới tính",
		award.TapTheLaoDongTienTien.Label(), thName, award.LaoDongTienTien.Label(), "Phạm Thị Hồng", "Nữ", "Kiểm sát viên trung cấp")
	if slices.ContainsFunc(cells, func(c string) bool { return strings.Contains(c, naName) }) {
		t.Fatal("the unit's list names another unit")
	}
	// A proposal not yet "đủ điều kiện" says so in the note column (issue #12).
	if !slices.ContainsFunc(cells, func(c string) bool { return strings.HasPrefix(c, "Kết quả xét: ") }) {
		t.Fatalf("no verdict note on the list: %q", cells)
	}
	// …but not another unit's, nor the sector's.
	if st, _ := awardDocFetch(t, officer, "/years/2026/proposals/list.xlsx?unit_id="+itoa(na)); st != http.StatusForbidden {
		t.Fatalf("officer, another unit's list: %d", st)
	}
	if st, _ := awardDocFetch(t, officer, "/years/2026/proposals/list.xlsx?scope=sector"); st != http.StatusForbidden {
		t.Fatalf("officer, the sector's list: %d", st)
	}
	if st, _ := awardDocFetch(t, officer, "/years/2026/proposals/submission.xlsx?unit_id="+itoa(na)); st != http.StatusForbidden {
		t.Fatalf("officer, another unit's submission: %d", st)
	}

	// The board's sector list and a viewer's: every unit, grouped by title.
	for _, b := range []*browser{board, viewer} {
		_, f = awardDocFetch(t, b, "/years/2026/proposals/list.xlsx?scope=sector&status=submitted")
		awardDocInOrder(t, "sector list", awardDocText(t, f, xlsx.SheetAwardList), "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG NGÀNH KIỂM SÁT NHÂN DÂN",
			award.TapTheLaoDongTienTien.Label(), naName, thName, award.LaoDongTienTien.Label(), "Phạm Thị Hồng")
	}

	// The cluster of Thanh Hóa.
	cl, err := s.store.ClusterOfUnit(ctx, 2026, th)
	if err != nil {
		t.Fatal(err)
	}
	_, f = awardDocFetch(t, board, "/years/2026/proposals/list.xlsx?cluster_id="+itoa(cl.ID))
	cells = awardDocText(t, f, xlsx.SheetAwardList)
	awardDocInOrder(t, "cluster list", cells, cl.Title(), award.TapTheLaoDongTienTien.Label(), thName, award.LaoDongTienTien.Label(), "Phạm Thị Hồng")
	if cl.IsMember(na) != slices.ContainsFunc(cells, func(c string) bool { return c == naName }) {
		t.Fatalf("cluster list and membership of Nghệ An disagree: %v", cells)
	}
	if st, _ := awardDocFetch(t, officer, "/years/2026/proposals/list.xlsx?cluster_id="+itoa(cl.ID)); st != http.StatusForbidden {
		t.Fatalf("officer, cluster list: %d", st)
	}

	// The tờ trình: counts per title.
	_, f = awardDocFetch(t, officer, "/years/2026/proposals/submission.xlsx")
	if got := f.GetSheetList(); !slices.Equal(got, []string{xlsx.SheetSubmission}) {
		t.Fatalf("submission sheets: %v", got)
	}
	awardDocInOrder(t, "submission", awardDocText(t, f, xlsx.SheetSubmission), "TỜ TRÌNH", "V/v đề nghị khen thưởng năm 2026",
		"Hội đồng Thi đua – Khen thưởng ngành Kiểm sát nhân dân", "Luật Thi đua, khen thưởng", "152/2025/NĐ-CP", "02/2024/TT-VKSTC",
		award.TapTheLaoDongTienTien.Label(), award.LaoDongTienTien.Label())

	// The board decides on the person once the publication window (the
	// demo's 20–30/11/2026) has closed; the decision's documents.
	s.app.Now = func() time.Time { return time.Date(2026, 12, 15, 9, 0, 0, 0, time.UTC) }
	dv, err := s.app.Decide(ctx, auth.System, app.DecisionInput{Year: 2026, Number: "125/QĐ-VKSTC", DecidedOn: awardDocTime(time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC)),
		Signer: "Nguyễn Huy Tiến", Items: []app.DecisionItem{{ProposalID: ldtt.ID, Version: ldtt.Version}}})
	if err != nil {
		t.Fatal(err)
	}
	dpath := "/decisions/" + itoa(dv.ID)
	_, f = awardDocFetch(t, officer, dpath+"/draft.xlsx")
	if got := f.GetSheetList(); !slices.Equal(got, []string{xlsx.SheetDecision, xlsx.SheetAnnex}) {
		t.Fatalf("draft sheets: %v", got)
	}
	awardDocInOrder(t, "draft decision", awardDocText(t, f, xlsx.SheetDecision), "125/QĐ-VKSTC", "QUYẾT ĐỊNH", "Luật Thi đua, khen thưởng", "QUYẾT ĐỊNH:", "Nguyễn Huy Tiến")
	awardDocInOrder(t, "annex", awardDocText(t, f, xlsx.SheetAnnex), "Kèm theo Quyết định số 125/QĐ-VKSTC", award.LaoDongTienTien.Label(), "Phạm Thị Hồng")
	_, f = awardDocFetch(t, viewer, dpath+"/list.xlsx")
	cells = awardDocText(t, f, xlsx.SheetAwardList)
	awardDocInOrder(t, "decision list", cells, "ĐƯỢC KHEN THƯỞNG NĂM 2026", "Kèm theo Quyết định số 125/QĐ-VKSTC ngày 15 tháng 12 năm 2026",
		award.LaoDongTienTien.Label(), "Phạm Thị Hồng")
	if slices.Contains(cells, naName) {
		t.Fatal("the decision's list names an undecided proposal")
	}
	// The approved list of the unit notes the decision.
	_, f = awardDocFetch(t, board, "/years/2026/proposals/list.xlsx?unit_id="+itoa(th)+"&status=approved")
	awardDocInOrder(t, "approved list", awardDocText(t, f, xlsx.SheetAwardList), "ĐƯỢC KHEN THƯỞNG", "Phạm Thị Hồng", "QĐ số 125/QĐ-VKSTC")

	// The pages link the downloads.
	if r := board.get(dpath); r.status != http.StatusOK || !strings.Contains(r.body, dpath+"/draft.xlsx") || !strings.Contains(r.body, dpath+"/list.xlsx") {
		t.Fatalf("decision page lacks the downloads: %d", r.status)
	}
	if r := officer.get("/proposals?year=2026"); r.status != http.StatusOK || !strings.Contains(r.body, "/years/2026/proposals/list.xlsx") ||
		!strings.Contains(r.body, "/years/2026/proposals/submission.xlsx") {
		t.Fatalf("proposal list lacks the downloads: %d", r.status)
	}

	// The same downloads through the API.
	for _, path := range []string{"/years/2026/proposals/list.xlsx?unit_id=" + itoa(th), "/years/2026/proposals/submission.xlsx?unit_id=" + itoa(th),
		dpath + "/draft.xlsx", dpath + "/list.xlsx"} {
		req, _ := http.NewRequest(http.MethodGet, s.URL+"/api/v1"+path, nil)
		req.Header.Set("Authorization", "Bearer "+s.token(t, "hoidong"))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/vnd.openxmlformats") {
			t.Fatalf("api %s: %d %s", path, res.StatusCode, body)
		}
		if _, err := excelize.OpenReader(bytes.NewReader(body)); err != nil {
			t.Fatalf("api %s: %v", path, err)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/api/v1/years/2026/proposals/list.xlsx?unit_id="+itoa(na), nil)
	req.Header.Set("Authorization", "Bearer "+s.token(t, "canbo.thanhhoa"))
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusForbidden {
		t.Fatalf("api, officer, another unit: %v %v", res, err)
	} else {
		res.Body.Close()
	}
}

func awardDocTime(t time.Time) *time.Time { return &t }

// submitProposal creates a proposal and submits it.
func submitProposal(t *testing.T, s *site, in app.ProposalInput) proposal.Proposal {
	t.Helper()
	ctx := context.Background()
	pr, err := s.app.CreateProposal(ctx, auth.System, in)
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.CompleteDossier(ctx, s.app, auth.System, pr.ID); err != nil {
		t.Fatal(err)
	}
	if pr, err = s.app.UpdateProposal(ctx, auth.System, pr.ID, pr.Version, in, true); err != nil {
		t.Fatal(err)
	}
	return pr
}
