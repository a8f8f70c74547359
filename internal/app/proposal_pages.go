package app

import (
	"context"
	"time"

	"thidua/internal/auth"
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
	l, err := a.Proposals(ctx, p, f)
	if err != nil {
		return ProposalsPage{}, err
	}
	pg := ProposalsPage{ProposalList: l, Year: q.Year, CanDecide: auth.Can(p, auth.DecideAwards, auth.Target{})}
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
	pg.Units, _, err = a.Units(ctx, p, UnitFilter{})
	return pg, err
}

// ProposalPage is one proposal with what the reader may do on it and the
// year's comment window.
type ProposalPage struct {
	ProposalView
	CanEdit     bool            `json:"-"` // the proposing unit's officer, on a draft
	CanComment  bool            `json:"-"` // anyone but a viewer, while it is published
	CanDecide   bool            `json:"-"` // the board, while it awaits the board
	Publication PublicationView `json:"-"`
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
		CanComment: v.Status == proposal.Submitted && auth.Can(p, auth.CommentProposal, auth.Target{}),
		CanDecide:  v.Status == proposal.Submitted && auth.Can(p, auth.DecideAwards, auth.Target{})}
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
	form.People, _, err = a.People(ctx, p, PersonFilter{UnitID: &unitID})
	return form, err
}
