package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/decision"
	"thidua/internal/document"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/proposal"
	"thidua/internal/store"
)

// Proposal statuses (proposal.Draft …), for the callers that name them here.
const (
	ProposalDraft     = proposal.Draft
	ProposalSubmitted = proposal.Submitted
	ProposalApproved  = proposal.Approved
	ProposalRejected  = proposal.Rejected
	ProposalForwarded = proposal.Forwarded
)

// ProposalStatusLabel is a status in Vietnamese.
func ProposalStatusLabel(s string) string { return proposal.StatusLabel(s) }

// ProposalInput is what a unit officer sets on a proposal. The subject is
// PersonID for an individual title; for a collective title the subject is
// the proposing unit itself.
type ProposalInput struct {
	Year           int    `json:"year"`
	ProposerUnitID int64  `json:"proposer_unit_id"`
	PersonID       *int64 `json:"person_id"`
	Title          string `json:"title"`
	VoteElectorate *int   `json:"vote_electorate"`
	VoteFor        *int   `json:"vote_for"`
	Summary        string `json:"summary"`
	// ConsideredOn is the day of consideration (ngày xét) whose rules
	// judge the proposal; nil: the day it is saved. Back-filling an old
	// year sets it to that year's council day.
	ConsideredOn *time.Time  `json:"considered_on"`
	Unparsed     errs.Fields `json:"-"`
}

// ProposalView is a proposal with its decoded verdict and comments.
type ProposalView struct {
	proposal.Proposal
	Reasons  []award.Reason     `json:"reasons"`
	Comments []proposal.Comment `json:"comments"`
	// Steps is the proposal's way up, oldest first: who sent, returned,
	// forwarded or decided it, when and why.
	Steps []proposal.Step `json:"steps"`
	// Current is the verdict on today's record, for a proposal not decided
	// yet, when it differs from the one stored at its last save (a rating or
	// an award recorded since). Decided proposals keep their verdict.
	Current *award.Verdict `json:"current_verdict,omitempty"`
}

// QuotaCheck is one quota over a list (proposal.QuotaCheck).
type QuotaCheck = proposal.QuotaCheck

// ProposalList is a list of proposals with the quota checks over it.
type ProposalList struct {
	Proposals []proposal.Proposal `json:"proposals"`
	Quotas    []QuotaCheck        `json:"quotas"`
	RuleSetID string              `json:"rule_set_id"`
	// Preferred marks, where a quota is exceeded, the proposals the rules
	// prefer when candidates tie (a woman, a collective with ≥ 70 % women:
	// Điều 4 khoản 6 NĐ 152/2025/NĐ-CP): proposal id → the reason.
	Preferred map[int64]string `json:"preferred,omitempty"`
}

// DecisionItem is one proposal approved under a decision.
type DecisionItem struct {
	ProposalID     int64  `json:"proposal_id"`
	Version        int    `json:"version"`
	OverrideReason string `json:"override_reason"`
}

// DecisionInput is a decision and the proposals it approves.
type DecisionInput struct {
	Year int `json:"year"`
	// UnitID is the deciding level (0: the reader's own: a provincial
	// council's province, the sector board's Supreme Procuracy).
	UnitID int64 `json:"unit_id"`
	// Number: empty takes the next of the level's series (…/QĐ-VKSTH).
	Number string `json:"number"`
	// SignerMemberID is the council member who signs: its chair (the head)
	// or a vice-chair (KT.). Signer, a name typed, only where the level
	// has no council recorded for the year (a decision entered afterwards).
	SignerMemberID *int64         `json:"signer_member_id"`
	DecidedOn      *time.Time     `json:"decided_on"`
	Signer         string         `json:"signer"`
	Note           string         `json:"note"`
	Items          []DecisionItem `json:"items"`
	Unparsed       errs.Fields    `json:"-"`
}

// DecisionView is a decision with the proposals it approved and the
// level that issued it (heading, place, Căn cứ lines).
type DecisionView struct {
	decision.Decision
	Issuer    document.Issuer     `json:"issuer"`
	Signature []string            `json:"signature"` // the signature block, top line first (document.Signer.Lines)
	Proposals []proposal.Proposal `json:"proposals"`
	// CertKinds are the certificates the reader may print of it (the
	// deciding level's board only): "bang_khen", "giay_khen".
	CertKinds []string `json:"certificate_kinds"`
}

func (a *App) loadRecord(ctx context.Context, tx *store.Q, id int64) (PersonRecord, error) {
	person, err := tx.Person(ctx, id)
	if err != nil {
		return PersonRecord{}, err
	}
	r := PersonRecord{Person: person}
	if r.Ratings, err = tx.Ratings(ctx, id); err != nil {
		return r, err
	}
	if r.Initiatives, err = tx.Initiatives(ctx, id); err != nil {
		return r, err
	}
	if r.Disciplines, err = tx.Disciplines(ctx, id); err != nil {
		return r, err
	}
	if r.Absences, err = tx.Absences(ctx, id); err != nil {
		return r, err
	}
	if r.Pending, err = tx.PersonPending(ctx, id); err != nil {
		return r, err
	}
	r.Awards, err = tx.PersonAwards(ctx, id)
	return r, err
}

// collectiveFacts gathers what the records say about a unit in a year:
// its members' ratings and titles, its own awards. Facts the records do not
// hold (the unit's rating, movement, unity, targets) stay unconfirmed, so
// the rules name them and the board decides.
//
// Members are counted as the rules need (issue #12): a member disciplined
// in the year counts as not having completed their tasks, whatever their
// recorded rating (NĐ 90/2020 as amended by NĐ 48/2023), a member with no
// rating for the year is counted apart (chưa đủ thông tin), and matters
// pending against the unit are those open on the day of consideration.
func (a *App) collectiveFacts(ctx context.Context, tx *store.Q, unitID int64, year int, on time.Time) (award.Collective, error) {
	u, err := tx.Unit(ctx, unitID)
	if err != nil {
		return award.Collective{}, err
	}
	c := award.Collective{UnitID: unitID, Name: u.Name}
	// No longer in existence on the day of consideration: dissolved or
	// merged in a reorganisation (TT 15/2025/TT-BNV bars its award).
	c.Dissolved = !on.IsZero() && u.ValidTo != nil && u.ValidTo.Before(org.Day(on))
	ids, err := tx.UnitMemberIDs(ctx, unitID)
	if err != nil {
		return c, err
	}
	c.Members = len(ids)
	for _, id := range ids {
		r, err := a.loadRecord(ctx, tx, id)
		if err != nil {
			return c, err
		}
		ap := r.AwardPersonOn(on)
		_, disciplined := award.DisciplinedDuring(ap.Disciplines, year)
		disciplined = disciplined && year >= award.RatingRuleFrom
		rt, rated := ap.Ratings[year]
		switch {
		case disciplined:
			c.MembersDisciplined++
		case !rated:
			c.MembersUnrated++
		case rt.AtLeast(award.HoanThanh):
			c.MembersCompleted++
		}
		if ap.Female {
			c.MembersFemale++
		}
		var ldtt, cs bool
		for _, h := range ap.Awards {
			if h.Year == year && !h.Revoked {
				ldtt = ldtt || h.Title == award.LaoDongTienTien
				cs = cs || h.Title == award.ChienSiThiDuaCoSo
			}
		}
		if ldtt || cs {
			c.MembersLDTT++
		}
		if cs {
			c.MembersCSTDCS++
		}
		for _, d := range ap.Disciplines {
			if d.Measure.AtLeast(award.CanhCao) && d.From.Year() <= year && (d.To.IsZero() || d.To.Year() >= year) {
				c.MemberWarned = true
			}
		}
	}
	held, err := tx.UnitAwards(ctx, unitID)
	if err != nil {
		return c, err
	}
	for _, x := range held {
		c.Awards = append(c.Awards, x.Held())
	}
	// Collective award history: predecessors' awards the board marked as counting (unit_awards.go).
	carried, err := a.carriedAwards(ctx, tx, unitID)
	if err != nil {
		return c, err
	}
	c.Awards = append(c.Awards, carried...)
	// Collective facts and publication: the unit's own facts as recorded (facts.go).
	if err := applyUnitFacts(ctx, tx, &c, year); err != nil {
		return c, err
	}
	// The unit's own disciplines and pending matters (award_facts.go).
	if err := applyUnitRecord(ctx, tx, &c, on); err != nil {
		return c, err
	}
	return c, nil
}

// judge runs on a proposal the rules in force on its day of
// consideration: the day set on it (back-filling an old year), else today.
func (a *App) judge(ctx context.Context, tx *store.Q, pr proposal.Proposal) (award.Verdict, error) {
	on := a.Today()
	if pr.ConsideredOn != nil {
		on = *pr.ConsideredOn
	}
	return a.judgeOn(ctx, tx, pr, on)
}

// judgeOn runs on a proposal the rules in force on day on. A form of
// commendation (Giấy khen, Bằng khen) goes to a person or a collective:
// the proposal's PersonID says which (applyProposal).
func (a *App) judgeOn(ctx context.Context, tx *store.Q, pr proposal.Proposal, on time.Time) (award.Verdict, error) {
	rs := award.RulesFor(on)
	vote := award.Vote{}
	if pr.VoteElectorate != nil {
		vote.Electorate = *pr.VoteElectorate
	}
	if pr.VoteFor != nil {
		vote.For = *pr.VoteFor
	}
	t := award.Title(pr.Title)
	if pr.PersonID != nil {
		r, err := a.loadRecord(ctx, tx, *pr.PersonID)
		if err != nil {
			return award.Verdict{}, err
		}
		v, _ := rs.JudgePerson(t, r.AwardPersonOn(on), pr.Year, vote)
		return v, nil
	}
	c, err := a.collectiveFacts(ctx, tx, *pr.UnitID, pr.Year, on)
	if err != nil {
		return award.Verdict{}, err
	}
	v, _ := rs.JudgeUnit(t, c, pr.Year, vote)
	return v, nil
}

// needsVote: a proposal of the title carries its ballot's result when
// drafted. Cờ thi đua ngành carries the cluster's; Chiến sĩ thi đua ngành
// gets the council's from the council's session (CloseCouncilSession), so
// a typed share is optional there and replaced by the session's.
func needsVote(t award.Title) bool { return t == award.CoThiDuaNganh }

// applyProposal validates in onto pr (whose proposer unit is set), and
// stores the verdict of the rules in force today.
func (a *App) applyProposal(ctx context.Context, tx *store.Q, pr proposal.Proposal, in ProposalInput) (proposal.Proposal, error) {
	f := errs.Fields{}
	for k, v := range in.Unparsed {
		f.Add(k, v)
	}
	validYear(f, in.Year)
	pr.Year, pr.Title, pr.Summary = in.Year, in.Title, strings.TrimSpace(in.Summary)
	pr.VoteElectorate, pr.VoteFor = in.VoteElectorate, in.VoteFor
	pr.ConsideredOn = dayPtr(in.ConsideredOn)
	if d := pr.ConsideredOn; d != nil {
		switch {
		case d.Year() < in.Year:
			f.Add("considered_on", "Ngày xét không được trước năm thi đua được đề nghị.")
		case award.RulesFor(*d).ID == "":
			f.Add("considered_on", "Không có bộ quy tắc áp dụng cho ngày xét này (trước 28/06/2019).")
		}
	}
	t := award.Title(in.Title)
	pr.PersonID, pr.UnitID = nil, nil
	switch {
	case t.Collective(), t.IsForm() && in.PersonID == nil:
		// A form of commendation without a person goes to the proposing unit.
		id := pr.ProposerUnitID
		pr.UnitID = &id
	case t.Individual(), t.IsForm():
		// A form of commendation with a person goes to that person.
		if in.PersonID == nil {
			f.Add("person_id", "Vui lòng chọn cán bộ được đề nghị.")
		} else if person, err := tx.Person(ctx, *in.PersonID); err != nil || person.UnitID != pr.ProposerUnitID {
			f.Add("person_id", "Cán bộ được đề nghị phải thuộc đơn vị đề nghị.")
		} else {
			pr.PersonID = in.PersonID
		}
	default:
		f.Add("title", "Vui lòng chọn danh hiệu đề nghị.")
	}
	if pr.VoteFor != nil && pr.VoteElectorate == nil {
		f.Add("vote_electorate", "Vui lòng nhập số người được bỏ phiếu.")
	}
	if pr.VoteElectorate != nil {
		v := award.Vote{Electorate: *pr.VoteElectorate}
		if pr.VoteFor != nil {
			v.For = *pr.VoteFor
		}
		if e, ok := errs.As(v.Validate()); ok {
			for k, m := range e.Fields {
				f.Add("vote_"+k, m)
			}
		}
	} else if needsVote(t) {
		f.Add("vote_electorate", "Danh hiệu này cần kết quả bỏ phiếu: nhập số người được bỏ phiếu và số phiếu đồng ý.")
	}
	if len([]rune(pr.Summary)) > 5000 {
		f.Add("summary", "Tóm tắt thành tích không quá 5000 ký tự.")
	}
	if err := f.Err(); err != nil {
		return pr, err
	}
	v, err := a.judge(ctx, tx, pr)
	if err != nil {
		return pr, err
	}
	reasons, err := json.Marshal(v.Reasons)
	if err != nil {
		return pr, err
	}
	pr.VerdictOutcome, pr.VerdictReasons, pr.VerdictRuleSet = string(v.Outcome), reasons, v.RuleSetID
	return pr, nil
}

// authorizeProposer checks that p is an officer of the proposing unit.
func (a *App) authorizeProposer(ctx context.Context, tx *store.Q, p auth.Principal, unitID int64) error {
	if p.Anonymous() {
		return auth.Authorize(p, auth.ProposeAward, auth.Target{})
	}
	path, err := a.unitPathOf(ctx, tx, unitID)
	if err != nil {
		return err
	}
	return auth.Authorize(p, auth.ProposeAward, auth.Unit(path))
}

// CreateProposal drafts a proposal of a unit, judged by the rules at once.
func (a *App) CreateProposal(ctx context.Context, p auth.Principal, in ProposalInput) (proposal.Proposal, error) {
	var out proposal.Proposal
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		if in.ProposerUnitID == 0 {
			if err := auth.Authorize(p, auth.ProposeAward, auth.Unit([]int64{p.UnitID})); err != nil {
				return err
			}
			return (errs.Fields{"proposer_unit_id": "Vui lòng chọn đơn vị đề nghị."}).Err()
		}
		if err := a.authorizeProposer(ctx, tx, p, in.ProposerUnitID); err != nil {
			return err
		}
		pr, err := a.applyProposal(ctx, tx, proposal.Proposal{ProposerUnitID: in.ProposerUnitID}, in)
		if err != nil {
			return err
		}
		if out, err = tx.CreateProposal(ctx, pr); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "create", "proposal", out.ID, "", nil, out)
	})
	return out, err
}

// UpdateProposal changes a draft, or submits it (submit true) for
// publication and the board; the verdict is judged again either way.
func (a *App) UpdateProposal(ctx context.Context, p auth.Principal, id int64, version int, in ProposalInput, submit bool) (proposal.Proposal, error) {
	return a.updateProposal(ctx, p, id, version, &in, submit)
}

// SubmitProposal submits a draft as it stands (ProposalInputOf), judged
// again.
func (a *App) SubmitProposal(ctx context.Context, p auth.Principal, id int64, version int) (proposal.Proposal, error) {
	return a.updateProposal(ctx, p, id, version, nil, true)
}

// updateProposal applies in (nil: the proposal as it stands) to a draft.
func (a *App) updateProposal(ctx context.Context, p auth.Principal, id int64, version int, in *ProposalInput, submit bool) (proposal.Proposal, error) {
	var out proposal.Proposal
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		before, err := tx.Proposal(ctx, id)
		if err != nil {
			return err
		}
		if err := a.authorizeProposer(ctx, tx, p, before.ProposerUnitID); err != nil {
			return err
		}
		if err := proposal.CheckEdit(before.Status); err != nil {
			return err
		}
		if in == nil {
			asIs := ProposalInputOf(before)
			in = &asIs
		}
		pr, err := a.applyProposal(ctx, tx, before, *in)
		if err != nil {
			return err
		}
		pr.Version = version
		action := "update"
		var step proposal.Step
		if submit {
			if err := a.dossierComplete(ctx, tx, pr); err != nil {
				return err
			}
			pr.Status, action = proposal.Submitted, "submit"
			if step, err = a.sendUp(ctx, tx, p, &pr); err != nil {
				return err
			}
		}
		if out, err = tx.UpdateProposal(ctx, pr); err != nil {
			return err
		}
		if submit {
			if err := tx.AddProposalStep(ctx, step); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, p.UserID, action, "proposal", id, "", before, out)
	})
	return out, err
}

// ProposalInputOf is the input that reproduces a stored proposal.
func ProposalInputOf(pr proposal.Proposal) ProposalInput {
	return ProposalInput{Year: pr.Year, ProposerUnitID: pr.ProposerUnitID, PersonID: pr.PersonID, Title: pr.Title,
		VoteElectorate: pr.VoteElectorate, VoteFor: pr.VoteFor, Summary: pr.Summary}
}

// mayViewProposal: the board and viewers see every proposal; an officer
// sees their own unit's (and those under it), and any proposal once it
// is published (auth.ViewProposal).
func (a *App) mayViewProposal(ctx context.Context, tx *store.Q, p auth.Principal, pr proposal.Proposal) error {
	t := auth.Target{Published: proposal.Public(pr.Status)}
	if auth.UnitScope(p) != 0 && !t.Published {
		path, err := tx.UnitPath(ctx, pr.ProposerUnitID)
		if err != nil {
			return err
		}
		t.UnitPath = path
	}
	if err := auth.Authorize(p, auth.ViewProposal, t); err != nil {
		return err
	}
	return nil
}

// Proposal returns one proposal with its verdict and comments.
func (a *App) Proposal(ctx context.Context, p auth.Principal, id int64) (ProposalView, error) {
	if err := auth.Authorize(p, auth.ViewProposal, auth.Target{Published: true}); err != nil {
		return ProposalView{}, err
	}
	return a.proposalView(ctx, &a.store.Q, p, id)
}

func (a *App) proposalView(ctx context.Context, tx *store.Q, p auth.Principal, id int64) (ProposalView, error) {
	pr, err := tx.Proposal(ctx, id)
	if err != nil {
		return ProposalView{}, err
	}
	if err := a.mayViewProposal(ctx, tx, p, pr); err != nil {
		return ProposalView{}, err
	}
	v := ProposalView{Proposal: pr, Reasons: []award.Reason{}}
	if err := json.Unmarshal(pr.VerdictReasons, &v.Reasons); err != nil {
		return v, err
	}
	if proposal.Judged(pr.Status) {
		now, err := a.judge(ctx, tx, pr)
		if err != nil {
			return v, err
		}
		if string(now.Outcome) != pr.VerdictOutcome || now.RuleSetID != pr.VerdictRuleSet {
			v.Current = &now
		}
	}
	if v.Comments, err = tx.ProposalComments(ctx, id); err != nil {
		return v, err
	}
	v.Steps, err = tx.ProposalSteps(ctx, id)
	return v, err
}

// Proposals lists a year's proposals with the quota checks over the list:
// Chiến sĩ thi đua cơ sở per proposing unit, over its Lao động tiên tiến
// (proposed or held); Tập thể lao động xuất sắc over the whole list's
// units proposed or rated Tập thể lao động tiên tiến (proposal.Tally). A
// breach warns; it does not block. An officer sees only their own unit's
// list.
func (a *App) Proposals(ctx context.Context, p auth.Principal, f store.ProposalFilter) (ProposalList, error) {
	if err := auth.Authorize(p, auth.ViewProposal, auth.Target{}); err != nil {
		return ProposalList{}, err
	}
	if u := auth.UnitScope(p); u != 0 {
		f.Within = &u
	}
	list, err := a.store.ListProposals(ctx, f)
	if err != nil {
		return ProposalList{}, err
	}
	rs := award.RulesFor(a.Today())
	out := ProposalList{Proposals: list, Quotas: []QuotaCheck{}, RuleSetID: rs.ID}

	// The quotas count the whole of each unit's live list, whatever the status filter.
	all := list
	if f.Status != "" {
		f.Status = ""
		if all, err = a.store.ListProposals(ctx, f); err != nil {
			return out, err
		}
	}
	count := proposal.Tally(all)
	board, err := boardQuota(ctx, &a.store.Q, f.Year)
	if err != nil {
		return out, err
	}
	// What the records hold beside the list: people holding Lao động tiên
	// tiến, units rated Tập thể lao động tiên tiến.
	for _, u := range count.Units {
		if u.CSTDCS == 0 {
			continue
		}
		held, err := a.store.HeldTitlePeople(ctx, u.UnitID, f.Year, string(award.LaoDongTienTien))
		if err != nil {
			return out, err
		}
		for _, pid := range held {
			u.LDTT[pid] = true
		}
	}
	if count.TTLDXS > 0 {
		for _, u := range count.Units {
			held, err := a.store.UnitAwards(ctx, u.UnitID)
			if err != nil {
				return out, err
			}
			for _, h := range held {
				if h.Year == f.Year && !h.Revoked && h.Title == string(award.TapTheLaoDongTienTien) {
					count.TTLDTT[u.UnitID] = true
				}
			}
		}
	}
	out.Quotas = count.Checks(rs, board)
	if err := a.markPreferred(ctx, rs, &out, all); err != nil {
		return out, err
	}
	return out, nil
}

// markPreferred marks the proposals of an exceeded quota that the tie-break
// of the rule set prefers (none before NĐ 152/2025).
func (a *App) markPreferred(ctx context.Context, rs award.RuleSet, out *ProposalList, all []proposal.Proposal) error {
	if !rs.WomenPreferred {
		return nil
	}
	overCS, overXS := map[string]bool{}, false
	for _, q := range out.Quotas {
		switch {
		case q.Over && q.Kind == award.QuotaCSTDCS:
			overCS[q.UnitName] = true
		case q.Over && q.Kind == award.QuotaTTLDXS:
			overXS = true
		}
	}
	for _, pr := range all {
		if !proposal.Live(pr.Status) {
			continue
		}
		var c award.Candidate
		switch {
		case pr.Title == string(award.ChienSiThiDuaCoSo) && overCS[pr.ProposerName] && pr.PersonID != nil:
			person, err := a.store.Person(ctx, *pr.PersonID)
			if err != nil {
				return err
			}
			c = award.Candidate{Female: person.Sex != nil && *person.Sex == "nu"}
		case pr.Title == string(award.TapTheLaoDongXuatSac) && overXS && pr.UnitID != nil:
			n, w, err := a.store.UnitWomen(ctx, *pr.UnitID)
			if err != nil {
				return err
			}
			c = award.Candidate{Collective: true, Members: n, MembersFemale: w}
		default:
			continue
		}
		if rs.Preferred(c) {
			if out.Preferred == nil {
				out.Preferred = map[int64]string{}
			}
			out.Preferred[pr.ID] = "Ưu tiên khi các đề nghị cùng đủ điều kiện, tiêu chuẩn: " + preferredWhy(rs, c) + " (" + rs.Cite.WomenFirst + ")"
		}
	}
	return nil
}

func preferredWhy(rs award.RuleSet, c award.Candidate) string {
	if c.Collective {
		return fmt.Sprintf("tập thể có %d/%d cá nhân nữ (từ %d%% trở lên)", c.MembersFemale, c.Members, rs.WomenCollectivePercent)
	}
	return "cá nhân nữ"
}

// CommentProposal records a comment on a proposal while it is published.
func (a *App) CommentProposal(ctx context.Context, p auth.Principal, id int64, body string) (proposal.Comment, error) {
	var out proposal.Comment
	body = strings.TrimSpace(body)
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		if err := auth.Authorize(p, auth.CommentProposal, auth.Target{}); err != nil {
			return err
		}
		pr, err := tx.Proposal(ctx, id)
		if err != nil {
			return err
		}
		// Who may not read the proposal may not learn its state either.
		if err := a.mayViewProposal(ctx, tx, p, pr); err != nil {
			return err
		}
		if err := proposal.CheckComment(pr.Status); err != nil {
			return err
		}
		// Collective facts and publication: only inside the year's window (facts.go).
		if err := a.checkCommentWindow(ctx, tx, pr.Year); err != nil {
			return err
		}
		if body == "" {
			return (errs.Fields{"body": "Vui lòng nhập nội dung góp ý."}).Err()
		}
		if len([]rune(body)) > 5000 {
			return (errs.Fields{"body": "Nội dung góp ý không quá 5000 ký tự."}).Err()
		}
		if out, err = tx.AddProposalComment(ctx, proposal.Comment{ProposalID: id, AuthorUserID: p.UserID, Body: body}); err != nil {
			return err
		}
		if err := a.notifyUnit(ctx, tx, p.UserID, pr.ProposerUnitID, store.NewNotification{
			Key: fmt.Sprintf("comment:%d", out.ID), Kind: NotifyCommented, Link: fmt.Sprintf("/proposals/%d", id),
			Title: fmt.Sprintf("Có góp ý mới về đề nghị khen thưởng %s (%s)", pr.SubjectName, award.Title(pr.Title).Label()),
			Body:  fmt.Sprintf("%s góp ý: %s", p.FullName, truncate(body, 1000)),
		}); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "comment", "proposal", id, "", nil, out)
	})
	return out, err
}

// RejectProposal records the refusal of a proposal by the level holding it.
func (a *App) RejectProposal(ctx context.Context, p auth.Principal, id int64, version int, reason string) (proposal.Proposal, error) {
	reason = strings.TrimSpace(reason)
	var out proposal.Proposal
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		before, level, err := a.heldBy(ctx, tx, p, auth.RejectProposal, id)
		if err != nil {
			return err
		}
		if err := proposal.CheckReject(before.Status, reason); err != nil {
			return err
		}
		pr := before
		pr.Version, pr.Status, pr.RejectReason = version, proposal.Rejected, reason
		if out, err = tx.UpdateProposal(ctx, pr); err != nil {
			return err
		}
		if err := tx.AddProposalStep(ctx, proposal.Step{ProposalID: id, Step: proposal.StepReject, FromUnitID: level, ByUserID: &p.UserID, Reason: reason}); err != nil {
			return err
		}
		if err := a.notifyUnit(ctx, tx, p.UserID, before.ProposerUnitID, decidedNotice(before, before.AddressedName+" không chấp thuận. Lý do: "+reason)); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "reject", "proposal", id, reason, before, out)
	})
	return out, err
}

// Decide records a decision of a level and approves under it the listed
// proposals that level holds, in one transaction: each enters the awards
// history as a merit award with the decision's number, date and signer.
// The level (UnitID; 0: the reader's own) decides only what is in its
// power under the rules in force on the decision's day (award.Powers);
// the number is the next of its series unless given in it; a level with a
// council signs by its chair (the head) or a vice-chair (KT.). A proposal
// the rules found not eligible is approved only with a written override
// reason (decision.CheckItem).
func (a *App) Decide(ctx context.Context, p auth.Principal, in DecisionInput) (DecisionView, error) {
	var out DecisionView
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		u, err := a.levelFor(ctx, tx, p, in.UnitID, auth.DecideAwards)
		if err != nil {
			return err
		}
		unit := u.ID
		tier := award.TierOfUnitType(string(u.Type))
		f := errs.Fields{}
		for k, v := range in.Unparsed {
			f.Add(k, v)
		}
		if !tier.InSector() {
			f.Add("unit_id", "Đơn vị này không phải cấp quyết định khen thưởng.")
		}
		validYear(f, in.Year)
		d := decision.Decision{Year: in.Year, Note: in.Note, UnitID: unit, Signer: in.Signer}
		if in.DecidedOn != nil {
			d.DecidedOn = org.Day(*in.DecidedOn)
		}
		if len(in.Items) == 0 {
			f.Add("items", "Vui lòng chọn ít nhất một đề nghị được khen thưởng.")
		}
		if _, bad := f["year"]; bad {
			return f.Err() // the year is looked up below
		}
		on := d.DecidedOn
		if on.IsZero() {
			on = a.Today()
		}
		issuer, err := issuerOn(ctx, tx, unit, on)
		if err != nil {
			return err
		}
		in.Number = strings.TrimSpace(in.Number)
		decision.CheckNumber(f, in.Number, issuer)
		if err := signDecision(ctx, tx, f, &d, in.SignerMemberID); err != nil {
			return err
		}
		decision.Check(f, &d, in.Unparsed["decided_on"] != "")
		// While the year's list is published for comment, the sector's council
		// waits for the comments: no decision of the sector before the window
		// has closed. The levels below decide their own titles meanwhile.
		if tier == award.TierSupreme {
			if w, ok, err := tx.Publication(ctx, in.Year); err != nil {
				return err
			} else if ok {
				if err := w.CheckDecide(a.Today()); err != nil {
					return err
				}
			}
		}
		powers := award.RulesFor(on).Powers
		var items []proposal.Proposal
		seen := map[int64]bool{}
		for _, it := range in.Items {
			if seen[it.ProposalID] {
				continue
			}
			seen[it.ProposalID] = true
			pr, err := tx.Proposal(ctx, it.ProposalID)
			if err != nil {
				return err
			}
			why := strings.TrimSpace(it.OverrideReason)
			decision.CheckItem(f, in.Year, pr, why)
			key := fmt.Sprintf("override_reason_%d", pr.ID)
			if pr.Status == proposal.Submitted {
				if e, ok := errs.As(proposal.CheckHeld(pr, unit)); ok {
					f.Add(key, e.Message)
				} else if e, ok := errs.As(proposal.CheckDecidable(powers, tier, pr)); ok {
					f.Add(key, e.Message)
				}
			}
			pr.Version, pr.OverrideReason = it.Version, why
			items = append(items, pr)
		}
		if err := f.Err(); err != nil {
			return err
		}
		if err := numberDecision(ctx, tx, &d, in.Number, issuer); err != nil {
			return err
		}
		if d, err = tx.CreateDecision(ctx, d); err != nil {
			return err
		}
		if err := tx.Audit(ctx, p.UserID, "create", "decision", d.ID, "", nil, d); err != nil {
			return err
		}
		out.Decision, out.Issuer, out.Signature = d, issuer, d.SignedAs().Lines()
		for _, it := range items {
			before, err := tx.Proposal(ctx, it.ID)
			if err != nil {
				return err
			}
			pr, aw := decision.Approve(it, d)
			after, err := tx.UpdateProposal(ctx, pr)
			if err != nil {
				return err
			}
			if aw, err = tx.AddAward(ctx, aw); err != nil {
				return err
			}
			if err := tx.AddProposalStep(ctx, proposal.Step{ProposalID: pr.ID, Step: proposal.StepApprove, FromUnitID: unit,
				ByUserID: &p.UserID, Reason: it.OverrideReason, DocumentNo: d.Number}); err != nil {
				return err
			}
			if err := tx.Audit(ctx, p.UserID, "approve", "proposal", pr.ID, it.OverrideReason, before, map[string]any{"proposal": after, "award": aw}); err != nil {
				return err
			}
			if err := a.notifyUnit(ctx, tx, p.UserID, before.ProposerUnitID, decidedNotice(before,
				fmt.Sprintf("%s khen thưởng: Quyết định số %s ngày %s.", u.Name, d.Number, d.DecidedOn.Format("02/01/2006")))); err != nil {
				return err
			}
			out.Proposals = append(out.Proposals, after)
		}
		return nil
	})
	return out, err
}

// Decision returns a decision with the proposals it approved: what a
// decision approved is public to everyone signed in.
func (a *App) Decision(ctx context.Context, p auth.Principal, id int64) (DecisionView, error) {
	if err := auth.Authorize(p, auth.ViewProposal, auth.Target{Published: true}); err != nil {
		return DecisionView{}, err
	}
	d, err := a.store.Decision(ctx, id)
	if err != nil {
		return DecisionView{}, err
	}
	v := DecisionView{Decision: d}
	if v.Issuer, err = issuerOn(ctx, &a.store.Q, d.UnitID, d.DecidedOn); err != nil {
		return v, err
	}
	v.Signature = d.SignedAs().Lines()
	v.CertKinds = a.certKindsFor(ctx, p, d.UnitID, v.Issuer.Level)
	v.Proposals, err = a.store.ListProposals(ctx, store.ProposalFilter{DecisionID: &id})
	return v, err
}

// decidedNotice tells the proposing unit the board's decision; a
// proposal is decided once, so its key is the proposal.
func decidedNotice(pr proposal.Proposal, outcome string) store.NewNotification {
	return store.NewNotification{Key: fmt.Sprintf("proposal:%d:decided", pr.ID), Kind: NotifyDecided,
		Link:  fmt.Sprintf("/proposals/%d", pr.ID),
		Title: fmt.Sprintf("Đề nghị khen thưởng %s (%s) đã có quyết định", pr.SubjectName, award.Title(pr.Title).Label()),
		Body:  outcome}
}
