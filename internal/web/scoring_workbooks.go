package web

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/scoring"
	"thidua/internal/xlsx"
)

// sendWorkbook answers a workbook download. The workbook is written to
// memory first, so a failure still gets a proper error page.
func sendWorkbook(c echo.Context, ascii, utf string, write func(*bytes.Buffer) error) error {
	return sendFile(c, xlsxType, ascii, utf, write)
}

// rankingWorkbook is the year's ranking: a summary sheet, one per cluster.
func (s *Server) rankingWorkbook(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	r, err := s.app.RankingWorkbook(ctx, p, year)
	if err != nil {
		return err
	}
	today := s.app.Today()
	d := xlsx.RankingDoc{Issuer: r.Issuer, Date: &today, Year: year, National: rankingRows(r.National)}
	for _, cr := range r.Clusters {
		d.Clusters = append(d.Clusters, xlsx.RankingSheet{Name: sheetName(cr.Cluster), Title: upperTitle(cr.Cluster), Rows: rankingRows(cr.Standings), Total: cr.Total})
	}
	name := fmt.Sprintf("xep-hang-thi-dua-%d.xlsx", year)
	return sendWorkbook(c, name, fmt.Sprintf("Xếp hạng thi đua năm %d.xlsx", year), func(b *bytes.Buffer) error { return xlsx.WriteRanking(b, d) })
}

// sheetName is a cluster's short tab name: "Cụm 6", "Khối 2 – Thanh Hóa".
func sheetName(cv app.ClusterView) string {
	if cv.Owner != nil {
		return fmt.Sprintf("Khối %d – %s", cv.Number, placeOf(cv.Owner.Name))
	}
	return fmt.Sprintf("Cụm %d", cv.Number)
}

// placeOf is the locality in a procuracy's name, for the "…, ngày …" line:
// "Viện kiểm sát nhân dân tỉnh Thanh Hóa" → "Thanh Hóa";
// "Viện kiểm sát nhân dân khu vực 1 – Thanh Hóa" → "Thanh Hóa".
func placeOf(name string) string {
	if _, after, ok := strings.Cut(name, " – "); ok {
		return placeOf(after)
	}
	for _, p := range []string{"Viện kiểm sát nhân dân tỉnh ", "Viện kiểm sát nhân dân thành phố ", "Viện kiểm sát nhân dân huyện ", "VKSND tỉnh ", "VKSND thành phố "} {
		if strings.HasPrefix(name, p) {
			return strings.TrimPrefix(name, p)
		}
	}
	return "Hà Nội"
}

func upperTitle(cv app.ClusterView) string {
	return strings.ToUpper(cv.Cluster.Title())
}

func rankingRows(st []app.Standing) []xlsx.RankingRow {
	out := make([]xlsx.RankingRow, 0, len(st))
	for _, s := range st {
		out = append(out, xlsx.RankingRow{Rank: s.Rank, UnitName: s.Unit.Name, SelfTotal: s.SelfTotal, HasSelf: s.ScoreBasis != app.BasisNone,
			Total: s.Total, Reviewed: s.Reviewed,
			Arisen: s.Arisen, Met: s.Met, Exceedable: s.Exceedable, Exceeded: s.Exceeded, StatusLabel: s.Status.Label()})
	}
	return out
}

// filingWorkbook is a unit's self-assessment and reviewed scores: what
// units attach to their reports.
func (s *Server) filingWorkbook(c echo.Context) error {
	year, unit, err := filingUnit(c)
	if err != nil {
		return err
	}
	v, err := s.app.FilingWorkbook(c.Request().Context(), principal(c), year, unit)
	if err != nil {
		return err
	}
	reviewed := v.Filing.Status == scoring.Reviewed
	var date *time.Time
	if v.Filing.SubmittedAt != nil {
		d := v.Filing.SubmittedAt.In(vnZone)
		date = &d
	}
	d := xlsx.FilingDoc{Issuer: v.Issuer, UnitName: v.Unit.Name, Date: date, Year: year, TableName: v.Info.Name,
		StatusLabel: v.Filing.Status.Label(), Reviewed: reviewed,
		Rows: xlsx.FilingRows(v.Table, v.Filing, v.Adjustments, v.Self, v.Reviewed, reviewed),
		Self: xlsx.TotalsOf(v.Self), Review: xlsx.TotalsOf(v.Reviewed)}
	name := fmt.Sprintf("cham-diem-%d-%s.xlsx", year, v.Unit.Code)
	return sendWorkbook(c, name, fmt.Sprintf("Chấm điểm thi đua năm %d – %s.xlsx", year, v.Unit.Name), func(b *bytes.Buffer) error { return xlsx.WriteFiling(b, d) })
}
