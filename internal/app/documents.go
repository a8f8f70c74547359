package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/decision"
	"thidua/internal/document"
	"thidua/internal/org"
	"thidua/internal/proposal"
	"thidua/internal/store"
	"thidua/internal/vote"
)

// The award documents as pages (document.Page) for the Word and PDF
// writers: the tờ trình, the award list, the draft decision with its
// annexed list and the list alone. Each takes its heading, place, number
// and authority from issuerOf the issuing unit and its signature from a
// document.Signer; the writers only lay them out.

// nd152From is the day NĐ 152/2025/NĐ-CP took effect and NĐ 98/2023/NĐ-CP
// ended (NĐ 152 Điều 59).
var nd152From = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)

// awardGroundsOn are the legal grounds of an award document dated on.
func awardGroundsOn(on time.Time) []string {
	decree := "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;"
	if on.Before(nd152From) {
		decree = "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;"
	}
	return []string{
		"Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
		decree,
		"Căn cứ Thông tư số 02/2024/TT-VKSTC của Viện trưởng Viện kiểm sát nhân dân tối cao hướng dẫn công tác thi đua, khen thưởng trong ngành Kiểm sát nhân dân;",
	}
}

// groundsOf are the "Căn cứ" lines of a decision of iss dated on: the
// level's own (the texts that give it its power, from the rule version in
// force), else the organisation law and the award texts in force.
func groundsOf(iss document.Issuer, on time.Time) []string {
	if len(iss.Authority) > 0 {
		return iss.Authority
	}
	return append([]string{award.OrgLawGround(on)}, awardGroundsOn(on)...)
}

// proposingCouncil is the council whose proposal a decision of iss
// follows: the sector's at the Supreme Procuracy, else the level's own.
func proposingCouncil(iss document.Issuer) string {
	if iss.Level == org.TypeSupreme {
		return "Hội đồng Thi đua – Khen thưởng ngành Kiểm sát nhân dân"
	}
	return "Hội đồng Thi đua – Khen thưởng " + document.Sentence(iss.Name)
}

// headOf is the signature of a body's head, the name left for the clerk.
func headOf() document.Signer { return document.Signer{HeadTitle: "Viện trưởng"} }

// awardTable is an award list as a table grouped by title in the
// catalogue's order, each group headed by its Roman number and closed by
// its count; summary adds the column "Tóm tắt thành tích".
func awardTable(entries []AwardEntry, summary bool) document.Table {
	t := document.Table{Headers: []string{"STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị công tác"}, Widths: []float64{10, 32, 38}}
	if summary {
		t.Headers, t.Widths = append(t.Headers, "Tóm tắt thành tích"), append(t.Widths, 40)
	}
	t.Headers, t.Widths = append(t.Headers, "Ghi chú"), append(t.Widths, 18)
	order := slices.Concat(award.CollectiveTitles, award.IndividualTitles, award.Forms)
	rank := func(title string) int {
		if i := slices.Index(order, award.Title(title)); i >= 0 {
			return i
		}
		return len(order)
	}
	sorted := slices.Clone(entries)
	slices.SortStableFunc(sorted, func(a, b AwardEntry) int {
		if c := rank(a.Title) - rank(b.Title); c != 0 {
			return c
		}
		return strings.Compare(a.Title, b.Title)
	})
	group, n := 0, 0
	for i, e := range sorted {
		if i == 0 || e.Title != sorted[i-1].Title {
			group, n = group+1, 0
			t.Rows = append(t.Rows, document.Row{Group: roman(group) + ". " + award.Title(e.Title).Label()})
		}
		n++
		name, where := e.SubjectName, e.ProposerName
		if p := e.Person; p != nil {
			name, where = p.FullName, strings.Trim(p.Position+", "+p.UnitName, ", ")
		}
		row := []string{fmt.Sprint(n), name, where}
		if summary {
			row = append(row, e.Summary)
		}
		row = append(row, entryNote(e))
		t.Rows = append(t.Rows, document.Row{Cells: row})
		if i == len(sorted)-1 || sorted[i+1].Title != e.Title {
			t.Rows = append(t.Rows, document.Row{Group: fmt.Sprintf("Cộng: %d", n)})
		}
	}
	t.Rows = append(t.Rows, document.Row{Group: fmt.Sprintf("Tổng cộng: %d", len(entries))})
	return t
}

// entryNote marks a line not yet decided whose verdict is not "đủ điều
// kiện" ("chưa đủ thông tin" included).
func entryNote(e AwardEntry) string {
	if o := award.Outcome(e.VerdictOutcome); e.Status != proposal.Approved && o != "" && !o.IsEligible() {
		return "Kết quả xét: " + strings.ToLower(o.Label())
	}
	return ""
}

// roman writes the group numbers I, II, … (up to 39).
func roman(n int) string {
	var b strings.Builder
	for _, r := range []struct {
		v int
		s string
	}{{10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= r.v {
			b.WriteString(r.s)
			n -= r.v
		}
	}
	return b.String()
}

// counts is how many collectives and people a list holds.
func counts(entries []AwardEntry) (collectives, people int) {
	for _, e := range entries {
		if e.Person != nil {
			people++
		} else {
			collectives++
		}
	}
	return
}

// AwardListDocument is the award list (danh sách đề nghị khen thưởng, or
// of those granted) of a unit, a cluster or the sector as a page: a unit's
// is issued by the unit, a cluster's and the sector's by the Supreme
// Procuracy.
func (a *App) AwardListDocument(ctx context.Context, p auth.Principal, q AwardDocsQuery) (document.Page, error) {
	d, err := a.AwardDocs(ctx, p, q)
	if err != nil {
		return document.Page{}, err
	}
	var iss document.Issuer
	if d.Scope == ScopeUnit {
		iss, err = issuerOf(ctx, &a.store.Q, d.Unit.ID)
	} else {
		iss, err = supremeIssuer(ctx, &a.store.Q)
	}
	if err != nil {
		return document.Page{}, err
	}
	today := d.Today
	page := document.Page{Issuer: iss, Number: iss.Number(0, "DS"), Date: &today, Kind: "DANH SÁCH",
		Subject: fmt.Sprintf("Tập thể, cá nhân đề nghị khen thưởng năm %d", d.Year), Signer: headOf(),
		Copies: []string{"- Hội đồng Thi đua - Khen thưởng;", "- Lưu: VT, TĐKT."}}
	if d.Status == proposal.Approved {
		page.Subject = fmt.Sprintf("Tập thể, cá nhân được khen thưởng năm %d", d.Year)
	}
	if d.Cluster != nil {
		page.Subject += " (" + d.Cluster.Cluster.Title() + ")"
	}
	page.Body = []document.Block{{Table: ptr(awardTable(d.Entries, true))}}
	return page, nil
}

// SubmissionDocument is a unit's tờ trình (NĐ 152/2025 Mẫu số 01, as QĐ
// 638/QĐ-BNV numbers it) to the level above: the grounds, what it asks for
// per title, and its list annexed.
func (a *App) SubmissionDocument(ctx context.Context, p auth.Principal, q AwardDocsQuery) (document.Page, error) {
	q.Scope, q.Status = ScopeUnit, proposal.Submitted
	d, err := a.AwardDocs(ctx, p, q)
	if err != nil {
		return document.Page{}, err
	}
	iss, err := issuerOf(ctx, &a.store.Q, d.Unit.ID)
	if err != nil {
		return document.Page{}, err
	}
	to := "Viện trưởng Viện kiểm sát nhân dân tối cao"
	if d.Parent != nil && d.Parent.Type != org.TypeSupreme {
		to = "Viện trưởng " + d.Parent.Name
	}
	today := d.Today
	page := document.Page{Issuer: iss, Number: iss.Number(0, "TTr"), Date: &today, Kind: "TỜ TRÌNH",
		Subject:   fmt.Sprintf("Về việc đề nghị khen thưởng năm %d", d.Year),
		Recipient: []string{"Kính gửi: " + to}, Signer: headOf(),
		Copies: []string{"- Như trên;", "- Lưu: VT, TĐKT."}}
	for _, g := range slices.Concat(iss.Authority, awardGroundsOn(today)) {
		page.Body = append(page.Body, document.Ground(g))
	}
	page.Body = append(page.Body, document.Ground(fmt.Sprintf("Căn cứ kết quả họp xét của Hội đồng Thi đua - Khen thưởng %s năm %d,", d.Unit.Name, d.Year)))
	coll, people := counts(d.Entries)
	page.Body = append(page.Body, document.Para(fmt.Sprintf("%s kính đề nghị %s xem xét, khen thưởng năm %d cho %d tập thể và %d cá nhân, cụ thể:",
		d.Unit.Name, to, d.Year, coll, people)))
	per := map[string]int{}
	var titles []string
	for _, e := range d.Entries {
		if per[e.Title] == 0 {
			titles = append(titles, e.Title)
		}
		per[e.Title]++
	}
	order := slices.Concat(award.CollectiveTitles, award.IndividualTitles, award.Forms)
	slices.SortStableFunc(titles, func(x, y string) int {
		return index(order, award.Title(x)) - index(order, award.Title(y))
	})
	for _, t := range titles {
		page.Body = append(page.Body, document.Para(fmt.Sprintf("- %s: %d;", award.Title(t).Label(), per[t])))
	}
	page.Body = append(page.Body, document.Para("(Có danh sách kèm theo)"),
		document.Para(fmt.Sprintf("%s kính trình %s xem xét, quyết định./.", d.Unit.Name, to)))
	page.Annex = &document.Annex{Title: fmt.Sprintf("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM %d", d.Year),
		Subtitle: fmt.Sprintf("(Kèm theo Tờ trình số %s %s của %s)", page.Number, document.LongDate(today), d.Unit.Name),
		Table:    awardTable(d.Entries, true)}
	return page, nil
}

// DecisionDocument is a decision as a page: the draft with its articles
// and the list annexed (draft), or the list alone as signed (the final
// list, printed to PDF).
func (a *App) DecisionDocument(ctx context.Context, p auth.Principal, id int64, draft bool) (document.Page, error) {
	d, err := a.DecisionDocs(ctx, p, id)
	if err != nil {
		return document.Page{}, err
	}
	v, entries, iss := d.DecisionView, d.Entries, d.Issuer
	on := v.DecidedOn.In(time.UTC)
	signer := v.Decision.SignedAs()
	authority := strings.ToUpper(signer.HeadTitle + " " + iss.Name)
	list := fmt.Sprintf("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM %d", v.Year)
	attached := fmt.Sprintf("(Kèm theo Quyết định số %s %s)", v.Number, document.LongDate(on))
	if !draft {
		return document.Page{Issuer: iss, Date: &on, Kind: list, Subject: attached[1 : len(attached)-1],
			Body: []document.Block{{Table: ptr(awardTable(entries, false))}}, Signer: signer}, nil
	}
	page := document.Page{Issuer: iss, Number: v.Number, Date: &on, Kind: "QUYẾT ĐỊNH",
		Subject:   fmt.Sprintf("Về việc tặng danh hiệu thi đua, hình thức khen thưởng năm %d", v.Year),
		Authority: authority, Signer: signer, Copies: []string{"- Như Điều 3;", "- Lưu: VT, TĐKT."}}
	for _, g := range d.Grounds {
		page.Body = append(page.Body, document.Ground(g))
	}
	coll, people := counts(entries)
	page.Body = append(page.Body,
		document.Ground("Xét đề nghị của "+d.Council+","),
		document.Block{Text: "QUYẾT ĐỊNH:", Style: document.Centre},
		document.Para(fmt.Sprintf("Điều 1. Tặng danh hiệu thi đua, hình thức khen thưởng năm %d cho %d tập thể và %d cá nhân có tên trong danh sách kèm theo Quyết định này.", v.Year, coll, people)),
		document.Para("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
		document.Para("Điều 3. Chánh Văn phòng, Thủ trưởng các đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."))
	page.Annex = &document.Annex{Title: list, Subtitle: attached, Table: awardTable(entries, false)}
	return page, nil
}

func ptr[T any](v T) *T { return &v }

func index(order []award.Title, t award.Title) int {
	if i := slices.Index(order, t); i >= 0 {
		return i
	}
	return len(order)
}

// AchievementReport is the báo cáo thành tích of a proposal, prefilled
// from the record: for a person the form of NĐ 152/2025's annex as QĐ
// 638/QĐ-BNV numbers it (Mẫu số 05: lý lịch, thành tích, hình thức đã được
// khen thưởng), for a collective the same three parts of a collective's
// report. The proposing unit issues it; the achievements' text is the
// proposal's summary, for the unit to complete in Word.
func (a *App) AchievementReport(ctx context.Context, p auth.Principal, id int64) (document.Page, error) {
	v, err := a.Proposal(ctx, p, id)
	if err != nil {
		return document.Page{}, err
	}
	pr := v.Proposal
	q := &a.store.Q
	iss, err := issuerOf(ctx, q, pr.ProposerUnitID)
	if err != nil {
		return document.Page{}, err
	}
	today := a.Today()
	title := award.Title(pr.Title)
	verb := "tặng danh hiệu “" + title.Label() + "”"
	if slices.Contains(award.Forms, title) {
		verb = "tặng " + title.Label()
	}
	page := document.Page{Issuer: iss, Date: &today, Kind: "BÁO CÁO THÀNH TÍCH",
		Subject: fmt.Sprintf("Đề nghị %s năm %d", verb, pr.Year)}
	var awards []decision.Award
	if pr.PersonID != nil {
		rec, err := a.loadRecord(ctx, q, *pr.PersonID)
		if err != nil {
			return document.Page{}, err
		}
		per := rec.Person
		awards = rec.Awards
		birth, recruited := "", ""
		if per.BirthDate != nil {
			birth = per.BirthDate.Format("02/01/2006")
		}
		if per.RecruitedOn != nil {
			recruited = per.RecruitedOn.Format("02/01/2006")
		}
		page.Body = append(page.Body, document.Part("I. SƠ LƯỢC LÝ LỊCH"),
			document.Para("- Họ và tên: "+per.FullName+"; giới tính: "+per.SexLabel()),
			document.Para("- Sinh ngày: "+birth),
			document.Para("- Chức vụ, đơn vị công tác: "+strings.Trim(per.Position+", "+per.UnitName, ", ")),
			document.Para("- Ngày tuyển dụng: "+recruited),
			document.Part("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
			document.Para("1. Quyền hạn, nhiệm vụ được giao: "),
			document.Para("2. Thành tích đạt được: "+pr.Summary),
			document.Para("Kết quả xếp loại, đánh giá:"))
		ratings := document.Table{Headers: []string{"Năm", "Xếp loại"}, Widths: []float64{20, 80}}
		for _, r := range rec.Ratings {
			ratings.Rows = append(ratings.Rows, document.Row{Cells: []string{fmt.Sprint(r.Year), upperFirst(award.Rating(r.Rating).Label())}})
		}
		page.Body = append(page.Body, document.Block{Table: &ratings})
		if len(rec.Initiatives) > 0 {
			ini := document.Table{Headers: []string{"Năm", "Sáng kiến, đề tài", "Cấp công nhận"}, Widths: []float64{15, 60, 25}}
			for _, x := range rec.Initiatives {
				ini.Rows = append(ini.Rows, document.Row{Cells: []string{fmt.Sprint(x.Year), x.Title, award.Level(x.Level).Label()}})
			}
			page.Body = append(page.Body, document.Para("Sáng kiến, đề tài được công nhận:"), document.Block{Table: &ini})
		}
		page.Confirm = &document.Signer{HeadTitle: "Thủ trưởng đơn vị xác nhận, đề nghị"}
		page.Signer = document.Signer{HeadTitle: "Người báo cáo thành tích", Name: per.FullName}
	} else {
		unitID := pr.ProposerUnitID
		if pr.UnitID != nil {
			unitID = *pr.UnitID
		}
		u, err := q.Unit(ctx, unitID)
		if err != nil {
			return document.Page{}, err
		}
		if awards, err = q.UnitAwards(ctx, unitID); err != nil {
			return document.Page{}, err
		}
		above := ""
		if u.ParentID != nil {
			pu, err := q.Unit(ctx, *u.ParentID)
			if err != nil {
				return document.Page{}, err
			}
			above = pu.Name
		}
		page.Body = append(page.Body, document.Part("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"),
			document.Para("- Tên tập thể: "+u.Name),
			document.Para("- Đơn vị cấp trên trực tiếp: "+above),
			document.Part("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
			document.Para(pr.Summary))
		page.Confirm = &document.Signer{HeadTitle: "Thủ trưởng đơn vị cấp trên trực tiếp xác nhận, đề nghị"}
		page.Signer = document.Signer{HeadTitle: "Thủ trưởng đơn vị"}
	}
	page.Body = append(page.Body, document.Part("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"))
	got := document.Table{Headers: []string{"Năm", "Danh hiệu, hình thức khen thưởng", "Số, ngày quyết định"}, Widths: []float64{15, 50, 35}}
	for _, aw := range awards {
		if aw.Revoked {
			continue
		}
		when := aw.DecisionNo
		if aw.DecisionDate != nil {
			when += " ngày " + aw.DecisionDate.Format("02/01/2006")
		}
		got.Rows = append(got.Rows, document.Row{Cells: []string{fmt.Sprint(aw.Year), award.Title(aw.Title).Label(), when}})
	}
	if len(got.Rows) == 0 {
		got.Rows = []document.Row{{Group: "Chưa có trong hồ sơ."}}
	}
	page.Body = append(page.Body, document.Block{Table: &got})
	return page, nil
}

func upperFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[:1])) + string(r[1:])
}

// VoteMinutes is the biên bản of a cluster's vote for the emulation flag:
// issued in the cluster's name under the body that runs it (the Supreme
// Procuracy for a national cluster, the province for a bloc), at the head
// unit's place; the members that voted, each candidate's votes and share
// against the threshold, signed by the head unit for the cluster.
func (a *App) VoteMinutes(ctx context.Context, p auth.Principal, id int64) (document.Page, error) {
	v, err := a.Vote(ctx, p, id)
	if err != nil {
		return document.Page{}, err
	}
	cl, q := v.Cluster.Cluster, &a.store.Q
	iss := document.Issuer{Parent: document.Supreme, Name: strings.ToUpper(cl.Title())}
	if cl.OwnerUnitID != nil {
		if iss.Parent, err = unitCaps(ctx, q, *cl.OwnerUnitID); err != nil {
			return document.Page{}, err
		}
	}
	head := "Đơn vị Cụm trưởng"
	if cl.HeadUnitID != nil {
		hi, err := issuerOf(ctx, q, *cl.HeadUnitID)
		if err != nil {
			return document.Page{}, err
		}
		iss.Place, iss.Symbol, head = hi.Place, hi.Symbol, v.Cluster.Name(cl.HeadUnitID)
	}
	on := v.OpenedAt.In(ict)
	if v.ClosedAt != nil {
		on = v.ClosedAt.In(ict)
	}
	page := document.Page{Issuer: iss, Date: &on, Kind: "BIÊN BẢN",
		Subject: "Bình xét, suy tôn đơn vị đề nghị tặng Cờ thi đua năm " + fmt.Sprint(v.Year),
		Signer:  document.Signer{HeadTitle: "TM. " + cl.Level.Label() + "\nTrưởng cụm"}}
	page.Body = append(page.Body,
		document.Para(fmt.Sprintf("Ngày %s, %s tổ chức bình xét, suy tôn đơn vị dẫn đầu đề nghị tặng %s năm %d, do %s chủ trì.",
			on.Format("02/01/2006"), cl.Title(), award.Title(v.Title).Label(), v.Year, head)),
		document.Para(fmt.Sprintf("Số đơn vị thành viên: %d; số đơn vị đã bỏ phiếu: %d.", len(cl.Members), len(v.Voted))),
		document.Part("Kết quả bỏ phiếu:"))
	lines := make([]ballotLine, 0, len(v.Tally))
	for _, x := range v.Tally {
		lines = append(lines, ballotLine{Name: x.UnitName, For: x.For, Against: x.Against, Electorate: x.Electorate,
			Threshold: x.Threshold, Share: x.Share, Passes: x.Passes})
	}
	t := ballotTable("Đơn vị", false, lines)
	page.Body = append(page.Body, document.Block{Table: &t})
	if v.Status != "closed" {
		page.Body = append(page.Body, document.Para("Cuộc bình xét chưa kết thúc: kết quả trên là số phiếu đã nhận đến thời điểm lập biên bản."))
	}
	page.Body = append(page.Body, document.Para(fmt.Sprintf("Biên bản lập xong vào ngày %s, đã thông qua các đơn vị thành viên./.", on.Format("02/01/2006"))))
	return page, nil
}

// ballotLine is one candidate's line of a biên bản's results: votes for
// over all who may vote (the electorate), against, the share and whether
// it reaches the threshold (% of the electorate).
type ballotLine struct {
	Name, Title                         string // Title: the title proposed, for a table that shows it
	For, Against, Electorate, Threshold int
	Share                               float64
	Passes                              bool
}

// ballotTable is the results of a secret ballot as the biên bản of a
// cluster's vote and of a council's session print them: name (under the
// header name), the title proposed if titled, votes for of all, against,
// the share, and the result against the threshold.
func ballotTable(name string, titled bool, lines []ballotLine) document.Table {
	t := document.Table{Headers: []string{"STT", name}, Widths: []float64{8, 46, 11, 11, 11, 13}}
	if titled { // the name gives the title its room
		t.Headers, t.Widths = append(t.Headers, "Danh hiệu đề nghị"), []float64{8, 25, 17, 11, 12, 12, 15}
	}
	t.Headers = append(t.Headers, "Đồng ý", "Không đồng ý", "Tỷ lệ đồng ý", "Kết quả")
	for i, l := range lines {
		res := fmt.Sprintf("Không đạt (cần từ %d%%)", l.Threshold)
		if l.Passes {
			res = fmt.Sprintf("Đạt (từ %d%%)", l.Threshold)
		}
		cells := []string{fmt.Sprint(i + 1), l.Name}
		if titled {
			cells = append(cells, l.Title)
		}
		cells = append(cells, fmt.Sprintf("%d/%d", l.For, l.Electorate), fmt.Sprint(l.Against),
			strings.Replace(vote.TrimPercent(l.Share), ".", ",", 1)+"%", res)
		t.Rows = append(t.Rows, document.Row{Cells: cells})
	}
	return t
}

// unitCaps is a unit's name in capitals, as headings print it.
func unitCaps(ctx context.Context, q *store.Q, id int64) (string, error) {
	u, err := q.Unit(ctx, id)
	return strings.ToUpper(u.Name), err
}
