package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"thidua/internal/auth"
	"thidua/internal/seed"
	"thidua/internal/xlsx"
)

// TestLevelsAPI walks this year's provincial round in Vĩnh Long through
// the API: VKSND khu vực 1 proposes a Lao động tiên tiến and a Bằng khen
// of the Viện trưởng VKSND tối cao for the same person; the provincial
// council decides the first under its own heading and series (KT.) and
// forwards the second with its tờ trình; the sector's board decides it;
// the proposer follows every step. Each refusal on the way is checked.
func TestLevelsAPI(t *testing.T) {
	s := newSite(t)
	kv, council, board := s.token(t, "canbo.kv1.vinhlong"), s.token(t, "hoidong.vinhlong"), s.token(t, "hoidong")
	kv1 := s.unit(t, seed.ProvinceCode("Vĩnh Long")+"-2025-KV1")
	var person int64
	if err := s.store.SQL().QueryRow(`SELECT id FROM people WHERE unit_id = $1 AND full_name LIKE 'Lê Hoàng Phúc%'`, kv1).Scan(&person); err != nil {
		t.Fatal(err)
	}
	num := func(m map[string]any, k string) int64 { v, _ := m[k].(float64); return int64(v) }

	send := func(title string) (int64, int64) {
		t.Helper()
		st, body := s.api(t, kv, http.MethodPost, "/proposals", map[string]any{"year": 2026, "proposer_unit_id": kv1, "person_id": person, "title": title,
			"summary": "Hoàn thành tốt nhiệm vụ (kiểm thử)"})
		if st != http.StatusCreated {
			t.Fatalf("create %s: %d %v", title, st, body)
		}
		id := num(body, "id")
		if err := seed.CompleteDossier(context.Background(), s.app, auth.System, id); err != nil {
			t.Fatal(err)
		}
		st, body = s.api(t, kv, http.MethodPost, fmt.Sprintf("/proposals/%d/submit", id), map[string]any{"version": num(body, "version")})
		if st != http.StatusOK || body["addressed_unit_name"] != "Viện kiểm sát nhân dân tỉnh Vĩnh Long" {
			t.Fatalf("submit %s: %d %v", title, st, body)
		}
		return id, num(body, "version")
	}
	ld, ldV := send("ldtt")
	bk, bkV := send("bk_vkstc")
	item := func(id, v int64) []any {
		return []any{map[string]any{"proposal_id": id, "version": v, "override_reason": "Hội đồng đã xét hồ sơ (kiểm thử)"}}
	}

	// The sector's board waits for the end of the year's comment window;
	// after it, it still does not decide what the province holds.
	st, body := s.api(t, board, http.MethodPost, "/decisions", map[string]any{"year": 2026, "decided_on": "27/11/2026", "signer": "Nguyễn Văn Ký", "items": item(ld, ldV)})
	if st != http.StatusUnprocessableEntity || !strings.Contains(fmt.Sprint(body), "đang công khai lấy ý kiến") {
		t.Fatalf("the sector decided during the comment window: %d %v", st, body)
	}
	s.app.Now = func() time.Time { return time.Date(2026, 12, 20, 9, 0, 0, 0, time.UTC) }
	st, body = s.api(t, board, http.MethodPost, "/decisions", map[string]any{"year": 2026, "decided_on": "20/12/2026", "signer": "Nguyễn Văn Ký", "items": item(ld, ldV)})
	if st != http.StatusUnprocessableEntity || !strings.Contains(fmt.Sprint(body), "đang ở Viện kiểm sát nhân dân tỉnh Vĩnh Long") {
		t.Fatalf("sector decides the province's: %d %v", st, body)
	}
	// Another province's officer cannot act at any level.
	if st, _ := s.api(t, s.token(t, "canbo.thanhhoa"), http.MethodPost, fmt.Sprintf("/proposals/%d/return", ld), map[string]any{"version": ldV, "reason": "x"}); st != http.StatusForbidden {
		t.Fatalf("officer returns: %d", st)
	}

	// The council's desk holds both (beside what it decided), with its signers.
	st, body = s.api(t, council, http.MethodGet, "/proposals?year=2026&held=1", nil)
	waiting := 0
	for _, x := range body["proposals"].([]any) {
		if x.(map[string]any)["status"] == "submitted" {
			waiting++
		}
	}
	if st != http.StatusOK || waiting != 2 {
		t.Fatalf("council's desk: %d, %d waiting", st, waiting)
	}
	level := body["level"].(map[string]any)
	var deputy int64
	for _, m := range level["signers"].([]any) {
		if m := m.(map[string]any); m["role"] == "vice_chair" {
			deputy = num(m, "id")
		}
	}
	if deputy == 0 || level["symbol"] != "VKSVL" {
		t.Fatalf("level %v", level)
	}

	// Above its power: no decision on the Bằng khen, no forwarding of the LĐTT.
	st, body = s.api(t, council, http.MethodPost, "/decisions", map[string]any{"year": 2026, "decided_on": "20/12/2026", "signer_member_id": deputy, "items": item(bk, bkV)})
	if st != http.StatusUnprocessableEntity || !strings.Contains(fmt.Sprint(body), "do Viện trưởng VKSND tối cao quyết định") {
		t.Fatalf("council decides a Bằng khen: %d %v", st, body)
	}
	if st, body = s.api(t, council, http.MethodPost, fmt.Sprintf("/proposals/%d/forward", ld), map[string]any{"version": ldV, "document_no": "13/TTr-VKSVL"}); st != http.StatusUnprocessableEntity {
		t.Fatalf("council forwards an LĐTT: %d %v", st, body)
	}
	st, body = s.api(t, council, http.MethodPost, fmt.Sprintf("/proposals/%d/forward", bk), map[string]any{"version": bkV, "document_no": "13/TTr-VKSVL", "note": "Đề nghị tặng Bằng khen"})
	if st != http.StatusOK || body["addressed_unit_name"] != "Viện kiểm sát nhân dân tối cao" {
		t.Fatalf("forward: %d %v", st, body)
	}
	bkV = num(body, "version")

	// The province decides the LĐTT: its series, heading, KT. signature.
	st, body = s.api(t, council, http.MethodPost, "/decisions", map[string]any{"year": 2026, "decided_on": "20/12/2026", "signer_member_id": deputy, "items": item(ld, ldV)})
	if st != http.StatusCreated || body["number"] != "2/QĐ-VKSVL" || body["sign_mode"] != "KT." {
		t.Fatalf("provincial decision: %d %v", st, body)
	}
	is := body["issuer"].(map[string]any)
	sig := fmt.Sprint(body["signature"])
	if is["name"] != "VIỆN KIỂM SÁT NHÂN DÂN TỈNH VĨNH LONG" || is["place"] != "Vĩnh Long" || !strings.Contains(fmt.Sprint(is["authority"]), "152/2025/NĐ-CP") ||
		!strings.Contains(fmt.Sprint(is["authority"]), "Căn cứ Luật Tổ chức Viện kiểm sát nhân dân số 63/2014/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 82/2025/QH15;") ||
		!strings.Contains(sig, "KT. VIỆN TRƯỞNG") || !strings.Contains(sig, "PHÓ VIỆN TRƯỞNG") {
		t.Fatalf("provincial heading %v %s", is, sig)
	}
	// Its draft decision, as the office downloads it, carries the same:
	// the province's heading, place and council, the deputy's KT. block.
	cb := s.browser(t)
	cb.login("hoidong.vinhlong")
	if st, f := awardDocFetch(t, cb, fmt.Sprintf("/decisions/%d/draft.xlsx", num(body, "id"))); st != http.StatusOK {
		t.Fatalf("provincial draft decision: %d", st)
	} else {
		cells := strings.Join(awardDocText(t, f, xlsx.SheetDecision), "\n")
		for _, want := range []string{"VIỆN KIỂM SÁT NHÂN DÂN TỈNH VĨNH LONG", "Vĩnh Long, ngày", "2/QĐ-VKSVL", "Hội đồng Thi đua – Khen thưởng Viện kiểm sát nhân dân tỉnh Vĩnh Long", "KT. VIỆN TRƯỞNG",
			"Căn cứ Luật Tổ chức Viện kiểm sát nhân dân số 63/2014/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 82/2025/QH15;"} {
			if !strings.Contains(cells, want) {
				t.Errorf("provincial draft decision lacks %q:\n%s", want, cells)
			}
		}
		if strings.Contains(cells, "NHÂN DÂN TỐI CAO\n"+"Số") || strings.Contains(cells, "Hà Nội, ngày") || strings.Contains(cells, "ngành Kiểm sát nhân dân,") {
			t.Errorf("provincial draft decision under the Supreme Procuracy's heading:\n%s", cells)
		}
	}

	// The sector's board decides the Bằng khen.
	st, body = s.api(t, board, http.MethodPost, "/decisions", map[string]any{"year": 2026, "decided_on": "20/12/2026", "signer": "Nguyễn Văn Ký", "items": item(bk, bkV)})
	if st != http.StatusCreated || !strings.HasSuffix(fmt.Sprint(body["number"]), "/QĐ-VKSTC") || body["issuer"].(map[string]any)["name"] != "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO" {
		t.Fatalf("sector decision: %d %v", st, body)
	}

	// The proposer sees the way.
	st, body = s.api(t, kv, http.MethodGet, fmt.Sprintf("/proposals/%d", bk), nil)
	var steps []string
	for _, x := range body["steps"].([]any) {
		steps = append(steps, x.(map[string]any)["step"].(string))
	}
	if st != http.StatusOK || strings.Join(steps, " ") != "submit forward approve" || body["status"] != "approved" {
		t.Fatalf("steps %d %v", st, steps)
	}
}
