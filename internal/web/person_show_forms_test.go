package web

import (
	"bytes"
	"html/template"
	"io/fs"
	"os"
	"strconv"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/award"
	"thidua/internal/store"
	"thidua/templates"
)

// The person page written in Go (its head, lines and record forms) reads
// byte for byte as the page's template did before (testdata/
// person_show_before.html, with the partials it used): hostile values in
// every field, each record form failed in turn with an error on every
// field and hostile values sent back, for the board, an officer who may
// edit and a reader.
func TestPersonShowMatchesTheTemplateBefore(t *testing.T) {
	parse := func(page []byte) *template.Template {
		t.Helper()
		tm := template.New("").Funcs(template.FuncMap{"args": func(v ...any) []any { return v }})
		b, err := fs.ReadFile(templates.FS, "partials/flash.html")
		if err != nil {
			t.Fatal(err)
		}
		template.Must(tm.Parse(string(b)))
		// The "verdict" and "pending-close" partials as they were, now
		// written in Go for this page and the verdicts page.
		if b, err = os.ReadFile("testdata/verdicts_partials_before.html"); err != nil {
			t.Fatal(err)
		}
		template.Must(tm.Parse(string(b)))
		return template.Must(tm.Parse(string(page)))
	}
	before, err := os.ReadFile("testdata/person_show_before.html")
	if err != nil {
		t.Fatal(err)
	}
	now, err := fs.ReadFile(templates.FS, "pages/person_show.html")
	if err != nil {
		t.Fatal(err)
	}
	old, cur := parse(before), parse(now)

	hostile := []string{`<script>alert("x")</script>`, `Đắk Lắk & "Hà Nội" 'x' + 1 > 0`, "a\x00b"}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	end := day(2025, 2, 1)
	record := func(s string, full bool) app.PersonPage {
		v := app.PersonPage{PersonRecord: app.PersonRecord{Person: store.Person{ID: 7, FullName: s, Position: s, UnitID: 12, UnitName: s,
			Since: day(2020, 1, 2), Active: full}}}
		v.Verdicts = app.Verdicts{Year: 2026, RuleSetID: s, RuleSetName: s}
		if !full {
			return v
		}
		v.Person.RecruitedOn, v.Person.JoinedSectorOn, v.Person.BirthDate = &end, &end, &end
		sex := "nu"
		v.Person.Sex = &sex
		v.Ratings = []store.PersonRating{{Year: 2025, Rating: "htxs"}}
		v.Initiatives = []store.PersonInitiative{{ID: 3, Year: 2024, Title: s, Level: "nganh", Applied: true}}
		v.Disciplines = []store.PersonDiscipline{{ID: 4, Measure: "khien_trach", FromDate: day(2024, 2, 1), ToDate: &end, Note: s}}
		v.Absences = []store.PersonAbsence{{ID: 6, Kind: "hoc_tap", FromDate: day(2026, 9, 1), Note: s}}
		v.Pending = []store.PendingMatter{{ID: 8, Version: 2, Kind: "khieu_nai", OpenedOn: day(2026, 2, 1), Note: s},
			{ID: 9, Kind: "dieu_tra", OpenedOn: day(2024, 1, 5), ClosedOn: &end, Outcome: s}}
		v.Awards = []store.Award{{ID: 10, Year: 2024, Title: "chien_si_thi_dua_co_so", Kind: "cong_trang", DecisionNo: s, DecisionDate: &end, Signer: s},
			{ID: 11, Year: 2023, Title: "lao_dong_tien_tien", Kind: "cong_trang", Revoked: true, RevokeReason: s}}
		v.Moves = []store.PersonMove{{OnDate: day(2023, 7, 1), FromName: s, ToName: s, Note: s}}
		v.Verdicts.Verdicts = []award.Verdict{{Title: award.IndividualTitles[0], Outcome: award.Eligible, Reasons: []award.Reason{{Text: s, Article: s, Met: true}}},
			{Title: award.IndividualTitles[1], Outcome: award.NotEligible, Reasons: []award.Reason{{Text: s, Missing: s, Supplier: s}}}}
		return v
	}
	fields := []string{"year", "rating", "title", "level", "applied", "measure", "from", "to", "note", "kind", "decision_no", "decision_date", "signer", "reason"}
	n := 0
	for _, s := range hostile {
		for _, full := range []bool{true, false} {
			for _, can := range [][2]bool{{false, false}, {true, false}, {true, true}} {
				for _, formName := range []string{"", "rating", "initiative", "discipline", "absence", "pending", "revoke", "award"} {
					v := record(s, full)
					v.CanEdit, v.CanAward = can[0], can[1]
					var form, errors map[string]string
					if formName != "" {
						form, errors = map[string]string{}, map[string]string{}
						for i, f := range fields {
							form[f] = s + strconv.Itoa(i)
							errors[f] = s
						}
						form["rating"], form["kind"] = "tot", "hoc_tap"
					}
					d := personShowView(v, 2026, formName, form)
					pg := Page{CSRF: s, Form: form, Errors: errors}
					d.write(pg.CSRF, pg.Errors, form)
					pg.Data = d
					var want, got bytes.Buffer
					if err := old.ExecuteTemplate(&want, "content", pg); err != nil {
						t.Fatal(err)
					}
					if err := cur.ExecuteTemplate(&got, "content", pg); err != nil {
						t.Fatal(err)
					}
					if want.String() != got.String() {
						t.Fatalf("%q, full %v, can %v, form %q: the page reads\n%s\nthe template before\n%s", s, full, can, formName, got.String(), want.String())
					}
					n++
				}
			}
		}
	}
	t.Logf("%d pages the same", n)
}
