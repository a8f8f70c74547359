package award

// Rating is the yearly evaluation of a person or a unit (xếp loại chất
// lượng), best first.
type Rating string

const (
	XuatSac        Rating = "htxs" // Hoàn thành xuất sắc nhiệm vụ
	Tot            Rating = "htt"  // Hoàn thành tốt nhiệm vụ
	HoanThanh      Rating = "ht"   // Hoàn thành nhiệm vụ
	KhongHoanThanh Rating = "khht" // Không hoàn thành nhiệm vụ
)

// Label is the rating's Vietnamese wording.
func (r Rating) Label() string {
	switch r {
	case XuatSac:
		return "hoàn thành xuất sắc nhiệm vụ"
	case Tot:
		return "hoàn thành tốt nhiệm vụ"
	case HoanThanh:
		return "hoàn thành nhiệm vụ"
	case KhongHoanThanh:
		return "không hoàn thành nhiệm vụ"
	}
	return "chưa xếp loại"
}

// AtLeast reports whether r is min or better. An empty or unknown rating
// is never enough.
func (r Rating) AtLeast(min Rating) bool {
	a, b := ratingRank(r), ratingRank(min)
	return a > 0 && a >= b
}

func ratingRank(r Rating) int {
	switch r {
	case XuatSac:
		return 4
	case Tot:
		return 3
	case HoanThanh:
		return 2
	case KhongHoanThanh:
		return 1
	}
	return 0
}

// Measure is a disciplinary measure for a civil servant (hình thức kỷ
// luật), lightest first.
type Measure string

const (
	KhienTrach   Measure = "khien_trach"
	CanhCao      Measure = "canh_cao"
	HaBacLuong   Measure = "ha_bac_luong"
	GiangChuc    Measure = "giang_chuc"
	CachChuc     Measure = "cach_chuc"
	BuocThoiViec Measure = "buoc_thoi_viec"
)

// Label is the measure's Vietnamese name.
func (m Measure) Label() string {
	switch m {
	case KhienTrach:
		return "khiển trách"
	case CanhCao:
		return "cảnh cáo"
	case HaBacLuong:
		return "hạ bậc lương"
	case GiangChuc:
		return "giáng chức"
	case CachChuc:
		return "cách chức"
	case BuocThoiViec:
		return "buộc thôi việc"
	}
	return string(m)
}

// AtLeast reports whether m is min or heavier. An unknown measure counts
// as the heaviest, so a typo never hides a discipline.
func (m Measure) AtLeast(min Measure) bool { return measureRank(m) >= measureRank(min) }

func measureRank(m Measure) int {
	switch m {
	case KhienTrach:
		return 1
	case CanhCao:
		return 2
	case HaBacLuong:
		return 3
	case GiangChuc:
		return 4
	case CachChuc:
		return 5
	case BuocThoiViec:
		return 6
	}
	return 7
}

// Level is the scope at which an initiative or research project was
// recognised (cấp công nhận sáng kiến, đề tài).
type Level string

const (
	CapCoSo     Level = "co_so"     // cơ sở: the unit
	CapNganh    Level = "nganh"     // ngành Kiểm sát nhân dân (Viện trưởng VKSND tối cao)
	CapToanQuoc Level = "toan_quoc" // toàn quốc
)

// Label is the level's Vietnamese name.
func (l Level) Label() string {
	switch l {
	case CapCoSo:
		return "cấp cơ sở"
	case CapNganh:
		return "cấp ngành"
	case CapToanQuoc:
		return "toàn quốc"
	}
	return string(l)
}

// AtLeast reports whether l is min or wider.
func (l Level) AtLeast(min Level) bool {
	a, b := levelRank(l), levelRank(min)
	return a > 0 && a >= b
}

func levelRank(l Level) int {
	switch l {
	case CapCoSo:
		return 1
	case CapNganh:
		return 2
	case CapToanQuoc:
		return 3
	}
	return 0
}

// Kind is the kind of award (loại hình khen thưởng, Điều 8 Luật TĐKT 2022).
// Only awards for merit ground a later merit title.
type Kind string

const (
	Merit    Kind = "cong_trang" // khen thưởng công trạng (thường xuyên)
	Campaign Kind = "chuyen_de"  // khen thưởng theo đợt, chuyên đề
	AdHoc    Kind = "dot_xuat"   // khen thưởng đột xuất
	Career   Kind = "cong_hien"  // khen thưởng quá trình cống hiến
	Foreign  Kind = "doi_ngoai"  // khen thưởng đối ngoại
)

// Label is the kind's Vietnamese name.
func (k Kind) Label() string {
	switch k {
	case Merit:
		return "khen thưởng công trạng"
	case Campaign:
		return "khen thưởng theo đợt, chuyên đề"
	case AdHoc:
		return "khen thưởng đột xuất"
	case Career:
		return "khen thưởng quá trình cống hiến"
	case Foreign:
		return "khen thưởng đối ngoại"
	}
	return "chưa rõ loại hình khen thưởng"
}
