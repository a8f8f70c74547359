// Command thidua-load drives a running Thi đua app on loopback with
// concurrent requests on its main paths — the unit search, a unit's
// filing page, the ranking page, a person's page with their verdicts, and
// saving a self-assessment draft through the JSON API — and reports, per
// path, throughput and p50/p99 latency. In the same run it starts a bare
// Echo server in-process on another loopback port, whose handler for each
// path runs the one SQL query a bare program would run (internal/seed,
// national_sql.go) against the same database and answers JSON, measures
// it the same way, taking turns with the app (-turns), and prints the
// ratio.
//
//	thidua-load -app http://127.0.0.1:18080 -database postgres://…/thidua_load -duration 10s -concurrency 16
//
// It is meant for the national data set (thidua seed --scale national):
// it signs in as hoidong with the demo password, and adds one officer
// account with an API token for each unit it writes to (load.<unit code>).
// Run it on a scratch database; `make load` does all of it.
package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver of the bare server

	"thidua/internal/seed"
	"thidua/internal/store"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "thidua-load:", err)
		os.Exit(1)
	}
}

type options struct {
	app, database, user, password string
	duration                      time.Duration
	concurrency, pool, turns      int
	only                          string
}

func run(ctx context.Context, args []string, out io.Writer) error {
	var o options
	fs := flag.NewFlagSet("thidua-load", flag.ContinueOnError)
	fs.StringVar(&o.app, "app", "http://127.0.0.1:18080", "the running app (loopback only)")
	fs.StringVar(&o.database, "database", os.Getenv("DATABASE_URL"), "the app's database (for setup and the bare server)")
	fs.StringVar(&o.user, "user", "hoidong", "the board account the pages are read as")
	fs.StringVar(&o.password, "password", seed.DemoPassword, "its password")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "how long each path is driven on the app, and as long on the bare server")
	fs.IntVar(&o.turns, "turns", 5, "the duration is split into this many turns, app then bare, so that both sides meet the same machine")
	fs.IntVar(&o.concurrency, "concurrency", 16, "concurrent clients")
	pool := store.DefaultPoolSize
	if n, err := strconv.Atoi(os.Getenv("DB_POOL_SIZE")); err == nil && n > 0 {
		pool = n
	}
	fs.IntVar(&o.pool, "pool", pool, "the bare server's connections at most: the app's (DB_POOL_SIZE)")
	fs.StringVar(&o.only, "paths", "", "comma-separated paths to drive (default all: units,filing,ranking,person,save)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.database == "" {
		return errors.New("cần -database hoặc DATABASE_URL")
	}
	appURL, err := url.Parse(o.app)
	if err != nil || !loopback(appURL.Hostname()) {
		return fmt.Errorf("-app %q: chỉ chạy tải thử trên loopback (127.0.0.1, ::1, localhost)", o.app)
	}
	if o.concurrency < 1 || o.duration <= 0 || o.pool < 1 || o.turns < 1 {
		return errors.New("-concurrency, -duration, -pool and -turns must be positive")
	}

	db, err := sql.Open("pgx", o.database)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(o.pool)
	db.SetMaxIdleConns(o.pool)
	st, err := store.Open(ctx, o.database)
	if err != nil {
		return err
	}
	defer st.Close()
	fx, err := fixtures(ctx, db, st, o.concurrency)
	if err != nil {
		return err
	}
	pages, err := signIn(o.app, o.user, o.password)
	if err != nil {
		return err
	}

	bare, err := startBare(db)
	if err != nil {
		return err
	}
	defer bare.Close()

	api := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: o.concurrency}}
	pages.Transport = &http.Transport{MaxIdleConnsPerHost: o.concurrency}
	clients := make([]*client, o.concurrency)
	for i := range clients {
		clients[i] = &client{r: rand.New(rand.NewPCG(uint64(i), 2026)), fx: fx, write: fx.writes[i]}
	}
	paths := loadPaths(fx, o.app, "http://"+bare.Listener.Addr().String(), pages, api)
	if o.only != "" {
		keep := strings.Split(o.only, ",")
		paths = slices.DeleteFunc(paths, func(p loadPath) bool { return !slices.Contains(keep, p.name) })
	}

	fmt.Fprintf(out, "thidua-load: year %d, %d units, %d people; %d clients, %s per path and side in %d turns; app %s, bare %s (%d connections)\n\n",
		fx.year, len(fx.units), len(fx.people), o.concurrency, o.duration, o.turns, o.app, bare.Listener.Addr(), o.pool)
	fmt.Fprintf(out, "%-8s %-5s %9s %9s %9s %7s   %s\n", "path", "side", "req/s", "p50", "p99", "errors", "what one request is")
	failed := 0
	for _, p := range paths {
		// The sides take turns: a machine whose speed drifts (a shared
		// one does, by a fifth within a minute) slows both alike.
		var a, b result
		for range o.turns {
			a.add(drive(ctx, o.concurrency, o.duration/time.Duration(o.turns), clients, p.app))
			b.add(drive(ctx, o.concurrency, o.duration/time.Duration(o.turns), clients, p.bare))
		}
		slices.Sort(a.lat)
		slices.Sort(b.lat)
		failed += a.errors + b.errors
		if len(a.lat) == 0 || len(b.lat) == 0 {
			failed++ // a path that never answered is a failure too
		}
		fmt.Fprintf(out, "%-8s %-5s %9.1f %9s %9s %7d   %s\n", p.name, "app", a.rate(), ms(a.p(50)), ms(a.p(99)), a.errors, p.appWhat)
		fmt.Fprintf(out, "%-8s %-5s %9.1f %9s %9s %7d   %s\n", "", "bare", b.rate(), ms(b.p(50)), ms(b.p(99)), b.errors, p.bareWhat)
		fmt.Fprintf(out, "%-8s %-5s %8.1f× %8.1f× %8.1f×\n", "", "ratio", b.rate()/a.rate(), ratio(a.p(50), b.p(50)), ratio(a.p(99), b.p(99)))
		if a.firstErr != "" || b.firstErr != "" {
			fmt.Fprintf(out, "         first error: %s %s\n", a.firstErr, b.firstErr)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d requests failed", failed)
	}
	return nil
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// fix is what the paths pick from: the year in progress, units with a
// filing, people, and one unit per client to write to, with its token.
type fix struct {
	year   int
	units  []int64  // units with a filing in the year
	people []int64  // a sample of people
	terms  []string // search terms, typed without marks
	writes []writeTarget
}

type writeTarget struct {
	unit  int64
	token string
}

// fixtures picks what the paths read, with the bare server's hand-written
// SQL (db), and gives each client an account and a token through the store.
func fixtures(ctx context.Context, db *sql.DB, st *store.Store, clients int) (fix, error) {
	var f fix
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(year), 0) FROM emulation_years`).Scan(&f.year); err != nil {
		return f, err
	}
	var err error
	if f.units, err = column[int64](ctx, db, `SELECT unit_id FROM assessments WHERE year = $1 ORDER BY unit_id`, f.year); err != nil {
		return f, err
	}
	if f.people, err = column[int64](ctx, db, `SELECT id FROM people ORDER BY id`); err != nil {
		return f, err
	}
	provinces, err := column[string](ctx, db, `SELECT name FROM units WHERE type = 'provincial' ORDER BY id`)
	if err != nil {
		return f, err
	}
	if len(f.units) == 0 || len(f.people) == 0 || len(provinces) == 0 {
		return f, errors.New("the database has no filings or people for the latest year: load it with `thidua seed --scale national`")
	}
	for i, name := range provinces {
		name = strings.TrimPrefix(strings.TrimPrefix(name, "Viện kiểm sát nhân dân tỉnh "), "Viện kiểm sát nhân dân thành phố ")
		f.terms = append(f.terms, plain(name), "khu vuc "+strconv.Itoa(1+i%9))
	}
	// Units whose own officers may still edit their filing: drafts and
	// regional procuracies not started yet.
	type target struct {
		ID   int64
		Code string
	}
	var targets []target
	rows, err := db.QueryContext(ctx, `SELECT u.id, u.code FROM units u
		JOIN cluster_members m ON m.unit_id = u.id AND m.year = $1
		LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = m.year
		WHERE a.id IS NULL OR a.status IN ('draft', 'returned')
		ORDER BY u.id LIMIT $2`, f.year, clients)
	if err != nil {
		return f, err
	}
	for rows.Next() {
		var t target
		if err := rows.Scan(&t.ID, &t.Code); err != nil {
			rows.Close()
			return f, err
		}
		targets = append(targets, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, err
	}
	if len(targets) < clients {
		return f, fmt.Errorf("only %d units may save a draft in %d, need one per client (%d)", len(targets), f.year, clients)
	}
	expires := time.Now().Add(24 * time.Hour)
	for _, t := range targets {
		name := "load." + strings.ToLower(t.Code)
		u, err := st.UserByName(ctx, name)
		if err != nil {
			unit := t.ID
			if u, err = st.CreateUser(ctx, store.User{Username: name, FullName: "Tải thử " + t.Code, Role: "officer",
				PasswordHash: "!", UnitID: &unit, Active: true}); err != nil { // "!" matches no password: token only
				return f, err
			}
		}
		token, err := st.CreateToken(ctx, u.ID, "thidua-load", &expires)
		if err != nil {
			return f, err
		}
		f.writes = append(f.writes, writeTarget{unit: t.ID, token: token})
	}
	return f, nil
}

// column reads a query's one column.
func column[T any](ctx context.Context, db *sql.DB, query string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// plain strips Vietnamese marks, as someone searching in a hurry types.
func plain(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if i := strings.IndexRune(viMarked, r); i >= 0 {
			r = []rune(viBase)[len([]rune(viMarked[:i]))]
		}
		b.WriteRune(r)
	}
	return b.String()
}

const (
	viMarked = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
	viBase   = "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd"
)

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// signIn signs in through the login form (CSRF token and all) and returns
// a client carrying the session cookie; every page client shares it.
func signIn(app, user, password string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(app + "/login")
	if err != nil {
		return nil, fmt.Errorf("không kết nối được ứng dụng tại %s: %w", app, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfField.FindSubmatch(body)
	if m == nil {
		return nil, errors.New("the login page has no CSRF token")
	}
	form := url.Values{"username": {user}, "password": {password}, "_csrf": {string(m[1])}}
	req, _ := http.NewRequest(http.MethodPost, app+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", app)
	if resp, err = c.Do(req); err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("sign-in as %s: HTTP %d", user, resp.StatusCode)
	}
	return c, nil
}

// request is one request a client makes; it returns an error for an
// answer that is not a success.
type request func(c *client) error

type loadPath struct {
	name              string
	appWhat, bareWhat string
	app, bare         request
}

// client is one concurrent client: its random source and its write target.
type client struct {
	r       *rand.Rand
	fx      fix
	write   writeTarget
	filing  writeState
	counter int
}

// writeState is what a client knows of its own filing.
type writeState struct {
	id        int64 // the filing, once saved
	version   int
	criterion int64  // the rate it changes
	entries   []byte // the other entries, encoded once: `{…},{…},`
}

func (c *client) unit() int64   { return c.fx.units[c.r.IntN(len(c.fx.units))] }
func (c *client) person() int64 { return c.fx.people[c.r.IntN(len(c.fx.people))] }
func (c *client) term() string  { return c.fx.terms[c.r.IntN(len(c.fx.terms))] }

func loadPaths(fx fix, app, bare string, pages, api *http.Client) []loadPath {
	y := strconv.Itoa(fx.year)
	page := func(path func(c *client) string) request {
		return func(c *client) error { return get(pages, app+path(c), "") }
	}
	bareGet := func(path func(c *client) string) request {
		return func(c *client) error { return get(api, bare+path(c), "") }
	}
	return []loadPath{
		{name: "units", appWhat: "GET /units?q=… (page, 50 a page)", bareWhat: "GET /units?q=… (one SQL, JSON)",
			app:  page(func(c *client) string { return "/units?q=" + url.QueryEscape(c.term()) }),
			bare: bareGet(func(c *client) string { return "/units?q=" + url.QueryEscape(c.term()) })},
		{name: "filing", appWhat: "GET /years/" + y + "/filings/… (page)", bareWhat: "GET /filing?unit=… (one SQL, JSON)",
			app:  page(func(c *client) string { return "/years/" + y + "/filings/" + strconv.FormatInt(c.unit(), 10) }),
			bare: bareGet(func(c *client) string { return "/filing?year=" + y + "&unit=" + strconv.FormatInt(c.unit(), 10) })},
		{name: "ranking", appWhat: "GET /years/" + y + "/ranking (page, every cluster)", bareWhat: "GET /ranking (one SQL aggregate, JSON)",
			app:  page(func(*client) string { return "/years/" + y + "/ranking" }),
			bare: bareGet(func(*client) string { return "/ranking?year=" + y })},
		{name: "person", appWhat: "GET /people/… (page, record and verdicts)", bareWhat: "GET /person?id=… (one SQL, JSON, no verdicts)",
			app:  page(func(c *client) string { return "/people/" + strconv.FormatInt(c.person(), 10) }),
			bare: bareGet(func(c *client) string { return "/person?id=" + strconv.FormatInt(c.person(), 10) })},
		{name: "save", appWhat: "PUT /api/v1/years/" + y + "/filings/… (draft, token, return=minimal)", bareWhat: "POST /save (one UPDATE)",
			app:  func(c *client) error { return c.saveDraft(api, app, fx.year) },
			bare: func(c *client) error { return c.saveBare(api, bare) }},
	}
}

func get(c *http.Client, u, token string) error {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(c, req, nil)
}

// do sends req and reads the whole answer, decoding it into into when
// given. An answer nobody decodes is read through io.Discard's pooled
// buffer: growing a fresh buffer for every 30-46 KB page, and collecting
// it, was a third of the load generator's CPU, which shares the machine
// with the app.
func do(c *http.Client, req *http.Request, into any) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 800)) // 200 characters of 4 bytes at most
		return fmt.Errorf("%s %s: HTTP %d %.200s", req.Method, req.URL.Path, resp.StatusCode, body)
	}
	if into == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		return err
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	return json.Unmarshal(body, into)
}

// filingJSON is the part of the API's filing view a client needs.
type filingJSON struct {
	Table struct {
		Criteria []struct {
			ID          int64   `json:"id"`
			Method      string  `json:"method"`
			Denominator string  `json:"denominator"`
			Direction   string  `json:"direction"`
			Max         float64 `json:"max"`
		} `json:"criteria"`
	} `json:"table"`
	Filing struct {
		ID      int64                     `json:"id"`
		Version int                       `json:"version"`
		Self    map[string]map[string]any `json:"self"`
	} `json:"filing"`
}

// savedJSON is what a client reads of the answer to its save.
type savedJSON struct {
	Filing struct {
		ID      int64 `json:"id"`
		Version int   `json:"version"`
	} `json:"filing"`
}

// saveDraft saves the client's unit's draft through the API: what is
// there, with one rate's numerator changed each time. The first save
// reads the filing for its table and version.
func (c *client) saveDraft(api *http.Client, app string, year int) error {
	u := fmt.Sprintf("%s/api/v1/years/%d/filings/%d", app, year, c.write.unit)
	if c.filing.criterion == 0 {
		var v filingJSON
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		req.Header.Set("Authorization", "Bearer "+c.write.token)
		if err := do(api, req, &v); err != nil {
			return err
		}
		for _, cr := range v.Table.Criteria {
			if cr.Method == "indicator" && cr.Denominator != "" && cr.Direction == "higher" {
				c.filing.criterion = cr.ID
				break
			}
		}
		if c.filing.criterion == 0 {
			return errors.New("the table has no rate to change")
		}
		c.filing.id, c.filing.version = v.Filing.ID, v.Filing.Version
		c.filing.entries = nil
		for id, e := range v.Filing.Self {
			if n, _ := strconv.ParseInt(id, 10, 64); n != c.filing.criterion {
				b, err := json.Marshal(e)
				if err != nil {
					return err
				}
				c.filing.entries = append(append(c.filing.entries, b...), ',')
			}
		}
	}
	// The body is the JSON a client marshalling the whole set would send
	// (json.Marshal's key order); only the changed entry is written again.
	// The client keeps its own copy of what it sent, so it asks for a
	// minimal answer (RFC 7240): the filing's header and totals instead
	// of the whole view (28 KB), and reads its new version there.
	c.counter++
	body := saveBody(c.filing.entries, c.filing.criterion, 90+c.counter%10, c.filing.version)
	req, _ := http.NewRequest(http.MethodPut, u, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+c.write.token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Prefer", "return=minimal")
	var v savedJSON
	if err := do(api, req, &v); err != nil {
		c.filing.criterion = 0 // read it again next time
		return err
	}
	c.filing.id, c.filing.version = v.Filing.ID, v.Filing.Version
	return nil
}

// saveBody is a save's body: the other entries as encoded, then the
// changed rate, out of 100.
func saveBody(others []byte, criterion int64, num, version int) []byte {
	return fmt.Appendf(nil, `{"entries":[%s{"criterion_id":%d,"denominator":100,"evidence":"Biểu thống kê (tải thử)","numerator":%d}],"version":%d}`,
		others, criterion, num, version)
}

// saveBare changes the same figure with one UPDATE on the bare server.
func (c *client) saveBare(api *http.Client, bare string) error {
	if c.filing.id == 0 {
		return errors.New("no filing saved through the app to change")
	}
	c.counter++
	u := fmt.Sprintf("%s/save?filing=%d&criterion=%d&num=%d", bare, c.filing.id, c.filing.criterion, 90+c.counter%10)
	req, _ := http.NewRequest(http.MethodPost, u, nil)
	return do(api, req, nil)
}

// result is one side of one path: every latency, and the errors.
type result struct {
	lat      []time.Duration
	errors   int
	elapsed  time.Duration
	firstErr string
}

func (r result) rate() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(len(r.lat)) / r.elapsed.Seconds()
}

// p is the q-th percentile of the successful requests' latencies.
func (r result) p(q int) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, len(r.lat)*q/100)]
}

// add takes in another turn of the same side (its latencies unsorted).
func (r *result) add(o result) {
	r.lat, r.errors, r.elapsed = append(r.lat, o.lat...), r.errors+o.errors, r.elapsed+o.elapsed
	if r.firstErr == "" {
		r.firstErr = o.firstErr
	}
}

// drive runs the request on n clients for d and gathers the latencies.
// Clients keep their state (their filing) across turns and sides.
func drive(ctx context.Context, n int, d time.Duration, clients []*client, req request) result {
	var mu sync.Mutex
	var res result
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		c := clients[i]
		wg.Go(func() {
			var lat []time.Duration
			errs, first := 0, ""
			for ctx.Err() == nil {
				t := time.Now()
				err := req(c)
				d := time.Since(t)
				if ctx.Err() != nil && err != nil {
					break // cut by the end of the run
				}
				if err != nil {
					errs++
					if first == "" {
						first = err.Error()
					}
					continue
				}
				lat = append(lat, d)
			}
			mu.Lock()
			res.lat, res.errors = append(res.lat, lat...), res.errors+errs
			if res.firstErr == "" {
				res.firstErr = first
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
