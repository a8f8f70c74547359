package web_test

// Two app servers over one database, as behind a load balancer: each has
// its own connection pool and session manager, and nothing in memory is
// shared. A person's requests alternate between them.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/dbtest"
	"thidua/internal/scoring"
	"thidua/internal/seed"
	"thidua/internal/store"
	"thidua/internal/web"
)

// twoServers returns two sites over one database with the demo data.
func twoServers(t *testing.T) (*site, *site) {
	t.Helper()
	dbURL := dbtest.NewURL(t)
	h := auth.Hasher{Cost: bcrypt.MinCost}
	var sites []*site
	for i := range 2 {
		s, err := store.Open(context.Background(), dbURL)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if i == 0 {
			if err := seed.Demo(context.Background(), s, h, seed.FixtureClock); err != nil {
				t.Fatal(err)
			}
		}
		a := app.New(s, h, app.FixedClock(seed.FixtureClock))
		a.Now = func() time.Time { return time.Date(2040, 11, 20, 9, 0, 0, 0, time.UTC) }
		srv, err := web.New(a, web.Options{OrgName: "Viện kiểm sát nhân dân tối cao", Logger: quietLogger()})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		t.Cleanup(ts.Close)
		sites = append(sites, &site{Server: ts, app: a, store: s})
	}
	return sites[0], sites[1]
}

// cluster2040 opens the year 2040 with one national cluster of Thanh
// Hóa (head), Nghệ An and Hà Tĩnh (deputy).
func (s *site) cluster2040(t *testing.T) (th, na, ht int64, c app.ClusterView) {
	t.Helper()
	ctx := context.Background()
	th, na, ht = s.unit(t, seed.ProvinceCode("Thanh Hóa")), s.unit(t, seed.ProvinceCode("Nghệ An")), s.unit(t, seed.ProvinceCode("Hà Tĩnh"))
	if _, err := s.app.SaveYear(ctx, auth.System, cluster.Year{Year: 2040, Title: "Năm thi đua 2040",
		StartsOn: time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC), EndsOn: time.Date(2040, 12, 31, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	c, err := s.app.SaveCluster(ctx, auth.System, 0, app.ClusterInput{Year: 2040, Level: "national", Number: 1, Members: []int64{th, na, ht}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.app.Designate(ctx, auth.System, c.ID, c.Version, cluster.Designation{HeadUnitID: th, DeputyUnitID: ht}); err != nil {
		t.Fatal(err)
	}
	return th, na, ht, c
}

// on is the same browser (the same cookies) talking to another server:
// cookies belong to the host, not the port, as behind one proxy.
func (b *browser) on(s *site) *browser { return &browser{t: b.t, site: s, hc: b.hc} }

func TestTwoServersOneDatabase(t *testing.T) {
	t.Parallel()
	a, b := twoServers(t)
	ctx := context.Background()
	_, na, _, _ := a.cluster2040(t)
	target := 90.0
	info, err := a.app.SaveTable(ctx, auth.System, scoring.TableInfo{Year: 2040, Name: "Bảng tiêu chí 2040", Level: "national", UnitType: "provincial"},
		scoring.Table{Criteria: []scoring.Criterion{
			{Code: "1", Name: "Tin báo giải quyết đúng hạn", Method: scoring.Indicator, Max: 60, Numerator: "tin báo đúng hạn",
				Denominator: "tin báo phải giải quyết", Direction: scoring.Higher, TargetNA: &target},
			{Code: "2", Name: "Đoàn kết nội bộ", Method: scoring.Fixed, Max: 40},
		}})
	if err != nil {
		t.Fatal(err)
	}
	tb, _ := a.store.Table(ctx, info.ID)
	c1, c2 := itoa(tb.Criteria[0].ID), itoa(tb.Criteria[1].ID)

	// Signed in on A, the session is valid on B.
	memberA := a.browser(t)
	memberA.login("canbo.nghean")
	memberB := memberA.on(b)
	contains(t, memberB.follow("/years/2040/filing"), "Tự chấm điểm thi đua năm 2040", "Chưa bắt đầu")

	// A filing saved on B (with B's CSRF cookie, which is A's too) is seen on A.
	form := url.Values{"version": {"0"}, "action": {"submit"}, "n_" + c1: {"97"}, "d_" + c1: {"100"}, "s_" + c2: {"37,5"}}
	if r := memberB.send(http.MethodPut, "/years/2040/filings/"+itoa(na), form); r.status != http.StatusSeeOther {
		t.Fatalf("submit on B: %d %.800s", r.status, r.body)
	}
	headA := a.browser(t)
	headA.login("canbo.thanhhoa")
	review := "/years/2040/filings/" + itoa(na) + "/review"
	contains(t, headA.get(review), "Đã nộp, chờ thẩm định", `value="97"`, `value="37,5"`)

	// The head reviews on A while the board, on B, saves first from the
	// same version: the head is refused (409) and shown the board's ruling.
	f, _ := a.store.Filing(ctx, info.ID, na)
	boardB := b.browser(t)
	boardB.login("hoidong")
	board := url.Values{"version": {itoa(int64(f.Version))}, "action": {"save"}, "rn_" + c1: {"97"}, "rd_" + c1: {"100"},
		"rs_" + c2: {"36"}, "rc_" + c2: {"Hội đồng: còn một vụ việc kéo dài"}}
	if r := boardB.send(http.MethodPut, review, board); r.status != http.StatusSeeOther {
		t.Fatalf("board's review on B: %d %.800s", r.status, r.body)
	}
	head := url.Values{"version": {itoa(int64(f.Version))}, "action": {"accept"}, "rn_" + c1: {"97"}, "rd_" + c1: {"100"},
		"rs_" + c2: {"35"}, "rc_" + c2: {"Cụm trưởng: trừ 2,5 điểm"}}
	r := headA.send(http.MethodPut, review, head)
	if r.status != http.StatusConflict {
		t.Fatalf("the head's stale review on A: %d %.800s", r.status, r.body)
	}
	contains(t, r, "Bản tự chấm điểm vừa được người khác lưu", "thay đổi của anh/chị chưa được lưu", "Hội đồng: còn một vụ việc kéo dài")
	if g, _ := a.store.Filing(ctx, info.ID, na); g.Status != scoring.Submitted || g.Review[tb.Criteria[1].ID].Comment != "Hội đồng: còn một vụ việc kéo dài" {
		t.Fatalf("after the refused review: %s %+v", g.Status, g.Review)
	}
	// Reloaded, the head's accept goes through on B.
	g, _ := a.store.Filing(ctx, info.ID, na)
	head.Set("version", itoa(int64(g.Version)))
	if r := headA.on(b).send(http.MethodPut, review, head); r.status != http.StatusSeeOther {
		t.Fatalf("the head's review on B after reloading: %d %.800s", r.status, r.body)
	}
	contains(t, boardB.on(a).get("/years/2040/filings/"+itoa(na)+"/history"), "Cụm trưởng: trừ 2,5 điểm", "Hội đồng: còn một vụ việc kéo dài")

	// Signed out on A, the session is gone on B too.
	if r := memberA.post("/logout", nil); r.status != http.StatusSeeOther {
		t.Fatalf("sign out on A: %d", r.status)
	}
	if r := memberB.get("/years/2040/filing"); r.status != http.StatusSeeOther || r.location == "" {
		t.Fatalf("B after signing out on A: %d %s", r.status, r.location)
	}
}
