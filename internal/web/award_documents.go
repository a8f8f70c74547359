package web

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/award"
	"thidua/internal/document"
	"thidua/internal/errs"
	"thidua/internal/proposal"
	"thidua/internal/xlsx"
)

// awardDocsQuery binds an award document's query: the year of the path,
// ?status=, ?scope=, ?unit_id= and ?cluster_id=.
func awardDocsQuery(c echo.Context) (app.AwardDocsQuery, error) {
	year, err := yearParam(c)
	if err != nil {
		return app.AwardDocsQuery{}, err
	}
	q := app.AwardDocsQuery{Year: year, Status: c.QueryParam("status"), Scope: c.QueryParam("scope")}
	if raw := strings.TrimSpace(c.QueryParam("unit_id")); raw != "" {
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n <= 0 {
			return q, errs.New(errs.NotFound, "Không tìm thấy đơn vị.")
		}
		q.UnitID = n
	}
	if raw := c.QueryParam("cluster_id"); raw != "" {
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n <= 0 {
			n = -1 // refused by app: "Vui lòng chọn cụm, khối thi đua"
		}
		q.ClusterID = n
	}
	return q, nil
}

// awardRows turns the entries into the list's rows, with each person's
// position, unit, birth date and sex from their record.
func awardRows(entries []app.AwardEntry, noteDecision bool) []xlsx.AwardListRow {
	out := make([]xlsx.AwardListRow, 0, len(entries))
	for _, e := range entries {
		r := xlsx.AwardListRow{Name: e.SubjectName, Title: award.Title(e.Title), Summary: e.Summary}
		if person := e.Person; person != nil {
			r.Name, r.Position, r.Unit, r.Sex = person.FullName, person.Position, person.UnitName, person.Sex
			r.BirthDate = person.BirthDate
			if r.Unit == "" {
				r.Unit = e.ProposerName
			}
		} else {
			r.Collective = true
		}
		if noteDecision && e.DecisionNo != "" {
			r.Note = "QĐ số " + e.DecisionNo
		}
		// A line whose verdict is not "đủ điều kiện" ("chưa đủ thông tin"
		// included) is marked on every list, decided or not.
		if o := award.Outcome(e.VerdictOutcome); o != "" && !o.IsEligible() {
			r.Flag = o.Label()
		}
		out = append(out, r)
	}
	return out
}

// headSigner is the signature block of a procuracy's head (Viện trưởng),
// with no name: the units' heads are not recorded.
var headSigner = xlsx.SignerOf(document.Signer{HeadTitle: "Viện trưởng"})

// councilSigner signs the sector council's lists in its name (TM.).
var councilSigner = xlsx.Signer{Position: "TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG\nCHỦ TỊCH"}

// awardListWorkbook is the proposal list (danh sách đề nghị khen thưởng)
// of a unit, of a cluster's members, or of the whole sector.
func (s *Server) awardListWorkbook(c echo.Context) error {
	q, err := awardDocsQuery(c)
	if err != nil {
		return err
	}
	docs, err := s.app.AwardDocs(c.Request().Context(), principal(c), q)
	if err != nil {
		return err
	}
	year := docs.Year
	d := xlsx.AwardListDoc{Issuer: docs.Issuer, Date: &docs.Today, Year: year,
		Government: c.QueryParam("government") == "1" || c.QueryParam("government") == "true",
		Decided:    docs.Status == proposal.Approved, Signer: councilSigner}
	var ascii, utf string
	switch docs.Scope {
	case app.ScopeUnit:
		u := docs.Unit
		d.Signer = headSigner
		ascii, utf = fmt.Sprintf("danh-sach-khen-thuong-%d-%s.xlsx", year, u.Code), fmt.Sprintf("Danh sách đề nghị khen thưởng năm %d – %s.xlsx", year, u.Name)
	case app.ScopeCluster:
		cv := docs.Cluster
		d.Subtitle = "(" + cv.Cluster.Title() + ")"
		ascii, utf = fmt.Sprintf("danh-sach-khen-thuong-%d-cum-%d.xlsx", year, cv.ID), fmt.Sprintf("Danh sách đề nghị khen thưởng năm %d – %s.xlsx", year, cv.Cluster.Title())
	default:
		ascii, utf = fmt.Sprintf("danh-sach-khen-thuong-%d.xlsx", year), fmt.Sprintf("Danh sách đề nghị khen thưởng năm %d – toàn ngành.xlsx", year)
	}
	if docs.Status == proposal.Approved {
		d.Title = fmt.Sprintf("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM %d", year)
	}
	d.Rows = awardRows(docs.Entries, docs.Status == proposal.Approved)
	return sendWorkbook(c, ascii, utf, func(b *bytes.Buffer) error { return xlsx.WriteAwardList(b, d) })
}

// submissionWorkbook is a unit's tờ trình to the sector's council: the
// number of its submitted proposals per title.
func (s *Server) submissionWorkbook(c echo.Context) error {
	q, err := awardDocsQuery(c)
	if err != nil {
		return err
	}
	q.Scope, q.Status = app.ScopeUnit, proposal.Submitted
	docs, err := s.app.AwardDocs(c.Request().Context(), principal(c), q)
	if err != nil {
		return err
	}
	year, u := docs.Year, docs.Unit
	counts := map[award.Title]int{}
	var extra []award.Title
	for _, pr := range docs.Entries {
		t := award.Title(pr.Title)
		if counts[t] == 0 && !slices.Contains(award.CollectiveTitles, t) && !slices.Contains(award.IndividualTitles, t) {
			extra = append(extra, t)
		}
		counts[t]++
	}
	d := xlsx.SubmissionDoc{Issuer: docs.Issuer, Number: "Số: " + docs.Issuer.Number(0, "TTr"), Date: &docs.Today,
		Recipient: "Kính gửi: Hội đồng Thi đua – Khen thưởng ngành Kiểm sát nhân dân",
		Subject:   fmt.Sprintf("V/v đề nghị khen thưởng năm %d", year), Year: year,
		Grounds: append(slices.Clone(docs.Grounds),
			fmt.Sprintf("Căn cứ kết quả họp xét của Hội đồng Thi đua – Khen thưởng %s ngày … tháng … năm %d,", u.Name, year)),
		Copies: []string{"- Như trên;", "- Lưu: VT, TĐKT."},
		Signer: headSigner}
	for _, ts := range [][]award.Title{award.CollectiveTitles, award.IndividualTitles, extra} {
		for _, t := range ts {
			if counts[t] > 0 {
				d.Counts = append(d.Counts, xlsx.TitleCount{Title: t, Count: counts[t]})
			}
		}
	}
	return sendWorkbook(c, fmt.Sprintf("to-trinh-khen-thuong-%d-%s.xlsx", year, u.Code),
		fmt.Sprintf("Tờ trình đề nghị khen thưởng năm %d – %s.xlsx", year, u.Name),
		func(b *bytes.Buffer) error { return xlsx.WriteSubmission(b, d) })
}

// decisionDocs loads a decision and its approved awards as the annexed list.
func (s *Server) decisionDocs(c echo.Context) (app.DecisionDocs, xlsx.AwardListDoc, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return app.DecisionDocs{}, xlsx.AwardListDoc{}, errs.New(errs.NotFound, "Không tìm thấy quyết định.")
	}
	v, err := s.app.DecisionDocs(c.Request().Context(), principal(c), id)
	if err != nil {
		return v, xlsx.AwardListDoc{}, err
	}
	on := v.DecidedOn.In(time.UTC)
	l := xlsx.AwardListDoc{Issuer: v.Issuer, Date: &on, Year: v.Year, Decided: true,
		Title: fmt.Sprintf("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM %d", v.Year), Signer: xlsx.SignerOf(v.Decision.SignedAs())}
	l.Rows = awardRows(v.Entries, false)
	return v, l, nil
}

// headOf is "Viện trưởng Viện kiểm sát nhân dân tối cao": the head of the
// body i, as the decision names its maker.
func headOf(i document.Issuer) string {
	return "Viện trưởng " + document.Sentence(i.Name)
}

func decisionSlug(number string) string {
	var b strings.Builder
	for _, r := range number {
		if r < 128 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

// decisionDraftWorkbook is the draft decision with its annexed list.
func (s *Server) decisionDraftWorkbook(c echo.Context) error {
	v, annex, err := s.decisionDocs(c)
	if err != nil {
		return err
	}
	annex.Subtitle = ""
	d := xlsx.DraftDecisionDoc{Issuer: v.Issuer, Number: "Số: " + v.Number, Date: annex.Date,
		Title:     fmt.Sprintf("QUYẾT ĐỊNH Về việc tặng danh hiệu thi đua, hình thức khen thưởng năm %d", v.Year),
		Authority: headOf(v.Issuer),
		Grounds: append(slices.Clone(v.Grounds),
			"Xét đề nghị của "+v.Council+","),
		Articles: []string{
			fmt.Sprintf("Tặng danh hiệu thi đua, hình thức khen thưởng năm %d cho %d tập thể, cá nhân có tên trong danh sách kèm theo Quyết định này.", v.Year, len(annex.Rows)),
			"Quyết định này có hiệu lực kể từ ngày ký.",
			"Chánh Văn phòng, Thủ trưởng các đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
		},
		Copies: []string{"- Như Điều 3;", "- Lưu: VT, TĐKT."},
		Signer: annex.Signer, Annex: annex}
	slug := decisionSlug(v.Number)
	return sendWorkbook(c, fmt.Sprintf("du-thao-quyet-dinh-%s.xlsx", slug),
		fmt.Sprintf("Dự thảo quyết định %s.xlsx", strings.ReplaceAll(v.Number, "/", "-")),
		func(b *bytes.Buffer) error { return xlsx.WriteDraftDecision(b, d) })
}

// decisionListWorkbook is the list of awards approved under a decision.
func (s *Server) decisionListWorkbook(c echo.Context) error {
	v, d, err := s.decisionDocs(c)
	if err != nil {
		return err
	}
	d.Subtitle = fmt.Sprintf("(Kèm theo Quyết định số %s %s của %s)", v.Number, xlsx.LongDate(*d.Date), headOf(v.Issuer))
	slug := decisionSlug(v.Number)
	return sendWorkbook(c, fmt.Sprintf("danh-sach-khen-thuong-%s.xlsx", slug),
		fmt.Sprintf("Danh sách khen thưởng kèm theo Quyết định %s.xlsx", strings.ReplaceAll(v.Number, "/", "-")),
		func(b *bytes.Buffer) error { return xlsx.WriteAwardList(b, d) })
}
