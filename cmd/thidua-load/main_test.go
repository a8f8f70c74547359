package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
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

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

// TestLoadAgainstTheApp runs the load generator briefly against the real
// app on the small national data set: every path must answer on both
// sides, with no failed request.
func TestLoadAgainstTheApp(t *testing.T) {
	ctx, h := context.Background(), auth.Hasher{Cost: bcrypt.MinCost}
	url := dbtest.NewURL(t)
	s, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := seed.National(ctx, s, h, seed.NationalPlan(1, seed.SmallScale, seed.FixtureSchedule)); err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(app.New(s, h, app.FixedClock(seed.FixtureClock)), web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)

	var out bytes.Buffer
	err = run(ctx, []string{"-app", ts.URL, "-database", url, "-duration", "200ms", "-concurrency", "2"}, &out)
	t.Log("\n" + out.String())
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"units", "filing", "ranking", "person", "save"} {
		if !strings.Contains(out.String(), "\n"+path+" ") {
			t.Errorf("no line for %s", path)
		}
	}
}

func TestRefusesAnAppOffLoopback(t *testing.T) {
	err := run(context.Background(), []string{"-app", "http://192.0.2.1:8080", "-database", "postgres://x"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("err = %v, want a refusal to leave loopback", err)
	}
}

func TestPlain(t *testing.T) {
	for in, want := range map[string]string{"Thanh Hóa": "thanh hoa", "Đắk Lắk": "dak lak", "Hồ Chí Minh": "ho chi minh"} {
		if got := plain(in); got != want {
			t.Errorf("plain(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSaveBodyIsWhatMarshalWrites: the save's body written from the
// entries encoded once is the one json.Marshal writes of the whole set.
func TestSaveBodyIsWhatMarshalWrites(t *testing.T) {
	others := []map[string]any{
		{"criterion_id": 7.0, "score": nil, "numerator": 3.0, "denominator": 4.0, "not_arisen": false, "explanation": "a <b> & \"c\"", "evidence": "Tờ trình"},
		{"criterion_id": 9.0, "score": 2.5, "numerator": nil, "denominator": nil, "not_arisen": true, "explanation": "", "evidence": ""},
	}
	var enc []byte
	for _, e := range others {
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		enc = append(append(enc, b...), ',')
	}
	all := append(slices.Clone(others), map[string]any{"criterion_id": int64(12), "numerator": 93.0, "denominator": 100.0,
		"evidence": "Biểu thống kê (tải thử)"})
	want, err := json.Marshal(map[string]any{"entries": all, "version": 5})
	if err != nil {
		t.Fatal(err)
	}
	if got := saveBody(enc, 12, 93, 5); !bytes.Equal(got, want) {
		t.Fatalf("body\n%s\nwant\n%s", got, want)
	}
}

// A side's turns add up: all their requests over all their time.
func TestTurnsAddUp(t *testing.T) {
	var r result
	r.add(result{lat: []time.Duration{3, 1}, elapsed: time.Second, errors: 1, firstErr: "first"})
	r.add(result{lat: []time.Duration{2}, elapsed: time.Second, errors: 2, firstErr: "second"})
	if r.rate() != 1.5 || r.errors != 3 || r.firstErr != "first" || len(r.lat) != 3 {
		t.Fatalf("turns added up to %+v, rate %v; want 3 requests in 2 s, 3 errors, the first one's message", r, r.rate())
	}
}
