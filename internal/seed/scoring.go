package seed

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/scoring"
	"thidua/internal/store"
)

// The demo's scoring: the 2026 criteria tables (national, and one for
// Thanh Hóa's blocs), the same national table for 2025 so "copy last
// year's" has something to copy, and the 2026 self-assessments in every
// state, made through the service layer on dates before the 30/11
// deadline, so totals, history and rankings are what use would give.
//
// The table is modelled on ../shared/domain.md §5 from the indicators named
// in seed 002 (VKSND huyện Tiểu Cần); its targets are configuration, and
// the ones here are demo, as the table's name says. The figures are drawn
// from a generator seeded by each unit's code, so every run gives the same
// demo.

// demoCycle loads the emulation cycle: clusters, pledges and registrations
// (clusters.go), then the scoring (this file). Each step skips itself when
// it is already there.
func demoCycle(ctx context.Context, a *app.App, tx *store.Q, ids map[string]int64, sch Schedule) error {
	// The first history year marks the cycle as loaded: running the seed
	// again, on any day, changes nothing.
	switch _, err := tx.Year(ctx, historyYears[0]); {
	case err == nil:
		return nil
	case errs.CodeOf(err) != errs.NotFound:
		return err
	}
	s, err := newSeeder(ctx, a, tx, ids, sch)
	if err != nil {
		return err
	}
	if err := s.demoClusters(); err != nil {
		return err
	}
	if err := s.demoScoring(); err != nil {
		return err
	}
	return s.demoPeopleAwards()
}

// Table names; %d is the year.
const (
	nationalTableName = "Bảng tiêu chí chấm điểm thi đua năm %d – VKSND cấp tỉnh " + demoMark
	blocTableName     = "Bảng tiêu chí chấm điểm thi đua năm %d – khối thi đua VKSND tỉnh Thanh Hóa " + demoMark
)

// critSpec is one row of a demo table, with how the demo draws a unit's
// answer to it.
type critSpec struct {
	parent string // the parent's code
	c      scoring.Criterion
	gen    gen    // indicators: draws the unit's figures
	miss   string // indicators: the unit's explanation when it misses the target
	cut    string // fixed rows: why a reviewer gives less than declared
}

// gen draws a unit's figures for an indicator.
type gen func(d *draw, c scoring.Criterion) scoring.Entry

func pct(v float64) *float64 { return &v }

func group(parent, code, name string, max float64) critSpec {
	return critSpec{parent: parent, c: scoring.Criterion{Code: code, Name: name, Method: scoring.Group, Max: max}}
}

func fixed(parent, code, name string, max float64, cut string) critSpec {
	return critSpec{parent: parent, c: scoring.Criterion{Code: code, Name: name, Method: scoring.Fixed, Max: max}, cut: cut}
}

// evidenceStats is where a unit's figures come from.
const evidenceStats = "Biểu thống kê nghiệp vụ kỳ 11 tháng năm thi đua " + demoMark

// nationalCriteria is the demo table of provincial procuracies: six groups
// summing to 100 points, a bonus capped at 5 and an uncapped deduction.
// Targets are demo; where the National Assembly's and the sector's differ,
// the stricter one decides the points.
func nationalCriteria() []critSpec {
	H, L, Z := scoring.Higher, scoring.Lower, scoring.Zero
	prop, none := scoring.Proportional, scoring.Nothing
	ind := scoring.Indicator
	return []critSpec{
		group("", "I", "Thực hành quyền công tố, kiểm sát điều tra", 30),
		group("I", "1", "Thụ lý, giải quyết tố giác, tin báo về tội phạm và kiến nghị khởi tố", 10),
		{parent: "1", c: scoring.Criterion{Code: "1.1", Method: ind, Max: 6,
			Name:        "Tỷ lệ tố giác, tin báo về tội phạm và kiến nghị khởi tố được giải quyết đúng thời hạn",
			Numerator:   "Số tố giác, tin báo về tội phạm và kiến nghị khởi tố đã giải quyết xong trong thời hạn luật định (kể cả gia hạn)",
			Denominator: "Tổng số tố giác, tin báo về tội phạm và kiến nghị khởi tố phải giải quyết trong kỳ (không tính số tạm đình chỉ giải quyết, số chuyển cơ quan khác theo thẩm quyền)",
			Direction:   H, TargetNA: pct(90), TargetSector: pct(95), ExceedBonus: 0.5, Below: prop},
			gen:  rate(420, 0.88, 0.3),
			miss: "Một số tin báo phải chờ kết quả giám định tư pháp, định giá tài sản nên giải quyết quá hạn " + demoMark},
		{parent: "1", c: scoring.Criterion{Code: "1.2", Method: ind, Max: 4,
			Name:        "Tỷ lệ tố giác, tin báo về tội phạm và kiến nghị khởi tố được kiểm sát ngay từ khi thụ lý",
			Numerator:   "Số tố giác, tin báo về tội phạm và kiến nghị khởi tố được Viện kiểm sát kiểm sát việc giải quyết ngay từ khi thụ lý",
			Denominator: "Tổng số tố giác, tin báo về tội phạm và kiến nghị khởi tố mà Cơ quan điều tra, cơ quan được giao nhiệm vụ tiến hành một số hoạt động điều tra đã thụ lý trong kỳ",
			Direction:   H, TargetSector: pct(100), Below: prop},
			gen: rate(430, 0.96, 0.7)},
		{parent: "I", c: scoring.Criterion{Code: "2", Method: ind, Max: 5,
			Name:        "Tỷ lệ án hình sự được giải quyết đúng thời hạn ở giai đoạn điều tra",
			Numerator:   "Số vụ án hình sự đã giải quyết (kết thúc điều tra, đình chỉ, tạm đình chỉ có căn cứ) trong thời hạn điều tra",
			Denominator: "Tổng số vụ án hình sự phải giải quyết ở giai đoạn điều tra trong kỳ (thụ lý mới và kỳ trước chuyển sang)",
			Direction:   H, TargetSector: pct(100), Below: prop},
			gen:  rate(320, 0.96, 0.6),
			miss: "Một số vụ án phải ủy thác tư pháp, chờ kết quả giám định nên kết thúc điều tra chậm " + demoMark},
		{parent: "I", c: scoring.Criterion{Code: "3", Method: ind, Max: 5,
			Name:        "Tỷ lệ truy tố đúng người, đúng tội, đúng pháp luật",
			Numerator:   "Số bị can Viện kiểm sát truy tố đúng người, đúng tội, đúng pháp luật (không bị Tòa án trả hồ sơ, tuyên không phạm tội hoặc xét xử khác tội danh do lỗi của Viện kiểm sát)",
			Denominator: "Tổng số bị can Viện kiểm sát đã truy tố trong kỳ",
			Direction:   H, TargetSector: pct(100), Below: none},
			gen:  rate(480, 0.99, 0.8),
			miss: "Tòa án xét xử khác tội danh truy tố đối với một bị can; đơn vị đã ban hành thông báo rút kinh nghiệm " + demoMark},
		{parent: "I", c: scoring.Criterion{Code: "4", Method: ind, Max: 5,
			Name:      "Không có bị can do Viện kiểm sát truy tố mà Tòa án tuyên không phạm tội",
			Numerator: "Số bị can do Viện kiểm sát truy tố bị Tòa án tuyên không phạm tội bằng bản án đã có hiệu lực pháp luật",
			Direction: Z},
			gen:  zero(0.88),
			miss: "Một bị can bị Tòa án cấp phúc thẩm tuyên không phạm tội; đơn vị đã kiểm điểm trách nhiệm " + demoMark},
		{parent: "I", c: scoring.Criterion{Code: "5", Method: ind, Max: 5,
			Name:      "Vụ án trọng điểm được phối hợp xác định và giải quyết",
			Numerator: "Số vụ án được Viện kiểm sát phối hợp với Cơ quan điều tra, Tòa án xác định là trọng điểm và đã giải quyết theo yêu cầu",
			Direction: H, TargetSector: pct(4), ExceedBonus: 0.5, Below: prop},
			gen: count(2)},

		group("", "II", "Kiểm sát xét xử các vụ án hình sự, dân sự, hành chính", 25),
		group("II", "6", "Phiên tòa rút kinh nghiệm (bình quân trên một Kiểm sát viên)", 8),
		{parent: "6", c: scoring.Criterion{Code: "6.1", Method: ind, Max: 4,
			Name:      "Phiên tòa hình sự rút kinh nghiệm bình quân trên một Kiểm sát viên",
			Numerator: "Số phiên tòa hình sự rút kinh nghiệm bình quân trên một Kiểm sát viên làm công tác thực hành quyền công tố, kiểm sát xét xử (đơn vị tự tính, lấy một chữ số thập phân)",
			Direction: H, TargetSector: pct(2), Below: prop},
			gen: average(1.5, 3.0)},
		{parent: "6", c: scoring.Criterion{Code: "6.2", Method: ind, Max: 4,
			Name:      "Phiên tòa dân sự, hành chính rút kinh nghiệm bình quân trên một Kiểm sát viên",
			Numerator: "Số phiên tòa dân sự, hành chính rút kinh nghiệm bình quân trên một Kiểm sát viên làm công tác kiểm sát giải quyết án dân sự, hành chính (đơn vị tự tính, lấy một chữ số thập phân)",
			Direction: H, TargetSector: pct(1), Below: prop},
			gen: average(0.7, 1.6)},
		{parent: "II", c: scoring.Criterion{Code: "7", Method: ind, Max: 5,
			Name:      "Phiên tòa xét xử trực tuyến",
			Numerator: "Số phiên tòa xét xử trực tuyến Viện kiểm sát đã phối hợp với Tòa án tổ chức và tham gia",
			Direction: H, TargetSector: pct(6), Below: prop},
			gen:  count(3),
			miss: "Tòa án chưa bố trí đủ điểm cầu trực tuyến tại các khu vực miền núi " + demoMark},
		{parent: "II", c: scoring.Criterion{Code: "8", Method: ind, Max: 6,
			Name:        "Tỷ lệ kháng nghị phúc thẩm được Tòa án chấp nhận",
			Numerator:   "Số vụ án bị Viện kiểm sát kháng nghị phúc thẩm được Tòa án cấp phúc thẩm chấp nhận (toàn bộ hoặc một phần)",
			Denominator: "Tổng số vụ án bị Viện kiểm sát kháng nghị phúc thẩm đã được Tòa án cấp phúc thẩm xét xử trong kỳ (không tính số đã rút kháng nghị)",
			Direction:   H, TargetNA: pct(70), TargetSector: pct(75), ExceedBonus: 0.5, Below: prop},
			gen: sometimes(0.1, "Trong kỳ không có vụ án nào do đơn vị kháng nghị phúc thẩm được Tòa án cấp phúc thẩm xét xử "+demoMark,
				rate(12, 0.55, 0.2))},
		{parent: "II", c: scoring.Criterion{Code: "9", Method: ind, Max: 6,
			Name:        "Tỷ lệ án bị hủy có lỗi chủ quan của Viện kiểm sát",
			Numerator:   "Số vụ án bị cấp phúc thẩm, giám đốc thẩm hủy để điều tra, xét xử lại có lỗi chủ quan của Viện kiểm sát",
			Denominator: "Tổng số vụ án do Viện kiểm sát cùng cấp và cấp dưới tham gia xét xử sơ thẩm đã được xét xử phúc thẩm, giám đốc thẩm trong kỳ",
			Direction:   L, TargetSector: pct(1), Below: prop},
			gen:  lowRate(210, 0.02),
			miss: "Đơn vị đã tổ chức rút kinh nghiệm các vụ án bị hủy " + demoMark},

		group("", "III", "Kiểm sát tạm giữ, tạm giam, thi hành án", 15),
		{parent: "III", c: scoring.Criterion{Code: "10", Method: ind, Max: 4,
			Name:      "Kiểm sát trực tiếp việc tạm giữ, tạm giam và thi hành án hình sự",
			Numerator: "Số cuộc kiểm sát trực tiếp nhà tạm giữ, trại tạm giam, cơ quan thi hành án hình sự và Ủy ban nhân dân cấp xã đã kết thúc, có kết luận",
			Direction: H, TargetSector: pct(6), Below: prop},
			gen: count(3)},
		{parent: "III", c: scoring.Criterion{Code: "11", Method: ind, Max: 4,
			Name:        "Tỷ lệ quyết định về thi hành án dân sự được kiểm sát",
			Numerator:   "Số quyết định về thi hành án dân sự đã được Viện kiểm sát kiểm sát",
			Denominator: "Tổng số quyết định về thi hành án dân sự do cơ quan thi hành án dân sự gửi đến trong kỳ",
			Direction:   H, TargetSector: pct(100), Below: prop},
			gen: rate(2100, 0.97, 0.6)},
		{parent: "III", c: scoring.Criterion{Code: "12", Method: ind, Max: 4,
			Name:      "Không để xảy ra trường hợp tạm giữ, tạm giam quá hạn, không có căn cứ",
			Numerator: "Số trường hợp tạm giữ, tạm giam quá hạn hoặc không có lệnh, quyết định hợp pháp mà Viện kiểm sát không phát hiện, xử lý kịp thời",
			Direction: Z},
			gen: zero(0.92)},
		fixed("III", "13", "Thực hiện cuộc kiểm sát trực tiếp theo chuyên đề do VKSND tối cao giao (thi hành án dân sự đối với khoản thu hồi tài sản trong các vụ án tham nhũng, kinh tế)", 3,
			"Kết luận kiểm sát gửi VKSND tối cao chậm so với kế hoạch "+demoMark),

		group("", "IV", "Giải quyết và kiểm sát việc giải quyết khiếu nại, tố cáo trong hoạt động tư pháp", 10),
		{parent: "IV", c: scoring.Criterion{Code: "14", Method: ind, Max: 6,
			Name:        "Tỷ lệ khiếu nại, tố cáo thuộc thẩm quyền được giải quyết đúng thời hạn",
			Numerator:   "Số việc khiếu nại, tố cáo thuộc thẩm quyền đã giải quyết trong thời hạn luật định",
			Denominator: "Tổng số việc khiếu nại, tố cáo thuộc thẩm quyền phải giải quyết trong kỳ (không tính đơn trùng, đơn đã hướng dẫn, chuyển đơn)",
			Direction:   H, TargetNA: pct(90), TargetSector: pct(98), ExceedBonus: 0.5, Below: prop},
			gen: rate(40, 0.9, 0.55)},
		fixed("IV", "15", "Tiếp công dân; tiếp nhận, phân loại và xử lý đơn đúng quy định; không để khiếu nại, tố cáo đông người, vượt cấp phức tạp", 4,
			"Còn 01 đơn khiếu nại vượt cấp chưa được xử lý dứt điểm "+demoMark),

		group("", "V", "Kiến nghị, kháng nghị, thông báo rút kinh nghiệm", 10),
		{parent: "V", c: scoring.Criterion{Code: "16", Method: ind, Max: 5,
			Name:        "Tỷ lệ kiến nghị được chấp nhận",
			Numerator:   "Số kiến nghị được cơ quan, tổ chức hữu quan chấp nhận (tiếp thu, thực hiện)",
			Denominator: "Tổng số kiến nghị đã ban hành và đã có văn bản trả lời hoặc đã hết thời hạn trả lời trong kỳ",
			Direction:   H, TargetSector: pct(90), ExceedBonus: 0.5, Below: prop},
			gen: rate(45, 0.82, 0.3)},
		{parent: "V", c: scoring.Criterion{Code: "17", Method: ind, Max: 5,
			Name:      "Thông báo rút kinh nghiệm nghiệp vụ",
			Numerator: "Số thông báo rút kinh nghiệm nghiệp vụ đơn vị đã ban hành (kể cả thông báo rút kinh nghiệm các vụ án bị hủy, sửa)",
			Direction: H, TargetSector: pct(4), Below: prop},
			gen: count(2)},

		group("", "VI", "Xây dựng Ngành, xây dựng Đảng, đoàn thể và phong trào thi đua", 10),
		fixed("VI", "18", "Công tác tổ chức cán bộ, đào tạo, bồi dưỡng; xây dựng Đảng, đoàn thể; chấp hành kỷ luật, kỷ cương công vụ", 4,
			"Chưa hoàn thành kế hoạch bồi dưỡng nghiệp vụ cho Kiểm sát viên sơ cấp "+demoMark),
		fixed("VI", "19", "Tổ chức phong trào thi đua: phát động, ký kết giao ước, sơ kết, tổng kết; tham gia hoạt động của Cụm thi đua", 3,
			"Chưa có tài liệu chứng minh việc tổ chức sơ kết thi đua 6 tháng "+demoMark),
		fixed("VI", "20", "Công tác văn phòng, thống kê tội phạm, ứng dụng công nghệ thông tin và chuyển đổi số", 3,
			"Còn chậm triển khai một số nhiệm vụ chuyển đổi số theo kế hoạch của Ngành "+demoMark),

		{c: scoring.Criterion{Code: "VII", Method: scoring.Bonus, Max: 5,
			Name: "Điểm thưởng: cách làm hay, mô hình mới, sáng kiến được công nhận, thành tích đột xuất (cộng ngoài 100 điểm, tối đa 5 điểm)"}},
		{c: scoring.Criterion{Code: "VIII", Method: scoring.Deduction,
			Name: "Điểm trừ: án bị hủy có lỗi của Viện kiểm sát, cán bộ vi phạm kỷ luật, chậm chế độ báo cáo (trừ theo thực tế, phải giải trình)"}},
	}
}

// blocCriteria is the smaller table of Thanh Hóa's blocs (its departments
// and regional procuracies): 100 points, a bonus capped at 3.
func blocCriteria() []critSpec {
	H, Z := scoring.Higher, scoring.Zero
	prop, none := scoring.Proportional, scoring.Nothing
	ind := scoring.Indicator
	return []critSpec{
		group("", "I", "Công tác nghiệp vụ", 60),
		{parent: "I", c: scoring.Criterion{Code: "1", Method: ind, Max: 15,
			Name:        "Tỷ lệ tố giác, tin báo về tội phạm và kiến nghị khởi tố được giải quyết đúng thời hạn",
			Numerator:   "Số tố giác, tin báo về tội phạm và kiến nghị khởi tố đơn vị kiểm sát đã được giải quyết đúng thời hạn",
			Denominator: "Tổng số tố giác, tin báo về tội phạm và kiến nghị khởi tố đơn vị kiểm sát phải giải quyết trong kỳ",
			Direction:   H, TargetSector: pct(95), ExceedBonus: 0.5, Below: prop},
			gen: rate(160, 0.9, 0.35)},
		{parent: "I", c: scoring.Criterion{Code: "2", Method: ind, Max: 15,
			Name:        "Tỷ lệ án hình sự được giải quyết đúng thời hạn",
			Numerator:   "Số vụ án hình sự đơn vị thụ lý kiểm sát đã giải quyết đúng thời hạn",
			Denominator: "Tổng số vụ án hình sự đơn vị thụ lý kiểm sát phải giải quyết trong kỳ",
			Direction:   H, TargetSector: pct(100), Below: prop},
			gen: rate(120, 0.95, 0.6)},
		{parent: "I", c: scoring.Criterion{Code: "3", Method: ind, Max: 10,
			Name:      "Không có bị can do đơn vị truy tố mà Tòa án tuyên không phạm tội",
			Numerator: "Số bị can do đơn vị truy tố bị Tòa án tuyên không phạm tội bằng bản án đã có hiệu lực pháp luật",
			Direction: Z},
			gen: zero(0.9)},
		{parent: "I", c: scoring.Criterion{Code: "4", Method: ind, Max: 10,
			Name:      "Phiên tòa rút kinh nghiệm bình quân trên một Kiểm sát viên",
			Numerator: "Số phiên tòa rút kinh nghiệm bình quân trên một Kiểm sát viên của đơn vị (lấy một chữ số thập phân)",
			Direction: H, TargetSector: pct(2), Below: prop},
			gen: average(1.4, 3.0)},
		{parent: "I", c: scoring.Criterion{Code: "5", Method: ind, Max: 10,
			Name:        "Tỷ lệ kiến nghị được chấp nhận",
			Numerator:   "Số kiến nghị của đơn vị được cơ quan, tổ chức hữu quan chấp nhận",
			Denominator: "Tổng số kiến nghị đơn vị đã ban hành và đã có văn bản trả lời trong kỳ",
			Direction:   H, TargetSector: pct(90), Below: prop},
			gen: rate(12, 0.8, 0.4)},
		group("", "II", "Chế độ thông tin, báo cáo, thỉnh thị", 20),
		{parent: "II", c: scoring.Criterion{Code: "6", Method: ind, Max: 10,
			Name:        "Tỷ lệ báo cáo, số liệu thống kê gửi đúng hạn",
			Numerator:   "Số báo cáo, biểu thống kê định kỳ đơn vị đã gửi đúng hạn",
			Denominator: "Tổng số báo cáo, biểu thống kê định kỳ đơn vị phải gửi trong kỳ",
			Direction:   H, TargetSector: pct(100), Below: none},
			gen: rate(24, 0.9, 0.75)},
		fixed("II", "7", "Thỉnh thị, trả lời thỉnh thị đúng quy định; thực hiện chỉ đạo nghiệp vụ của Viện trưởng", 10,
			"Có 01 văn bản thỉnh thị chưa kèm đầy đủ hồ sơ "+demoMark),
		group("", "III", "Xây dựng đơn vị và phong trào thi đua", 20),
		fixed("III", "8", "Chấp hành kỷ luật, kỷ cương công vụ; đoàn kết nội bộ", 10, "Có cán bộ đi làm muộn bị nhắc nhở "+demoMark),
		fixed("III", "9", "Phong trào thi đua và hoạt động của khối", 10, "Chưa tham gia đầy đủ hoạt động chung của khối "+demoMark),
		{c: scoring.Criterion{Code: "IV", Method: scoring.Bonus, Max: 3,
			Name: "Điểm thưởng: cách làm hay, sáng kiến được công nhận (tối đa 3 điểm)"}},
		{c: scoring.Criterion{Code: "V", Method: scoring.Deduction,
			Name: "Điểm trừ: án bị hủy có lỗi của đơn vị, vi phạm kỷ luật, chậm báo cáo (trừ theo thực tế)"}},
	}
}

// positional builds a table whose rows name their parent by position, as
// SaveTable takes it.
func positional(name string, specs []critSpec) (scoring.Table, error) {
	t := scoring.Table{Name: name}
	pos := map[string]int64{}
	for i, sp := range specs {
		c := sp.c
		if sp.parent != "" {
			p, ok := pos[sp.parent]
			if !ok {
				return t, fmt.Errorf("seed: criterion %s: parent %s comes later", c.Code, sp.parent)
			}
			c.ParentID = p
		}
		t.Criteria = append(t.Criteria, c)
		pos[c.Code] = int64(i + 1)
	}
	return t, nil
}

// seededTable is a saved table with the specs its rows came from.
type seededTable struct {
	info  scoring.TableInfo
	table scoring.Table
	specs map[string]critSpec
	ids   map[string]int64 // criterion code → id
}

func (s *seeder) saveTable(info scoring.TableInfo, specs []critSpec) (seededTable, error) {
	out := seededTable{specs: map[string]critSpec{}, ids: map[string]int64{}}
	t, err := positional(info.Name, specs)
	if err != nil {
		return out, err
	}
	if out.info, err = s.a.SaveTable(s.ctx, auth.System, info, t); err != nil {
		return out, fmt.Errorf("seed table %q: %w", info.Name, err)
	}
	if out.table, err = s.q.Table(s.ctx, out.info.ID); err != nil {
		return out, err
	}
	for _, sp := range specs {
		out.specs[sp.c.Code] = sp
	}
	for _, c := range out.table.Criteria {
		out.ids[c.Code] = c.ID
	}
	return out, nil
}

// hasMainTable reports whether a year has a main table at a level.
func (s *seeder) hasMainTable(year int, level cluster.Level) (bool, error) {
	ts, err := s.q.Tables(s.ctx, year)
	if err != nil {
		return false, err
	}
	for _, t := range ts {
		if t.Kind == "main" && t.Level == string(level) {
			return true, nil
		}
	}
	return false, nil
}

// demoScoring seeds the tables and the current year's filings.
func (s *seeder) demoScoring() error {
	ctx, a, ids, currentYear := s.ctx, s.a, s.ids, s.sch.Year

	// Last year's table first, as the board would have made it then.
	if had, err := s.hasMainTable(currentYear-1, cluster.National); err != nil {
		return err
	} else if !had {
		info := scoring.TableInfo{Year: currentYear - 1, Name: fmt.Sprintf(nationalTableName, currentYear-1), Kind: "main",
			Level: string(cluster.National), UnitType: string(org.TypeProvincial)}
		if _, err := s.saveTable(info, nationalCriteria()); err != nil {
			return err
		}
	}
	national, err := s.saveTable(scoring.TableInfo{Year: currentYear, Name: fmt.Sprintf(nationalTableName, currentYear), Kind: "main",
		Level: string(cluster.National), UnitType: string(org.TypeProvincial)}, nationalCriteria())
	if err != nil {
		return err
	}
	// For every bloc of every province (ClusterID nil): Thanh Hóa's are the
	// only blocs of the demo.
	bloc, err := s.saveTable(scoring.TableInfo{Year: currentYear, Name: fmt.Sprintf(blocTableName, currentYear), Kind: "main",
		Level: string(cluster.Bloc)}, blocCriteria())
	if err != nil {
		return err
	}

	// Huế was given no thematic inspection this year: criterion 13 does
	// not apply to it, and its total is rescaled over the rest.
	hue := prov("Huế")
	if _, ok := ids[hue]; ok {
		adj := scoring.Adjustment{CriterionID: national.ids["13"], Share: 0, Reason: "Không có nhiệm vụ này trong năm " + demoMark}
		if err := s.at(s.sch.At(2, 9, 0), func() error {
			return a.SetAdjustment(ctx, auth.System, national.info.ID, ids[hue], adj)
		}); err != nil {
			return fmt.Errorf("seed adjustment %s: %w", hue, err)
		}
	}

	for _, p := range filingPlans() {
		t := national
		if p.bloc {
			t = bloc
		}
		if err := s.filing(t, p); err != nil {
			return fmt.Errorf("seed filing %s: %w", p.unit, err)
		}
	}
	return nil
}

// filingPlan is one unit's 2026 filing: how far it got, and anything
// written by hand rather than drawn.
type filingPlan struct {
	unit    string
	bloc    bool // against the bloc table
	status  scoring.Status
	q, size float64 // how well the unit does (0..1) and its caseload; 0: drawn
	// When each step happened (day of November 2026, hour); 0: drawn.
	draftDay, submitDay, reviewDay, hour int

	partial bool                      // a draft with groups I and II only
	entries map[string]scoring.Entry  // rows written by hand, by code
	reviews map[string]scoring.Review // the reviewer's rulings by code; nil: drawn
	reason  string                    // why it was returned
}

// filingPlans are the 2026 filings. In "Bắc Trung Bộ", the demo officers'
// cluster, every state shows: Thanh Hóa (the head, canbo.thanhhoa) has
// submitted and waits for its deputy; it has reviewed Hà Tĩnh and returned
// Quảng Trị; Huế is drafting; Nghệ An (canbo.nghean) has not started. In
// the other clusters most members are reviewed and some submitted, so
// rankings have real numbers.
func filingPlans() []filingPlan {
	R, S, D := scoring.Reviewed, scoring.Submitted, scoring.Draft
	plans := []filingPlan{
		{unit: thanhHoa, status: S, q: 0.92, size: 1.7, draftDay: 9, submitDay: 20, hour: 16},
		{unit: prov("Hà Tĩnh"), status: R, draftDay: 6, submitDay: 13, reviewDay: 19, hour: 10, entries: haTinh(), reviews: haTinhReview()},
		{unit: merged("Quảng Trị"), status: scoring.Returned, q: 0.6, size: 1.3, draftDay: 7, submitDay: 16, reviewDay: 19, hour: 14,
			entries: map[string]scoring.Entry{"1.2": {Numerator: pct(512), Denominator: pct(512)}},
			reviews: map[string]scoring.Review{"1.2": {Numerator: pct(512), Denominator: pct(512),
				Comment: "Chưa gửi kèm biểu thống kê có xác nhận của lãnh đạo đơn vị; đề nghị bổ sung " + demoMark}},
			reason: "Thiếu tài liệu chứng minh số liệu tiêu chí 1.2 " + demoMark},
		{unit: prov("Huế"), status: D, q: 0.7, size: 0.9, draftDay: 18, hour: 15, partial: true},
	}
	others := []struct {
		codes []string
		not   map[string]scoring.Status // members not reviewed yet
	}{
		{[]string{prov("Sơn La"), prov("Điện Biên"), prov("Lai Châu"), merged("Lào Cai"), merged("Phú Thọ")}, nil},
		{[]string{prov("Quảng Ninh"), merged("Thái Nguyên"), merged("Tuyên Quang"), prov("Cao Bằng"), prov("Lạng Sơn")},
			map[string]scoring.Status{prov("Lạng Sơn"): S}},
		{[]string{prov("Hà Nội"), merged("Hải Phòng"), merged("Bắc Ninh"), merged("Hưng Yên"), merged("Ninh Bình")},
			map[string]scoring.Status{merged("Ninh Bình"): S}},
		{[]string{merged("Đà Nẵng"), merged("Quảng Ngãi"), merged("Gia Lai"), merged("Đắk Lắk")},
			map[string]scoring.Status{merged("Quảng Ngãi"): S, merged("Đắk Lắk"): D}},
		{[]string{merged("Hồ Chí Minh"), merged("Đồng Nai"), merged("Tây Ninh"), merged("Lâm Đồng"), merged("Khánh Hòa")}, nil},
		{[]string{merged("Cần Thơ"), merged("Vĩnh Long"), merged("Đồng Tháp"), merged("An Giang"), merged("Cà Mau")},
			map[string]scoring.Status{merged("Cà Mau"): S}},
	}
	big := map[string]float64{prov("Hà Nội"): 3.2, merged("Hồ Chí Minh"): 3.6, merged("Hải Phòng"): 2, merged("Đồng Nai"): 1.9}
	for _, c := range others {
		for _, code := range c.codes {
			st, ok := c.not[code]
			if !ok {
				st = R
			}
			plans = append(plans, filingPlan{unit: code, status: st, size: big[code]})
		}
	}

	// Thanh Hóa's blocs: departments answer only what they do.
	dept := func(codes ...string) map[string]scoring.Entry {
		out := map[string]scoring.Entry{}
		why := map[string]string{
			"1": "Phòng không được phân công kiểm sát giải quyết tố giác, tin báo về tội phạm",
			"2": "Phòng không được phân công kiểm sát điều tra án hình sự",
			"3": "Phòng không thực hành quyền công tố tại phiên tòa hình sự",
			"4": "Phòng không được phân công tham gia phiên tòa",
		}
		for _, c := range codes {
			out[c] = scoring.Entry{NotArisen: true, Explanation: why[c] + " " + demoMark}
		}
		return out
	}
	plans = append(plans,
		filingPlan{unit: thanhHoa + "-P2", bloc: true, status: R, size: 0.7, entries: dept("4")},
		filingPlan{unit: thanhHoa + "-P3", bloc: true, status: R, size: 0.6, entries: dept("1", "2")},
		filingPlan{unit: thanhHoa + "-P4", bloc: true, status: S, size: 0.5, entries: dept("1", "2", "3", "4")},
		filingPlan{unit: thanhHoa + "-KV1", bloc: true, status: R, size: 1.2},
		filingPlan{unit: thanhHoa + "-KV2", bloc: true, status: R, size: 1},
		filingPlan{unit: thanhHoa + "-KV3", bloc: true, status: S, size: 0.9},
	)
	return plans
}

// haTinh is Hà Tĩnh's filing, written out: a good year, with most targets
// met or exceeded and two missed (1.1 against the sector's 95 %, though
// above the National Assembly's 90 %; and 7, the online trials).
func haTinh() map[string]scoring.Entry {
	n := func(num float64) scoring.Entry { return scoring.Entry{Numerator: &num} }
	r := func(num, den float64) scoring.Entry {
		return scoring.Entry{Numerator: &num, Denominator: &den, Evidence: evidenceStats}
	}
	f := func(v float64) scoring.Entry { return scoring.Entry{Score: &v} }
	e := map[string]scoring.Entry{
		"1.1": r(412, 436), "1.2": r(436, 436), "2": r(318, 318), "3": r(405, 405), "4": n(0), "5": n(5),
		"6.1": n(2.4), "6.2": n(1.1), "7": n(5), "8": r(9, 11), "9": r(1, 214),
		"10": n(8), "11": r(2140, 2140), "12": n(0), "13": f(3),
		"14": r(38, 38), "15": f(3.75), "16": r(42, 45), "17": n(6),
		"18": f(4), "19": f(3), "20": f(2.75),
		"VII":  {Score: pct(1), Explanation: "Sáng kiến “Số hóa hồ sơ kiểm sát án hình sự” được Hội đồng sáng kiến VKSND tỉnh công nhận " + demoMark},
		"VIII": f(0),
	}
	x := e["1.1"]
	x.Explanation = "24 tin báo phải chờ kết quả giám định tư pháp nên giải quyết quá hạn " + demoMark
	e["1.1"] = x
	x = e["7"]
	x.Explanation = "Tòa án chưa bố trí đủ điểm cầu trực tuyến tại các huyện miền núi " + demoMark
	e["7"] = x
	return e
}

// haTinhReview is Thanh Hóa's review of Hà Tĩnh: two rows lower than
// declared, with the reasons.
func haTinhReview() map[string]scoring.Review {
	return map[string]scoring.Review{
		"1.1": {Numerator: pct(408), Denominator: pct(436),
			Comment: "Đối chiếu sổ thụ lý: còn 04 tin báo giải quyết sau hạn chưa được trừ, tử số là 408 " + demoMark},
		"19": {Score: pct(2.5), Comment: "Chưa tổ chức sơ kết thi đua 6 tháng theo kế hoạch của Cụm " + demoMark},
	}
}

// filing makes a unit's filing go through the steps of its plan.
func (s *seeder) filing(t seededTable, p filingPlan) error {
	uid, ok := s.ids[p.unit]
	if !ok {
		return fmt.Errorf("no unit %s in the demo", p.unit)
	}
	currentYear := s.sch.Year
	c, err := s.q.ClusterOfUnit(s.ctx, currentYear, uid)
	if errs.CodeOf(err) == errs.NotFound {
		return nil // someone moved it out of every cluster: nothing to score it by
	} else if err != nil {
		return err
	}
	d := newDraw(p)
	entries := d.entries(t, p)
	day := func(n, hour int) time.Time {
		return s.sch.At(n, hour, d.r.IntN(60))
	}
	draftDay, submitDay, reviewDay, hour := p.draftDay, p.submitDay, p.reviewDay, p.hour
	if draftDay == 0 {
		draftDay, submitDay, reviewDay = 2+d.r.IntN(7), 10+d.r.IntN(7), 17+d.r.IntN(4)
	}
	if hour == 0 {
		hour = 8 + d.r.IntN(8)
	}

	// The figures first (a draft), the rest when submitting. Units drawn
	// at random submit in one go: it keeps the seed quick, and the history
	// of Bắc Trung Bộ shows the two steps.
	by := s.officer(p.unit)
	var v app.FilingView
	if p.draftDay != 0 || p.status == scoring.Draft {
		if err := s.draft(t, p, uid, entries, day(draftDay, hour), &v); err != nil {
			return err
		}
	}
	if p.status == scoring.Draft {
		return nil
	}
	if err := s.at(day(submitDay, hour), func() (err error) {
		v, err = s.a.SaveSelf(s.ctx, by, currentYear, uid, v.Filing.Version, entries, true, "")
		return err
	}); err != nil {
		return fmt.Errorf("submit: %w", err)
	}
	if p.status == scoring.Submitted {
		return nil
	}

	// The head reviews its members; the deputy reviews the head.
	reviewer := auth.System
	switch {
	case c.HeadUnitID != nil && *c.HeadUnitID != uid:
		reviewer = s.officer(s.codeOf(*c.HeadUnitID))
	case c.HeadUnitID != nil && c.DeputyUnitID != nil:
		reviewer = s.officer(s.codeOf(*c.DeputyUnitID))
	}
	reviews := map[int64]scoring.Review{}
	if p.reviews != nil {
		for code, r := range p.reviews {
			reviews[t.ids[code]] = r
		}
	} else {
		reviews = d.reviews(t, entries)
	}
	action, reason := app.ReviewAccept, ""
	if p.status == scoring.Returned {
		action, reason = app.ReviewReturn, p.reason
	}
	if err := s.at(day(reviewDay, hour+1), func() (err error) {
		_, err = s.a.ReviewFiling(s.ctx, reviewer, currentYear, uid, v.Filing.Version, reviews, action, reason)
		return err
	}); err != nil {
		return fmt.Errorf("review: %w", err)
	}
	return nil
}

// draft saves the unit's figures: its indicators (those of groups I and
// II only, for a partial draft).
func (s *seeder) draft(t seededTable, p filingPlan, uid int64, entries map[int64]scoring.Entry, when time.Time, v *app.FilingView) error {
	draft := map[int64]scoring.Entry{}
	for _, c := range t.table.Criteria {
		e, ok := entries[c.ID]
		switch {
		case !ok:
		case p.partial && !underGroup(t.table, c, "I", "II"):
		case c.Method == scoring.Indicator:
			draft[c.ID] = e
		}
	}
	err := s.at(when, func() (err error) {
		*v, err = s.a.SaveSelf(s.ctx, s.officer(p.unit), s.sch.Year, uid, 0, draft, false, "")
		return err
	})
	if err != nil {
		return fmt.Errorf("draft: %w", err)
	}
	return nil
}

func (s *seeder) codeOf(id int64) string {
	for code, i := range s.ids {
		if i == id {
			return code
		}
	}
	return ""
}

// underGroup reports whether a row is under one of the top-level groups.
func underGroup(t scoring.Table, c scoring.Criterion, codes ...string) bool {
	byID := map[int64]scoring.Criterion{}
	for _, x := range t.Criteria {
		byID[x.ID] = x
	}
	for c.ParentID != 0 {
		c = byID[c.ParentID]
	}
	for _, code := range codes {
		if c.Code == code {
			return true
		}
	}
	return false
}

// draw is a unit's deterministic source of demo figures.
type draw struct {
	r       *rand.Rand
	q, size float64
}

func newDraw(p filingPlan) *draw {
	h := fnv.New64a()
	fmt.Fprintf(h, "thidua demo %d %s", FirstDemoYear, p.unit) // the same figures whatever the year
	sum := h.Sum64()
	d := &draw{r: rand.New(rand.NewPCG(sum, sum>>7^0x9e3779b97f4a7c15))}
	d.q, d.size = 0.3+0.65*d.r.Float64(), 0.6+1.1*d.r.Float64()
	if p.q > 0 {
		d.q = p.q
	}
	if p.size > 0 {
		d.size = p.size
	}
	return d
}

// high is a number in [0, 1] that runs higher the better the unit does.
func (d *draw) high() float64 { return math.Pow(d.r.Float64(), 1/(1+3*d.q)) }

// caseload is a count of about base for a unit of size 1.
func (d *draw) caseload(base int) int {
	return max(1, int(math.Round(float64(base)*d.size*(0.85+0.3*d.r.Float64()))))
}

// rate draws a rate's figures: a denominator of about base; all of it done
// with a chance of full (more for a better unit), or else a share between
// lo and 100 %.
func rate(base int, lo, full float64) gen {
	return func(d *draw, c scoring.Criterion) scoring.Entry {
		den := d.caseload(base)
		num := den
		if d.r.Float64() >= full*(0.6+0.4*d.q) {
			num = min(den-1, int(math.Floor(float64(den)*(lo+(1-lo)*d.high()))))
		}
		n, dd := float64(max(num, 0)), float64(den)
		return scoring.Entry{Numerator: &n, Denominator: &dd, Evidence: evidenceStats}
	}
}

// lowRate draws a rate that should stay low: up to hi of about base.
func lowRate(base int, hi float64) gen {
	return func(d *draw, c scoring.Criterion) scoring.Entry {
		den := d.caseload(base)
		n, dd := math.Round(float64(den)*hi*(1-d.high())), float64(den)
		return scoring.Entry{Numerator: &n, Denominator: &dd, Evidence: evidenceStats}
	}
}

// zero draws a count whose target is 0: 0 with a chance of clean (more
// for a better unit), else 1.
func zero(clean float64) gen {
	return func(d *draw, c scoring.Criterion) scoring.Entry {
		n := 0.0
		if d.r.Float64() >= clean+0.1*d.q {
			n = 1
		}
		return scoring.Entry{Numerator: &n}
	}
}

// count draws a count around the target, spread either way.
func count(spread int) gen {
	return func(d *draw, c scoring.Criterion) scoring.Entry {
		t := int(*c.Target())
		n := float64(max(0, t-spread+int(math.Round(float64(2*spread)*d.high()))))
		return scoring.Entry{Numerator: &n}
	}
}

// average draws a per-person average with one decimal.
func average(lo, hi float64) gen {
	return func(d *draw, c scoring.Criterion) scoring.Entry {
		n := math.Round((lo+(hi-lo)*d.high())*10) / 10
		return scoring.Entry{Numerator: &n}
	}
}

// sometimes makes an indicator not arise with a chance, with why.
func sometimes(chance float64, why string, g gen) gen {
	return func(d *draw, c scoring.Criterion) scoring.Entry {
		if d.r.Float64() < chance {
			return scoring.Entry{NotArisen: true, Explanation: why}
		}
		return g(d, c)
	}
}

var (
	bonusNotes = []string{
		"Mô hình “Kiểm sát viên đồng hành cùng Điều tra viên từ khi thụ lý tin báo” được VKSND tối cao thông báo nhân rộng",
		"Sáng kiến “Số hóa hồ sơ kiểm sát án hình sự” được Hội đồng sáng kiến cấp tỉnh công nhận",
		"Phát hiện, kiến nghị khởi tố 01 vụ án tham nhũng được Ban Chỉ đạo tỉnh biểu dương",
		"Tổ chức thí điểm phiên tòa số hóa hồ sơ, trình chiếu chứng cứ được Ngành ghi nhận",
	}
	deductionNotes = []string{
		"01 bản án hình sự bị cấp phúc thẩm hủy có lỗi của Viện kiểm sát",
		"Chậm gửi báo cáo thống kê kỳ 6 tháng 05 ngày",
		"01 công chức bị xử lý kỷ luật khiển trách",
	}
)

// entries draws a unit's answers to every row of a table, with the rows
// its plan writes by hand in place.
func (d *draw) entries(t seededTable, p filingPlan) map[int64]scoring.Entry {
	out := map[int64]scoring.Entry{}
	for _, c := range t.table.Criteria {
		sp := t.specs[c.Code]
		var e scoring.Entry
		switch c.Method {
		case scoring.Group:
			continue
		case scoring.Fixed:
			steps := math.Round((1 - d.high()) * math.Min(4, c.Max*2))
			v := c.Max - 0.25*steps
			e.Score = &v
		case scoring.Indicator:
			e = sp.gen(d, c)
			if sp.miss != "" && missed(c, e) {
				e.Explanation = sp.miss
			}
		case scoring.Bonus:
			v := 0.0
			if d.r.Float64() < 0.25+0.3*d.q {
				v = math.Min(c.Max, float64(1+d.r.IntN(4))*0.5)
				e.Explanation = bonusNotes[d.r.IntN(len(bonusNotes))] + " " + demoMark
			}
			e.Score = &v
		case scoring.Deduction:
			v := 0.0
			if d.r.Float64() < 0.35-0.25*d.q {
				v = float64(1+d.r.IntN(2)) * 0.5
				e.Explanation = deductionNotes[d.r.IntN(len(deductionNotes))] + " " + demoMark
			}
			e.Score = &v
		}
		if hand, ok := p.entries[c.Code]; ok {
			e = hand
		}
		out[c.ID] = e
	}
	return out
}

// missed reports whether an entry misses its indicator's target.
func missed(c scoring.Criterion, e scoring.Entry) bool {
	r := scoring.Evaluate(scoring.Table{Criteria: []scoring.Criterion{c}}, map[int64]scoring.Entry{c.ID: e}, nil)
	return r.Lines[0].Outcome == scoring.Missed
}

// reviews draws the reviewer's rulings: often one fixed row given less,
// with the reason; sometimes a rate's numerator corrected against the
// statistics; otherwise the filing accepted as declared.
func (d *draw) reviews(t seededTable, entries map[int64]scoring.Entry) map[int64]scoring.Review {
	out := map[int64]scoring.Review{}
	var fixedRows, rates []scoring.Criterion
	for _, c := range t.table.Criteria {
		e := entries[c.ID]
		switch {
		case c.Method == scoring.Fixed && e.Score != nil && *e.Score >= 0.5:
			fixedRows = append(fixedRows, c)
		case c.IsRate() && !e.NotArisen && e.Numerator != nil && *e.Numerator >= 3:
			rates = append(rates, c)
		}
	}
	if len(fixedRows) > 0 && d.r.Float64() < 0.5 {
		c := fixedRows[d.r.IntN(len(fixedRows))]
		v := *entries[c.ID].Score - float64(1+d.r.IntN(2))*0.25
		out[c.ID] = scoring.Review{Score: &v, Comment: t.specs[c.Code].cut}
	}
	if len(rates) > 0 && d.r.Float64() < 0.3 {
		c := rates[d.r.IntN(len(rates))]
		e := entries[c.ID]
		num := *e.Numerator - float64(1+d.r.IntN(3))
		out[c.ID] = scoring.Review{Numerator: &num, Denominator: e.Denominator,
			Comment: fmt.Sprintf("Đối chiếu biểu thống kê kỳ 11 tháng: tử số là %s, không phải %s %s",
				scoring.FormatNumber(num), scoring.FormatNumber(*e.Numerator), demoMark)}
	}
	return out
}
