package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/award"
	"thidua/internal/errs"
	"thidua/internal/proposal"
)

func statusLabels() map[string]string {
	m := map[string]string{}
	for _, s := range proposal.Statuses {
		m[s] = proposal.StatusLabel(s)
	}
	for _, o := range []award.Outcome{award.Eligible, award.NotEligible, award.Insufficient, "needs_judgement"} {
		m[string(o)] = o.Label()
	}
	return m
}

func proposalURL(id int64) string { return fmt.Sprintf("/proposals/%d", id) }

// queryYear is ?year=, or 0 (this year, for app).
func queryYear(c echo.Context) int {
	if y, err := strconv.Atoi(c.QueryParam("year")); err == nil && y >= 2000 && y <= 2100 {
		return y
	}
	return 0
}

type proposalListData struct {
	app.ProposalsPage
	Held     bool              `json:"-"`
	UnitID   string            `json:"-"`
	Status   string            `json:"-"`
	Statuses []string          `json:"-"`
	Labels   map[string]string `json:"-"`
}

func (s *Server) proposalListPage(c echo.Context, st int, year int, form map[string]string, formErr error) error {
	d := proposalListData{UnitID: c.QueryParam("unit_id"), Status: c.QueryParam("status"),
		Statuses: proposal.Statuses, Labels: labels()}
	for k, v := range statusLabels() {
		d.Labels[k] = v
	}
	q := app.ProposalQuery{Year: year}
	if id, err := strconv.ParseInt(d.UnitID, 10, 64); err == nil && id > 0 {
		q.UnitID = id
	} else {
		d.UnitID = ""
	}
	if !slices.Contains(proposal.Statuses, d.Status) {
		d.Status = ""
	}
	q.Status = d.Status
	d.Held = c.QueryParam("held") != ""
	q.Held = d.Held
	var err error
	if d.ProposalsPage, err = s.app.ProposalsPage(c.Request().Context(), principal(c), q); err != nil {
		return err
	}
	if isAPI(c) {
		return c.JSON(st, d)
	}
	pg := s.page(c, fmt.Sprintf("Đề nghị khen thưởng năm %d", d.Year), "proposals", d)
	pg.Form = form
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
	}
	return c.Render(st, "proposal_list", pg)
}

// proposalList lists a year's proposals with verdicts and quota checks.
func (s *Server) proposalList(c echo.Context) error {
	return s.proposalListPage(c, http.StatusOK, queryYear(c), nil, nil)
}

// proposalForm is the raw input of the proposal form.
type proposalForm struct {
	Year           string
	ProposerUnitID string
	PersonID       string
	Title          string
	VoteElectorate string
	VoteFor        string
	Summary        string
	ConsideredOn   string
	Version        string
	Submit         bool
}

func (f proposalForm) values() map[string]string {
	return map[string]string{"year": f.Year, "proposer_unit_id": f.ProposerUnitID, "person_id": f.PersonID, "title": f.Title,
		"vote_electorate": f.VoteElectorate, "vote_for": f.VoteFor, "summary": f.Summary, "considered_on": f.ConsideredOn, "version": f.Version}
}

func readProposalForm(c echo.Context) (proposalForm, error) {
	if isAPI(c) {
		var b struct {
			Year           int    `json:"year"`
			ProposerUnitID int64  `json:"proposer_unit_id"`
			PersonID       *int64 `json:"person_id"`
			Title          string `json:"title"`
			VoteElectorate *int   `json:"vote_electorate"`
			VoteFor        *int   `json:"vote_for"`
			Summary        string `json:"summary"`
			ConsideredOn   string `json:"considered_on"`
			Version        int    `json:"version"`
			Submit         bool   `json:"submit"`
		}
		if err := decodeJSON(c, &b); err != nil {
			return proposalForm{}, err
		}
		f := proposalForm{Year: strconv.Itoa(b.Year), Title: normalize(b.Title), Summary: normalize(b.Summary),
			ConsideredOn: normalize(b.ConsideredOn), Version: strconv.Itoa(b.Version), Submit: b.Submit}
		if b.ProposerUnitID != 0 {
			f.ProposerUnitID = strconv.FormatInt(b.ProposerUnitID, 10)
		}
		if b.PersonID != nil {
			f.PersonID = strconv.FormatInt(*b.PersonID, 10)
		}
		if b.VoteElectorate != nil {
			f.VoteElectorate = strconv.Itoa(*b.VoteElectorate)
		}
		if b.VoteFor != nil {
			f.VoteFor = strconv.Itoa(*b.VoteFor)
		}
		return f, nil
	}
	return proposalForm{Year: formValue(c, "year"), ProposerUnitID: formValue(c, "proposer_unit_id"), PersonID: formValue(c, "person_id"),
		Title: formValue(c, "title"), VoteElectorate: formValue(c, "vote_electorate"), VoteFor: formValue(c, "vote_for"),
		Summary: formValue(c, "summary"), ConsideredOn: formValue(c, "considered_on"), Version: formValue(c, "version"),
		Submit: formValue(c, "submit") != ""}, nil
}

func intField(fe errs.Fields, field, label, raw string) *int {
	if raw == "" {
		return nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		fe.Add(field, label+" phải là số nguyên.")
		return nil
	}
	return &n
}

func (f proposalForm) input() app.ProposalInput {
	fe := errs.Fields{}
	in := app.ProposalInput{Title: f.Title, Summary: f.Summary, Unparsed: fe}
	in.Year, _ = strconv.Atoi(f.Year)
	if id := idField(fe, "proposer_unit_id", "Đơn vị đề nghị", f.ProposerUnitID); id != nil {
		in.ProposerUnitID = *id
	}
	in.PersonID = idField(fe, "person_id", "Cán bộ", f.PersonID)
	in.VoteElectorate = intField(fe, "vote_electorate", "Số người được bỏ phiếu", f.VoteElectorate)
	in.VoteFor = intField(fe, "vote_for", "Số phiếu đồng ý", f.VoteFor)
	in.ConsideredOn = dateField(fe, "considered_on", "Ngày xét", f.ConsideredOn, false)
	return in
}

func proposalValues(pr proposal.Proposal) map[string]string {
	v := map[string]string{"year": strconv.Itoa(pr.Year), "proposer_unit_id": strconv.FormatInt(pr.ProposerUnitID, 10),
		"title": pr.Title, "summary": pr.Summary, "version": strconv.Itoa(pr.Version), "considered_on": formatDate(pr.ConsideredOn)}
	if pr.PersonID != nil {
		v["person_id"] = strconv.FormatInt(*pr.PersonID, 10)
	}
	if pr.VoteElectorate != nil {
		v["vote_electorate"] = strconv.Itoa(*pr.VoteElectorate)
	}
	if pr.VoteFor != nil {
		v["vote_for"] = strconv.Itoa(*pr.VoteFor)
	}
	return v
}

type proposalFormData struct {
	app.ProposalForm
	Titles []award.Title
	Labels map[string]string
}

// proposalFormPage shows the form of proposal id, or of a new proposal of
// unitID (0: the reader's unit), with form's values (nil: the proposal's).
func (s *Server) proposalFormPage(c echo.Context, st int, id, unitID int64, form map[string]string, formErr error) error {
	f, err := s.app.ProposalForm(c.Request().Context(), principal(c), id, unitID)
	if err != nil {
		return err
	}
	d := proposalFormData{ProposalForm: f, Labels: labels(),
		Titles: append(append(append([]award.Title{}, award.IndividualTitles...), award.CollectiveTitles...), award.Forms...)}
	title := "Lập đề nghị khen thưởng"
	if id != 0 {
		title = "Sửa đề nghị khen thưởng"
	}
	switch {
	case f.Proposal != nil && (form == nil || errs.CodeOf(formErr) == errs.Conflict):
		form = proposalValues(*f.Proposal) // what is stored now
	case f.Proposal != nil:
		form["proposer_unit_id"] = strconv.FormatInt(f.Proposal.ProposerUnitID, 10)
	case form == nil:
		year := queryYear(c)
		if year == 0 {
			year = f.Today.Year()
		}
		form = map[string]string{"year": strconv.Itoa(year)}
	}
	if f.Proposal == nil {
		form["proposer_unit_id"] = strconv.FormatInt(f.Unit.ID, 10)
	}
	pg := s.page(c, title, "proposals", d)
	pg.Form = form
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
	}
	return c.Render(st, "proposal_form", pg)
}

func (s *Server) proposalNew(c echo.Context) error {
	var unitID int64
	if raw := c.QueryParam("unit_id"); raw != "" {
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n <= 0 {
			return errs.New(errs.NotFound, "Không tìm thấy đơn vị đề nghị.")
		}
		unitID = n
	}
	return s.proposalFormPage(c, http.StatusOK, 0, unitID, nil, nil)
}

func (s *Server) proposalCreate(c echo.Context) error {
	f, err := readProposalForm(c)
	if err != nil {
		return err
	}
	in := f.input()
	out, err := s.app.CreateProposal(c.Request().Context(), principal(c), in)
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			return s.proposalFormPage(c, status(errs.CodeOf(err)), 0, in.ProposerUnitID, f.values(), err)
		}
		return err
	}
	return s.done(c, http.StatusCreated, out, "Đã lập đề nghị khen thưởng.", proposalURL(out.ID))
}

func (s *Server) proposalEdit(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.proposalFormPage(c, http.StatusOK, id, 0, nil, nil)
}

// proposalUpdate saves a draft, or submits it when asked.
func (s *Server) proposalUpdate(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f, err := readProposalForm(c)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(f.Version)
	out, err := s.app.UpdateProposal(c.Request().Context(), principal(c), id, version, f.input(), f.Submit)
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			return s.proposalFormPage(c, status(errs.CodeOf(err)), id, 0, f.values(), err)
		}
		return err
	}
	flash := "Đã lưu đề nghị khen thưởng."
	if f.Submit {
		flash = "Đã gửi đề nghị khen thưởng; đề nghị được công khai để lấy ý kiến."
	}
	return s.done(c, http.StatusOK, out, flash, proposalURL(id))
}

// proposalSubmit submits a draft as it stands.
func (s *Server) proposalSubmit(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	version, err := s.versionField(c)
	if err != nil {
		return err
	}
	out, err := s.app.SubmitProposal(c.Request().Context(), principal(c), id, version)
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			return s.proposalPage(c, status(errs.CodeOf(err)), id, nil, err)
		}
		return err
	}
	return s.done(c, http.StatusOK, out, "Đã gửi đề nghị khen thưởng; đề nghị được công khai để lấy ý kiến.", proposalURL(id))
}

// versionField reads {"version": n} from the API, or the form's version.
func (s *Server) versionField(c echo.Context) (int, error) {
	if isAPI(c) {
		var b struct {
			Version int `json:"version"`
		}
		err := decodeJSON(c, &b)
		return b.Version, err
	}
	v, _ := strconv.Atoi(formValue(c, "version"))
	return v, nil
}

type proposalShowData struct {
	app.ProposalPage
	Labels    map[string]string
	DossierUI dossierUI
}

func (s *Server) proposalPage(c echo.Context, st int, id int64, form map[string]string, formErr error) error {
	v, err := s.app.ProposalPage(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	if isAPI(c) {
		return c.JSON(st, v.ProposalView)
	}
	d := proposalShowData{ProposalPage: v, Labels: labels()}
	for k, x := range statusLabels() {
		d.Labels[k] = x
	}
	pg := s.page(c, award.Title(v.Title).Label()+" — "+v.SubjectName, "proposals", d)
	pg.Form = form
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
	}
	d.DossierUI = newDossierUI(v.Dossier, pg)
	pg.Data = d
	return c.Render(st, "proposal_show", pg)
}

func (s *Server) proposalShow(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.proposalPage(c, http.StatusOK, id, nil, nil)
}

func (s *Server) proposalComment(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	body := formValue(c, "body")
	if isAPI(c) {
		var b struct {
			Body string `json:"body"`
		}
		if err := decodeJSON(c, &b); err != nil {
			return err
		}
		body = normalize(b.Body)
	}
	out, err := s.app.CommentProposal(c.Request().Context(), principal(c), id, body)
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			return s.proposalPage(c, status(errs.CodeOf(err)), id, map[string]string{"body": body}, err)
		}
		return err
	}
	return s.done(c, http.StatusCreated, out, "Đã ghi nhận ý kiến góp ý.", proposalURL(id))
}

func (s *Server) proposalReject(c echo.Context) error {
	id, b, err := reasonForm(c)
	if err != nil {
		return err
	}
	out, err := s.app.RejectProposal(c.Request().Context(), principal(c), id, b.Version, b.Reason)
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			return s.proposalPage(c, status(errs.CodeOf(err)), id, map[string]string{"reason": b.Reason}, err)
		}
		return err
	}
	return s.done(c, http.StatusOK, out, "Đã ghi nhận không chấp thuận đề nghị.", proposalURL(id))
}

// reasoned is what a level sends when it refuses or returns a proposal.
type reasoned struct {
	Version int    `json:"version"`
	Reason  string `json:"reason"`
}

// reasonForm reads the proposal's id and the version and reason posted.
func reasonForm(c echo.Context) (int64, reasoned, error) {
	var b reasoned
	id, err := pathID(c, "id")
	if err != nil {
		return id, b, err
	}
	err = bind(c, &b)
	b.Reason = normalize(b.Reason)
	return id, b, err
}

// decisionCreate records a decision of the reader's level and approves
// the chosen proposals under it. Browsers post proposal_id (repeated),
// version_<id> and override_reason_<id> from a proposal's page or the
// list; a refusal shows the year's list (the one page holding every
// proposal the level may decide), with what was typed. The API posts
// DecisionInput.
func (s *Server) decisionCreate(c echo.Context) error {
	var in app.DecisionInput
	var form map[string]string
	if isAPI(c) {
		var b struct {
			app.DecisionInput
			DecidedOn string `json:"decided_on"`
		}
		if err := decodeJSON(c, &b); err != nil {
			return err
		}
		in = b.DecisionInput
		in.Number, in.Signer, in.Note = normalize(in.Number), normalize(in.Signer), normalize(in.Note)
		in.Unparsed = errs.Fields{}
		in.DecidedOn = dateField(in.Unparsed, "decided_on", "Ngày ký quyết định", normalize(b.DecidedOn), false)
	} else {
		form = map[string]string{}
		for _, k := range []string{"year", "unit_id", "number", "decided_on", "signer", "signer_member_id", "note"} {
			form[k] = formValue(c, k)
		}
		in = app.DecisionInput{Number: form["number"], Signer: form["signer"], Note: form["note"], Unparsed: errs.Fields{}}
		in.Year, _ = strconv.Atoi(form["year"])
		if id := idField(in.Unparsed, "unit_id", "Cấp quyết định", form["unit_id"]); id != nil {
			in.UnitID = *id
		}
		in.SignerMemberID = idField(in.Unparsed, "signer_member_id", "Người ký", form["signer_member_id"])
		in.DecidedOn = dateField(in.Unparsed, "decided_on", "Ngày ký quyết định", form["decided_on"], false)
		params, _ := c.FormParams()
		for _, raw := range params["proposal_id"] {
			id, err := strconv.ParseInt(raw, 10, 64)
			if err != nil {
				continue
			}
			key := strconv.FormatInt(id, 10)
			v, _ := strconv.Atoi(formValue(c, "version_"+key))
			why := formValue(c, "override_reason_"+key)
			form["override_reason_"+key], form["pick_"+key] = why, "1"
			in.Items = append(in.Items, app.DecisionItem{ProposalID: id, Version: v, OverrideReason: why})
		}
	}
	out, err := s.app.Decide(c.Request().Context(), principal(c), in)
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			year := in.Year
			if year < 2000 || year > 2100 { // refused by Decide; the list shows this year's
				year = 0
			}
			return s.proposalListPage(c, status(errs.CodeOf(err)), year, form, err)
		}
		return err
	}
	return s.done(c, http.StatusCreated, out, fmt.Sprintf("Đã ghi nhận Quyết định số %s và khen thưởng %d đề nghị.", out.Number, len(out.Proposals)),
		fmt.Sprintf("/decisions/%d", out.ID))
}

// proposalReturn sends a proposal the reader's level holds back to the
// proposing unit, with a reason.
func (s *Server) proposalReturn(c echo.Context) error {
	id, b, err := reasonForm(c)
	if err != nil {
		return err
	}
	out, err := s.app.ReturnProposal(c.Request().Context(), principal(c), id, b.Version, b.Reason)
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			return s.proposalPage(c, status(errs.CodeOf(err)), id, map[string]string{"reason": b.Reason}, err)
		}
		return err
	}
	return s.done(c, http.StatusOK, out, "Đã trả lại đề nghị cho đơn vị đề nghị.", proposalURL(id))
}

// proposalForward forwards a proposal above the reader's level's power to
// the next level, with the level's tờ trình.
func (s *Server) proposalForward(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in app.ForwardInput
	if err := bind(c, &in); err != nil {
		return err
	}
	in.DocumentNo, in.Note = normalize(in.DocumentNo), normalize(in.Note)
	out, err := s.app.ForwardProposal(c.Request().Context(), principal(c), id, in)
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			return s.proposalPage(c, status(errs.CodeOf(err)), id, map[string]string{"document_no": in.DocumentNo, "note": in.Note}, err)
		}
		return err
	}
	msg := "Đã chuyển đề nghị lên " + out.AddressedName + " kèm tờ trình số " + in.DocumentNo + "."
	if out.Status == app.ProposalForwarded {
		msg = "Đã trình đề nghị lên cấp trên ngoài ngành kèm tờ trình số " + in.DocumentNo + "."
	}
	return s.done(c, http.StatusOK, out, msg, proposalURL(id))
}

func (s *Server) decisionShow(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.app.Decision(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	if isAPI(c) {
		return c.JSON(http.StatusOK, d)
	}
	lb := labels()
	for k, x := range statusLabels() {
		lb[k] = x
	}
	return c.Render(http.StatusOK, "decision_show", s.page(c, "Quyết định số "+d.Number, "proposals",
		struct {
			app.DecisionView
			Labels map[string]string
		}{d, lb}))
}
