package xlsx

import (
	"regexp"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// What every reader of an uploaded workbook shares once the file is open:
// finding the header, reading the rows, the formula guard, number formats,
// matching labels, ordering problems.

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
