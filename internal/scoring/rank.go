package scoring

import (
	"math"
	"sort"

	"thidua/internal/limits"
)

// Standing is one unit's line in a cluster's ranking.
//
// Only reviewed numbers are results: Total, Achievement and Deduction are
// the reviewed ones and stay zero until the filing is reviewed, and only a
// reviewed unit gets a Rank. SelfTotal is the unit's own score (tự chấm),
// shown beside the results and always labelled as such.
type Standing struct {
	UnitID      int64   `json:"unit_id"`
	UnitCode    string  `json:"unit_code"`
	SelfTotal   float64 `json:"self_total"` // the unit's self-assessment: not a result
	Total       float64 `json:"total"`      // the reviewed total; 0 while not reviewed
	Reviewed    bool    `json:"reviewed"`
	Deduction   float64 `json:"deduction"`
	Achievement `json:"achievement"`
	Rank        int `json:"rank"` // 1, 2, …; 0: not ranked, the filing is not reviewed
}

// Ranked reports whether the unit has a rank (its filing is reviewed).
func (s Standing) Ranked() bool { return s.Rank > 0 }

// Rank orders a cluster's units and numbers the reviewed ones 1, 2, 3 …
// A self-score is not a result: units whose filing is not reviewed get no
// rank (Rank 0) and are listed after the ranked ones, by unit code. The
// order of the reviewed units is deterministic, and documented in
// docs/scoring.md:
//  1. higher reviewed total;
//  2. higher share of arisen indicators met;
//  3. higher share of exceedable indicators exceeded;
//  4. fewer deduction points;
//  5. unit code, alphabetically — so two runs never disagree.
//
// Units tied on 1–4 get the same rank (1, 2, 2, 4); 5 only fixes the order
// they are listed in.
func Rank(units []Standing) []Standing {
	out := make([]Standing, 0, len(units))
	var unranked []Standing
	for _, s := range units {
		if s.Reviewed {
			out = append(out, s)
		} else {
			s.Rank = 0
			unranked = append(unranked, s)
		}
	}
	key := func(s Standing) [4]float64 {
		return [4]float64{s.Total, ratio(s.Met, s.Arisen), ratio(s.Exceeded, s.Exceedable), -s.Deduction}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := key(out[i]), key(out[j])
		for k := range a {
			if a[k] != b[k] {
				return a[k] > b[k]
			}
		}
		return out[i].UnitCode < out[j].UnitCode
	})
	for i := range out {
		if i > 0 && key(out[i]) == key(out[i-1]) {
			out[i].Rank = out[i-1].Rank
		} else {
			out[i].Rank = i + 1
		}
	}
	sort.SliceStable(unranked, func(i, j int) bool { return unranked[i].UnitCode < unranked[j].UnitCode })
	return append(out, unranked...)
}

// ChartScale is the top of the score axis shared by all of a year's
// charts, so that two clusters' bars compare at a glance: the highest
// score shown (reviewed or self), rounded up to a multiple of 10, and at
// least 100 (a table's full marks before bonus points).
func ChartScale(all []Standing) float64 {
	top := 100.0
	for _, s := range all {
		top = max(top, s.SelfTotal, s.Total)
	}
	return math.Ceil(top/10) * 10
}

// ratio is n/d exactly enough to compare (0 when nothing arose).
func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// FormatNumber writes a number the Vietnamese way: comma for decimals, dot
// for thousands, no trailing zeros: 98.5 → "98,5"; 1234.25 → "1.234,25".
func FormatNumber(v float64) string { return limits.FormatNumber(v) }
