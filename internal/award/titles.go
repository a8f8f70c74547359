// Package award holds the catalogue of emulation titles and forms of
// commendation, and (as it grows) the rules for who may receive them.
package award

// Title is an emulation title (danh hiệu thi đua) or a form of
// commendation (hình thức khen thưởng), by stable code.
type Title string

const (
	// Collective titles.
	TapTheLaoDongTienTien Title = "tt_ldtt"  // Tập thể lao động tiên tiến
	TapTheLaoDongXuatSac  Title = "tt_ldxs"  // Tập thể lao động xuất sắc
	CoThiDuaNganh         Title = "co_nganh" // Cờ thi đua của ngành KSND
	CoThiDuaChinhPhu      Title = "co_cp"    // Cờ thi đua của Chính phủ
	// Individual titles.
	LaoDongTienTien       Title = "ldtt"    // Lao động tiên tiến
	ChienSiThiDuaCoSo     Title = "cstd_cs" // Chiến sĩ thi đua cơ sở
	ChienSiThiDuaNganh    Title = "cstd_ng" // Chiến sĩ thi đua ngành KSND
	ChienSiThiDuaToanQuoc Title = "cstd_tq" // Chiến sĩ thi đua toàn quốc
	// Forms of commendation (hình thức khen thưởng), for a person or a
	// collective alike; the rules are in forms.go.
	GiayKhen         Title = "giay_khen" // Giấy khen của Viện trưởng VKSND cấp tỉnh
	BangKhenNganh    Title = "bk_vkstc"  // Bằng khen của Viện trưởng VKSND tối cao (cấp bộ, ngành)
	BangKhenThuTuong Title = "bk_ttg"    // Bằng khen của Thủ tướng Chính phủ
)

// CollectiveTitles and IndividualTitles list the titles in rising order.
var (
	CollectiveTitles = []Title{TapTheLaoDongTienTien, TapTheLaoDongXuatSac, CoThiDuaNganh, CoThiDuaChinhPhu}
	IndividualTitles = []Title{LaoDongTienTien, ChienSiThiDuaCoSo, ChienSiThiDuaNganh, ChienSiThiDuaToanQuoc}
	// Forms lists the forms of commendation in rising order. They are in
	// neither list above: a form goes to a person or to a collective, and
	// the proposal says which (IsForm).
	Forms = []Title{GiayKhen, BangKhenNganh, BangKhenThuTuong}
)

// Label is the title's official Vietnamese name.
func (t Title) Label() string {
	switch t {
	case TapTheLaoDongTienTien:
		return "Tập thể lao động tiên tiến"
	case TapTheLaoDongXuatSac:
		return "Tập thể lao động xuất sắc"
	case CoThiDuaNganh:
		return "Cờ thi đua của ngành Kiểm sát nhân dân"
	case CoThiDuaChinhPhu:
		return "Cờ thi đua của Chính phủ"
	case LaoDongTienTien:
		return "Lao động tiên tiến"
	case ChienSiThiDuaCoSo:
		return "Chiến sĩ thi đua cơ sở"
	case ChienSiThiDuaNganh:
		return "Chiến sĩ thi đua ngành Kiểm sát nhân dân"
	case ChienSiThiDuaToanQuoc:
		return "Chiến sĩ thi đua toàn quốc"
	case GiayKhen:
		return "Giấy khen của Viện trưởng VKSND cấp tỉnh"
	case BangKhenNganh:
		return "Bằng khen của Viện trưởng VKSND tối cao"
	case BangKhenThuTuong:
		return "Bằng khen của Thủ tướng Chính phủ"
	}
	return string(t)
}

// Collective reports whether t is a title for a collective.
func (t Title) Collective() bool { return in(t, CollectiveTitles) }

// Individual reports whether t is a title for a person.
func (t Title) Individual() bool { return in(t, IndividualTitles) }

// IsForm reports whether t is a form of commendation (Giấy khen, Bằng
// khen), which may go to a person or to a collective. Collective and
// Individual stay false for a form, so the emulation-title lists and
// registrations are unchanged; a caller that takes a form checks IsForm.
func (t Title) IsForm() bool { return in(t, Forms) }

func in(t Title, ts []Title) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}
