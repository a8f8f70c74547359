// Package cluster holds the rules of emulation years, clusters (cụm) and
// blocs (khối), the yearly designation of head and deputy, and the
// emulation pledge (giao ước thi đua). Plain types and pure functions.
package cluster

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"thidua/internal/errs"
	"thidua/internal/limits"
)

// Year is an emulation year (năm thi đua) with the board's deadlines.
type Year struct {
	Year                   int        `json:"year"`
	Title                  string     `json:"title"`
	StartsOn               time.Time  `json:"starts_on"`
	EndsOn                 time.Time  `json:"ends_on"`
	PledgeDeadline         *time.Time `json:"pledge_deadline"`
	RegistrationDeadline   *time.Time `json:"registration_deadline"`
	SelfAssessmentDeadline *time.Time `json:"self_assessment_deadline"`
	ReviewDeadline         *time.Time `json:"review_deadline"`
	ProposalDeadline       *time.Time `json:"proposal_deadline"`
	Version                int        `json:"version"`
}

// ValidateYear checks a year's dates. Deadlines may fall after the year
// ends (year-end review runs into the next January) but not before it starts.
func ValidateYear(y Year) error {
	f := errs.Fields{}
	if y.Year < 2000 || y.Year > 2100 {
		f.Add("year", "Năm thi đua phải từ 2000 đến 2100.")
	}
	if strings.TrimSpace(y.Title) == "" {
		f.Add("title", "Vui lòng nhập tên năm thi đua.")
	}
	limits.Date(f, "starts_on", "Ngày bắt đầu", y.StartsOn, limits.FirstDay)
	limits.Date(f, "ends_on", "Ngày kết thúc", y.EndsOn, limits.FirstDay)
	if y.StartsOn.IsZero() {
		f.Add("starts_on", "Vui lòng nhập ngày bắt đầu.")
	}
	if y.EndsOn.IsZero() {
		f.Add("ends_on", "Vui lòng nhập ngày kết thúc.")
	} else if !y.StartsOn.IsZero() && !y.EndsOn.After(y.StartsOn) {
		f.Add("ends_on", "Ngày kết thúc phải sau ngày bắt đầu.")
	}
	for _, d := range []struct {
		field string
		t     *time.Time
	}{{"pledge_deadline", y.PledgeDeadline}, {"registration_deadline", y.RegistrationDeadline},
		{"self_assessment_deadline", y.SelfAssessmentDeadline}, {"review_deadline", y.ReviewDeadline},
		{"proposal_deadline", y.ProposalDeadline}} {
		// The pledge may be signed at the previous year's year-end meeting, so
		// only order within the year is checked, not against StartsOn.
		limits.DatePtr(f, d.field, "Thời hạn", d.t, limits.FirstDay)
		if d.t != nil && d.t.Year() > y.Year+1 {
			f.Add(d.field, fmt.Sprintf("Thời hạn phải trong năm %d hoặc đầu năm %d.", y.Year, y.Year+1))
		}
	}
	if y.SelfAssessmentDeadline != nil && y.ReviewDeadline != nil && y.ReviewDeadline.Before(*y.SelfAssessmentDeadline) {
		f.Add("review_deadline", "Hạn thẩm định phải sau hạn nộp tự chấm điểm.")
	}
	if y.ReviewDeadline != nil && y.ProposalDeadline != nil && y.ProposalDeadline.Before(*y.ReviewDeadline) {
		f.Add("proposal_deadline", "Hạn đề nghị khen thưởng phải sau hạn thẩm định.")
	}
	return f.Err()
}

// Level says whether a cluster groups provinces nationally or is a bloc
// inside one province. Both work the same way.
type Level string

const (
	National Level = "national" // cụm thi đua of provincial procuracies, run by the sector board
	Bloc     Level = "bloc"     // khối inside a province, run by its council
)

// Label is the Vietnamese name of the level.
func (l Level) Label() string {
	if l == Bloc {
		return "Khối thi đua"
	}
	return "Cụm thi đua"
}

// Cluster is one cluster or bloc in one year. Members are unit ids in
// rotation order.
type Cluster struct {
	ID                int64   `json:"id"`
	Year              int     `json:"year"`
	Level             Level   `json:"level"`
	Number            int     `json:"number"`
	Name              string  `json:"name"`
	OwnerUnitID       *int64  `json:"owner_unit_id"` // the province whose council runs a bloc; nil for national clusters
	HeadUnitID        *int64  `json:"head_unit_id"`
	DeputyUnitID      *int64  `json:"deputy_unit_id"`
	SuggestedHeadID   *int64  `json:"suggested_head_unit_id"`
	SuggestedDeputyID *int64  `json:"suggested_deputy_unit_id"`
	NominatedDeputyID *int64  `json:"nominated_deputy_unit_id"` // members' nomination for next year's deputy
	DesignationRef    string  `json:"designation_ref"`          // the decision that designated head and deputy
	FollowerUserID    *int64  `json:"follower_user_id"`         // council member assigned to follow the cluster
	Note              string  `json:"note"`
	Members           []int64 `json:"members"`
	Version           int     `json:"version"`
}

// Title is how the cluster is named in documents: "Cụm thi đua số 6 (Bắc Trung Bộ)".
func (c Cluster) Title() string {
	t := fmt.Sprintf("%s số %d", c.Level.Label(), c.Number)
	if c.Name != "" {
		t += " (" + c.Name + ")"
	}
	return t
}

// IsMember reports whether unit is a member of c.
func (c Cluster) IsMember(unit int64) bool { return slices.Contains(c.Members, unit) }

// ValidateCluster checks a cluster's own fields. taken maps units already
// in another cluster of the same year to that cluster's title.
func ValidateCluster(c Cluster, taken map[int64]string, unitName func(int64) string) error {
	f := errs.Fields{}
	if c.Number < 1 || c.Number > 999 {
		f.Add("number", "Số thứ tự cụm phải từ 1 đến 999.")
	}
	if utf8.RuneCountInString(c.Name) > 200 {
		f.Add("name", "Tên cụm tối đa 200 ký tự.")
	}
	if c.Level != National && c.Level != Bloc {
		f.Add("level", "Vui lòng chọn cụm thi đua toàn quốc hoặc khối thi đua trong tỉnh.")
	}
	if c.Level == Bloc && c.OwnerUnitID == nil {
		f.Add("owner_unit_id", "Khối thi đua phải thuộc một VKSND cấp tỉnh.")
	}
	if c.Level == National && c.OwnerUnitID != nil {
		f.Add("owner_unit_id", "Cụm thi đua toàn quốc không thuộc một tỉnh.")
	}
	if len(c.Members) < 2 {
		f.Add("members", "Cụm phải có ít nhất 2 đơn vị thành viên.")
	}
	seen := map[int64]bool{}
	for _, m := range c.Members {
		if seen[m] {
			f.Add("members", unitName(m)+" được chọn hai lần.")
		}
		seen[m] = true
		if other, ok := taken[m]; ok {
			f.Add("members", fmt.Sprintf("%s đã thuộc %s trong năm %d.", unitName(m), other, c.Year))
		}
	}
	return f.Err()
}

// Designation is the board's record of a year's head and deputy.
type Designation struct {
	HeadUnitID   int64
	DeputyUnitID int64
	Ref          string
}

// CheckDesignation applies the VKSTC guidance: head and deputy are two
// different members, and a unit that was not eligible for emulation review
// in the previous year (itself, or a unit it was formed from) cannot be
// designated. ineligible maps such units to the recorded reason.
func CheckDesignation(c Cluster, d Designation, ancestry func(int64) []int64, ineligible map[int64]string, unitName func(int64) string) error {
	f := errs.Fields{}
	check := func(field, role string, unit int64) {
		if unit == 0 {
			f.Add(field, "Vui lòng chọn đơn vị "+role+".")
			return
		}
		if !c.IsMember(unit) {
			f.Add(field, unitName(unit)+" không phải thành viên của "+c.Title()+".")
			return
		}
		for _, u := range append([]int64{unit}, ancestry(unit)...) {
			if reason, bad := ineligible[u]; bad {
				who := unitName(unit)
				if u != unit {
					who += " (tiền thân: " + unitName(u) + ")"
				}
				f.Add(field, fmt.Sprintf("%s không đủ điều kiện xét thi đua năm %d (%s) nên không thể làm %s năm %d.",
					who, c.Year-1, reason, role, c.Year))
				return
			}
		}
	}
	check("head_unit_id", "Cụm trưởng", d.HeadUnitID)
	check("deputy_unit_id", "Cụm phó", d.DeputyUnitID)
	if d.HeadUnitID != 0 && d.HeadUnitID == d.DeputyUnitID {
		f.Add("deputy_unit_id", "Cụm trưởng và Cụm phó phải là hai đơn vị khác nhau.")
	}
	return f.Err()
}

// Suggestion is the rotation's proposal for next year's head and deputy,
// with the reason shown to the board, which decides.
type Suggestion struct {
	HeadUnitID   int64
	DeputyUnitID int64
	Why          string
}

// SuggestRotation proposes next year's head and deputy for a cluster whose
// members (in rotation order) are given: the head passes to the member
// after this year's head, skipping units that may not be designated; the
// deputy is the members' nomination when there is an eligible one,
// otherwise the member after the new head.
func SuggestRotation(members []int64, head, nominated int64, blocked func(int64) bool) Suggestion {
	var s Suggestion
	n := len(members)
	if n == 0 {
		return s
	}
	start := slices.Index(members, head) // -1 when last year's head left the cluster: start at the first member
	for i := 1; i <= n; i++ {
		u := members[(start+i+n)%n]
		if !blocked(u) {
			s.HeadUnitID = u
			break
		}
	}
	if s.HeadUnitID == 0 {
		s.Why = "Không có đơn vị thành viên nào đủ điều kiện làm Cụm trưởng."
		return s
	}
	s.Why = "Luân phiên: Cụm trưởng chuyển sang đơn vị kế tiếp trong danh sách thành viên"
	if nominated != 0 && nominated != s.HeadUnitID && slices.Contains(members, nominated) && !blocked(nominated) {
		s.DeputyUnitID = nominated
		s.Why += "; Cụm phó theo đề cử của các thành viên."
		return s
	}
	hi := slices.Index(members, s.HeadUnitID)
	for i := 1; i < n; i++ {
		u := members[(hi+i)%n]
		if !blocked(u) {
			s.DeputyUnitID = u
			break
		}
	}
	s.Why += "; Cụm phó là đơn vị kế tiếp sau Cụm trưởng."
	return s
}

// CarryMembers maps last year's members onto the units that exist in the
// new year: a unit that ended is replaced by its successors (a merger
// folds several members into one), order kept, duplicates dropped.
func CarryMembers(members []int64, activeInYear func(int64) bool, successors func(int64) []int64) []int64 {
	var out []int64
	seen := map[int64]bool{}
	var visit func(u int64, depth int)
	visit = func(u int64, depth int) {
		if depth > 10 || seen[u] {
			return
		}
		if activeInYear(u) {
			seen[u] = true
			out = append(out, u)
			return
		}
		for _, s := range successors(u) {
			visit(s, depth+1)
		}
	}
	for _, m := range members {
		visit(m, 0)
	}
	return out
}

// Filter narrows a listing of a year's clusters: what a user asks for,
// and what the store queries, as one type.
type Filter struct {
	Year  int
	Level Level  // empty for both
	Owner *int64 // blocs of one province
}
