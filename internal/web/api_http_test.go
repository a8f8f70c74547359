package web_test

import (
	"net/http"
	"strings"
	"testing"

	"thidua/internal/seed"
)

func TestAPI(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	board := s.token(t, "hoidong")
	officer := s.token(t, "canbo.thanhhoa")
	supreme := s.unit(t, seed.CodeSupreme)
	na := s.unit(t, seed.ProvinceCode("Nghệ An"))

	if st, body := s.api(t, "", "GET", "/me", nil); st != 401 || errCode(body) != "unauthorized" {
		t.Fatalf("no token: %d %v", st, body)
	}
	if st, _ := s.api(t, "tdk_sai", "GET", "/units", nil); st != 401 {
		t.Fatalf("bad token: %d", st)
	}
	if st, body := s.api(t, board, "GET", "/me", nil); st != 200 || body["username"] != "hoidong" {
		t.Fatalf("me: %d %v", st, body)
	}
	st, body := s.api(t, board, "GET", "/units?q=nghe+an&type=provincial", nil)
	if st != 200 || body["total"].(float64) != 1 {
		t.Fatalf("list: %d %v", st, body)
	}

	// Create; mass-assigned id and version are ignored.
	st, body = s.api(t, board, "POST", "/units", map[string]any{"id": 1, "version": 99, "code": "vks-api",
		"name": "Viện kiểm sát nhân dân tỉnh API", "type": "provincial", "parent_id": supreme, "valid_from": "2025-07-01"})
	if st != http.StatusCreated || body["code"] != "VKS-API" || body["version"].(float64) != 1 || body["id"].(float64) == 1 {
		t.Fatalf("create: %d %v", st, body)
	}
	id := int64(body["id"].(float64))

	// Invalid input names the fields.
	st, body = s.api(t, board, "POST", "/units", map[string]any{"code": "", "type": "provincial", "valid_from": "hôm qua"})
	if st != 422 || fields(body)["code"] == nil || fields(body)["name"] == nil || fields(body)["valid_from"] == nil {
		t.Fatalf("invalid: %d %v", st, body)
	}

	// Update with the current version, then again with the stale one.
	upd := map[string]any{"code": "VKS-API", "name": "Viện kiểm sát nhân dân tỉnh API (mới)", "type": "provincial",
		"parent_id": supreme, "valid_from": "2025-07-01", "version": 1, "reason": "thử"}
	if st, body = s.api(t, board, "PUT", "/units/"+itoa(id), upd); st != 200 || body["version"].(float64) != 2 {
		t.Fatalf("update: %d %v", st, body)
	}
	if st, body = s.api(t, board, "PUT", "/units/"+itoa(id), upd); st != 409 || errCode(body) != "conflict" {
		t.Fatalf("stale update: %d %v", st, body)
	}

	// Lineage, history, retire.
	if st, body = s.api(t, board, "POST", "/units/"+itoa(id)+"/lineage", map[string]any{"predecessor_id": na, "kind": "split", "note": "thử"}); st != 201 {
		t.Fatalf("link: %d %v", st, body)
	}
	if st, body = s.api(t, board, "DELETE", "/units/"+itoa(id)+"/lineage/"+itoa(na), nil); st != 200 {
		t.Fatalf("unlink: %d %v", st, body)
	}
	if st, body = s.api(t, board, "POST", "/units/"+itoa(id)+"/retire", map[string]any{"valid_to": "31/12/2030", "reason": "thử", "version": 2}); st != 200 {
		t.Fatalf("retire: %d %v", st, body)
	}
	req, _ := http.NewRequest("GET", s.URL+"/api/v1/units/"+itoa(id)+"/history", nil)
	req.Header.Set("Authorization", "Bearer "+board)
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("history: %v %v", res, err)
	}
	res.Body.Close()

	// The officer: own unit yes, another unit no, no writes.
	if st, _ = s.api(t, officer, "GET", "/units/"+itoa(s.unit(t, seed.ProvinceCode("Thanh Hóa"))), nil); st != 200 {
		t.Fatalf("officer own unit: %d", st)
	}
	if st, body = s.api(t, officer, "GET", "/units/"+itoa(na), nil); st != 403 || errCode(body) != "forbidden" {
		t.Fatalf("officer other unit: %d %v", st, body)
	}
	if st, _ = s.api(t, officer, "PUT", "/units/"+itoa(na), upd); st != 403 {
		t.Fatalf("officer update: %d", st)
	}
	if st, _ = s.api(t, officer, "POST", "/users", map[string]any{"username": "x"}); st != 403 {
		t.Fatalf("officer creates user: %d", st)
	}
	if st, _ = s.api(t, board, "GET", "/units/abc", nil); st != 404 {
		t.Fatalf("bad id: %d", st)
	}

	// A session cookie does not open the API: it takes tokens only.
	b := s.browser(t)
	b.login("admin")
	req, _ = http.NewRequest("GET", s.URL+"/api/v1/me", nil)
	if r := b.do(req); r.status != 401 {
		t.Fatalf("API with a session cookie: %d", r.status)
	}
}

func errCode(body map[string]any) any {
	e, _ := body["error"].(map[string]any)
	return e["code"]
}

func fields(body map[string]any) map[string]any {
	e, _ := body["error"].(map[string]any)
	f, _ := e["fields"].(map[string]any)
	return f
}

func TestAPIBadBodiesAndEdges(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	board := s.token(t, "hoidong")
	viewer := s.token(t, "xem")
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))

	// Go's English decoding errors come back in Vietnamese, naming the field.
	st, body := s.api(t, board, "POST", "/units", map[string]any{"code": "X", "parent_id": "39"})
	if st != 422 || fields(body)["parent_id"] != "Trường parent_id phải là một số nguyên." {
		t.Fatalf("type error: %d %v", st, body)
	}
	req, _ := http.NewRequest("POST", s.URL+"/api/v1/units", strings.NewReader("x"))
	req.Header.Set("Authorization", "Bearer "+board)
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 422 {
		t.Fatalf("syntax error: %v %v", res, err)
	}
	res.Body.Close()
	// Permission is checked before the body is read.
	req, _ = http.NewRequest("POST", s.URL+"/api/v1/units", strings.NewReader("x"))
	req.Header.Set("Authorization", "Bearer "+viewer)
	if res, _ = http.DefaultClient.Do(req); res.StatusCode != 403 {
		t.Fatalf("viewer with a bad body: %d", res.StatusCode)
	}
	res.Body.Close()

	// Ending a unit through PUT obeys the same rule as retiring it.
	st, body = s.api(t, board, "PUT", "/units/"+itoa(th), map[string]any{"code": seed.ProvinceCode("Thanh Hóa"),
		"name": "Viện kiểm sát nhân dân tỉnh Thanh Hóa", "type": "provincial", "parent_id": s.unit(t, seed.CodeSupreme),
		"valid_from": "2008-08-01", "valid_to": "2025-06-30", "version": 1})
	if st != 422 || fields(body)["valid_to"] == nil {
		t.Fatalf("PUT ending a unit with active sub-units: %d %v", st, body)
	}

	// Requests outside the session middleware get a clean answer, not a dropped connection.
	for _, path := range []string{"/static/khong-co.css", "/favicon.ico"} {
		res, err := http.Get(s.URL + path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		res.Body.Close()
		if path == "/static/khong-co.css" && res.StatusCode != 404 {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
	}
}
