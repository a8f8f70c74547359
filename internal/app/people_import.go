package app

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/store"
	"thidua/internal/xlsx"
)

// Personnel workbooks: a unit's people and their records (ratings,
// initiatives, disciplines) exported to Excel and imported back. The
// import adds and updates; it never deletes.

// ImportCounts is what an import does to one kind of row.
type ImportCounts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

func (c *ImportCounts) add(o ImportCounts) {
	c.Created += o.Created
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
}

// PeopleImportSummary counts an import, kind by kind and in all.
type PeopleImportSummary struct {
	People      ImportCounts `json:"people"`
	Ratings     ImportCounts `json:"ratings"`
	Initiatives ImportCounts `json:"initiatives"`
	Disciplines ImportCounts `json:"disciplines"`
	Absences    ImportCounts `json:"absences"`
	Pending     ImportCounts `json:"pending"`
	Total       ImportCounts `json:"total"`
}

// PeopleImport is the outcome of checking (and, confirmed, saving) a
// personnel workbook. Problems: nothing was written.
type PeopleImport struct {
	UnitID   int64               `json:"unit_id"`
	UnitName string              `json:"unit_name"`
	Summary  PeopleImportSummary `json:"summary"`
	Problems []xlsx.Problem      `json:"problems,omitempty"`
	Saved    bool                `json:"saved"`
}

// PeopleWorkbook is a unit's people and their records as the workbook
// shows them, for those who may change them (officers of the unit or a
// unit above it, the board).
func (a *App) PeopleWorkbook(ctx context.Context, p auth.Principal, unitID int64) (xlsx.PeopleDoc, error) {
	var doc xlsx.PeopleDoc
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		if err := a.authorizePeopleWrite(ctx, tx, p, unitID); err != nil {
			return err
		}
		u, err := tx.Unit(ctx, unitID)
		if err != nil {
			return err
		}
		doc = xlsx.PeopleDoc{UnitID: u.ID, UnitCode: u.Code, UnitName: u.Name}
		cur, err := loadUnitRecord(ctx, tx, unitID)
		if err != nil {
			return err
		}
		for _, x := range cur.people {
			doc.People = append(doc.People, xlsx.PersonRow{ID: x.ID, FullName: x.FullName, BirthDate: x.BirthDate, Sex: deref(x.Sex), Position: x.Position,
				RecruitedOn: x.RecruitedOn, JoinedSectorOn: x.JoinedSectorOn})
		}
		for _, x := range cur.ratings {
			doc.Ratings = append(doc.Ratings, xlsx.RatingRow{Person: xlsx.PersonRef{ID: x.PersonID}, Year: x.Year, Rating: x.Rating})
		}
		for _, x := range cur.initiatives {
			doc.Initiatives = append(doc.Initiatives, xlsx.InitiativeRow{Person: xlsx.PersonRef{ID: x.PersonID}, Year: x.Year, Title: x.Title,
				Level: x.Level, Applied: x.Applied})
		}
		for _, x := range cur.disciplines {
			doc.Disciplines = append(doc.Disciplines, xlsx.DisciplineRow{Person: xlsx.PersonRef{ID: x.PersonID}, Measure: x.Measure,
				From: x.FromDate, To: x.ToDate})
		}
		for _, x := range cur.absences {
			doc.Absences = append(doc.Absences, xlsx.AbsenceRow{Person: xlsx.PersonRef{ID: x.PersonID}, Kind: x.Kind, From: x.FromDate, To: x.ToDate})
		}
		for _, x := range cur.pending {
			doc.Pending = append(doc.Pending, xlsx.PendingRow{Person: xlsx.PersonRef{ID: *x.PersonID}, Kind: x.Kind, From: x.OpenedOn,
				To: x.ClosedOn, Outcome: x.Outcome})
		}
		return nil
	})
	return doc, err
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

type unitRecord struct {
	people      []store.Person
	ratings     []store.PersonRating
	initiatives []store.PersonInitiative
	disciplines []store.PersonDiscipline
	absences    []store.PersonAbsence
	pending     []store.PendingMatter
}

// loadUnitRecord reads the people of one unit (not of the units under it)
// and their records, in a few queries.
func loadUnitRecord(ctx context.Context, tx *store.Q, unitID int64) (unitRecord, error) {
	var r unitRecord
	var err error
	if r.people, _, err = tx.ListPeople(ctx, org.PersonFilter{UnitID: &unitID}); err != nil {
		return r, err
	}
	ids := make([]int64, len(r.people))
	for i, x := range r.people {
		ids[i] = x.ID
	}
	if len(ids) == 0 {
		return r, nil
	}
	rec, err := tx.PeopleRecordsOf(ctx, ids)
	r.ratings, r.initiatives, r.disciplines, r.absences, r.pending = rec.Ratings, rec.Initiatives, rec.Disciplines, rec.Absences, rec.Pending
	return r, err
}

// personTarget is a person the file speaks of: a stored person (id > 0)
// or the n-th new person of the file (-(n+1)).
type personTarget int64

// ImportPeople checks a personnel workbook read for a unit against the
// stored record and, when confirm is true and there is no problem, saves
// it in one transaction: new people are added to the unit (working there
// from today), people named by id are updated, ratings replaced,
// initiatives and disciplines added or updated. A row of "Cán bộ" without
// an id whose name (and birth date, if given) matches exactly one person
// of the unit is that person. Nothing is deleted.
//
// The workbook of another unit is refused (errs.Invalid, on "file").
func (a *App) ImportPeople(ctx context.Context, p auth.Principal, unitID int64, doc xlsx.PeopleDoc, confirm bool) (PeopleImport, error) {
	var out PeopleImport
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		if err := a.authorizePeopleWrite(ctx, tx, p, unitID); err != nil {
			return err
		}
		u, err := tx.Unit(ctx, unitID)
		if err != nil {
			return err
		}
		out.UnitID, out.UnitName = u.ID, u.Name
		if doc.UnitID != 0 && doc.UnitID != unitID {
			name := doc.UnitName
			if other, err := tx.Unit(ctx, doc.UnitID); err == nil {
				name = other.Name
			}
			msg := fmt.Sprintf("Tệp này là danh sách cán bộ của đơn vị “%s”, không phải của đơn vị “%s”. "+
				"Hãy nhập tệp ở trang của đơn vị “%s”, hoặc tải tệp mẫu của đơn vị “%s” rồi điền lại.", name, u.Name, name, u.Name)
			return &errs.Error{Code: errs.Invalid, Message: msg, Fields: map[string]string{"file": msg}}
		}
		cur, err := loadUnitRecord(ctx, tx, unitID)
		if err != nil {
			return err
		}
		plan := planPeopleImport(doc, cur, unitID, a.Today())
		out.Summary, out.Problems = plan.summary, plan.problems
		if len(plan.problems) > 0 || !confirm {
			return nil
		}
		if err := plan.save(ctx, tx, p, unitID, a.Today()); err != nil {
			return err
		}
		out.Saved = true
		return nil
	})
	return out, err
}

type peoplePlan struct {
	doc      xlsx.PeopleDoc
	summary  PeopleImportSummary
	problems []xlsx.Problem

	newPeople  []xlsx.PersonRow
	updates    []store.Person // with the version loaded
	ids        map[personTarget]int64
	ratings    []store.PersonRating
	ratingTo   []personTarget
	addInit    []store.PersonInitiative
	addInitTo  []personTarget
	updInit    []store.PersonInitiative
	addDisc    []store.PersonDiscipline
	addDiscTo  []personTarget
	updDisc    []store.PersonDiscipline
	stored     map[int64]store.Person
	storedInit map[int64]store.PersonInitiative
	storedDisc map[int64]store.PersonDiscipline
	facts      factsPlan
}

func sameDay(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Format("2006-01-02") == b.Format("2006-01-02")
}

func planPeopleImport(doc xlsx.PeopleDoc, cur unitRecord, unitID int64, today time.Time) *peoplePlan {
	pl := &peoplePlan{doc: doc, stored: map[int64]store.Person{}, storedInit: map[int64]store.PersonInitiative{},
		storedDisc: map[int64]store.PersonDiscipline{}, ids: map[personTarget]int64{}}
	problem := func(sheet string, row int, header, value, expected string) {
		pl.problems = append(pl.problems, doc.Problem(sheet, row, header, value, expected))
	}
	byName := map[string][]personTarget{}
	nameOf := map[string]map[personTarget]bool{}
	addName := func(name string, t personTarget) {
		k := xlsx.PersonKey(name)
		if nameOf[k] == nil {
			nameOf[k] = map[personTarget]bool{}
		}
		if !nameOf[k][t] {
			nameOf[k][t] = true
			byName[k] = append(byName[k], t)
		}
	}
	for _, x := range cur.people {
		pl.stored[x.ID] = x
		addName(x.FullName, personTarget(x.ID))
	}
	storedByName := map[string][]store.Person{}
	for _, x := range cur.people {
		k := xlsx.PersonKey(x.FullName)
		storedByName[k] = append(storedByName[k], x)
	}

	// People.
	seen := map[int64]int{} // id → row that names it
	for _, r := range doc.People {
		id := r.ID
		if id == 0 {
			if c := storedByName[xlsx.PersonKey(r.FullName)]; len(c) == 1 && (r.BirthDate == nil || sameDay(r.BirthDate, c[0].BirthDate)) {
				id = c[0].ID
			}
		}
		if id == 0 {
			t := personTarget(-(len(pl.newPeople) + 1))
			if r.BirthDate != nil && !r.BirthDate.Before(today) {
				problem(xlsx.SheetPeople, r.Row, xlsx.HeadBirthDate, dayText(r.BirthDate), "ngày sinh có thật, trước hôm nay (ví dụ 05/09/1985)")
			} else {
				pl.checkPerson(r, newPerson(r, unitID, today))
			}
			pl.newPeople = append(pl.newPeople, r)
			addName(r.FullName, t)
			pl.summary.People.Created++
			continue
		}
		before, ok := pl.stored[id]
		if !ok {
			problem(xlsx.SheetPeople, r.Row, xlsx.HeadPersonID, strconv.FormatInt(id, 10),
				"mã của một cán bộ thuộc đơn vị này (không có cán bộ mang mã này trong đơn vị); để trống với cán bộ mới")
			continue
		}
		if row, dup := seen[id]; dup {
			problem(xlsx.SheetPeople, r.Row, xlsx.HeadPersonID, strconv.FormatInt(id, 10),
				fmt.Sprintf("mỗi cán bộ một dòng; cán bộ này đã có ở dòng %d", row))
			continue
		}
		seen[id] = r.Row
		if r.BirthDate != nil && !r.BirthDate.Before(before.Since) {
			problem(xlsx.SheetPeople, r.Row, xlsx.HeadBirthDate, r.BirthDate.Format("02/01/2006"),
				"ngày sinh trước ngày bắt đầu công tác tại đơn vị ("+before.Since.Format("02/01/2006")+")")
			continue
		}
		addName(r.FullName, personTarget(id))
		np := before
		np.FullName, np.BirthDate, np.Position = r.FullName, r.BirthDate, r.Position
		np.Sex = nil
		if r.Sex != "" {
			s := r.Sex
			np.Sex = &s
		}
		// An empty date cell keeps the stored date: never lost by omission.
		if r.RecruitedOn != nil {
			np.RecruitedOn = r.RecruitedOn
		}
		if r.JoinedSectorOn != nil {
			np.JoinedSectorOn = r.JoinedSectorOn
		}
		if np.FullName == before.FullName && sameDay(np.BirthDate, before.BirthDate) && deref(np.Sex) == deref(before.Sex) && np.Position == before.Position &&
			sameDay(np.RecruitedOn, before.RecruitedOn) && sameDay(np.JoinedSectorOn, before.JoinedSectorOn) {
			pl.summary.People.Unchanged++
			continue
		}
		pl.checkPerson(r, np)
		pl.updates = append(pl.updates, np)
		pl.summary.People.Updated++
	}

	resolve := func(sheet string, row int, ref xlsx.PersonRef) (personTarget, bool) {
		if ref.ID != 0 {
			if _, ok := pl.stored[ref.ID]; !ok {
				problem(sheet, row, xlsx.HeadPersonRef, ref.Text(), "mã của một cán bộ thuộc đơn vị này, hoặc họ và tên")
				return 0, false
			}
			return personTarget(ref.ID), true
		}
		switch ts := byName[xlsx.PersonKey(ref.Name)]; len(ts) {
		case 1:
			return ts[0], true
		case 0:
			problem(sheet, row, xlsx.HeadPersonRef, ref.Name, "họ và tên của một cán bộ ở trang “"+xlsx.SheetPeople+"” hoặc đã có trong đơn vị, hoặc mã cán bộ")
		default:
			problem(sheet, row, xlsx.HeadPersonRef, ref.Name, fmt.Sprintf("một người: có %d cán bộ cùng họ và tên này, hãy ghi mã cán bộ thay cho tên", len(ts)))
		}
		return 0, false
	}

	// Ratings.
	storedRating := map[[2]int64]string{}
	for _, x := range cur.ratings {
		storedRating[[2]int64{x.PersonID, int64(x.Year)}] = x.Rating
	}
	ratingRow := map[[2]int64]int{}
	for _, r := range doc.Ratings {
		t, ok := resolve(xlsx.SheetRatings, r.Row, r.Person)
		if !ok {
			continue
		}
		k := [2]int64{int64(t), int64(r.Year)}
		if row, dup := ratingRow[k]; dup {
			problem(xlsx.SheetRatings, r.Row, xlsx.HeadYear, strconv.Itoa(r.Year), fmt.Sprintf("một xếp loại mỗi năm cho mỗi cán bộ; đã có ở dòng %d", row))
			continue
		}
		ratingRow[k] = r.Row
		old, had := storedRating[k]
		switch {
		case t < 0 || !had:
			pl.summary.Ratings.Created++
		case old == r.Rating:
			pl.summary.Ratings.Unchanged++
			continue
		default:
			pl.summary.Ratings.Updated++
		}
		pl.ratings = append(pl.ratings, store.PersonRating{Year: r.Year, Rating: r.Rating})
		pl.ratingTo = append(pl.ratingTo, t)
	}

	// Initiatives: one per person, year and title.
	type initKey struct {
		t     personTarget
		year  int
		title string
	}
	storedInit := map[initKey]store.PersonInitiative{}
	for _, x := range cur.initiatives {
		storedInit[initKey{personTarget(x.PersonID), x.Year, xlsx.PersonKey(x.Title)}] = x
	}
	initRow := map[initKey]int{}
	for _, r := range doc.Initiatives {
		t, ok := resolve(xlsx.SheetInitiatives, r.Row, r.Person)
		if !ok {
			continue
		}
		k := initKey{t, r.Year, xlsx.PersonKey(r.Title)}
		if row, dup := initRow[k]; dup {
			problem(xlsx.SheetInitiatives, r.Row, xlsx.HeadTitle, r.Title, fmt.Sprintf("mỗi sáng kiến một dòng; đã có ở dòng %d", row))
			continue
		}
		initRow[k] = r.Row
		in := store.PersonInitiative{Year: r.Year, Title: r.Title, Level: r.Level, Applied: r.Applied}
		if old, had := storedInit[k]; had {
			if old.Level == r.Level && old.Applied == r.Applied && old.Title == r.Title {
				pl.summary.Initiatives.Unchanged++
				continue
			}
			in.ID, in.PersonID = old.ID, old.PersonID
			pl.storedInit[old.ID] = old
			pl.updInit = append(pl.updInit, in)
			pl.summary.Initiatives.Updated++
			continue
		}
		pl.addInit = append(pl.addInit, in)
		pl.addInitTo = append(pl.addInitTo, t)
		pl.summary.Initiatives.Created++
	}

	// Disciplines: one per person, measure and first day.
	type discKey struct {
		t       personTarget
		measure string
		from    string
	}
	storedDisc := map[discKey]store.PersonDiscipline{}
	for _, x := range cur.disciplines {
		storedDisc[discKey{personTarget(x.PersonID), x.Measure, x.FromDate.Format("2006-01-02")}] = x
	}
	discRow := map[discKey]int{}
	for _, r := range doc.Disciplines {
		t, ok := resolve(xlsx.SheetDiscipline, r.Row, r.Person)
		if !ok {
			continue
		}
		k := discKey{t, r.Measure, r.From.Format("2006-01-02")}
		if row, dup := discRow[k]; dup {
			problem(xlsx.SheetDiscipline, r.Row, xlsx.HeadFrom, r.From.Format("02/01/2006"), fmt.Sprintf("mỗi quyết định kỷ luật một dòng; đã có ở dòng %d", row))
			continue
		}
		discRow[k] = r.Row
		d := store.PersonDiscipline{Measure: r.Measure, FromDate: r.From, ToDate: r.To}
		if old, had := storedDisc[k]; had {
			if sameDay(old.ToDate, r.To) {
				pl.summary.Disciplines.Unchanged++
				continue
			}
			d.ID, d.PersonID, d.Note = old.ID, old.PersonID, old.Note
			pl.storedDisc[old.ID] = old
			pl.updDisc = append(pl.updDisc, d)
			pl.summary.Disciplines.Updated++
			continue
		}
		pl.addDisc = append(pl.addDisc, d)
		pl.addDiscTo = append(pl.addDiscTo, t)
		pl.summary.Disciplines.Created++
	}
	// Cross-check: a rating of "hoàn thành nhiệm vụ" or better for a year in
	// which a discipline of the same person takes effect is refused where
	// the file brings either side (NĐ 90/2020 as amended by NĐ 48/2023);
	// pairs already stored are listed for the board (RatingContradictions).
	rating := map[[2]int64]string{}
	for k, v := range storedRating {
		rating[k] = v
	}
	for i, r := range pl.ratings {
		rating[[2]int64{int64(pl.ratingTo[i]), int64(r.Year)}] = r.Rating
	}
	check := func(t personTarget, d store.PersonDiscipline, fromFile int) {
		k := [2]int64{int64(t), int64(d.FromDate.Year())}
		r, ok := rating[k]
		if !ok {
			return
		}
		msg, bad := award.RatingConflict(award.Rating(r), int(k[1]), awardDiscipline(d))
		switch {
		case !bad:
		case ratingRow[k] != 0:
			problem(xlsx.SheetRatings, ratingRow[k], xlsx.HeadRating, xlsx.RatingLabel(award.Rating(r)), msg)
		case fromFile != 0:
			problem(xlsx.SheetDiscipline, fromFile, xlsx.HeadFrom, d.FromDate.Format("02/01/2006"), msg)
		}
	}
	for k, d := range storedDisc {
		check(k.t, d, discRow[k])
	}
	for i, d := range pl.addDisc {
		check(pl.addDiscTo[i], d, discRow[discKey{pl.addDiscTo[i], d.Measure, d.FromDate.Format("2006-01-02")}])
	}
	pl.planFacts(cur, resolve, problem)
	for _, c := range []ImportCounts{pl.summary.People, pl.summary.Ratings, pl.summary.Initiatives, pl.summary.Disciplines,
		pl.summary.Absences, pl.summary.Pending} {
		pl.summary.Total.add(c)
	}
	pl.problems = xlsx.SortPeopleProblems(pl.problems)
	return pl
}

// newPerson is the person a row of "Cán bộ" without a stored match adds
// to the unit, working there from today.
func newPerson(r xlsx.PersonRow, unitID int64, today time.Time) store.Person {
	in := PersonInput{FullName: r.FullName, BirthDate: r.BirthDate, Sex: r.Sex, Position: r.Position, UnitID: unitID, Since: today, Active: true,
		RecruitedOn: r.RecruitedOn, JoinedSectorOn: r.JoinedSectorOn}
	return in.apply(store.Person{})
}

// personColumns is the header of "Cán bộ" that holds each field of a
// person, by the field keys validatePerson uses.
var personColumns = map[string]string{"full_name": xlsx.HeadFullName, "birth_date": xlsx.HeadBirthDate, "sex": xlsx.HeadSex,
	"position": xlsx.HeadPosition, "recruited_on": xlsx.HeadRecruited, "joined_sector_on": xlsx.HeadJoined}

// checkPerson puts what the rules of a person (the page's and the API's)
// find in a row of "Cán bộ" on its cells, each by its field key: a date
// out of range is caught when the file is checked, not when it is saved.
func (pl *peoplePlan) checkPerson(r xlsx.PersonRow, np store.Person) {
	e, ok := errs.As(validatePerson(np, nil))
	if !ok {
		return
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		value := ""
		switch k {
		case "full_name":
			value = np.FullName
		case "position":
			value = np.Position
		case "sex":
			value = r.Sex
		case "birth_date":
			value = dayText(np.BirthDate)
		case "recruited_on":
			value = dayText(np.RecruitedOn)
		case "joined_sector_on":
			value = dayText(np.JoinedSectorOn)
		}
		msg := strings.TrimSuffix(e.Fields[k], ".")
		if r := []rune(msg); len(r) > 0 { // said after "cần"
			msg = strings.ToLower(string(r[0])) + string(r[1:])
		}
		pl.problems = append(pl.problems, pl.doc.Problem(xlsx.SheetPeople, r.Row, personColumns[k], value, msg))
	}
}

func dayText(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("02/01/2006")
}

const importReason = "Nhập từ tệp Excel"

// save writes the plan; the caller's transaction holds it together.
func (pl *peoplePlan) save(ctx context.Context, tx *store.Q, p auth.Principal, unitID int64, today time.Time) error {
	// New people and ratings go in batches: an office's whole staff is
	// one workbook (15 000 rows in seconds, not minutes).
	var audits []store.AuditEntry
	audit := func(action string, id int64, before, after any) error {
		e, err := store.NewAuditEntry(p.UserID, action, "person", id, importReason, before, after)
		audits = append(audits, e)
		return err
	}
	fresh := make([]store.Person, 0, len(pl.newPeople))
	for _, r := range pl.newPeople {
		fresh = append(fresh, newPerson(r, unitID, today)) // checked by the plan
	}
	created, err := tx.CreatePeople(ctx, fresh)
	if err != nil {
		return err
	}
	for i, c := range created {
		pl.ids[personTarget(-(i + 1))] = c.ID
		if err := audit("create", c.ID, nil, c); err != nil {
			return err
		}
	}
	for _, np := range pl.updates {
		after, err := tx.UpdatePerson(ctx, np)
		if err != nil {
			return err
		}
		if err := audit("update", np.ID, pl.stored[np.ID], after); err != nil {
			return err
		}
	}
	id := func(t personTarget) int64 {
		if t > 0 {
			return int64(t)
		}
		return pl.ids[t]
	}
	for i := range pl.ratings {
		r := &pl.ratings[i]
		r.PersonID = id(pl.ratingTo[i])
		if err := audit("rate", r.PersonID, nil, *r); err != nil {
			return err
		}
	}
	if err := tx.SetRatings(ctx, pl.ratings); err != nil {
		return err
	}
	if err := tx.AuditMany(ctx, audits); err != nil {
		return err
	}
	for i, in := range pl.addInit {
		in.PersonID = id(pl.addInitTo[i])
		saved, err := tx.AddInitiative(ctx, in)
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, p.UserID, "add_initiative", "person", in.PersonID, importReason, nil, saved); err != nil {
			return err
		}
	}
	for _, in := range pl.updInit {
		if err := tx.UpdateInitiative(ctx, in); err != nil {
			return err
		}
		if err := tx.Audit(ctx, p.UserID, "update_initiative", "person", in.PersonID, importReason, pl.storedInit[in.ID], in); err != nil {
			return err
		}
	}
	for i, d := range pl.addDisc {
		d.PersonID = id(pl.addDiscTo[i])
		if award.Measure(d.Measure).Label() == d.Measure {
			return errs.New(errs.Invalid, "Hình thức kỷ luật không hợp lệ.")
		}
		saved, err := tx.AddDiscipline(ctx, d)
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, p.UserID, "add_discipline", "person", d.PersonID, importReason, nil, saved); err != nil {
			return err
		}
	}
	for _, d := range pl.updDisc {
		if err := tx.EndDiscipline(ctx, d.ID, d.ToDate); err != nil {
			return err
		}
		if err := tx.Audit(ctx, p.UserID, "update_discipline", "person", d.PersonID, importReason, pl.storedDisc[d.ID], d); err != nil {
			return err
		}
	}
	return pl.saveFacts(ctx, tx, p, id)
}
