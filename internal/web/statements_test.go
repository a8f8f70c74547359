package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/org"
	"thidua/internal/scoring"
	"thidua/internal/seed"
)

// The pages that load a unit's filing, the writes on it, a person's page
// and the unit list send a fixed number of SQL statements, whatever the
// number of units: counted on the demo, and again after forty more units
// join the cluster under review, they are within their caps and do not
// grow. Each count includes what every request costs (the session, the
// user, the header's notifications).
func TestStatementsPerRequest(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa")) // submitted, waiting for its review
	na := s.unit(t, seed.ProvinceCode("Nghệ An"))   // not started
	board := s.browser(t)
	board.login("hoidong")
	member := s.browser(t)
	member.login("canbo.nghean")
	token := s.token(t, "canbo.nghean")
	people, _, err := s.app.People(ctx, auth.System, org.PersonFilter{UnitID: &th, Limit: 1})
	if err != nil || len(people) == 0 {
		t.Fatal("no person in Thanh Hóa", err)
	}
	person := "/people/" + itoa(people[0].ID)

	round := 0 // each round's writes change something, so each records its changes
	type request struct {
		name    string
		cap     int64
		prepare func() (send func() (status, want int)) // prepare is not counted, send is
	}
	get := func(b *browser, path string) func() func() (int, int) {
		return func() func() (int, int) { return func() (int, int) { return b.get(path).status, http.StatusOK } }
	}
	post := func(b *browser, path string, form func() url.Values) func() func() (int, int) {
		return func() func() (int, int) {
			f := form()
			return func() (int, int) { return b.post(path, f).status, http.StatusSeeOther }
		}
	}
	// The filing pages' and writes' caps are what they send plus one: a
	// session's or a token's use is recorded at most once a minute, and
	// a slow run crosses that minute.
	requests := []request{
		{"filing page", 3, get(board, "/years/2026/filings/"+itoa(th))},
		{"review page", 3, get(board, "/years/2026/filings/"+itoa(th)+"/review")},
		{"review POST", 5, post(board, "/years/2026/filings/"+itoa(th)+"/review?_method=PUT", func() url.Values { return reviewForm(t, s, th, float64(round)/4) })},
		{"draft save", 5, post(member, "/years/2026/filings/"+itoa(na)+"?_method=PUT", func() url.Values { return selfForm(t, s, na, round) })},
		{"draft save (API)", 4, func() func() (int, int) {
			v, err := s.app.Filing(ctx, auth.System, 2026, na)
			if err != nil {
				t.Fatal(err)
			}
			return func() (int, int) {
				st, _ := s.api(t, token, http.MethodPut, "/years/2026/filings/"+itoa(na), map[string]any{"version": v.Filing.Version, "entries": []any{}})
				return st, http.StatusOK
			}
		}},
		{"filing (API)", 3, func() func() (int, int) {
			return func() (int, int) {
				st, _ := s.api(t, token, http.MethodGet, "/years/2026/filings/"+itoa(na), nil)
				return st, http.StatusOK
			}
		}},
		{"person page", 8, get(board, person)},
		{"unit list", 7, get(board, "/units?q=thanh")},
	}
	// These send the filing's or the person's read with the session's or the token's:
	// one round trip fewer than statements (store/sent_reads.go).
	together := map[string]bool{"filing page": true, "filing (API)": true, "draft save": true, "draft save (API)": true, "person page": true}
	count := func() map[string]int64 {
		round++
		out := map[string]int64{}
		for _, r := range requests {
			send := r.prepare()
			before, trips := statements(s), s.store.RoundTrips()
			if st, want := send(); st != want {
				t.Fatalf("%s: HTTP %d, want %d", r.name, st, want)
			}
			out[r.name] = statements(s) - before
			if out[r.name] > r.cap {
				t.Errorf("%s: %d statements, at most %d", r.name, out[r.name], r.cap)
			}
			trips = s.store.RoundTrips() - trips
			if want := out[r.name] - map[bool]int64{true: 1}[together[r.name]]; trips != want {
				t.Errorf("%s: %d statements in %d round trips, want %d", r.name, out[r.name], trips, want)
			}
		}
		return out
	}
	count() // the first draft save creates the filing: the rounds compared change it
	demo := count()

	// Forty more provinces in the cluster, their names found by the search.
	c, err := s.store.ClusterOfUnit(ctx, 2026, th)
	if err != nil {
		t.Fatal(err)
	}
	th0, err := s.store.Unit(ctx, th)
	if err != nil {
		t.Fatal(err)
	}
	members := c.Members
	for i := range 40 {
		u, err := s.app.CreateUnit(ctx, auth.System, app.UnitInput{Code: fmt.Sprintf("VKS-THU-%02d", i), Name: fmt.Sprintf("Viện kiểm sát thử Thanh %d", i),
			Type: "provincial", ParentID: th0.ParentID, ValidFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		members = append(members, u.ID)
	}
	if _, err := s.app.SaveCluster(ctx, auth.System, c.ID, app.ClusterInput{Year: c.Year, Level: string(c.Level), Number: c.Number, Name: c.Name,
		OwnerUnitID: c.OwnerUnitID, Members: members, FollowerUserID: c.FollowerUserID, NominatedDeputyID: c.NominatedDeputyID, Note: c.Note,
		Version: c.Version}); err != nil {
		t.Fatal(err)
	}
	more := count()
	for name, n := range demo {
		t.Logf("%-17s %2d statements", name, n)
		if more[name] != n {
			t.Errorf("%s: %d statements on the demo, %d with forty more units", name, n, more[name])
		}
	}
}

// statements is how many SQL statements the site's pool has sent.
func statements(s *site) int64 { return s.store.Statements() }

// reviewForm is the review page's form as the board sends it: every row
// as the unit declared it, one score lowered by lower, with a comment.
func reviewForm(t *testing.T, s *site, unit int64, lower float64) url.Values {
	t.Helper()
	v, err := s.app.Filing(context.Background(), auth.System, 2026, unit)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"version": {itoa(int64(v.Filing.Version))}, "action": {"save"}}
	lowered := false
	for _, c := range v.Table.Criteria {
		id, e := itoa(c.ID), v.Filing.Self[c.ID]
		switch c.Method {
		case scoring.Group:
			continue
		case scoring.Indicator:
			form.Set("rn_"+id, num(e.Numerator))
			form.Set("rd_"+id, num(e.Denominator))
		default:
			if e.Score != nil && *e.Score > 1 && !lowered && c.Method == scoring.Fixed {
				form.Set("rs_"+id, num(new(*e.Score-lower)))
				form.Set("rc_"+id, "Thiếu tài liệu chứng minh")
				lowered = true
				continue
			}
			form.Set("rs_"+id, num(e.Score))
		}
		if e.NotArisen {
			form.Set("rna_"+id, "1")
		}
	}
	return form
}

// selfForm is the filing page's form with figure n on every row.
func selfForm(t testing.TB, s *site, unit int64, n int) url.Values {
	t.Helper()
	v, err := s.app.Filing(context.Background(), auth.System, 2026, unit)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"version": {itoa(int64(v.Filing.Version))}, "action": {"save"}}
	for _, c := range v.Table.Criteria {
		id := itoa(c.ID)
		switch c.Method {
		case scoring.Group:
		case scoring.Indicator:
			form.Set("n_"+id, strconv.Itoa(n))
			if c.Denominator != "" {
				form.Set("d_"+id, "10")
			}
			form.Set("x_"+id, "")
			form.Set("e_"+id, "Biểu thống kê")
		case scoring.Fixed:
			form.Set("s_"+id, "1")
		}
	}
	return form
}

func num(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}
