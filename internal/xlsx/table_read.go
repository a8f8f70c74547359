package xlsx

// Reading an uploaded criteria table: the sheet with the header, its rows
// turned into criteria, every problem placed on its cell.

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"thidua/internal/errs"
	"thidua/internal/scoring"
)

// MsgFileTooManyRows is the refusal of a table with too many criteria.
var MsgFileTooManyRows = fmt.Sprintf("Bảng có hơn %s dòng tiêu chí; mỗi bảng nhập được tối đa %s tiêu chí.", groupDigits(MaxTableRows), groupDigits(MaxTableRows))

// ReadTable reads a criteria table from an uploaded workbook. size is the
// upload's declared size (-1 if unknown); at most MaxTableFileSize bytes
// are read whatever it says.
//
// A file that cannot be a criteria table (too big, not an .xlsx, corrupt,
// encrypted, a zip bomb, no sheet with the header, too many rows) is
// refused with an errs.Invalid error whose message says why in
// Vietnamese. Otherwise every problem in the rows is collected — sheet,
// row, column, value found, value expected — rather than stopping at the
// first; rows are returned only when there are none. Rows name their
// parent by 1-based position (scoring.Table.Positional), ready for
// app.SaveTable.
func ReadTable(r io.Reader, size int64) (rows []scoring.Criterion, problems []Problem, err error) {
	err = readWorkbook(r, size, MsgFileEmpty, MsgFileBomb, func(f *excelize.File, lean bool) error {
		sr, err := readTableSheet(f, lean)
		if err == nil {
			rows, problems = tableReader{sr}.criteria()
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return rows, problems, nil
}

// tableLayout finds the table by the header with "Mã", "Tên tiêu chí" and
// "Cách chấm"; every other column missing from it is a problem.
var tableLayout = &layout{heads: tioHeaders[:], aliases: tioAliases,
	isHeader: func(c []int) bool { return c[colCode] >= 0 && c[colName] >= 0 && c[colMethod] >= 0 },
	report:   []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, // every column (tioNCols)
	formulas: true, maxRows: MaxTableRows, tooMany: MsgFileTooManyRows}

// readTableSheet reads the sheet that holds the table: the one named so
// first, then the others in order.
func readTableSheet(f *excelize.File, lean bool) (*sheetReader, error) {
	for _, s := range sheetOrder(f.GetSheetList(), SheetTable, SheetGuide, SheetExample) {
		sr, err := readSheet(f, s, norm.NFC.String(s), tableLayout, lean)
		switch {
		case err != nil:
			return nil, err
		case sr != nil && len(sr.rows) == 0:
			return nil, refuse(MsgFileNoRows)
		case sr != nil:
			return sr, nil
		}
	}
	return nil, refuse(MsgFileNoSheet)
}

// tableReader turns the rows of the table's sheet into criteria.
type tableReader struct{ *sheetReader }

// criteria turns the rows into criteria, collecting every problem.
func (tr tableReader) criteria() ([]scoring.Criterion, []Problem) {
	problems := append([]Problem(nil), tr.problems...)
	reported := map[[2]int]bool{} // one problem per cell: the first found
	for cell := range tr.pending {
		reported[cell] = true
	}
	// given: the cell holds something, if only a formula not computed.
	given := func(row sheetRow, k tioCol) bool { return row.cells[k] != "" || tr.pending[[2]int{row.n, int(k)}] }
	add := func(row sheetRow, k tioCol, expected string) {
		if reported[[2]int{row.n, int(k)}] {
			return
		}
		reported[[2]int{row.n, int(k)}] = true
		p := Problem{Sheet: tr.label, Row: row.n, Header: tioHeaders[k], Value: row.cells[k], Expected: expected}
		if j := tr.cols[k]; j >= 0 {
			p.Column = colLetter(j)
		}
		problems = append(problems, p.clipped())
	}
	out := make([]scoring.Criterion, len(tr.rows))
	methodOK := make([]bool, len(tr.rows))
	maxBad := make([]bool, len(tr.rows)) // a maximum that could not be read
	firstRow := map[string]int{}         // code → index of its first row
	for i, row := range tr.rows {
		c := scoring.Criterion{Order: i + 1, Below: scoring.Nothing}
		v := row.cells
		// Codes typed into a General cell can be turned into dates by Excel.
		for _, k := range []tioCol{colCode, colParent} {
			if _, _, isNum := parseNumber(v[k]); isNum && tr.cols[k] >= 0 {
				if _, date := tr.numberFormat(tr.ref(row.n, tr.cols[k])); date {
					add(row, k, "mã dạng văn bản; Excel đã đổi mã thành ngày tháng – hãy định dạng cột là Văn bản (Text) rồi gõ lại mã")
					v[k] = ""
					tr.rows[i].cells[k] = ""
				}
			}
		}
		c.Code, c.Name = v[colCode], v[colName]
		switch j, dup := firstRow[c.Code]; {
		case c.Code == "":
			add(row, colCode, "mã tiêu chí (ví dụ I, 1, 1.1), không được để trống")
		case dup:
			add(row, colCode, fmt.Sprintf("mã không trùng nhau; mã “%s” đã dùng ở dòng %d", c.Code, tr.rows[j].n))
		default:
			firstRow[c.Code] = i
		}
		if c.Name == "" {
			add(row, colName, "tên tiêu chí, không được để trống")
		}
		if m, ok := matchLabel(v[colMethod], tioMethods, scoring.Method.Label); ok {
			c.Method, methodOK[i] = m, true
		} else if v[colMethod] == "" {
			add(row, colMethod, "cách chấm, không được để trống: một trong "+quoteList(methodLabels()))
		} else {
			add(row, colMethod, "một trong "+quoteList(methodLabels()))
		}
		indicator := c.Method == scoring.Indicator

		// Điểm tối đa.
		maxBad[i] = tr.pending[[2]int{row.n, int(colMax)}]
		if v[colMax] != "" {
			n, _, ok := parseNumber(v[colMax])
			maxBad[i] = !ok || n < 0
			switch {
			case !ok:
				add(row, colMax, "một số (ví dụ 5 hoặc 2,5)")
			case n < 0:
				add(row, colMax, "số không âm")
			case n == 0 && c.Scored():
				add(row, colMax, "số điểm lớn hơn 0 (bắt buộc với “Chấm trực tiếp” và “Chỉ tiêu”)")
			default:
				c.Max = round9(n)
			}
		} else if c.Scored() {
			add(row, colMax, "số điểm lớn hơn 0 (bắt buộc với “Chấm trực tiếp” và “Chỉ tiêu”)")
		}

		// The indicator's own columns.
		c.Numerator, c.Denominator = v[colNumerator], v[colDenominator]
		if methodOK[i] && !indicator {
			for _, k := range []tioCol{colNumerator, colDenominator, colDirection, colTargetNA, colTargetSector, colExceed, colBelow} {
				if v[k] != "" {
					add(row, k, "ô trống: cột này chỉ dùng cho dòng “Chỉ tiêu” (dòng này là “"+c.Method.Label()+"”)")
				}
			}
			c.Numerator, c.Denominator = "", ""
			out[i] = c
			continue
		}
		if indicator && c.Numerator == "" {
			add(row, colNumerator, "nội dung được đếm (tử số), bắt buộc với “Chỉ tiêu”")
		}
		if d, ok := matchLabel(v[colDirection], tioDirections, DirectionLabel); ok {
			c.Direction = d
		} else if v[colDirection] != "" || indicator {
			add(row, colDirection, "một trong "+quoteList(directionLabels())+" (bắt buộc với “Chỉ tiêu”)")
		}
		rate := c.Denominator != "" && c.Direction != scoring.Zero
		for _, k := range []tioCol{colTargetNA, colTargetSector} {
			if v[k] == "" {
				continue
			}
			n, pct, ok := parseNumber(v[k])
			if ok && !pct && tr.cols[k] >= 0 {
				if p, _ := tr.numberFormat(tr.ref(row.n, tr.cols[k])); p && !tr.calc[tr.ref(row.n, tr.cols[k])] {
					n = round9(n * 100) // 90 % is stored as 0.9
				}
			}
			switch {
			case !ok:
				add(row, k, "một số theo phần trăm (ví dụ 90 hoặc 90%), hoặc để trống")
				continue
			case n < 0:
				add(row, k, "số không âm")
				continue
			case rate && n > 100:
				add(row, k, "tỷ lệ không quá 100%")
				continue
			}
			n = round9(n)
			if k == colTargetNA {
				c.TargetNA = &n
			} else {
				c.TargetSector = &n
			}
		}
		if indicator && c.Direction != "" && c.Direction != scoring.Zero && c.TargetNA == nil && c.TargetSector == nil &&
			!given(row, colTargetNA) && !given(row, colTargetSector) {
			add(row, colTargetNA, "chỉ tiêu của Quốc hội hoặc của Ngành (ít nhất một trong hai cột), trừ chiều “Bằng 0”")
		}
		if v[colExceed] != "" {
			n, _, ok := parseNumber(v[colExceed])
			switch {
			case !ok:
				add(row, colExceed, "một số điểm (ví dụ 0,5), hoặc để trống")
			case n < 0:
				add(row, colExceed, "số không âm")
			default:
				c.ExceedBonus = round9(n)
			}
		}
		if v[colBelow] != "" {
			if b, ok := matchLabel(v[colBelow], tioBelows, BelowLabel); ok {
				c.Below = b
			} else {
				add(row, colBelow, "một trong "+quoteList(belowLabels())+", hoặc để trống (Không tính điểm)")
			}
		}
		out[i] = c
	}

	// Parents: an earlier group, named by its code.
	before := len(problems)
	for i, row := range tr.rows {
		p := row.cells[colParent]
		if p == "" {
			continue
		}
		j, ok := firstRow[p]
		switch {
		case p == out[i].Code && j == i:
			add(row, colParent, "mã của nhóm chứa dòng này, không phải mã của chính nó")
		case !ok:
			add(row, colParent, fmt.Sprintf("mã của một dòng “Nhóm tiêu chí” ở phía trên; không có dòng nào mang mã “%s”", p))
		case j > i:
			add(row, colParent, fmt.Sprintf("mã của một nhóm ở phía trên; nhóm “%s” nằm ở dòng %d, bên dưới dòng này", p, tr.rows[j].n))
		case methodOK[j] && out[j].Method != scoring.Group:
			add(row, colParent, fmt.Sprintf("mã của một dòng “Nhóm tiêu chí”; dòng %d (mã “%s”) là “%s”", tr.rows[j].n, p, out[j].Method.Label()))
		default:
			out[i].ParentID = int64(j + 1)
		}
	}
	parentBad := len(problems) > before
	// A group's maximum, when given, is its rows' maxima added up (rows
	// that failed above are not added, so no second message about them).
	sums, unsure := make([]float64, len(out)), make([]bool, len(out))
	for i, c := range out {
		if c.ParentID > 0 {
			j := c.ParentID - 1
			unsure[j] = unsure[j] || maxBad[i] || !methodOK[i]
			if c.Scored() || c.Method == scoring.Group {
				sums[j] += c.Max
			}
		}
	}
	for i, c := range out {
		if c.Method == scoring.Group && c.Max != 0 && !parentBad && !unsure[i] && math.Abs(sums[i]-c.Max) > 1e-9 {
			add(tr.rows[i], colMax, fmt.Sprintf("tổng điểm tối đa của các tiêu chí trong nhóm (%s), hoặc để trống",
				scoring.FormatNumber(sums[i])))
		}
	}
	if len(problems) > 0 {
		return nil, sortProblems(problems)
	}
	// The domain's own rules, as a last check; each problem goes back to
	// its sheet row and column by its field key.
	check := scoring.Table{Name: SheetTable, Criteria: make([]scoring.Criterion, len(out))}
	for i, c := range out {
		c.ID = int64(i + 1)
		check.Criteria[i] = c
	}
	if err := scoring.ValidateTable(check); err != nil {
		e, ok := errs.As(err)
		if !ok {
			return nil, []Problem{{Sheet: tr.label, Expected: err.Error()}}
		}
		for _, p := range e.Problems {
			i, k, ok := tableField(p.Field)
			switch {
			case i < 1 || i > len(tr.rows):
				problems = append(problems, Problem{Sheet: tr.label, Expected: p.Message})
			case ok:
				add(tr.rows[i-1], k, p.Message)
			default:
				problems = append(problems, Problem{Sheet: tr.label, Row: tr.rows[i-1].n, Expected: p.Message})
			}
		}
		return nil, sortProblems(problems)
	}
	return out, nil
}

// tableField is the row (1-based) and column of a scoring.ValidateTable
// problem's field, "criteria.3.max"; ok is false when the field names no
// column (the row as a whole), i 0 when it names no row.
func tableField(field string) (i int, col tioCol, ok bool) {
	rest, found := strings.CutPrefix(field, "criteria.")
	if !found {
		return 0, 0, false
	}
	n, key, _ := strings.Cut(rest, ".")
	if i, _ = strconv.Atoi(n); i < 1 {
		return 0, 0, false
	}
	col, ok = tioFields[key]
	return i, col, ok
}
