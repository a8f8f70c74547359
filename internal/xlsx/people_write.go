package xlsx

// Writing the personnel workbook of a unit: the guide, a sheet per kind
// of record, and the hidden sheet naming the unit.

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua/internal/award"
)

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
	border := thinBorder()
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

func writePeopleGuide(f *excelize.File, st templateStyles, d PeopleDoc) error {
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

func writePeopleSheet(f *excelize.File, st templateStyles, s *pioSheet, rows [][]any, dateStyle, dateCol int) error {
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
