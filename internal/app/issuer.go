package app

import (
	"context"

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
