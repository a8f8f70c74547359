package app

import (
	"context"
	"fmt"

	"thidua/internal/auth"
	"thidua/internal/store"
	"thidua/internal/xlsx"
)

// The personnel workbook's sheets of the facts NĐ 152/2025 made the rules
// need: long absences ("Nghỉ dài ngày") and pending matters ("Đang xem
// xét"). Like the other sheets they add and update, never delete; every
// change is audited with the import's reason.

type factsPlan struct {
	addAbs     []store.PersonAbsence
	addAbsTo   []personTarget
	updAbs     []store.PersonAbsence
	storedAbs  map[int64]store.PersonAbsence
	addPend    []store.PendingMatter
	addPendTo  []personTarget
	closePend  []store.PendingMatter
	storedPend map[int64]store.PendingMatter
}

type resolver func(sheet string, row int, ref xlsx.PersonRef) (personTarget, bool)

type problemFn func(sheet string, row int, header, value, expected string)

// planFacts plans the absences (one per person, kind and first day; a new
// last day updates it) and pending matters (one per person, kind and first
// day; a last day with a conclusion closes an open one, a closed one is
// never reopened or rewritten).
func (pl *peoplePlan) planFacts(cur unitRecord, resolve resolver, problem problemFn) {
	f := &pl.facts
	f.storedAbs, f.storedPend = map[int64]store.PersonAbsence{}, map[int64]store.PendingMatter{}
	type key struct {
		t    personTarget
		kind string
		from string
	}
	storedAbs := map[key]store.PersonAbsence{}
	for _, x := range cur.absences {
		storedAbs[key{personTarget(x.PersonID), x.Kind, x.FromDate.Format("2006-01-02")}] = x
	}
	seen := map[key]int{}
	for _, r := range pl.doc.Absences {
		t, ok := resolve(xlsx.SheetAbsences, r.Row, r.Person)
		if !ok {
			continue
		}
		k := key{t, r.Kind, r.From.Format("2006-01-02")}
		if row, dup := seen[k]; dup {
			problem(xlsx.SheetAbsences, r.Row, xlsx.HeadFrom, r.From.Format("02/01/2006"), fmt.Sprintf("mỗi lần nghỉ một dòng; đã có ở dòng %d", row))
			continue
		}
		seen[k] = r.Row
		x := store.PersonAbsence{Kind: r.Kind, FromDate: r.From, ToDate: r.To}
		if old, had := storedAbs[k]; had {
			if sameDay(old.ToDate, r.To) {
				pl.summary.Absences.Unchanged++
				continue
			}
			x.ID, x.PersonID, x.Note, x.Version = old.ID, old.PersonID, old.Note, old.Version
			f.storedAbs[old.ID] = old
			f.updAbs = append(f.updAbs, x)
			pl.summary.Absences.Updated++
			continue
		}
		f.addAbs, f.addAbsTo = append(f.addAbs, x), append(f.addAbsTo, t)
		pl.summary.Absences.Created++
	}

	storedPend := map[key]store.PendingMatter{}
	for _, x := range cur.pending {
		storedPend[key{personTarget(*x.PersonID), x.Kind, x.OpenedOn.Format("2006-01-02")}] = x
	}
	seen = map[key]int{}
	for _, r := range pl.doc.Pending {
		t, ok := resolve(xlsx.SheetPending, r.Row, r.Person)
		if !ok {
			continue
		}
		k := key{t, r.Kind, r.From.Format("2006-01-02")}
		if row, dup := seen[k]; dup {
			problem(xlsx.SheetPending, r.Row, xlsx.HeadFrom, r.From.Format("02/01/2006"), fmt.Sprintf("mỗi vụ việc một dòng; đã có ở dòng %d", row))
			continue
		}
		seen[k] = r.Row
		old, had := storedPend[k]
		switch {
		case !had && r.To != nil:
			problem(xlsx.SheetPending, r.Row, xlsx.HeadTo, r.To.Format("02/01/2006"),
				"để trống với vụ việc mới; ghi nhận vụ việc trước, rồi ghi ngày kết thúc và kết luận")
		case !had:
			f.addPend = append(f.addPend, store.PendingMatter{Kind: r.Kind, OpenedOn: r.From})
			f.addPendTo = append(f.addPendTo, t)
			pl.summary.Pending.Created++
		case old.ClosedOn == nil && r.To != nil:
			if r.To.Before(old.OpenedOn) {
				problem(xlsx.SheetPending, r.Row, xlsx.HeadTo, r.To.Format("02/01/2006"), "ngày không trước ngày bắt đầu xem xét")
				continue
			}
			c := old
			c.ClosedOn, c.Outcome = r.To, r.Outcome
			f.storedPend[old.ID] = old
			f.closePend = append(f.closePend, c)
			pl.summary.Pending.Updated++
		case old.ClosedOn != nil && (!sameDay(old.ClosedOn, r.To) || old.Outcome != r.Outcome):
			problem(xlsx.SheetPending, r.Row, xlsx.HeadOutcome, r.Outcome,
				"vụ việc đã kết thúc ngày "+old.ClosedOn.Format("02/01/2006")+" với kết luận “"+old.Outcome+"”; không sửa qua tệp")
		default:
			pl.summary.Pending.Unchanged++
		}
	}
}

// saveFacts writes the planned absences and pending matters; id maps a
// target of the file to the stored person.
func (pl *peoplePlan) saveFacts(ctx context.Context, tx *store.Q, p auth.Principal, id func(personTarget) int64) error {
	f := &pl.facts
	for i, x := range f.addAbs {
		x.PersonID = id(f.addAbsTo[i])
		saved, err := tx.AddAbsence(ctx, x)
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, p.UserID, "add_absence", "person", x.PersonID, importReason, nil, saved); err != nil {
			return err
		}
	}
	for _, x := range f.updAbs {
		if err := tx.EndAbsence(ctx, x.ID, x.Version, x.ToDate); err != nil {
			return err
		}
		if err := tx.Audit(ctx, p.UserID, "update_absence", "person", x.PersonID, importReason, f.storedAbs[x.ID], x); err != nil {
			return err
		}
	}
	for i, m := range f.addPend {
		pid := id(f.addPendTo[i])
		m.PersonID = &pid
		saved, err := tx.AddPending(ctx, m)
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, p.UserID, "add_pending", "person", pid, importReason, nil, saved); err != nil {
			return err
		}
	}
	for _, m := range f.closePend {
		after, err := tx.ClosePending(ctx, m.ID, m.Version, *m.ClosedOn, m.Outcome)
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, p.UserID, "close_pending", "person", *m.PersonID, importReason, f.storedPend[m.ID], after); err != nil {
			return err
		}
	}
	return nil
}
