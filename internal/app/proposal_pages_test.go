package app_test

import (
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/errs"
	"thidua/internal/seed"
)

// TestProposalPageFlags: what a proposal's page offers is judged on that
// proposal and its unit, for each reader, as its state moves.
func TestProposalPageFlags(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.Now = func() time.Time { return time.Date(2031, 11, 20, 9, 0, 0, 0, time.UTC) }
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))
	pr, err := f.CreateProposal(f.ctx, f.officer, app.ProposalInput{Year: 2031, ProposerUnitID: th.ID, Title: string(award.TapTheLaoDongTienTien)})
	if err != nil {
		t.Fatal(err)
	}
	type flags struct{ edit, comment, decide bool }
	check := func(stage string, p auth.Principal, want flags) {
		t.Helper()
		pg, err := f.ProposalPage(f.ctx, p, pr.ID)
		if err != nil {
			t.Fatalf("%s, %s: %v", stage, p.Username, err)
		}
		if got := (flags{pg.CanEdit, pg.CanComment, pg.CanDecide}); got != want {
			t.Errorf("%s, %s: %+v, want %+v", stage, p.Username, got, want)
		}
	}
	check("draft", f.officer, flags{edit: true})
	check("draft", f.board, flags{})
	check("draft", f.viewer, flags{})
	_, err = f.ProposalPage(f.ctx, f.other, pr.ID)
	wantCode(t, err, errs.Forbidden) // another unit's draft
	_, err = f.ProposalForm(f.ctx, f.other, 0, th.ID)
	wantCode(t, err, errs.Forbidden)
	_, err = f.ProposalForm(f.ctx, f.board, pr.ID, 0)
	wantCode(t, err, errs.Forbidden) // the board reads the draft, but does not propose for the unit

	completeDossier(t, f, f.officer, pr.ID)
	if pr, err = f.SubmitProposal(f.ctx, f.officer, pr.ID, pr.Version); err != nil {
		t.Fatal(err)
	}
	check("submitted", f.officer, flags{comment: true})
	check("submitted", f.other, flags{comment: true})
	check("submitted", f.viewer, flags{})
	check("submitted", f.board, flags{comment: true, decide: true})

	for _, c := range []struct {
		p               auth.Principal
		propose, decide bool
	}{{f.officer, true, false}, {f.other, true, false}, {f.board, false, true}, {f.viewer, false, false}} {
		pg, err := f.ProposalsPage(f.ctx, c.p, app.ProposalQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if pg.Year != 2031 || pg.CanPropose != c.propose || pg.CanDecide != c.decide {
			t.Errorf("list for %s: year %d, propose %v, decide %v", c.p.Username, pg.Year, pg.CanPropose, pg.CanDecide)
		}
	}
}
