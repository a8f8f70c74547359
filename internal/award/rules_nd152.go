package award

import "time"

// The rules in force from 1/7/2025: Luật TĐKT 2022 + Nghị định
// 152/2025/NĐ-CP (signed 14/6/2025; Điều 59: in force 1/7/2025, ending NĐ
// 98/2023 and NĐ 28/2024 that day) + Thông tư 15/2025/TT-BNV (4/8/2025, in
// force 5/8/2025, replacing TT 01/2024/TT-BNV), with TT 02/2024/TT-VKSTC's
// sector values where they do not contradict: no VKSTC circular replacing
// TT 02/2024 was found. Two versions, one day apart in their sources: a
// verdict dated 1/7–4/8/2025 must not cite a circular not yet in force.
//
// What each value rests on, and how sure it is, is in SOURCES.md
// ("nd152-2025"). The sources are second-hand (../shared/law-2025.md):
// none of the official texts could be opened, so clause numbers inferred
// from the order of quoted items are said to be inferred there, and a
// provision not read at all is cited with Unconfirmed ("chưa đối chiếu văn
// bản"), which every reason citing it carries.
var _ = register(func() RuleSet {
	return nd152Rules("nd152-2025", "Luật TĐKT 2022 + NĐ 152/2025/NĐ-CP + TT 02/2024/TT-VKSTC (phần không trái NĐ 152/2025)",
		day(2025, time.July, 1), false)
})

var _ = register(func() RuleSet {
	return nd152Rules("nd152-tt15-2025", "Luật TĐKT 2022 + NĐ 152/2025/NĐ-CP + TT 15/2025/TT-BNV + TT 02/2024/TT-VKSTC (phần không trái NĐ 152/2025)",
		day(2025, time.August, 5), true)
})

func nd152Rules(id, name string, from time.Time, tt15 bool) RuleSet {
	rs := RuleSet{
		ID: id, Name: name, From: from,
		// vbpl.vn metadata (second-hand): "ngay_het_hieu_luc: 2027-03-01",
		// reason not found. The version stays open until the next one is
		// added; SOURCES.md records the reported date.
		ReportedUntil: day(2027, time.February, 28),

		// Lao động tiên tiến: Luật Điều 24 k1; TT 02/2024's three bars kept.
		LDTTMinRating: Tot, LDTTMinMonths: 6, LDTTAbsentBar: 3, LDTTDisciplineBar: KhienTrach,
		// Chiến sĩ thi đua cơ sở: Luật Điều 23 ("Hoàn thành xuất sắc nhiệm
		// vụ hoặc có sáng kiến …", quoted verbatim). No cap found after NĐ
		// 91/2017: the board sets it, citing its own rule.
		CSTDCSExcellentSuffices: true, CSTDCSQuotaPercent: 0, CSTDCSQuotaByBoard: true,
		NganhYears: 3, NganhCouncilPercent: 90, InitiativeApplied: true, ToanQuocTimes: 2,
		TTLDTTMemberPercent: 50, TTLDTTNoWarning: true,
		TTLDXSMemberPercent: 70, TTLDXSNoWarning: false, TTLDXSExceedTargets: true,
		TTLDXSQuotaPercent: 20, TTLDXSQuotaMin: 1,
		CoNganhClusterPercent: 80,
		CoCPNeedsCoNganh:      false, CoCPNeedsLead: true, CoCPQuotaPercent: 0,

		// NĐ 152/2025 Điều 4, items (4)–(6) quoted verbatim.
		MaternityCounts: true, Deferral: true, WomenPreferred: true, WomenCollectivePercent: 70,
		DissolvedBar: tt15,

		Powers: powersLaw2022(), AuthorityLines: authority(orgLaw2025, lawOf2022, decree152, circ02),

		Cite: Citations{
			LDTT:           "Điều 24 khoản 1 Luật TĐKT 2022",
			LDTTExclusions: "Điều 15 TT 02/2024/TT-VKSTC" + Unconfirmed,
			CSTDCS:         "Điều 23 Luật TĐKT 2022",
			CSTDCSQuota:    "tỷ lệ do Hội đồng Thi đua - Khen thưởng quy định: NĐ 152/2025/NĐ-CP và TT 02/2024/TT-VKSTC không có tỷ lệ được tìm thấy",
			CSTDNganh:      "Điều 22 Luật TĐKT 2022",
			NganhVote:      "TT 02/2024/TT-VKSTC, tỷ lệ phiếu kế thừa Điều 16 khoản 1 TT 01/2019/TT-VKSTC" + Unconfirmed,
			CSTDToanQuoc:   "Điều 21 Luật TĐKT 2022",
			TTLDTT:         "Điều 28 Luật TĐKT 2022" + Unconfirmed,
			TTLDXS:         "Điều 27 Luật TĐKT 2022; Điều 18 khoản 1 TT 02/2024/TT-VKSTC",
			TTLDXSQuota:    "Điều 18 khoản 2 TT 02/2024/TT-VKSTC",
			CoNganh:        "Điều 17 TT 02/2024/TT-VKSTC",
			CoNganhVote:    "TT 02/2024/TT-VKSTC, tỷ lệ phiếu kế thừa Điều 20 TT 01/2019/TT-VKSTC" + Unconfirmed,
			CoChinhPhu:     "Điều 25 Luật TĐKT 2022",
			CoCPQuota:      "NĐ 152/2025/NĐ-CP: không có tỷ lệ được tìm thấy",
			OpenCase:       "Điều 4 khoản 4 NĐ 152/2025/NĐ-CP",
			MeritOnly:      "Điều 4 khoản 3 NĐ 152/2025/NĐ-CP",
			DisciplineEnd:  "Điều 4 khoản 4 NĐ 152/2025/NĐ-CP",
			Revocation:     "Chương VII Luật TĐKT 2022",
			Maternity:      "Điều 4 khoản 5 NĐ 152/2025/NĐ-CP",
			WomenFirst:     "Điều 4 khoản 6 NĐ 152/2025/NĐ-CP",
			RatingRule:     citeRatingRule,
			BoardQuota:     "quy chế, quyết định của Hội đồng Thi đua - Khen thưởng",
		},
		Unverified: []string{
			"NĐ 152/2025 Điều 4: the seven items are quoted verbatim second-hand; reading them as khoản 1–7 is inferred",
			"LDTTExclusions: TT 02/2024's three bars (6 months, 3 to under 6 months absent, khiển trách) kept; Điều 15 inferred; the list of khoản 2 exceptions not read, so an absence of 3 to under 6 months is chưa đối chiếu văn bản",
			"CSTDCSQuotaPercent: no cap found in NĐ 152/2025, TT 15/2025 or TT 02/2024; the board sets it (BoardQuota)",
			"NganhCouncilPercent 90 %, CoNganhClusterPercent 80 %: TT 01/2019 values kept; TT 02/2024 articles not read",
			"TTLDTTNoWarning: Law 2022 Art. 28 text not found; domain.md keeps the clause",
			"RatingRule: NĐ 48/2023's amendment of NĐ 90/2020 Điều 2 read in translated summaries only; clause number not read",
			"ReportedUntil 28/2/2027: vbpl metadata, reason not found",
			"TT 15/2025/TT-BNV in force 5/8/2025: prototype data files only; issue date 4/8/2025 second-hand",
		},
	}
	if tt15 {
		rs.Cite.Dissolved = "TT 15/2025/TT-BNV" + Unconfirmed
	}
	return rs
}
