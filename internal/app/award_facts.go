package app

import (
	"context"
	"strings"
	"time"

	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/store"
)

// The facts the award rules need from NĐ 152/2025/NĐ-CP on (issue #12):
// long absences, matters pending against a person or a unit, a unit's own
// disciplines, the quotas the board sets itself; and verdicts for any
// person or unit, year and day of consideration, without a proposal.
// Every change runs in one transaction and is audited.

// The records the award rules read beside a person's and a unit's
// history, as app's callers name them.
type (
	PersonAbsence       = store.PersonAbsence
	PendingMatter       = store.PendingMatter
	UnitDiscipline      = store.UnitDiscipline
	BoardQuota          = store.BoardQuota
	RatingContradiction = store.RatingContradiction
)

// pendingOn lists the matters open on day on (a zero day: every matter
// not yet closed), as the rules read them.
func pendingOn(ms []store.PendingMatter, on time.Time) []award.Pending {
	var out []award.Pending
	for _, m := range ms {
		open := m.ClosedOn == nil
		if !on.IsZero() {
			open = m.OpenOn(org.Day(on))
		}
		if open {
			out = append(out, award.Pending{Kind: award.PendingKind(m.Kind), Since: m.OpenedOn})
		}
	}
	return out
}

// applyUnitRecord adds the unit's own disciplines and the matters pending
// against it on day on.
func applyUnitRecord(ctx context.Context, tx *store.Q, c *award.Collective, on time.Time) error {
	ds, err := tx.UnitDisciplines(ctx, c.UnitID)
	if err != nil {
		return err
	}
	for _, d := range ds {
		x := award.Discipline{Measure: award.Measure(d.Measure), From: d.FromDate}
		if d.ToDate != nil {
			x.To = *d.ToDate
		}
		c.Disciplines = append(c.Disciplines, x)
	}
	ms, err := tx.UnitPending(ctx, c.UnitID)
	if err != nil {
		return err
	}
	c.Pending = pendingOn(ms, on)
	return nil
}

func copyFields(dst errs.Fields, src errs.Fields) errs.Fields {
	if dst == nil {
		dst = errs.Fields{}
	}
	for k, v := range src {
		dst.Add(k, v)
	}
	return dst
}

func validAbsenceKind(k string) bool {
	for _, x := range award.AbsenceKinds {
		if string(x) == k {
			return true
		}
	}
	return false
}

func validPendingKind(k string) bool {
	for _, x := range award.PendingKinds {
		if string(x) == k {
			return true
		}
	}
	return false
}

// period checks a dated row: a start (unless the edge could not read
// it), and an end, if any, not before the start.
func period(f, unparsed errs.Fields, from time.Time, to *time.Time, noFrom, backwards string) {
	if from.IsZero() && unparsed["from"] == "" {
		f.Add("from", noFrom)
	}
	if to != nil && !from.IsZero() && to.Before(from) {
		f.Add("to", backwards)
	}
}

// disciplineFields checks a discipline of a person or a unit.
func disciplineFields(measure string, from time.Time, to *time.Time, unparsed errs.Fields) errs.Fields {
	f := copyFields(nil, unparsed)
	if !validMeasure(measure) {
		f.Add("measure", "Vui lòng chọn hình thức kỷ luật.")
	}
	period(f, unparsed, from, to, "Vui lòng nhập ngày quyết định kỷ luật có hiệu lực.", "Ngày hết hiệu lực phải sau ngày có hiệu lực.")
	return f
}

func validMeasure(m string) bool {
	switch award.Measure(m) {
	case award.KhienTrach, award.CanhCao, award.HaBacLuong, award.GiangChuc, award.CachChuc, award.BuocThoiViec:
		return true
	}
	return false
}

// AddAbsence records a long absence of a person (nghỉ dài ngày) with its
// kind. unparsed holds dates the edge could not read.
func (a *App) AddAbsence(ctx context.Context, p auth.Principal, personID int64, x store.PersonAbsence, unparsed errs.Fields) (PersonPage, error) {
	x.PersonID = personID
	x.Note = strings.TrimSpace(x.Note)
	return a.recordChange(ctx, p, personID, false, "add_absence", "", func(tx *store.Q, _ store.Person) (any, any, error) {
		f := copyFields(nil, unparsed)
		if !validAbsenceKind(x.Kind) {
			f.Add("kind", "Vui lòng chọn loại nghỉ (thai sản, ốm đau, đi học …).")
		}
		period(f, unparsed, x.FromDate, x.ToDate, "Vui lòng nhập ngày bắt đầu nghỉ.", "Ngày kết thúc nghỉ không được trước ngày bắt đầu.")
		if err := f.Err(); err != nil {
			return nil, nil, err
		}
		x.FromDate, x.ToDate = org.Day(x.FromDate), dayPtr(x.ToDate)
		var err error
		x, err = tx.AddAbsence(ctx, x)
		return nil, x, err
	})
}

// DeleteAbsence removes an absence recorded by mistake; the audit keeps it.
func (a *App) DeleteAbsence(ctx context.Context, p auth.Principal, personID, id int64, reason string) (PersonPage, error) {
	return a.recordChange(ctx, p, personID, false, "remove_absence", strings.TrimSpace(reason), func(tx *store.Q, _ store.Person) (any, any, error) {
		x, err := tx.DeleteAbsence(ctx, personID, id)
		return x, nil, err
	})
}

func validPending(m store.PendingMatter, unparsed errs.Fields) errs.Fields {
	f := copyFields(nil, unparsed)
	if !validPendingKind(m.Kind) {
		f.Add("kind", "Vui lòng chọn loại vụ việc (xem xét kỷ luật, thanh tra, khiếu nại, tố cáo …).")
	}
	if m.OpenedOn.IsZero() && unparsed["from"] == "" {
		f.Add("from", "Vui lòng nhập ngày bắt đầu xem xét.")
	}
	return f
}

// AddPersonPending records a matter pending against a person: a
// discipline being considered, an investigation or inspection, a complaint
// or denunciation being verified. While it is open the award waits (Điều
// 4 khoản 4 NĐ 152/2025/NĐ-CP).
func (a *App) AddPersonPending(ctx context.Context, p auth.Principal, personID int64, m store.PendingMatter, unparsed errs.Fields) (PersonPage, error) {
	m.PersonID, m.UnitID = &personID, nil
	m.Note = strings.TrimSpace(m.Note)
	return a.recordChange(ctx, p, personID, false, "add_pending", "", func(tx *store.Q, _ store.Person) (any, any, error) {
		if err := validPending(m, unparsed).Err(); err != nil {
			return nil, nil, err
		}
		m.OpenedOn = org.Day(m.OpenedOn)
		var err error
		m, err = tx.AddPending(ctx, m)
		return nil, m, err
	})
}

// AddUnitPending records a matter pending against a unit itself; the
// board only.
func (a *App) AddUnitPending(ctx context.Context, p auth.Principal, unitID int64, m store.PendingMatter, unparsed errs.Fields) (store.PendingMatter, error) {
	m.UnitID, m.PersonID = &unitID, nil
	m.Note = strings.TrimSpace(m.Note)
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		if err := a.authorizeAwards(ctx, tx, p, unitID); err != nil {
			return err
		}
		if err := validPending(m, unparsed).Err(); err != nil {
			return err
		}
		m.OpenedOn = org.Day(m.OpenedOn)
		var err error
		if m, err = tx.AddPending(ctx, m); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "add_pending", "unit", unitID, "", nil, m)
	})
	return m, err
}

// ClosePending records that a matter closed, on which day and how (e.g.
// "không có sai phạm"); the row stays. version is the version read: a
// close over a newer change is refused (Conflict).
func (a *App) ClosePending(ctx context.Context, p auth.Principal, id int64, version int, on time.Time, outcome string, unparsed errs.Fields) (store.PendingMatter, error) {
	outcome = strings.TrimSpace(outcome)
	var out store.PendingMatter
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		before, err := tx.PendingMatterByID(ctx, id)
		if err != nil {
			return err
		}
		entity, entityID := "unit", int64(0)
		if before.PersonID != nil {
			person, err := tx.Person(ctx, *before.PersonID)
			if err != nil {
				return err
			}
			entity, entityID = "person", person.ID
			err = a.authorizePeopleWrite(ctx, tx, p, person.UnitID)
			if err != nil {
				return err
			}
		} else {
			entityID = *before.UnitID
			if err := a.authorizeAwards(ctx, tx, p, entityID); err != nil {
				return err
			}
		}
		f := copyFields(nil, unparsed)
		switch {
		case before.ClosedOn != nil:
			f.Add("closed_on", "Vụ việc đã được ghi nhận kết thúc ngày "+before.ClosedOn.Format("02/01/2006")+".")
		case on.IsZero() && unparsed["closed_on"] == "":
			f.Add("closed_on", "Vui lòng nhập ngày kết thúc xem xét.")
		case !on.IsZero() && org.Day(on).Before(before.OpenedOn):
			f.Add("closed_on", "Ngày kết thúc không được trước ngày bắt đầu xem xét.")
		}
		if outcome == "" {
			f.Add("outcome", "Vui lòng ghi kết luận (ví dụ: không có sai phạm).")
		}
		if err := f.Err(); err != nil {
			return err
		}
		if out, err = tx.ClosePending(ctx, id, version, org.Day(on), outcome); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "close_pending", entity, entityID, outcome, before, out)
	})
	return out, err
}

// AddUnitDiscipline records a disciplinary measure on a unit itself; the
// board only.
func (a *App) AddUnitDiscipline(ctx context.Context, p auth.Principal, unitID int64, d store.UnitDiscipline, unparsed errs.Fields) (store.UnitDiscipline, error) {
	d.UnitID = unitID
	d.Note = strings.TrimSpace(d.Note)
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		if err := a.authorizeAwards(ctx, tx, p, unitID); err != nil {
			return err
		}
		if err := disciplineFields(d.Measure, d.FromDate, d.ToDate, unparsed).Err(); err != nil {
			return err
		}
		d.FromDate, d.ToDate = org.Day(d.FromDate), dayPtr(d.ToDate)
		var err error
		if d, err = tx.AddUnitDiscipline(ctx, d); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "add_discipline", "unit", unitID, "", nil, d)
	})
	return d, err
}

// DeleteUnitDiscipline removes a unit's discipline recorded by mistake,
// with the reason; the audit keeps the row.
func (a *App) DeleteUnitDiscipline(ctx context.Context, p auth.Principal, unitID, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	return a.store.Tx(ctx, func(tx *store.Q) error {
		if err := a.authorizeAwards(ctx, tx, p, unitID); err != nil {
			return err
		}
		if reason == "" {
			return errs.Fields{"reason": "Vui lòng ghi lý do xoá quyết định kỷ luật."}.Err()
		}
		d, err := tx.DeleteUnitDiscipline(ctx, unitID, id)
		if err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "remove_discipline", "unit", unitID, reason, d, nil)
	})
}

// SetBoardQuota records the share the board sets itself for a year where
// the rule version leaves it to the board (Chiến sĩ thi đua cơ sở from NĐ
// 152/2025), with the board's own rule; the board only. version is the
// version read (0: none set).
func (a *App) SetBoardQuota(ctx context.Context, p auth.Principal, q store.BoardQuota, version int) (store.BoardQuota, error) {
	q.Rule = strings.TrimSpace(q.Rule)
	var out store.BoardQuota
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		if err := auth.Authorize(p, auth.SetQuota, auth.Target{}); err != nil {
			return err
		}
		f := errs.Fields{}
		validYear(f, q.Year)
		if q.Kind != string(award.QuotaCSTDCS) {
			f.Add("kind", "Hội đồng chỉ quy định tỷ lệ Chiến sĩ thi đua cơ sở.")
		}
		if q.Percent < 1 || q.Percent > 100 {
			f.Add("percent", "Tỷ lệ phải từ 1 đến 100 (%).")
		}
		if q.Rule == "" {
			f.Add("rule", "Vui lòng ghi quy chế, quyết định của Hội đồng làm căn cứ cho tỷ lệ.")
		}
		if err := f.Err(); err != nil {
			return err
		}
		before, _, err := tx.BoardQuotaFor(ctx, q.Year, q.Kind)
		if err != nil {
			return err
		}
		if p.UserID != 0 {
			uid := p.UserID
			q.SetBy = &uid
		}
		if out, err = tx.SetBoardQuota(ctx, q, version); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "set_quota", "board_quota", int64(q.Year), "", before, out)
	})
	return out, err
}

// boardQuota is the board's share for the CSTĐCS cap of year, as the rules
// read it (zero when none is set).
func boardQuota(ctx context.Context, tx *store.Q, year int) (award.BoardQuota, error) {
	q, ok, err := tx.BoardQuotaFor(ctx, year, string(award.QuotaCSTDCS))
	if err != nil || !ok {
		return award.BoardQuota{}, err
	}
	return award.BoardQuota{Percent: q.Percent, Rule: q.Rule}, nil
}

// SubjectVerdicts are the rules' answers on one person or unit for a year,
// on a day of consideration, under the version in force that day.
type SubjectVerdicts struct {
	Subject     string    `json:"subject"`
	Year        int       `json:"year"`
	On          time.Time `json:"on"` // the day of consideration (ngày xét)
	RuleSetID   string    `json:"rule_set_id"`
	RuleSetName string    `json:"rule_set_name"`
	Unverified  []string  `json:"unverified"`       // what the version rests on without a checked text
	Caveat      string    `json:"caveat,omitempty"` // the version's texts may have lapsed on that day (Vietnamese)
	// A unit's own record (unit verdicts only): its disciplines and the
	// matters pending against it, open and closed; CanRecord: p may add
	// to them (the board).
	UnitID          int64                  `json:"unit_id,omitempty"`
	UnitDisciplines []store.UnitDiscipline `json:"unit_disciplines,omitempty"`
	UnitPending     []store.PendingMatter  `json:"unit_pending,omitempty"`
	CanRecord       bool                   `json:"-"`
	Verdicts        []award.Verdict        `json:"verdicts"`
}

// VerdictQuery is a year and a day of consideration; a zero On is today.
type VerdictQuery struct {
	Year     int
	On       time.Time
	Unparsed errs.Fields
}

func (a *App) checkVerdictQuery(q *VerdictQuery) error {
	f := copyFields(nil, q.Unparsed)
	if q.On.IsZero() && q.Unparsed["on"] == "" {
		q.On = a.Today()
	}
	if q.Year == 0 && q.Unparsed["year"] == "" {
		q.Year = q.On.Year()
	}
	validYear(f, q.Year)
	if !q.On.IsZero() && q.Year > q.On.Year() {
		f.Add("on", "Ngày xét không được trước năm thi đua được xét.")
	}
	if !q.On.IsZero() && award.RulesFor(q.On).ID == "" {
		f.Add("on", "Không có bộ quy tắc áp dụng cho ngày xét này (trước 28/06/2019).")
	}
	q.On = org.Day(q.On)
	return f.Err()
}

func newSubjectVerdicts(name string, q VerdictQuery) (SubjectVerdicts, award.RuleSet) {
	rs := award.RulesFor(q.On)
	return SubjectVerdicts{Subject: name, Year: q.Year, On: q.On, RuleSetID: rs.ID, RuleSetName: rs.Name,
		Unverified: append([]string{}, rs.Unverified...), Caveat: rs.Caveat(q.On)}, rs
}

// PersonVerdictsOn gives every title and form judged on a person for a
// year, under the rules in force on the day of consideration, without
// creating a proposal. Anyone who may see the person's unit.
//
// A query that cannot be answered is an Invalid error naming the field;
// the result then carries the subject's name only.
func (a *App) PersonVerdictsOn(ctx context.Context, p auth.Principal, personID int64, q VerdictQuery) (SubjectVerdicts, error) {
	r, err := a.Person(ctx, p, personID)
	if err != nil {
		return SubjectVerdicts{}, err
	}
	if err := a.checkVerdictQuery(&q); err != nil {
		return SubjectVerdicts{Subject: r.Person.FullName}, err
	}
	out, rs := newSubjectVerdicts(r.Person.FullName, q)
	ap := r.AwardPersonOn(q.On)
	for _, t := range award.PersonTitles {
		v, _ := rs.JudgePerson(t, ap, q.Year, award.Vote{})
		out.Verdicts = append(out.Verdicts, v)
	}
	return out, nil
}

// UnitVerdictsOn gives every title and form judged on a unit for a year,
// under the rules in force on the day of consideration, without creating
// a proposal. Anyone who may see the unit.
func (a *App) UnitVerdictsOn(ctx context.Context, p auth.Principal, unitID int64, q VerdictQuery) (SubjectVerdicts, error) {
	if err := a.authorizeUnit(ctx, p, auth.ViewUnits, unitID); err != nil {
		return SubjectVerdicts{}, err
	}
	u, err := a.store.Unit(ctx, unitID)
	if err != nil {
		return SubjectVerdicts{}, err
	}
	head := SubjectVerdicts{Subject: u.Name, UnitID: unitID}
	path, err := a.unitPathOf(ctx, &a.store.Q, unitID)
	if err != nil {
		return SubjectVerdicts{}, err
	}
	head.CanRecord = auth.Can(p, auth.RecordAwards, auth.Unit(path))
	if head.UnitDisciplines, err = a.store.UnitDisciplines(ctx, unitID); err != nil {
		return SubjectVerdicts{}, err
	}
	if head.UnitPending, err = a.store.UnitPending(ctx, unitID); err != nil {
		return SubjectVerdicts{}, err
	}
	if err := a.checkVerdictQuery(&q); err != nil {
		return head, err
	}
	var out SubjectVerdicts
	err = a.store.Tx(ctx, func(tx *store.Q) error {
		c, err := a.collectiveFacts(ctx, tx, unitID, q.Year, q.On)
		if err != nil {
			return err
		}
		var rs award.RuleSet
		out, rs = newSubjectVerdicts(c.Name, q)
		out.UnitID, out.CanRecord, out.UnitDisciplines, out.UnitPending = unitID, head.CanRecord, head.UnitDisciplines, head.UnitPending
		for _, t := range award.UnitTitles {
			v, _ := rs.JudgeUnit(t, c, q.Year, award.Vote{})
			out.Verdicts = append(out.Verdicts, v)
		}
		return nil
	})
	return out, err
}

// RatingContradictions lists, for the board, the people whose rating for a
// year says "hoàn thành nhiệm vụ" or better although a discipline of
// theirs took effect that year (NĐ 90/2020 as amended by NĐ 48/2023: such
// a year is rated "không hoàn thành nhiệm vụ"). year 0: every year from
// 2023. New pairs are refused when saved (SetRating, AddDiscipline); these
// are records made before, or written around the app.
func (a *App) RatingContradictions(ctx context.Context, p auth.Principal, year int) ([]store.RatingContradiction, error) {
	if err := auth.Authorize(p, auth.ViewConflicts, auth.Target{}); err != nil {
		return nil, err
	}
	if year != 0 {
		f := errs.Fields{}
		validYear(f, year)
		if err := f.Err(); err != nil {
			return nil, err
		}
	}
	return a.store.RatingContradictions(ctx, year, award.RatingRuleFrom)
}
