package xlsx

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua/internal/document"
	"thidua/internal/scoring"
)

// RankingDoc is a year's ranking as it is filed: a summary sheet, then one
// sheet per cluster (or bloc).
type RankingDoc struct {
	Issuer   document.Issuer // the body the ranking comes from: heading and place
	Date     *time.Time      // nil prints "ngày … tháng … năm …"
	Year     int
	Title    string // empty: "BẢNG XẾP HẠNG KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM <Year>"
	Clusters []RankingSheet
	// National is the national table across clusters, ranked together. When
	// empty, the summary sheet lists each cluster's leading units instead.
	National []RankingRow
}

// RankingSheet is one cluster's ranking.
type RankingSheet struct {
	// Name is the sheet tab ("Cụm 6"). Characters a tab cannot hold are
	// replaced, it is cut to 31 characters and made unique, so a cluster's
	// title may be passed as it is.
	Name  string
	Title string // printed under the document's title: "CỤM THI ĐUA SỐ 6 (BẮC TRUNG BỘ)"
	Rows  []RankingRow
	// Total is the cluster's indicators together (app.ClusterRanking.Total),
	// printed on the sheet's "Cộng" row; left zero, it is summed from Rows.
	Total scoring.Achievement
}

// RankingRow is one unit's line, in rank order: the ranked (reviewed)
// units first, then the unranked ones.
type RankingRow struct {
	Rank      int // 0: not ranked (the filing is not reviewed); the cell is left empty
	UnitName  string
	SelfTotal float64 // printed in the column "Điểm tự chấm (chưa thẩm định)"
	HasSelf   bool    // the unit has a self-assessment (false: not started, nothing printed)
	Total     float64 // the reviewed total when Reviewed (not printed otherwise)
	Reviewed  bool
	// The unit's indicators: arisen, met (or exceeded), exceedable, exceeded.
	Arisen, Met, Exceedable, Exceeded int
	StatusLabel                       string // scoring.Status.Label()
	// Cluster names the unit's cluster on the summary sheet. In the national
	// table it may be left empty: a unit found in exactly one cluster sheet
	// (by name) gets that sheet's name.
	Cluster string
}

// SheetSummary is the first sheet of the ranking workbook.
const SheetSummary = "Tổng hợp"

// RankingTitle is the ranking's default title for a year.
func RankingTitle(year int) string {
	return fmt.Sprintf("BẢNG XẾP HẠNG KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM %d", year)
}

// rankingNote explains the order (docs/scoring.md) under every table.
const rankingNote = "Ghi chú: Chỉ xếp hạng đơn vị đã được thẩm định, theo điểm thẩm định; đơn vị chưa được thẩm định ghi ở cuối, " +
	"không xếp hạng, điểm tự chấm chỉ để tham khảo, không phải kết quả. Bằng điểm thì xét lần lượt tỷ lệ chỉ tiêu đạt, tỷ lệ chỉ tiêu vượt, điểm trừ ít hơn; bằng nhau cả bốn thì cùng hạng. " +
	"Tỷ lệ = số chỉ tiêu đạt (vượt) / số chỉ tiêu phát sinh (có thể vượt), làm tròn một lần đến 0,1%."

// noneReviewed is printed under a table with no ranked unit, so that an
// empty sheet says why it is empty.
const noneReviewed = "Chưa có bản tự chấm điểm nào được thẩm định, nên chưa xếp hạng."

// rankingHeaderRow is the table header's row on every ranking sheet: the
// heading takes rows 1–4, the title 6–7 (gaps in 5 and 8). Rows above it
// are frozen and it is repeated on every printed page.
const rankingHeaderRow = 9

// WriteRanking writes the ranking workbook to w: the summary sheet
// "Tổng hợp" (the national table, or each cluster's leaders), then one
// sheet per cluster. Every sheet has the national heading, the title, a
// frozen header row repeated on each printed page, scores and counts as
// numbers, and prints on A4 landscape, one page across. Every sheet is
// streamed, so thousands of rows are never held in memory.
func WriteRanking(w io.Writer, d RankingDoc) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont(Font); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	ts, err := newTableStyles(f, 12)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return err
	}
	used := map[string]bool{strings.ToLower(SheetSummary): true}
	d.Clusters = slices.Clone(d.Clusters) // the safe names go in our copy, not the caller's
	for i := range d.Clusters {
		d.Clusters[i].Name = sheetName(d.Clusters[i].Name, used)
		if _, err := f.NewSheet(d.Clusters[i].Name); err != nil {
			return err
		}
	}
	title := d.Title
	if strings.TrimSpace(title) == "" {
		title = RankingTitle(d.Year)
	}

	// The summary.
	sum := rankingSheet{title: title, withCluster: true}
	if len(d.National) > 0 {
		sum.subtitle = "XẾP HẠNG CHUNG TOÀN NGÀNH"
		sum.rows = withClusters(d)
		sum.total = totalOf(d.National)
		sum.showTotal = true
	} else {
		sum.subtitle = "ĐƠN VỊ DẪN ĐẦU CÁC CỤM, KHỐI THI ĐUA"
		for _, c := range d.Clusters {
			for _, r := range c.Rows {
				if r.Rank == 1 {
					r.Cluster = clusterLabel(c)
					sum.rows = append(sum.rows, r)
				}
			}
		}
	}
	if err := writeRankingSheet(f, st, ts, d, SheetSummary, sum); err != nil {
		return err
	}
	for _, c := range d.Clusters {
		total := c.Total
		if total == (scoring.Achievement{}) {
			total = totalOf(c.Rows)
		}
		rs := rankingSheet{title: title, subtitle: strings.ToUpper(c.Title), rows: c.Rows, total: total, showTotal: true}
		if err := writeRankingSheet(f, st, ts, d, c.Name, rs); err != nil {
			return err
		}
	}
	// The summary, renamed from the new file's Sheet1, is already the
	// active tab. (f.SetActiveSheet would parse every streamed sheet back
	// into memory to clear its selection: 40 % of the time, and the very
	// thing streaming avoids.)
	return f.Write(w)
}

// clusterLabel names a cluster in the summary: its sheet tab, short
// enough for a column and the way to its own sheet.
func clusterLabel(c RankingSheet) string { return c.Name }

// withClusters fills in the national rows' clusters from the cluster
// sheets where the caller left them empty and the unit's name is in
// exactly one cluster.
func withClusters(d RankingDoc) []RankingRow {
	where := map[string]string{}
	for _, c := range d.Clusters {
		for _, r := range c.Rows {
			if _, seen := where[r.UnitName]; seen {
				where[r.UnitName] = "" // in two clusters: ambiguous
			} else {
				where[r.UnitName] = clusterLabel(c)
			}
		}
	}
	out := make([]RankingRow, len(d.National))
	for i, r := range d.National {
		if r.Cluster == "" {
			r.Cluster = where[r.UnitName]
		}
		out[i] = r
	}
	return out
}

// reviewedRows counts the rows with verified numbers.
func reviewedRows(rows []RankingRow) int {
	n := 0
	for _, r := range rows {
		if r.Reviewed {
			n++
		}
	}
	return n
}

// totalOf sums the reviewed rows' indicators: a self-assessment is not a
// result and is never added in.
func totalOf(rows []RankingRow) scoring.Achievement {
	var a scoring.Achievement
	for _, r := range rows {
		if !r.Reviewed {
			continue
		}
		a.Add(scoring.Achievement{Arisen: r.Arisen, Met: r.Met, Exceedable: r.Exceedable, Exceeded: r.Exceeded})
	}
	return a
}

type rankingSheet struct {
	title, subtitle string
	rows            []RankingRow
	withCluster     bool
	total           scoring.Achievement
	showTotal       bool
}

// rankingColumns are the table's headers and widths (rune counts at 12 pt,
// within bounds; long names wrap).
func rankingColumns(s rankingSheet) ([]string, []float64) {
	unitNames, clusters, states := []string{"Đơn vị"}, []string{"Cụm thi đua"}, []string{"Trạng thái"}
	for _, r := range s.rows {
		unitNames, clusters, states = append(unitNames, r.UnitName), append(clusters, r.Cluster), append(states, r.StatusLabel)
	}
	headers := []string{"STT", "Hạng"}
	widths := []float64{5, 6}
	if s.withCluster {
		headers, widths = append(headers, "Cụm thi đua"), append(widths, fitWidth(12, 10, 16, clusters...))
	}
	headers = append(headers, "Đơn vị", "Điểm tự chấm (chưa thẩm định)", "Điểm thẩm định", "Chỉ tiêu phát sinh", "Chỉ tiêu đạt",
		"Tỷ lệ đạt", "Chỉ tiêu có thể vượt", "Chỉ tiêu vượt", "Tỷ lệ vượt", "Trạng thái")
	widths = append(widths, fitWidth(12, 26, 48, unitNames...), 9, 9, 8, 8, 8, 8, 8, 8,
		fitWidth(12, 12, 24, states...))
	return headers, widths
}

// startListSheet starts a streamed A4 landscape list: print titles down to
// the header row, column widths, the rows above the header frozen, the
// national heading and a spacer row. all is the sum of the widths; h
// is the heading's layout (the signature lines up with it).
func startListSheet(f *excelize.File, st styles, sheet string, headerRow int, widths []float64, issuer document.Issuer, number string,
	date *time.Time) (*excelize.StreamWriter, *rowWriter, float64, heading, error) {
	var h heading
	if err := pageSetup(f, sheet, "landscape"); err != nil {
		return nil, nil, 0, h, err
	}
	if err := printTitles(f, sheet, headerRow); err != nil {
		return nil, nil, 0, h, err
	}
	var all float64
	for _, w := range widths {
		all += w
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, nil, 0, h, err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, nil, 0, h, err
		}
	}
	top := fmt.Sprintf("A%d", headerRow+1)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}}}); err != nil {
		return nil, nil, 0, h, err
	}
	r := &rowWriter{sw: sw}
	h = headingBlocks(widths, issuer, number, PlaceDate(issuer.Place, date))
	if err := writeHeading(r, st, h); err != nil {
		return nil, nil, 0, h, err
	}
	return sw, r, all, h, r.write(6)
}

func writeRankingSheet(f *excelize.File, st styles, ts tableStyles, d RankingDoc, sheet string, s rankingSheet) error {
	headers, widths := rankingColumns(s)
	ncol := len(headers)
	sw, r, all, _, err := startListSheet(f, st, sheet, rankingHeaderRow, widths, d.Issuer, "", d.Date)
	if err != nil {
		return err
	}
	if err := titleRow(r, ts.title, s.title, ncol, all, 14); err != nil {
		return err
	}
	if err := titleRow(r, ts.subtitle, s.subtitle, ncol, all, 13); err != nil {
		return err
	}
	if err := r.write(6); err != nil {
		return err
	}
	if r.row+1 != rankingHeaderRow {
		return fmt.Errorf("xlsx: ranking header on row %d, want %d", r.row+1, rankingHeaderRow)
	}
	hn, hcells := 1, make([]any, ncol)
	for i, t := range headers {
		hcells[i] = cell(ts.th, t)
		hn = max(hn, wrapped(t, widths[i], 12, true))
	}
	if err := r.write(height(hn, 12), hcells...); err != nil {
		return err
	}

	unitCol := 2 // 0-based index of "Đơn vị"
	if s.withCluster {
		unitCol = 3
	}
	row := make([]any, ncol)
	for i, u := range s.rows {
		row = row[:0]
		rank := excelize.Cell{StyleID: ts.no}
		if u.Rank > 0 {
			rank.Value = u.Rank
		}
		row = append(row, cell(ts.no, i+1), rank)
		n := wrapped(u.UnitName, widths[unitCol], 12, false)
		if s.withCluster {
			row = append(row, cell(ts.text, u.Cluster))
			n = max(n, wrapped(u.Cluster, widths[2], 12, false))
		}
		reviewed, self := excelize.Cell{StyleID: ts.score}, excelize.Cell{StyleID: ts.score}
		if u.HasSelf {
			self.Value = u.SelfTotal
		}
		row = append(row, cell(ts.text, u.UnitName), self)
		if u.Reviewed {
			reviewed.Value = u.Total
			row = append(row, reviewed,
				cell(ts.count, u.Arisen), cell(ts.count, u.Met), num(ts.rate, rateOf(u.Met, u.Arisen)),
				cell(ts.count, u.Exceedable), cell(ts.count, u.Exceeded), num(ts.rate, rateOf(u.Exceeded, u.Exceedable)))
		} else { // no verified numbers to print
			row = append(row, reviewed, excelize.Cell{StyleID: ts.count}, excelize.Cell{StyleID: ts.count}, excelize.Cell{StyleID: ts.rate},
				excelize.Cell{StyleID: ts.count}, excelize.Cell{StyleID: ts.count}, excelize.Cell{StyleID: ts.rate})
		}
		row = append(row, cell(ts.center, u.StatusLabel))
		n = max(n, wrapped(u.StatusLabel, widths[ncol-1], 12, false))
		if err := r.write(height(n, 12), row...); err != nil {
			return err
		}
	}
	r.keepWithNext() // the last unit goes with the total and the notes
	if s.showTotal {
		t := s.total
		label := fmt.Sprintf("Cộng (%d đơn vị đã thẩm định)", reviewedRows(s.rows))
		row = append(row[:0], cell(ts.totalText, label))
		row = append(row, blanks(ts.totalText, unitCol)...)
		row = append(row, excelize.Cell{StyleID: ts.totalScore}, excelize.Cell{StyleID: ts.totalScore},
			cell(ts.totalCount, t.Arisen), cell(ts.totalCount, t.Met), num(ts.totalR, rateOf(t.Met, t.Arisen)),
			cell(ts.totalCount, t.Exceedable), cell(ts.totalCount, t.Exceeded), num(ts.totalR, rateOf(t.Exceeded, t.Exceedable)),
			excelize.Cell{StyleID: ts.totalText})
		if err := r.write(height(1, 12), row...); err != nil {
			return err
		}
		if err := r.merge(1, unitCol+1); err != nil {
			return err
		}
		r.keepWithNext()
	}
	r.skip()
	r.keepWithNext()
	if reviewedRows(s.rows) == 0 {
		if err := r.write(height(1, 12), cell(ts.note, noneReviewed)); err != nil {
			return err
		}
		if err := r.merge(1, ncol); err != nil {
			return err
		}
		r.keepWithNext()
	}
	if err := r.write(height(wrapped(rankingNote, all, 12, false), 12), cell(ts.note, rankingNote)); err != nil {
		return err
	}
	if err := r.merge(1, ncol); err != nil {
		return err
	}
	if err := r.paginate(f, sheet, pages{widths: widths, landscape: true, titleRow: rankingHeaderRow}); err != nil {
		return err
	}
	return sw.Flush()
}

// titleRow writes a centred line across all columns (nothing when empty).
func titleRow(r *rowWriter, style int, text string, ncol int, width, size float64) error {
	if strings.TrimSpace(text) == "" {
		return r.write(height(1, size))
	}
	if err := r.write(height(capsLines(text, width*0.95, size), size), cell(style, text)); err != nil {
		return err
	}
	return r.merge(1, ncol)
}
