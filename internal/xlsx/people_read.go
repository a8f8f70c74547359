package xlsx

// Reading an uploaded personnel workbook: each sheet found by its header,
// each row parsed into the doc or into problems.

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"thidua/internal/award"
)

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
	err = readWorkbook(r, size, MsgPeopleEmpty, MsgPeopleBomb, func(f *excelize.File, _ bool) error {
		pr := &peopleReader{f: f, doc: &doc}
		err := pr.read()
		problems = sortProblems(pr.problems)
		return err
	})
	if err != nil {
		return PeopleDoc{}, nil, err
	}
	return doc, problems, nil
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
		sr, err := readSheet(pr.f, name, spec.name, spec.layout(), false)
		if err != nil {
			return err
		}
		if sr == nil {
			continue
		}
		found++
		nonEmpty += len(sr.rows)
		pr.problems = append(pr.problems, sr.problems...)
		cols := map[string]int{}
		for k, j := range sr.cols {
			if j >= 0 {
				cols[spec.heads[k]] = j
			}
		}
		pr.doc.cols[spec.name] = cols
		for _, row := range sr.rows {
			cells := make(map[string]string, len(row.cells))
			for k, v := range row.cells {
				if v != "" {
					cells[spec.heads[k]] = v
				}
			}
			pr.parse(spec, pioRow{n: row.n, cells: cells})
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

// layout finds a sheet by a header with two of its required columns (or
// all, when fewer); a required column missing from it is a problem.
func (spec *pioSheet) layout() *layout {
	l := &layout{heads: spec.heads, aliases: map[string]int{}, maxRows: MaxPeopleRows, tooMany: MsgPeopleTooManyRows(spec.name)}
	field := map[string]int{}
	for k, h := range spec.heads {
		field[h] = k
	}
	for a, h := range spec.aliases {
		l.aliases[a] = field[h]
	}
	for _, h := range spec.need {
		l.report = append(l.report, field[h])
	}
	l.isHeader = func(cols []int) bool {
		found, all := 0, true
		for _, k := range cols {
			if k >= 0 {
				found++
			}
		}
		for _, k := range l.report {
			all = all && cols[k] >= 0
		}
		return found >= min(2, len(l.report)) || all
	}
	return l
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
			if t.Year() < 1900 { // after today: judged by the import, which knows the app's day
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
