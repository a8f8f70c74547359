package main

import (
	"context"
	"fmt"
	"io"

	"thidua/internal/config"
	"thidua/internal/store"
)

func migrate(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("cú pháp: thidua migrate up|down|status")
	}
	switch args[0] {
	case "up":
		return migrateUp(ctx, cfg, stdout)
	case "down", "status":
	default:
		return fmt.Errorf("cú pháp: thidua migrate up|down|status")
	}
	s, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := store.Migrator(s.SQL())
	if err != nil {
		return err
	}
	if args[0] == "down" {
		r, err := p.Down(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "reverted %s\n", r.Source.Path)
		return nil
	}
	status, err := p.Status(ctx)
	if err != nil {
		return err
	}
	for _, st := range status {
		when := "pending"
		if !st.AppliedAt.IsZero() {
			when = "applied " + st.AppliedAt.Format("2006-01-02 15:04:05")
		}
		fmt.Fprintf(stdout, "%05d  %-40s %s\n", st.Source.Version, st.Source.Path, when)
	}
	return nil
}

func migrateUp(ctx context.Context, cfg config.Config, stdout io.Writer) error {
	if err := store.EnsureDatabase(ctx, cfg.DatabaseURL); err != nil {
		return err
	}
	s, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := store.Migrator(s.SQL())
	if err != nil {
		return err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("migrate up: %w", err)
	}
	for _, r := range results {
		fmt.Fprintf(stdout, "applied %s (%s)\n", r.Source.Path, r.Duration.Round(1e6))
	}
	if len(results) == 0 {
		fmt.Fprintln(stdout, "schema is up to date")
	}
	return nil
}
