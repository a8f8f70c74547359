package scoring

import (
	"math"
)

// Entry is what a unit (or its reviewer) put against one criterion.
type Entry struct {
	CriterionID int64    `json:"criterion_id"`
	Score       *float64 `json:"score"`       // fixed, bonus and deduction rows
	Numerator   *float64 `json:"numerator"`   // indicator rows: the unit's actual figures
	Denominator *float64 `json:"denominator"` //
	NotArisen   bool     `json:"not_arisen"`  // không phát sinh: left out, the total is rescaled
	Explanation string   `json:"explanation"`
	Evidence    string   `json:"evidence"`
}

// Adjustment changes how one criterion applies to one unit: switched off,
// or applied to part of the year (the 2025 merger), with the reason.
type Adjustment struct {
	CriterionID int64   `json:"criterion_id"`
	Share       float64 `json:"share"` // 0 switches the criterion off; 0.5 applies it to half the year
	Reason      string  `json:"reason"`
}

// Outcome says how an indicator fared against its target.
type Outcome string

const (
	NotApplicable Outcome = ""         // not an indicator, or left out
	Missed        Outcome = "missed"   // chưa đạt
	Met           Outcome = "met"      // đạt
	Exceeded      Outcome = "exceeded" // vượt
)

// Line is the result for one criterion.
type Line struct {
	CriterionID int64    `json:"criterion_id"`
	Max         float64  `json:"max"` // what the criterion counts for this unit (after adjustment)
	Points      float64  `json:"points"`
	Value       *float64 `json:"value"` // an indicator's rate (%) or count
	Outcome     Outcome  `json:"outcome"`
	OutcomeNA   Outcome  `json:"outcome_na"`     // judged against the National Assembly's target alone
	OutcomeSec  Outcome  `json:"outcome_sector"` // judged against the sector's target alone
	Excluded    bool     `json:"excluded"`       // không phát sinh or switched off
}

// Result is a unit's score against a table.
type Result struct {
	Lines       []Line  `json:"lines"`
	Raw         float64 `json:"raw"`        // points of the scored criteria, before rescaling
	Applicable  float64 `json:"applicable"` // the maxima of the criteria that applied
	Full        float64 `json:"full"`       // the table's full score
	Scaled      float64 `json:"scaled"`     // Raw × Full / Applicable: neither punished nor rewarded for what did not arise
	Bonus       float64 `json:"bonus"`      // after caps
	Deduction   float64 `json:"deduction"`  // after caps, a positive number
	Total       float64 `json:"total"`      // Scaled + Bonus − Deduction, rounded to 2 decimals
	Achievement `json:"achievement"`
}

// Achievement counts the indicators that arose and how many met or
// exceeded their targets ("127/129 chỉ tiêu phát sinh đạt; 59/60 vượt").
type Achievement struct {
	Arisen     int `json:"arisen"`     // indicators that arose
	Met        int `json:"met"`        // of those, met or exceeded
	Exceedable int `json:"exceedable"` // arisen indicators that can be exceeded
	Exceeded   int `json:"exceeded"`
}

// Add accumulates another unit's counts (for a cluster's figures).
func (a *Achievement) Add(b Achievement) {
	a.Arisen += b.Arisen
	a.Met += b.Met
	a.Exceedable += b.Exceedable
	a.Exceeded += b.Exceeded
}

// MetRate is Met/Arisen as a percentage, rounded once (see Percent).
func (a Achievement) MetRate() float64 { return Percent(a.Met, a.Arisen) }

// ExceededRate is Exceeded/Exceedable as a percentage.
func (a Achievement) ExceededRate() float64 { return Percent(a.Exceeded, a.Exceedable) }

// Percent returns n/d as a percentage rounded once, half up, to one
// decimal, computed in integers so no intermediate rounding creeps in:
// 127/129 = 98,449…% → 98,4 (the seed's 98,5 came from rounding twice).
func Percent(n, d int) float64 {
	if d == 0 {
		return 0
	}
	tenths := (int64(n)*2000 + int64(d)) / (int64(d) * 2) // round(n/d × 1000) half up
	return float64(tenths) / 10
}

// Evaluate scores a unit's entries against a table.
func Evaluate(t Table, entries map[int64]Entry, adj map[int64]Adjustment) Result {
	r := Result{Lines: make([]Line, 0, len(t.Criteria))}
	r.Full = t.MaxTotal()
	for _, c := range t.Criteria {
		e := entries[c.ID]
		l := Line{CriterionID: c.ID, Max: c.Max}
		share := 1.0
		if a, ok := adj[c.ID]; ok {
			share = a.Share
		}
		switch c.Method {
		case Fixed:
			l.Max *= share
			if share == 0 || e.NotArisen {
				l.Excluded = true
				break
			}
			if e.Score != nil {
				l.Points = clamp(*e.Score, 0, c.Max) * share
			}
			r.Raw += l.Points
			r.Applicable += l.Max
		case Indicator:
			l.Max *= share
			if share != 0 && e.Numerator == nil && !e.NotArisen {
				r.Applicable += l.Max // not answered yet: 0 of its points, not "không phát sinh"
				break
			}
			value, arisen := indicatorValue(c, e)
			if share == 0 || !arisen {
				l.Excluded = true
				break
			}
			l.Value = &value
			l.Outcome = judge(c.Direction, value, c.Target())
			l.OutcomeNA, l.OutcomeSec = judge(c.Direction, value, c.TargetNA), judge(c.Direction, value, c.TargetSector)
			l.Points = indicatorPoints(c, value, l.Outcome) * share
			r.Raw += l.Points
			r.Applicable += l.Max
			r.Arisen++
			if l.Outcome == Met || l.Outcome == Exceeded {
				r.Met++
			}
			if exceedable(c) {
				r.Exceedable++
				if l.Outcome == Exceeded {
					r.Exceeded++
				}
			}
		case Bonus, Deduction:
			if share == 0 {
				l.Excluded = true
			}
			if e.Score != nil && !l.Excluded {
				l.Points = math.Max(0, *e.Score)
			}
		}
		r.Lines = append(r.Lines, l)
	}
	if r.Applicable > 0 {
		r.Scaled = r.Raw * r.Full / r.Applicable
	}
	r.Bonus, r.Deduction = capped(t, r.Lines, Bonus), capped(t, r.Lines, Deduction)
	r.Total = round2(r.Scaled + r.Bonus - r.Deduction)
	r.Scaled = round2(r.Scaled)
	return r
}

// capped sums the bonus (or deduction) rows, each row up to its own cap.
func capped(t Table, lines []Line, m Method) float64 {
	var s float64
	for i, c := range t.Criteria {
		if c.Method != m {
			continue
		}
		p := lines[i].Points
		if c.Max > 0 {
			p = math.Min(p, c.Max)
		}
		s += p
	}
	return s
}

// indicatorValue returns the indicator's value and whether it arose: a rate
// in percent (never capped: 186 % happens) or a count.
func indicatorValue(c Criterion, e Entry) (float64, bool) {
	if e.NotArisen || e.Numerator == nil {
		return 0, false
	}
	if !c.IsRate() {
		return *e.Numerator, true
	}
	if e.Denominator == nil || *e.Denominator == 0 {
		return 0, false // nothing to resolve this year: the indicator did not arise
	}
	return *e.Numerator / *e.Denominator * 100, true
}

// judge compares a value with a target in the indicator's direction.
func judge(d Direction, v float64, target *float64) Outcome {
	if d == Zero {
		if v == 0 {
			return Met
		}
		return Missed
	}
	if target == nil {
		return NotApplicable
	}
	t := *target
	const eps = 1e-9
	switch {
	case d == Lower && v < t-eps, d == Higher && v > t+eps:
		return Exceeded
	case d == Lower && v <= t+eps, d == Higher && v >= t-eps:
		return Met
	}
	return Missed
}

// exceedable reports whether an indicator can be exceeded: a count whose
// target is zero can only be met.
//
// A rate that must reach 100 % can only be met, since a numerator never
// exceeds its denominator.
func exceedable(c Criterion) bool {
	t := c.Target()
	return c.Direction != Zero && t != nil && !(c.IsRate() && c.Direction == Higher && *t >= 100)
}

func indicatorPoints(c Criterion, v float64, o Outcome) float64 {
	switch o {
	case Exceeded:
		return c.Max + c.ExceedBonus
	case Met:
		return c.Max
	}
	if c.Below != Proportional || c.Direction == Zero {
		return 0
	}
	t := *c.Target()
	switch {
	case c.Direction == Higher && t > 0:
		return c.Max * clamp(v/t, 0, 1)
	case c.Direction == Lower && v > 0:
		return c.Max * clamp(t/v, 0, 1)
	}
	return 0
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// Missing lists the criteria a filing has not answered yet (for submission).
func Missing(t Table, entries map[int64]Entry, adj map[int64]Adjustment) []Criterion {
	var out []Criterion
	for _, c := range t.Criteria {
		if a, ok := adj[c.ID]; ok && a.Share == 0 {
			continue // switched off for this unit
		}
		e := entries[c.ID]
		switch c.Method {
		case Fixed:
			if e.Score == nil && !e.NotArisen {
				out = append(out, c)
			}
		case Indicator:
			if e.Numerator == nil && !e.NotArisen {
				out = append(out, c)
			}
		}
	}
	return out
}
