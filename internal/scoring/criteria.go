// Package scoring holds the rules that turn a unit's figures into points:
// criteria tables, indicator targets, "không phát sinh" rescaling, totals,
// achievement rates and rankings. Plain data in, numbers out, no storage.
package scoring

import (
	"fmt"
	"math"
	"strings"
	"time"

	"thidua/internal/errs"
	"thidua/internal/limits"
)

// Method is how a criterion is scored.
type Method string

const (
	Group     Method = "group"     // a heading (I, II …): its points are its children's
	Fixed     Method = "fixed"     // the scorer gives 0..max
	Indicator Method = "indicator" // points follow from the unit's figures against targets
	Bonus     Method = "bonus"     // điểm thưởng, added after rescaling, up to a cap
	Deduction Method = "deduction" // điểm trừ, subtracted after rescaling, up to a cap (0: none)
)

// Label is the Vietnamese name of the method.
func (m Method) Label() string {
	switch m {
	case Group:
		return "Nhóm tiêu chí"
	case Fixed:
		return "Chấm trực tiếp"
	case Indicator:
		return "Chỉ tiêu"
	case Bonus:
		return "Điểm thưởng"
	case Deduction:
		return "Điểm trừ"
	}
	return string(m)
}

// Direction says which way an indicator is better.
type Direction string

const (
	Higher Direction = "higher" // a rate that should reach the target (giải quyết đúng hạn ≥ 90 %)
	Lower  Direction = "lower"  // a rate that should stay under the target (tỷ lệ án bị hủy ≤ 1 %)
	Zero   Direction = "zero"   // a count whose target is 0 (bị can Tòa tuyên không phạm tội)
)

// BelowRule is what an indicator earns when it misses its target.
type BelowRule string

const (
	Proportional BelowRule = "proportional" // max × achieved share of the target
	Nothing      BelowRule = "zero"         // no points
)

// Criterion is one row of a criteria table (bảng tiêu chí chấm điểm).
type Criterion struct {
	ID       int64   `json:"id"`
	ParentID int64   `json:"parent_id"` // 0 for a top-level group
	Code     string  `json:"code"`      // "I", "1", "1.1" … as printed
	Name     string  `json:"name"`
	Method   Method  `json:"method"`
	Max      float64 `json:"max"` // points for full achievement; for bonus/deduction, the cap (0: no cap)
	// Indicators only.
	Numerator    string    `json:"numerator"`   // what is counted (tử số)
	Denominator  string    `json:"denominator"` // out of what (mẫu số); empty for a plain count
	Direction    Direction `json:"direction"`
	TargetNA     *float64  `json:"target_na"`     // the National Assembly's target, % (or count)
	TargetSector *float64  `json:"target_sector"` // the sector's own target
	ExceedBonus  float64   `json:"exceed_bonus"`  // points added to Max when the target is exceeded
	Below        BelowRule `json:"below"`
	Order        int       `json:"order"`
}

// IsRate reports whether the indicator is a rate (numerator over denominator).
func (c Criterion) IsRate() bool {
	return c.Method == Indicator && c.Direction != Zero && c.Denominator != ""
}

// Scored reports whether the criterion carries points of its own.
func (c Criterion) Scored() bool { return c.Method == Fixed || c.Method == Indicator }

// Target returns the target the indicator's points are judged against: the
// stricter of the two sources (the higher one for Higher, the lower one for
// Lower), so meeting it means meeting both. nil when neither is set.
func (c Criterion) Target() *float64 {
	a, b := c.TargetNA, c.TargetSector
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case c.Direction == Lower:
		if *b < *a {
			return b
		}
		return a
	default:
		if *b > *a {
			return b
		}
		return a
	}
}

// TableInfo is a criteria table's header: what it applies to and its state.
type TableInfo struct {
	ID           int64     `json:"id"`
	Year         int       `json:"year"`
	Name         string    `json:"name"`
	Kind         string    `json:"kind"`      // main, campaign
	Level        string    `json:"level"`     // national, bloc
	UnitType     string    `json:"unit_type"` // '' for any
	ClusterID    *int64    `json:"cluster_id"`
	VersionNo    int       `json:"version_no"`
	PreviousID   *int64    `json:"previous_id"`
	ChangeReason string    `json:"change_reason"`
	Superseded   bool      `json:"superseded"`
	Version      int       `json:"version"`
	Frozen       bool      `json:"frozen"` // a unit has started filing against it
	CreatedAt    time.Time `json:"created_at"`
}

// Table is a criteria table: its rows in display order.
type Table struct {
	ID       int64       `json:"id"`
	Year     int         `json:"year"`
	Name     string      `json:"name"`
	Criteria []Criterion `json:"criteria"`
}

// MaxTotal is the table's full score: the sum of the maxima of its scored
// criteria (bonus and deduction are outside it).
func (t Table) MaxTotal() float64 {
	var s float64
	for _, c := range t.Criteria {
		if c.Scored() {
			s += c.Max
		}
	}
	return s
}

// Children returns the rows under a parent, in order.
func (t Table) Children(parent int64) []Criterion {
	var out []Criterion
	for _, c := range t.Criteria {
		if c.ParentID == parent {
			out = append(out, c)
		}
	}
	return out
}

// ValidateTable checks a table: unique codes, known methods, scored rows
// with a positive maximum, indicators with a direction and what they count,
// targets not negative, parents that exist and are groups.
//
// The error's Fields hold the first message of each row ("criteria.3"),
// for the form; its Problems every problem by its field key
// ("criteria.3.max", the Criterion's JSON names), for the workbook.
func ValidateTable(t Table) error {
	f := errs.Fields{}
	var ps []errs.Problem
	if strings.TrimSpace(t.Name) == "" {
		f.Add("name", "Vui lòng nhập tên bảng tiêu chí.")
		ps = append(ps, errs.Problem{Field: "name", Code: errs.Missing, Message: "vui lòng nhập tên bảng tiêu chí"})
	}
	add := func(i int, field string, code errs.ProblemCode, msg string) {
		where := fmt.Sprintf("Dòng %d", i+1)
		if c := t.Criteria[i].Code; strings.TrimSpace(c) != "" {
			where += " (" + c + ")"
		}
		f.Add(fmt.Sprintf("criteria.%d", i+1), where+": "+msg+".")
		ps = append(ps, errs.Problem{Field: fmt.Sprintf("criteria.%d.%s", i+1, field), Code: code, Message: msg})
	}
	ranged := func(i int, field, label string, v *float64, hi float64) {
		r := errs.Fields{}
		limits.NumberPtr(r, field, label, v, 0, hi)
		if msg := r[field]; msg != "" {
			add(i, field, errs.OutOfRange, strings.TrimSuffix(msg, "."))
		}
	}
	codes := map[string]bool{}
	groups := map[int64]bool{}
	for _, c := range t.Criteria {
		if c.Method == Group {
			groups[c.ID] = true
		}
	}
	for i, c := range t.Criteria {
		ranged(i, "max", "điểm tối đa", &c.Max, limits.MaxPoints)
		ranged(i, "exceed_bonus", "điểm cộng khi vượt chỉ tiêu", &c.ExceedBonus, limits.MaxPoints)
		ranged(i, "target_na", "chỉ tiêu của Quốc hội", c.TargetNA, limits.MaxTarget)
		ranged(i, "target_sector", "chỉ tiêu của Ngành", c.TargetSector, limits.MaxTarget)
		switch {
		case strings.TrimSpace(c.Code) == "":
			add(i, "code", errs.Missing, "thiếu mã tiêu chí")
		case codes[c.Code]:
			add(i, "code", errs.Duplicate, "mã tiêu chí bị trùng")
		case strings.TrimSpace(c.Name) == "":
			add(i, "name", errs.Missing, "thiếu tên tiêu chí")
		case c.ParentID != 0 && !groups[c.ParentID]:
			add(i, "parent_id", errs.BadRef, "tiêu chí cấp trên không phải là nhóm tiêu chí")
		case c.Scored() && c.Max <= 0:
			add(i, "max", errs.OutOfRange, "điểm tối đa phải lớn hơn 0")
		case c.Max < 0:
			add(i, "max", errs.OutOfRange, "điểm không được âm")
		case c.ExceedBonus < 0:
			add(i, "exceed_bonus", errs.OutOfRange, "điểm không được âm")
		case c.Method == Indicator && c.Direction != Higher && c.Direction != Lower && c.Direction != Zero:
			add(i, "direction", errs.NotAllowed, "chỉ tiêu phải có chiều đánh giá (càng cao càng tốt, càng thấp càng tốt, hoặc bằng 0)")
		case c.Method == Indicator && strings.TrimSpace(c.Numerator) == "":
			add(i, "numerator", errs.Missing, "chỉ tiêu phải nêu tử số (nội dung được đếm)")
		case c.Method == Indicator && c.Direction != Zero && c.Target() == nil:
			add(i, "target_na", errs.Missing, "chỉ tiêu phải có chỉ tiêu của Quốc hội hoặc của Ngành")
		case c.TargetNA != nil && *c.TargetNA < 0:
			add(i, "target_na", errs.OutOfRange, "chỉ tiêu không được âm")
		case c.TargetSector != nil && *c.TargetSector < 0:
			add(i, "target_sector", errs.OutOfRange, "chỉ tiêu không được âm")
		}
		switch c.Method {
		case Group, Fixed, Indicator, Bonus, Deduction:
		default:
			add(i, "method", errs.NotAllowed, "cách chấm không hợp lệ")
		}
		codes[c.Code] = true
	}
	for i, c := range t.Criteria {
		if c.Method != Group || c.Max == 0 {
			continue
		}
		var sum float64
		for _, ch := range t.Children(c.ID) {
			if ch.Scored() || ch.Method == Group {
				sum += ch.Max
			}
		}
		if math.Abs(sum-c.Max) > 1e-9 {
			add(i, "max", errs.Mismatch, fmt.Sprintf("điểm tối đa của nhóm (%s) khác tổng điểm các tiêu chí trong nhóm (%s)",
				FormatNumber(c.Max), FormatNumber(sum)))
		}
	}
	return f.ErrWith(ps)
}

// Positional returns a copy whose rows name their parent by position
// (1-based) instead of id: the form in which new rows are saved, since
// they have no ids yet. Ids are cleared.
func (t Table) Positional() Table {
	pos := map[int64]int64{}
	for i, c := range t.Criteria {
		pos[c.ID] = int64(i + 1)
	}
	out := t
	out.ID = 0
	out.Criteria = make([]Criterion, len(t.Criteria))
	for i, c := range t.Criteria {
		c.ParentID = pos[c.ParentID]
		c.ID = 0
		out.Criteria[i] = c
	}
	return out
}
