package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/seed"
	"thidua/internal/xlsx/xlsxtest"
)

// TestWorkbooksPrintedAtEveryLevel downloads every document workbook of
// the demo, at each issuing level it has — the sector (its council and
// the Supreme Procuracy), a province (Thanh Hóa), a regional procuracy
// (khu vực 1 – Thanh Hóa), a national cluster and a bloc — prints them
// through LibreOffice to PDF and reads the pages: the issuer and its
// parent, the place, the signer with the table's end (never alone on a
// page), every column on every page, no "###". Skips without LibreOffice
// (fails on CI).
func TestWorkbooksPrintedAtEveryLevel(t *testing.T) {
	xlsxtest.RequireLibreOffice(t)
	t.Parallel()
	s := newSite(t)
	s.app.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))
	kv1 := s.unit(t, seed.ProvinceCode("Thanh Hóa")+"-KV1")
	thProp := submitProposal(t, s, app.ProposalInput{Year: 2026, ProposerUnitID: th, Title: string(award.TapTheLaoDongTienTien), Summary: "Hoàn thành tốt nhiệm vụ"})
	submitProposal(t, s, app.ProposalInput{Year: 2026, ProposerUnitID: kv1, Title: string(award.TapTheLaoDongTienTien), Summary: "Hoàn thành tốt nhiệm vụ"})
	s.app.Now = func() time.Time { return time.Date(2026, 12, 15, 9, 0, 0, 0, time.UTC) }
	dv, err := s.app.Decide(ctx, auth.System, app.DecisionInput{Year: 2026, Number: "125/QĐ-VKSTC", DecidedOn: awardDocTime(time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC)),
		Signer: "Nguyễn Huy Tiến", Items: []app.DecisionItem{{ProposalID: thProp.ID, Version: thProp.Version,
			OverrideReason: "Hội đồng đã xác minh thành tích của đơn vị."}}})
	if err != nil {
		t.Fatal(err)
	}

	const (
		supreme  = "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO"
		council  = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG NGÀNH KIỂM SÁT NHÂN DÂN"
		thanhHoa = "VIỆN KIỂM SÁT NHÂN DÂN TỈNH THANH HÓA"
		regional = "VIỆN KIỂM SÁT NHÂN DÂN KHU VỰC 1 – THANH HÓA"
	)
	heading := func(parent, issuer, place string) []string {
		return []string{parent, issuer, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", place + ", ngày"}
	}
	list := func(signer string) xlsxtest.Expect {
		return xlsxtest.Expect{Together: [][2]string{{"Tổng cộng", signer}}, Columns: [2]string{"STT", "Ghi chú"}}
	}
	board := s.browser(t)
	board.login("hoidong")
	books, expects := map[string][]byte{}, map[string]xlsxtest.Expect{}
	fetch := func(name, path string, e xlsxtest.Expect, first ...string) {
		t.Helper()
		r := board.get(path)
		if r.status != http.StatusOK {
			t.Fatalf("%s: GET %s: %d %s", name, path, r.status, r.body)
		}
		e.First = first
		books[name], expects[name] = []byte(r.body), e
	}
	fetch("ranking", "/years/2026/ranking/workbook", xlsxtest.Expect{Columns: [2]string{"STT", "Trạng thái"}}, heading(supreme, council, "Hà Nội")...)
	for _, u := range []struct {
		name           string
		id             int64
		parent, issuer string
	}{{"province", th, supreme, thanhHoa}, {"regional", kv1, thanhHoa, regional}} {
		fetch("filing-"+u.name, fmt.Sprintf("/years/2026/filings/%d/workbook", u.id),
			xlsxtest.Expect{Columns: [2]string{"Mã", "Ý kiến thẩm"}}, heading(u.parent, u.issuer, "Thanh Hóa")...)
		fetch("list-"+u.name, fmt.Sprintf("/years/2026/proposals/list.xlsx?unit_id=%d&government=1", u.id), list("VIỆN TRƯỞNG"),
			heading(u.parent, u.issuer, "Thanh Hóa")...)
		fetch("submission-"+u.name, fmt.Sprintf("/years/2026/proposals/submission.xlsx?unit_id=%d", u.id),
			xlsxtest.Expect{MaxPages: 1, Together: [][2]string{{"Tổng cộng", "VIỆN TRƯỞNG"}, {"Nơi nhận:", "VIỆN TRƯỞNG"}}},
			append(heading(u.parent, u.issuer, "Thanh Hóa"), "Số:")...)
	}
	fetch("list-sector", "/years/2026/proposals/list.xlsx?scope=sector&status=submitted", list("CHỦ TỊCH"), heading(supreme, council, "Hà Nội")...)
	cl, err := s.store.ClusterOfUnit(ctx, 2026, th)
	if err != nil {
		t.Fatal(err)
	}
	fetch("list-cluster", fmt.Sprintf("/years/2026/proposals/list.xlsx?cluster_id=%d", cl.ID), list("CHỦ TỊCH"), heading(supreme, council, "Hà Nội")...)
	d := fmt.Sprintf("/decisions/%d", dv.ID)
	fetch("decision", d+"/draft.xlsx", xlsxtest.Expect{Together: [][2]string{{"Điều 3.", "Nguyễn Huy Tiến"}, {"Tổng cộng", "Nguyễn Huy Tiến"}},
		Columns: [2]string{"STT", "Ghi chú"}}, "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", "Số: 125/QĐ-VKSTC", "Hà Nội, ngày 15 tháng 12 năm 2026",
		"VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO")
	fetch("decision-list", d+"/list.xlsx", list("Nguyễn Huy Tiến"), "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", "Hà Nội, ngày 15 tháng 12 năm 2026",
		"Quyết định số 125/QĐ-VKSTC", "của Viện trưởng Viện kiểm sát nhân dân tối cao)")
	// The pledges of Thanh Hóa's national cluster and of its regional
	// procuracies' bloc.
	for _, c := range []struct {
		name   string
		member int64
		parent string
		kind   string
		place  string // where the pledge is signed, when it does not say
	}{{"cluster", th, supreme, "CTĐ", "Hà Nội"}, {"bloc", kv1, thanhHoa, "KTĐ", "Thanh Hóa"}} {
		cl, err := s.store.ClusterOfUnit(ctx, 2026, c.member)
		if err != nil {
			t.Fatal(err)
		}
		pl, err := s.store.CurrentPledge(ctx, cl.ID)
		if err != nil {
			t.Fatalf("%s: the demo has no pledge: %v", c.name, err)
		}
		place := pl.Place
		if place == "" {
			place = c.place
		}
		fetch("pledge-"+c.name, fmt.Sprintf("/pledges/%d/workbook", pl.ID), xlsxtest.Expect{MaxPages: 3},
			c.parent, strings.ToUpper(cl.Title()), fmt.Sprintf("Số: /GƯTĐ-%s%d", c.kind, cl.Number), place+", ngày")
	}
	pages, ok := xlsxtest.PDFPages(t, books)
	if !ok {
		t.Skip("LibreOffice or pdftotext is not installed")
	}
	for name, e := range expects {
		xlsxtest.CheckPages(t, name, pages[name], e)
	}
}
