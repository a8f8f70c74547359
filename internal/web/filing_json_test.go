package web

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/cluster"
	"thidua/internal/org"
	"thidua/internal/scoring"
	"thidua/internal/store"
)

// TestFilingJSON: the filing view's own writer sends encoding/json's
// bytes, as c.JSON does, for views with every kind of value: nil and
// empty maps and slices, keys whose text order is not their order,
// strings encoding/json escapes, floats in both its formats, times in
// other zones.
func TestFilingJSON(t *testing.T) {
	odd := []string{"", "Viện kiểm sát nhân dân tỉnh Điện Biên", `a "quoted" \ back`, "<b>&amp;</b>", "tab\tnew\nline\r\x00\x1f\b\f",
		"bad \xff utf8 \xe2\x28\xa1", "line\u2028sep\u2029", "emoji 😀 ổ", "\x7f del"}
	full := sampleFilingView(7, odd)
	empty := app.FilingView{} // nil maps, slices and pointers
	views := map[string]app.FilingView{"full": full, "empty": empty}
	for name, v := range views {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendFilingView(nil, v)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, want) {
			n := 0
			for n < len(got) && n < len(want) && got[n] == want[n] {
				n++
			}
			t.Errorf("%s: differs at byte %d:\n got …%s\nwant …%s", name, n, got[max(0, n-80):min(len(got), n+80)], want[max(0, n-80):min(len(want), n+80)])
		}
	}

	// Through Echo: the same answer as c.JSON, headers and final newline
	// included; what the writer refuses (NaN, a year past 9999) and
	// ?pretty go to c.JSON itself.
	nan := full
	nan.Self.Raw = math.NaN()
	far := full
	far.Deadline = new(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
	e := echo.New()
	for name, v := range map[string]app.FilingView{"full": full, "empty": empty, "nan": nan, "far": far} {
		for _, target := range []string{"/x", "/x?pretty"} {
			answer := func(send func(echo.Context) error) (*httptest.ResponseRecorder, error) {
				rec := httptest.NewRecorder()
				err := send(e.NewContext(httptest.NewRequest(http.MethodGet, target, nil), rec))
				return rec, err
			}
			want, wantErr := answer(func(c echo.Context) error { return c.JSON(http.StatusCreated, v) })
			got, gotErr := answer(func(c echo.Context) error { return filingJSON(c, http.StatusCreated, v) })
			if (wantErr == nil) != (gotErr == nil) || got.Code != want.Code || !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) ||
				got.Header().Get("Content-Type") != want.Header().Get("Content-Type") {
				t.Errorf("%s %s: got %d %v %q (%d bytes), want %d %v %q (%d bytes)", name, target, got.Code, gotErr, got.Header().Get("Content-Type"),
					got.Body.Len(), want.Code, wantErr, want.Header().Get("Content-Type"), want.Body.Len())
			}
		}
	}
}

// BenchmarkFilingJSON: the writer against encoding/json on a view of 32
// criteria, as the save path's answer.
func BenchmarkFilingJSON(b *testing.B) {
	v := sampleFilingView(32, []string{"", "Viện kiểm sát nhân dân tỉnh Điện Biên", "Tỷ lệ giải quyết tin báo, tố giác về tội phạm",
		"Số vụ án được giải quyết", "Biểu thống kê số 3", "1.2", "VKS-DIENBIEN"})
	b.Run("encoding/json", func(b *testing.B) {
		b.ReportAllocs()
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			if err := json.NewEncoder(&buf).Encode(v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("writer", func(b *testing.B) {
		b.ReportAllocs()
		var out []byte
		for b.Loop() {
			var err error
			if out, err = appendFilingView(out[:0], v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// sampleFilingView is a view of n criteria with every kind of value.
func sampleFilingView(n int, odd []string) app.FilingView {
	f := func(v float64) *float64 { return &v }
	i := func(v int64) *int64 { return &v }
	hanoi := time.FixedZone("ICT", 7*3600)
	at := time.Date(2026, 3, 4, 5, 6, 7, 123456789, hanoi)
	floats := []float64{0, math.Copysign(0, -1), 1, -2.5, 0.1, 1e-7, 1.5e-7, 1e20, 1e21, 123456789.125, 1e-6, 99.99, -1e-9, 5e300}

	full := app.FilingView{
		Unit: org.Unit{ID: 5, Code: odd[2%len(odd)], Name: odd[1%len(odd)], Type: "provincial", ParentID: i(1), ValidFrom: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC),
			ValidTo: &at, Note: odd[3%len(odd)], Version: 3},
		Info: scoring.TableInfo{ID: 7, Year: 2026, Name: odd[4%len(odd)], Kind: "main", Level: "national", ClusterID: i(9), VersionNo: 2, PreviousID: i(6),
			ChangeReason: odd[5%len(odd)], Superseded: true, Version: 4, Frozen: true, CreatedAt: at},
		Table: scoring.Table{ID: 7, Year: 2026, Name: odd[6%len(odd)]},
		Filing: scoring.Filing{ID: 11, TableID: 7, UnitID: 5, Year: 2026, Status: scoring.Returned, SubmittedAt: &at, ReturnedAt: &at,
			ReturnReason: odd[7%len(odd)], ReviewedAt: nil, Self: map[int64]scoring.Entry{}, Review: map[int64]scoring.Review{}, Version: 9},
		Adjustments: map[int64]scoring.Adjustment{},
		Cluster: &cluster.Cluster{ID: 9, Year: 2026, Level: "national", Number: 3, Name: odd[8%len(odd)], OwnerUnitID: nil, HeadUnitID: i(4),
			DeputyUnitID: i(5), SuggestedHeadID: i(6), SuggestedDeputyID: nil, NominatedDeputyID: i(7), DesignationRef: odd[3%len(odd)],
			FollowerUserID: i(8), Note: odd[4%len(odd)], Members: []int64{4, 5, 10, 100}, Version: 2},
		Deadline:  &at,
		Extension: &store.DeadlineExtension{ID: 1, Year: 2026, UnitID: 5, UnitName: odd[1%len(odd)], Kind: "self_assessment", Until: at, Reason: odd[5%len(odd)], CreatedBy: i(3), FullName: odd[6%len(odd)], CreatedAt: at.UTC()},
		CanEdit:   true, CanReview: false, Closed: true,
	}
	ids := []int64{2, 10, 100, 9, 1000, 11, 3}
	for len(ids) < n {
		ids = append(ids, int64(len(ids)*7+20))
	}
	for k, id := range ids[:n] {
		fl := floats[k%len(floats)]
		full.Table.Criteria = append(full.Table.Criteria, scoring.Criterion{ID: id, ParentID: id / 10, Code: odd[k%len(odd)], Name: odd[(k+1)%len(odd)],
			Method: "indicator", Max: fl, Numerator: odd[(k+2)%len(odd)], Denominator: odd[(k+3)%len(odd)], Direction: "higher",
			TargetNA: f(floats[(k+1)%len(floats)]), TargetSector: nil, ExceedBonus: floats[(k+2)%len(floats)], Below: "zero", Order: k})
		full.Filing.Self[id] = scoring.Entry{CriterionID: id, Score: f(fl), Numerator: nil, Denominator: f(100), NotArisen: k%2 == 0,
			Explanation: odd[(k+4)%len(odd)], Evidence: odd[(k+5)%len(odd)]}
		full.Filing.Review[id] = scoring.Review{Score: nil, Numerator: f(fl), Denominator: f(3), NotArisen: k%3 == 0, Comment: odd[(k+6)%len(odd)]}
		full.Adjustments[id] = scoring.Adjustment{CriterionID: id, Share: floats[(k+3)%len(floats)], Reason: odd[(k+7)%len(odd)]}
		line := scoring.Line{CriterionID: id, Max: fl, Points: floats[(k+4)%len(floats)], Value: f(floats[(k+5)%len(floats)]),
			Outcome: scoring.Met, OutcomeNA: scoring.Missed, OutcomeSec: scoring.Exceeded, Excluded: k%2 == 1}
		full.Self.Lines = append(full.Self.Lines, line)
	}
	full.Self.Raw, full.Self.Applicable, full.Self.Full, full.Self.Scaled = 1.5, 1e-7, 100, 33.333333333333336
	full.Self.Bonus, full.Self.Deduction, full.Self.Total = 0, 2, 1e22
	full.Self.Achievement = scoring.Achievement{Arisen: 1, Met: 2, Exceedable: 3, Exceeded: 4}
	full.Reviewed.Lines = []scoring.Line{}

	return full
}
