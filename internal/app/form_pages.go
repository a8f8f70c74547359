package app

import (
	"context"

	"thidua/internal/auth"
	"thidua/internal/org"
)

// PersonFormPage is the form that adds a person (IsNew) or edits one:
// the person and the units to choose from.
type PersonFormPage struct {
	Person Person
	Units  []org.Unit
	IsNew  bool
}

// PersonFormPage returns the form for person id, or for a new person (0).
func (a *App) PersonFormPage(ctx context.Context, p auth.Principal, id int64) (PersonFormPage, error) {
	d := PersonFormPage{IsNew: id == 0}
	if id != 0 {
		r, err := a.Person(ctx, p, id)
		if err != nil {
			return d, err
		}
		d.Person = Person(r.Person)
	}
	var err error
	d.Units, _, err = a.Units(ctx, p, org.UnitFilter{})
	return d, err
}

// UnitFormPage is the form that adds a unit (IsNew) or edits one: the
// unit and the units that may be its parent.
type UnitFormPage struct {
	Unit    org.Unit
	Parents []org.Unit
	IsNew   bool
}

// UnitFormPage returns the form for unit id, or for a new unit (0).
func (a *App) UnitFormPage(ctx context.Context, p auth.Principal, id int64) (UnitFormPage, error) {
	d := UnitFormPage{IsNew: id == 0}
	if id != 0 {
		u, err := a.Unit(ctx, p, id)
		if err != nil {
			return d, err
		}
		d.Unit = u.Unit
	}
	all, _, err := a.Units(ctx, p, org.UnitFilter{Status: "all"})
	for _, u := range all {
		if u.ID != id {
			d.Parents = append(d.Parents, u)
		}
	}
	return d, err
}
