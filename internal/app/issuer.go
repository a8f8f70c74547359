package app

import (
	"context"
	"time"

	"thidua/internal/award"
	"thidua/internal/document"
	"thidua/internal/store"
)

// issuerOf is the body a document of unitID comes from: its heading, place
// and symbol, derived from the registry. Every document writer takes its
// issuer from here, never from free text.
func issuerOf(ctx context.Context, q *store.Q, unitID int64) (document.Issuer, error) {
	u, err := q.Unit(ctx, unitID)
	if err != nil {
		return document.Issuer{}, err
	}
	if u.ParentID == nil {
		return document.Derive(u, nil), nil
	}
	parent, err := q.Unit(ctx, *u.ParentID)
	if err != nil {
		return document.Issuer{}, err
	}
	return document.Derive(u, &parent), nil
}

// issuerOn is issuerOf with the "Căn cứ" lines of the unit's level under
// the rules in force on day on (award.RuleSet.Authority): what a decision
// signed that day cites as the level's power.
func issuerOn(ctx context.Context, q *store.Q, unitID int64, on time.Time) (document.Issuer, error) {
	i, err := issuerOf(ctx, q, unitID)
	if err != nil {
		return i, err
	}
	i.Authority = award.RulesFor(on).Authority(award.TierOfUnitType(string(i.Level)))
	return i, nil
}
