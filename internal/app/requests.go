package app

import (
	"context"
	"time"

	"thidua/internal/auth"
	"thidua/internal/store"
)

// The request and response types of the app's methods that the web layer
// names, where no domain type serves (filters and table headers live in
// org, cluster and scoring, which store and web both name). Person
// mirrors the store's row field for field, so app maps it with a plain
// conversion, and web never imports the store.

// Person is one civil servant or employee of a unit (cán bộ).
type Person struct {
	ID             int64      `json:"id"`
	FullName       string     `json:"full_name"`
	BirthDate      *time.Time `json:"birth_date"`
	Sex            *string    `json:"sex"` // "nam", "nu" or null
	Position       string     `json:"position"`
	UnitID         int64      `json:"unit_id"`
	UnitName       string     `json:"unit_name"`
	Since          time.Time  `json:"since"` // in this unit from
	RecruitedOn    *time.Time `json:"recruited_on"`
	JoinedSectorOn *time.Time `json:"joined_sector_on"`
	Active         bool       `json:"active"`
	Version        int        `json:"version"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

// SexLabel is the person's sex in Vietnamese, or "" when not recorded.
func (p Person) SexLabel() string { return store.Person(p).SexLabel() }

// Account is a user account as the administrator sees it: without its
// password hash.
type Account struct {
	ID       int64   `json:"id"`
	Username string  `json:"username"`
	FullName string  `json:"full_name"`
	Role     string  `json:"role"`
	UnitID   *int64  `json:"unit_id"`
	UnitName string  `json:"unit_name"`
	Email    *string `json:"email"`
	Active   bool    `json:"active"`
}

func accountOf(u store.User) Account {
	return Account{ID: u.ID, Username: u.Username, FullName: u.FullName, Role: u.Role, UnitID: u.UnitID, UnitName: u.UnitName,
		Email: u.Email, Active: u.Active}
}

// Rating is a person's evaluation of a year (an award.Rating code).
type Rating struct {
	Year   int
	Rating string
}

// Initiative is an initiative or research recognised at a level.
type Initiative struct {
	Year    int
	Title   string
	Level   string
	Applied bool
}

// Discipline is a disciplinary measure and its period.
type Discipline struct {
	Measure  string
	FromDate time.Time
	ToDate   *time.Time
	Note     string
}

// AwardInput is an award decided for a person or a unit, as recorded.
type AwardInput struct {
	Year         int
	Title        string
	Kind         string
	DecisionNo   string
	DecisionDate *time.Time
	Signer       string
}

func (in AwardInput) row() store.Award {
	return store.Award{Year: in.Year, Title: in.Title, Kind: in.Kind, DecisionNo: in.DecisionNo, DecisionDate: in.DecisionDate, Signer: in.Signer}
}

// Principal is the account as authorisation sees it.
func (u Account) Principal() auth.Principal {
	p := auth.Principal{UserID: u.ID, Username: u.Username, FullName: u.FullName, Role: auth.Role(u.Role), UnitName: u.UnitName}
	if u.UnitID != nil {
		p.UnitID = *u.UnitID
	}
	return p
}

// unitIDByCode is the unit a form names by its code instead of its id
// (the criteria table's adjustment form takes either); 0 when no unit has
// that code, which the action then refuses as a missing unit.
func (a *App) unitIDByCode(ctx context.Context, code string) int64 {
	u, err := a.store.UnitByCode(ctx, code)
	if err != nil {
		return 0
	}
	return u.ID
}
