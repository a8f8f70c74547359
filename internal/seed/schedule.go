package seed

import (
	"fmt"
	"time"
)

// Schedule lays the demo's current year out around the day it is seeded,
// so the demo can be started on any day and a unit can still file: the
// year-end work the demo shows (tables published, filings, reviews,
// proposals, the flag vote) happened over the 25 days before, and the
// deadlines still to come fall after it.
type Schedule struct {
	// Year is the emulation year being closed: the calendar year from
	// October, the year before until then (a year closes into the next
	// spring).
	Year int
	// Today is the seeding day in Vietnam.
	Today time.Time
	// SelfAssessmentDeadline, ReviewDeadline and ProposalDeadline are the
	// current year's last days for filing, reviewing and proposing.
	SelfAssessmentDeadline, ReviewDeadline, ProposalDeadline time.Time
	// PublishFrom and PublishUntil bound the comment window on proposals.
	PublishFrom, PublishUntil time.Time
}

// FirstDemoYear is the earliest current year the demo can show: its
// clusters are those of the 34 provinces formed on 1/7/2025.
const FirstDemoYear = 2026

// The deadlines' distance from the seeding day, in days.
const (
	filingDaysLeft   = 14
	reviewDaysLeft   = 24
	proposalDaysLeft = 34
	// closingDays is how many days of year-end work the demo has behind
	// it: its steps are written as days 1–25 of that stretch.
	closingDays = 25
)

// DemoSchedule is the demo's layout for a seeding clock at now. It refuses
// a day before the first demo year's closing starts (1/10/2026).
func DemoSchedule(now time.Time) (Schedule, error) {
	t := now.In(ict)
	today := date(t.Year(), t.Month(), t.Day())
	year := today.Year()
	if today.Month() < time.October {
		year--
	}
	if year < FirstDemoYear {
		return Schedule{}, fmt.Errorf("seed: the demo is laid out from 01/10/%d on; the clock says %s", FirstDemoYear, today.Format("02/01/2006"))
	}
	s := Schedule{Year: year, Today: today,
		SelfAssessmentDeadline: today.AddDate(0, 0, filingDaysLeft),
		ReviewDeadline:         today.AddDate(0, 0, reviewDaysLeft),
		ProposalDeadline:       today.AddDate(0, 0, proposalDaysLeft),
	}
	s.PublishFrom, s.PublishUntil = s.Day(20), s.SelfAssessmentDeadline
	return s, nil
}

// Day is day n (1–25) of the closing stretch, as a date: day 25 is the day
// before the seeding day.
func (s Schedule) Day(n int) time.Time {
	return s.Today.AddDate(0, 0, n-closingDays-1)
}

// At is day n of the closing stretch at hour:minute, Vietnam time.
func (s Schedule) At(n, hour, minute int) time.Time {
	d := s.Day(n)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, ict)
}

// shift moves a year of the demo's recent history, written as seen from
// 2026, to the same distance from the current year.
func (s Schedule) shift(y int) int { return y + s.Year - FirstDemoYear }

// shiftDate moves a date of the recent history the same way.
func (s Schedule) shiftDate(d time.Time) time.Time { return d.AddDate(s.Year-FirstDemoYear, 0, 0) }

// FixtureClock is when the tests' demo fixture is seeded: its closing
// stretch is 1–25/11/2026, filing closes on 10/12/2026.
var FixtureClock = time.Date(2026, 11, 26, 8, 0, 0, 0, ict)

// FixtureSchedule is the schedule of FixtureClock.
var FixtureSchedule = func() Schedule {
	s, err := DemoSchedule(FixtureClock)
	if err != nil {
		panic(err)
	}
	return s
}()
