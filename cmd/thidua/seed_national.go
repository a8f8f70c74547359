package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"thidua/internal/app"
	"thidua/internal/seed"
	"thidua/internal/store"
)

// seedNational generates the national data set of a seed and loads it into
// an empty database.
func seedNational(ctx context.Context, a *app.App, s *store.Store, scale string, seedNo uint64, stdout io.Writer) error {
	sc, ok := seed.ScaleNamed(scale)
	if !ok {
		return fmt.Errorf("quy mô không hợp lệ %q: national hoặc small", scale)
	}
	sch, err := seed.DemoSchedule(a.Now())
	if err != nil {
		return err
	}
	start := time.Now()
	plan := seed.NationalPlan(seedNo, sc, sch)
	if err := seed.National(ctx, s, a.Hasher, plan); err != nil {
		return err
	}
	c := plan.Counts()
	fmt.Fprintf(stdout, "national data set (scale %s, seed %d) loaded in %s: %d units, %d people, %d ratings, %d filings, %d awards; fingerprint %s\n",
		scale, seedNo, time.Since(start).Round(time.Millisecond), c["units"], c["people"], c["person_ratings"], c["assessments"], c["awards"], plan.Fingerprint()[:16])
	fmt.Fprintln(stdout, "accounts (password "+seed.DemoPassword+"): admin, hoidong, xem, and canbo.<tỉnh> for each province (e.g. canbo.thanhhoa)")
	return nil
}
