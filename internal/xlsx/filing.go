package xlsx

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua/internal/document"
	"thidua/internal/scoring"
)

// FilingDoc is a unit's self-assessment with the review, as the unit
// attaches it to its year-end report.
type FilingDoc struct {
	Issuer      document.Issuer // the unit that files: heading and place
	UnitName    string          // the unit's name as written: "Viện kiểm sát nhân dân tỉnh Thanh Hóa"
	Date        *time.Time      // nil prints "ngày … tháng … năm …"
	Year        int
	TableName   string
	StatusLabel string // scoring.Status.Label()
	// Reviewed says the head has reviewed the filing: only then are the
	// reviewed columns and totals printed.
	Reviewed bool
	Rows     []FilingRow // in table order; FilingRows builds them
	Self     FilingTotals
	Review   FilingTotals
}

// FilingRow is one criterion of the table.
type FilingRow struct {
	Code   string
	Name   string
	Method string // scoring.Method.Label(); empty for groups
	Group  bool   // a heading (I, II …): bold, its points are its children's
	Level  int    // depth in the criteria tree: 0 for top-level rows
	Max    float64
	// An indicator's figures and its value (a rate in percent when Rate,
	// else a count), nil when absent. They are the figures that count: the
	// reviewer's where the filing is reviewed, the unit's before.
	Numerator, Denominator, Value *float64
	Rate                          bool
	NotArisen                     bool // the unit declared "không phát sinh"
	// Excluded leaves the row out of the unit's (self) or the reviewed
	// total: not arisen or switched off. Its points are not printed.
	Excluded, ReviewExcluded   bool
	SelfPoints, ReviewedPoints float64
	Differs                    bool   // the reviewer's ruling differs from the unit's: highlighted
	Outcome                    string // "Đạt", "Vượt", "Chưa đạt", "Không phát sinh" …
	Explanation, Evidence      string
	ReviewComment              string
}

// FilingTotals are one side's totals (scoring.Result without its lines).
type FilingTotals struct {
	Raw, Applicable, Full, Scaled, Bonus, Deduction, Total float64
	scoring.Achievement
}

// TotalsOf takes the totals of a result.
func TotalsOf(r scoring.Result) FilingTotals {
	return FilingTotals{Raw: r.Raw, Applicable: r.Applicable, Full: r.Full, Scaled: r.Scaled,
		Bonus: r.Bonus, Deduction: r.Deduction, Total: r.Total, Achievement: r.Achievement}
}

// OutcomeLabel is the Vietnamese word for an indicator's outcome.
func OutcomeLabel(o scoring.Outcome) string {
	switch o {
	case scoring.Missed:
		return "Chưa đạt"
	case scoring.Met:
		return "Đạt"
	case scoring.Exceeded:
		return "Vượt"
	}
	return ""
}

// FilingRows builds the rows of a FilingDoc from a table, a filing, its
// adjustments and the two results (scoring.Evaluate of the unit's entries
// and of the reviewed entries, whose lines follow the table's rows). A
// group's maximum and points are the sums of the scored criteria under it.
func FilingRows(t scoring.Table, f scoring.Filing, adj map[int64]scoring.Adjustment, self, reviewed scoring.Result, isReviewed bool) []FilingRow {
	byID := make(map[int64]int, len(t.Criteria))
	for i, c := range t.Criteria {
		byID[c.ID] = i
	}
	counting, entries := self, f.Self
	if isReviewed {
		counting, entries = reviewed, f.ReviewedEntries()
	}
	line := func(r scoring.Result, i int) scoring.Line {
		if i < len(r.Lines) {
			return r.Lines[i]
		}
		return scoring.Line{}
	}
	rows := make([]FilingRow, len(t.Criteria))
	for i, c := range t.Criteria {
		sl, rl, cl := line(self, i), line(reviewed, i), line(counting, i)
		e := entries[c.ID]
		row := FilingRow{Code: c.Code, Name: c.Name, Method: c.Method.Label(), Group: c.Method == scoring.Group,
			Max: sl.Max, NotArisen: f.Self[c.ID].NotArisen, Excluded: sl.Excluded, ReviewExcluded: rl.Excluded,
			SelfPoints: sl.Points, ReviewedPoints: rl.Points, Differs: f.Differs(c.ID),
			Explanation: f.Self[c.ID].Explanation, Evidence: f.Self[c.ID].Evidence, ReviewComment: f.Review[c.ID].Comment}
		if row.Group {
			row.Method, row.Max = "", 0
		}
		for p, seen := c.ParentID, 0; p != 0 && seen < len(t.Criteria); seen++ {
			j, ok := byID[p]
			if !ok {
				break
			}
			row.Level++
			p = t.Criteria[j].ParentID
		}
		if c.Method == scoring.Indicator {
			row.Numerator = e.Numerator
			if c.IsRate() {
				row.Denominator, row.Rate = e.Denominator, true
			}
			row.Value = cl.Value
			row.Outcome = OutcomeLabel(cl.Outcome)
		}
		if cl.Excluded {
			row.Outcome = "Không phát sinh"
			if a, ok := adj[c.ID]; ok && a.Share == 0 {
				row.Outcome = "Không áp dụng"
			}
		} else if a, ok := adj[c.ID]; ok && a.Share > 0 && a.Share < 1 {
			row.Outcome = strings.TrimSpace(row.Outcome + fmt.Sprintf(" (áp dụng %s%%)", scoring.FormatNumber(a.Share*100)))
		}
		rows[i] = row
	}
	// Groups add up the scored criteria under them, at every level.
	for i, c := range t.Criteria {
		if !c.Scored() {
			continue
		}
		for p, seen := c.ParentID, 0; p != 0 && seen < len(t.Criteria); seen++ {
			j, ok := byID[p]
			if !ok {
				break
			}
			if rows[j].Group {
				rows[j].Max += rows[i].Max
				rows[j].SelfPoints += rows[i].SelfPoints
				rows[j].ReviewedPoints += rows[i].ReviewedPoints
			}
			p = t.Criteria[j].ParentID
		}
	}
	return rows
}

// SheetFiling is the filing workbook's sheet.
const SheetFiling = "Tự chấm điểm"

// FilingTitle is the filing's title for a year.
func FilingTitle(year int) string {
	return fmt.Sprintf("BẢNG TỰ CHẤM ĐIỂM VÀ KẾT QUẢ THẨM ĐỊNH THI ĐUA NĂM %d", year)
}

// filingHeaderRow is the table header's row (as rankingHeaderRow).
const filingHeaderRow = 9

// Columns of the filing table (1-based).
const (
	fcCode = iota + 1
	fcName
	fcMethod
	fcMax
	fcNum
	fcDen
	fcValue
	fcOutcome
	fcSelf
	fcReview
	fcExplain
	fcComment
	filingCols = fcComment
)

// filingSize is the table's font size: the table is wide, and fit-to-width
// shrinks it a little further on paper.
const filingSize = 11

// WriteFiling writes a unit's filing to w: the national heading, the
// title, the criteria with the unit's and the reviewed points side by side
// (groups in bold), then the totals with the rescaling explained. One
// sheet, streamed, A4 landscape one page across, header frozen and
// repeated on every printed page.
func WriteFiling(w io.Writer, d FilingDoc) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont(Font); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	ts, err := newTableStyles(f, filingSize)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetFiling); err != nil {
		return err
	}
	if err := pageSetup(f, SheetFiling, "landscape"); err != nil {
		return err
	}
	if err := printTitles(f, SheetFiling, filingHeaderRow); err != nil {
		return err
	}
	widths := filingWidths(d)
	var all float64
	for _, w := range widths {
		all += w
	}
	sw, err := f.NewStreamWriter(SheetFiling)
	if err != nil {
		return err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	top := fmt.Sprintf("A%d", filingHeaderRow+1)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: filingHeaderRow, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	r := &rowWriter{sw: sw}
	h := headingBlocks(widths[:], d.Issuer, "", PlaceDate(d.Issuer.Place, d.Date))
	if err := writeHeading(r, st, h); err != nil {
		return err
	}
	if err := r.write(6); err != nil {
		return err
	}
	if err := titleRow(r, ts.title, FilingTitle(d.Year), filingCols, all, 14); err != nil {
		return err
	}
	var info []string
	if d.UnitName != "" {
		info = append(info, "Đơn vị: "+d.UnitName)
	}
	if d.TableName != "" {
		info = append(info, "Bảng tiêu chí: "+d.TableName)
	}
	if d.StatusLabel != "" {
		info = append(info, "Trạng thái: "+d.StatusLabel)
	}
	if err := titleRow(r, st.note, strings.Join(info, " – "), filingCols, all, 12); err != nil {
		return err
	}
	if err := r.write(6); err != nil {
		return err
	}
	if r.row+1 != filingHeaderRow {
		return fmt.Errorf("xlsx: filing header on row %d, want %d", r.row+1, filingHeaderRow)
	}
	headers := filingHeaders()
	hn, hcells := 1, make([]any, filingCols)
	for i, t := range headers {
		hcells[i] = cell(ts.th, t)
		hn = max(hn, wrapped(t, widths[i], filingSize, true))
	}
	if err := r.write(height(hn, filingSize), hcells...); err != nil {
		return err
	}
	for _, row := range d.Rows {
		if err := writeFilingRow(r, ts, widths, d.Reviewed, row); err != nil {
			return err
		}
	}
	r.keepWithNext() // the last criterion goes with the totals
	if err := writeFilingTotals(r, ts, d, all); err != nil {
		return err
	}
	if err := r.paginate(f, SheetFiling, pages{widths: widths[:], landscape: true, titleRow: filingHeaderRow}); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

func filingHeaders() [filingCols]string {
	return [filingCols]string{"Mã", "Tiêu chí", "Cách chấm", "Điểm tối đa", "Tử số", "Mẫu số", "Kết quả",
		"Đánh giá", "Điểm tự chấm", "Điểm thẩm định", "Giải trình, tài liệu kèm theo", "Ý kiến thẩm định"}
}

// explanation is the unit's explanation with its evidence on a line of its own.
func explanation(row FilingRow) string {
	s := strings.TrimSpace(row.Explanation)
	if ev := strings.TrimSpace(row.Evidence); ev != "" {
		if s != "" {
			s += "\n"
		}
		s += "Tài liệu: " + ev
	}
	return s
}

// filingWidths sizes the columns from the content's rune counts. The total
// stays under about 145 units: A4 landscape's printable width (252 mm ≈
// 127 units) is reached by fit-to-width shrinking the table to 85–90 %.
func filingWidths(d FilingDoc) [filingCols]float64 {
	names, explains, comments, codes, outcomes := []string{"Tiêu chí"}, []string{"Giải trình"}, []string{"Ý kiến"}, []string{"Mã"}, []string{"Đánh giá"}
	for _, r := range d.Rows {
		names = append(names, strings.Repeat("  ", r.Level)+r.Name)
		explains, comments = append(explains, explanation(r)), append(comments, r.ReviewComment)
		codes, outcomes = append(codes, r.Code), append(outcomes, r.Outcome)
	}
	return [filingCols]float64{
		fitWidth(filingSize, 5, 8, codes...),
		fitWidth(filingSize, 28, 36, names...),
		9, 7, 8, 8, 9, // a value up to "100,00%", figures up to "123.456", never "###"
		fitWidth(filingSize, 8, 10, outcomes...),
		8, 9,
		fitWidth(filingSize, 14, 24, explains...),
		fitWidth(filingSize, 12, 18, comments...),
	}
}

// figure is a unit's figure: whole numbers without decimals.
func figure(ts tableStyles, v *float64) excelize.Cell {
	if v != nil && *v != math.Trunc(*v) {
		return num(ts.figure2, v)
	}
	return num(ts.figure, v)
}

func writeFilingRow(r *rowWriter, ts tableStyles, widths [filingCols]float64, reviewed bool, row FilingRow) error {
	name, text, center, score := ts.indent[min(row.Level, len(ts.indent)-1)], ts.text, ts.center, ts.score
	if row.Group {
		name, text, center, score = ts.groupText, ts.groupText, ts.groupCenter, ts.groupScore
	}
	points := func(v float64, excluded bool, style int) excelize.Cell {
		if excluded {
			return excelize.Cell{StyleID: style}
		}
		return cell(style, v)
	}
	maxCell := excelize.Cell{StyleID: score}
	if row.Max != 0 {
		maxCell = cell(score, row.Max)
	}
	value := excelize.Cell{StyleID: ts.figure}
	if row.Value != nil && row.Rate {
		v := *row.Value / 100
		value = num(ts.value, &v)
	} else if row.Value != nil {
		value = figure(ts, row.Value)
	}
	rev := excelize.Cell{StyleID: score}
	if reviewed {
		style := score
		if row.Differs {
			style = ts.changed
		}
		rev = points(row.ReviewedPoints, row.ReviewExcluded, style)
	}
	groupBlank := func(c excelize.Cell) excelize.Cell {
		if row.Group {
			c.StyleID = score
		}
		return c
	}
	expl := explanation(row)
	cells := []any{
		cell(center, row.Code),
		cell(name, row.Name),
		cell(center, row.Method),
		maxCell,
		groupBlank(figure(ts, row.Numerator)),
		groupBlank(figure(ts, row.Denominator)),
		groupBlank(value),
		cell(center, row.Outcome),
		points(row.SelfPoints, row.Excluded, score),
		rev,
		cell(text, expl),
		cell(text, row.ReviewComment),
	}
	// An indent level takes about three characters.
	fit := func(text string, col int) int { return wrapped(text, widths[col-1], filingSize, row.Group) }
	n := max1(wrapped(row.Name, widths[fcName-1]-3*float64(min(row.Level, len(ts.indent)-1)), filingSize, row.Group),
		fit(expl, fcExplain), fit(row.ReviewComment, fcComment), fit(row.Method, fcMethod), fit(row.Outcome, fcOutcome))
	return r.write(height(n, filingSize), cells...)
}

func max1(ns ...int) int {
	m := 1
	for _, n := range ns {
		m = max(m, n)
	}
	return m
}

// writeFilingTotals writes the totals under the table, the unit's beside
// the reviewed, then the rule in one line.
func writeFilingTotals(r *rowWriter, ts tableStyles, d FilingDoc, all float64) error {
	s, v := d.Self, d.Review
	type total struct {
		label     string
		self, rev any // float64 points, int counts, *float64 rates
		bold      bool
		kind      byte // 's' score, 'c' count, 'r' rate
	}
	full := scoring.FormatNumber(s.Full)
	if d.Reviewed && v.Full != 0 {
		full = scoring.FormatNumber(v.Full)
	}
	rows := []total{
		{label: "Điểm đạt của các tiêu chí phát sinh", self: s.Raw, rev: v.Raw, kind: 's'},
		{label: "Điểm tối đa của các tiêu chí phát sinh", self: s.Applicable, rev: v.Applicable, kind: 's'},
		{label: "Điểm tối đa của bảng tiêu chí", self: s.Full, rev: v.Full, kind: 's'},
		{label: "Tổng điểm quy đổi (điểm đạt × " + full + " / điểm tối đa của các tiêu chí phát sinh)", self: s.Scaled, rev: v.Scaled, kind: 's'},
		{label: "Điểm thưởng", self: s.Bonus, rev: v.Bonus, kind: 's'},
		{label: "Điểm trừ", self: s.Deduction, rev: v.Deduction, kind: 's'},
		{label: "TỔNG ĐIỂM (tổng điểm quy đổi + điểm thưởng − điểm trừ)", self: s.Total, rev: v.Total, kind: 's', bold: true},
		{label: "Số chỉ tiêu phát sinh", self: s.Arisen, rev: v.Arisen, kind: 'c'},
		{label: "Số chỉ tiêu đạt (kể cả vượt)", self: s.Met, rev: v.Met, kind: 'c'},
		{label: "Tỷ lệ chỉ tiêu đạt", self: rateOf(s.Met, s.Arisen), rev: rateOf(v.Met, v.Arisen), kind: 'r'},
		{label: "Số chỉ tiêu có thể vượt", self: s.Exceedable, rev: v.Exceedable, kind: 'c'},
		{label: "Số chỉ tiêu vượt", self: s.Exceeded, rev: v.Exceeded, kind: 'c'},
		{label: "Tỷ lệ chỉ tiêu vượt", self: rateOf(s.Exceeded, s.Exceedable), rev: rateOf(v.Exceeded, v.Exceedable), kind: 'r'},
	}
	label := fcSelf - 1 // the label spans the columns before the points
	for _, t := range rows {
		text, style := ts.text, ts.score
		switch {
		case t.bold:
			text, style = ts.totalText, ts.totalScore
		case t.kind == 'c':
			style = ts.count
		case t.kind == 'r':
			style = ts.rate
		}
		val := func(x any) excelize.Cell {
			if p, ok := x.(*float64); ok {
				return num(style, p)
			}
			return cell(style, x)
		}
		rev := excelize.Cell{StyleID: style}
		if d.Reviewed {
			rev = val(t.rev)
		}
		cells := append([]any{cell(text, t.label)}, blanks(text, label-1)...)
		cells = append(cells, val(t.self), rev)
		if err := r.write(height(1, filingSize), cells...); err != nil {
			return err
		}
		if err := r.merge(1, label); err != nil {
			return err
		}
		r.keepWithNext() // the totals print together, with the note
	}
	r.skip()
	r.keepWithNext()
	note := "Tổng điểm quy đổi = điểm đạt × " + full + " / điểm tối đa của các tiêu chí phát sinh; " +
		"tiêu chí không phát sinh không bị tính là không đạt. Tổng điểm = tổng điểm quy đổi + điểm thưởng − điểm trừ."
	if !d.Reviewed {
		note += " Chưa có kết quả thẩm định."
	}
	if err := r.write(height(wrapped(note, all, filingSize, false), filingSize), cell(ts.note, note)); err != nil {
		return err
	}
	return r.merge(1, filingCols)
}
