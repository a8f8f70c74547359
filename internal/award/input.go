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
	// Pending lists the matters pending on the day of consideration, by
	// kind; the caller keeps only those open that day. Any of them, like
	// OpenInvestigation, stops the award for now.
	Pending []Pending
	// RecruitedOn is the day of recruitment (ngày tuyển dụng). Zero: not
	// in the record, and every rule that needs it answers "chưa đủ thông
	// tin" — never "not recently recruited".
	RecruitedOn time.Time
	// JoinedSectorOn is the day the person joined the procuracy sector
	// (by transfer from another body), when later than RecruitedOn.
	JoinedSectorOn time.Time
	// MonthsAbsent in the year considered, leaving out absences the rules
	// count as working time (khoản 2 Điều 15 TT 02/2024/TT-VKSTC) — the
	// caller decides which absences those are. Used only when Absences is
	// empty; Absences, with their kinds, let the rules decide.
	MonthsAbsent int
	// Absences are the long absences on record, with their kind.
	Absences []Absence
	Female   bool
}

// AbsenceKind is why a person was away from work for a long time.
type AbsenceKind string

const (
	AbsenceMaternity AbsenceKind = "thai_san"    // nghỉ thai sản
	AbsenceSick      AbsenceKind = "om_dau"      // nghỉ ốm đau, điều trị
	AbsenceInjury    AbsenceKind = "tai_nan"     // điều trị tai nạn lao động, bệnh nghề nghiệp
	AbsenceStudy     AbsenceKind = "hoc_tap"     // đi học, bồi dưỡng tập trung
	AbsenceUnpaid    AbsenceKind = "khong_luong" // nghỉ không hưởng lương, việc riêng
	AbsenceOther     AbsenceKind = "khac"        // khác
)

// AbsenceKinds lists the kinds in display order.
var AbsenceKinds = []AbsenceKind{AbsenceMaternity, AbsenceSick, AbsenceInjury, AbsenceStudy, AbsenceUnpaid, AbsenceOther}

// Label is the kind's Vietnamese name.
func (k AbsenceKind) Label() string {
	switch k {
	case AbsenceMaternity:
		return "nghỉ thai sản"
	case AbsenceSick:
		return "nghỉ ốm đau, điều trị"
	case AbsenceInjury:
		return "điều trị tai nạn lao động, bệnh nghề nghiệp"
	case AbsenceStudy:
		return "đi học, bồi dưỡng tập trung"
	case AbsenceUnpaid:
		return "nghỉ không hưởng lương, việc riêng"
	case AbsenceOther:
		return "nghỉ khác"
	}
	return string(k)
}

// Absence is one long absence. To is the last day away; zero: still away.
type Absence struct {
	Kind AbsenceKind
	From time.Time
	To   time.Time
}

// PendingKind is a matter that stops an award while it is open (Điều 4
// khoản 4 NĐ 152/2025/NĐ-CP).
type PendingKind string

const (
	PendingDiscipline   PendingKind = "xem_xet_ky_luat" // đang xem xét thi hành kỷ luật
	PendingInvestigate  PendingKind = "dieu_tra"        // đang điều tra
	PendingInspection   PendingKind = "thanh_tra"       // đang thanh tra, kiểm tra
	PendingComplaint    PendingKind = "khieu_nai"       // có đơn thư khiếu nại đang xác minh
	PendingDenunciation PendingKind = "to_cao"          // có đơn thư tố cáo đang xác minh
	PendingPress        PendingKind = "bao_chi"         // tham nhũng, tiêu cực báo chí nêu đang xác minh
)

// PendingKinds lists the kinds in display order.
var PendingKinds = []PendingKind{PendingDiscipline, PendingInvestigate, PendingInspection, PendingComplaint, PendingDenunciation, PendingPress}

// Label is the kind's Vietnamese name.
func (k PendingKind) Label() string {
	switch k {
	case PendingDiscipline:
		return "đang xem xét thi hành kỷ luật"
	case PendingInvestigate:
		return "đang điều tra"
	case PendingInspection:
		return "đang thanh tra, kiểm tra"
	case PendingComplaint:
		return "có đơn thư khiếu nại đang được xác minh"
	case PendingDenunciation:
		return "có đơn thư tố cáo đang được xác minh"
	case PendingPress:
		return "có vấn đề tham nhũng, tiêu cực được báo chí nêu đang được xác minh"
	}
	return string(k)
}

// Pending is one matter open on the day of consideration.
type Pending struct {
	Kind  PendingKind
	Since time.Time
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
	// MembersDisciplined were disciplined (khiển trách or heavier) in the
	// year. Such a member is rated "không hoàn thành nhiệm vụ" for it (NĐ
	// 90/2020 as amended by NĐ 48/2023), so the rules never count them in
	// MembersCompleted, whatever their recorded rating says.
	MembersDisciplined int
	// MembersUnrated have no rating for the year on record: until they
	// have one, "100 % hoàn thành nhiệm vụ" is chưa đủ thông tin.
	MembersUnrated int
	MembersFemale  int // for the tie-break of Điều 4 khoản 6 NĐ 152/2025

	// Facts about the unit in the year considered. FactsMissing: the unit's
	// facts for the year (movement, unity, targets …) were never recorded,
	// so each is chưa đủ thông tin rather than "not met".
	FactsMissing    bool
	Dissolved       bool // dissolved in a reorganisation of the apparatus
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
	Pending           []Pending // matters open on the day of consideration
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
	for _, x := range []struct {
		field string
		n     int
	}{{"members_disciplined", c.MembersDisciplined}, {"members_unrated", c.MembersUnrated}, {"members_female", c.MembersFemale}} {
		if x.n < 0 || x.n > c.Members {
			f.Add(x.field, "Số người phải từ 0 đến tổng số thành viên.")
		}
	}
	if c.MembersCSTDCS > c.MembersLDTT {
		f.Add("members_cstdcs", "Số Chiến sĩ thi đua cơ sở không được vượt quá số Lao động tiên tiến.")
	}
	return f.Err()
}
