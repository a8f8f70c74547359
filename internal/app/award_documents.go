package app

import (
	"context"
	"time"

	"thidua/internal/auth"
	"thidua/internal/document"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/proposal"
	"thidua/internal/store"
)

// Award documents: the list of proposals (danh sách đề nghị khen
// thưởng) of a unit, of a cluster's members or of the sector, a unit's
// tờ trình, and the list annexed to a decision. web writes the workbooks;
// app says what they hold.

// Scopes of an award list.
const (
	ScopeUnit    = "unit"
	ScopeCluster = "cluster"
	ScopeSector  = "sector"
)

// AwardDocsQuery is what an award document asks for. UnitID 0: the
// reader's own unit; Scope "": guessed from what is given.
type AwardDocsQuery struct {
	Year      int
	Status    string // proposal.Approved, else proposal.Submitted
	Scope     string
	UnitID    int64
	ClusterID int64
}

// AwardEntry is one line of an award list: a proposal, and for a person
// what the list prints from their record.
type AwardEntry struct {
	proposal.Proposal
	Person *AwardPerson
}

// AwardPerson is what an award list prints of a person.
type AwardPerson struct {
	FullName  string
	Position  string
	UnitName  string
	Sex       string // "Nam", "Nữ", or ""
	BirthDate *time.Time
}

// AwardDocs is what an award document holds.
type AwardDocs struct {
	Year    int
	Status  string
	Scope   string
	Unit    org.Unit     // ScopeUnit: the unit
	Parent  *org.Unit    // ScopeUnit: the unit's parent; nil for a province
	Cluster *ClusterView // ScopeCluster: the cluster
	Entries []AwardEntry
	Today   time.Time // the documents' date
	// Issuer heads the documents: the unit (ScopeUnit), else the sector's
	// council.
	Issuer document.Issuer
	// Grounds are the award texts in force on Today ("Căn cứ …").
	Grounds []string
}

// AwardDocs gathers a year's proposals of a unit, a cluster or the
// sector, in status q.Status, with their people's records. An officer
// has only their own unit's (auth.ExportAwards).
func (a *App) AwardDocs(ctx context.Context, p auth.Principal, q AwardDocsQuery) (AwardDocs, error) {
	if err := auth.Authorize(p, auth.ViewProposal, auth.Target{}); err != nil {
		return AwardDocs{}, err
	}
	d := AwardDocs{Year: q.Year, Status: q.Status, Scope: q.Scope, Today: a.Today()}
	d.Grounds = awardGroundsOn(d.Today)
	if d.Status != proposal.Approved {
		d.Status = proposal.Submitted
	}
	switch {
	case d.Scope == ScopeUnit || d.Scope == ScopeCluster || d.Scope == ScopeSector:
	case q.ClusterID != 0:
		d.Scope = ScopeCluster
	case q.UnitID != 0 || auth.UnitScope(p) != 0:
		d.Scope = ScopeUnit
	default:
		d.Scope = ScopeSector
	}
	f := store.ProposalFilter{Year: q.Year, Status: d.Status}
	var prs []proposal.Proposal
	switch d.Scope {
	case ScopeUnit:
		id := q.UnitID
		if id == 0 {
			id = p.UnitID
		}
		if id == 0 {
			return d, errs.New(errs.Invalid, "Vui lòng chọn đơn vị (unit_id).")
		}
		if err := a.authorizeUnit(ctx, p, auth.ExportAwards, id); err != nil {
			return d, err
		}
		var err error
		if d.Unit, err = a.store.Unit(ctx, id); err != nil {
			return d, err
		}
		if d.Unit.ParentID != nil {
			if parent, err := a.store.Unit(ctx, *d.Unit.ParentID); err == nil {
				d.Parent = &parent
			}
		}
		f.UnitID = &id
		if prs, err = a.store.ListProposals(ctx, f); err != nil {
			return d, err
		}
		if d.Issuer, err = issuerOf(ctx, &a.store.Q, id); err != nil {
			return d, err
		}
	case ScopeCluster:
		if err := auth.Authorize(p, auth.ExportAwards, auth.Target{}); err != nil {
			return d, err
		}
		if q.ClusterID <= 0 { // none given, or not a number
			return d, errs.New(errs.Invalid, "Vui lòng chọn cụm, khối thi đua (cluster_id).")
		}
		cv, err := a.Cluster(ctx, p, q.ClusterID)
		if err != nil {
			return d, err
		}
		if cv.Year != q.Year {
			return d, errs.New(errs.NotFound, "Cụm, khối thi đua không thuộc năm %d.", q.Year)
		}
		d.Cluster = &cv
		for _, m := range cv.Members {
			f.UnitID = &m
			l, err := a.store.ListProposals(ctx, f)
			if err != nil {
				return d, err
			}
			prs = append(prs, l...)
		}
	default:
		if err := auth.Authorize(p, auth.ExportAwards, auth.Target{}); err != nil {
			return d, err
		}
		var err error
		if prs, err = a.store.ListProposals(ctx, f); err != nil {
			return d, err
		}
	}
	if d.Scope != ScopeUnit {
		sup, err := supremeIssuer(ctx, &a.store.Q)
		if err != nil {
			return d, err
		}
		d.Issuer = councilIssuer(sup)
	}
	var err error
	d.Entries, err = a.awardEntries(ctx, prs)
	return d, err
}

// DecisionDocs is a decision with the entries of its annexed list and
// the body that issues it.
type DecisionDocs struct {
	DecisionView
	Entries []AwardEntry
	// Issuer is the deciding body: the level that took the decision.
	Issuer document.Issuer
	// Grounds are the decision's "Căn cứ" lines: the deciding level's
	// power and the award texts in force on its day.
	Grounds []string
	// Council is the council whose proposal the decision follows ("Xét đề
	// nghị của …"): the sector's, or the level's own.
	Council string
}

// DecisionDocs returns a decision with its list and its issuer.
func (a *App) DecisionDocs(ctx context.Context, p auth.Principal, id int64) (DecisionDocs, error) {
	v, err := a.Decision(ctx, p, id)
	if err != nil {
		return DecisionDocs{DecisionView: v}, err
	}
	d := DecisionDocs{DecisionView: v, Grounds: groundsOf(v.Issuer, v.DecidedOn), Council: proposingCouncil(v.Issuer)}
	if d.Entries, err = a.awardEntries(ctx, v.Proposals); err != nil {
		return d, err
	}
	// The deciding level's heading, place and "Căn cứ" lines (DecisionView).
	d.Issuer = v.Issuer
	return d, nil
}

// awardEntries are the lines of a list of prs, their people read at once.
func (a *App) awardEntries(ctx context.Context, prs []proposal.Proposal) ([]AwardEntry, error) {
	var ids []int64
	for _, pr := range prs {
		if pr.PersonID != nil {
			ids = append(ids, *pr.PersonID)
		}
	}
	people, err := a.store.ProposedPeople(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]AwardEntry, 0, len(prs))
	for _, pr := range prs {
		e := AwardEntry{Proposal: pr}
		if pr.PersonID != nil {
			person, ok := people[*pr.PersonID]
			if !ok {
				return nil, errs.New(errs.NotFound, "Không tìm thấy cán bộ.")
			}
			e.Person = &AwardPerson{FullName: person.FullName, Position: person.Position, UnitName: person.UnitName,
				Sex: person.SexLabel(), BirthDate: person.BirthDate}
		}
		out = append(out, e)
	}
	return out, nil
}
