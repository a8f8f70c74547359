package scoring

import (
	"strings"
	"testing"
)

func ptr(v float64) *float64 { return &v }

var reviewTable = Table{Criteria: []Criterion{
	{ID: 1, Code: "I", Method: Group},
	{ID: 2, Code: "1", ParentID: 1, Method: Indicator, Max: 10, Numerator: "đúng hạn", Denominator: "tổng số", Direction: Higher},
	{ID: 3, Code: "2", ParentID: 1, Method: Fixed, Max: 5},
	{ID: 4, Code: "3", Method: Bonus, Max: 2},
}}

// A ruling is recorded where the reviewer departs from the unit's figures
// or says something; agreeing rows, groups and criteria of another table
// are no rulings.
func TestRulings(t *testing.T) {
	self := map[int64]Entry{
		2: {Numerator: ptr(9), Denominator: ptr(10)},
		3: {Score: ptr(4)},
		4: {Score: ptr(1), Explanation: "Sáng kiến được công nhận"},
	}
	got := Rulings(reviewTable, self, map[int64]Review{
		1:  {Score: ptr(1)},                                 // a group takes no score
		2:  {Numerator: ptr(9), Denominator: ptr(10)},       // agrees
		3:  {Score: ptr(3.5)},                               // departs
		4:  {Score: ptr(1), Comment: "  Đã xem biên bản  "}, // agrees, but says something
		99: {Score: ptr(1)},                                 // not in the table
	})
	if len(got) != 2 || *got[3].Score != 3.5 || got[4].Comment != "Đã xem biên bản" {
		t.Fatalf("rulings = %+v, want rows 3 and 4 (comment trimmed)", got)
	}
	if len(Rulings(reviewTable, self, map[int64]Review{2: {Numerator: ptr(9)}})) != 1 {
		t.Error("a figure taken away is a ruling")
	}
}

// A ruling is checked as an entry's figures are, without asking the
// reviewer to explain a bonus or a "không phát sinh".
func TestValidateReviews(t *testing.T) {
	if err := ValidateReviews(reviewTable, map[int64]Review{2: {NotArisen: true}, 4: {Score: ptr(2)}}); err != nil {
		t.Fatalf("no explanation asked of the reviewer: %v", err)
	}
	if err := ValidateEntries(reviewTable, map[int64]Entry{4: {Score: ptr(2)}}); err == nil {
		t.Fatal("the unit explains its bonus")
	}
	for _, tc := range []struct {
		r    Review
		id   int64
		want string
	}{
		{Review{Numerator: ptr(11), Denominator: ptr(10)}, 2, "không được lớn hơn mẫu số"},
		{Review{Numerator: ptr(11), Denominator: ptr(10), NotArisen: true}, 2, "không được lớn hơn mẫu số"},
		{Review{Score: ptr(6)}, 3, "điểm phải từ 0 đến 5"},
		{Review{Score: ptr(1)}, 2, "không nhập điểm"},
	} {
		err := ValidateReviews(reviewTable, map[int64]Review{tc.id: tc.r})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", tc.r, err, tc.want)
		}
	}
}
