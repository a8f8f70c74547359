package web_test

// The database going away under load and coming back, per test database
// (the shared PostgreSQL server is never restarted): through a TCP proxy
// between the app and PostgreSQL that the test cuts and restores, or by
// refusing connections to the test's database and terminating its
// backends, as a restart does.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/dbtest"
	"thidua/internal/seed"
	"thidua/internal/store"
	"thidua/internal/web"
)

// proxyMode is what the proxy does with connections.
type proxyMode int32

const (
	forward   proxyMode = iota // pass bytes both ways
	refuse                     // close every connection at once, as a stopped server
	blackHole                  // accept and never answer, as an unreachable host
)

// dbProxy is a TCP proxy in front of PostgreSQL.
type dbProxy struct {
	ln     net.Listener
	target string
	mode   atomic.Int32
	mu     sync.Mutex
	conns  map[net.Conn]bool
}

func newDBProxy(t *testing.T, target string) *dbProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &dbProxy{ln: ln, target: target, conns: map[net.Conn]bool{}}
	t.Cleanup(func() {
		ln.Close()
		p.dropAll()
	})
	go p.serve()
	return p
}

func (p *dbProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		switch proxyMode(p.mode.Load()) {
		case refuse:
			c.Close()
		case blackHole:
			p.track(c)
		default:
			go p.pipe(c)
		}
	}
}

func (p *dbProxy) pipe(c net.Conn) {
	up, err := net.DialTimeout("tcp", p.target, 2*time.Second)
	if err != nil {
		c.Close()
		return
	}
	p.track(c)
	p.track(up)
	done := make(chan struct{}, 2)
	for _, pair := range [][2]net.Conn{{up, c}, {c, up}} {
		go func() {
			_, _ = io.Copy(pair[0], pair[1])
			done <- struct{}{}
		}()
	}
	<-done
	c.Close()
	up.Close()
}

func (p *dbProxy) track(c net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.conns[c] = true
}

// dropAll closes every connection through the proxy.
func (p *dbProxy) dropAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		c.Close()
	}
	clear(p.conns)
}

// cut takes the database away: open connections die, new ones are
// refused or left unanswered.
func (p *dbProxy) cut(m proxyMode) {
	p.mode.Store(int32(m))
	p.dropAll()
}

// restore brings the database back.
func (p *dbProxy) restore() {
	p.mode.Store(int32(forward))
	p.dropAll() // unanswered connections fail now rather than later
}

// via returns dbURL with its host replaced by the proxy's address.
func (p *dbProxy) via(t *testing.T, dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	u.Host = p.ln.Addr().String()
	return u.String()
}

// logSink keeps what the server logs, to check it for errors.
type logSink struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (l *logSink) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logSink) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// faultSite is the app with the demo data, its store opened on dsn.
func faultSite(t *testing.T, dbURL, dsn string, log io.Writer) *site {
	t.Helper()
	ctx := context.Background()
	h := auth.Hasher{Cost: bcrypt.MinCost}
	direct, err := store.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.Demo(ctx, direct, h, seed.FixtureClock); err != nil {
		t.Fatal(err)
	}
	direct.Close()
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	a := app.New(s, h, app.FixedClock(seed.FixtureClock))
	srv, err := web.New(a, web.Options{OrgName: "Viện kiểm sát nhân dân tối cao", Logger: slog.New(slog.NewTextHandler(log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &site{Server: ts, app: a, store: s}
}

// outcome is one request of the load.
type outcome struct {
	kind           string
	name           string // the person a write adds
	phaseA, phaseB int32  // the phase when it was sent and when it was answered
	status         int
	body, ctype    string
	took           time.Duration
	err            error
}

const (
	phaseUp      = iota
	phaseCutting // the database is being taken away
	phaseDown
	phaseBack // being brought back, and after
)

const unavailableText = "Cơ sở dữ liệu tạm thời không truy cập được"

func TestDatabaseOutageUnderLoad(t *testing.T) {
	t.Parallel()
	withProxy := func(m proxyMode, bound time.Duration) func(*testing.T) {
		return func(t *testing.T) {
			t.Parallel()
			dbURL := dbtest.NewURL(t)
			u, _ := url.Parse(dbURL)
			p := newDBProxy(t, u.Host)
			var log logSink
			runOutage(t, faultSite(t, dbURL, p.via(t, dbURL), &log), &log, bound, func() { p.cut(m) }, p.restore)
		}
	}
	t.Run("server stops", withProxy(refuse, 3*time.Second))
	// An unreachable host answers nothing: each request waits for the
	// connection timeout (5 s by default), twice at most (a page whose
	// session was read just before the cut waits again to save it).
	t.Run("host unreachable", withProxy(blackHole, 2*store.ConnectTimeout+2*time.Second))
	// What a restart does to one database: its backends are terminated
	// (FATAL 57P01) and new connections refused until it is back.
	t.Run("backends terminated", func(t *testing.T) {
		t.Parallel()
		dbURL := dbtest.NewURL(t)
		name := strings.TrimPrefix(mustParse(t, dbURL).Path, "/")
		admin, err := sql.Open("pgx", dbtest.AdminURL())
		if err != nil {
			t.Fatal(err)
		}
		defer admin.Close()
		exec := func(q string) {
			if _, err := admin.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		down := func() {
			exec(`ALTER DATABASE "` + name + `" ALLOW_CONNECTIONS false`)
			exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '` + name + `' AND pid <> pg_backend_pid()`)
		}
		up := func() { exec(`ALTER DATABASE "` + name + `" ALLOW_CONNECTIONS true`) }
		defer up() // the database must accept the cleanup's DROP … WITH (FORCE) either way
		var log logSink
		runOutage(t, faultSite(t, dbURL, dbURL, &log), &log, 3*time.Second, down, up)
	})
}

func mustParse(t *testing.T, raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// runOutage signs in, runs a steady load of pages, API calls and health
// checks, takes the database away until /healthz says so, keeps the load
// on for a while, brings it back and waits for /healthz to say ok; then
// checks every answer and that the session and writes work again.
// outageMargin is what a request may take beyond its bound on a busy
// machine before it counts as having waited for the database.
const outageMargin = 6 * time.Second

func runOutage(t *testing.T, s *site, log *logSink, bound time.Duration, down, up func()) {
	b := s.browser(t)
	b.login("canbo.thanhhoa")
	tok := s.token(t, "hoidong")
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))

	var phase atomic.Int32
	var mu sync.Mutex
	var outcomes []outcome
	var writes atomic.Int32
	send := func(kind string) {
		var req *http.Request
		var name string
		hc := http.DefaultClient
		switch kind {
		case "write":
			name = fmt.Sprintf("Nguyễn Thị Tải %04d", writes.Add(1))
			body := fmt.Sprintf(`{"full_name":%q,"unit_id":%d,"since":"2020-01-01"}`, name, th)
			req, _ = http.NewRequest(http.MethodPost, s.URL+"/api/v1/people", strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Content-Type", "application/json")
		case "page":
			req, _ = http.NewRequest(http.MethodGet, s.URL+"/", nil)
			hc = b.hc
		case "api":
			req, _ = http.NewRequest(http.MethodGet, s.URL+"/api/v1/units?q=thanh", nil)
			req.Header.Set("Authorization", "Bearer "+tok)
		case "health":
			req, _ = http.NewRequest(http.MethodGet, s.URL+"/healthz", nil)
		}
		ctx, cancel := context.WithTimeout(context.Background(), bound+outageMargin+30*time.Second)
		defer cancel()
		o := outcome{kind: kind, name: name, phaseA: phase.Load()}
		began := time.Now()
		res, err := hc.Do(req.WithContext(ctx))
		if err == nil {
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			o.status, o.body, o.ctype = res.StatusCode, string(body), res.Header.Get("Content-Type")
		}
		o.err, o.took, o.phaseB = err, time.Since(began), phase.Load()
		mu.Lock()
		outcomes = append(outcomes, o)
		mu.Unlock()
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for _, kind := range []string{"page", "page", "api", "write", "health"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				send(kind)
				time.Sleep(20 * time.Millisecond)
			}
		}()
	}
	stopLoad := func() {
		select {
		case <-stop:
		default:
			close(stop)
			wg.Wait()
		}
	}
	defer stopLoad()

	health := func() int {
		res, err := http.Get(s.URL + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	waitHealth := func(want int, within time.Duration) time.Duration {
		began := time.Now()
		for health() != want {
			if time.Since(began) > within {
				t.Fatalf("/healthz did not answer %d within %v", want, within)
			}
			time.Sleep(50 * time.Millisecond)
		}
		return time.Since(began)
	}

	time.Sleep(300 * time.Millisecond)
	phase.Store(phaseCutting)
	down()
	phase.Store(phaseDown)
	noticed := waitHealth(http.StatusServiceUnavailable, 30*time.Second)
	// Long enough for the slowest failure to come back, and for a request
	// that waited on the database to show as one.
	time.Sleep(bound + outageMargin + time.Second)
	phase.Store(phaseBack)
	up()
	recovered := waitHealth(http.StatusOK, 60*time.Second)
	time.Sleep(300 * time.Millisecond)
	stopLoad()

	// After the outage: the session kept in the database is still valid,
	// pages and writes work, without restarting anything.
	if r := b.get("/"); r.status != http.StatusOK || !strings.Contains(r.body, "canbo.thanhhoa") && !strings.Contains(r.body, "Đăng xuất") {
		t.Fatalf("home page after the outage: %d %.300s", r.status, r.body)
	}
	if r := b.post("/people", url.Values{"full_name": {"Lê Thị Phục Hồi"}, "unit_id": {itoa(th)}, "since": {"01/03/2018"}, "active": {"1"}}); r.status != http.StatusSeeOther {
		t.Fatalf("a write after the outage: %d %.300s", r.status, r.body)
	}

	counts := map[string]int{}
	var slowest time.Duration
	for _, o := range outcomes {
		if o.err != nil {
			t.Fatalf("%s request failed without an answer after %v: %v", o.kind, o.took, o.err)
		}
		// Generous: a request that waited for the database to come back
		// took the whole outage; one that failed fast took milliseconds.
		if o.took > bound+outageMargin {
			t.Errorf("%s request took %v (bound %v + %v), status %d: it waited for the database", o.kind, o.took, bound, outageMargin, o.status)
		}
		slowest = max(slowest, o.took)
		// Up before and after: 200; down before and after: 503; either
		// while the database goes away or comes back.
		up, down := o.phaseA == phaseUp && o.phaseB == phaseUp, o.phaseA == phaseDown && o.phaseB == phaseDown
		ok := http.StatusOK
		if o.kind == "write" {
			ok = http.StatusCreated
		}
		switch {
		case o.status == ok && !down:
			counts["ok"]++
		case o.status == http.StatusServiceUnavailable && !up:
			counts["unavailable"]++
			checkUnavailable(t, o)
		default:
			t.Errorf("%s request sent in phase %d, answered in phase %d: %d %s %.300s", o.kind, o.phaseA, o.phaseB, o.status, o.ctype, o.body)
		}
	}
	// Every write answered 201 is stored once; one refused while the
	// database was down is not stored; one caught by the cut or the
	// return (it may have committed before its answer was lost) at most once.
	stored := map[string]int{}
	var names []string
	if err := s.store.ScanForTest(&names, `SELECT full_name FROM people WHERE full_name LIKE 'Nguyễn Thị Tải %'`); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		stored[n]++
	}
	for _, o := range outcomes {
		if o.kind != "write" || o.err != nil {
			continue
		}
		n := stored[o.name]
		switch {
		case o.status == http.StatusCreated && n != 1,
			o.status == http.StatusServiceUnavailable && o.phaseA == phaseDown && o.phaseB == phaseDown && n != 0,
			n > 1:
			t.Errorf("write %q answered %d (phases %d → %d) is stored %d times", o.name, o.status, o.phaseA, o.phaseB, n)
		}
		counts["written"] += n
	}

	// No panic, no internal error: the outage is logged as such.
	for _, line := range strings.Split(log.String(), "\n") {
		if strings.Contains(line, `msg="internal error"`) || strings.Contains(strings.ToLower(line), "panic") {
			t.Errorf("server log: %s", line)
		}
	}
	if counts["unavailable"] < 5 || counts["ok"] < 5 {
		t.Fatalf("the load saw too little: %v", counts)
	}
	t.Logf("%d requests: %v; down noticed by /healthz in %v, back in %v; slowest answer %v",
		len(outcomes), counts, noticed.Round(time.Millisecond), recovered.Round(time.Millisecond), slowest.Round(time.Millisecond))
}

// checkUnavailable: pages get the error page and the API a JSON error,
// both saying in Vietnamese that the database is unreachable; /healthz
// says "unavailable".
func checkUnavailable(t *testing.T, o outcome) {
	t.Helper()
	switch o.kind {
	case "page":
		if !strings.HasPrefix(o.ctype, "text/html") || !strings.Contains(o.body, unavailableText) || strings.Count(o.body, "</html>") != 1 {
			t.Errorf("page during the outage: %s %.400s", o.ctype, o.body)
		}
	case "api":
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if err := json.Unmarshal([]byte(o.body), &e); err != nil || e.Error.Code != "unavailable" || !strings.Contains(e.Error.Message, unavailableText) {
			t.Errorf("API during the outage: %s %.400s", o.ctype, o.body)
		}
	case "health":
		if !strings.Contains(o.body, `"status":"unavailable"`) {
			t.Errorf("/healthz during the outage: %.400s", o.body)
		}
	}
}
