package seed

import (
	"context"
	"fmt"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/store"
)

// Demo loads the demo data set in one transaction. It is idempotent: units
// and accounts that exist (by code, by user name) are left as they are, so
// running it twice, or after people edited the demo, changes nothing. The
// emulation cycle (clusters.go) is loaded only if its current year is not
// open yet.
func Demo(ctx context.Context, s *store.Store, h auth.Hasher, now time.Time) error {
	sch, err := DemoSchedule(now)
	if err != nil {
		return err
	}
	hash, err := h.Hash(DemoPassword)
	if err != nil {
		return err
	}
	return s.Tx(ctx, func(tx *store.Q) error {
		ids := map[string]int64{}
		for _, spec := range structure() {
			u := spec.Unit
			if spec.parent != "" {
				pid, ok := ids[spec.parent]
				if !ok {
					return fmt.Errorf("seed: parent %s of %s comes later", spec.parent, u.Code)
				}
				u.ParentID = &pid
			}
			existing, err := tx.UnitByCode(ctx, u.Code)
			switch {
			case err == nil:
				ids[u.Code] = existing.ID
				continue
			case errs.CodeOf(err) != errs.NotFound:
				return err
			}
			created, err := tx.CreateUnit(ctx, u)
			if err != nil {
				return fmt.Errorf("seed unit %s: %w", u.Code, err)
			}
			ids[u.Code] = created.ID
			for _, from := range spec.from {
				l := org.Link{SuccessorID: created.ID, PredecessorID: ids[from], Kind: spec.kind, Note: spec.note}
				if err := tx.AddLink(ctx, l); err != nil {
					return fmt.Errorf("seed lineage %s ← %s: %w", u.Code, from, err)
				}
			}
		}
		for _, du := range DemoUsers {
			if _, err := tx.UserByName(ctx, du.Username); err == nil {
				continue
			} else if errs.CodeOf(err) != errs.NotFound {
				return err
			}
			u := store.User{Username: du.Username, FullName: du.FullName, Role: du.Role, PasswordHash: hash, Active: true}
			if du.UnitCode != "" {
				id := ids[du.UnitCode]
				u.UnitID = &id
			}
			if _, err := tx.CreateUser(ctx, u); err != nil {
				return fmt.Errorf("seed user %s: %w", du.Username, err)
			}
		}
		// The emulation cycle goes through the service layer, on this
		// transaction (its own transactions nest as savepoints); what the
		// seeder reads itself it reads through the same transaction.
		return demoCycle(ctx, app.New(store.OnTx(tx), h, app.FixedClock(now)), tx, ids, sch)
	})
}
