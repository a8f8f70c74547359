package web

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/store"
	"thidua/internal/xlsx"
)

// sectorCouncil is the issuer of the cluster and sector award lists.
const sectorCouncil = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG NGÀNH KIỂM SÁT NHÂN DÂN"

// awardGrounds are the legal grounds of the tờ trình and the decision.
var awardGrounds = []string{
	"Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
	"Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
	"Căn cứ Thông tư số 02/2024/TT-VKSTC của Viện trưởng Viện kiểm sát nhân dân tối cao hướng dẫn công tác thi đua, khen thưởng trong ngành Kiểm sát nhân dân;",
}

// awardDocUnit is the unit a unit-level award document is about: the
// query's unit_id, else the principal's own unit. An officer may only ask
// for their own unit or a unit under it.
func (s *Server) awardDocUnit(c echo.Context) (org.Unit, error) {
	ctx, p := c.Request().Context(), principal(c)
	if err := auth.Authorize(p, auth.ViewUnits, auth.Target{}); err != nil {
		return org.Unit{}, err
	}
	id := p.UnitID
	if raw := strings.TrimSpace(c.QueryParam("unit_id")); raw != "" {
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n <= 0 {
			return org.Unit{}, errs.New(errs.NotFound, "Không tìm thấy đơn vị.")
		}
		id = n
	}
	if id == 0 {
		return org.Unit{}, errs.New(errs.Invalid, "Vui lòng chọn đơn vị (unit_id).")
	}
	if err := s.mayReadUnitAwards(ctx, p, id); err != nil {
		return org.Unit{}, err
	}
	return s.app.UnitByID(ctx, id)
}

// mayReadUnitAwards: the board, admins and viewers read any unit's award
// documents; an officer only their own unit's (or a unit under it).
func (s *Server) mayReadUnitAwards(ctx context.Context, p auth.Principal, unitID int64) error {
	if p.Role != auth.RoleOfficer || p.System {
		return nil
	}
	path, err := s.app.UnitPathOf(ctx, unitID)
	if err != nil {
		return err
	}
	if slices.Contains(path, p.UnitID) {
		return nil
	}
	return errs.New(errs.Forbidden, "Anh/chị chỉ được tải danh sách, tờ trình khen thưởng của đơn vị mình.")
}

// parentHeading is the parent body printed above a unit's name: its parent
// unit, or the Supreme Procuracy for a province.
func (s *Server) parentHeading(ctx context.Context, u org.Unit) string {
	if u.ParentID != nil {
		if p, err := s.app.UnitByID(ctx, *u.ParentID); err == nil {
			return strings.ToUpper(p.Name)
		}
	}
	return supremeName
}

// awardRows turns proposals into the list's rows, with each person's
// position, unit, birth date and sex from their record.
func (s *Server) awardRows(ctx context.Context, prs []store.Proposal, noteDecision bool) ([]xlsx.AwardListRow, error) {
	out := make([]xlsx.AwardListRow, 0, len(prs))
	for _, pr := range prs {
		r := xlsx.AwardListRow{Name: pr.SubjectName, Title: award.Title(pr.Title), Summary: pr.Summary}
		if pr.PersonID != nil {
			person, err := s.app.PersonByID(ctx, *pr.PersonID)
			if err != nil {
				return nil, err
			}
			r.Name, r.Position, r.Unit, r.Sex = person.FullName, person.Position, person.UnitName, person.SexLabel()
			r.BirthDate = person.BirthDate
			if r.Unit == "" {
				r.Unit = pr.ProposerName
			}
		} else {
			r.Collective = true
		}
		if noteDecision && pr.DecisionNo != "" {
			r.Note = "QĐ số " + pr.DecisionNo
		}
		// A proposal not yet decided whose verdict is not "đủ điều kiện"
		// ("chưa đủ thông tin" included) says so on the list.
		if o := award.Outcome(pr.VerdictOutcome); pr.Status != app.ProposalApproved && o != "" && !o.IsEligible() {
			r.Note = "Kết quả xét: " + strings.ToLower(o.Label())
		}
		out = append(out, r)
	}
	return out, nil
}

// awardSigner is a signature block from a decision's signer: a position
// ("Viện trưởng", "KT. Viện trưởng …") is printed as such, a name under
// "VIỆN TRƯỞNG".
func awardSigner(signer string) xlsx.Signer {
	s := strings.TrimSpace(signer)
	low := strings.ToLower(s)
	for _, p := range []string{"viện trưởng", "phó viện trưởng", "kt.", "tm.", "q."} {
		if strings.HasPrefix(low, p) {
			return xlsx.Signer{Position: s}
		}
	}
	return xlsx.Signer{Position: "VIỆN TRƯỞNG", Name: s}
}

// awardListWorkbook is the proposal list (danh sách đề nghị khen thưởng)
// of a unit, of a cluster's members, or of the whole sector.
func (s *Server) awardListWorkbook(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	if err := auth.Authorize(p, auth.ViewUnits, auth.Target{}); err != nil {
		return err
	}
	status := c.QueryParam("status")
	if status != app.ProposalApproved {
		status = app.ProposalSubmitted
	}
	scope := c.QueryParam("scope")
	switch {
	case scope == "unit" || scope == "cluster" || scope == "sector":
	case c.QueryParam("cluster_id") != "":
		scope = "cluster"
	case c.QueryParam("unit_id") != "" || p.Role == auth.RoleOfficer:
		scope = "unit"
	default:
		scope = "sector"
	}
	if scope != "unit" && p.Role == auth.RoleOfficer && !p.System {
		return errs.New(errs.Forbidden, "Anh/chị chỉ được tải danh sách đề nghị khen thưởng của đơn vị mình.")
	}
	today := s.app.Today()
	d := xlsx.AwardListDoc{IssuerParent: supremeName, Issuer: sectorCouncil, Place: "Hà Nội", Date: &today, Year: year,
		Government: c.QueryParam("government") == "1" || c.QueryParam("government") == "true",
		Signer:     xlsx.Signer{Position: "TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG\nCHỦ TỊCH"}}
	var prs []store.Proposal
	var ascii, utf string
	switch scope {
	case "unit":
		u, err := s.awardDocUnit(c)
		if err != nil {
			return err
		}
		l, err := s.app.Proposals(ctx, p, store.ProposalFilter{Year: year, UnitID: &u.ID, Status: status})
		if err != nil {
			return err
		}
		prs = l.Proposals
		d.IssuerParent, d.Issuer, d.Place = s.parentHeading(ctx, u), strings.ToUpper(u.Name), placeOf(u.Name)
		d.Signer = xlsx.Signer{Position: "VIỆN TRƯỞNG"}
		ascii, utf = fmt.Sprintf("danh-sach-khen-thuong-%d-%s.xlsx", year, u.Code), fmt.Sprintf("Danh sách đề nghị khen thưởng năm %d – %s.xlsx", year, u.Name)
	case "cluster":
		id, err := strconv.ParseInt(c.QueryParam("cluster_id"), 10, 64)
		if err != nil || id <= 0 {
			return errs.New(errs.Invalid, "Vui lòng chọn cụm, khối thi đua (cluster_id).")
		}
		cv, err := s.app.Cluster(ctx, p, id)
		if err != nil {
			return err
		}
		if cv.Year != year {
			return errs.New(errs.NotFound, "Cụm, khối thi đua không thuộc năm %d.", year)
		}
		for _, m := range cv.Members {
			l, err := s.app.Proposals(ctx, p, store.ProposalFilter{Year: year, UnitID: &m, Status: status})
			if err != nil {
				return err
			}
			prs = append(prs, l.Proposals...)
		}
		d.Subtitle = "(" + cv.Cluster.Title() + ")"
		ascii, utf = fmt.Sprintf("danh-sach-khen-thuong-%d-cum-%d.xlsx", year, cv.ID), fmt.Sprintf("Danh sách đề nghị khen thưởng năm %d – %s.xlsx", year, cv.Cluster.Title())
	default:
		l, err := s.app.Proposals(ctx, p, store.ProposalFilter{Year: year, Status: status})
		if err != nil {
			return err
		}
		prs = l.Proposals
		ascii, utf = fmt.Sprintf("danh-sach-khen-thuong-%d.xlsx", year), fmt.Sprintf("Danh sách đề nghị khen thưởng năm %d – toàn ngành.xlsx", year)
	}
	if status == app.ProposalApproved {
		d.Title = fmt.Sprintf("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM %d", year)
	}
	if d.Rows, err = s.awardRows(ctx, prs, status == app.ProposalApproved); err != nil {
		return err
	}
	return sendWorkbook(c, ascii, utf, func(b *bytes.Buffer) error { return xlsx.WriteAwardList(b, d) })
}

// submissionWorkbook is a unit's tờ trình to the sector's council: the
// number of its submitted proposals per title.
func (s *Server) submissionWorkbook(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	u, err := s.awardDocUnit(c)
	if err != nil {
		return err
	}
	l, err := s.app.Proposals(ctx, p, store.ProposalFilter{Year: year, UnitID: &u.ID, Status: app.ProposalSubmitted})
	if err != nil {
		return err
	}
	counts := map[award.Title]int{}
	var extra []award.Title
	for _, pr := range l.Proposals {
		t := award.Title(pr.Title)
		if counts[t] == 0 && !slices.Contains(award.CollectiveTitles, t) && !slices.Contains(award.IndividualTitles, t) {
			extra = append(extra, t)
		}
		counts[t]++
	}
	today := s.app.Today()
	d := xlsx.SubmissionDoc{IssuerParent: s.parentHeading(ctx, u), Issuer: u.Name, Number: "Số: …/TTr-VKS", Place: placeOf(u.Name), Date: &today,
		Recipient: "Kính gửi: Hội đồng Thi đua – Khen thưởng ngành Kiểm sát nhân dân",
		Subject:   fmt.Sprintf("V/v đề nghị khen thưởng năm %d", year), Year: year,
		Grounds: append(slices.Clone(awardGrounds),
			fmt.Sprintf("Căn cứ kết quả họp xét của Hội đồng Thi đua – Khen thưởng %s ngày … tháng … năm %d,", u.Name, year)),
		Copies: []string{"- Như trên;", "- Lưu: VT, TĐKT."},
		Signer: xlsx.Signer{Position: "VIỆN TRƯỞNG"}}
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
func (s *Server) decisionDocs(c echo.Context) (app.DecisionView, xlsx.AwardListDoc, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return app.DecisionView{}, xlsx.AwardListDoc{}, errs.New(errs.NotFound, "Không tìm thấy quyết định.")
	}
	ctx := c.Request().Context()
	v, err := s.app.Decision(ctx, principal(c), id)
	if err != nil {
		return v, xlsx.AwardListDoc{}, err
	}
	on := v.DecidedOn.In(time.UTC)
	l := xlsx.AwardListDoc{Issuer: supremeName, Place: "Hà Nội", Date: &on, Year: v.Year,
		Title: fmt.Sprintf("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM %d", v.Year), Signer: awardSigner(v.Signer)}
	l.Rows, err = s.awardRows(ctx, v.Proposals, false)
	return v, l, err
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
	d := xlsx.DraftDecisionDoc{Issuer: supremeName, Number: "Số: " + v.Number, Place: "Hà Nội", Date: annex.Date,
		Title:     fmt.Sprintf("QUYẾT ĐỊNH Về việc tặng danh hiệu thi đua, hình thức khen thưởng năm %d", v.Year),
		Authority: "Viện trưởng Viện kiểm sát nhân dân tối cao",
		Grounds: append([]string{"Căn cứ Luật Tổ chức Viện kiểm sát nhân dân năm 2014;"}, append(slices.Clone(awardGrounds),
			"Xét đề nghị của Hội đồng Thi đua – Khen thưởng ngành Kiểm sát nhân dân,")...),
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
	d.Subtitle = fmt.Sprintf("(Kèm theo Quyết định số %s %s của Viện trưởng Viện kiểm sát nhân dân tối cao)", v.Number, xlsx.LongDate(*d.Date))
	slug := decisionSlug(v.Number)
	return sendWorkbook(c, fmt.Sprintf("danh-sach-khen-thuong-%s.xlsx", slug),
		fmt.Sprintf("Danh sách khen thưởng kèm theo Quyết định %s.xlsx", strings.ReplaceAll(v.Number, "/", "-")),
		func(b *bytes.Buffer) error { return xlsx.WriteAwardList(b, d) })
}
