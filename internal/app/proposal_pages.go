package app

import (
	"context"
	"time"

	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/decision"
	"thidua/internal/dossier"
	"thidua/internal/org"
	"thidua/internal/proposal"
	"thidua/internal/store"
)

// The pages of proposals: each one app call, with what the reader may do
// judged on the page's own proposal or unit.

// ProposalQuery narrows a year's list (Year 0: this year): to the
// proposals of a unit (0: every unit the reader sees), in a status ("": any).
type ProposalQuery struct {
	Year   int
	UnitID int64
	Status string
	// Held: only those the reader's level holds now, or decided (a board's desk).
	Held bool
}

// ProposalsPage is a year's list with its quota checks, the units to
// filter by, and what the reader may do.
type ProposalsPage struct {
	ProposalList
	Year  int        `json:"year"`
	Units []org.Unit `json:"-"`
	// CanDecide: the reader decides on the submitted proposals.
	CanDecide bool `json:"-"`
	// CanPropose: the reader proposes for their own unit.
	CanPropose bool `json:"-"`
	// Pending counts the submitted proposals awaiting the board.
	Pending int `json:"-"`
	// Level is the reader's deciding level and who signs there (a board).
	Level *DeskLevel `json:"level,omitempty"`
}

// DeskLevel is the level a board member acts for: its procuracy, and the
// council members who sign its decisions this year (none recorded: the
// signer is typed).
type DeskLevel struct {
	UnitID  int64             `json:"unit_id"`
	Name    string            `json:"name"`
	Symbol  string            `json:"symbol"`
	Signers []decision.Member `json:"signers"`
}

// deskLevel is the level p decides at in year, or nil for a reader who
// decides nowhere.
func (a *App) deskLevel(ctx context.Context, p auth.Principal, year int) (*DeskLevel, error) {
	if !auth.SitsOnBoard(p) {
		return nil, nil
	}
	q := &a.store.Q
	unit, err := a.decidingLevel(ctx, q, p, 0)
	if err != nil {
		return nil, err
	}
	if a.authorizeUnit(ctx, p, auth.DecideAwards, unit) != nil {
		return nil, nil
	}
	is, err := issuerOf(ctx, q, unit)
	if err != nil {
		return nil, err
	}
	l := &DeskLevel{UnitID: unit, Name: is.Name, Symbol: is.Symbol}
	c, ok, err := q.CouncilOf(ctx, unit, year)
	if err != nil || !ok {
		return l, err
	}
	for _, m := range c.Members {
		if m.Seat == decision.SeatChair || m.Seat == decision.SeatViceChair {
			l.Signers = append(l.Signers, m)
		}
	}
	return l, nil
}

// ProposalsPage lists a year's proposals (Proposals) for the list page.
func (a *App) ProposalsPage(ctx context.Context, p auth.Principal, q ProposalQuery) (ProposalsPage, error) {
	if q.Year == 0 {
		q.Year = a.Today().Year()
	}
	f := store.ProposalFilter{Year: q.Year, Status: q.Status}
	if q.UnitID != 0 {
		f.UnitID = &q.UnitID
	}
	if q.Held {
		unit, err := a.decidingLevel(ctx, &a.store.Q, p, 0)
		if err != nil {
			return ProposalsPage{}, err
		}
		f.AddressedTo = &unit
	}
	l, err := a.Proposals(ctx, p, f)
	if err != nil {
		return ProposalsPage{}, err
	}
	pg := ProposalsPage{ProposalList: l, Year: q.Year}
	if pg.Level, err = a.deskLevel(ctx, p, q.Year); err != nil {
		return pg, err
	}
	pg.CanDecide = pg.Level != nil
	for _, pr := range l.Proposals {
		if pr.Status == proposal.Submitted {
			pg.Pending++
		}
	}
	if u := auth.UnitScope(p); u != 0 {
		path, err := a.unitPathOf(ctx, &a.store.Q, u)
		if err != nil {
			return pg, err
		}
		pg.CanPropose = auth.Can(p, auth.ProposeAward, auth.Unit(path))
	}
	pg.Units, _, err = a.Units(ctx, p, org.UnitFilter{})
	return pg, err
}

// ProposalPage is one proposal with what the reader may do on it and the
// year's comment window.
type ProposalPage struct {
	ProposalView
	CanEdit     bool            `json:"-"` // the proposing unit's officer, on a draft
	CanComment  bool            `json:"-"` // anyone but a viewer, while it is published
	CanDecide   bool            `json:"-"` // the board of the level holding it, when the title is in its power
	CanForward  bool            `json:"-"` // … when it is not: forward with the level's tờ trình
	CanReturn   bool            `json:"-"` // the board of the level holding it: return or refuse
	Level       *DeskLevel      `json:"-"`
	Publication PublicationView `json:"-"`
	// Decides is who decides the title under the rules of its day of
	// consideration, with the provision.
	Decides award.Power `json:"decides"`
	// Dossier: its files, and the parts still missing before it is sent up.
	Dossier DossierView `json:"-"`
}

// ProposalPage returns one proposal (Proposal) for its page.
func (a *App) ProposalPage(ctx context.Context, p auth.Principal, id int64) (ProposalPage, error) {
	v, err := a.Proposal(ctx, p, id)
	if err != nil {
		return ProposalPage{}, err
	}
	pg := ProposalPage{ProposalView: v,
		CanComment: v.Status == proposal.Submitted && auth.Can(p, auth.CommentProposal, auth.Target{})}
	rs := award.RulesFor(a.considered(v.Proposal))
	pg.Decides, _ = rs.Powers.Of(award.Title(v.Title))
	if pg.Level, err = a.deskLevel(ctx, p, v.Year); err != nil {
		return pg, err
	}
	if l := pg.Level; l != nil && v.Status == proposal.Submitted && (v.AddressedUnitID != nil && *v.AddressedUnitID == l.UnitID) {
		u, err := a.store.Unit(ctx, l.UnitID)
		if err != nil {
			return pg, err
		}
		_, decides := rs.Powers.Decides(award.TierOfUnitType(string(u.Type)), award.Title(v.Title))
		pg.CanDecide, pg.CanForward, pg.CanReturn = decides, !decides, true
	}
	if v.Status == proposal.Draft {
		path, err := a.unitPathOf(ctx, &a.store.Q, v.ProposerUnitID)
		if err != nil {
			return pg, err
		}
		pg.CanEdit = auth.Can(p, auth.ProposeAward, auth.Unit(path))
	}
	if pg.Dossier, err = a.dossierOf(ctx, &a.store.Q, p, AttachmentTarget{Owner: dossier.OfProposal, OwnerID: id}); err != nil {
		return pg, err
	}
	pg.Publication, err = a.Publication(ctx, p, v.Year)
	return pg, err
}

// ProposalForm is the form of a unit's proposal: the unit, its people to
// choose from and, for a proposal being changed, the proposal.
type ProposalForm struct {
	ID       int64
	Unit     org.Unit
	People   []Person
	Proposal *proposal.Proposal // nil for a new one
	Today    time.Time
}

// ProposalForm returns the form of proposal id, or (id 0) of a new
// proposal of unitID (0: the reader's own unit): for the unit's officers.
func (a *App) ProposalForm(ctx context.Context, p auth.Principal, id, unitID int64) (ProposalForm, error) {
	form := ProposalForm{ID: id, Today: a.Today()}
	if id != 0 {
		v, err := a.Proposal(ctx, p, id)
		if err != nil {
			return form, err
		}
		form.Proposal, unitID = &v.Proposal, v.ProposerUnitID
	} else if unitID == 0 {
		unitID = p.UnitID
	}
	if unitID <= 0 {
		return form, auth.Authorize(p, auth.ProposeAward, auth.Target{})
	}
	if err := a.authorizeUnit(ctx, p, auth.ProposeAward, unitID); err != nil {
		return form, err
	}
	var err error
	if form.Unit, err = a.store.Unit(ctx, unitID); err != nil {
		return form, err
	}
	form.People, _, err = a.People(ctx, p, org.PersonFilter{UnitID: &unitID})
	return form, err
}
