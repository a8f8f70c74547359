package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"thidua/internal/cluster"
	"thidua/internal/seed"
)

// demoCluster is the 2026 cluster of Bắc Trung Bộ from the demo: head
// Thanh Hóa, a draft pledge that Nghệ An has not signed yet.
func demoCluster(t *testing.T, s *site) cluster.Cluster {
	t.Helper()
	c, err := s.store.ClusterOfUnit(context.Background(), 2026, s.unit(t, seed.ProvinceCode("Thanh Hóa")))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClusterPages(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	c := demoCluster(t, s)
	cid := itoa(c.ID)
	viewer := s.browser(t)
	viewer.login("xem")
	contains(t, viewer.get("/years"), "Năm thi đua 2026", "Năm thi đua 2021")
	contains(t, viewer.get("/years/2026"), "Cụm thi đua số 4 (Bắc Trung Bộ)", "Khối thi đua số 1", "Đang dự thảo, chờ ký")
	contains(t, viewer.get("/years/2021"), "Cụm thi đua số 6 (Bắc Trung Bộ)", "Viện kiểm sát nhân dân tỉnh Nghệ An")
	page := viewer.get("/clusters/" + cid)
	contains(t, page, "Cụm trưởng", "Viện kiểm sát nhân dân thành phố Huế")
	if strings.Contains(page.body, `action="/clusters/`+cid+`/designation"`) {
		t.Fatal("a viewer is shown the designation form")
	}
	contains(t, viewer.get("/clusters/"+cid+"/pledge"), "Chưa ký", "Đã ký")

	for _, r := range []struct {
		name string
		r    reply
		want int
	}{
		{"viewer designates", viewer.post("/clusters/"+cid+"/designation", url.Values{"head_unit_id": {"1"}}), 403},
		{"viewer edits a pledge", viewer.get("/clusters/" + cid + "/pledge/edit"), 403},
		{"viewer opens a year", viewer.post("/years", url.Values{"year": {"2040"}}), 403},
		{"viewer copies a year", viewer.post("/years/2026/copy", nil), 403},
		{"unknown year", viewer.get("/years/1999"), 404},
		{"unknown cluster", viewer.get("/clusters/999999"), 404},
	} {
		if r.r.status != r.want {
			t.Errorf("%s: %d, want %d", r.name, r.r.status, r.want)
		}
	}
}

func TestPledgeFlowOverHTTP(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	c := demoCluster(t, s)
	cid := itoa(c.ID)
	head := s.browser(t)
	head.login("canbo.thanhhoa")
	member := s.browser(t)
	member.login("canbo.nghean")

	// The member sees the sign form for its own line, not the edit button.
	page := member.get("/clusters/" + cid + "/pledge")
	contains(t, page, "Xác nhận chữ ký của Viện kiểm sát nhân dân tỉnh Nghệ An")
	if strings.Contains(page.body, "/pledge/edit") {
		t.Fatal("a member that is not head is offered the edit page")
	}
	if r := member.get("/clusters/" + cid + "/pledge/edit"); r.status != 403 {
		t.Fatalf("member opens the edit page: %d", r.status)
	}
	pl, err := s.store.CurrentPledge(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	pid := itoa(pl.ID)
	// Signing for another unit is refused.
	if r := member.post("/pledges/"+pid+"/signatures", url.Values{"unit_id": {itoa(s.unit(t, seed.ProvinceCode("Hà Tĩnh")))}}); r.status != 403 {
		t.Fatalf("member signs for another: %d", r.status)
	}
	r := member.post("/pledges/"+pid+"/signatures", url.Values{"unit_id": {itoa(s.unit(t, seed.ProvinceCode("Nghệ An")))}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("member signs: %d %.300s", r.status, r.body)
	}
	contains(t, member.get(r.location), "Đã xác nhận chữ ký của đơn vị.")

	// The head edits: the form shows the warning about signatures and keeps the text.
	edit := head.get("/clusters/" + cid + "/pledge/edit")
	contains(t, edit, "các chữ ký đó sẽ bị hủy", "Giải quyết 100% tin báo")
	cur, _ := s.store.CurrentPledge(context.Background(), c.ID)
	form := url.Values{"title": {""}, "commitments": {""}, "version": {itoa(int64(cur.Version))}, "signed_on": {"31/02/2026"}}
	r = head.post("/clusters/"+cid+"/pledge", form)
	if r.status != 422 {
		t.Fatalf("empty pledge: %d", r.status)
	}
	contains(t, r, "Vui lòng nhập tiêu đề giao ước.", "ít nhất một nội dung cam kết", "Ngày ký kết không đúng định dạng")
	form = url.Values{"title": {cur.Title}, "place": {cur.Place}, "signed_on": {"27/03/2026"}, "preamble": {cur.Preamble},
		"commitments": {cluster.FormatCommitments(cur.Commitments) + "Thêm một cam kết mới"}, "version": {itoa(int64(cur.Version))}}
	if r = head.post("/clusters/"+cid+"/pledge", form); r.status != http.StatusSeeOther {
		t.Fatalf("head saves: %d %.500s", r.status, r.body)
	}
	after, _ := s.store.CurrentPledge(context.Background(), c.ID)
	if len(after.Commitments) != len(cur.Commitments)+1 || after.SignedCount() != 0 {
		t.Fatalf("after the edit: %d commitments, %d signed", len(after.Commitments), after.SignedCount())
	}
	// A second save on the old version is a conflict showing the newer text.
	if r = head.post("/clusters/"+cid+"/pledge", form); r.status != http.StatusConflict {
		t.Fatalf("stale save: %d", r.status)
	}
	contains(t, r, "Thêm một cam kết mới")

	// The print view and the workbook come out.
	contains(t, head.get("/pledges/"+itoa(after.ID)+"/print"), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
}

func TestClusterAPI(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	board := s.token(t, "hoidong")
	officer := s.token(t, "canbo.nghean")
	st, body := s.api(t, board, "POST", "/years", map[string]any{"year": 2040, "title": "Năm thi đua 2040",
		"starts_on": "01/01/2040", "ends_on": "31/12/2040", "registration_deadline": "31/01/2040"})
	if st != 201 || body["year"].(float64) != 2040 {
		t.Fatalf("open year: %d %v", st, body)
	}
	if st, _ = s.api(t, officer, "POST", "/years", map[string]any{"year": 2041}); st != 403 {
		t.Fatalf("officer opens a year: %d", st)
	}
	th, na := s.unit(t, seed.ProvinceCode("Thanh Hóa")), s.unit(t, seed.ProvinceCode("Nghệ An"))
	st, body = s.api(t, board, "POST", "/clusters", map[string]any{"year": 2040, "level": "national", "number": 1, "name": "Thử", "members": []int64{th, na}})
	if st != 201 {
		t.Fatalf("create cluster: %d %v", st, body)
	}
	id := itoa(int64(body["id"].(float64)))
	st, body = s.api(t, board, "PUT", "/clusters/"+id+"/designation", map[string]any{"head_unit_id": na, "deputy_unit_id": th, "version": 1})
	if st != 200 || body["head_unit_id"].(float64) != float64(na) {
		t.Fatalf("designate: %d %v", st, body)
	}
	st, body = s.api(t, officer, "PUT", "/clusters/"+id+"/pledge", map[string]any{"title": "Giao ước 2040",
		"commitments": []map[string]any{{"text": "Hoàn thành chỉ tiêu"}}, "signature_lines": []map[string]any{{"unit_id": na, "representative": "A", "position": "Viện trưởng"}}})
	if st != 200 || body["status"] != "draft" {
		t.Fatalf("head drafts: %d %v", st, body)
	}
	pid := itoa(int64(body["id"].(float64)))
	if st, body = s.api(t, officer, "POST", "/pledges/"+pid+"/signatures", map[string]any{}); st != 200 {
		t.Fatalf("head's unit signs: %d %v", st, body)
	}
	if st, body = s.api(t, board, "GET", "/clusters/"+id+"/pledge", nil); st != 200 {
		t.Fatalf("read pledge: %d %v", st, body)
	}
	if st, body = s.api(t, officer, "PUT", "/years/2040/registrations/"+itoa(na), map[string]any{"collective_title": "tt_ldtt"}); st != 422 {
		// The deadline 31/01/2040 is in the future, so this is accepted… unless the title is wrong.
		if st != 200 {
			t.Fatalf("register: %d %v", st, body)
		}
	}
	if st, _ = s.api(t, officer, "PUT", "/years/2040/registrations/"+itoa(th), map[string]any{"collective_title": "tt_ldtt"}); st != 403 {
		t.Fatalf("register for another unit: %d", st)
	}
	if st, body = s.api(t, board, "GET", "/years/2040", nil); st != 200 || len(body["clusters"].([]any)) != 1 {
		t.Fatalf("year clusters: %d %v", st, body)
	}
}

// The home page lists the year's work waiting for the person, each task
// with a button named for it that opens the exact place.
func TestHomeTasks(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.app.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	member := s.browser(t)
	member.login("canbo.nghean")
	page := member.get("/")
	contains(t, page, "Việc cần làm – năm thi đua 2026", "Đơn vị chưa tự chấm điểm năm 2026.", ">Tự chấm điểm</a>",
		"Hạn: 10/12/2026 (còn 20 ngày; còn 14 ngày làm việc)", "chờ đơn vị xác nhận chữ ký", ">Ký giao ước</a>",
		"<strong>Quá hạn:</strong> Đơn vị chưa đăng ký thi đua năm 2026.", ">Đăng ký thi đua</a>", "Các mốc thời hạn của đơn vị")
	head := s.browser(t)
	head.login("canbo.thanhhoa")
	hp := head.get("/")
	// Thanh Hóa's own filing is the only one submitted in its cluster: it is
	// the deputy's to review, not Thanh Hóa's.
	contains(t, hp, "Bản tự chấm điểm đã nộp ngày")
	if strings.Contains(hp.body, "chờ đơn vị anh/chị thẩm định") {
		t.Fatalf("Thanh Hóa is offered a review:\n%s", hp.body)
	}
	// A cluster's review page is the progress board narrowed to it.
	c, err := s.store.ClusterOfUnit(context.Background(), 2026, s.unit(t, seed.ProvinceCode("Thanh Hóa")))
	if err != nil {
		t.Fatal(err)
	}
	cp := head.get("/years/2026/progress?cluster=" + itoa(c.ID))
	contains(t, cp, "Thẩm định bản tự chấm điểm – Cụm thi đua số 4 (Bắc Trung Bộ) năm 2026")
	if strings.Contains(cp.body, "Cụm thi đua số 1 ") {
		t.Fatal("the cluster's review page lists another cluster")
	}
	board := s.browser(t)
	board.login("hoidong")
	bp := board.get("/")
	contains(t, bp, ">Xét duyệt đề nghị</a>", `href="/proposals?status=submitted&amp;year=2026"`, "/years/2026/progress?cluster=",
		">Xem các bản chờ thẩm định</a>", "1 bản tự chấm điểm chờ thẩm định (đã thẩm định 1/5 đơn vị)")
	viewer := s.browser(t)
	viewer.login("xem")
	vp := viewer.get("/")
	contains(t, vp, "Kết quả năm 2026 (chỉ tính bản đã thẩm định)", ">Xem bảng xếp hạng</a>")

	// No task button says "Mở", and every one opens its page.
	for _, c := range []struct {
		b    *browser
		page reply
	}{{member, page}, {head, hp}, {board, bp}, {viewer, vp}} {
		if strings.Contains(c.page.body, ">Mở</a>") {
			t.Fatal("a task button says only “Mở”")
		}
		links := regexp.MustCompile(`<a class="btn btn-sm[^"]*" href="([^"]+)">`).FindAllStringSubmatch(c.page.body, -1)
		if len(links) == 0 {
			t.Fatalf("no task button on:\n%s", c.page.body)
		}
		for _, m := range links {
			link := strings.ReplaceAll(m[1], "&amp;", "&")
			if r := c.b.follow(link); r.status != http.StatusOK {
				t.Errorf("task link %s answers %d", link, r.status)
			}
		}
	}
}
