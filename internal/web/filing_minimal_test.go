package web_test

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"testing"

	"thidua/internal/auth"
	"thidua/internal/scoring"
	"thidua/internal/seed"
)

// A client that asks for a minimal answer to a filing's save (RFC 7240)
// gets the filing's header and the results' totals, as the write left
// them; one that does not gets the whole view; a refused save is
// answered as before either way.
func TestFilingSaveAnswersMinimalWhenAsked(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	na := s.unit(t, seed.ProvinceCode("Nghệ An"))   // not started
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa")) // submitted, waiting for its review
	v, err := s.app.Filing(ctx, auth.System, 2026, na)
	if err != nil {
		t.Fatal(err)
	}
	var fixed int64
	for _, c := range v.Table.Criteria {
		if c.Method == scoring.Fixed && c.Max >= 2 {
			fixed = c.ID
			break
		}
	}
	if fixed == 0 {
		t.Fatal("the demo table has no fixed criterion worth 2 points")
	}
	save := func(score float64, version int) map[string]any {
		return map[string]any{"version": version, "entries": []any{map[string]any{"criterion_id": fixed, "score": score}}}
	}
	path := "/years/2026/filings/" + itoa(na)
	officer := s.token(t, "canbo.nghean")

	st, h, full := putPrefer(t, s, officer, path, save(1, v.Filing.Version), "")
	if st != http.StatusOK || h.Get("Preference-Applied") != "" || full["table"] == nil || full["filing"].(map[string]any)["self"] == nil {
		t.Fatalf("save without Prefer: HTTP %d, Preference-Applied %q, keys %v: want the whole view", st, h.Get("Preference-Applied"), keys(full))
	}
	version := int(full["filing"].(map[string]any)["version"].(float64))

	// Other preferences and parameters around it do not hide it.
	st, h, min := putPrefer(t, s, officer, path, save(2, version), `respond-async, return="minimal"; x=1`)
	if st != http.StatusOK || h.Get("Preference-Applied") != "return=minimal" {
		t.Fatalf("minimal save: HTTP %d, Preference-Applied %q: %v", st, h.Get("Preference-Applied"), min)
	}
	if want := []string{"can_edit", "can_review", "closed", "filing", "reviewed_result", "self_result"}; !slices.Equal(keys(min), want) {
		t.Fatalf("minimal answer's keys %v, want %v", keys(min), want)
	}
	f, self := min["filing"].(map[string]any), min["self_result"].(map[string]any)
	if f["self"] != nil || f["review"] != nil || self["lines"] != nil {
		t.Fatalf("minimal answer carries entries or lines: %v", min)
	}
	after, err := s.app.Filing(ctx, auth.System, 2026, na)
	if err != nil {
		t.Fatal(err)
	}
	if int(f["version"].(float64)) != version+1 || after.Filing.Version != version+1 || f["status"] != "draft" ||
		int64(f["id"].(float64)) != after.Filing.ID || self["total"].(float64) != after.Self.Total || min["can_edit"] != true {
		t.Fatalf("minimal answer %v; the filing as stored: version %d, total %v", min, after.Filing.Version, after.Self.Total)
	}
	if got := *after.Filing.Self[fixed].Score; got != 2 {
		t.Fatalf("score stored %v, want 2", got)
	}

	// A stale version is refused with its error, not a minimal answer.
	if st, h, out := putPrefer(t, s, officer, path, save(1, version), "return=minimal"); st != http.StatusConflict ||
		h.Get("Preference-Applied") != "" || out["error"] == nil {
		t.Fatalf("stale minimal save: HTTP %d, Preference-Applied %q: %v", st, h.Get("Preference-Applied"), out)
	}

	// The review's save answers the same way, with the reviewed totals.
	r, err := s.app.Filing(ctx, auth.System, 2026, th)
	if err != nil {
		t.Fatal(err)
	}
	st, h, min = putPrefer(t, s, s.token(t, "hoidong"), "/years/2026/filings/"+itoa(th)+"/review",
		map[string]any{"version": r.Filing.Version, "action": "save", "reviews": []any{map[string]any{"criterion_id": fixed, "score": 0, "comment": "Chưa có minh chứng"}}},
		"return=minimal")
	if st != http.StatusOK || h.Get("Preference-Applied") != "return=minimal" {
		t.Fatalf("minimal review: HTTP %d, Preference-Applied %q: %v", st, h.Get("Preference-Applied"), min)
	}
	r, err = s.app.Filing(ctx, auth.System, 2026, th)
	if err != nil {
		t.Fatal(err)
	}
	f = min["filing"].(map[string]any)
	if int(f["version"].(float64)) != r.Filing.Version || min["reviewed_result"].(map[string]any)["total"].(float64) != r.Reviewed.Total ||
		r.Reviewed.Total == r.Self.Total {
		t.Fatalf("minimal review answer %v; as stored: version %d, reviewed total %v (self %v)", min, r.Filing.Version, r.Reviewed.Total, r.Self.Total)
	}
}

// putPrefer PUTs body to the API with a Prefer header ("": none).
func putPrefer(t *testing.T, s *site, token, path string, body any, prefer string) (int, http.Header, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	h := http.Header{}
	if prefer != "" {
		h.Set("Prefer", prefer)
	}
	return s.apiWith(t, token, http.MethodPut, path, string(b), h)
}

func keys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }
