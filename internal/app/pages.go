package app

import (
	"context"
	"strings"

	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/org"
)

// Page models of the pages whose handler used to gather its parts itself.

// PersonPage is a person's page: the record, the titles judged on it,
// the person's unit and what the reader may do there.
type PersonPage struct {
	PersonRecord
	Verdicts Verdicts `json:"verdicts"`
	Unit     org.Unit `json:"-"`
	CanEdit  bool     `json:"-"` // the record: the board, or the unit's officers
	CanAward bool     `json:"-"` // awards: the board
}

// PersonPage returns a person's page, if p may see the person's unit.
func (a *App) PersonPage(ctx context.Context, p auth.Principal, id int64) (PersonPage, error) {
	r, err := a.Person(ctx, p, id)
	if err != nil {
		return PersonPage{}, err
	}
	v := PersonPage{PersonRecord: r, Verdicts: a.PersonVerdicts(r)}
	if v.Unit, err = a.Store.Unit(ctx, r.Person.UnitID); err != nil {
		return v, err
	}
	path, err := a.Store.UnitPath(ctx, r.Person.UnitID)
	if err != nil {
		return v, err
	}
	t := auth.Unit(path)
	v.CanEdit = auth.Can(p, auth.ManageUnits, t) || auth.Can(p, auth.FileSelf, t)
	v.CanAward = auth.Can(p, auth.ManageUnits, t)
	return v, nil
}

// RegistrationPage is a unit's registration of a year with what its page
// shows around it.
type RegistrationPage struct {
	Registration cluster.Registration
	Unit         org.Unit
	Year         cluster.Year
	CanEdit      bool
	Deadline     UnitDeadline // the unit's: the year's, or its extension's
	Closed       bool         // the registration deadline has passed
}

// RegistrationPage returns a unit's registration page, if p may see it.
func (a *App) RegistrationPage(ctx context.Context, p auth.Principal, year int, unitID int64) (RegistrationPage, error) {
	var v RegistrationPage
	var err error
	if v.Year, err = a.Year(ctx, p, year); err != nil {
		return v, err
	}
	if v.Registration, err = a.Registration(ctx, p, year, unitID); err != nil {
		return v, err
	}
	if v.Unit, err = a.Store.Unit(ctx, unitID); err != nil {
		return v, err
	}
	path, err := a.Store.UnitPath(ctx, unitID)
	if err != nil {
		return v, err
	}
	v.CanEdit = auth.Can(p, auth.Register, auth.Target{UnitPath: path, Year: year})
	if v.Deadline, err = a.UnitDeadline(ctx, p, year, unitID, cluster.DeadlineRegistration); err != nil {
		return v, err
	}
	v.Closed = v.Deadline.Passed(a.Today())
	return v, nil
}

// FilingWorkbook is a unit's filing with the name of the body its
// workbook is issued under: the Supreme Procuracy for a province, the
// province for its departments and regional procuracies.
type FilingWorkbook struct {
	FilingView
	IssuerParent string
}

// FilingWorkbook returns what a unit's filing workbook shows, if p may
// see the filing.
func (a *App) FilingWorkbook(ctx context.Context, p auth.Principal, year int, unitID int64) (FilingWorkbook, error) {
	v, err := a.Filing(ctx, p, year, unitID)
	if err != nil {
		return FilingWorkbook{}, err
	}
	out := FilingWorkbook{FilingView: v, IssuerParent: "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO"}
	if v.Unit.ParentID != nil {
		if parent, err := a.Store.Unit(ctx, *v.Unit.ParentID); err == nil {
			out.IssuerParent = strings.ToUpper(parent.Name)
		}
	}
	return out, nil
}
