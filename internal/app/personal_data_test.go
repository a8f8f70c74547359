package app_test

import (
	"reflect"
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
	// Read on its own, then sent with the reader's token read
	// (app.WithPersonRead), which reads without a log: PersonFile logs it
	// as it takes it, with a statement of its own.
	tokens := map[string]string{}
	for _, p := range []auth.Principal{f.board, f.officer, f.other} {
		tok, err := f.CreateToken(f.ctx, auth.System, p.Username, "thử", 0)
		if err != nil {
			t.Fatal(err)
		}
		tokens[p.Username] = tok
	}
	for _, sent := range []bool{false, true} {
		// person reads id as p, in as many statements as the read took
		// after the token's read, when sent.
		person := func(p auth.Principal, id int64) (app.PersonRecord, int64, error) {
			t.Helper()
			ctx := f.ctx
			if sent {
				ctx = app.WithPersonRead(ctx, id)
				var err error
				if p, err = f.PrincipalByToken(ctx, tokens[p.Username]); err != nil {
					t.Fatal(err)
				}
			}
			n := f.Store.Statements()
			r, err := f.Person(ctx, p, id)
			return r, f.Store.Statements() - n, err
		}
		// What the demo's own writes read back (a record action answers with the page) came before.
		before, err := f.Store.PersonalReads(f.ctx, disciplined)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []auth.Principal{f.board, f.officer} {
			r, n, err := person(p, disciplined)
			if err != nil || len(r.Disciplines) == 0 {
				t.Fatalf("%s reads (sent %v): %v, %d disciplines", p.Username, sent, err, len(r.Disciplines))
			}
			if want, _ := f.Person(f.ctx, auth.System, disciplined); !reflect.DeepEqual(r, want) {
				t.Errorf("%s's read (sent %v) is not the record:\n%+v\n%+v", p.Username, sent, r, want)
			}
			if n != 1 {
				t.Errorf("%s's read and its log (sent %v) took %d statements, want one", p.Username, sent, n)
			}
		}
		if _, _, err := person(f.other, disciplined); err == nil {
			t.Fatal("an officer of another province reads the record")
		}
		if _, n, err := person(f.board, clean); err != nil || n != map[bool]int64{false: 1, true: 0}[sent] {
			t.Fatalf("a record without disciplines (sent %v): %v, %d statements", sent, err, n)
		}
		reads, err := f.Store.PersonalReads(f.ctx, disciplined)
		if err != nil {
			t.Fatal(err)
		}
		reads = reads[:len(reads)-len(before)] // newest first
		if len(reads) != 2 || reads[0].Username != f.officer.Username || reads[1].Username != f.board.Username ||
			reads[0].What != app.DisciplineRead || reads[0].At.IsZero() {
			t.Errorf("reads (sent %v) %+v, want the officer's then the board's", sent, reads)
		}
	}
	if others, err := f.Store.PersonalReads(f.ctx, clean); err != nil || len(others) != 0 {
		t.Errorf("a record without disciplines logged %v (%v)", others, err)
	}
}
