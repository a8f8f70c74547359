package xlsx

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

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
	if r := []rune(p.Value); len(r) > tioValueRunes {
		p.Value = string(r[:tioValueRunes]) + "…"
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

// ---------------------------------------------------------------------
// Writing

// WritePeopleTemplate writes the personnel workbook of a unit: "Hướng
// dẫn", then "Cán bộ", "Xếp loại", "Sáng kiến", "Kỷ luật" prefilled with
// doc's rows (none for a blank template), with frozen headers and
// drop-down lists, in Times New Roman; and a hidden sheet naming the unit,
// so that the workbook of another unit is caught on upload.
func WritePeopleTemplate(w io.Writer, doc PeopleDoc) error {
	sheets := []string{SheetGuide}
	for _, s := range pioSheets {
		sheets = append(sheets, s.name)
	}
	f, st, err := newTemplate(append(sheets, sheetPeopleUnit)...)
	if err != nil {
		return err
	}
	defer f.Close()
	dateFmt := "dd/mm/yyyy"
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	dateStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: Font, Size: 12}, Border: border, CustomNumFmt: &dateFmt,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	if err != nil {
		return err
	}
	dateCol, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: Font, Size: 12}, CustomNumFmt: &dateFmt,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	if err != nil {
		return err
	}
	if len(doc.People) > 0 {
		f.SetActiveSheet(1)
	}
	if err := writePeopleGuide(f, st, doc); err != nil {
		return err
	}
	ids := map[int64]string{} // how the record sheets name a person
	names := map[string]int{}
	for _, p := range doc.People {
		names[personKey(p.FullName)]++
	}
	for _, p := range doc.People {
		if p.ID != 0 && names[personKey(p.FullName)] == 1 {
			ids[p.ID] = p.FullName
		}
	}
	ref := func(r PersonRef) any {
		if r.ID != 0 {
			if n, ok := ids[r.ID]; ok {
				return n
			}
			return strconv.FormatInt(r.ID, 10)
		}
		return r.Name
	}
	optDate := func(t *time.Time) any {
		if t == nil {
			return nil
		}
		return excelSerial(*t)
	}
	str := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	data := map[string][][]any{}
	for _, p := range doc.People {
		var id any
		if p.ID != 0 {
			id = strconv.FormatInt(p.ID, 10)
		}
		sex := ""
		switch p.Sex {
		case "nam":
			sex = "Nam"
		case "nu":
			sex = "Nữ"
		}
		data[SheetPeople] = append(data[SheetPeople], []any{id, p.FullName, optDate(p.BirthDate), str(sex), str(p.Position),
			optDate(p.RecruitedOn), optDate(p.JoinedSectorOn)})
	}
	for _, r := range doc.Ratings {
		data[SheetRatings] = append(data[SheetRatings], []any{ref(r.Person), r.Year, RatingLabel(award.Rating(r.Rating))})
	}
	for _, r := range doc.Initiatives {
		ap := "Không"
		if r.Applied {
			ap = "Có"
		}
		data[SheetInitiatives] = append(data[SheetInitiatives], []any{ref(r.Person), r.Year, r.Title, LevelLabel(award.Level(r.Level)), ap})
	}
	for _, r := range doc.Disciplines {
		data[SheetDiscipline] = append(data[SheetDiscipline], []any{ref(r.Person), MeasureLabel(award.Measure(r.Measure)),
			excelSerial(r.From), optDate(r.To)})
	}
	for _, r := range doc.Absences {
		data[SheetAbsences] = append(data[SheetAbsences], []any{ref(r.Person), AbsenceLabel(award.AbsenceKind(r.Kind)), excelSerial(r.From), optDate(r.To)})
	}
	for _, r := range doc.Pending {
		data[SheetPending] = append(data[SheetPending], []any{ref(r.Person), PendingLabel(award.PendingKind(r.Kind)), excelSerial(r.From),
			optDate(r.To), str(r.Outcome)})
	}
	for _, s := range pioSheets {
		if err := writePeopleSheet(f, st, s, data[s.name], dateStyle, dateCol); err != nil {
			return err
		}
	}
	// The unit, on a hidden sheet.
	for i, kv := range [][2]any{{"unit_id", strconv.FormatInt(doc.UnitID, 10)}, {"unit_code", doc.UnitCode}, {"unit_name", doc.UnitName}} {
		if err := f.SetSheetRow(sheetPeopleUnit, "A"+strconv.Itoa(i+1), &[]any{kv[0], kv[1]}); err != nil {
			return err
		}
	}
	if err := f.SetSheetVisible(sheetPeopleUnit, false, true); err != nil {
		return err
	}
	return f.Write(w)
}

func writePeopleGuide(f *excelize.File, st tioStyles, d PeopleDoc) error {
	widths := []float64{16, 28, 80}
	sw, r, line, err := startGuide(f, widths)
	if err != nil {
		return err
	}
	if err := line(st.title, 14, "HƯỚNG DẪN NHẬP DANH SÁCH CÁN BỘ VÀ HỒ SƠ THI ĐUA"); err != nil {
		return err
	}
	sub := "Mẫu trống"
	if d.UnitName != "" {
		sub = "Đơn vị: " + d.UnitName
		if d.UnitCode != "" {
			sub += " (mã " + d.UnitCode + ")"
		}
	}
	if err := line(st.subtitle, 12, sub); err != nil {
		return err
	}
	r.skip()
	steps := []string{
		"1. Mỗi cán bộ một dòng ở trang “" + SheetPeople + "”. Cán bộ đã có giữ nguyên cột “" + HeadPersonID + "”; cán bộ mới để trống cột này.",
		"2. Trang “" + SheetRatings + "”, “" + SheetInitiatives + "”, “" + SheetDiscipline + "”, “" + SheetAbsences + "”, “" + SheetPending + "”: mỗi dòng ghi mã cán bộ hoặc họ và tên (đúng như trang “" + SheetPeople + "”).",
		"3. Ngày tháng ghi dạng ngày/tháng/năm (05/09/1985) hoặc dùng ô ngày tháng của Excel. Ô có công thức được đọc theo giá trị đã lưu.",
		"4. Tệp này chỉ dùng cho đơn vị ghi ở trên; tải lên cho đơn vị khác sẽ bị từ chối. Không xóa, đổi tên các trang tính; có thể thêm trang để ghi chú.",
		"5. Hệ thống chỉ thêm và cập nhật, không xóa: dòng bị xóa khỏi tệp không làm mất hồ sơ đã có.",
		fmt.Sprintf("6. Tệp .xlsx, không đặt mật khẩu, tối đa %d MB, mỗi trang tối đa %s dòng. Hệ thống kiểm tra toàn bộ tệp, liệt kê mọi lỗi và chỉ ghi khi anh/chị xác nhận.",
			MaxTableFileSize>>20, groupDigits(MaxPeopleRows)),
	}
	for _, s := range steps {
		if err := line(st.text, 12, s); err != nil {
			return err
		}
	}
	for _, s := range pioSheets {
		r.skip()
		if err := line(st.guideSep, 13, "Trang “"+s.name+"”"); err != nil {
			return err
		}
		if err := r.write(height(1, 12), cell(st.guideTh, "Cột"), cell(st.guideTh, "Tiêu đề"), cell(st.guideTh, "Nội dung, giá trị hợp lệ")); err != nil {
			return err
		}
		for j, h := range s.heads {
			help := s.help[h]
			if err := r.write(height(max(lines(help, widths[2], 12), 1), 12), cell(st.guideTdCenter, colLetter(j)),
				cell(st.guideTdBold, h), cell(st.guideTd, help)); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}

func writePeopleSheet(f *excelize.File, st tioStyles, s *pioSheet, rows [][]any, dateStyle, dateCol int) error {
	if err := landscapeSetup(f, s.name); err != nil {
		return err
	}
	if err := printTitles(f, s.name, 1); err != nil {
		return err
	}
	for j, h := range s.heads {
		values, ok := s.lists[h]
		if !ok {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", colLetter(j), colLetter(j), MaxPeopleRows+1)
		if err := dv.SetDropList(values); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, h, "Chọn một trong: "+strings.Join(values, "; ")+".")
		if err := f.AddDataValidation(s.name, dv); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	isDate := func(h string) bool {
		return h == HeadBirthDate || h == HeadFrom || h == HeadTo || h == HeadRecruited || h == HeadJoined
	}
	for j, cw := range s.widths {
		if err := sw.SetColWidth(j+1, j+1, cw); err != nil {
			return err
		}
		style := st.colPlain
		switch h := s.heads[j]; {
		case isDate(h):
			style = dateCol
		case h == HeadPersonID || h == HeadPersonRef:
			style = st.colText
		}
		if err := sw.SetColStyle(j+1, j+1, style); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	rw := &rowWriter{sw: sw}
	head := make([]any, len(s.heads))
	for j, h := range s.heads {
		head[j] = cell(st.th, h)
	}
	if err := rw.write(height(2, 12), head...); err != nil {
		return err
	}
	for _, row := range rows {
		cells := make([]any, len(row))
		for j, v := range row {
			style := st.td
			switch h := s.heads[j]; {
			case isDate(h):
				style = dateStyle
			case h == HeadPersonID || h == HeadPersonRef:
				style = st.code
			case h == HeadYear:
				style = st.number
			}
			cells[j] = cell(style, v)
		}
		if err := rw.write(0, cells...); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// excelSerial is a day as Excel's serial number (1900 system).
func excelSerial(t time.Time) float64 {
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return float64(d.Sub(base) / (24 * time.Hour))
}

func personKey(name string) string { return strings.ToLower(clean(name)) }

// PersonKey is how names are compared between sheets and with the
// stored record: NFC, one space between words, case aside.
func PersonKey(name string) string { return personKey(name) }

// ---------------------------------------------------------------------
// Reading

// Refusals of a personnel workbook that differ from the criteria table's.
const (
	MsgPeopleEmpty   = "Tệp tải lên trống. Hãy chọn tệp Excel (.xlsx) danh sách cán bộ."
	MsgPeopleBomb    = "Tệp Excel khi giải nén lớn hơn 20 MB, quá lớn đối với danh sách cán bộ. Hãy xóa các trang tính, hình ảnh không cần thiết rồi tải lên lại."
	MsgPeopleNoSheet = "Không tìm thấy trang tính “" + SheetPeople + "”, “" + SheetRatings + "”, “" + SheetInitiatives + "”, “" + SheetDiscipline + "”, “" + SheetAbsences + "” hay “" + SheetPending + "” có dòng tiêu đề theo mẫu. Hãy dùng tệp mẫu."
	MsgPeopleNoRows  = "Tệp chưa có dòng dữ liệu nào dưới các dòng tiêu đề."
)

// MsgPeopleTooManyRows is the refusal of a sheet with too many rows.
func MsgPeopleTooManyRows(sheet string) string {
	return fmt.Sprintf("Trang “%s” có hơn %s dòng; mỗi trang nhập được tối đa %s dòng. Hãy chia thành nhiều tệp.", sheet,
		groupDigits(MaxPeopleRows), groupDigits(MaxPeopleRows))
}

// ReadPeople reads a personnel workbook. size is the upload's declared
// size (-1 if unknown). A file that cannot be read is refused exactly as
// ReadTable refuses it (errs.Invalid, message on "file"); otherwise every
// problem in the rows is collected and the doc is returned with them
// (rows with problems are left out of it). doc.UnitID is the unit the
// workbook was exported for, 0 when it does not say.
func ReadPeople(r io.Reader, size int64) (doc PeopleDoc, problems []Problem, err error) {
	defer func() {
		if p := recover(); p != nil {
			notePanic(p)
			doc, problems, err = PeopleDoc{}, nil, refuse(MsgFileCorrupt)
		}
	}()
	f, _, err := openUpload(r, size, MsgPeopleEmpty, MsgPeopleBomb)
	if err != nil {
		return doc, nil, err
	}
	defer f.Close()
	pr := &peopleReader{f: f, doc: &doc}
	if err := pr.read(); err != nil {
		return PeopleDoc{}, nil, err
	}
	return doc, sortProblems(pr.problems), nil
}

type peopleReader struct {
	f        *excelize.File
	doc      *PeopleDoc
	problems []Problem
}

type pioRow struct {
	n     int
	cells map[string]string // header → cleaned value
}

func (pr *peopleReader) read() error {
	pr.doc.cols = map[string]map[string]int{}
	found, nonEmpty := 0, 0
	sheets := pr.f.GetSheetList()
	for _, s := range sheets {
		if fold(s) == fold(sheetPeopleUnit) {
			pr.readUnit(s)
		}
	}
	for _, spec := range pioSheets {
		name := ""
		for _, s := range sheets {
			if fold(s) == fold(spec.name) {
				name = s
				break
			}
		}
		if name == "" {
			continue
		}
		rows, ok, err := pr.readSheet(name, spec)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		found++
		nonEmpty += len(rows)
		for _, row := range rows {
			pr.parse(spec, row)
		}
	}
	if found == 0 {
		return refuse(MsgPeopleNoSheet)
	}
	if nonEmpty == 0 && len(pr.problems) == 0 && pr.doc.UnitID == 0 { // an exported workbook: its unit is checked first
		return refuse(MsgPeopleNoRows)
	}
	return nil
}

func (pr *peopleReader) readUnit(sheet string) {
	rows, err := pr.f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return
	}
	for _, r := range rows {
		if len(r) < 2 {
			continue
		}
		switch strings.TrimSpace(r[0]) {
		case "unit_id":
			pr.doc.UnitID, _ = strconv.ParseInt(strings.TrimSpace(r[1]), 10, 64)
		case "unit_code":
			pr.doc.UnitCode = clean(r[1])
		case "unit_name":
			pr.doc.UnitName = clean(r[1])
		}
	}
}

// readSheet finds the header in the sheet's first rows and reads the
// non-empty rows under it. ok is false when there is no header.
func (pr *peopleReader) readSheet(sheet string, spec *pioSheet) ([]pioRow, bool, error) {
	rows, err := pr.f.Rows(sheet)
	if err != nil {
		return nil, false, nil // a chart sheet
	}
	defer rows.Close()
	cols := map[string]int{}
	header := 0
	var out []pioRow
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, false, refuse(MsgFileCorrupt)
		}
		if header == 0 {
			if n > tioHeaderScan {
				return nil, false, nil
			}
			found := map[string]int{}
			var dup []Problem
			for j, v := range cells {
				h, ok := spec.aliases[fold(v)]
				if !ok {
					continue
				}
				if k, seen := found[h]; seen {
					dup = append(dup, Problem{Sheet: spec.name, Row: n, Column: colLetter(j), Header: h, Value: clean(v),
						Expected: fmt.Sprintf("mỗi cột chỉ một lần; cột “%s” đã có ở cột %s", h, colLetter(k))})
					continue
				}
				found[h] = j
			}
			if len(found) < min(2, len(spec.need)) && !hasAll(found, spec.need) {
				continue
			}
			header, cols = n, found
			pr.problems = append(pr.problems, dup...)
			for _, h := range spec.need {
				if _, ok := cols[h]; !ok {
					pr.problems = append(pr.problems, Problem{Sheet: spec.name, Row: n,
						Expected: fmt.Sprintf("dòng tiêu đề có cột “%s” (xem tệp mẫu)", h)})
				}
			}
			pr.doc.cols[spec.name] = cols
			continue
		}
		row := pioRow{n: n, cells: make(map[string]string, len(cols))}
		blank := true
		for h, j := range cols {
			if j < len(cells) {
				if bad := badText(spec.name, n, j, h, cells[j]); bad != nil {
					pr.problems = append(pr.problems, *bad)
				}
				if v := clean(cells[j]); v != "" {
					row.cells[h] = v
					blank = false
				}
			}
		}
		if blank {
			continue
		}
		if len(out) == MaxPeopleRows {
			return nil, false, refuse(MsgPeopleTooManyRows(spec.name))
		}
		out = append(out, row)
	}
	if rows.Error() != nil {
		return nil, false, refuse(MsgFileCorrupt)
	}
	return out, header > 0, nil
}

func hasAll(found map[string]int, need []string) bool {
	for _, h := range need {
		if _, ok := found[h]; !ok {
			return false
		}
	}
	return true
}

// parse turns one row into the doc's row, or problems.
func (pr *peopleReader) parse(spec *pioSheet, row pioRow) {
	bad := false
	add := func(h, expected string) {
		bad = true
		pr.problems = append(pr.problems, pr.doc.Problem(spec.name, row.n, h, row.cells[h], expected))
	}
	v := row.cells
	ref := func() PersonRef {
		s := v[HeadPersonRef]
		switch {
		case s == "":
			add(HeadPersonRef, "mã cán bộ hoặc họ và tên, không được để trống")
		case digits.MatchString(s):
			id, err := strconv.ParseInt(s, 10, 64)
			if err != nil || id <= 0 {
				add(HeadPersonRef, "mã cán bộ (số ở trang “"+SheetPeople+"”) hoặc họ và tên")
			}
			return PersonRef{ID: id}
		}
		return PersonRef{Name: s}
	}
	year := func() int {
		s := v[HeadYear]
		n, _, ok := parseNumber(s)
		switch {
		case s == "":
			add(HeadYear, "năm (ví dụ 2025), không được để trống")
		case !ok || n != float64(int(n)) || n < 2000 || n > 2100:
			add(HeadYear, "năm từ 2000 đến 2100 (ví dụ 2025)")
		default:
			return int(n)
		}
		return 0
	}
	date := func(h string, required bool) *time.Time {
		s := v[h]
		if s == "" {
			if required {
				add(h, "ngày/tháng/năm (ví dụ 15/03/2024), không được để trống")
			}
			return nil
		}
		t, ok := parseDay(s)
		if !ok {
			add(h, "ngày/tháng/năm có thật, ví dụ 15/03/2024")
			return nil
		}
		return &t
	}
	switch spec.name {
	case SheetPeople:
		p := PersonRow{Row: row.n, FullName: v[HeadFullName], Position: v[HeadPosition]}
		if s := v[HeadPersonID]; s != "" {
			id, err := strconv.ParseInt(s, 10, 64)
			if !digits.MatchString(s) || err != nil || id <= 0 {
				add(HeadPersonID, "mã cán bộ do hệ thống cấp (một số), hoặc để trống với cán bộ mới")
			}
			p.ID = id
		}
		if p.FullName == "" {
			add(HeadFullName, "họ và tên, không được để trống")
		} else if len([]rune(p.FullName)) > 200 {
			add(HeadFullName, "họ và tên không quá 200 ký tự")
		}
		if len([]rune(p.Position)) > 200 {
			add(HeadPosition, "chức vụ không quá 200 ký tự")
		}
		if t := date(HeadBirthDate, false); t != nil {
			if t.Year() < 1900 || !t.Before(time.Now()) {
				add(HeadBirthDate, "ngày sinh có thật, trước hôm nay (ví dụ 05/09/1985)")
			}
			p.BirthDate = t
		}
		p.RecruitedOn, p.JoinedSectorOn = date(HeadRecruited, false), date(HeadJoined, false)
		if p.BirthDate != nil && p.RecruitedOn != nil && !p.BirthDate.Before(*p.RecruitedOn) {
			add(HeadRecruited, "ngày tuyển dụng sau ngày sinh ("+p.BirthDate.Format("02/01/2006")+")")
		}
		if p.RecruitedOn != nil && p.JoinedSectorOn != nil && p.JoinedSectorOn.Before(*p.RecruitedOn) {
			add(HeadJoined, "ngày về ngành không trước ngày tuyển dụng ("+p.RecruitedOn.Format("02/01/2006")+"), hoặc để trống")
		}
		switch s := v[HeadSex]; {
		case s == "":
		case fold(s) == "nam":
			p.Sex = "nam"
		case fold(s) == "nu":
			p.Sex = "nu"
		default:
			add(HeadSex, "“Nam” hoặc “Nữ”, hoặc để trống")
		}
		if !bad {
			pr.doc.People = append(pr.doc.People, p)
		}
	case SheetRatings:
		r := RatingRow{Row: row.n, Person: ref(), Year: year()}
		if x, ok := matchLabel(v[HeadRating], ratingValues, func(r award.Rating) string { return r.Label() }); ok {
			r.Rating = string(x)
		} else if v[HeadRating] == "" {
			add(HeadRating, "kết quả xếp loại, không được để trống: một trong "+quoteList(labelsOf(ratingValues, RatingLabel)))
		} else {
			add(HeadRating, "một trong "+quoteList(labelsOf(ratingValues, RatingLabel)))
		}
		if !bad {
			pr.doc.Ratings = append(pr.doc.Ratings, r)
		}
	case SheetInitiatives:
		in := InitiativeRow{Row: row.n, Person: ref(), Year: year(), Title: v[HeadTitle]}
		if in.Title == "" {
			add(HeadTitle, "tên sáng kiến, đề tài, không được để trống")
		} else if len([]rune(in.Title)) > 500 {
			add(HeadTitle, "tên không quá 500 ký tự")
		}
		if x, ok := matchLevel(v[HeadLevel]); ok {
			in.Level = string(x)
		} else {
			add(HeadLevel, "một trong "+quoteList(labelsOf(levelValues, LevelLabel)))
		}
		switch fold(v[HeadApplied]) {
		case "", "khong", "k", "0", "no", "false":
		case "co", "x", "1", "yes", "true", "da ap dung":
			in.Applied = true
		default:
			add(HeadApplied, "“Có” hoặc “Không”, hoặc để trống")
		}
		if !bad {
			pr.doc.Initiatives = append(pr.doc.Initiatives, in)
		}
	case SheetDiscipline:
		d := DisciplineRow{Row: row.n, Person: ref()}
		if x, ok := matchLabel(v[HeadMeasure], measureValues, award.Measure.Label); ok {
			d.Measure = string(x)
		} else {
			add(HeadMeasure, "một trong "+quoteList(labelsOf(measureValues, MeasureLabel)))
		}
		if t := date(HeadFrom, true); t != nil {
			d.From = *t
		}
		d.To = date(HeadTo, false)
		if d.To != nil && !d.From.IsZero() && d.To.Before(d.From) {
			add(HeadTo, "ngày không trước ngày có hiệu lực ("+d.From.Format("02/01/2006")+"), hoặc để trống")
		}
		if !bad {
			pr.doc.Disciplines = append(pr.doc.Disciplines, d)
		}
	case SheetAbsences:
		a := AbsenceRow{Row: row.n, Person: ref()}
		if x, ok := matchLabel(v[HeadAbsence], absenceValues, award.AbsenceKind.Label); ok {
			a.Kind = string(x)
		} else {
			add(HeadAbsence, "một trong "+quoteList(labelsOf(absenceValues, AbsenceLabel)))
		}
		if t := date(HeadFrom, true); t != nil {
			a.From = *t
		}
		a.To = date(HeadTo, false)
		if a.To != nil && !a.From.IsZero() && a.To.Before(a.From) {
			add(HeadTo, "ngày không trước ngày bắt đầu nghỉ ("+a.From.Format("02/01/2006")+"), hoặc để trống")
		}
		if !bad {
			pr.doc.Absences = append(pr.doc.Absences, a)
		}
	case SheetPending:
		m := PendingRow{Row: row.n, Person: ref(), Outcome: v[HeadOutcome]}
		if x, ok := matchLabel(v[HeadPending], pendingValues, award.PendingKind.Label); ok {
			m.Kind = string(x)
		} else {
			add(HeadPending, "một trong "+quoteList(labelsOf(pendingValues, PendingLabel)))
		}
		if t := date(HeadFrom, true); t != nil {
			m.From = *t
		}
		m.To = date(HeadTo, false)
		switch {
		case m.To != nil && !m.From.IsZero() && m.To.Before(m.From):
			add(HeadTo, "ngày không trước ngày bắt đầu xem xét ("+m.From.Format("02/01/2006")+"), hoặc để trống")
		case m.To != nil && m.Outcome == "":
			add(HeadOutcome, "kết luận khi đã ghi ngày kết thúc (ví dụ: không có sai phạm)")
		case m.To == nil && m.Outcome != "":
			add(HeadTo, "ngày kết thúc khi đã ghi kết luận")
		}
		if len([]rune(m.Outcome)) > 500 {
			add(HeadOutcome, "kết luận không quá 500 ký tự")
		}
		if !bad {
			pr.doc.Pending = append(pr.doc.Pending, m)
		}
	}
}

func matchLevel(s string) (award.Level, bool) {
	if l, ok := matchLabel(s, levelValues, LevelLabel); ok {
		return l, true
	}
	return matchLabel(s, levelValues, award.Level.Label)
}

var (
	digits  = regexp.MustCompile(`^[0-9]+$`)
	dayText = regexp.MustCompile(`^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$`)
	isoDay  = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$`)
)

// parseDay reads a date as a cell holds it: an Excel serial (a date cell),
// or text dd/mm/yyyy (also with "-" or "."), or yyyy-mm-dd.
func parseDay(s string) (time.Time, bool) {
	s = strings.TrimSpace(norm.NFC.String(s))
	var d, m, y int
	if g := dayText.FindStringSubmatch(s); g != nil {
		d, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		y, _ = strconv.Atoi(g[3])
	} else if g := isoDay.FindStringSubmatch(s); g != nil {
		y, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		d, _ = strconv.Atoi(g[3])
	} else if n, err := strconv.ParseFloat(s, 64); err == nil && n >= 1 && n < 2958466 {
		t, err := excelize.ExcelDateToTime(n, false)
		if err != nil {
			return time.Time{}, false
		}
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
	} else {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m || y < 1900 || y > 2100 {
		return time.Time{}, false
	}
	return t, true
}

// sortProblems orders problems by sheet (template order), row, column.
func sortProblems(ps []Problem) []Problem {
	order := map[string]int{}
	for i, s := range pioSheets {
		order[s.name] = i
	}
	col := func(p Problem) int {
		if p.Column == "" {
			return -1
		}
		n, _ := excelize.ColumnNameToNumber(p.Column)
		return n
	}
	less := func(a, b Problem) bool {
		if order[a.Sheet] != order[b.Sheet] {
			return order[a.Sheet] < order[b.Sheet]
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		return col(a) < col(b)
	}
	sort.SliceStable(ps, func(i, j int) bool { return less(ps[i], ps[j]) })
	return ps
}

// SortPeopleProblems orders problems by sheet (template order), row and
// column, as ReadPeople returns them.
func SortPeopleProblems(ps []Problem) []Problem { return sortProblems(ps) }
