package award

import "time"

// Competence: who decides each title and form of commendation, who
// proposes it, whether a council vote is needed and what its quota is
// counted over. It is data of each rule version (RuleSet.Powers), so a
// new version may move a title between levels without code changes
// elsewhere. Sources and how sure each row is: SOURCES.md ("Competence").

// Tier is a level of decision: the head of a procuracy of a tier, or an
// authority above the sector.
type Tier string

const (
	TierRegional   Tier = "regional"   // Viện trưởng VKSND khu vực (cấp huyện until 30/6/2025)
	TierProvince   Tier = "province"   // Viện trưởng VKSND cấp tỉnh
	TierHigh       Tier = "high"       // Viện trưởng VKSND cấp cao (until 30/6/2025)
	TierSupreme    Tier = "supreme"    // Viện trưởng VKSND tối cao
	TierPrimeMin   Tier = "prime"      // Thủ tướng Chính phủ
	TierGovernment Tier = "government" // Chính phủ (Cờ thi đua của Chính phủ)
	TierPresident  Tier = "president"  // Chủ tịch nước
)

// Label is who decides at the level, in Vietnamese.
func (l Tier) Label() string {
	switch l {
	case TierRegional:
		return "Viện trưởng VKSND khu vực"
	case TierProvince:
		return "Viện trưởng VKSND cấp tỉnh"
	case TierHigh:
		return "Viện trưởng VKSND cấp cao"
	case TierSupreme:
		return "Viện trưởng VKSND tối cao"
	case TierPrimeMin:
		return "Thủ tướng Chính phủ"
	case TierGovernment:
		return "Chính phủ"
	case TierPresident:
		return "Chủ tịch nước"
	}
	return string(l)
}

// rank orders the levels: a procuracy's head decides for the people and
// units it manages what a lower level may decide (Luật TĐKT 2022 Điều 80
// khoản 1 gives the head of a unit with legal personality under a
// sector the titles of its own people), so a higher rank covers a lower.
// The province and the high procuracy are one tier.
func (l Tier) rank() int {
	switch l {
	case TierRegional:
		return 1
	case TierProvince, TierHigh:
		return 2
	case TierSupreme:
		return 3
	case TierPrimeMin, TierGovernment:
		return 4
	case TierPresident:
		return 5
	}
	return 0
}

// InSector reports whether the level is a procuracy's, which the system
// records decisions for; above it the sector only proposes.
func (l Tier) InSector() bool { return l.rank() >= 1 && l.rank() <= 3 }

// Covers reports whether a decision at level l is within the power the
// table gives to level need: the same level, or a procuracy above it
// deciding for its own people and units.
func (l Tier) Covers(need Tier) bool {
	return l.InSector() && need.InSector() && l.rank() >= need.rank()
}

// QuotaBase is what a title's quota is counted over.
type QuotaBase string

const (
	QuotaNone      QuotaBase = ""          // no quota
	QuotaUnitLDTT  QuotaBase = "unit_ldtt" // the proposing unit's Lao động tiên tiến
	QuotaLevelTTLD QuotaBase = "level_tt"  // the units rated Tập thể lao động tiên tiến under the deciding level
)

// Power is one row of the table: title → who decides, who proposes.
type Power struct {
	Title       Title
	Decides     Tier
	Proposes    Tier // the level whose head proposes it to Decides; "" when the unit's own council proposes to its head
	CouncilVote bool // the deciding level's council votes on it (secret ballot)
	Quota       QuotaBase
	Cite        string
	Unconfirmed bool // the row rests on practice or a paraphrase, not on a read text
}

// Powers is a rule version's competence table.
type Powers []Power

// Of returns the row of title t.
func (ps Powers) Of(t Title) (Power, bool) {
	for _, p := range ps {
		if p.Title == t {
			return p, true
		}
	}
	return Power{}, false
}

// Decides reports whether level l may decide t; the row is returned either
// way, for the message.
func (ps Powers) Decides(l Tier, t Title) (Power, bool) {
	p, ok := ps.Of(t)
	return p, ok && l.Covers(p.Decides)
}

// TierOfUnitType is the level a procuracy of a tier decides at; "" for a
// unit that decides nothing of its own (a department inside a unit).
func TierOfUnitType(t string) Tier {
	switch t {
	case "supreme":
		return TierSupreme
	case "high":
		return TierHigh
	case "provincial":
		return TierProvince
	case "regional", "district":
		return TierRegional
	}
	return ""
}

// Cited for every row below: the text read (Công báo 571+572/2022, p. 57):
// "Thủ trưởng cơ quan, tổ chức, đơn vị có tư cách pháp nhân thuộc Bộ,
// ban, ngành … quyết định tặng danh hiệu 'Tập thể lao động tiên tiến',
// 'Chiến sĩ thi đua cơ sở', 'Lao động tiên tiến' và giấy khen."
const (
	citeArt80 = "Điều 80 khoản 1 Luật TĐKT 2022"
	citeArt79 = "Điều 79 Luật TĐKT 2022"
	citeTT02  = "Điều 11 TT 02/2024/TT-VKSTC"
)

// powersLaw2022 is the table under the Law of 2022 (from 1/1/2024),
// with the sector's titles of TT 02/2024/TT-VKSTC Điều 11. The Viện
// trưởng VKSTC decides what a minister decides (Điều 79); the head of a
// provincial or high procuracy, a unit with legal personality under the
// sector, decides the grassroots titles and the Giấy khen (Điều 80 k1).
// A regional procuracy has no power of its own found: it proposes.
func powersLaw2022() Powers {
	return Powers{
		{Title: LaoDongTienTien, Decides: TierProvince, Cite: citeArt80},
		{Title: ChienSiThiDuaCoSo, Decides: TierProvince, CouncilVote: true, Quota: QuotaUnitLDTT, Cite: citeArt80},
		{Title: TapTheLaoDongTienTien, Decides: TierProvince, Cite: citeArt80},
		{Title: GiayKhen, Decides: TierProvince, Cite: citeArt80},
		{Title: TapTheLaoDongXuatSac, Decides: TierSupreme, Proposes: TierProvince, CouncilVote: true, Quota: QuotaLevelTTLD,
			Cite: citeArt79 + "; " + citeTT02 + "; Điều 18 khoản 2 TT 02/2024/TT-VKSTC (tỷ lệ)", Unconfirmed: true},
		{Title: ChienSiThiDuaNganh, Decides: TierSupreme, Proposes: TierProvince, CouncilVote: true, Cite: citeArt79 + "; " + citeTT02, Unconfirmed: true},
		{Title: CoThiDuaNganh, Decides: TierSupreme, Proposes: TierProvince, CouncilVote: true, Cite: citeArt79 + "; Điều 17 " + "TT 02/2024/TT-VKSTC", Unconfirmed: true},
		{Title: BangKhenNganh, Decides: TierSupreme, Proposes: TierProvince, Cite: citeArt79, Unconfirmed: true},
		{Title: ChienSiThiDuaToanQuoc, Decides: TierPrimeMin, Proposes: TierSupreme, CouncilVote: true, Cite: "Luật TĐKT 2022 (thẩm quyền Thủ tướng); " + citeTT02, Unconfirmed: true},
		{Title: BangKhenThuTuong, Decides: TierPrimeMin, Proposes: TierSupreme, Cite: "Luật TĐKT 2022 (thẩm quyền Thủ tướng); " + citeTT02, Unconfirmed: true},
		{Title: CoThiDuaChinhPhu, Decides: TierGovernment, Proposes: TierSupreme, CouncilVote: true, Cite: "Luật TĐKT 2022 (thẩm quyền Chính phủ); " + citeTT02, Unconfirmed: true},
	}
}

// powersLaw2013 is the table under the Law of 2003 as amended in 2013 and
// TT 01/2019/TT-VKSTC. The only source is practice: in 2020 VKSND tỉnh
// Trà Vinh recognised VKSND huyện Tiểu Cần's TTLĐTT, CSTĐCS and LĐTT (the
// seeds), and in 2023 VKSND tỉnh An Giang's head recognised LĐTT, CSTĐCS,
// TTLĐTT and TTLĐXS while VKSTC decided the sector's Cờ, CSTĐ ngành and
// Bằng khen (baovephapluat.vn). TTLĐXS is the province's here, unlike the
// 2022 table.
func powersLaw2013() Powers {
	const practice = "TT 01/2019/TT-VKSTC (thực tiễn VKSND tỉnh Trà Vinh 2020, An Giang 2023)"
	ps := powersLaw2022()
	for i := range ps {
		ps[i].Cite, ps[i].Unconfirmed = practice, true
		if ps[i].Title == TapTheLaoDongXuatSac {
			ps[i].Decides, ps[i].Proposes = TierProvince, ""
		}
	}
	return ps
}

// Authority is the "Căn cứ …" lines of a decision at level l under the
// version: the texts that give the level its power.
func (rs RuleSet) Authority(l Tier) []string {
	var out []string
	for _, a := range rs.AuthorityLines {
		if a.Tier == "" || a.Tier == l {
			out = append(out, a.Text)
		}
	}
	return out
}

// AuthorityLine is one "Căn cứ" line, for one level or ("") for all.
type AuthorityLine struct {
	Tier Tier
	Text string
}

// authority lists the lines of a version: the law on the organisation of
// the procuracies (orgLaw: it gives the head of every level's procuracy
// the power to run it, so every level cites it), the law on emulation, its
// decree and the sector's circular.
func authority(orgLaw, law, decree, circular string) []AuthorityLine {
	return []AuthorityLine{
		{Text: "Căn cứ " + orgLaw + ";"},
		{Text: "Căn cứ " + law + ";"},
		{Text: "Căn cứ " + decree + ";"},
		{Text: "Căn cứ " + circular + " quy định về công tác thi đua, khen thưởng trong ngành Kiểm sát nhân dân;"},
	}
}

// OrgLawGround is the "Căn cứ" line of the law on the organisation of the
// procuracies in force on day on, for a document no rule version covers.
func OrgLawGround(on time.Time) string {
	if on.Before(orgLaw2025From) {
		return "Căn cứ " + orgLaw2014 + ";"
	}
	return "Căn cứ " + orgLaw2025 + ";"
}

// orgLaw2025From is the day Luật số 82/2025/QH15 took effect; the rule
// versions from nd152-2025 on (the same day) cite it.
var orgLaw2025From = day(2025, time.July, 1)

const (
	// The Law on the organisation of the People's Procuracy, Luật số
	// 63/2014/QH13 of 24/11/2014; from 1/7/2025 as amended by Luật số
	// 82/2025/QH15 of 24/6/2025, cited in the form the National Assembly's
	// own Nghị quyết 225/2025/QH15 uses (SOURCES.md).
	orgLaw2014 = "Luật Tổ chức Viện kiểm sát nhân dân năm 2014"
	orgLaw2025 = "Luật Tổ chức Viện kiểm sát nhân dân số 63/2014/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 82/2025/QH15"
	lawOf2013  = "Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003, được sửa đổi, bổ sung năm 2005 và năm 2013"
	lawOf2022  = "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
	decree91   = "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
	decree98   = "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
	decree152  = "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng"
	circ01     = "Thông tư số 01/2019/TT-VKSTC ngày 14 tháng 5 năm 2019 của Viện trưởng Viện kiểm sát nhân dân tối cao"
	circ02     = "Thông tư số 02/2024/TT-VKSTC ngày 12 tháng 8 năm 2024 của Viện trưởng Viện kiểm sát nhân dân tối cao"
)
