package xlsx

// Reading an uploaded self-assessment: its identification, its rows, and
// the entries checked against the table by the domain's rule.

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"thidua/internal/scoring"
)

// SelfUpload is a self-assessment workbook as read: the identification
// from its hidden sheet and the rows under the header.
type SelfUpload struct {
	Kind         string // "tu_cham_diem" in a workbook from the system
	UnitID       int64
	UnitCode     string
	UnitName     string
	Year         int
	TableID      int64
	TableVersion int
	Sheet        string
	Rows         []SelfRow
	cols         []int // where each column is in the uploaded sheet, -1: missing
}

// SelfRow is one non-empty row: its number and cell texts by column.
type SelfRow struct {
	N     int
	Cells []string
}

// Refusals of a self-assessment workbook.
const (
	MsgSelfEmpty   = "Tệp tải lên trống. Hãy chọn tệp Excel (.xlsx) tự chấm điểm của đơn vị."
	MsgSelfNoSheet = "Không tìm thấy trang tính “" + SheetSelf + "” có dòng tiêu đề gồm các cột “Mã” và “Điểm tự chấm” hoặc “Tử số” (trong 20 dòng đầu). Hãy tải lại mẫu ở trang Tự chấm điểm, không xóa, đổi tên trang tính hay dòng tiêu đề."
	MsgSelfBomb    = "Tệp Excel khi giải nén lớn hơn 20 MB, quá lớn đối với một bảng tự chấm điểm. Hãy xóa các trang tính, hình ảnh không cần thiết rồi tải lên lại."
	MsgSelfNoMeta  = "Tệp không phải là mẫu tự chấm điểm tải từ hệ thống (thiếu phần nhận dạng đơn vị, năm, bảng tiêu chí). Hãy tải mẫu ở trang Tự chấm điểm, nhập vào mẫu đó rồi tải lên."
)

// ReadSelf reads a self-assessment workbook. A file that cannot be one is
// refused as ReadTable refuses it (errs.Invalid, message on "file");
// problems are cells that cannot be read at all (the rows are matched to
// the table by SelfEntries).
func ReadSelf(r io.Reader, size int64) (up SelfUpload, problems []Problem, err error) {
	err = readWorkbook(r, size, MsgSelfEmpty, MsgSelfBomb, func(f *excelize.File, lean bool) error {
		up, problems, err = readSelf(f, lean)
		return err
	})
	if err != nil {
		return SelfUpload{}, nil, err
	}
	return up, problems, nil
}

func readSelf(f *excelize.File, lean bool) (up SelfUpload, problems []Problem, err error) {
	sheets := f.GetSheetList()
	for _, s := range sheets {
		if fold(s) == fold(sheetSelfMeta) {
			readSelfMeta(f, s, &up)
		}
	}
	if up.Kind != selfKind {
		return SelfUpload{}, nil, refuse(MsgSelfNoMeta)
	}
	for _, s := range sheetOrder(sheets, SheetSelf, sheetSelfMeta, SheetGuide) {
		sr, err := readSheet(f, s, norm.NFC.String(s), selfLayout, lean)
		if err != nil {
			return SelfUpload{}, nil, err
		}
		if sr != nil {
			up.Sheet, up.cols, problems = sr.label, sr.cols, sr.problems
			for _, row := range sr.rows {
				up.Rows = append(up.Rows, SelfRow{N: row.n, Cells: row.cells})
			}
			break
		}
	}
	if up.Sheet == "" {
		return SelfUpload{}, nil, refuse(MsgSelfNoSheet)
	}
	return up, problems, nil
}

func readSelfMeta(f *excelize.File, sheet string, up *SelfUpload) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return
	}
	for _, r := range rows {
		if len(r) < 2 {
			continue
		}
		v := strings.TrimSpace(r[1])
		switch strings.TrimSpace(r[0]) {
		case "kind":
			up.Kind = v
		case "unit_id":
			up.UnitID, _ = strconv.ParseInt(v, 10, 64)
		case "unit_code":
			up.UnitCode = clean(v)
		case "unit_name":
			up.UnitName = clean(v)
		case "year":
			up.Year, _ = strconv.Atoi(v)
		case "table_id":
			up.TableID, _ = strconv.ParseInt(v, 10, 64)
		case "table_version":
			up.TableVersion, _ = strconv.Atoi(v)
		}
	}
}

// selfLayout finds the sheet by the header with "Mã" and "Điểm tự chấm"
// or "Tử số"; an input column missing from it is a problem.
var selfLayout = &layout{heads: selfHeaders[:], aliases: selfAliases,
	isHeader: func(c []int) bool { return c[scCode] >= 0 && (c[scScore] >= 0 || c[scNumerator] >= 0) },
	report:   []int{scScore, scNumerator, scDenominator, scNotArisen, scExplanation, scEvidence},
	formulas: true, maxRows: MaxTableRows, tooMany: MsgFileTooManyRows}

// SelfTarget is what an upload must belong to: the unit, year and table
// version the unit files against now.
type SelfTarget struct {
	UnitID       int64
	UnitName     string
	Year         int
	TableID      int64
	TableName    string
	TableVersion int
}

// Mismatch says why a workbook belongs to another unit, year or table
// version; "" when it belongs to t.
func (up SelfUpload) Mismatch(t SelfTarget) string {
	switch {
	case up.UnitID != t.UnitID:
		who := up.UnitName
		if who == "" {
			who = "đơn vị khác"
		}
		return fmt.Sprintf("Tệp này là mẫu tự chấm điểm của %s, không phải của %s. Hãy tải mẫu của đơn vị mình ở trang Tự chấm điểm.", who, t.UnitName)
	case up.Year != t.Year:
		return fmt.Sprintf("Tệp này là mẫu tự chấm điểm năm %d, không phải năm %d. Hãy tải mẫu của năm %d.", up.Year, t.Year, t.Year)
	case up.TableID != t.TableID || up.TableVersion != t.TableVersion:
		return fmt.Sprintf("Tệp được lập theo một bảng tiêu chí khác hoặc phiên bản cũ; đơn vị đang chấm theo bảng “%s” (phiên bản %d). Hãy tải mẫu mới và nhập lại.",
			t.TableName, max(t.TableVersion, 1))
	}
	return ""
}

// SelfEntries matches the rows to the table by code and checks every
// input against its criterion: the entries of the rows in the workbook
// (a row whose inputs are all empty gives an empty entry, which clears
// what was saved), and every problem with its sheet, row and column.
// off lists the criteria switched off for the unit.
func SelfEntries(up SelfUpload, t scoring.Table, off map[int64]string) (map[int64]scoring.Entry, []Problem) {
	byCode := map[string]scoring.Criterion{}
	for _, c := range t.Criteria {
		byCode[fold(c.Code)] = c
	}
	out := map[int64]scoring.Entry{}
	seen := map[int64]int{}
	var ps []Problem
	for _, row := range up.Rows {
		flagged := map[int]bool{} // columns of this row with a problem already
		add := func(col int, expected string) {
			flagged[col] = true
			ps = append(ps, Problem{Sheet: up.Sheet, Row: row.N, Column: selfColLetter(up, row, col), Header: selfHeaders[col], Value: row.Cells[col], Expected: expected})
		}
		code := row.Cells[scCode]
		c, ok := byCode[fold(code)]
		switch {
		case code == "":
			add(scCode, "mã tiêu chí của dòng (không xóa cột Mã)")
			continue
		case !ok:
			add(scCode, fmt.Sprintf("mã một tiêu chí của bảng “%s”", t.Name))
			continue
		case seen[c.ID] > 0:
			add(scCode, fmt.Sprintf("mỗi tiêu chí một dòng; mã %s đã có ở dòng %d", c.Code, seen[c.ID]))
			continue
		}
		seen[c.ID] = row.N
		inputs := []int{scScore, scNumerator, scDenominator, scNotArisen, scExplanation, scEvidence}
		filled := func(cols ...int) bool {
			for _, k := range cols {
				if row.Cells[k] != "" {
					return true
				}
			}
			return false
		}
		if c.Method == scoring.Group {
			for _, k := range inputs {
				if row.Cells[k] != "" {
					add(k, "ô trống: dòng nhóm tiêu chí không chấm điểm, điểm của nhóm là tổng các tiêu chí con")
				}
			}
			continue
		}
		if reason, isOff := off[c.ID]; isOff {
			for _, k := range inputs {
				if row.Cells[k] != "" {
					add(k, "ô trống: tiêu chí này không áp dụng với đơn vị ("+reason+")")
				}
			}
			continue
		}
		e := scoring.Entry{CriterionID: c.ID, Explanation: row.Cells[scExplanation], Evidence: row.Cells[scEvidence]}
		bad := false
		number := func(col int) *float64 {
			s := row.Cells[col]
			if s == "" {
				return nil
			}
			v, pct, ok := parseNumber(s)
			switch {
			case !ok || pct:
				add(col, "một số, ví dụ 4,5 hoặc 120")
			case v < 0:
				add(col, "một số không âm")
			default:
				v = round9(v)
				return &v
			}
			bad = true
			return nil
		}
		switch c.Method {
		case scoring.Fixed, scoring.Bonus, scoring.Deduction:
			e.Score = number(scScore)
		case scoring.Indicator:
			e.Numerator = number(scNumerator)
			e.Denominator = number(scDenominator)
		}
		// What a cell holds that its criterion has no place for is said by
		// the domain's rule, like any other problem of the entry.
		if row.Cells[scScore] != "" && c.Method == scoring.Indicator {
			e.Score = &zero
		}
		if c.Method != scoring.Indicator {
			e.Numerator, e.Denominator = present(row.Cells[scNumerator]), present(row.Cells[scDenominator])
		}
		if s := row.Cells[scNotArisen]; s != "" {
			switch {
			case fold(s) == fold(NotArisenLabel) || fold(s) == "x" || fold(s) == "co":
				e.NotArisen = true
			case c.Method == scoring.Fixed || c.Method == scoring.Indicator:
				add(scNotArisen, "“"+NotArisenLabel+"” hoặc để trống")
			default:
				e.NotArisen = true // refused below, for its method
			}
		}
		for _, p := range scoring.CheckEntry(c, e) {
			col := entryColumn[p.Part]
			switch {
			case bad && (col == scNumerator || col == scDenominator):
				continue // a figure that is not a number is said already; the pair is judged when both are read
			case flagged[col]:
				continue
			case row.Cells[col] == "" && col == scExplanation:
				flagged[col] = true
				ps = append(ps, Problem{Sheet: up.Sheet, Row: row.N, Column: selfColLetter(up, row, col), Header: selfHeaders[col], Expected: p.Expected})
				continue
			}
			add(col, p.Expected)
		}
		switch c.Method {
		case scoring.Fixed, scoring.Bonus, scoring.Deduction:
			e.Numerator, e.Denominator = nil, nil
		case scoring.Indicator:
			e.Score = nil
		}
		if e.NotArisen && c.Method != scoring.Fixed && c.Method != scoring.Indicator {
			e.NotArisen = false
		}
		for _, k := range []int{scExplanation, scEvidence} {
			if len([]rune(row.Cells[k])) > MaxSelfText {
				add(k, fmt.Sprintf("tối đa %s ký tự", groupDigits(MaxSelfText)))
			}
		}
		if !filled(inputs...) {
			e = scoring.Entry{CriterionID: c.ID}
		}
		out[c.ID] = e
	}
	return out, sortProblems(ps)
}

// entryColumn is the template's column of each part of an entry.
var entryColumn = map[scoring.Part]int{scoring.PartScore: scScore, scoring.PartNumerator: scNumerator,
	scoring.PartDenominator: scDenominator, scoring.PartNotArisen: scNotArisen, scoring.PartExplanation: scExplanation}

// zero stands for "something was typed" where only its presence matters.
var zero float64

// present is a non-nil value when a cell holds anything.
func present(s string) *float64 {
	if s == "" {
		return nil
	}
	return &zero
}

// selfColLetter is the letter of a column as the uploaded sheet has it.
func selfColLetter(up SelfUpload, row SelfRow, col int) string {
	if col < len(up.cols) && up.cols[col] >= 0 {
		j := up.cols[col]
		return colLetter(j)
	}
	return ""
}
