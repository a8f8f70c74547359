package web_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/seed"
)

// TestRankingVerifiedOnly: on the demo's 2026, "Bắc Trung Bộ" has one
// reviewed filing (Hà Tĩnh). Only it is ranked; the others are listed
// below, unranked, with their state; a self-score is labelled as such in
// the page and the API; every chart of the year shares one scale.
func TestRankingVerifiedOnly(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	st, body := s.api(t, s.token(t, "xem"), "GET", "/years/2026/ranking", nil)
	if st != 200 {
		t.Fatalf("api: %d", st)
	}
	haTinh, thanhHoa, ngheAn := s.unit(t, seed.ProvinceCode("Hà Tĩnh")), s.unit(t, seed.ProvinceCode("Thanh Hóa")), s.unit(t, seed.ProvinceCode("Nghệ An"))
	want := map[int64]struct {
		rank  float64
		basis string
	}{haTinh: {1, app.BasisReviewed}, thanhHoa: {0, app.BasisSelf}, ngheAn: {0, app.BasisNone}}
	scales := map[float64]bool{}
	seen := 0
	for _, c := range body["clusters"].([]any) {
		cr := c.(map[string]any)
		scales[cr["chart_max"].(float64)] = true
		ranked := false
		for i, x := range cr["standings"].([]any) {
			sd := x.(map[string]any)
			id := int64(sd["unit_id"].(float64))
			rank, reviewed, basis := sd["rank"].(float64), sd["reviewed"].(bool), sd["score_basis"].(string)
			if (rank > 0) != reviewed || (basis == app.BasisReviewed) != reviewed {
				t.Fatalf("unit %d: rank %v reviewed %v basis %s", id, rank, reviewed, basis)
			}
			if i > 0 && rank > 0 && !ranked {
				t.Fatalf("a ranked unit below an unranked one: %v", cr["standings"])
			}
			ranked = rank > 0
			if w, ok := want[id]; ok {
				seen++
				if rank != w.rank || basis != w.basis {
					t.Errorf("unit %d: rank %v basis %s, want %v %s", id, rank, basis, w.rank, w.basis)
				}
			}
		}
	}
	if seen != 3 || len(scales) != 1 {
		t.Fatalf("units seen %d, chart scales %v", seen, scales)
	}
	for _, x := range body["national"].([]any) {
		sd := x.(map[string]any)
		if (sd["rank"].(float64) > 0) != sd["reviewed"].(bool) {
			t.Fatalf("national: %v", sd)
		}
	}

	viewer := s.browser(t)
	viewer.login("xem")
	page := viewer.get("/years/2026/ranking")
	contains(t, page, "Chưa được thẩm định – không xếp hạng", "Điểm tự chấm<div class=\"fw-normal small\">(chưa thẩm định)</div>",
		"Đã nộp, chờ thẩm định", "Bị trả lại để sửa", "Chưa bắt đầu", "Đang tự chấm")
	maxes := map[string]bool{}
	for _, m := range regexp.MustCompile(`"max":([0-9.]+)`).FindAllStringSubmatch(page.body, -1) {
		maxes[m[1]] = true
	}
	if len(maxes) != 1 {
		t.Fatalf("chart scales in the page: %v", maxes)
	}
}

// TestRankingEmpty: a year whose clusters have no reviewed filing says so
// and ranks nobody; a year without clusters says so too.
// openYears opens emulation years (no deadlines) as the board, whose
// principal it returns.
func (s *site) openYears(t *testing.T, years ...int) auth.Principal {
	t.Helper()
	ctx := context.Background()
	u, err := s.store.UserByName(ctx, "hoidong")
	if err != nil {
		t.Fatal(err)
	}
	board := u.Principal()
	for _, y := range years {
		if _, err := s.app.SaveYear(ctx, board, cluster.Year{Year: y, Title: fmt.Sprintf("Năm thi đua %d", y),
			StartsOn: time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), EndsOn: time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
	}
	return board
}

func TestRankingEmpty(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	board := s.openYears(t, 2034, 2035)
	m := []int64{s.unit(t, seed.ProvinceCode("Thanh Hóa")), s.unit(t, seed.ProvinceCode("Nghệ An"))}
	if _, err := s.app.SaveCluster(ctx, board, 0, app.ClusterInput{Year: 2034, Level: "national", Number: 1, Name: "Thử", Members: m}); err != nil {
		t.Fatal(err)
	}
	viewer := s.browser(t)
	viewer.login("xem")
	page := viewer.get("/years/2034/ranking")
	contains(t, page, "Cụm chưa có bản tự chấm điểm nào được thẩm định", "Chưa có bản tự chấm điểm nào của các VKSND cấp tỉnh được thẩm định")
	if strings.Contains(page.body, "<td>1</td>") {
		t.Fatal("a unit is ranked in a year without a reviewed filing")
	}
	contains(t, viewer.get("/years/2035/ranking"), "Năm 2035 chưa có cụm, khối thi đua nào")
}
