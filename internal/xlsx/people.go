package xlsx

import (
	"strconv"
	"strings"
	"time"

	"thidua/internal/award"
)

// Sheets of the personnel workbook of one unit. The guide is SheetGuide.
const (
	SheetPeople      = "Cán bộ"
	SheetRatings     = "Xếp loại"
	SheetInitiatives = "Sáng kiến"
	SheetDiscipline  = "Kỷ luật"
	SheetAbsences    = "Nghỉ dài ngày"
	SheetPending     = "Đang xem xét"
	// sheetPeopleUnit is hidden: the unit the workbook was made for.
	sheetPeopleUnit = "Đơn vị"
)

// Limits on an uploaded personnel workbook (the file size and the unzip
// limits are those of the criteria table).
const (
	MaxPeopleRows = 20000 // non-empty rows of one sheet
)

// Headers of the personnel sheets.
const (
	HeadPersonID  = "Mã cán bộ"
	HeadFullName  = "Họ và tên"
	HeadBirthDate = "Ngày sinh"
	HeadSex       = "Giới tính"
	HeadPosition  = "Chức vụ"
	HeadPersonRef = "Mã cán bộ hoặc Họ và tên"
	HeadYear      = "Năm"
	HeadRating    = "Xếp loại"
	HeadTitle     = "Tên sáng kiến, đề tài"
	HeadLevel     = "Cấp công nhận"
	HeadApplied   = "Đã áp dụng"
	HeadMeasure   = "Hình thức"
	HeadFrom      = "Từ ngày"
	HeadTo        = "Đến ngày"
	HeadRecruited = "Ngày tuyển dụng"
	HeadJoined    = "Ngày về ngành"
	HeadAbsence   = "Loại nghỉ"
	HeadPending   = "Loại vụ việc"
	HeadOutcome   = "Kết luận"
)

// PeopleDoc is the personnel record of one unit as the workbook shows it.
type PeopleDoc struct {
	UnitID      int64  // 0: a workbook that does not say (made by hand)
	UnitCode    string //
	UnitName    string
	People      []PersonRow
	Ratings     []RatingRow
	Initiatives []InitiativeRow
	Disciplines []DisciplineRow
	Absences    []AbsenceRow
	Pending     []PendingRow

	cols map[string]map[string]int // sheet → header → 0-based column, as read
}

// PersonRow is a row of "Cán bộ". ID is 0 for a new person.
type PersonRow struct {
	Row       int        `json:"row"`
	ID        int64      `json:"id"`
	FullName  string     `json:"full_name"`
	BirthDate *time.Time `json:"birth_date"`
	Sex       string     `json:"sex"` // "nam", "nu" or ""
	Position  string     `json:"position"`
	// RecruitedOn and JoinedSectorOn: nil when the cell is empty (an
	// import then keeps what is stored).
	RecruitedOn    *time.Time `json:"recruited_on"`
	JoinedSectorOn *time.Time `json:"joined_sector_on"`
}

// AbsenceRow is a row of "Nghỉ dài ngày".
type AbsenceRow struct {
	Row    int        `json:"row"`
	Person PersonRef  `json:"person"`
	Kind   string     `json:"kind"` // award.AbsenceKind code
	From   time.Time  `json:"from"`
	To     *time.Time `json:"to"`
}

// PendingRow is a row of "Đang xem xét": a matter pending against a person
// (closed when Đến ngày and Kết luận are filled in).
type PendingRow struct {
	Row     int        `json:"row"`
	Person  PersonRef  `json:"person"`
	Kind    string     `json:"kind"` // award.PendingKind code
	From    time.Time  `json:"from"`
	To      *time.Time `json:"to"`
	Outcome string     `json:"outcome"`
}

// PersonRef names a person on the record sheets: by id, or by full name
// (a person of the unit, or one added on "Cán bộ").
type PersonRef struct {
	ID   int64  `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
}

// Text is the reference as the cell shows it.
func (r PersonRef) Text() string {
	if r.ID != 0 {
		return strconv.FormatInt(r.ID, 10)
	}
	return r.Name
}

// RatingRow is a row of "Xếp loại".
type RatingRow struct {
	Row    int       `json:"row"`
	Person PersonRef `json:"person"`
	Year   int       `json:"year"`
	Rating string    `json:"rating"` // award.Rating code
}

// InitiativeRow is a row of "Sáng kiến".
type InitiativeRow struct {
	Row     int       `json:"row"`
	Person  PersonRef `json:"person"`
	Year    int       `json:"year"`
	Title   string    `json:"title"`
	Level   string    `json:"level"` // award.Level code
	Applied bool      `json:"applied"`
}

// DisciplineRow is a row of "Kỷ luật".
type DisciplineRow struct {
	Row     int        `json:"row"`
	Person  PersonRef  `json:"person"`
	Measure string     `json:"measure"` // award.Measure code
	From    time.Time  `json:"from"`
	To      *time.Time `json:"to"`
}

// Problem places a problem found after reading (by the service, against
// the stored record) on its sheet, row and column.
func (d PeopleDoc) Problem(sheet string, row int, header, value, expected string) Problem {
	p := Problem{Sheet: sheet, Row: row, Header: header, Value: value, Expected: expected}
	if j, ok := d.cols[sheet][header]; ok {
		p.Column = colLetter(j)
	} else if j, ok := peopleDefaultCol(sheet, header); ok {
		p.Column = colLetter(j)
	}
	if r := []rune(p.Value); len(r) > valueRunes {
		p.Value = string(r[:valueRunes]) + "…"
	}
	return p
}

// The sheets' columns, in template order.
type pioSheet struct {
	name    string
	heads   []string
	widths  []float64
	need    []string // headers that must be there
	lists   map[string][]string
	help    map[string]string
	aliases map[string]string // folded alias → header
}

var (
	ratingValues  = []award.Rating{award.XuatSac, award.Tot, award.HoanThanh, award.KhongHoanThanh}
	levelValues   = []award.Level{award.CapCoSo, award.CapNganh, award.CapToanQuoc}
	measureValues = []award.Measure{award.KhienTrach, award.CanhCao, award.HaBacLuong, award.GiangChuc, award.CachChuc, award.BuocThoiViec}
	absenceValues = award.AbsenceKinds
	pendingValues = award.PendingKinds
	sexLabels     = []string{"Nam", "Nữ"}
	appliedLabels = []string{"Có", "Không"}
)

// RatingLabel, LevelLabel and MeasureLabel are the workbook's words.
func RatingLabel(r award.Rating) string { return upperFirst(r.Label()) }

func LevelLabel(l award.Level) string {
	switch l {
	case award.CapCoSo:
		return "Cơ sở"
	case award.CapNganh:
		return "Ngành"
	case award.CapToanQuoc:
		return "Toàn quốc"
	}
	return string(l)
}

func MeasureLabel(m award.Measure) string { return upperFirst(m.Label()) }

// AbsenceLabel and PendingLabel are the workbook's words for the kinds.
func AbsenceLabel(k award.AbsenceKind) string { return upperFirst(k.Label()) }

func PendingLabel(k award.PendingKind) string { return upperFirst(k.Label()) }

func upperFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func labelsOf[T ~string](values []T, label func(T) string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = label(v)
	}
	return out
}

var pioSheets = []*pioSheet{
	{name: SheetPeople, heads: []string{HeadPersonID, HeadFullName, HeadBirthDate, HeadSex, HeadPosition, HeadRecruited, HeadJoined},
		widths: []float64{12, 32, 14, 11, 36, 16, 16}, need: []string{HeadFullName},
		lists: map[string][]string{HeadSex: sexLabels},
		help: map[string]string{
			HeadPersonID:  "Số do hệ thống cấp. Để trống với cán bộ mới; giữ nguyên với cán bộ đã có (không sửa, không chép sang người khác).",
			HeadFullName:  "Bắt buộc. Họ và tên đầy đủ, có dấu.",
			HeadBirthDate: "Không bắt buộc. Ngày/tháng/năm, ví dụ 05/09/1985 (ô ngày tháng của Excel hoặc văn bản đều được).",
			HeadSex:       "Không bắt buộc. Chọn Nam hoặc Nữ.",
			HeadPosition:  "Không bắt buộc. Ví dụ: Kiểm sát viên sơ cấp, Phó Viện trưởng.",
			HeadRecruited: "Nên ghi. Ngày tuyển dụng (ngày/tháng/năm). Để trống: hồ sơ giữ ngày đã có; chưa có thì kết quả xét danh hiệu là “chưa đủ thông tin”.",
			HeadJoined:    "Không bắt buộc. Ngày về ngành Kiểm sát, với người chuyển từ cơ quan khác; không trước ngày tuyển dụng.",
		},
		aliases: map[string]string{"id": HeadPersonID, "ma": HeadPersonID, "ma so": HeadPersonID, "ho ten": HeadFullName,
			"ten": HeadFullName, "ngay thang nam sinh": HeadBirthDate, "gioi": HeadSex, "chuc danh": HeadPosition,
			"ngay tuyen": HeadRecruited, "ngay ve nganh kiem sat": HeadJoined}},
	{name: SheetRatings, heads: []string{HeadPersonRef, HeadYear, HeadRating}, widths: []float64{32, 9, 36},
		need:  []string{HeadPersonRef, HeadYear, HeadRating},
		lists: map[string][]string{HeadRating: labelsOf(ratingValues, RatingLabel)},
		help: map[string]string{
			HeadYear:   "Bắt buộc. Năm đánh giá, từ 2000 đến 2100.",
			HeadRating: "Bắt buộc. Chọn: " + strings.Join(labelsOf(ratingValues, RatingLabel), "; ") + ". Xếp loại đã có của năm đó được thay.",
		},
		aliases: map[string]string{"ket qua xep loai": HeadRating, "xep loai chat luong": HeadRating}},
	{name: SheetInitiatives, heads: []string{HeadPersonRef, HeadYear, HeadTitle, HeadLevel, HeadApplied},
		widths: []float64{32, 9, 48, 14, 12}, need: []string{HeadPersonRef, HeadYear, HeadTitle, HeadLevel},
		lists: map[string][]string{HeadLevel: labelsOf(levelValues, LevelLabel), HeadApplied: appliedLabels},
		help: map[string]string{
			HeadYear:    "Bắt buộc. Năm được công nhận.",
			HeadTitle:   "Bắt buộc. Tên sáng kiến, đề tài; cùng người, cùng năm, cùng tên là một sáng kiến.",
			HeadLevel:   "Bắt buộc. Chọn: Cơ sở; Ngành; Toàn quốc.",
			HeadApplied: "Không bắt buộc. Có hoặc Không (để trống là Không).",
		},
		aliases: map[string]string{"ten": HeadTitle, "ten sang kien": HeadTitle, "cap": HeadLevel, "ap dung": HeadApplied}},
	{name: SheetDiscipline, heads: []string{HeadPersonRef, HeadMeasure, HeadFrom, HeadTo}, widths: []float64{32, 20, 14, 14},
		need:  []string{HeadPersonRef, HeadMeasure, HeadFrom},
		lists: map[string][]string{HeadMeasure: labelsOf(measureValues, MeasureLabel)},
		help: map[string]string{
			HeadMeasure: "Bắt buộc. Chọn: " + strings.Join(labelsOf(measureValues, MeasureLabel), "; ") + ".",
			HeadFrom:    "Bắt buộc. Ngày quyết định kỷ luật có hiệu lực (ngày/tháng/năm).",
			HeadTo:      "Không bắt buộc. Ngày hết hiệu lực; không trước ngày có hiệu lực.",
		},
		aliases: map[string]string{"hinh thuc ky luat": HeadMeasure, "hieu luc tu": HeadFrom, "hieu luc den": HeadTo}},
	{name: SheetAbsences, heads: []string{HeadPersonRef, HeadAbsence, HeadFrom, HeadTo}, widths: []float64{32, 34, 14, 14},
		need:  []string{HeadPersonRef, HeadAbsence, HeadFrom},
		lists: map[string][]string{HeadAbsence: labelsOf(absenceValues, AbsenceLabel)},
		help: map[string]string{
			HeadAbsence: "Bắt buộc. Chọn: " + strings.Join(labelsOf(absenceValues, AbsenceLabel), "; ") + ". Từ 01/07/2025 thời gian nghỉ thai sản được tính để xét danh hiệu.",
			HeadFrom:    "Bắt buộc. Ngày bắt đầu nghỉ (ngày/tháng/năm).",
			HeadTo:      "Không bắt buộc. Ngày cuối cùng nghỉ; để trống nếu đang nghỉ.",
		},
		aliases: map[string]string{"loai": HeadAbsence, "ly do nghi": HeadAbsence, "nghi tu": HeadFrom, "nghi den": HeadTo}},
	{name: SheetPending, heads: []string{HeadPersonRef, HeadPending, HeadFrom, HeadTo, HeadOutcome}, widths: []float64{32, 48, 14, 14, 30},
		need:  []string{HeadPersonRef, HeadPending, HeadFrom},
		lists: map[string][]string{HeadPending: labelsOf(pendingValues, PendingLabel)},
		help: map[string]string{
			HeadPending: "Bắt buộc. Chọn: " + strings.Join(labelsOf(pendingValues, PendingLabel), "; ") + ". Trong thời gian đang xem xét, chưa khen thưởng.",
			HeadFrom:    "Bắt buộc. Ngày bắt đầu xem xét (ngày/tháng/năm).",
			HeadTo:      "Không bắt buộc. Ngày kết thúc; ghi cùng với “" + HeadOutcome + "”.",
			HeadOutcome: "Ghi khi đã kết thúc, ví dụ: không có sai phạm.",
		},
		aliases: map[string]string{"loai": HeadPending, "vu viec": HeadPending, "ket qua": HeadOutcome}},
}

func init() {
	for _, s := range pioSheets {
		for _, h := range s.heads {
			s.aliases[fold(h)] = h
		}
		if s.name != SheetPeople {
			s.help[HeadPersonRef] = "Bắt buộc. Mã cán bộ (số ở cột A trang “Cán bộ”) hoặc họ và tên đúng như trang “Cán bộ”."
			for _, a := range []string{"ma can bo", "ho va ten", "can bo", "id", "id hoac ho va ten", "ho ten"} {
				s.aliases[a] = HeadPersonRef
			}
		}
	}
}

func pioSheetNamed(name string) *pioSheet {
	for _, s := range pioSheets {
		if s.name == name {
			return s
		}
	}
	return nil
}

func peopleDefaultCol(sheet, header string) (int, bool) {
	if s := pioSheetNamed(sheet); s != nil {
		for j, h := range s.heads {
			if h == header {
				return j, true
			}
		}
	}
	return 0, false
}

func personKey(name string) string { return strings.ToLower(clean(name)) }

// PersonKey is how names are compared between sheets and with the
// stored record: NFC, one space between words, case aside.
func PersonKey(name string) string { return personKey(name) }
