package web_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestDemoAccountsHaveWork signs in as each account the README lists, on
// the demo's seeding day, and finds on its home page the work the user
// guide (docs/huong-dan.md, "Dùng thử với dữ liệu mẫu") says it has.
func TestDemoAccountsHaveWork(t *testing.T) {
	s := newSite(t)
	kindRE := regexp.MustCompile(`data-task="([^"]+)"`)
	for _, c := range []struct {
		user  string
		kinds []string // task kinds the home page must list, in any order
		texts []string
	}{
		{"admin", []string{"cluster_review", "votes", "proposals", "publication"}, []string{"17 đề nghị khen thưởng đang chờ Hội đồng xét, quyết định."}},
		{"hoidong", []string{"cluster_review", "votes", "proposals", "publication"}, []string{
			"Cụm thi đua số 4 (Bắc Trung Bộ): 1 bản tự chấm điểm chờ thẩm định",
			"Cụm thi đua số 6 (Nam Trung Bộ và Đông Nam Bộ) đã thẩm định xong 5/5 đơn vị",
			"17 đề nghị khen thưởng đang chờ Hội đồng xét, quyết định."}},
		{"canbo.thanhhoa", []string{"proposals", "filing"}, []string{
			"1 đề nghị khen thưởng của đơn vị còn là dự thảo, chưa gửi Hội đồng.",
			"Bản tự chấm điểm đã nộp ngày 20/11/2026, đang chờ thẩm định."}},
		{"canbo.nghean", []string{"registration", "pledge", "filing", "proposals"}, []string{
			"Đơn vị chưa đăng ký thi đua năm 2026.", "Đơn vị chưa tự chấm điểm năm 2026.", "Hạn: 10/12/2026 (còn 14 ngày"}},
		{"xem", []string{"ranking"}, []string{"Kết quả chấm điểm, xếp hạng năm 2026: 29 đơn vị đã được thẩm định."}},
	} {
		b := s.browser(t)
		b.login(c.user)
		body := b.get("/").body
		var kinds []string
		for _, m := range kindRE.FindAllStringSubmatch(body, -1) {
			kinds = append(kinds, m[1])
		}
		for _, k := range c.kinds {
			if !slices.Contains(kinds, k) {
				t.Errorf("%s's home lacks a task %q; it lists %v", c.user, k, kinds)
			}
		}
		for _, want := range c.texts {
			if !strings.Contains(body, want) {
				t.Errorf("%s's home does not say %q", c.user, want)
			}
		}
	}
}
