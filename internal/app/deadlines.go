package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"thidua/internal/auth"
	"thidua/internal/calendar"
	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/store"
)

// ExtensionsView is the board's page of a year's deadline extensions.
type ExtensionsView struct {
	Year       cluster.Year              `json:"year"`
	Extensions []store.DeadlineExtension `json:"extensions"` // newest first, superseded ones included
	Units      []org.Unit                `json:"-"`          // the units an extension may name
	Kinds      []cluster.DeadlineKind    `json:"-"`
}

// InForce says whether an extension is the one in force for its unit
// and deadline (the newest), not one a later extension superseded.
func (v ExtensionsView) InForce(e store.DeadlineExtension) bool {
	for _, o := range v.Extensions {
		if o.UnitID == e.UnitID && o.Kind == e.Kind && o.ID > e.ID {
			return false
		}
	}
	return true
}

// DeadlineExtensions lists a year's deadline extensions, for the board.
func (a *App) DeadlineExtensions(ctx context.Context, p auth.Principal, year int) (ExtensionsView, error) {
	v := ExtensionsView{Kinds: cluster.DeadlineKinds}
	if err := auth.Authorize(p, auth.ManageYears, auth.Target{Year: year}); err != nil {
		return v, err
	}
	var err error
	if v.Year, err = a.store.Year(ctx, year); err != nil {
		return v, err
	}
	if v.Extensions, err = a.store.DeadlineExtensions(ctx, year, 0); err != nil {
		return v, err
	}
	v.Units, err = unitsOfYear(ctx, &a.store.Q, year)
	return v, err
}

// unitsOfYear lists the provincial and lower units that existed during a year.
func unitsOfYear(ctx context.Context, tx *store.Q, year int) ([]org.Unit, error) {
	all, _, err := tx.ListUnits(ctx, org.UnitFilter{Status: "all"})
	if err != nil {
		return nil, err
	}
	first, last := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	out := []org.Unit{}
	for _, u := range all {
		if u.Type != org.TypeSupreme && !u.ValidFrom.After(last) && (u.ValidTo == nil || !u.ValidTo.Before(first)) {
			out = append(out, u)
		}
	}
	return out, nil
}

// ExtensionInput is the board's extension of one deadline for one unit.
type ExtensionInput struct {
	UnitID int64                `json:"unit_id"`
	Kind   cluster.DeadlineKind `json:"kind"`
	Until  time.Time            `json:"until"`
	Reason string               `json:"reason"`
}

// ExtendDeadline extends one of a year's deadlines for one unit, with a
// reason. It adds a row (an earlier extension stays on record, superseded)
// and an audit record, in one transaction.
func (a *App) ExtendDeadline(ctx context.Context, p auth.Principal, year int, in ExtensionInput) (store.DeadlineExtension, error) {
	var out store.DeadlineExtension
	if err := auth.Authorize(p, auth.ManageYears, auth.Target{Year: year}); err != nil {
		return out, err
	}
	in.Reason = strings.TrimSpace(in.Reason)
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		y, err := tx.Year(ctx, year)
		if err != nil {
			return err
		}
		f := errs.Fields{}
		if in.UnitID == 0 {
			f.Add("unit_id", "Vui lòng chọn đơn vị.")
		} else if _, err := tx.Unit(ctx, in.UnitID); errs.CodeOf(err) == errs.NotFound {
			f.Add("unit_id", "Đơn vị không tồn tại.")
		} else if err != nil {
			return err
		}
		if err := cluster.ValidateExtension(y, cluster.Extension{Kind: in.Kind, Until: in.Until, Reason: in.Reason}); err != nil {
			if e, ok := errs.As(err); ok {
				for k, m := range e.Fields {
					f.Add(k, m)
				}
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		exts, err := unitExtensions(ctx, tx, year, in.UnitID)
		if err != nil {
			return err
		}
		before := map[string]any{"year": year, "kind": in.Kind, "until": cluster.UnitDeadline(y, exts, in.Kind)}
		if e := cluster.InForce(exts, in.Kind); e != nil {
			before["extension_id"], before["reason"] = e.ID, e.Reason
		}
		y0, m, d := in.Until.Date()
		out, err = tx.AddDeadlineExtension(ctx, store.DeadlineExtension{Year: year, UnitID: in.UnitID, Kind: string(in.Kind),
			Until: time.Date(y0, m, d, 0, 0, 0, 0, time.UTC), Reason: in.Reason, CreatedBy: nullable(p.UserID)})
		if err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "extend_deadline", "unit", in.UnitID, in.Reason, before,
			map[string]any{"year": year, "kind": in.Kind, "until": out.Until, "extension_id": out.ID})
	})
	return out, err
}

// unitExtensions are a unit's extensions of a year's deadlines.
func unitExtensions(ctx context.Context, tx *store.Q, year int, unitID int64) ([]cluster.Extension, error) {
	rows, err := tx.DeadlineExtensions(ctx, year, unitID)
	if err != nil {
		return nil, err
	}
	out := make([]cluster.Extension, 0, len(rows))
	for _, r := range rows {
		out = append(out, cluster.Extension{ID: r.ID, Kind: cluster.DeadlineKind(r.Kind), Until: r.Until, Reason: r.Reason})
	}
	return out, nil
}

// UnitDeadline is one of a year's deadlines as it applies to a unit.
type UnitDeadline struct {
	Date      *time.Time               `json:"date"`                // the date in force for the unit
	YearDate  *time.Time               `json:"year_date"`           // the year's date for everyone
	Extension *store.DeadlineExtension `json:"extension,omitempty"` // the extension in force, if any
}

// unitDeadline is the deadline a unit must meet: every check of a
// deadline for a unit goes through it.
func unitDeadline(ctx context.Context, tx *store.Q, y cluster.Year, unitID int64, k cluster.DeadlineKind) (UnitDeadline, error) {
	all, err := unitDeadlines(ctx, tx, y, unitID)
	return all[k], err
}

// unitDeadlines are all of a year's deadlines for a unit, in one read.
func unitDeadlines(ctx context.Context, tx *store.Q, y cluster.Year, unitID int64) (map[cluster.DeadlineKind]UnitDeadline, error) {
	rows, err := tx.DeadlineExtensions(ctx, y.Year, unitID)
	return deadlinesOf(y, rows), err
}

// deadlinesOf are a year's deadlines for a unit with its extensions
// (newest first).
func deadlinesOf(y cluster.Year, rows []store.DeadlineExtension) map[cluster.DeadlineKind]UnitDeadline {
	out := map[cluster.DeadlineKind]UnitDeadline{}
	for _, k := range cluster.DeadlineKinds {
		out[k] = UnitDeadline{Date: y.Deadline(k), YearDate: y.Deadline(k)}
	}
	for i := len(rows) - 1; i >= 0; i-- { // oldest first: the newest wins
		r := rows[i]
		k := cluster.DeadlineKind(r.Kind)
		d := out[k]
		u := r.Until
		d.Date, d.Extension = &u, &rows[i]
		out[k] = d
	}
	return out
}

// ExtensionNote says an extension in Vietnamese: "Gia hạn đến 17/12/2026
// (Nguyễn Văn A, ngày 27/11/2026). Lý do: …".
func ExtensionNote(e *store.DeadlineExtension) string {
	if e == nil {
		return ""
	}
	by := e.FullName
	if by == "" {
		by = "Hội đồng"
	}
	return fmt.Sprintf("Được gia hạn đến %s (%s, ngày %s). Lý do: %s", date(e.Until), by, date(e.CreatedAt.In(ict)), e.Reason)
}

// CalendarView is the board's calendar of a year: holidays and make-up
// working days.
type CalendarView struct {
	Year    int            `json:"year"`
	Days    []calendar.Day `json:"days"`
	CanEdit bool           `json:"can_edit"`
	// Prev and Next are the emulation years either side, when they are
	// open (0: none), so the page links only to calendars of real years.
	Prev int `json:"prev,omitempty"`
	Next int `json:"next,omitempty"`
}

// Calendar lists a year's holidays and make-up working days. Everyone
// signed in reads it; the board keeps it.
func (a *App) Calendar(ctx context.Context, p auth.Principal, year int) (CalendarView, error) {
	v := CalendarView{Year: year}
	if err := auth.Authorize(p, auth.ViewClusters, auth.Target{Year: year}); err != nil {
		return v, err
	}
	if year < 2000 || year > 2100 {
		return v, errs.New(errs.NotFound, "Không có lịch năm %d.", year)
	}
	var err error
	v.Days, err = a.store.CalendarDays(ctx, time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		return v, err
	}
	v.CanEdit = auth.Can(p, auth.ManageYears, auth.Target{Year: year})
	opened := func(y int) (int, error) {
		switch _, err := a.store.Year(ctx, y); {
		case err == nil:
			return y, nil
		case errs.CodeOf(err) == errs.NotFound:
			return 0, nil
		default:
			return 0, err
		}
	}
	if v.Prev, err = opened(year - 1); err != nil {
		return v, err
	}
	v.Next, err = opened(year + 1)
	return v, err
}

// SetCalendarDay records a holiday or a make-up working day (replacing
// what the day was), with an audit record.
func (a *App) SetCalendarDay(ctx context.Context, p auth.Principal, d calendar.Day) error {
	if err := auth.Authorize(p, auth.ManageYears, auth.Target{Year: d.Date.Year()}); err != nil {
		return err
	}
	d.Note = strings.TrimSpace(d.Note)
	if err := d.Validate(); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Q) error {
		before, err := tx.CalendarDays(ctx, d.Date, d.Date)
		if err != nil {
			return err
		}
		if err := tx.SetCalendarDay(ctx, d, p.UserID); err != nil {
			return err
		}
		var old any
		if len(before) > 0 {
			old = before[0]
		}
		return tx.Audit(ctx, p.UserID, "set", "calendar_day", dayKey(d.Date), d.Note, old, d)
	})
}

// DeleteCalendarDay makes a day ordinary again, with an audit record.
func (a *App) DeleteCalendarDay(ctx context.Context, p auth.Principal, day time.Time) error {
	if err := auth.Authorize(p, auth.ManageYears, auth.Target{Year: day.Year()}); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Q) error {
		before, err := tx.CalendarDays(ctx, day, day)
		if err != nil {
			return err
		}
		if len(before) == 0 {
			return errs.New(errs.NotFound, "Ngày %s không có trong lịch nghỉ lễ, làm bù.", date(day))
		}
		if _, err := tx.DeleteCalendarDay(ctx, day); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "delete", "calendar_day", dayKey(day), "", before[0], nil)
	})
}

// dayKey is a day as an audit entity id: 20261225.
func dayKey(t time.Time) int64 { return int64(t.Year()*10000 + int(t.Month())*100 + t.Day()) }

// workingCalendar is the board's calendar around a day (the year before
// to the year after), for counting working days.
func workingCalendar(ctx context.Context, tx *store.Q, around time.Time) (calendar.Calendar, error) {
	days, err := tx.CalendarDays(ctx, time.Date(around.Year()-1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(around.Year()+1, 12, 31, 0, 0, 0, 0, time.UTC))
	return calendar.New(days), err
}

// UnitDeadline is one of a year's deadlines as it applies to a unit (its
// extension's date and reason when the board extended it), for whoever
// may see the unit's registration.
func (a *App) UnitDeadline(ctx context.Context, p auth.Principal, year int, unitID int64, k cluster.DeadlineKind) (UnitDeadline, error) {
	t, err := a.unitTarget(ctx, &a.store.Q, year, unitID)
	if err != nil {
		return UnitDeadline{}, err
	}
	if err := auth.Authorize(p, auth.ViewRegistration, t); err != nil {
		return UnitDeadline{}, err
	}
	y, err := a.store.Year(ctx, year)
	if err != nil {
		return UnitDeadline{}, err
	}
	return unitDeadline(ctx, &a.store.Q, y, unitID, k)
}

// Passed says whether the deadline has passed on today.
func (d UnitDeadline) Passed(today time.Time) bool { return d.Date != nil && today.After(*d.Date) }

// Note says the extension in Vietnamese, or nothing.
func (d UnitDeadline) Note() string { return ExtensionNote(d.Extension) }
