package app

import (
	"context"
	"fmt"
	"strconv"
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

// Proposals travel upward (proposal/levels.go): sent to the nearest level
// deciding through a council, which returns, rejects, decides what is in
// its power, or forwards the rest to the next level with its tờ trình.
// Every step is audited and kept for the proposer to follow.

// route is the way up of pr: the levels it may reach, nearest first.
func (a *App) route(ctx context.Context, tx *store.Q, pr proposal.Proposal) ([]proposal.Level, error) {
	path, err := a.unitPathOf(ctx, tx, pr.ProposerUnitID)
	if err != nil {
		return nil, err
	}
	units, err := tx.UnitsByID(ctx, path)
	if err != nil {
		return nil, err
	}
	councils, err := tx.CouncilUnits(ctx, path, pr.Year)
	if err != nil {
		return nil, err
	}
	levels := make([]proposal.Level, 0, len(path))
	for _, id := range path {
		u := units[id]
		levels = append(levels, proposal.Level{UnitID: id, Name: u.Name, Tier: award.TierOfUnitType(string(u.Type)), Council: councils[id]})
	}
	self := pr.UnitID != nil && *pr.UnitID == pr.ProposerUnitID
	return proposal.Route(levels, self), nil
}

// considered is the day whose rules judge pr and say who decides it: the
// day of consideration set on it, else today.
func (a *App) considered(pr proposal.Proposal) time.Time {
	if pr.ConsideredOn != nil {
		return *pr.ConsideredOn
	}
	return a.Today()
}

// sendUp addresses a proposal being submitted to the first level of its
// route, with the step that says so.
func (a *App) sendUp(ctx context.Context, tx *store.Q, p auth.Principal, pr *proposal.Proposal) (proposal.Step, error) {
	r, err := a.route(ctx, tx, *pr)
	if err != nil {
		return proposal.Step{}, err
	}
	if len(r) == 0 {
		return proposal.Step{}, errs.New(errs.Invalid, "Không tìm thấy cấp xét đề nghị của đơn vị (chưa có Viện kiểm sát nhân dân tối cao trong danh mục).")
	}
	to := r[0]
	pr.AddressedUnitID = &to.UnitID
	return proposal.Step{ProposalID: pr.ID, Step: proposal.StepSubmit, FromUnitID: pr.ProposerUnitID, ToUnitID: &to.UnitID,
		ToTier: to.Tier, ByUserID: &p.UserID}, nil
}

// actingLevel is the procuracy whose board p acts for on pr: a council's
// own, the sector's board's Supreme Procuracy; an administrator acts for
// the level holding it.
func (a *App) actingLevel(ctx context.Context, tx *store.Q, p auth.Principal, pr proposal.Proposal) (int64, error) {
	if l := auth.LevelOf(p); l != 0 {
		return l, nil
	}
	if auth.ActsAtAnyLevel(p) && pr.AddressedUnitID != nil {
		return *pr.AddressedUnitID, nil
	}
	return tx.SupremeID(ctx)
}

// heldBy loads proposal id for an action of a level (action: return,
// forward, reject) and checks p acts for the level holding it.
func (a *App) heldBy(ctx context.Context, tx *store.Q, p auth.Principal, act auth.Action, id int64) (proposal.Proposal, int64, error) {
	pr, err := tx.Proposal(ctx, id)
	if err != nil {
		return pr, 0, err
	}
	path, err := a.unitPathOf(ctx, tx, pr.ProposerUnitID)
	if err != nil {
		return pr, 0, err
	}
	if err := auth.Authorize(p, act, auth.Unit(path)); err != nil {
		return pr, 0, err
	}
	level, err := a.actingLevel(ctx, tx, p, pr)
	if err != nil {
		return pr, 0, err
	}
	return pr, level, proposal.CheckHeld(pr, level)
}

// ReturnProposal sends a proposal held by the reader's level back to the
// proposing unit with a reason: it is a draft again, for the unit to
// complete and send anew.
func (a *App) ReturnProposal(ctx context.Context, p auth.Principal, id int64, version int, reason string) (proposal.Proposal, error) {
	reason = strings.TrimSpace(reason)
	var out proposal.Proposal
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		before, level, err := a.heldBy(ctx, tx, p, auth.ReturnProposal, id)
		if err != nil {
			return err
		}
		if err := proposal.CheckReturn(reason); err != nil {
			return err
		}
		pr := before
		pr.Version, pr.Status, pr.AddressedUnitID = version, proposal.Draft, nil
		if out, err = tx.UpdateProposal(ctx, pr); err != nil {
			return err
		}
		if err := tx.AddProposalStep(ctx, proposal.Step{ProposalID: id, Step: proposal.StepReturn, FromUnitID: level,
			ToUnitID: &before.ProposerUnitID, ByUserID: &p.UserID, Reason: reason}); err != nil {
			return err
		}
		if err := a.notifyUnit(ctx, tx, p.UserID, before.ProposerUnitID, store.NewNotification{
			Key: fmt.Sprintf("proposal:%d:returned:%d", id, out.Version), Kind: NotifyReturned, Link: fmt.Sprintf("/proposals/%d", id),
			Title: fmt.Sprintf("Đề nghị khen thưởng %s (%s) bị trả lại", before.SubjectName, award.Title(before.Title).Label()),
			Body:  fmt.Sprintf("%s trả lại đề nghị. Lý do: %s", before.AddressedName, reason)}); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "return", "proposal", id, reason, before, out)
	})
	return out, err
}

// ForwardInput is a level's forwarding of a proposal above its power: the
// number of its own tờ trình, and what it says.
type ForwardInput struct {
	Version    int    `json:"version"`
	DocumentNo string `json:"document_no"`
	Note       string `json:"note"`
}

// ForwardProposal forwards a proposal the reader's level holds but may not
// decide to the next level of its route, with the level's tờ trình; from
// the Supreme Procuracy, a title decided above the sector (Thủ tướng,
// Chính phủ, Chủ tịch nước) leaves the system as forwarded.
func (a *App) ForwardProposal(ctx context.Context, p auth.Principal, id int64, in ForwardInput) (proposal.Proposal, error) {
	in.DocumentNo, in.Note = strings.TrimSpace(in.DocumentNo), strings.TrimSpace(in.Note)
	var out proposal.Proposal
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		before, level, err := a.heldBy(ctx, tx, p, auth.ForwardProposal, id)
		if err != nil {
			return err
		}
		u, err := tx.Unit(ctx, level)
		if err != nil {
			return err
		}
		rs := award.RulesFor(a.considered(before))
		if err := proposal.CheckForward(rs.Powers, award.TierOfUnitType(string(u.Type)), before, in.DocumentNo); err != nil {
			return err
		}
		if len([]rune(in.DocumentNo)) > 100 || len([]rune(in.Note)) > 2000 {
			return (errs.Fields{"document_no": "Số tờ trình không quá 100 ký tự, nội dung không quá 2000 ký tự."}).Err()
		}
		r, err := a.route(ctx, tx, before)
		if err != nil {
			return err
		}
		pr := before
		pr.Version = in.Version
		st := proposal.Step{ProposalID: id, Step: proposal.StepForward, FromUnitID: level, ByUserID: &p.UserID,
			Reason: in.Note, DocumentNo: in.DocumentNo}
		if next, ok := proposal.Next(r, level); ok {
			pr.AddressedUnitID, st.ToUnitID, st.ToTier = &next.UnitID, &next.UnitID, next.Tier
		} else {
			// Above the sector: the Supreme Procuracy submits it to the Prime
			// Minister, the Government or the President.
			power, _ := rs.Powers.Of(award.Title(before.Title))
			pr.Status, st.ToTier = proposal.Forwarded, power.Decides
		}
		if out, err = tx.UpdateProposal(ctx, pr); err != nil {
			return err
		}
		if err := tx.AddProposalStep(ctx, st); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "forward", "proposal", id, in.DocumentNo, before, out)
	})
	return out, err
}

// levelFor is the level p acts at for act (the one named, else their
// own), once authorised there.
func (a *App) levelFor(ctx context.Context, tx *store.Q, p auth.Principal, named int64, act auth.Action) (org.Unit, error) {
	unit, err := a.decidingLevel(ctx, tx, p, named)
	if err != nil {
		return org.Unit{}, err
	}
	path, err := a.unitPathOf(ctx, tx, unit)
	if err != nil {
		return org.Unit{}, err
	}
	if err := auth.Authorize(p, act, auth.Unit(path)); err != nil {
		return org.Unit{}, err
	}
	return tx.Unit(ctx, unit)
}

// decidingLevel is the level a decision is made at: the one named, else
// the reader's own (a council's province, the sector board's Supreme
// Procuracy).
func (a *App) decidingLevel(ctx context.Context, tx *store.Q, p auth.Principal, named int64) (int64, error) {
	if named != 0 {
		return named, nil
	}
	if l := auth.LevelOf(p); l != 0 {
		return l, nil
	}
	if p.Anonymous() {
		return 0, auth.Authorize(p, auth.DecideAwards, auth.Target{})
	}
	return tx.SupremeID(ctx)
}

// signDecision fills in who signs d from the level's council for the year:
// the member chosen, who must be its chair or a vice-chair. A level with
// no council recorded keeps the name typed (a decision entered after the
// fact, as the awards history does).
func signDecision(ctx context.Context, tx *store.Q, f errs.Fields, d *decision.Decision, memberID *int64) error {
	c, ok, err := tx.CouncilOf(ctx, d.UnitID, d.Year)
	if err != nil || !ok {
		return err
	}
	if memberID == nil {
		f.Add("signer_member_id", "Vui lòng chọn người ký: Viện trưởng (Chủ tịch Hội đồng) hoặc Phó Viện trưởng ký thay.")
		return nil
	}
	for _, m := range c.Members {
		if m.ID != *memberID {
			continue
		}
		s, err := m.Signer()
		if e, ok := errs.As(err); ok {
			for k, v := range e.Fields {
				f.Add(k, v)
			}
			return nil
		}
		d.Signer, d.SignerTitle, d.SignMode = s.Name, s.Title, string(s.Mode)
		return nil
	}
	f.Add("signer_member_id", fmt.Sprintf("Người ký phải là thành viên %s.", c.Name))
	return nil
}

// numberDecision gives d its number: the next of the level's series, or
// the number given (already checked to be of the series), whose leading
// figure takes its place in the series.
func numberDecision(ctx context.Context, tx *store.Q, d *decision.Decision, given string, issuer document.Issuer) error {
	if given != "" {
		d.Number = given
		if n, err := strconv.Atoi(given[:strings.Index(given, "/")]); err == nil && n > 0 {
			d.Serial = &n
		}
		return nil
	}
	n, err := tx.NextDecisionSerial(ctx, d.UnitID, d.Year)
	if err != nil {
		return err
	}
	d.Number, d.Serial = issuer.Number(n, "QĐ"), &n
	return nil
}
