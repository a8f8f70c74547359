package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/cluster"
	"thidua/internal/xlsx"
)

// pledgeNumber is the pledge's "Số:" line, its number left for the
// clerk: "Số:      /GƯTĐ-CTĐ6".
func pledgeNumber(v app.PledgeView) string {
	return "Số: " + v.Issuer.Number(0, "GƯTĐ")
}

// printLine is a member's signature block on the printed pledge.
type printLine struct {
	UnitName       string
	Representative string
	Position       string
	SignedAt       *time.Time // in Vietnam's time, so the printed day is the local one
}

func printLines(v app.PledgeView) []printLine {
	out := make([]printLine, 0, len(v.Pledge.Signatures))
	for _, s := range v.Pledge.Signatures {
		l := printLine{UnitName: v.Cluster.Name(&s.UnitID), Representative: s.Representative, Position: s.Position}
		if l.UnitName == "" {
			l.UnitName = fmt.Sprintf("Đơn vị #%d", s.UnitID)
		}
		if s.SignedAt != nil {
			t := s.SignedAt.In(vnZone)
			l.SignedAt = &t
		}
		out = append(out, l)
	}
	return out
}

// pledgePrintData is what the print page shows.
type pledgePrintData struct {
	app.PledgeView
	Parent, Issuer string
	IssuerMain     string // the issuer in two parts, for line breaking
	IssuerNote     string
	Number         string // "Số:      /GƯTĐ-CTĐ6"
	PlaceDate      string // "Thanh Hóa, ngày 30 tháng 11 năm 2020"
	Lines          []printLine
	SigCols        int             // signature blocks per row: 2 or 3
	Current        *cluster.Pledge // the version in force, when this one was superseded
}

// pledgePrint is one version of a pledge laid out as the signed document,
// for the browser's print (A4, Nghị định 30/2020).
func (s *Server) pledgePrint(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.app.PledgeVersion(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	// The heading is the cluster's issuer (app.PledgeView.Issuer): the
	// body that set the cluster up, at the pledge's place.
	d := pledgePrintData{PledgeView: v, Lines: printLines(v), SigCols: 3, Number: pledgeNumber(v),
		PlaceDate: xlsx.PlaceDate(v.Issuer.Place, v.Pledge.SignedOn), Parent: v.Issuer.Parent, Issuer: v.Issuer.Name}
	// "CỤM THI ĐUA SỐ 6" stays on one line; the name in brackets moves
	// below it as a whole when the block is too narrow for both.
	d.IssuerMain = strings.ToUpper(fmt.Sprintf("%s số %d", v.Cluster.Level.Label(), v.Cluster.Number))
	if v.Cluster.Cluster.Name != "" {
		d.IssuerNote = "(" + strings.ToUpper(v.Cluster.Cluster.Name) + ")"
	}
	if n := len(d.Lines); n == 2 || n == 4 {
		d.SigCols = 2
	}
	if v.Pledge.Status == cluster.PledgeSuperseded {
		for i, other := range v.Versions {
			if other.Status != cluster.PledgeSuperseded {
				d.Current = &v.Versions[i]
				break
			}
		}
	}
	title := fmt.Sprintf("Bản in giao ước thi đua – %s năm %d", v.Cluster.Title, v.Cluster.Year)
	return c.Render(http.StatusOK, "pledge_print", s.page(c, title, "clusters", d))
}

// pledgeWorkbook is one version of a pledge as an Excel workbook.
func (s *Server) pledgeWorkbook(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.app.PledgeVersion(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	ascii, utf := pledgeFilenames(v)
	return sendWorkbook(c, ascii, utf, func(b *bytes.Buffer) error { return xlsx.WritePledge(b, pledgeDoc(v)) })
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func pledgeDoc(v app.PledgeView) xlsx.PledgeDoc {
	p := v.Pledge
	d := xlsx.PledgeDoc{Issuer: v.Issuer, Number: pledgeNumber(v), SignedOn: p.SignedOn, Title: p.Title, Preamble: p.Preamble,
		Commitments: p.Commitments, Status: p.Status.Label(), VersionNo: p.VersionNo}
	for _, l := range printLines(v) {
		d.Signatures = append(d.Signatures, xlsx.SignatureLine{UnitName: l.UnitName,
			Representative: l.Representative, Position: l.Position, SignedAt: l.SignedAt})
	}
	return d
}

// pledgeFilenames are the download's names: plain ASCII for old clients
// ("giao-uoc-cum-6-2021.xlsx") and the Vietnamese one for the rest.
func pledgeFilenames(v app.PledgeView) (ascii, utf string) {
	kind := "cum"
	if v.Cluster.Level == cluster.Bloc {
		kind = "khoi"
	}
	ascii = fmt.Sprintf("giao-uoc-%s-%d-%d", kind, v.Cluster.Number, v.Cluster.Year)
	utf = fmt.Sprintf("Giao ước thi đua %s năm %d", v.Cluster.Cluster.Title(), v.Cluster.Year)
	if v.Pledge.VersionNo > 1 {
		ascii += fmt.Sprintf("-ban-%d", v.Pledge.VersionNo)
		utf += fmt.Sprintf(" (bản %d)", v.Pledge.VersionNo)
	}
	return ascii + ".xlsx", utf + ".xlsx"
}

// rfc5987 percent-encodes a UTF-8 value for a filename* parameter: only
// the attr-chars of RFC 5987 stay as they are.
func rfc5987(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch >= 'a' && ch <= 'z', ch >= 'A' && ch <= 'Z', ch >= '0' && ch <= '9',
			strings.IndexByte("!#$&+-.^_`|~", ch) >= 0:
			b.WriteByte(ch)
		default:
			fmt.Fprintf(&b, "%%%02X", ch)
		}
	}
	return b.String()
}

// longDate is the template form of a document date: "ngày 30 tháng 11 năm 2020".
func longDate(v any) string {
	switch t := v.(type) {
	case time.Time:
		if !t.IsZero() {
			return xlsx.LongDate(t)
		}
	case *time.Time:
		if t != nil {
			return xlsx.LongDate(*t)
		}
	}
	return "ngày … tháng … năm …"
}
