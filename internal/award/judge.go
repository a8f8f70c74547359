package award

// JudgePerson runs the rule of title or form t on a person; vote is the
// sector council's ballot where the title needs one (Electorate 0: not
// yet held). A title that is not for a person gives ok false.
func (rs RuleSet) JudgePerson(t Title, p Person, year int, vote Vote) (v Verdict, ok bool) {
	switch t {
	case LaoDongTienTien:
		return rs.LaoDongTienTien(p, year), true
	case ChienSiThiDuaCoSo:
		return rs.ChienSiThiDuaCoSo(p, year), true
	case ChienSiThiDuaNganh:
		return rs.ChienSiThiDuaNganh(p, year, vote), true
	case ChienSiThiDuaToanQuoc:
		return rs.ChienSiThiDuaToanQuoc(p, year), true
	case GiayKhen:
		return rs.GiayKhen(p, year), true
	case BangKhenNganh:
		return rs.BangKhenNganh(p, year), true
	case BangKhenThuTuong:
		return rs.BangKhenThuTuong(p, year), true
	}
	return Verdict{}, false
}

// JudgeUnit runs the rule of title or form t on a collective; vote is the
// cluster's ballot where the title needs one.
func (rs RuleSet) JudgeUnit(t Title, c Collective, year int, vote Vote) (v Verdict, ok bool) {
	switch t {
	case TapTheLaoDongTienTien:
		return rs.TapTheLaoDongTienTien(c, year), true
	case TapTheLaoDongXuatSac:
		return rs.TapTheLaoDongXuatSac(c, year), true
	case CoThiDuaNganh:
		return rs.CoThiDuaNganh(c, year, vote), true
	case CoThiDuaChinhPhu:
		return rs.CoThiDuaChinhPhu(c, year), true
	case GiayKhen:
		return rs.GiayKhenTapThe(c, year), true
	case BangKhenNganh:
		return rs.BangKhenNganhTapThe(c, year), true
	case BangKhenThuTuong:
		return rs.BangKhenThuTuongTapThe(c, year), true
	}
	return Verdict{}, false
}

// PersonTitles and UnitTitles are what a verdict page shows: every title,
// then every form.
var (
	PersonTitles = append(append([]Title{}, IndividualTitles...), Forms...)
	UnitTitles   = append(append([]Title{}, CollectiveTitles...), Forms...)
)

// CouncilBallot says whether title t needs the secret ballot of the
// emulation council under these rules, and the share of all its members
// a candidate needs: Chiến sĩ thi đua ngành (NganhCouncilPercent). The
// cluster's ballot for Cờ thi đua ngành is the cluster's, not the
// council's (internal/vote).
func (rs RuleSet) CouncilBallot(t Title) (percent int, ok bool) {
	if t == ChienSiThiDuaNganh && rs.NganhCouncilPercent > 0 {
		return rs.NganhCouncilPercent, true
	}
	return 0, false
}
