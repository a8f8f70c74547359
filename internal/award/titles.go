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
)

// CollectiveTitles and IndividualTitles list the titles in rising order.
var (
	CollectiveTitles = []Title{TapTheLaoDongTienTien, TapTheLaoDongXuatSac, CoThiDuaNganh, CoThiDuaChinhPhu}
	IndividualTitles = []Title{LaoDongTienTien, ChienSiThiDuaCoSo, ChienSiThiDuaNganh, ChienSiThiDuaToanQuoc}
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
	}
	return string(t)
}

// Collective reports whether t is a title for a collective.
func (t Title) Collective() bool { return in(t, CollectiveTitles) }

// Individual reports whether t is a title for a person.
func (t Title) Individual() bool { return in(t, IndividualTitles) }

func in(t Title, ts []Title) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}
