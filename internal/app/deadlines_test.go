package app_test

import (
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/award"
	"thidua/internal/calendar"
	"thidua/internal/cluster"
	"thidua/internal/errs"
)

func deadlineOf(h app.Home, k cluster.DeadlineKind) app.Deadline {
	for _, d := range h.Deadlines {
		if d.Kind == k {
			return d
		}
	}
	return app.Deadline{}
}

// TestDeadlineExtension: the board extends Nghệ An's filing deadline
// (10/12/2026) to 17/12 with a reason; on 12/12 Nghệ An files, Huế does
// not; its home page and filing show the date and the reason; a second
// extension is a new row and the first stays on record.
func TestDeadlineExtension(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ids := f.ids(t, "Nghệ An", "Huế")
	nghean, hue := ids[0], ids[1]
	late := *f.App
	late.Now = func() time.Time { return time.Date(2026, 12, 12, 1, 0, 0, 0, time.UTC) }

	v, err := late.Filing(f.ctx, f.other, 2026, nghean)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Closed {
		t.Fatal("on 12/12 Nghệ An's filing is closed before any extension")
	}
	_, err = late.SaveSelf(f.ctx, f.other, 2026, nghean, v.Filing.Version, nil, false, "")
	if err == nil || !strings.Contains(err.Error(), "hết hạn") {
		t.Fatalf("saving after the deadline: %v", err)
	}

	in := app.ExtensionInput{UnitID: nghean, Kind: cluster.DeadlineSelfAssessment, Until: day("2026-12-17"), Reason: "Đơn vị bị ảnh hưởng bão số 10, mất điện nhiều ngày"}
	_, err = late.ExtendDeadline(f.ctx, f.other, 2026, in)
	wantCode(t, err, errs.Forbidden)
	_, err = late.DeadlineExtensions(f.ctx, f.other, 2026)
	wantCode(t, err, errs.Forbidden)
	bad := in
	bad.Reason = " "
	_, err = late.ExtendDeadline(f.ctx, f.board, 2026, bad)
	wantField(t, err, "reason")
	bad = in
	bad.Until = day("2026-12-09")
	_, err = late.ExtendDeadline(f.ctx, f.board, 2026, bad)
	wantField(t, err, "until")
	bad = in
	bad.UnitID = 0
	_, err = late.ExtendDeadline(f.ctx, f.board, 2026, bad)
	wantField(t, err, "unit_id")
	if ev, err := late.DeadlineExtensions(f.ctx, f.board, 2026); err != nil || len(ev.Extensions) != 0 {
		t.Fatalf("refused extensions wrote: %+v %v", ev.Extensions, err)
	}

	first, err := late.ExtendDeadline(f.ctx, f.board, 2026, in)
	if err != nil {
		t.Fatal(err)
	}
	v, err = late.Filing(f.ctx, f.other, 2026, nghean)
	if err != nil {
		t.Fatal(err)
	}
	if v.Closed || !v.CanEdit || v.Deadline == nil || !v.Deadline.Equal(day("2026-12-17")) || v.Extension == nil || v.Extension.Reason != in.Reason {
		t.Fatalf("Nghệ An's filing after the extension: closed %v, deadline %v, extension %+v", v.Closed, v.Deadline, v.Extension)
	}
	if _, err = late.SaveSelf(f.ctx, f.other, 2026, nghean, v.Filing.Version, nil, false, ""); err != nil {
		t.Fatalf("saving within the extension: %v", err)
	}
	// Only Nghệ An's deadline moved.
	if hv, err := late.Filing(f.ctx, f.officerOf(hue), 2026, hue); err != nil || !hv.Closed {
		t.Fatalf("Huế on 12/12: closed %v, %v", hv.Closed, err)
	}

	h, err := late.Home(f.ctx, f.other)
	if err != nil {
		t.Fatal(err)
	}
	d := deadlineOf(h, cluster.DeadlineSelfAssessment)
	if !d.Date.Equal(day("2026-12-17")) || d.Overdue || d.YearDate == nil || !d.YearDate.Equal(day("2026-12-10")) ||
		!strings.Contains(d.ExtensionNote(), "Được gia hạn đến 17/12/2026") || !strings.Contains(d.ExtensionNote(), in.Reason) {
		t.Fatalf("Nghệ An's filing deadline on its home: %+v (%s)", d, d.ExtensionNote())
	}
	if ft := tasksOf(h, app.TaskFiling); len(ft) != 1 || ft[0].Urgency != app.UrgencyDue || ft[0].DaysLeft != 5 ||
		!strings.Contains(ft[0].Detail, in.Reason) {
		t.Fatalf("Nghệ An's filing task on 12/12:%s", dumpTasks(h))
	}

	// A second extension is a new row; the first stays, superseded.
	in.Until, in.Reason = day("2026-12-15"), "Hội đồng điều chỉnh lại thời hạn gia hạn"
	second, err := late.ExtendDeadline(f.ctx, f.board, 2026, in)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := late.DeadlineExtensions(f.ctx, f.board, 2026)
	if err != nil || len(ev.Extensions) != 2 || ev.Extensions[0].ID != second.ID || ev.InForce(ev.Extensions[1]) || !ev.InForce(ev.Extensions[0]) {
		t.Fatalf("extensions: %+v %v", ev.Extensions, err)
	}
	if ev.Extensions[1].ID != first.ID || ev.Extensions[1].FullName == "" {
		t.Fatalf("the first extension on record: %+v", ev.Extensions[1])
	}
	if v, _ = late.Filing(f.ctx, f.other, 2026, nghean); !v.Deadline.Equal(day("2026-12-15")) {
		t.Fatalf("the newest extension is in force: %v", v.Deadline)
	}
	hist, err := f.UnitHistory(f.ctx, f.board, nghean)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range hist {
		if e.Action == "extend_deadline" {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("audited extensions: %d", n)
	}

	// A review deadline extended for Thanh Hóa moves the deputy's task
	// to review it (20/12 → 28/12), and only that one.
	ids = f.ids(t, "Thanh Hóa", "Hà Tĩnh")
	if _, err := f.ExtendDeadline(f.ctx, f.board, 2026, app.ExtensionInput{UnitID: ids[0], Kind: cluster.DeadlineReview,
		Until: day("2026-12-28"), Reason: "Chờ kết quả xác minh"}); err != nil {
		t.Fatal(err)
	}
	h, err = f.Home(f.ctx, f.officerOf(ids[1]))
	if err != nil {
		t.Fatal(err)
	}
	if rv := tasksOf(h, app.TaskReview); len(rv) != 1 || rv[0].UnitID != ids[0] || rv[0].DaysLeft != 32 {
		t.Fatalf("Hà Tĩnh's review of Thanh Hóa after the extension:%s", dumpTasks(h))
	}

	// Registration: overdue on 26/11 until extended.
	h, _ = f.Home(f.ctx, f.other)
	reg := deadlineOf(h, cluster.DeadlineRegistration)
	if reg.Date.IsZero() || !reg.Overdue {
		t.Fatalf("Nghệ An's registration deadline: %+v", reg)
	}
	r := cluster.Registration{Year: 2026, UnitID: nghean, CollectiveTitle: award.TapTheLaoDongXuatSac}
	_, err = f.SaveRegistration(f.ctx, f.other, r)
	if err == nil || !strings.Contains(err.Error(), "hết hạn") {
		t.Fatalf("registering late: %v", err)
	}
	if _, err := f.ExtendDeadline(f.ctx, f.board, 2026, app.ExtensionInput{UnitID: nghean, Kind: cluster.DeadlineRegistration,
		Until: day("2026-11-30"), Reason: "Đơn vị mới sáp nhập"}); err != nil {
		t.Fatal(err)
	}
	if _, err = f.SaveRegistration(f.ctx, f.other, r); err != nil {
		t.Fatalf("registering within the extension: %v", err)
	}
}

// TestWorkingDays: the board's calendar changes the working days left on
// a unit's home page; a unit officer cannot change it; every change is
// audited.
func TestWorkingDays(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	filingTask := func() app.Task {
		t.Helper()
		h, err := f.Home(f.ctx, f.other)
		if err != nil {
			t.Fatal(err)
		}
		ft := tasksOf(h, app.TaskFiling)
		if len(ft) != 1 {
			t.Fatalf("Nghệ An's home:%s", dumpTasks(h))
		}
		return ft[0]
	}
	// 26/11/2026 (Thursday) to 10/12/2026: 14 days, 10 working days.
	if ft := filingTask(); ft.DaysLeft != 14 || ft.WorkingDaysLeft != 10 || ft.WorkLabel() != "còn 10 ngày làm việc" {
		t.Fatalf("before any holiday: %+v", ft)
	}
	holiday := calendar.Day{Date: day("2026-12-01"), Kind: calendar.Holiday, Note: "Nghỉ lễ (thử)"}
	wantCode(t, f.SetCalendarDay(f.ctx, f.other, holiday), errs.Forbidden)
	wantField(t, f.SetCalendarDay(f.ctx, f.board, calendar.Day{Date: day("2026-12-07"), Kind: calendar.Workday}), "date")
	if err := f.SetCalendarDay(f.ctx, f.board, holiday); err != nil {
		t.Fatal(err)
	}
	if ft := filingTask(); ft.WorkingDaysLeft != 9 {
		t.Fatalf("with a holiday: %+v", ft)
	}
	if err := f.SetCalendarDay(f.ctx, f.board, calendar.Day{Date: day("2026-12-05"), Kind: calendar.Workday, Note: "Làm bù"}); err != nil {
		t.Fatal(err)
	}
	if ft := filingTask(); ft.WorkingDaysLeft != 10 {
		t.Fatalf("with a make-up Saturday: %+v", ft)
	}
	wantCode(t, f.DeleteCalendarDay(f.ctx, f.other, day("2026-12-01")), errs.Forbidden)
	if err := f.DeleteCalendarDay(f.ctx, f.board, day("2026-12-01")); err != nil {
		t.Fatal(err)
	}
	wantCode(t, f.DeleteCalendarDay(f.ctx, f.board, day("2026-12-01")), errs.NotFound)
	if ft := filingTask(); ft.WorkingDaysLeft != 11 {
		t.Fatalf("holiday removed, make-up Saturday kept: %+v", ft)
	}
	cv, err := f.Calendar(f.ctx, f.other, 2026)
	if err != nil || len(cv.Days) != 1 || cv.Days[0].Kind != calendar.Workday || cv.CanEdit {
		t.Fatalf("the calendar as an officer reads it: %+v %v", cv, err)
	}
	var n int64
	if err := f.Store.ScanForTest(&n, `SELECT count(*) FROM audit_log WHERE entity = 'calendar_day'`); err != nil || n != 3 {
		t.Fatalf("audited calendar changes: %d %v", n, err)
	}
}
