package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/cluster"
	"thidua/internal/seed"
)

func TestCollectiveFactsHTTP(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	// A unit and a year the demo leaves empty, with officers of the test's own.
	s.app.Now = func() time.Time { return time.Date(2031, 11, 20, 9, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	if _, err := s.app.SaveYear(ctx, auth.System, cluster.Year{Year: 2031, Title: "Năm thi đua 2031",
		StartsOn: time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC), EndsOn: time.Date(2031, 12, 31, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	th := s.unit(t, seed.ProvinceCode("Hà Tĩnh"))
	sl := s.unit(t, seed.ProvinceCode("Sơn La"))
	for _, u := range []struct {
		name, full string
		unit       int64
	}{{"canbo.facts.hatinh", "Cán bộ Hà Tĩnh", th}, {"canbo.facts.sonla", "Cán bộ Sơn La", sl}} {
		id := u.unit
		if _, err := s.app.CreateUser(ctx, auth.System, app.UserInput{Username: u.name, FullName: u.full, Role: "officer", UnitID: &id, Password: factsPassword}); err != nil {
			t.Fatal(err)
		}
	}
	for i, name := range []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"} {
		p, err := s.app.CreatePerson(ctx, auth.System, app.PersonInput{FullName: name, UnitID: th, Since: time.Date(2018, 3, 1, 0, 0, 0, 0, time.UTC), Active: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.app.SetRating(ctx, auth.System, p.ID, app.Rating{Year: 2031, Rating: string(award.Tot)}); err != nil {
			t.Fatal(err)
		}
		if i < 2 {
			if _, err := s.app.AddAward(ctx, auth.System, p.ID, app.AwardInput{Year: 2031, Title: string(award.LaoDongTienTien), Kind: string(award.Merit), DecisionNo: "12/QĐ-VKS"}, nil); err != nil {
				t.Fatal(err)
			}
		}
	}

	// The officer records the unit's facts through the form.
	b := s.browser(t)
	factsLogin(b, "canbo.facts.hatinh")
	facts := "/units/" + itoa(th) + "/facts/2031"
	if r := b.get(facts); r.status != http.StatusOK || !strings.Contains(r.body, "Kết quả của tập thể năm 2031") || !strings.Contains(r.body, "Chưa ghi nhận") {
		t.Fatalf("facts page: %d", r.status)
	}
	r := b.send(http.MethodPut, facts, url.Values{"rating": {"bogus"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Xếp loại tập thể không hợp lệ.") {
		t.Fatalf("invalid: %d", r.status)
	}
	r = b.send(http.MethodPut, facts, url.Values{"rating": {"htt"}, "completed": {"1"}, "movement": {"1"}, "solidarity": {"1"}})
	if r.status != http.StatusSeeOther || r.location != facts {
		t.Fatalf("save: %d %s", r.status, r.body)
	}
	if r := b.get(facts); !strings.Contains(r.body, "Ghi nhận: ") || strings.Contains(r.body, "Chưa ghi nhận") {
		t.Fatalf("saved page lacks the recorder")
	}

	// Another unit's officer is refused, on the page and the API.
	o := s.browser(t)
	factsLogin(o, "canbo.facts.sonla")
	if r := o.send(http.MethodPut, facts, url.Values{"rating": {"htxs"}}); r.status != http.StatusForbidden {
		t.Fatalf("other officer: %d", r.status)
	}
	st, body := s.api(t, s.token(t, "canbo.facts.sonla"), http.MethodPut, "/units/"+itoa(th)+"/facts/2031", map[string]any{"rating": "htxs"})
	if st != http.StatusForbidden {
		t.Fatalf("other officer api: %d %v", st, body)
	}
	board := s.token(t, "hoidong")
	in := map[string]any{"rating": "htt", "completed": true, "movement": true, "solidarity": true, "leads_cluster": true}
	st, body = s.api(t, board, http.MethodPut, "/units/"+itoa(th)+"/facts/2031", in)
	if st != http.StatusConflict { // the officer saved since: the board must send the version it read
		t.Fatalf("board api without the version: %d %v", st, body)
	}
	in["version"] = factsVersion(t, s, board, th, 2031)
	st, body = s.api(t, board, http.MethodPut, "/units/"+itoa(th)+"/facts/2031", in)
	if st != http.StatusOK || body["leads_cluster"] != true {
		t.Fatalf("board api: %d %v", st, body)
	}
	st, body = s.api(t, board, http.MethodGet, "/units/"+itoa(th)+"/facts/2031", nil)
	if st != http.StatusOK || body["rating"] != "htt" || body["recorded"] != true {
		t.Fatalf("get api: %d %v", st, body)
	}

	// The collective proposal is eligible with these facts and the members' counts.
	r = b.post("/proposals", url.Values{"year": {"2031"}, "proposer_unit_id": {itoa(th)}, "title": {string(award.TapTheLaoDongTienTien)}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	page := r.location
	if r := b.get(page); !strings.Contains(r.body, "Đủ điều kiện đề nghị") {
		t.Fatalf("collective proposal not eligible")
	}
	completeDossierHTTP(t, b, page)
	if r := b.post(page+"/submit", url.Values{"version": {"1"}}); r.status != http.StatusSeeOther {
		t.Fatalf("submit: %d %s", r.status, r.body)
	}

	// The board publishes the year: 25/11 to 30/11; a comment before it is refused with the dates.
	if r := b.post("/years/2031/publication", url.Values{"from": {"25/11/2031"}, "until": {"30/11/2031"}}); r.status != http.StatusForbidden {
		t.Fatalf("officer publishes: %d", r.status)
	}
	st, body = s.api(t, board, http.MethodPost, "/years/2031/publication", map[string]any{"from": "2031-11-25", "until": "30/11/2031"})
	if st != http.StatusOK || body["open"] != false || body["submitted"].(float64) != 1 {
		t.Fatalf("publish: %d %v", st, body)
	}
	r = o.post(page+"/comments", url.Values{"body": {"Sớm quá"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "25/11/2031") || !strings.Contains(r.body, "30/11/2031") {
		t.Fatalf("early comment: %d", r.status)
	}
	if r := o.get(page); !strings.Contains(r.body, "Thời gian công khai lấy ý kiến: từ 25/11/2031 đến 30/11/2031") {
		t.Fatalf("proposal page lacks the window")
	}
	s.app.Now = func() time.Time { return time.Date(2031, 11, 26, 9, 0, 0, 0, time.UTC) }
	if r := o.post(page+"/comments", url.Values{"body": {"Nhất trí"}}); r.status != http.StatusSeeOther {
		t.Fatalf("comment inside: %d %s", r.status, r.body)
	}
	st, body = s.api(t, s.token(t, "canbo.facts.sonla"), http.MethodPost, "/proposals/"+strings.TrimPrefix(page, "/proposals/")+"/comments", map[string]any{"body": "Đồng ý"})
	if st != http.StatusCreated || body["author_name"] != "Cán bộ Sơn La" || body["at"] == "0001-01-01T00:00:00Z" {
		t.Fatalf("api comment inside: %d %v", st, body)
	}
	s.app.Now = func() time.Time { return time.Date(2031, 12, 1, 9, 0, 0, 0, time.UTC) }
	st, body = s.api(t, s.token(t, "canbo.facts.sonla"), http.MethodPost, "/proposals/"+strings.TrimPrefix(page, "/proposals/")+"/comments", map[string]any{"body": "Muộn"})
	if st != http.StatusUnprocessableEntity || !strings.Contains(factsErrMessage(body), "30/11/2031") {
		t.Fatalf("late comment: %d %v", st, body)
	}
	st, body = s.api(t, board, http.MethodGet, "/years/2031/publication", nil)
	if st != http.StatusOK || body["published"] != true {
		t.Fatalf("get publication: %d %v", st, body)
	}
	if r := b.get("/years/2031/publication"); r.status != http.StatusOK || !strings.Contains(r.body, "Ngoài thời gian nhận góp ý") {
		t.Fatalf("publication page: %d", r.status)
	}
}

func factsErrMessage(body map[string]any) string {
	e, _ := body["error"].(map[string]any)
	m, _ := e["message"].(string)
	return m
}

const factsPassword = "mat-khau-du-dai"

// factsLogin signs b in as an account created by the test.
func factsLogin(b *browser, username string) {
	b.t.Helper()
	r := b.post("/login", url.Values{"username": {username}, "password": {factsPassword}})
	if r.status != http.StatusSeeOther || r.location != "/" {
		b.t.Fatalf("login %s: %d %s", username, r.status, r.location)
	}
}

// factsVersion is the version of a unit's facts as the API shows them.
func factsVersion(t *testing.T, s *site, token string, unit int64, year int) float64 {
	t.Helper()
	st, body := s.api(t, token, http.MethodGet, "/units/"+itoa(unit)+"/facts/"+itoa(int64(year)), nil)
	v, ok := body["version"].(float64)
	if st != http.StatusOK || !ok {
		t.Fatalf("facts: %d %v", st, body)
	}
	return v
}
