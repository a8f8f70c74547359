package award

import (
	"slices"
	"sort"
	"sync"
	"time"
)

// RuleSet is one version of the rules: the thresholds, shares and quotas
// of the legal sources in force over one period, held as values so the
// rule functions (methods on RuleSet, one per title) never hard-code a
// number. Every Verdict records the version's ID, so a later change of law
// does not rewrite an old verdict: store the ID and re-read the version
// with RuleSetByID.
//
// Which values were checked against the text, and where, is in SOURCES.md;
// Unverified lists those taken from domain.md without a checked text.
type RuleSet struct {
	ID    string    // stable; stored with every verdict
	Name  string    // the legal sources, as a reader would cite them
	From  time.Time // first day in force
	Until time.Time // last day in force; zero while still in force

	// Lao động tiên tiến.
	LDTTMinRating     Rating  // rated at least this in the year
	LDTTMinMonths     int     // months of service in the year, counted from recruitment (10, then 6)
	LDTTAbsentBar     int     // months absent that bar the title; 0: the version counts absence in working days, which a Person does not carry, so any absence goes to the board
	LDTTDisciplineBar Measure // a discipline this heavy or heavier in the year bars the title

	// Chiến sĩ thi đua cơ sở.
	CSTDCSExcellentSuffices bool // a rating of "hoàn thành xuất sắc" stands in for an initiative
	CSTDCSQuotaPercent      int  // at most this % of the unit's Lao động tiên tiến; 0: no quota

	// Chiến sĩ thi đua ngành and toàn quốc.
	NganhYears          int  // consecutive years of Chiến sĩ thi đua cơ sở
	NganhCouncilPercent int  // approval of the sector council, at least this % of its members
	InitiativeApplied   bool // the sector or national initiative must have been applied
	ToanQuocTimes       int  // consecutive Chiến sĩ thi đua ngành awards

	// Collective titles.
	TTLDTTMemberPercent   int  // more than this % of members hold Lao động tiên tiến
	TTLDTTNoWarning       bool // no member disciplined at cảnh cáo or above
	TTLDXSMemberPercent   int  // at least this % of members hold Lao động tiên tiến
	TTLDXSNoWarning       bool // no member disciplined at cảnh cáo or above
	TTLDXSExceedTargets   bool // "xuất sắc" means exceeding the year's approved targets
	TTLDXSQuotaPercent    int  // at most this % of the units rated Tập thể lao động tiên tiến; 0: no quota
	TTLDXSQuotaMin        int  // … but at least this many when the share gives fewer
	CoNganhClusterPercent int  // approval of the cluster's members, at least this %
	CoCPNeedsCoNganh      bool // Cờ thi đua của Chính phủ is chosen among holders of the sector's Cờ
	CoCPNeedsLead         bool // … or among the leading units of the clusters
	CoCPQuotaPercent      int  // at most this % of the units meeting the sector Cờ standard; 0: no quota

	// Set by versions from NĐ 152/2025/NĐ-CP on; the zero values keep the
	// older versions as they were.
	CSTDCSQuotaByBoard     bool      // the Chiến sĩ thi đua cơ sở cap is the board's own value (BoardQuota), not the version's
	MaternityCounts        bool      // maternity leave counts as time worked (Điều 4 khoản 5 NĐ 152/2025)
	Deferral               bool      // a pending matter defers the award ("chưa khen thưởng"), it does not refuse it
	WomenPreferred         bool      // ties go to women, or to collectives with WomenCollectivePercent % women or more
	WomenCollectivePercent int       // … at least this % of the collective's members are women
	DissolvedBar           bool      // no award to a unit dissolved in a reorganisation (TT 15/2025/TT-BNV)
	ReportedUntil          time.Time // a last day reported by a secondary source, not yet confirmed (SOURCES.md)

	// Who decides and proposes each title (competence.go), and the "Căn
	// cứ" lines of a decision at each level.
	Powers         Powers
	AuthorityLines []AuthorityLine

	Cite       Citations
	Unverified []string // values encoded from domain.md or inferred, not checked word for word
}

// Citations name the provision behind each rule, as shown beside a reason.
// An article number is given where it was checked, or inferred from a
// checked neighbour (SOURCES.md says which); otherwise the document alone
// is named.
type Citations struct {
	LDTT, LDTTExclusions    string
	CSTDCS, CSTDCSQuota     string
	CSTDNganh, CSTDToanQuoc string
	TTLDTT, TTLDXS          string
	TTLDXSQuota             string
	CoNganh, CoChinhPhu     string
	CoCPQuota               string
	OpenCase                string // no award while a discipline, investigation or inspection is open
	MeritOnly               string // ad hoc and campaign awards do not ground a merit title
	DisciplineEnd           string // after a discipline, achievements count from its end
	Revocation              string // a revoked award counts for nothing

	// From NĐ 152/2025/NĐ-CP on (empty in older versions).
	Maternity   string // maternity leave counts toward titles
	WomenFirst  string // ties: women, collectives with ≥ 70 % women
	RatingRule  string // a person disciplined in the year is rated "không hoàn thành nhiệm vụ"; under 6 months worked, not rated
	Dissolved   string // no award to a unit dissolved in a reorganisation
	BoardQuota  string // what a board-set quota rests on when the version sets none
	NganhVote   string // the sector council's ballot for Chiến sĩ thi đua ngành, when cited apart from CSTDNganh
	CoNganhVote string // the cluster's ballot for Cờ thi đua ngành, when cited apart from CoNganh
}

// or returns a, or b when a is empty.
func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// later holds the versions that live in files of their own (rules_*.go),
// each added by a package-level "var _ = register(…)" in that file (a
// variable, not an init function, so the version is there before any
// other package-level variable reads the rules). A new version of the law
// is a new file and its tests: nothing here, nor in an older version,
// changes.
var later []func() RuleSet

func register(f func() RuleSet) bool {
	later = append(later, f)
	return true
}

// builtRuleSets is every version (ruleSets), built once, on first use rather
// than at package initialisation: the later versions register themselves
// in variables of other files, which may be initialised after this one.
// It is shared: what leaves the package is a copy (clone).
var builtRuleSets = sync.OnceValue(ruleSets)

// clone is rs with slices of its own, so a caller changing a version's
// competence table, authority lines or notes changes no other reader's.
func (rs RuleSet) clone() RuleSet {
	rs.Powers = slices.Clone(rs.Powers)
	rs.AuthorityLines = slices.Clone(rs.AuthorityLines)
	rs.Unverified = slices.Clone(rs.Unverified)
	return rs
}

// ruleSets lists every version, oldest first. A version whose Until is
// zero ends the day before the next one begins; the last stays open.
func ruleSets() []RuleSet {
	all := append(firstRuleSets(), make([]RuleSet, 0, len(later))...)
	for _, f := range later {
		all = append(all, f())
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].From.Before(all[j].From) })
	for i := 0; i+1 < len(all); i++ {
		if all[i].Until.IsZero() {
			all[i].Until = all[i+1].From.AddDate(0, 0, -1)
		}
	}
	return all
}

// The first versions. The boundaries are the days the sector
// circulars and the 2022 law took effect: TT 01/2019/TT-VKSTC from
// 28/6/2019, the Law 06/2022/QH15 and NĐ 98/2023/NĐ-CP from 1/1/2024,
// TT 02/2024/TT-VKSTC from 1/10/2024 (replacing TT 01/2019). It stays in
// force until the next version (rules_nd152.go) begins.
func firstRuleSets() []RuleSet {
	return []RuleSet{
		{
			ID:   "tt01-2019",
			Name: "Luật TĐKT 2003 (sửa đổi 2013) + NĐ 91/2017/NĐ-CP + TT 01/2019/TT-VKSTC",
			From: day(2019, time.June, 28), Until: day(2023, time.December, 31),

			LDTTMinRating: Tot, LDTTMinMonths: 10, LDTTAbsentBar: 0, LDTTDisciplineBar: KhienTrach,
			CSTDCSExcellentSuffices: false, CSTDCSQuotaPercent: 15,
			NganhYears: 3, NganhCouncilPercent: 90, InitiativeApplied: false, ToanQuocTimes: 2,
			TTLDTTMemberPercent: 50, TTLDTTNoWarning: true,
			TTLDXSMemberPercent: 70, TTLDXSNoWarning: true, TTLDXSExceedTargets: false,
			TTLDXSQuotaPercent: 0, TTLDXSQuotaMin: 0,
			CoNganhClusterPercent: 80,
			CoCPNeedsCoNganh:      true, CoCPNeedsLead: false, CoCPQuotaPercent: 20,
			Powers: powersLaw2013(), AuthorityLines: authority(orgLaw2014, lawOf2013, decree91, circ01),

			Cite: Citations{
				LDTT:           "Điều 24 Luật TĐKT 2003 (sửa đổi 2013)",
				LDTTExclusions: "NĐ 91/2017/NĐ-CP; TT 01/2019/TT-VKSTC",
				CSTDCS:         "Điều 23 Luật TĐKT 2003 (sửa đổi 2013); Điều 9 khoản 3 NĐ 91/2017/NĐ-CP",
				CSTDCSQuota:    "NĐ 91/2017/NĐ-CP",
				CSTDNganh:      "Điều 22 Luật TĐKT 2003 (sửa đổi 2013); Điều 16 khoản 1 TT 01/2019/TT-VKSTC",
				CSTDToanQuoc:   "Điều 21 Luật TĐKT 2003 (sửa đổi 2013)",
				TTLDTT:         "Điều 28 Luật TĐKT 2003 (sửa đổi 2013)",
				TTLDXS:         "Điều 27 Luật TĐKT 2003 (sửa đổi 2013)",
				TTLDXSQuota:    "TT 01/2019/TT-VKSTC",
				CoNganh:        "Điều 20 TT 01/2019/TT-VKSTC",
				CoChinhPhu:     "Điều 25 Luật TĐKT 2003 (sửa đổi 2013); Điều 11 NĐ 91/2017/NĐ-CP",
				CoCPQuota:      "Điều 11 khoản 1 NĐ 91/2017/NĐ-CP",
				OpenCase:       "TT 08/2017/TT-BNV",
				MeritOnly:      "Luật TĐKT 2003 (sửa đổi 2013), nguyên tắc khen thưởng",
				DisciplineEnd:  "Luật TĐKT 2003 (sửa đổi 2013), nguyên tắc khen thưởng",
				Revocation:     "Luật TĐKT 2003 (sửa đổi 2013)",
			},
			Unverified: []string{
				"LDTTDisciplineBar: khiển trách (NĐ 91/2017) taken from domain.md",
				"LDTTAbsentBar: the old absence rule (believed '40 working days', NĐ 91/2017) not found; any absence goes to the board",
				"CSTDCSQuotaPercent: 15 % marked verified in domain.md; the text itself was not found",
				"TTLDXSNoWarning, TTLDXSMemberPercent: 2013 law Art. 27 seen only on secondary pages",
				"TTLDXSQuotaPercent: no TT 01/2019 quota found; none applied",
				"OpenCase: TT 08/2017/TT-BNV seen in a news summary; its successor TT 12/2019/TT-BNV not checked",
			},
		},
		{
			ID:   "tt01-2019-luat2022",
			Name: "Luật TĐKT 2022 + NĐ 98/2023/NĐ-CP + TT 01/2019/TT-VKSTC (phần không trái Luật)",
			From: day(2024, time.January, 1), Until: day(2024, time.September, 30),

			LDTTMinRating: Tot, LDTTMinMonths: 10, LDTTAbsentBar: 0, LDTTDisciplineBar: KhienTrach,
			CSTDCSExcellentSuffices: true, CSTDCSQuotaPercent: 15,
			NganhYears: 3, NganhCouncilPercent: 90, InitiativeApplied: true, ToanQuocTimes: 2,
			TTLDTTMemberPercent: 50, TTLDTTNoWarning: true,
			TTLDXSMemberPercent: 70, TTLDXSNoWarning: false, TTLDXSExceedTargets: false,
			TTLDXSQuotaPercent: 0, TTLDXSQuotaMin: 0,
			CoNganhClusterPercent: 80,
			CoCPNeedsCoNganh:      false, CoCPNeedsLead: true, CoCPQuotaPercent: 0,
			Powers: powersLaw2022(), AuthorityLines: authority(orgLaw2014, lawOf2022, decree98, circ01),

			Cite: Citations{
				LDTT:           "Điều 24 khoản 1 Luật TĐKT 2022",
				LDTTExclusions: "TT 01/2019/TT-VKSTC",
				CSTDCS:         "Điều 23 Luật TĐKT 2022",
				CSTDCSQuota:    "NĐ 91/2017/NĐ-CP (tỷ lệ kế thừa)",
				CSTDNganh:      "Điều 22 Luật TĐKT 2022; Điều 16 khoản 1 TT 01/2019/TT-VKSTC",
				CSTDToanQuoc:   "Điều 21 Luật TĐKT 2022",
				TTLDTT:         "Điều 28 Luật TĐKT 2022",
				TTLDXS:         "Điều 27 Luật TĐKT 2022",
				TTLDXSQuota:    "TT 01/2019/TT-VKSTC",
				CoNganh:        "Điều 20 TT 01/2019/TT-VKSTC",
				CoChinhPhu:     "Điều 25 Luật TĐKT 2022",
				CoCPQuota:      "NĐ 98/2023/NĐ-CP",
				OpenCase:       "NĐ 98/2023/NĐ-CP",
				MeritOnly:      "Điều 4 khoản 3 NĐ 98/2023/NĐ-CP",
				DisciplineEnd:  "NĐ 98/2023/NĐ-CP",
				Revocation:     "Chương VII Luật TĐKT 2022",
			},
			Unverified: []string{
				"the period itself: domain.md has TT 01/2019 until 30/9/2024; that the 2022 law governs it from 1/1/2024 is this package's reading",
				"LDTTMinMonths, NganhCouncilPercent, CoNganhClusterPercent: TT 01/2019 values kept for 2024 until TT 02/2024",
				"CSTDCSQuotaPercent: 15 % kept from NĐ 91/2017; not found in NĐ 98/2023",
				"TTLDTTNoWarning: Law 2022 Art. 28 text not found; domain.md keeps the clause",
				"CoCPQuotaPercent: no NĐ 98/2023 quota found; none applied",
				"OpenCase, DisciplineEnd: the NĐ 98/2023 articles were not found",
			},
		},
		{
			ID:   "tt02-2024",
			Name: "Luật TĐKT 2022 + NĐ 98/2023/NĐ-CP + TT 02/2024/TT-VKSTC",
			From: day(2024, time.October, 1),

			LDTTMinRating: Tot, LDTTMinMonths: 6, LDTTAbsentBar: 3, LDTTDisciplineBar: KhienTrach,
			CSTDCSExcellentSuffices: true, CSTDCSQuotaPercent: 15,
			NganhYears: 3, NganhCouncilPercent: 90, InitiativeApplied: true, ToanQuocTimes: 2,
			TTLDTTMemberPercent: 50, TTLDTTNoWarning: true,
			TTLDXSMemberPercent: 70, TTLDXSNoWarning: false, TTLDXSExceedTargets: true,
			TTLDXSQuotaPercent: 20, TTLDXSQuotaMin: 1,
			CoNganhClusterPercent: 80,
			CoCPNeedsCoNganh:      false, CoCPNeedsLead: true, CoCPQuotaPercent: 0,
			Powers: powersLaw2022(), AuthorityLines: authority(orgLaw2014, lawOf2022, decree98, circ02),

			Cite: Citations{
				LDTT:           "Điều 24 khoản 1 Luật TĐKT 2022; Điều 15 TT 02/2024/TT-VKSTC",
				LDTTExclusions: "Điều 15 TT 02/2024/TT-VKSTC",
				CSTDCS:         "Điều 23 Luật TĐKT 2022",
				CSTDCSQuota:    "NĐ 91/2017/NĐ-CP (tỷ lệ kế thừa)",
				CSTDNganh:      "Điều 22 Luật TĐKT 2022; TT 02/2024/TT-VKSTC",
				CSTDToanQuoc:   "Điều 21 Luật TĐKT 2022",
				TTLDTT:         "Điều 28 Luật TĐKT 2022",
				TTLDXS:         "Điều 27 Luật TĐKT 2022; Điều 18 khoản 1 TT 02/2024/TT-VKSTC",
				TTLDXSQuota:    "Điều 18 khoản 2 TT 02/2024/TT-VKSTC",
				CoNganh:        "TT 02/2024/TT-VKSTC",
				CoChinhPhu:     "Điều 25 Luật TĐKT 2022",
				CoCPQuota:      "NĐ 98/2023/NĐ-CP",
				OpenCase:       "NĐ 98/2023/NĐ-CP",
				MeritOnly:      "Điều 4 khoản 3 NĐ 98/2023/NĐ-CP",
				DisciplineEnd:  "NĐ 98/2023/NĐ-CP",
				Revocation:     "Chương VII Luật TĐKT 2022",
			},
			Unverified: []string{
				"CSTDCSQuotaPercent: 15 % kept from NĐ 91/2017; not found in NĐ 98/2023 or TT 02/2024",
				"NganhCouncilPercent: 90 % (TT 01/2019 Art. 16) kept; the TT 02/2024 article was not found",
				"CoNganhClusterPercent: 80 % (TT 01/2019 Art. 20) kept; the TT 02/2024 article was not found",
				"TTLDTTNoWarning: Law 2022 Art. 28 text not found; domain.md keeps the clause",
				"LDTTAbsentBar: TT 02/2024 bars 3 to under 6 months; 6 months or more is read as barred too",
				"CoCPQuotaPercent: no NĐ 98/2023 quota found; none applied",
				"OpenCase, DisciplineEnd: the NĐ 98/2023 articles were not found",
			},
		},
	}
}

// RuleSets lists every version, oldest first (a fresh copy each call).
func RuleSets() []RuleSet {
	all := builtRuleSets()
	out := make([]RuleSet, len(all))
	for i, rs := range all {
		out[i] = rs.clone()
	}
	return out
}

// RulesFor picks the version in force on date, the day the title is
// considered: the day the emulation council (Hội đồng TĐKT) of the
// deciding level deliberates the proposal — not the end of the emulation
// year. A 2024 title considered on 15/9/2024 is judged under TT 01/2019,
// the same title considered on 15/10/2024 under TT 02/2024. Only the
// calendar day of date counts, in date's own location.
//
// A date before the first version (28/6/2019) gets the zero RuleSet
// (ID == ""), and every rule then answers NeedsJudgement.
func RulesFor(date time.Time) RuleSet {
	d := day(date.Year(), date.Month(), date.Day())
	all := builtRuleSets()
	for i := range all {
		if all[i].Covers(d) {
			return all[i].clone()
		}
	}
	return RuleSet{}
}

// RuleSetByID returns the version a stored verdict names.
func RuleSetByID(id string) (RuleSet, bool) {
	all := builtRuleSets()
	for i := range all {
		if all[i].ID == id {
			return all[i].clone(), true
		}
	}
	return RuleSet{}, false
}

// Covers reports whether the version is in force on the calendar day of d.
func (rs RuleSet) Covers(d time.Time) bool {
	d = day(d.Year(), d.Month(), d.Day())
	if rs.ID == "" || d.Before(rs.From) {
		return false
	}
	return rs.Until.IsZero() || !d.After(rs.Until)
}

// Caveat warns, in Vietnamese, when the day of consideration falls after
// the last day a secondary source reports for the version (ReportedUntil):
// the verdict may rest on a lapsed text. Once a later version is added,
// RulesFor no longer picks this one for such a day. Empty otherwise.
func (rs RuleSet) Caveat(on time.Time) string {
	d := day(on.Year(), on.Month(), on.Day())
	if rs.ReportedUntil.IsZero() || !d.After(rs.ReportedUntil) {
		return ""
	}
	return "Văn bản của bộ quy tắc này được ghi là hết hiệu lực sau ngày " + date(rs.ReportedUntil) +
		" (chưa đối chiếu văn bản) và chưa có bộ quy tắc thay thế: Hội đồng đối chiếu văn bản mới trước khi dùng kết quả xét."
}
