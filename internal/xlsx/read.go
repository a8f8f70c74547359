package xlsx

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// What every reader of an uploaded workbook shares once the file is open:
// finding the header, reading the rows, the formula guard, number formats,
// matching labels, ordering problems.

// Limits on every uploaded workbook (the file's size is MaxTableFileSize).
const (
	// A workbook may unzip to at most this much (zip bombs), and parts
	// larger than unzipXMLLimit are spooled to a temporary file.
	unzipLimit    = 20 << 20
	unzipXMLLimit = 10 << 20
	maxZipEntries = 2000
	headerScan    = 20      // rows searched for the header
	valueRunes    = 120     // characters of a cell's value a problem shows
	maxCalc       = 500     // formulas without a stored result computed per sheet
	lookupLimit   = 4 << 20 // worksheets up to this size (XML) may be loaded whole
)

// readWorkbook opens an upload within the limits and hands it to read,
// closing it after; a panic inside excelize on a malformed file is a
// corrupt file, not a crash. empty and bomb are the document's refusals
// of an empty file and a zip bomb. lean: the largest sheet is too big to
// look its cells up (a formula, a number format), which loads the whole
// sheet into memory, about 20 times its XML.
func readWorkbook(r io.Reader, size int64, empty, bomb string, read func(f *excelize.File, lean bool) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			notePanic(p)
			err = refuse(MsgFileCorrupt)
		}
	}()
	f, sheetXML, err := openUpload(r, size, empty, bomb)
	if err != nil {
		return err
	}
	defer f.Close()
	return read(f, sheetXML > lookupLimit)
}

// sheetOrder is the order in which a reader looks for its sheet: the one
// named first, then the others as they stand, but those it never reads.
func sheetOrder(sheets []string, first string, never ...string) []string {
	out := make([]string, 0, len(sheets))
	for _, s := range sheets {
		switch {
		case fold(s) == fold(first):
			out = append([]string{s}, out...)
		case !slices.ContainsFunc(never, func(n string) bool { return fold(n) == fold(s) }):
			out = append(out, s)
		}
	}
	return out
}

// layout is how a reader finds a document's columns on a sheet.
type layout struct {
	heads   []string       // the fields' headers, as the template writes them
	aliases map[string]int // folded header, as people also type it → field
	// isHeader tells whether a row whose known columns are cols (-1:
	// absent) is the header.
	isHeader func(cols []int) bool
	report   []int // fields whose absence from the header is a problem
	formulas bool  // compute formulas that have no stored result
	maxRows  int
	tooMany  string // the refusal of a sheet with more than maxRows rows
}

// sheetRow is a non-empty row under the header: its number and its cells
// by field, cleaned ("" where the column is absent).
type sheetRow struct {
	n     int
	cells []string
}

// sheetReader is one sheet of an uploaded workbook, read by a layout.
type sheetReader struct {
	f        *excelize.File
	sheet    string // as the workbook names it
	label    string // as problems name it
	lean     bool   // too big to load: no formulas computed, no number formats looked at
	header   int    // the header's row number
	cols     []int  // 0-based column of each field, -1 if absent
	rows     []sheetRow
	problems []Problem       // the header's, and cells that cannot be read
	calc     map[string]bool // cells whose value was computed here from their formula
	pending  map[[2]int]bool // (row, field) of formulas with no stored result, not computed
	budget   int             // formulas that may still be computed
}

// readSheet finds the header within a sheet's first rows and reads the
// non-empty rows under it; nil when the sheet has none (or is a chart
// sheet, which has no cells).
func readSheet(f *excelize.File, sheet, label string, l *layout, lean bool) (*sheetReader, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, nil
	}
	defer rows.Close()
	sr := &sheetReader{f: f, sheet: sheet, label: label, lean: lean, calc: map[string]bool{}, pending: map[[2]int]bool{}, budget: maxCalc}
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, refuse(MsgFileCorrupt)
		}
		if sr.header == 0 {
			if n > headerScan {
				return nil, nil
			}
			sr.findHeader(n, cells, l)
			continue
		}
		row := sheetRow{n: n, cells: make([]string, len(l.heads))}
		blank := true
		for k, j := range sr.cols {
			if j < 0 {
				continue
			}
			if j < len(cells) {
				if bad := badText(sr.label, n, j, l.heads[k], cells[j]); bad != nil {
					sr.problems = append(sr.problems, *bad)
				}
				row.cells[k] = clean(cells[j])
			}
			if row.cells[k] == "" && l.formulas && !sr.lean {
				row.cells[k] = sr.formula(n, k, l.heads[k])
			}
			blank = blank && row.cells[k] == ""
		}
		if blank {
			continue
		}
		if len(sr.rows) == l.maxRows {
			return nil, refuse(l.tooMany)
		}
		sr.rows = append(sr.rows, row)
	}
	if rows.Error() != nil {
		return nil, refuse(MsgFileCorrupt)
	}
	if sr.header == 0 {
		return nil, nil
	}
	return sr, nil
}

// findHeader takes row n as the header if the layout says it is one,
// with a problem for each column repeated and each reported one absent.
func (sr *sheetReader) findHeader(n int, cells []string, l *layout) {
	cols := make([]int, len(l.heads))
	for k := range cols {
		cols[k] = -1
	}
	var problems []Problem
	for j, v := range cells {
		k, known := l.aliases[fold(v)]
		if !known {
			continue
		}
		if cols[k] >= 0 {
			problems = append(problems, Problem{Sheet: sr.label, Row: n, Column: colLetter(j), Header: l.heads[k], Value: clean(v),
				Expected: fmt.Sprintf("mỗi cột chỉ một lần; cột “%s” đã có ở cột %s", l.heads[k], colLetter(cols[k]))})
			continue
		}
		cols[k] = j
	}
	if !l.isHeader(cols) {
		return
	}
	for _, k := range l.report {
		if cols[k] < 0 {
			problems = append(problems, Problem{Sheet: sr.label, Row: n, Expected: fmt.Sprintf("dòng tiêu đề có cột “%s” (xem tệp mẫu)", l.heads[k])})
		}
	}
	sr.header, sr.cols, sr.problems = n, cols, append(sr.problems, problems...)
}

// formula is the value of an empty cell that holds a formula with no
// stored result (files written by programs; Excel and LibreOffice store
// results), computed here — only plain arithmetic on cells, and only so
// many: a function or a range could make an uploaded file cost minutes
// or gigabytes (=SUM(A1:XFC1048575)). A formula not computed is a problem
// and leaves the cell empty.
func (sr *sheetReader) formula(n, k int, header string) string {
	j := sr.cols[k]
	ref := sr.ref(n, j)
	fm, err := sr.f.GetCellFormula(sr.sheet, ref)
	if err != nil || fm == "" {
		return ""
	}
	v := ""
	if sr.budget > 0 && sr.plainTree(fm, map[string]bool{ref: true}) {
		sr.budget--
		v, err = sr.f.CalcCellValue(sr.sheet, ref, excelize.Options{RawCellValue: true, MaxCalcIterations: 0})
	}
	if v = clean(v); err != nil || v == "" {
		sr.pending[[2]int{n, k}] = true
		p := Problem{Sheet: sr.label, Row: n, Column: colLetter(j), Header: header, Value: clean("=" + fm),
			Expected: "giá trị của công thức, nhưng tệp không lưu kết quả tính – hãy mở tệp bằng Excel hoặc LibreOffice để tính lại rồi lưu, " +
				"hoặc thay công thức bằng giá trị"}
		sr.problems = append(sr.problems, p.clipped())
		return ""
	}
	sr.calc[ref] = true
	return v
}

// clipped is the problem with a long value cut short.
func (p Problem) clipped() Problem {
	if r := []rune(p.Value); len(r) > valueRunes {
		p.Value = string(r[:valueRunes]) + "…"
	}
	return p
}

// plainFormula reports whether a formula is arithmetic on numbers and
// single cells of the same sheet: no functions, no names (which may stand
// for ranges), no ranges, no other sheets.
func plainFormula(fm string) bool {
	if len(fm) > 200 {
		return false
	}
	afterOperand := false // a "(" right after a number or cell is a call
	for _, tok := range formulaTokens.FindAllString(fm, -1) {
		switch {
		case strings.TrimSpace(tok) == "":
		case tok == "(":
			if afterOperand {
				return false
			}
		case tok == ")" || tok == "%":
			afterOperand = true
		case strings.Contains("+-*/^", tok):
			afterOperand = false
		case numberToken.MatchString(tok) || cellToken.MatchString(tok):
			afterOperand = true
		default:
			return false
		}
	}
	return strings.Join(formulaTokens.FindAllString(fm, -1), "") == fm
}

var (
	formulaTokens = regexp.MustCompile(`[A-Za-z0-9$.]+|[-+*/^()%]|\s+`)
	numberToken   = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)
	cellToken     = regexp.MustCompile(`^\$?[A-Za-z]{1,3}\$?[1-9][0-9]{0,6}$`)
)

// stripFormatLiterals removes quoted text, [colour]/[locale] sections and
// escaped characters from a number format code.
func stripFormatLiterals(code string) string {
	if strings.EqualFold(code, "general") {
		return ""
	}
	var b strings.Builder
	quoted, bracket, escape := false, false, false
	for _, r := range code {
		switch {
		case escape:
			escape = false
		case quoted:
			quoted = r != '"'
		case bracket:
			bracket = r != ']'
		case r == '"':
			quoted = true
		case r == '[':
			bracket = true
		case r == '\\' || r == '_' || r == '*':
			escape = true
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// matchLabel finds a value among labels, loosely (case and diacritics
// aside), also accepting the stored English word.
func matchLabel[T ~string](s string, values []T, label func(T) string) (T, bool) {
	fs := fold(s)
	for _, v := range values {
		if fs == fold(label(v)) || fs == fold(string(v)) {
			return v, true
		}
	}
	var zero T
	return zero, false
}

func quoteList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "“" + v + "”"
	}
	return strings.Join(q, ", ")
}

// sortProblems orders problems by sheet (the personnel workbook's in
// template order; a workbook of one sheet has them all on it), row and
// column as they stand in the sheet.
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

// plainTree reports whether a formula and every formula it reaches
// through its cells are plain, within a small number of cells.
func (sr *sheetReader) plainTree(fm string, seen map[string]bool) bool {
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
		sub, err := sr.f.GetCellFormula(sr.sheet, ref)
		if err != nil || sub != "" && !sr.plainTree(sub, seen) {
			return false
		}
	}
	return true
}

func (sr *sheetReader) ref(row, col int) string {
	ref, _ := excelize.CoordinatesToCellName(col+1, row)
	return ref
}

// numberFormat reports whether a number cell is shown as a percentage or
// as a date.
func (sr *sheetReader) numberFormat(ref string) (percent, date bool) {
	if sr.lean {
		return false, false
	}
	switch t, _ := sr.f.GetCellType(sr.sheet, ref); t {
	case excelize.CellTypeUnset, excelize.CellTypeNumber, excelize.CellTypeDate:
	default:
		return false, false
	}
	idx, err := sr.f.GetCellStyle(sr.sheet, ref)
	if err != nil {
		return false, false
	}
	st, err := sr.f.GetStyle(idx)
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

// SortPeopleProblems orders problems as the readers return them: by
// sheet, row and column (any workbook's, despite the name).
func SortPeopleProblems(ps []Problem) []Problem { return sortProblems(ps) }
