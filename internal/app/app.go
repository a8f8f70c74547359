// Package app is the service layer: each exported method is one user
// action. It authorises the action, validates it with the domain's pure
// rules, and writes it in one transaction with an audit record.
package app

import (
	"time"

	"thidua/internal/auth"
	"thidua/internal/store"
)

// App holds what the services need. Build it once in main.
type App struct {
	Store  *store.Store
	Hasher auth.Hasher
	Now    func() time.Time
}

// New returns an App with production defaults.
func New(s *store.Store, h auth.Hasher) *App {
	return &App{Store: s, Hasher: h, Now: time.Now}
}
