package xlsx

// Reading an uploaded criteria table: the sheet with the header, its rows
// turned into criteria, every problem placed on its cell.

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"thidua/internal/errs"
	"thidua/internal/scoring"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
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
	defer func() { // a parser's panic on a malformed file is a corrupt file, not a crash
		if p := recover(); p != nil {
			notePanic(p)
			rows, problems, err = nil, nil, refuse(MsgFileCorrupt)
		}
	}()
	f, sheetXML, err := openUpload(r, size, MsgFileEmpty, MsgFileBomb)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	// Looking a cell up (its formula, its number format) loads the whole
	// sheet into memory, about 20 times its XML; only for sheets of a
	// size a real table has.
	tr := &tableReader{f: f, lean: sheetXML > tioLookupLimit}
	if err := tr.read(); err != nil {
		return nil, nil, err
	}
	if rows, problems = tr.criteria(); len(problems) > 0 {
		return nil, problems, nil
	}
	return rows, nil, nil
}

// tableReader reads the sheet of a workbook that holds the table.
type tableReader struct {
	f       *excelize.File
	lean    bool            // the sheet is too big to load: no formulas computed, no number formats looked at
	sheet   string          // as the workbook names it
	label   string          // the same in NFC, for messages
	header  int             // the header's row number
	cols    [tioNCols]int   // 0-based column of each field, -1 if missing
	extra   []Problem       // header problems: missing, repeated columns
	rows    []tioRow        // the non-empty rows under the header
	calc    map[string]bool // cells whose value was computed here from their formula
	pending map[string]bool // cells whose formula has no stored result and was not computed
}

type tioRow struct {
	n     int
	cells [tioNCols]string
}

// findHeader finds the header row in a sheet's first rows: the first with
// "Mã", "Tên tiêu chí" and "Cách chấm". ok is false when there is none.
func (tr *tableReader) findHeader(sheet string) (row int, cols [tioNCols]int, extra []Problem, ok bool, err error) {
	rows, err := tr.f.Rows(sheet)
	if err != nil {
		return 0, cols, nil, false, err
	}
	defer rows.Close()
	for n := 1; n <= tioHeaderScan && rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return 0, cols, nil, false, err
		}
		for i := range cols {
			cols[i] = -1
		}
		extra = extra[:0]
		for j, v := range cells {
			k, known := tioAliases[fold(v)]
			if !known {
				continue
			}
			if cols[k] >= 0 {
				extra = append(extra, Problem{Sheet: norm.NFC.String(sheet), Row: n, Column: colLetter(j), Header: clean(v), Value: clean(v),
					Expected: fmt.Sprintf("mỗi cột chỉ một lần; cột “%s” đã có ở cột %s", tioHeaders[k], colLetter(cols[k]))})
				continue
			}
			cols[k] = j
		}
		if cols[colCode] >= 0 && cols[colName] >= 0 && cols[colMethod] >= 0 {
			for k, j := range cols {
				if j < 0 {
					extra = append(extra, Problem{Sheet: norm.NFC.String(sheet), Row: n, Expected: fmt.Sprintf("dòng tiêu đề có cột “%s” (xem tệp mẫu)", tioHeaders[k])})
				}
			}
			return n, cols, extra, true, rows.Error()
		}
	}
	return 0, cols, nil, false, rows.Error()
}

// read picks the sheet and reads its rows.
func (tr *tableReader) read() error {
	sheets := tr.f.GetSheetList()
	order := make([]string, 0, len(sheets))
	for _, s := range sheets { // the named sheet first, then the others in order
		if fold(s) == fold(SheetTable) {
			order = append([]string{s}, order...)
		} else if fold(s) != fold(SheetGuide) && fold(s) != fold(SheetExample) {
			order = append(order, s)
		}
	}
	for _, s := range order {
		row, cols, extra, ok, err := tr.findHeader(s)
		if err == nil && ok { // a sheet that cannot be read (a chart sheet) is passed over
			tr.sheet, tr.label, tr.header, tr.cols, tr.extra = s, norm.NFC.String(s), row, cols, extra
			break
		}
	}
	if tr.sheet == "" {
		return refuse(MsgFileNoSheet)
	}
	rows, err := tr.f.Rows(tr.sheet)
	if err != nil {
		return refuse(MsgFileCorrupt)
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return refuse(MsgFileCorrupt)
		}
		if n <= tr.header {
			continue
		}
		row := tioRow{n: n}
		blank := true
		for k, j := range tr.cols {
			if j >= 0 && j < len(cells) {
				if bad := badText(tr.label, n, j, tioHeaders[k], cells[j]); bad != nil {
					tr.extra = append(tr.extra, *bad)
				}
				row.cells[k] = clean(cells[j])
				blank = blank && row.cells[k] == ""
			}
		}
		if blank {
			continue
		}
		if len(tr.rows) == MaxTableRows {
			return refuse(MsgFileTooManyRows)
		}
		tr.rows = append(tr.rows, row)
	}
	if rows.Error() != nil {
		return refuse(MsgFileCorrupt)
	}
	if len(tr.rows) == 0 {
		return refuse(MsgFileNoRows)
	}
	tr.computeFormulas()
	return nil
}

// computeFormulas fills the empty cells that hold a formula with no
// stored result (files written by programs; Excel and LibreOffice store
// results) by computing it — only plain arithmetic on cells, and only so
// many: a function or a range could make an uploaded file cost minutes
// or gigabytes (=SUM(A1:XFC1048575)). Other formulas are reported.
func (tr *tableReader) computeFormulas() {
	tr.calc, tr.pending = map[string]bool{}, map[string]bool{}
	if tr.lean {
		return
	}
	budget := tioMaxCalc
	for i := range tr.rows {
		row := &tr.rows[i]
		for k, j := range tr.cols {
			if j < 0 || row.cells[k] != "" {
				continue
			}
			ref := tr.ref(row.n, j)
			fm, err := tr.f.GetCellFormula(tr.sheet, ref)
			if err != nil || fm == "" {
				continue
			}
			v := ""
			if budget > 0 && tr.plainTree(fm, map[string]bool{ref: true}) {
				budget--
				v, err = tr.f.CalcCellValue(tr.sheet, ref, excelize.Options{RawCellValue: true, MaxCalcIterations: 0})
			}
			if err != nil || v == "" {
				row.cells[k] = clean("=" + fm)
				tr.pending[ref] = true
				continue
			}
			row.cells[k] = clean(v)
			tr.calc[ref] = true
		}
	}
}

// plainTree reports whether a formula and every formula it reaches
// through its cells are plain, within a small number of cells.
func (tr *tableReader) plainTree(fm string, seen map[string]bool) bool {
	if !plainFormula(fm) || len(seen) > 50 {
		return false
	}
	for _, tok := range formulaTokens.FindAllString(fm, -1) {
		if !cellToken.MatchString(tok) {
			continue
		}
		ref := strings.ToUpper(strings.ReplaceAll(tok, "$", ""))
		if seen[ref] {
			return false // a circle
		}
		seen[ref] = true
		sub, err := tr.f.GetCellFormula(tr.sheet, ref)
		if err != nil || sub != "" && !tr.plainTree(sub, seen) {
			return false
		}
	}
	return true
}

func (tr *tableReader) ref(row, col int) string {
	ref, _ := excelize.CoordinatesToCellName(col+1, row)
	return ref
}

// numberFormat reports whether a number cell is shown as a percentage or
// as a date.
func (tr *tableReader) numberFormat(ref string) (percent, date bool) {
	if tr.lean {
		return false, false
	}
	switch t, _ := tr.f.GetCellType(tr.sheet, ref); t {
	case excelize.CellTypeUnset, excelize.CellTypeNumber, excelize.CellTypeDate:
	default:
		return false, false
	}
	idx, err := tr.f.GetCellStyle(tr.sheet, ref)
	if err != nil {
		return false, false
	}
	st, err := tr.f.GetStyle(idx)
	if err != nil || st == nil {
		return false, false
	}
	if st.CustomNumFmt != nil {
		code := stripFormatLiterals(*st.CustomNumFmt)
		return strings.Contains(code, "%"), strings.ContainsAny(strings.ToLower(code), "dmy")
	}
	switch n := st.NumFmt; {
	case n == 9 || n == 10:
		return true, false
	case n >= 14 && n <= 22, n >= 27 && n <= 36, n >= 45 && n <= 47, n >= 50 && n <= 58:
		return false, true
	}
	return false, false
}

// criteria turns the rows into criteria, collecting every problem.
func (tr *tableReader) criteria() ([]scoring.Criterion, []Problem) {
	problems := append([]Problem(nil), tr.extra...)
	reported := map[[2]int]bool{} // one problem per cell: the first found
	add := func(row tioRow, k tioCol, expected string) {
		if reported[[2]int{row.n, int(k)}] {
			return
		}
		reported[[2]int{row.n, int(k)}] = true
		p := Problem{Sheet: tr.label, Row: row.n, Header: tioHeaders[k], Value: row.cells[k], Expected: expected}
		if j := tr.cols[k]; j >= 0 {
			p.Column = colLetter(j)
		}
		if r := []rune(p.Value); len(r) > tioValueRunes {
			p.Value = string(r[:tioValueRunes]) + "…"
		}
		problems = append(problems, p)
	}
	out := make([]scoring.Criterion, len(tr.rows))
	methodOK := make([]bool, len(tr.rows))
	maxBad := make([]bool, len(tr.rows)) // a maximum that could not be read
	firstRow := map[string]int{}         // code → index of its first row
	for i, row := range tr.rows {
		c := scoring.Criterion{Order: i + 1, Below: scoring.Nothing}
		v := row.cells
		for k, j := range tr.cols {
			if j >= 0 && tr.pending[tr.ref(row.n, j)] {
				add(row, tioCol(k), "giá trị của công thức, nhưng tệp không lưu kết quả tính – hãy mở tệp bằng Excel, "+
					"để Excel tính lại rồi lưu, hoặc thay công thức bằng giá trị")
			}
		}
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
			v[colTargetNA] == "" && v[colTargetSector] == "" {
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
		return nil, tr.sorted(problems)
	}
	// The domain's own rules, as a last check; each message goes back to
	// its sheet row and, where it names one, its column.
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
		for field, msg := range e.Fields {
			idx, err := strconv.Atoi(strings.TrimPrefix(field, "criteria."))
			if err != nil || idx < 1 || idx > len(tr.rows) {
				problems = append(problems, Problem{Sheet: tr.label, Expected: msg})
				continue
			}
			row := tr.rows[idx-1]
			if _, rest, ok := strings.Cut(msg, ": "); ok {
				msg = rest
			}
			if k, ok := validateColumn(msg); ok {
				add(row, k, strings.TrimSuffix(msg, "."))
			} else {
				problems = append(problems, Problem{Sheet: tr.label, Row: row.n, Expected: strings.TrimSuffix(msg, ".")})
			}
		}
		return nil, tr.sorted(problems)
	}
	return out, nil
}

// validateColumn is the column a scoring.ValidateTable message is about.
func validateColumn(msg string) (tioCol, bool) {
	for _, m := range []struct {
		part string
		col  tioCol
	}{
		{"cấp trên", colParent}, {"bị trùng", colCode}, {"mã tiêu chí", colCode}, {"tên tiêu chí", colName},
		{"điểm tối đa", colMax}, {"điểm không được âm", colMax}, {"chiều đánh giá", colDirection}, {"tử số", colNumerator},
		{"chỉ tiêu của Quốc hội", colTargetNA}, {"chỉ tiêu không được âm", colTargetNA}, {"cách chấm", colMethod},
	} {
		if strings.Contains(msg, m.part) {
			return m.col, true
		}
	}
	return 0, false
}

// sorted orders problems by row, then by column as they stand in the sheet.
func (tr *tableReader) sorted(ps []Problem) []Problem {
	col := func(p Problem) int {
		if p.Column == "" {
			return -1
		}
		n, _ := excelize.ColumnNameToNumber(p.Column)
		return n
	}
	sort.SliceStable(ps, func(a, b int) bool {
		if ps[a].Row != ps[b].Row {
			return ps[a].Row < ps[b].Row
		}
		return col(ps[a]) < col(ps[b])
	})
	return ps
}
