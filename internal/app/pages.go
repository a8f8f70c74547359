package app

import (
	"context"
	"time"

	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/document"
	"thidua/internal/org"
	"thidua/internal/scoring"
	"thidua/internal/store"
)

// Page models of the pages whose handler used to gather its parts itself.

// PersonPage is a person's page: the record, the titles judged on it,
// the person's unit and what the reader may do there.
type PersonPage struct {
	PersonRecord
	Verdicts Verdicts `json:"verdicts"`
	CanEdit  bool     `json:"-"` // the record: the board, or the unit's officers
	CanAward bool     `json:"-"` // awards: the board
}

// PersonPage returns a person's page, if p may see the person's unit.
func (a *App) PersonPage(ctx context.Context, p auth.Principal, id int64) (PersonPage, error) {
	return a.personPage(ctx, &a.store.Q, p, id)
}

// personPage is PersonPage read through q: the pool, or the transaction
// of a change to the record, which answers with the page it leaves.
func (a *App) personPage(ctx context.Context, q *store.Q, p auth.Principal, id int64) (PersonPage, error) {
	r, err := a.personRecord(ctx, q, p, id)
	if err != nil {
		return PersonPage{}, err
	}
	v := PersonPage{PersonRecord: r, Verdicts: a.PersonVerdicts(r)}
	t := auth.Unit(r.UnitPath)
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
	if v.Unit, err = a.store.Unit(ctx, unitID); err != nil {
		return v, err
	}
	path, err := a.store.UnitPath(ctx, unitID)
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

// FilingWorkbook is a unit's filing with the unit as the issuer of its
// workbook (heading and place).
type FilingWorkbook struct {
	FilingView
	Issuer document.Issuer
}

// FilingWorkbook returns what a unit's filing workbook shows, if p may
// see the filing.
func (a *App) FilingWorkbook(ctx context.Context, p auth.Principal, year int, unitID int64) (FilingWorkbook, error) {
	v, err := a.Filing(ctx, p, year, unitID)
	if err != nil {
		return FilingWorkbook{}, err
	}
	issuer, err := issuerOf(ctx, &a.store.Q, v.Unit.ID)
	return FilingWorkbook{FilingView: v, Issuer: issuer}, err
}

// ExclusionPage is a year's record of units not eligible for its review.
type ExclusionPage struct {
	Year     cluster.Year
	Excluded map[int64]string // unit → reason
	Rows     []ExclusionRow   // the recorded units, by name
	Units    []org.Unit       // units that may be recorded: provincial and lower, existing during the year
	CanEdit  bool
}

// ExclusionRow is one unit recorded as not eligible.
type ExclusionRow struct {
	Unit   org.Unit
	Reason string
}

// ExclusionPage returns a year's exclusions. Who was excluded is public
// within the sector, whoever is reading, so every unit of the year is
// named whatever units p may otherwise see.
func (a *App) ExclusionPage(ctx context.Context, p auth.Principal, year int) (ExclusionPage, error) {
	var v ExclusionPage
	var err error
	if v.Year, err = a.Year(ctx, p, year); err != nil {
		return v, err
	}
	if v.Excluded, err = a.Exclusions(ctx, p, year); err != nil {
		return v, err
	}
	v.CanEdit = auth.Can(p, auth.ManageYears, auth.Target{Year: year})
	all, _, err := a.store.ListUnits(ctx, org.UnitFilter{Status: "all", On: a.Now()})
	if err != nil {
		return v, err
	}
	first, last := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, u := range all {
		if u.Type != org.TypeSupreme && !u.ValidFrom.After(last) && (u.ValidTo == nil || !u.ValidTo.Before(first)) {
			v.Units = append(v.Units, u)
			if r, ok := v.Excluded[u.ID]; ok {
				v.Rows = append(v.Rows, ExclusionRow{Unit: u, Reason: r})
			}
		}
	}
	return v, nil
}

// ClusterFollowers lists the board members, for whoever manages the
// year's clusters (a province's blocs: owner is the province, else 0):
// the active ones are the choices of the cluster form's follower, and the
// cluster's page names its follower among them.
func (a *App) ClusterFollowers(ctx context.Context, p auth.Principal, year int, owner int64) ([]Account, error) {
	t := auth.Target{Year: year}
	if owner != 0 {
		t.Cluster = &auth.ClusterFacts{OwnerUnitID: owner}
	}
	if err := auth.Authorize(p, auth.ManageClusters, t); err != nil {
		return nil, err
	}
	us, err := a.store.ListUsers(ctx)
	var out []Account
	for _, u := range us {
		if auth.MayFollowClusters(auth.Role(u.Role)) {
			out = append(out, accountOf(u))
		}
	}
	return out, err
}

// TablesPage is a year's criteria tables, with last year's to copy from.
type TablesPage struct {
	Year      int                 `json:"year"`
	Tables    []scoring.TableInfo `json:"tables"`
	Previous  []scoring.TableInfo `json:"-"` // last year's, to copy
	CanManage bool                `json:"-"`
}

// TablesPage returns a year's criteria tables page.
func (a *App) TablesPage(ctx context.Context, p auth.Principal, year int) (TablesPage, error) {
	v := TablesPage{Year: year, CanManage: auth.Can(p, auth.ManageTables, auth.Target{Year: year})}
	var err error
	if v.Tables, err = a.Tables(ctx, p, year); err != nil {
		return v, err
	}
	v.Previous, err = a.Tables(ctx, p, year-1)
	return v, err
}

// AccountsPage is the administrator's list of accounts, with the units an
// account may belong to.
type AccountsPage struct {
	Users []Account  `json:"users"`
	Units []org.Unit `json:"-"`
}

// AccountsPage returns the accounts page.
func (a *App) AccountsPage(ctx context.Context, p auth.Principal) (AccountsPage, error) {
	var v AccountsPage
	var err error
	if v.Users, err = a.Users(ctx, p); err != nil {
		return v, err
	}
	v.Units, _, err = a.Units(ctx, p, org.UnitFilter{})
	return v, err
}

// PeoplePage is a page of people found, with the units to narrow the
// search to.
type PeoplePage struct {
	People []Person   `json:"people"`
	Total  int64      `json:"total"`
	Units  []org.Unit `json:"-"`
	// CanAdd: the reader may add a person (to the unit searched, if one
	// is); CanImport: may import the unit searched's people from a workbook.
	CanAdd    bool `json:"-"`
	CanImport bool `json:"-"`
}

// PeoplePage returns the people matching f, and the units p may see.
func (a *App) PeoplePage(ctx context.Context, p auth.Principal, f org.PersonFilter) (PeoplePage, error) {
	var v PeoplePage
	var err error
	if v.People, v.Total, err = a.People(ctx, p, f); err != nil {
		return v, err
	}
	if v.Units, _, err = a.Units(ctx, p, org.UnitFilter{}); err != nil {
		return v, err
	}
	if f.UnitID == nil {
		v.CanAdd = auth.MayCreateUnplacedPerson(p) == nil
		return v, nil
	}
	v.CanImport = a.authorizePeopleWrite(ctx, &a.store.Q, p, *f.UnitID) == nil
	v.CanAdd = v.CanImport
	return v, nil
}

// ProgressPage returns the filing states of a year that is open, cluster
// by cluster.
func (a *App) ProgressPage(ctx context.Context, p auth.Principal, year int) ([]Progress, error) {
	if _, err := a.Year(ctx, p, year); err != nil {
		return nil, err
	}
	rows, err := a.ProgressBoard(ctx, p, year)
	if rows == nil {
		rows = []Progress{}
	}
	return rows, err
}

// UnitHistoryPage is a unit's history of changes.
type UnitHistoryPage struct {
	Unit    org.Unit
	Entries []store.AuditEntry
}

// UnitHistoryPage returns who changed a unit, when and why.
func (a *App) UnitHistoryPage(ctx context.Context, p auth.Principal, id int64) (UnitHistoryPage, error) {
	d, err := a.Unit(ctx, p, id)
	if err != nil {
		return UnitHistoryPage{}, err
	}
	h, err := a.UnitHistory(ctx, p, id)
	return UnitHistoryPage{Unit: d.Unit, Entries: h}, err
}

// YearListPage is the list of emulation years, newest first, and the year
// a new one would be.
type YearListPage struct {
	Years   []cluster.Year `json:"years"`
	Next    int            `json:"-"`
	CanOpen bool           `json:"-"` // the reader may open the Next year
}

// YearListPage returns the years p may see.
func (a *App) YearListPage(ctx context.Context, p auth.Principal) (YearListPage, error) {
	ys, err := a.Years(ctx, p)
	if err != nil {
		return YearListPage{}, err
	}
	d := YearListPage{Years: ys, Next: a.Today().Year()}
	if len(ys) > 0 && ys[0].Year >= d.Next {
		d.Next = ys[0].Year + 1
	}
	if d.Years == nil {
		d.Years = []cluster.Year{}
	}
	d.CanOpen = auth.Can(p, auth.ManageYears, auth.Target{Year: d.Next})
	return d, nil
}
