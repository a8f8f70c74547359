package award

import (
	"time"

	"thidua/internal/errs"
	"thidua/internal/limits"
)

// Person is what the rules need to know about one civil servant or
// employee. The caller gathers it; the rules only read it.
type Person struct {
	ID          int64
	Name        string
	Ratings     map[int]Rating // yearly evaluation, by year
	Awards      []Held         // titles and commendations already decided
	Initiatives []Initiative   // initiatives and research recognised
	Disciplines []Discipline
	// OpenInvestigation: a discipline is being considered, or an
	// investigation, inspection or a complaint about the person is being
	// verified (đang xem xét kỷ luật, điều tra, thanh tra, kiểm tra, xác
	// minh đơn thư).
	OpenInvestigation bool
	RecruitedOn       time.Time // zero: recruited before any year considered
	// MonthsAbsent in the year considered, leaving out absences the rules
	// count as working time (khoản 2 Điều 15 TT 02/2024/TT-VKSTC: e.g.
	// maternity, treatment after an injury on duty) — the caller decides
	// which absences those are.
	MonthsAbsent int
}

// Held is one award decided for a person or a unit.
type Held struct {
	Year    int // the year of the achievement (năm lập thành tích)
	Title   Title
	Kind    Kind
	Revoked bool // the decision was cancelled (hủy bỏ); it counts for nothing
	// Predecessor is set when the award was earned by a unit merged into
	// this one and the caller carries it over (see Collective.Awards).
	Predecessor string
}

// Initiative is an initiative (sáng kiến) or a research project (đề tài,
// đề án khoa học) recognised at a level.
type Initiative struct {
	Year    int
	Level   Level
	Applied bool // accepted and applied in practice (đã nghiệm thu, áp dụng)
}

// Discipline is one disciplinary measure and the period it is in effect.
type Discipline struct {
	Measure Measure
	From    time.Time // the decision takes effect
	To      time.Time // the effect ends; zero: not yet known, still running
}

// Collective is what the rules need to know about one unit for one year.
type Collective struct {
	UnitID int64
	Name   string

	// Facts about the members in the year considered.
	Members          int  // everyone counted in the unit
	MembersCompleted int  // rated "hoàn thành nhiệm vụ" or better
	MembersLDTT      int  // holding Lao động tiên tiến
	MembersCSTDCS    int  // holding Chiến sĩ thi đua cơ sở
	MemberWarned     bool // some member disciplined at cảnh cáo or heavier

	// Facts about the unit in the year considered.
	Rating          Rating
	ExceededTargets bool // exceeded the year's approved targets and tasks
	Movement        bool // regular, practical, effective emulation movement
	Solidarity      bool // internal unity; follows the Party's and State's policies and law
	NewModel        bool // new factors or models others in the sector learn from
	Thrift          bool // leads in thrift, fighting waste, corruption and social evils
	LeadsCluster    bool // the leading unit of its emulation cluster or bloc

	// Awards already decided for the unit. For a unit formed by a merger
	// the caller adds the predecessors' awards, with Held.Predecessor set;
	// whether and how a predecessor's title counts is the board's decision
	// (domain.md §4), taken before the list is passed in.
	Awards            []Held
	Disciplines       []Discipline
	OpenInvestigation bool
}

// Vote is the result of a secret ballot: Electorate is everyone entitled
// to vote (the council's or the cluster's members), not only those
// present; shares are computed over it.
type Vote struct {
	Electorate int
	For        int
}

// Validate reports a vote that cannot be counted.
func (v Vote) Validate() error {
	f := errs.Fields{}
	limits.Int(f, "electorate", "Số người được bỏ phiếu", int64(v.Electorate), 0, limits.MaxPeople)
	limits.Int(f, "for", "Số phiếu đồng ý", int64(v.For), 0, limits.MaxPeople)
	if v.For > v.Electorate {
		f.Add("for", "Số phiếu đồng ý không được vượt quá số người được bỏ phiếu.")
	}
	return f.Err()
}

// Validate reports member counts that contradict each other.
func (c Collective) Validate() error {
	f := errs.Fields{}
	limits.Int(f, "members", "Số thành viên", int64(c.Members), 0, limits.MaxPeople)
	for _, x := range []struct {
		field string
		n     int
	}{{"members_completed", c.MembersCompleted}, {"members_ldtt", c.MembersLDTT}, {"members_cstdcs", c.MembersCSTDCS}} {
		if x.n < 0 || x.n > c.Members {
			f.Add(x.field, "Số người phải từ 0 đến tổng số thành viên.")
		}
	}
	if c.MembersCSTDCS > c.MembersLDTT {
		f.Add("members_cstdcs", "Số Chiến sĩ thi đua cơ sở không được vượt quá số Lao động tiên tiến.")
	}
	return f.Err()
}
