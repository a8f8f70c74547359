package app_test

import (
	"testing"

	"thidua/internal/app"
	"thidua/internal/auth"
)

// Reading a person's discipline records is logged: who, when, which
// person; a record without disciplines logs nothing, and a refused read
// logs nothing either.
func TestDisciplineReadsAreLogged(t *testing.T) {
	f := newFixture(t)
	var disciplined, clean int64
	if err := f.Store.SQL().QueryRowContext(f.ctx, `SELECT id FROM people WHERE full_name = 'Vũ Đình Tuấn'`).Scan(&disciplined); err != nil {
		t.Fatal(err)
	}
	if err := f.Store.SQL().QueryRowContext(f.ctx, `SELECT p.id FROM people p WHERE p.unit_id = (SELECT unit_id FROM people WHERE id = $1)
		AND NOT EXISTS (SELECT 1 FROM person_disciplines d WHERE d.person_id = p.id) ORDER BY p.id LIMIT 1`, disciplined).Scan(&clean); err != nil {
		t.Fatal(err)
	}
	// What the demo's own writes read back (a record action answers with the page) came before.
	before, err := f.Store.PersonalReads(f.ctx, disciplined)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []auth.Principal{f.board, f.officer} {
		n := f.Store.Statements()
		r, err := f.Person(f.ctx, p, disciplined)
		if err != nil || len(r.Disciplines) == 0 {
			t.Fatalf("%s reads: %v, %d disciplines", p.Username, err, len(r.Disciplines))
		}
		if n = f.Store.Statements() - n; n != 1 {
			t.Errorf("%s's read and its log took %d statements, want the one reading the record", p.Username, n)
		}
	}
	if _, err := f.Person(f.ctx, f.other, disciplined); err == nil {
		t.Fatal("an officer of another province reads the record")
	}
	if _, err := f.Person(f.ctx, f.board, clean); err != nil {
		t.Fatal(err)
	}
	reads, err := f.Store.PersonalReads(f.ctx, disciplined)
	if err != nil {
		t.Fatal(err)
	}
	reads = reads[:len(reads)-len(before)] // newest first
	if len(reads) != 2 || reads[0].Username != f.officer.Username || reads[1].Username != f.board.Username ||
		reads[0].What != app.DisciplineRead || reads[0].At.IsZero() {
		t.Errorf("reads %+v, want the officer's then the board's", reads)
	}
	if others, err := f.Store.PersonalReads(f.ctx, clean); err != nil || len(others) != 0 {
		t.Errorf("a record without disciplines logged %v (%v)", others, err)
	}
}
