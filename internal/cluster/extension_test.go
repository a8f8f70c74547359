package cluster

import (
	"testing"
	"time"

	"thidua/internal/errs"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestUnitDeadline(t *testing.T) {
	filing, review := day(2026, 12, 10), day(2026, 12, 20)
	y := Year{Year: 2026, SelfAssessmentDeadline: &filing, ReviewDeadline: &review}
	exts := []Extension{
		{ID: 3, Kind: DeadlineSelfAssessment, Until: day(2026, 12, 15), Reason: "lũ lụt"},
		{ID: 7, Kind: DeadlineSelfAssessment, Until: day(2026, 12, 12), Reason: "rút bớt"},
		{ID: 5, Kind: DeadlineReview, Until: day(2026, 12, 28), Reason: "x"},
	}
	if d := UnitDeadline(y, exts, DeadlineSelfAssessment); !d.Equal(day(2026, 12, 12)) {
		t.Errorf("the newest extension is in force, got %v", d)
	}
	if e := InForce(exts, DeadlineSelfAssessment); e == nil || e.ID != 7 {
		t.Errorf("InForce = %+v", e)
	}
	if d := UnitDeadline(y, nil, DeadlineSelfAssessment); !d.Equal(filing) {
		t.Errorf("no extension: the year's, got %v", d)
	}
	if d := UnitDeadline(y, exts, DeadlineProposal); d != nil {
		t.Errorf("no year deadline, no extension: nil, got %v", d)
	}
}

func TestValidateExtension(t *testing.T) {
	filing := day(2026, 12, 10)
	y := Year{Year: 2026, SelfAssessmentDeadline: &filing}
	for _, tc := range []struct {
		name  string
		e     Extension
		field string
	}{
		{"ok", Extension{Kind: DeadlineSelfAssessment, Until: day(2026, 12, 17), Reason: "Đơn vị bị ảnh hưởng bão số 10"}, ""},
		{"unknown kind", Extension{Kind: "x", Until: day(2026, 12, 17), Reason: "r"}, "kind"},
		{"year has no such deadline", Extension{Kind: DeadlineProposal, Until: day(2026, 12, 17), Reason: "r"}, "kind"},
		{"not after the year's", Extension{Kind: DeadlineSelfAssessment, Until: filing, Reason: "r"}, "until"},
		{"no date", Extension{Kind: DeadlineSelfAssessment, Reason: "r"}, "until"},
		{"no reason", Extension{Kind: DeadlineSelfAssessment, Until: day(2026, 12, 17), Reason: "  "}, "reason"},
	} {
		err := ValidateExtension(y, tc.e)
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		if e, ok := errs.As(err); !ok || e.Code != errs.Invalid || e.Fields[tc.field] == "" {
			t.Errorf("%s: want an error on %s, got %v", tc.name, tc.field, err)
		}
	}
}
