package app

import (
	"context"
	"strings"

	"thidua/internal/auth"
	"thidua/internal/decision"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/store"
)

// The councils (Hội đồng thi đua – khen thưởng) of the deciding levels:
// each level's board keeps its own, year by year; every change audited.

// CouncilInput is what a level's board sets on its council.
type CouncilInput struct {
	UnitID    int64  `json:"unit_id"` // 0: the reader's own level
	Year      int    `json:"year"`
	Name      string `json:"name"`
	FoundedBy string `json:"founded_by"`
	Version   int    `json:"version"`
}

// MemberInput is a member added to a council; Username names the account
// they act with, if they have one.
type MemberInput struct {
	Username string `json:"username"`
	FullName string `json:"full_name"`
	Position string `json:"position"`
	Seat     string `json:"role"`
}

// CouncilsPage is a year's councils, and the level the reader may set one
// up for.
type CouncilsPage struct {
	Year     int                `json:"year"`
	Councils []decision.Council `json:"councils"`
	// Level is the reader's own level, where they may set up its council
	// (nil: they keep none).
	Level *org.Unit `json:"-"`
}

// CouncilsPage lists the councils of year (0, or out of range: this year).
func (a *App) CouncilsPage(ctx context.Context, p auth.Principal, year int) (CouncilsPage, error) {
	if err := auth.Authorize(p, auth.ViewCouncils, auth.Target{}); err != nil {
		return CouncilsPage{}, err
	}
	if year < 2000 || year > 2100 { // none asked, or one refused by validYear: this year's
		year = a.Today().Year()
	}
	pg := CouncilsPage{Year: year}
	var err error
	if pg.Councils, err = a.store.Councils(ctx, year); err != nil {
		return pg, err
	}
	if auth.SitsOnBoard(p) {
		unit, err := a.decidingLevel(ctx, &a.store.Q, p, 0)
		if err != nil {
			return pg, err
		}
		if a.authorizeUnit(ctx, p, auth.ManageCouncil, unit) == nil {
			u, err := a.store.Unit(ctx, unit)
			if err != nil {
				return pg, err
			}
			pg.Level = &u
		}
	}
	return pg, nil
}

// CouncilPage is one council with its members and what the reader may do.
type CouncilPage struct {
	decision.Council
	CanManage bool     `json:"-"`
	Seats     []string `json:"-"`
	// CertKind is the first kind of certificate blank whose calibration
	// the reader may open for the council's unit; "" when none.
	CertKind string `json:"-"`
}

// CouncilPage returns council id with its members.
func (a *App) CouncilPage(ctx context.Context, p auth.Principal, id int64) (CouncilPage, error) {
	if err := auth.Authorize(p, auth.ViewCouncils, auth.Target{}); err != nil {
		return CouncilPage{}, err
	}
	c, err := a.store.Council(ctx, id)
	if err != nil {
		return CouncilPage{}, err
	}
	out := CouncilPage{Council: c, Seats: decision.Seats, CanManage: a.authorizeUnit(ctx, p, auth.ManageCouncil, c.UnitID) == nil}
	if a.authorizeUnit(ctx, p, auth.PrintCerts, c.UnitID) == nil {
		u, err := a.store.Unit(ctx, c.UnitID)
		if err != nil {
			return out, err
		}
		if kinds := CertKinds(u.Type); len(kinds) > 0 {
			out.CertKind = kinds[0]
		}
	}
	return out, nil
}

// councilForWrite loads council id and checks p keeps it.
func (a *App) councilForWrite(ctx context.Context, tx *store.Q, p auth.Principal, id int64) (decision.Council, error) {
	if err := auth.Authorize(p, auth.ViewCouncils, auth.Target{}); err != nil {
		return decision.Council{}, err
	}
	c, err := tx.Council(ctx, id)
	if err != nil {
		return c, err
	}
	path, err := a.unitPathOf(ctx, tx, c.UnitID)
	if err != nil {
		return c, err
	}
	return c, auth.Authorize(p, auth.ManageCouncil, auth.Unit(path))
}

// CreateCouncil sets up the council of a level for a year.
func (a *App) CreateCouncil(ctx context.Context, p auth.Principal, in CouncilInput) (decision.Council, error) {
	var out decision.Council
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		u, err := a.levelFor(ctx, tx, p, in.UnitID, auth.ManageCouncil)
		if err != nil {
			return err
		}
		f := errs.Fields{}
		if u.Type != org.TypeSupreme && u.Type != org.TypeProvincial && u.Type != org.TypeHigh {
			f.Add("unit_id", "Chỉ VKSND tối cao, VKSND cấp cao và VKSND cấp tỉnh có Hội đồng thi đua – khen thưởng xét, quyết định khen thưởng.")
		}
		validYear(f, in.Year)
		c := decision.Council{UnitID: u.ID, Year: in.Year, Name: in.Name, FoundedBy: in.FoundedBy}
		decision.CheckCouncil(f, &c)
		if err := f.Err(); err != nil {
			return err
		}
		if out, err = tx.CreateCouncil(ctx, c); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "create", "council", out.ID, "", nil, out)
	})
	return out, err
}

// UpdateCouncil changes a council's name and founding decision.
func (a *App) UpdateCouncil(ctx context.Context, p auth.Principal, id int64, in CouncilInput) (decision.Council, error) {
	var out decision.Council
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		before, err := a.councilForWrite(ctx, tx, p, id)
		if err != nil {
			return err
		}
		c := before
		c.Name, c.FoundedBy, c.Version = in.Name, in.FoundedBy, in.Version
		f := errs.Fields{}
		decision.CheckCouncil(f, &c)
		if err := f.Err(); err != nil {
			return err
		}
		if out, err = tx.UpdateCouncil(ctx, c); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "update", "council", id, "", before, out)
	})
	return out, err
}

// AddCouncilMember adds a member to a council.
func (a *App) AddCouncilMember(ctx context.Context, p auth.Principal, councilID int64, in MemberInput) (decision.Member, error) {
	var out decision.Member
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		c, err := a.councilForWrite(ctx, tx, p, councilID)
		if err != nil {
			return err
		}
		f := errs.Fields{}
		m := decision.Member{CouncilID: councilID, FullName: in.FullName, Position: in.Position, Seat: in.Seat}
		if name := strings.TrimSpace(in.Username); name != "" {
			if u, err := tx.UserByName(ctx, name); err != nil {
				f.Add("username", "Không có tài khoản «"+name+"».")
			} else {
				m.UserID = &u.ID
			}
		}
		decision.CheckMember(f, &m, c.Members)
		if err := f.Err(); err != nil {
			return err
		}
		if out, err = tx.AddCouncilMember(ctx, m); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "add_member", "council", councilID, "", nil, out)
	})
	return out, err
}

// RemoveCouncilMember removes a member from a council; the decisions they
// signed keep their name and title as printed.
func (a *App) RemoveCouncilMember(ctx context.Context, p auth.Principal, councilID, memberID int64) error {
	return a.store.Tx(ctx, func(tx *store.Q) error {
		if _, err := a.councilForWrite(ctx, tx, p, councilID); err != nil {
			return err
		}
		m, err := tx.CouncilMember(ctx, councilID, memberID)
		if err != nil {
			return err
		}
		if err := tx.DeleteCouncilMember(ctx, memberID); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "remove_member", "council", councilID, "", m, nil)
	})
}
