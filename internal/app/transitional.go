package app

import (
	"context"

	"thidua/internal/org"
	"thidua/internal/store"
)

// Reads that web/proposals.go and web/award_documents.go still make below
// the app's rules, kept so they build once the store is private to app.
// Their owners replace each call with a page model (issue #14); then this
// file goes. Nothing new may call them.

// UnitPathOf is a unit's path up the tree, the unit first.
func (a *App) UnitPathOf(ctx context.Context, id int64) ([]int64, error) {
	return a.store.UnitPath(ctx, id)
}

// UnitByID is one unit, unauthorised.
func (a *App) UnitByID(ctx context.Context, id int64) (org.Unit, error) { return a.store.Unit(ctx, id) }

// PersonByID is one person, unauthorised.
func (a *App) PersonByID(ctx context.Context, id int64) (store.Person, error) {
	return a.store.Person(ctx, id)
}
