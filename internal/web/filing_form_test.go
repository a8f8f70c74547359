package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"thidua/internal/auth"
	"thidua/internal/scoring"
	"thidua/internal/seed"
)

// The API's review applies the page's rule: rows that agree with the
// unit's figures and say nothing are no rulings, so only the row the
// board changed is recorded.
func TestReviewAPIDropsAgreeingRows(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa")) // submitted, not reviewed yet
	v, err := s.app.Filing(ctx, auth.System, 2026, th)
	if err != nil {
		t.Fatal(err)
	}
	var changed int64
	var rows []map[string]any
	for _, c := range v.Table.Criteria {
		e, ok := v.Filing.Self[c.ID]
		if c.Method == scoring.Group || !ok {
			continue
		}
		row := map[string]any{"criterion_id": c.ID, "score": e.Score, "numerator": e.Numerator, "denominator": e.Denominator, "not_arisen": e.NotArisen}
		if changed == 0 && c.Method == scoring.Fixed && e.Score != nil && *e.Score >= 1 {
			row["score"], changed = *e.Score-0.5, c.ID
		}
		rows = append(rows, row)
	}
	if changed == 0 || len(rows) < 5 {
		t.Fatalf("the demo filing has %d rows and no fixed score to change", len(rows))
	}
	st, out := s.api(t, s.token(t, "hoidong"), http.MethodPut, "/years/2026/filings/"+itoa(th)+"/review",
		map[string]any{"version": v.Filing.Version, "action": "save", "reviews": rows})
	if st != http.StatusOK {
		t.Fatalf("review: HTTP %d %v", st, out)
	}
	after, err := s.app.Filing(ctx, auth.System, 2026, th)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := after.Filing.Review[changed]; len(after.Filing.Review) != 1 || !ok {
		t.Fatalf("rulings recorded on %d rows, want only the changed criterion %d: %v", len(after.Filing.Review), changed, after.Filing.Review)
	}
}

// A number the filing or review form cannot read is named by its
// criterion's code beside its row, what was typed is shown again, and
// nothing is saved.
func TestFilingFormsNameUnreadableNumbers(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	na, th := s.unit(t, seed.ProvinceCode("Nghệ An")), s.unit(t, seed.ProvinceCode("Thanh Hóa"))
	for _, tc := range []struct {
		user, path, prefix string
		unit               int64
	}{
		{"canbo.nghean", "/years/2026/filings/" + itoa(na) + "?_method=PUT", "", na},
		{"hoidong", "/years/2026/filings/" + itoa(th) + "/review?_method=PUT", "r", th},
	} {
		v, err := s.app.Filing(ctx, auth.System, 2026, tc.unit)
		if err != nil {
			t.Fatal(err)
		}
		var rate, fixed scoring.Criterion
		for _, c := range v.Table.Criteria {
			if c.Method == scoring.Indicator && c.Denominator != "" && rate.ID == 0 {
				rate = c
			}
			if c.Method == scoring.Fixed && fixed.ID == 0 {
				fixed = c
			}
		}
		b := s.browser(t)
		b.login(tc.user)
		r := b.post(tc.path, url.Values{"version": {itoa(int64(v.Filing.Version))}, "action": {"save"},
			tc.prefix + "n_" + itoa(rate.ID): {"chín mươi"}, tc.prefix + "d_" + itoa(rate.ID): {"100"}, tc.prefix + "s_" + itoa(fixed.ID): {"3,5"}})
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("%s: HTTP %d", tc.path, r.status)
		}
		contains(t, r, "Tiêu chí "+rate.Code+": “chín mươi” không phải là số.", `table-danger"`, `value="chín mươi"`, `value="3,5"`)
		after, err := s.app.Filing(ctx, auth.System, 2026, tc.unit)
		if err != nil {
			t.Fatal(err)
		}
		if after.Filing.Version != v.Filing.Version {
			t.Fatalf("%s: the filing was saved (version %d → %d)", tc.path, v.Filing.Version, after.Filing.Version)
		}
	}
}
