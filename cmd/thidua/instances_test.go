package main

// Two `thidua serve --migrate` processes started at once on a database
// that does not exist yet, as two app servers behind a proxy on their
// first deployment. The processes are this test binary re-run as the
// command (TestMain hands over to main), so they are built from
// cmd/thidua with nothing left out.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/dbtest"
	"thidua/internal/seed"
	"thidua/internal/store"
)

const runMainEnv = "THIDUA_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	clock = app.FixedClock(seed.FixtureClock)
	if os.Getenv(runMainEnv) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(dbtest.Main(m))
}

// process is one `thidua serve` started by the test.
type process struct {
	cmd            *exec.Cmd
	stdout, stderr syncBuffer
	url            string
	done           chan struct{} // closed when the process has exited, with its error in err
	err            error
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var servingURL = regexp.MustCompile(`msg=serving url=(http://\S+)`)

// startServe starts `thidua serve --migrate` on a free port; ready gets
// its URL once it serves.
func startServe(t *testing.T, dbURL string, ready chan<- *process) *process {
	t.Helper()
	p := &process{done: make(chan struct{})}
	p.cmd = exec.Command(os.Args[0], "serve", "--migrate")
	p.cmd.Env = append(os.Environ(), runMainEnv+"=1", "DATABASE_URL="+dbURL, "ADDR=127.0.0.1:0", "BCRYPT_COST=4", "LOG_FORMAT=text")
	p.cmd.Stdout = &p.stdout
	pr, pw := io.Pipe()
	p.cmd.Stderr = pw
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			line := sc.Text()
			p.stderr.Write([]byte(line + "\n"))
			if m := servingURL.FindStringSubmatch(line); m != nil && p.url == "" {
				p.url = m[1]
				ready <- p
			}
		}
	}()
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		pw.Close()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

func TestTwoProcessesStartedAtOnce(t *testing.T) {
	t.Parallel()
	dbURL := dbtest.Missing(t)
	ready := make(chan *process, 2)
	procs := []*process{startServe(t, dbURL, ready), startServe(t, dbURL, ready)}
	timeout := time.After(90 * time.Second)
	for range procs {
		select {
		case <-ready:
		case <-timeout:
			t.Fatalf("the servers did not start within 90 s:\n--- 1:\n%s\n--- 2:\n%s", procs[0].stderr.String(), procs[1].stderr.String())
		}
		for i, p := range procs {
			select {
			case <-p.done:
				t.Fatalf("server %d exited before serving (%v):\n%s%s", i+1, p.err, p.stdout.String(), p.stderr.String())
			default:
			}
		}
	}
	a, b := procs[0], procs[1]

	// Migrated exactly once: each version applied by one of the two, and
	// recorded once.
	ctx := context.Background()
	s, err := store.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mig, err := store.Migrator(s.SQL())
	if err != nil {
		t.Fatal(err)
	}
	want := len(mig.ListSources())
	var versions struct{ Rows, Distinct int }
	if err := s.ScanForTest(&versions, `SELECT count(*) AS rows, count(DISTINCT version_id) AS distinct FROM goose_db_version WHERE version_id > 0`); err != nil {
		t.Fatal(err)
	}
	applied := strings.Count(a.stdout.String(), "applied ") + strings.Count(b.stdout.String(), "applied ")
	if versions.Rows != want || versions.Distinct != want || applied != want {
		t.Fatalf("%d migrations: goose_db_version has %d rows (%d versions), the servers applied %d:\n%s\n%s",
			want, versions.Rows, versions.Distinct, applied, a.stdout.String(), b.stdout.String())
	}

	t.Logf("%d migrations: server 1 applied %d, server 2 applied %d", want, strings.Count(a.stdout.String(), "applied "), strings.Count(b.stdout.String(), "applied "))

	// The demo data, then one person's requests through both servers.
	h := auth.Hasher{Cost: bcrypt.MinCost}
	if err := seed.Demo(ctx, s, h, seed.FixtureClock); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(base, path string) (int, string) {
		t.Helper()
		res, err := hc.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body)
	}
	get(a.url, "/login")
	var csrf string
	for _, c := range jar.Cookies(mustURL(t, a.url)) {
		if c.Name == "thidua_csrf" {
			csrf = c.Value
		}
	}
	res, err := hc.PostForm(a.url+"/login", url.Values{"_csrf": {csrf}, "username": {"canbo.thanhhoa"}, "password": {seed.DemoPassword}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in on server 1: %d", res.StatusCode)
	}
	// Cookies belong to the host, not the port: server 2 gets the session.
	if st, body := get(b.url, "/"); st != http.StatusOK || !strings.Contains(body, `action="/logout"`) {
		t.Fatalf("server 2 with server 1's session: %d %.300s", st, body)
	}

	// A person added through server 1's API is read through server 2's.
	tok, err := app.New(s, h, app.FixedClock(seed.FixtureClock)).CreateToken(ctx, auth.System, "canbo.thanhhoa", "hai máy chủ", 0)
	if err != nil {
		t.Fatal(err)
	}
	th, err := s.UnitByCode(ctx, seed.ProvinceCode("Thanh Hóa"))
	if err != nil {
		t.Fatal(err)
	}
	api := func(base, method, path, body string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(method, base+"/api/v1"+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		res, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(res.Body).Decode(&out)
		return res.StatusCode, out
	}
	st, created := api(a.url, http.MethodPost, "/people", fmt.Sprintf(`{"full_name":"Trần Thị Hai Máy","unit_id":%d,"since":"2020-01-01"}`, th.ID))
	if st != http.StatusCreated && st != http.StatusOK {
		t.Fatalf("create on server 1: %d %v", st, created)
	}
	id, _ := created["id"].(float64)
	if st, got := api(b.url, http.MethodGet, fmt.Sprintf("/people/%d", int64(id)), ""); st != http.StatusOK || !strings.Contains(fmt.Sprint(got), "Trần Thị Hai Máy") {
		t.Fatalf("read on server 2: %d %v", st, got)
	}

	// Both stop gracefully on SIGTERM, with nothing logged as an error.
	for i, p := range procs {
		if st, _ := get(p.url, "/healthz"); st != http.StatusOK {
			t.Fatalf("server %d /healthz: %d", i+1, st)
		}
		if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
	}
	for i, p := range procs {
		select {
		case <-p.done:
			if p.err != nil {
				t.Errorf("server %d exited with %v:\n%s", i+1, p.err, p.stderr.String())
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("server %d still running 20 s after SIGTERM", i+1)
		}
		log := p.stderr.String()
		if !strings.Contains(log, "shutting down") || strings.Contains(log, "level=ERROR") {
			t.Errorf("server %d log:\n%s", i+1, log)
		}
	}
}

func mustURL(t *testing.T, raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
