package seed

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/store"
)

// The demo's emulation cycle: years, clusters and blocs with their
// designations, pledges in every state, one review exclusion and the 2026
// registrations of cluster "Bắc Trung Bộ". Everything goes through the
// service layer (app.App), so the demo obeys the same rules, and leaves the
// same audit trail, as the people who will use it.
//
// From the record (../shared/domain.md §3, seed 004): cluster 6 in 2020
// (members, head Thanh Hóa), its 2021 head Nghệ An and deputy Quảng Trị,
// and its 2021 pledge signed at Thanh Hóa on 30/11/2020; cluster 13 in 2024
// (members, head Trà Vinh, deputy Sóc Trăng, pledge signed 29/3/2024 at VKSND
// Trà Vinh). Everything else is invented and labelled "(dữ liệu mẫu)".

// demoMark labels what is not from the record.
const demoMark = "(dữ liệu mẫu)"

// ict is Vietnam's time zone: ceremonies happen in the morning there.
var ict = time.FixedZone("ICT", 7*3600)

func morning(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, ict) }

// prov is the code of a provincial procuracy that kept its code (an
// unchanged province, or any province before 1/7/2025); merged is the code
// of a province formed by the 2025 merger.
func prov(name string) string   { return ProvinceCode(name) }
func merged(name string) string { return ProvinceCode(name) + suffix2025 }

var thanhHoa = prov("Thanh Hóa")

// historyYears are the past years the demo's clusters come from; the year
// before the current one and the current one are opened too.
var historyYears = []int{2020, 2021, 2024, 2025}

// demoYears are the years the demo opens, in order.
func (s Schedule) demoYears() []int {
	ys := slices.Clone(historyYears)
	for y := s.Year - 1; y <= s.Year; y++ {
		if !slices.Contains(ys, y) {
			ys = append(ys, y)
		}
	}
	return ys
}

// yearOf is a year with the same deadlines each year (dates are demo):
// registration 31/1, pledge 31/3, self-assessment 30/11, review 10/12,
// proposals 20/12; the current year's last three come from the schedule.
func (s Schedule) yearOf(y int) cluster.Year {
	yr := yearOf(y)
	if y == s.Year {
		yr.SelfAssessmentDeadline, yr.ReviewDeadline, yr.ProposalDeadline = &s.SelfAssessmentDeadline, &s.ReviewDeadline, &s.ProposalDeadline
	}
	return yr
}

func yearOf(y int) cluster.Year {
	d := func(m time.Month, day int) *time.Time { t := date(y, m, day); return &t }
	return cluster.Year{Year: y, Title: fmt.Sprintf("Năm thi đua %d", y), StartsOn: date(y, 1, 1), EndsOn: date(y, 12, 31),
		RegistrationDeadline: d(1, 31), PledgeDeadline: d(3, 31), SelfAssessmentDeadline: d(11, 30),
		ReviewDeadline: d(12, 10), ProposalDeadline: d(12, 20)}
}

// exclusion is a unit not eligible for a year's review, so it cannot be
// designated head or deputy the year after.
var demoExclusions = []struct {
	year   int
	unit   string
	reason string
}{
	// Makes the current year's designation form refuse Cao Bằng, with
	// this reason (the year is shifted to the one before the current).
	{2025, prov("Cao Bằng"), "Có cán bộ bị xử lý kỷ luật liên quan tham nhũng " + demoMark},
}

// clusterSpec is one cluster or bloc of one year, by unit codes.
type clusterSpec struct {
	year      int
	owner     string // the province running a bloc; empty for a national cluster
	number    int
	name      string
	members   []string // in rotation order
	head      string   // empty: not designated
	deputy    string
	ref       string // the designation decision
	nominated string // members' nomination for next year's deputy
	follower  string // user name of the council member following the cluster
	note      string
	copied    bool // made by CopyYear from the year before, not created here
	pledge    *pledgeSpec
}

// pledgeSpec is a cluster's pledge and how far its signing got.
type pledgeSpec struct {
	title, place string
	signedOn     time.Time // the ceremony; signatures are confirmed that morning
	preamble     string
	commitments  []string
	position     string   // printed under each member's signature
	allSigned    bool     // every member signed: the pledge is final
	signed       []string // otherwise, the members who have signed
	amend        *amendSpec
}

// amendSpec amends a final pledge: version 2 starts unsigned, the head adds
// a commitment, and some members sign again.
type amendSpec struct {
	reason   string
	add      string
	signedOn time.Time
	signed   []string
}

// Commitments, built from the indicators named in the seeds (domain.md §3,
// §5). The targets are the sector's usual ones; the wording is demo.
var (
	commitmentsNational = []string{
		"Giải quyết 100% tin báo, tố giác về tội phạm và kiến nghị khởi tố đúng thời hạn luật định.",
		"Giải quyết đúng hạn 100% số vụ án hình sự ở giai đoạn điều tra; không để án quá hạn điều tra.",
		"Truy tố đúng người, đúng tội, đúng pháp luật đạt 100%.",
		"Không để xảy ra trường hợp bị can do Viện kiểm sát truy tố mà Tòa án tuyên không phạm tội.",
		"Mỗi Kiểm sát viên tổ chức ít nhất 01 phiên tòa rút kinh nghiệm hình sự và 01 phiên tòa rút kinh nghiệm dân sự, hành chính trong năm.",
		"Tỷ lệ kiến nghị, kháng nghị được chấp nhận đạt và vượt chỉ tiêu của Ngành.",
	}
	commitmentsDepartments = []string{
		"Hướng dẫn, chỉ đạo nghiệp vụ kịp thời cho VKSND khu vực; trả lời thỉnh thị đúng hạn 100%.",
		"Giải quyết đúng hạn 100% án hình sự, tin báo thuộc thẩm quyền cấp tỉnh.",
		"Mỗi phòng ban hành ít nhất 02 thông báo rút kinh nghiệm nghiệp vụ trong năm.",
		"Không có án bị hủy, cải sửa do lỗi chủ quan của Kiểm sát viên.",
	}
	commitmentsRegional = []string{
		"Giải quyết 100% tin báo, tố giác về tội phạm đúng hạn.",
		"Truy tố đúng người, đúng tội, đúng pháp luật đạt 100%; không có bị can Tòa án tuyên không phạm tội.",
		"Mỗi Kiểm sát viên tham gia ít nhất 02 phiên tòa rút kinh nghiệm trong năm.",
		"Kiến nghị phòng ngừa vi phạm, tội phạm được chấp nhận đạt trên 90%.",
	}
)

// preambleFor is the usual opening of a pledge, with the demo label.
func preambleFor(year int, who string) string {
	return fmt.Sprintf("Thực hiện Chỉ thị công tác năm %d của Viện trưởng VKSND tối cao và Kế hoạch thi đua của Ngành, "+
		"các đơn vị thành viên %s thống nhất ký kết giao ước thi đua với các nội dung sau. "+
		"(Nội dung cam kết và họ tên người ký là dữ liệu mẫu.)", year, who)
}

// historicalClusters are the clusters of 2020, 2021 and 2024.
func historicalClusters() []clusterSpec {
	cluster6 := []string{thanhHoa, prov("Nghệ An"), prov("Hà Tĩnh"), prov("Quảng Bình"), prov("Quảng Trị"), prov("Thừa Thiên Huế")}
	return []clusterSpec{
		{year: 2020, number: 6, name: "Bắc Trung Bộ", members: cluster6,
			head: thanhHoa, deputy: prov("Nghệ An"), nominated: prov("Quảng Trị"),
			ref:  "Quyết định của Viện trưởng VKSND tối cao " + demoMark,
			note: "Cụm trưởng và thành viên theo bài tường thuật hội nghị ngày 30/11/2020; Cụm phó là dữ liệu mẫu."},
		// Copied by CopyYear: the rotation suggests Nghệ An (next after Thanh
		// Hóa) and the nominated Quảng Trị, which is what was designated.
		{year: 2021, number: 6, name: "Bắc Trung Bộ", members: cluster6, copied: true,
			head: prov("Nghệ An"), deputy: prov("Quảng Trị"),
			ref: "Quyết định của Viện trưởng VKSND tối cao (số hiệu là dữ liệu mẫu)",
			pledge: &pledgeSpec{title: "Giao ước thi đua năm 2021", place: "Thanh Hóa", signedOn: date(2020, 11, 30),
				preamble: "Tại hội nghị tổng kết thi đua Cụm năm 2020, các đơn vị thành viên Cụm thi đua số 6 phát động và ký kết " +
					"giao ước thi đua năm 2021. (Ngày, địa điểm ký theo bài tường thuật hội nghị; nội dung cam kết và họ tên người ký là dữ liệu mẫu.)",
				commitments: commitmentsNational, position: "Viện trưởng", allSigned: true}},
		{year: 2024, number: 13, members: []string{prov("Trà Vinh"), prov("Sóc Trăng"), prov("Bến Tre"), prov("Bạc Liêu"), prov("Cà Mau"), prov("Kiên Giang")},
			head: prov("Trà Vinh"), deputy: prov("Sóc Trăng"),
			ref:  "Quyết định của Viện trưởng VKSND tối cao (số hiệu là dữ liệu mẫu)",
			note: "Thành viên, Cụm trưởng, Cụm phó và ngày ký giao ước theo tư liệu năm 2024; tên cụm chưa xác định.",
			pledge: &pledgeSpec{title: "Giao ước thi đua năm 2024", place: "Trà Vinh", signedOn: date(2024, 3, 29),
				preamble: preambleFor(2024, "Cụm thi đua số 13"), commitments: commitmentsNational, position: "Viện trưởng", allSigned: true}},
	}
}

// currentClusters groups the 34 provinces of 1/7/2025 by region. The
// post-merger grouping is not public: this one is demo. The pledges show
// every state: final, draft with some signatures, none yet, and amended.
func currentClusters(y int) []clusterSpec {
	ref := fmt.Sprintf("Quyết định số 25/QĐ-VKSTC ngày 08/01/%d của Viện trưởng VKSND tối cao %s", y, demoMark)
	pledge := func(place string, day int) *pledgeSpec {
		return &pledgeSpec{title: fmt.Sprintf("Giao ước thi đua năm %d", y), place: place, signedOn: date(y, 3, day),
			commitments: commitmentsNational, position: "Viện trưởng"}
	}
	final := func(p *pledgeSpec) *pledgeSpec { p.allSigned = true; return p }
	signedBy := func(p *pledgeSpec, codes ...string) *pledgeSpec { p.signed = codes; return p }

	specs := []clusterSpec{
		{number: 1, name: "Miền núi phía Bắc – Tây Bắc",
			members: []string{prov("Sơn La"), prov("Điện Biên"), prov("Lai Châu"), merged("Lào Cai"), merged("Phú Thọ")},
			head:    prov("Sơn La"), deputy: merged("Lào Cai"),
			pledge: final(pledge("Sơn La", 12))},
		// Cao Bằng is a member but was excluded from the 2025 review: it may
		// be neither head nor deputy (try it on the designation form).
		{number: 2, name: "Miền núi phía Bắc – Đông Bắc",
			members: []string{prov("Quảng Ninh"), merged("Thái Nguyên"), merged("Tuyên Quang"), prov("Cao Bằng"), prov("Lạng Sơn")},
			head:    prov("Quảng Ninh"), deputy: merged("Thái Nguyên"),
			pledge: signedBy(pledge("Quảng Ninh", 20), prov("Quảng Ninh"), merged("Thái Nguyên"), prov("Lạng Sơn"))},
		{number: 3, name: "Đồng bằng sông Hồng",
			members: []string{prov("Hà Nội"), merged("Hải Phòng"), merged("Bắc Ninh"), merged("Hưng Yên"), merged("Ninh Bình")},
			head:    prov("Hà Nội"), deputy: merged("Hải Phòng"),
			pledge: func() *pledgeSpec {
				p := final(pledge("Hà Nội", 6))
				p.amend = &amendSpec{
					reason:   "Bổ sung cam kết về phiên tòa trực tuyến theo chỉ đạo của VKSND tối cao " + demoMark,
					add:      "Phối hợp với Tòa án tổ chức ít nhất 02 phiên tòa trực tuyến trong năm.",
					signedOn: date(y, 7, 10), signed: []string{prov("Hà Nội"), merged("Ninh Bình")}}
				return p
			}()},
		// The demo officers' cluster: Thanh Hóa (canbo.thanhhoa) heads it
		// and has signed; Nghệ An (canbo.nghean) has still to sign.
		{number: 4, name: "Bắc Trung Bộ",
			members: []string{thanhHoa, prov("Nghệ An"), prov("Hà Tĩnh"), merged("Quảng Trị"), prov("Huế")},
			head:    thanhHoa, deputy: prov("Hà Tĩnh"),
			pledge: signedBy(pledge("Thanh Hóa", 27), thanhHoa, prov("Huế"))},
		{number: 5, name: "Trung Trung Bộ và Tây Nguyên",
			members: []string{merged("Đà Nẵng"), merged("Quảng Ngãi"), merged("Gia Lai"), merged("Đắk Lắk")},
			head:    merged("Gia Lai"), deputy: merged("Đà Nẵng")}, // no pledge drafted yet
		{number: 6, name: "Nam Trung Bộ và Đông Nam Bộ",
			members: []string{merged("Hồ Chí Minh"), merged("Đồng Nai"), merged("Tây Ninh"), merged("Lâm Đồng"), merged("Khánh Hòa")},
			head:    merged("Đồng Nai"), deputy: merged("Khánh Hòa"),
			pledge: final(pledge("Đồng Nai", 18))},
		{number: 7, name: "Đồng bằng sông Cửu Long",
			members: []string{merged("Cần Thơ"), merged("Vĩnh Long"), merged("Đồng Tháp"), merged("An Giang"), merged("Cà Mau")},
			head:    merged("Vĩnh Long"), deputy: merged("An Giang"),
			pledge: final(pledge("Vĩnh Long", 25))},
	}
	for i := range specs {
		s := &specs[i]
		s.year, s.ref, s.follower = y, ref, "hoidong"
		s.note = strings.TrimSpace(s.note + fmt.Sprintf(" Cách chia cụm năm %d là dữ liệu mẫu: cách nhóm 34 tỉnh, thành phố sau sắp xếp chưa được công bố.", y))
		if s.pledge != nil {
			s.pledge.preamble = preambleFor(y, fmt.Sprintf("Cụm thi đua số %d", s.number))
		}
	}

	// Thanh Hóa's blocs. Văn phòng (P1) stays outside: it is not a
	// professional department.
	blocRef := fmt.Sprintf("Quyết định số 12/QĐ-VKSTH ngày 12/01/%d của Viện trưởng VKSND tỉnh Thanh Hóa %s", y, demoMark)
	specs = append(specs,
		clusterSpec{year: y, owner: thanhHoa, number: 1, name: "Khối các phòng nghiệp vụ", note: "Thành phần khối là dữ liệu mẫu.",
			members: []string{thanhHoa + "-P2", thanhHoa + "-P3", thanhHoa + "-P4"},
			head:    thanhHoa + "-P2", deputy: thanhHoa + "-P3", ref: blocRef,
			pledge: &pledgeSpec{title: fmt.Sprintf("Giao ước thi đua năm %d – Khối các phòng nghiệp vụ", y), place: "Thanh Hóa",
				signedOn: date(y, 2, 10), preamble: preambleFor(y, "Khối các phòng nghiệp vụ VKSND tỉnh Thanh Hóa"),
				commitments: commitmentsDepartments, position: "Trưởng phòng", signed: []string{thanhHoa + "-P2"}}},
		clusterSpec{year: y, owner: thanhHoa, number: 2, name: "Khối VKSND khu vực", note: "Thành phần khối là dữ liệu mẫu.",
			members: []string{thanhHoa + "-KV1", thanhHoa + "-KV2", thanhHoa + "-KV3"},
			head:    thanhHoa + "-KV1", deputy: thanhHoa + "-KV2", ref: blocRef,
			pledge: &pledgeSpec{title: fmt.Sprintf("Giao ước thi đua năm %d – Khối VKSND khu vực", y), place: "Thanh Hóa",
				signedOn: date(y, 2, 12), preamble: preambleFor(y, "Khối VKSND khu vực tỉnh Thanh Hóa"),
				commitments: commitmentsRegional, position: "Viện trưởng", allSigned: true}},
	)
	return specs
}

// currentRegistrations are the đăng ký thi đua of members of "Bắc Trung Bộ"
// (Nghệ An has none: it missed the 31/1 deadline) and of cluster 1, whose
// flag vote the demo holds (a candidate must have registered). Names are
// demo.
var currentRegistrations = []struct {
	unit       string
	collective award.Title
	people     []cluster.RegisteredPerson
}{
	{thanhHoa, award.TapTheLaoDongXuatSac, []cluster.RegisteredPerson{
		{FullName: "Lê Văn Thắng", Position: "Phó Viện trưởng", Title: award.ChienSiThiDuaCoSo},
		{FullName: "Nguyễn Thị Hồng Nhung", Position: "Kiểm sát viên trung cấp", Title: award.ChienSiThiDuaCoSo},
		{FullName: "Trịnh Đình Khoa", Position: "Kiểm sát viên sơ cấp", Title: award.LaoDongTienTien},
		{FullName: "Hoàng Thị Mai", Position: "Kiểm tra viên", Title: award.LaoDongTienTien},
		{FullName: "Lê Quang Huy", Position: "Chuyên viên, Văn phòng", Title: award.LaoDongTienTien},
		{FullName: "Phạm Thị Thu Trang", Position: "Kiểm sát viên sơ cấp", Title: award.LaoDongTienTien},
	}},
	{prov("Hà Tĩnh"), award.TapTheLaoDongTienTien, []cluster.RegisteredPerson{
		{FullName: "Trần Đình Phúc", Position: "Viện trưởng", Title: award.ChienSiThiDuaCoSo},
		{FullName: "Võ Thị Hà", Position: "Kiểm sát viên trung cấp", Title: award.LaoDongTienTien},
		{FullName: "Nguyễn Hữu Tài", Position: "Kiểm sát viên sơ cấp", Title: award.LaoDongTienTien},
	}},
	{merged("Quảng Trị"), award.TapTheLaoDongTienTien, []cluster.RegisteredPerson{
		{FullName: "Hồ Văn Lợi", Position: "Phó Viện trưởng", Title: award.LaoDongTienTien},
		{FullName: "Lê Thị Kim Oanh", Position: "Kiểm tra viên chính", Title: award.LaoDongTienTien},
	}},
	{prov("Huế"), award.TapTheLaoDongXuatSac, []cluster.RegisteredPerson{
		{FullName: "Tôn Thất Minh", Position: "Phó Viện trưởng", Title: award.ChienSiThiDuaCoSo},
		{FullName: "Nguyễn Phước Bảo", Position: "Kiểm sát viên trung cấp", Title: award.LaoDongTienTien},
		{FullName: "Hoàng Thị Diệu Linh", Position: "Kiểm sát viên sơ cấp", Title: award.LaoDongTienTien},
		{FullName: "Phan Văn Khánh", Position: "Kiểm tra viên", Title: award.LaoDongTienTien},
	}},
	{merged("Lào Cai"), award.CoThiDuaNganh, nil},
	{prov("Sơn La"), award.TapTheLaoDongXuatSac, nil},
	{prov("Điện Biên"), award.TapTheLaoDongXuatSac, nil},
	{prov("Lai Châu"), award.TapTheLaoDongTienTien, nil},
	{merged("Phú Thọ"), award.TapTheLaoDongXuatSac, nil},
}

// signerNames are the demo names printed under the members' signatures,
// handed out one per unit in the order units first sign.
var signerNames = []string{
	"Nguyễn Văn Hùng", "Trần Thị Minh Huệ", "Lê Đình Sơn", "Phạm Quốc Toản", "Hoàng Văn Nam", "Võ Thị Thanh Hương",
	"Đặng Minh Tuấn", "Bùi Xuân Trường", "Đỗ Thị Lan", "Hồ Sỹ Hải", "Ngô Quang Vinh", "Dương Văn Long",
	"Nguyễn Thị Thu Hà", "Trịnh Văn Cường", "Lương Văn Phong", "Đinh Công Thành", "Mai Thị Hạnh", "Vũ Đức Thắng",
	"Phan Thanh Bình", "Tạ Minh Đức", "Nguyễn Hữu Quang", "Lò Văn Pánh", "Hà Thị Nguyệt", "Cao Văn Dũng",
	"Trương Công Hậu", "Lâm Văn Tư", "Huỳnh Thị Ngọc Ánh", "Kiều Văn Khải", "Châu Minh Trí", "Thạch Sô Phol",
	"Nguyễn Văn Lộc", "Trần Quang Khải", "Lê Thị Hoài Thu", "Phạm Văn Kiên", "Đoàn Ngọc Hải", "Vương Đình Chiến",
	"Nguyễn Thành Công", "Trần Văn Tiến", "Lê Hữu Nghĩa", "Phùng Thị Yến", "Hoàng Minh Khôi", "Nguyễn Đức Anh",
	"Bạch Văn Sáng", "Tô Thị Bích", "Lý Văn Hòa", "Quách Văn Tâm", "Âu Dương Phát", "Mạc Thị Hòa",
}

// seeder carries what the steps share.
type seeder struct {
	ctx     context.Context
	a       *app.App
	q       *store.Q         // the seed's transaction, for what it reads itself
	ids     map[string]int64 // unit code → id
	users   map[string]int64 // demo user name → id
	signers map[string]string
	sch     Schedule
}

// newSeeder finds the demo users' ids.
func newSeeder(ctx context.Context, a *app.App, q *store.Q, ids map[string]int64, sch Schedule) (*seeder, error) {
	s := &seeder{ctx: ctx, a: a, q: q, ids: ids, users: map[string]int64{}, signers: map[string]string{}, sch: sch}
	for _, u := range DemoUsers {
		user, err := q.UserByName(ctx, u.Username)
		if err != nil {
			return nil, fmt.Errorf("seed: demo user %s: %w", u.Username, err)
		}
		s.users[u.Username] = user.ID
	}
	return s, nil
}

// demoClusters loads the emulation cycle's demo (Demo runs it in one
// transaction: it is all there or not at all).
func (s *seeder) demoClusters() error {
	ctx, a, ids := s.ctx, s.a, s.ids
	hist, current := historicalClusters(), currentClusters(s.sch.Year)
	if err := checkCodes(ids, hist, current); err != nil {
		return err
	}
	for _, y := range s.sch.demoYears() {
		if err := s.openYear(y); err != nil {
			return err
		}
	}
	for _, e := range demoExclusions {
		if err := a.SetExclusion(ctx, auth.System, s.sch.shift(e.year), ids[e.unit], e.reason); err != nil {
			return fmt.Errorf("seed exclusion %s %d: %w", e.unit, e.year, err)
		}
	}
	for _, c := range hist {
		if c.copied {
			if _, err := a.CopyYear(ctx, auth.System, c.year-1); err != nil {
				return fmt.Errorf("seed: copy clusters %d → %d: %w", c.year-1, c.year, err)
			}
		}
		if err := s.cluster(c); err != nil {
			return err
		}
	}
	for _, c := range current {
		if err := s.cluster(c); err != nil {
			return err
		}
	}
	return s.registrations()
}

// checkCodes fails with every unit code the tables name that the demo
// structure does not have, rather than seeding half a cluster.
func checkCodes(ids map[string]int64, specs ...[]clusterSpec) error {
	var missing []string
	need := func(code string) {
		if _, ok := ids[code]; !ok && code != "" && !slices.Contains(missing, code) {
			missing = append(missing, code)
		}
	}
	for _, list := range specs {
		for _, c := range list {
			for _, code := range append([]string{c.owner, c.head, c.deputy, c.nominated}, c.members...) {
				need(code)
			}
		}
	}
	for _, e := range demoExclusions {
		need(e.unit)
	}
	for _, r := range currentRegistrations {
		need(r.unit)
	}
	if len(missing) > 0 {
		return fmt.Errorf("seed: the cluster demo names units missing from the demo structure: %s", strings.Join(missing, ", "))
	}
	return nil
}

// openYear opens a year unless it is open already (someone may have
// opened an earlier year by hand; its dates are theirs).
func (s *seeder) openYear(y int) error {
	if _, err := s.q.Year(s.ctx, y); err == nil {
		return nil
	} else if errs.CodeOf(err) != errs.NotFound {
		return err
	}
	if _, err := s.a.SaveYear(s.ctx, auth.System, s.sch.yearOf(y)); err != nil {
		return fmt.Errorf("seed year %d: %w", y, err)
	}
	return nil
}

// officer is who signs or registers for a unit in the demo: the unit's
// demo officer where there is one, so those lines pass the same checks as
// in use; otherwise the system itself, which the history shows as such
// rather than pretending a person did it.
func (s *seeder) officer(code string) auth.Principal {
	for _, u := range DemoUsers {
		if u.Role == string(auth.RoleOfficer) && u.UnitCode == code {
			return auth.Principal{UserID: s.users[u.Username], Username: u.Username, Role: auth.RoleOfficer, UnitID: s.ids[code]}
		}
	}
	return auth.System
}

// at runs fn with the app's clock set to t: signatures and deadlines are
// checked against a.Now, and the demo happens on past dates.
func (s *seeder) at(t time.Time, fn func() error) error {
	now := s.a.Now
	s.a.Now = func() time.Time { return t }
	defer func() { s.a.Now = now }()
	return fn()
}

func (s *seeder) codes(codes []string) []int64 {
	out := make([]int64, len(codes))
	for i, c := range codes {
		out[i] = s.ids[c]
	}
	return out
}

func (s *seeder) idPtr(code string) *int64 {
	if code == "" {
		return nil
	}
	id := s.ids[code]
	return &id
}

// cluster creates (or, when copied, finds) the cluster, designates its head
// and deputy, and drafts, signs and amends its pledge.
func (s *seeder) cluster(c clusterSpec) error {
	level := cluster.National
	if c.owner != "" {
		level = cluster.Bloc
	}
	label := fmt.Sprintf("%s số %d năm %d", level.Label(), c.number, c.year)
	fail := func(step string, err error) error { return fmt.Errorf("seed %s: %s: %w", label, step, err) }

	var saved cluster.Cluster
	if c.copied {
		found, err := s.q.Clusters(s.ctx, cluster.Filter{Year: c.year, Level: level, Owner: s.idPtr(c.owner)})
		if err != nil {
			return fail("find", err)
		}
		i := slices.IndexFunc(found, func(f cluster.Cluster) bool { return f.Number == c.number })
		if i < 0 || !slices.Equal(found[i].Members, s.codes(c.members)) {
			return fail("copy", fmt.Errorf("the copy from %d does not have the members the demo expects", c.year-1))
		}
		saved = found[i]
	} else {
		in := app.ClusterInput{Year: c.year, Level: string(level), Number: c.number, Name: c.name, OwnerUnitID: s.idPtr(c.owner),
			Members: s.codes(c.members), NominatedDeputyID: s.idPtr(c.nominated), Note: c.note}
		if c.follower != "" {
			id := s.users[c.follower]
			in.FollowerUserID = &id
		}
		v, err := s.a.SaveCluster(s.ctx, auth.System, 0, in)
		if err != nil {
			return fail("create", err)
		}
		saved = v.Cluster
	}
	if c.head != "" {
		d := cluster.Designation{HeadUnitID: s.ids[c.head], DeputyUnitID: s.ids[c.deputy], Ref: c.ref}
		if _, err := s.a.Designate(s.ctx, auth.System, saved.ID, saved.Version, d); err != nil {
			return fail("designate", err)
		}
	}
	if c.pledge == nil {
		return nil
	}
	if err := s.pledge(saved, c); err != nil {
		return fail("pledge", err)
	}
	return nil
}

// pledge drafts the pledge with a signature line per member, has the
// members who signed confirm on the ceremony's morning, and amends it.
func (s *seeder) pledge(c cluster.Cluster, spec clusterSpec) error {
	p := spec.pledge
	lines := map[int64]cluster.SignatureLine{}
	for _, code := range spec.members {
		lines[s.ids[code]] = cluster.SignatureLine{Representative: s.signerName(code), Position: p.position}
	}
	var commitments []cluster.Commitment
	for i, text := range p.commitments {
		commitments = append(commitments, cluster.Commitment{No: i + 1, Text: text})
	}
	signedOn := p.signedOn
	content := cluster.PledgeContent{Title: p.title, Place: p.place, SignedOn: &signedOn, Preamble: p.preamble,
		Commitments: commitments, Lines: lines}
	pl, err := s.a.SavePledge(s.ctx, auth.System, c.ID, 0, content)
	if err != nil {
		return err
	}
	signed := p.signed
	if p.allSigned {
		signed = spec.members
	}
	if err := s.sign(pl.ID, p.signedOn, signed); err != nil {
		return err
	}
	if p.amend == nil {
		return nil
	}
	if !p.allSigned {
		return fmt.Errorf("only a final pledge can be amended")
	}
	v2, err := s.a.AmendPledge(s.ctx, auth.System, c.ID, p.amend.reason)
	if err != nil {
		return err
	}
	amendedOn := p.amend.signedOn
	content.SignedOn = &amendedOn
	content.Commitments = append(slices.Clone(commitments), cluster.Commitment{No: len(commitments) + 1, Text: p.amend.add})
	if v2, err = s.a.SavePledge(s.ctx, auth.System, c.ID, v2.Version, content); err != nil {
		return err
	}
	return s.sign(v2.ID, p.amend.signedOn, p.amend.signed)
}

// sign confirms the members' signatures, a minute apart from 9:00 that day.
func (s *seeder) sign(pledgeID int64, day time.Time, codes []string) error {
	for i, code := range codes {
		when := morning(day.Year(), day.Month(), day.Day()).Add(time.Duration(i) * time.Minute)
		err := s.at(when, func() error {
			_, err := s.a.SignPledge(s.ctx, s.officer(code), pledgeID, s.ids[code], cluster.SignatureLine{})
			return err
		})
		if err != nil {
			return fmt.Errorf("sign for %s: %w", code, err)
		}
	}
	return nil
}

// signerName gives each unit one demo name, the same in every year.
func (s *seeder) signerName(code string) string {
	if n, ok := s.signers[code]; ok {
		return n
	}
	n := signerNames[len(s.signers)%len(signerNames)]
	s.signers[code] = n
	return n
}

// registrations records the current year's registrations as if made in mid-January,
// before the deadline that has since passed.
func (s *seeder) registrations() error {
	when := morning(s.sch.Year, 1, 15)
	for _, r := range currentRegistrations {
		reg := cluster.Registration{Year: s.sch.Year, UnitID: s.ids[r.unit], CollectiveTitle: r.collective,
			People: slices.Clone(r.people), Note: "Đăng ký tại hội nghị cán bộ, công chức đầu năm " + demoMark}
		err := s.at(when, func() error {
			_, err := s.a.SaveRegistration(s.ctx, s.officer(r.unit), reg)
			return err
		})
		if err != nil {
			return fmt.Errorf("seed registration %s: %w", r.unit, err)
		}
	}
	return nil
}
