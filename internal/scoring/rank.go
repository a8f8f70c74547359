package scoring

import (
	"sort"

	"thidua/internal/limits"
)

// Standing is one unit's line in a cluster's ranking.
type Standing struct {
	UnitID      int64   `json:"unit_id"`
	UnitCode    string  `json:"unit_code"`
	SelfTotal   float64 `json:"self_total"`
	Total       float64 `json:"total"` // the reviewed total, or the self total while not reviewed
	Reviewed    bool    `json:"reviewed"`
	Deduction   float64 `json:"deduction"`
	Achievement `json:"achievement"`
	Rank        int `json:"rank"`
}

// Rank orders a cluster's units and numbers them 1, 2, 3 … The order is
// deterministic, and documented in docs/scoring.md:
//  1. higher total;
//  2. higher share of arisen indicators met;
//  3. higher share of exceedable indicators exceeded;
//  4. fewer deduction points;
//  5. unit code, alphabetically — so two runs never disagree.
//
// Units tied on 1–4 get the same rank (1, 2, 2, 4); 5 only fixes the order
// they are listed in.
func Rank(units []Standing) []Standing {
	out := append([]Standing(nil), units...)
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
	return out
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
