// Package seed loads the demo data set: the real structure of the People's
// Procuracy before and after the 2025 reorganisation (../shared/domain.md,
// Nghị quyết 84/2025/UBTVQH15), with lineage, and demo accounts.
package seed

import (
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"thidua/internal/org"
)

// Key dates of the structure.
var (
	supremeFounded = date(1960, 7, 26) // VKSND tối cao established
	highFounded    = date(2015, 6, 1)  // VKSND cấp cao, Luật Tổ chức VKSND 2014
	map63          = date(2008, 8, 1)  // the 63-province map (Hà Tây joined Hà Nội); not each unit's founding date
	hueCity        = date(2025, 1, 1)  // Thừa Thiên Huế became TP Huế (Nghị quyết 1314/NQ-UBTVQH15)
	merger         = date(2025, 7, 1)  // 34 provinces, 355 regional procuracies (Nghị quyết 84/2025/UBTVQH15)
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// province is a provincial procuracy by the name of its province.
type province struct {
	name string
	city bool // a centrally governed city: "thành phố", not "tỉnh"
}

func (p province) fullName() string {
	if p.city {
		return "Viện kiểm sát nhân dân thành phố " + p.name
	}
	return "Viện kiểm sát nhân dân tỉnh " + p.name
}

// provinces63 are the provinces of the map in force until 30/6/2025.
var provinces63 = []province{
	{"Hà Nội", true}, {"Hồ Chí Minh", true}, {"Hải Phòng", true}, {"Đà Nẵng", true}, {"Cần Thơ", true},
	{"Hà Giang", false}, {"Cao Bằng", false}, {"Bắc Kạn", false}, {"Tuyên Quang", false}, {"Lào Cai", false},
	{"Điện Biên", false}, {"Lai Châu", false}, {"Sơn La", false}, {"Yên Bái", false}, {"Hòa Bình", false},
	{"Thái Nguyên", false}, {"Lạng Sơn", false}, {"Quảng Ninh", false}, {"Bắc Giang", false}, {"Phú Thọ", false},
	{"Vĩnh Phúc", false}, {"Bắc Ninh", false}, {"Hải Dương", false}, {"Hưng Yên", false}, {"Thái Bình", false},
	{"Hà Nam", false}, {"Nam Định", false}, {"Ninh Bình", false}, {"Thanh Hóa", false}, {"Nghệ An", false},
	{"Hà Tĩnh", false}, {"Quảng Bình", false}, {"Quảng Trị", false}, {"Thừa Thiên Huế", false}, {"Quảng Nam", false},
	{"Quảng Ngãi", false}, {"Bình Định", false}, {"Phú Yên", false}, {"Khánh Hòa", false}, {"Ninh Thuận", false},
	{"Bình Thuận", false}, {"Kon Tum", false}, {"Gia Lai", false}, {"Đắk Lắk", false}, {"Đắk Nông", false},
	{"Lâm Đồng", false}, {"Bình Phước", false}, {"Tây Ninh", false}, {"Bình Dương", false}, {"Đồng Nai", false},
	{"Bà Rịa – Vũng Tàu", false}, {"Long An", false}, {"Tiền Giang", false}, {"Bến Tre", false}, {"Trà Vinh", false},
	{"Vĩnh Long", false}, {"Đồng Tháp", false}, {"An Giang", false}, {"Kiên Giang", false}, {"Hậu Giang", false},
	{"Sóc Trăng", false}, {"Bạc Liêu", false}, {"Cà Mau", false},
}

// merged34 are the 23 provinces formed by merger on 1/7/2025, each with
// the provinces it was formed from (the first gave its name).
var merged34 = []struct {
	province
	from []string
}{
	{province{"Tuyên Quang", false}, []string{"Tuyên Quang", "Hà Giang"}},
	{province{"Lào Cai", false}, []string{"Lào Cai", "Yên Bái"}},
	{province{"Thái Nguyên", false}, []string{"Thái Nguyên", "Bắc Kạn"}},
	{province{"Phú Thọ", false}, []string{"Phú Thọ", "Vĩnh Phúc", "Hòa Bình"}},
	{province{"Bắc Ninh", false}, []string{"Bắc Ninh", "Bắc Giang"}},
	{province{"Hưng Yên", false}, []string{"Hưng Yên", "Thái Bình"}},
	{province{"Hải Phòng", true}, []string{"Hải Phòng", "Hải Dương"}},
	{province{"Ninh Bình", false}, []string{"Ninh Bình", "Hà Nam", "Nam Định"}},
	{province{"Quảng Trị", false}, []string{"Quảng Trị", "Quảng Bình"}},
	{province{"Đà Nẵng", true}, []string{"Đà Nẵng", "Quảng Nam"}},
	{province{"Quảng Ngãi", false}, []string{"Quảng Ngãi", "Kon Tum"}},
	{province{"Gia Lai", false}, []string{"Gia Lai", "Bình Định"}},
	{province{"Khánh Hòa", false}, []string{"Khánh Hòa", "Ninh Thuận"}},
	{province{"Lâm Đồng", false}, []string{"Lâm Đồng", "Đắk Nông", "Bình Thuận"}},
	{province{"Đắk Lắk", false}, []string{"Đắk Lắk", "Phú Yên"}},
	{province{"Hồ Chí Minh", true}, []string{"Hồ Chí Minh", "Bình Dương", "Bà Rịa – Vũng Tàu"}},
	{province{"Đồng Nai", false}, []string{"Đồng Nai", "Bình Phước"}},
	{province{"Tây Ninh", false}, []string{"Tây Ninh", "Long An"}},
	{province{"Cần Thơ", true}, []string{"Cần Thơ", "Sóc Trăng", "Hậu Giang"}},
	{province{"Vĩnh Long", false}, []string{"Vĩnh Long", "Bến Tre", "Trà Vinh"}},
	{province{"Đồng Tháp", false}, []string{"Đồng Tháp", "Tiền Giang"}},
	{province{"Cà Mau", false}, []string{"Cà Mau", "Bạc Liêu"}},
	{province{"An Giang", false}, []string{"An Giang", "Kiên Giang"}},
}

// Codes of the units the demo refers to elsewhere.
const (
	CodeSupreme  = "VKSTC"
	suffix2025   = "-2025"
	codePrefix   = "VKS-"
	demoNoteDate = "Ngày bắt đầu là mốc bản đồ 63 tỉnh (01/8/2008), không phải ngày thành lập đơn vị."
)

// ProvinceCode is the demo code of a provincial procuracy by province name:
// "Thanh Hóa" → "VKS-THANHHOA". A province formed in 2025 under an old
// name gets the suffix -2025.
func ProvinceCode(name string) string { return codePrefix + ascii(name) }

// ascii strips Vietnamese marks and everything but letters and digits.
func ascii(s string) string {
	s = strings.NewReplacer("Đ", "D", "đ", "d").Replace(s)
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unitSpec is one demo unit: parent and lineage by code.
type unitSpec struct {
	org.Unit
	parent string
	from   []string // predecessors' codes
	kind   org.LineageKind
	note   string // lineage note
}

// structure returns the demo units in an order where parents and
// predecessors come first.
func structure() []unitSpec {
	var out []unitSpec
	add := func(code, name string, t org.UnitType, parent string, from time.Time, to *time.Time, note string) {
		out = append(out, unitSpec{Unit: org.Unit{Code: code, Name: name, Type: t, ValidFrom: from, ValidTo: to, Note: note}, parent: parent})
	}
	end := func(t time.Time) *time.Time { return &t }

	add(CodeSupreme, "Viện kiểm sát nhân dân tối cao", org.TypeSupreme, "", supremeFounded, nil, "")
	for _, c := range []struct{ code, name string }{
		{"VKSTC-VP", "Văn phòng Viện kiểm sát nhân dân tối cao"},
		{"VKSTC-V1", "Vụ Thực hành quyền công tố và kiểm sát điều tra án an ninh (Vụ 1)"},
	} {
		add(c.code, c.name, org.TypeDepartment, CodeSupreme, merger, nil, "Cơ cấu từ 01/7/2025 (dữ liệu mẫu).")
	}
	add("VKSTC-VP-TDKT", "Phòng Thi đua – Khen thưởng, Văn phòng VKSND tối cao", org.TypeDepartment, "VKSTC-VP", merger, nil,
		"Đầu mối công tác thi đua, khen thưởng của Ngành từ năm 2025 (dữ liệu mẫu).")

	highs := []struct{ code, city, appeal string }{
		{"VKSCC-HN", "Hà Nội", "VKSTC-PT-HN"},
		{"VKSCC-DN", "Đà Nẵng", "VKSTC-PT-DN"},
		{"VKSCC-HCM", "Thành phố Hồ Chí Minh", "VKSTC-PT-HCM"},
	}
	for _, h := range highs {
		add(h.code, "Viện kiểm sát nhân dân cấp cao tại "+h.city, org.TypeHigh, CodeSupreme, highFounded, end(merger.AddDate(0, 0, -1)), "")
	}
	for _, h := range highs {
		add(h.appeal, "Viện Công tố và Kiểm sát xét xử phúc thẩm tại "+h.city, org.TypeDepartment, CodeSupreme, merger, nil,
			"Đơn vị thuộc VKSND tối cao từ 01/7/2025, thay VKSND cấp cao.")
		out[len(out)-1].from, out[len(out)-1].kind = []string{h.code}, org.LineageRename
		out[len(out)-1].note = "VKSND cấp cao kết thúc hoạt động; nhiệm vụ chuyển về VKSND tối cao (Nghị quyết 1745 của UBTVQH)."
	}

	isMerged := map[string]bool{}
	for _, m := range merged34 {
		for _, f := range m.from {
			isMerged[f] = true
		}
	}
	for _, p := range provinces63 {
		switch {
		case isMerged[p.name]:
			add(ProvinceCode(p.name), p.fullName(), org.TypeProvincial, CodeSupreme, map63, end(merger.AddDate(0, 0, -1)), demoNoteDate)
		case p.name == "Thừa Thiên Huế":
			add(ProvinceCode(p.name), p.fullName(), org.TypeProvincial, CodeSupreme, map63, end(hueCity.AddDate(0, 0, -1)), demoNoteDate)
		default:
			add(ProvinceCode(p.name), p.fullName(), org.TypeProvincial, CodeSupreme, map63, nil, demoNoteDate)
		}
	}
	add(ProvinceCode("Huế"), province{"Huế", true}.fullName(), org.TypeProvincial, CodeSupreme, hueCity, nil, "")
	out[len(out)-1].from, out[len(out)-1].kind = []string{ProvinceCode("Thừa Thiên Huế")}, org.LineageRename
	out[len(out)-1].note = "Tỉnh Thừa Thiên Huế trở thành thành phố Huế trực thuộc Trung ương (Nghị quyết 1314/NQ-UBTVQH15)."

	for _, m := range merged34 {
		add(ProvinceCode(m.name)+suffix2025, m.fullName(), org.TypeProvincial, CodeSupreme, merger, nil, "")
		var from []string
		for _, f := range m.from {
			from = append(from, ProvinceCode(f))
		}
		out[len(out)-1].from, out[len(out)-1].kind = from, org.LineageMerge
		out[len(out)-1].note = "Hợp nhất theo Nghị quyết 84/2025/UBTVQH15, hiệu lực 01/7/2025."
	}

	// A handful of lower units, enough for pages and later cluster blocs.
	th := ProvinceCode("Thanh Hóa")
	for i, name := range []string{"Văn phòng", "Phòng Thực hành quyền công tố và kiểm sát điều tra án hình sự",
		"Phòng Kiểm sát xét xử hình sự", "Phòng Kiểm sát thi hành án dân sự, hành chính"} {
		add(th+"-P"+string(rune('1'+i)), name+" – VKSND tỉnh Thanh Hóa", org.TypeDepartment, th, merger, nil, "Dữ liệu mẫu.")
	}
	for i := 1; i <= 3; i++ {
		n := string(rune('0' + i))
		add(th+"-KV"+n, "Viện kiểm sát nhân dân khu vực "+n+" – Thanh Hóa", org.TypeRegional, th, merger, nil, "Số hiệu khu vực là dữ liệu mẫu.")
	}
	add(th+"-TP", "Viện kiểm sát nhân dân thành phố Thanh Hóa", org.TypeDistrict, th, map63, end(merger.AddDate(0, 0, -1)), demoNoteDate)
	add(ProvinceCode("Trà Vinh")+"-TIEUCAN", "Viện kiểm sát nhân dân huyện Tiểu Cần", org.TypeDistrict, ProvinceCode("Trà Vinh"),
		map63, end(merger.AddDate(0, 0, -1)), demoNoteDate)
	vl := ProvinceCode("Vĩnh Long") + suffix2025
	add(vl+"-KV1", "Viện kiểm sát nhân dân khu vực 1 – Vĩnh Long", org.TypeRegional, vl, merger, nil, "Số hiệu khu vực là dữ liệu mẫu.")
	na := ProvinceCode("Nghệ An")
	add(na+"-KV1", "Viện kiểm sát nhân dân khu vực 1 – Nghệ An", org.TypeRegional, na, merger, nil, "Số hiệu khu vực là dữ liệu mẫu.")

	return out
}

// DemoPassword is the password of every demo account.
const DemoPassword = "thidua-demo-2026"

// DemoUser is a demo account; UnitCode is empty for none.
type DemoUser struct {
	Username, FullName, Role, UnitCode, Purpose string
}

// DemoUsers are the demo accounts, one per role, and a second unit officer
// to show that officers are kept to their own unit.
var DemoUsers = []DemoUser{
	{"admin", "Đỗ Minh Quản", "admin", "", "quản trị hệ thống"},
	{"hoidong", "Nguyễn Văn Hội", "board", "VKSTC-VP-TDKT", "Hội đồng / Thường trực thi đua"},
	{"canbo.thanhhoa", "Lê Thị Thanh", "officer", ProvinceCode("Thanh Hóa"), "cán bộ VKSND tỉnh Thanh Hóa"},
	{"canbo.nghean", "Trần Văn Nghệ", "officer", ProvinceCode("Nghệ An"), "cán bộ VKSND tỉnh Nghệ An"},
	{"hoidong.vinhlong", "Võ Thành Long", "board", ProvinceCode("Vĩnh Long") + suffix2025, "Hội đồng thi đua – khen thưởng VKSND tỉnh Vĩnh Long"},
	{"canbo.kv1.vinhlong", "Lê Thị Mai", "officer", ProvinceCode("Vĩnh Long") + suffix2025 + "-KV1", "cán bộ VKSND khu vực 1 – Vĩnh Long"},
	{"xem", "Phạm Minh Xem", "viewer", "", "chỉ xem"},
}
