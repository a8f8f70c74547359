// Package limits holds the sensible range of the numbers and dates the app
// records, and the checks that say so in Vietnamese, naming the field. The
// domain packages call them, so a value outside what a column can hold,
// or outside what the thing it measures can be, is a field error and never
// reaches the database.
package limits

import (
	"math"
	"strconv"
	"strings"
	"time"

	"thidua/internal/errs"
)

// Points: a criterion's maximum, a score, a bonus or deduction. A criteria
// table totals 100 or a few hundred points; the columns hold less than a
// million.
const MaxPoints = 1000

// Figure: what an indicator counts (cases, files, people), numerator or
// denominator. The busiest unit counts in the tens of thousands a year;
// the columns hold less than 10¹².
const MaxFigure = 1_000_000_000

// Target: an indicator's target, a percentage or a count.
const MaxTarget = 1_000_000

// People: a count of people (an electorate, votes cast). The sector has
// about 15 000 people; int4 holds 2 147 483 647.
const MaxPeople = 1_000_000

// FirstDay is the earliest date the app records for anything but a birth
// date: 2 September 1945, the founding of the state.
var FirstDay = time.Date(1945, 9, 2, 0, 0, 0, 0, time.UTC)

// FirstBirthDay is the earliest birth date of a serving officer.
var FirstBirthDay = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// LastDay is the latest date the app records: the end of 2100, the last
// emulation year the schema allows.
var LastDay = time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC)

// Number adds a message to f when v is not a finite number between lo and
// hi (inclusive). label names the field for the user.
func Number(f errs.Fields, field, label string, v, lo, hi float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < lo || v > hi {
		f.Add(field, label+" phải là một số từ "+FormatNumber(lo)+" đến "+FormatNumber(hi)+".")
	}
}

// NumberPtr is Number for an optional value.
func NumberPtr(f errs.Fields, field, label string, v *float64, lo, hi float64) {
	if v != nil {
		Number(f, field, label, *v, lo, hi)
	}
}

// Int adds a message to f when v is outside lo..hi.
func Int(f errs.Fields, field, label string, v, lo, hi int64) {
	if v < lo || v > hi {
		f.Add(field, label+" phải từ "+FormatNumber(float64(lo))+" đến "+FormatNumber(float64(hi))+".")
	}
}

// Date adds a message to f when t is set and outside first..LastDay.
func Date(f errs.Fields, field, label string, t time.Time, first time.Time) {
	if t.IsZero() {
		return
	}
	if t.Before(first) || t.After(LastDay) {
		f.Add(field, label+" phải trong khoảng từ "+first.Format("02/01/2006")+" đến "+LastDay.Format("02/01/2006")+".")
	}
}

// DatePtr is Date for an optional date.
func DatePtr(f errs.Fields, field, label string, t *time.Time, first time.Time) {
	if t != nil {
		Date(f, field, label, *t, first)
	}
}

// Finite reports whether v is a number (not NaN or ±Inf), as parsed from
// "NaN" or "Inf" by strconv.
func Finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// FormatNumber writes a number the Vietnamese way, to two decimals at
// most: 1.234,5; 1.000.000.
func FormatNumber(v float64) string {
	neg := v < 0
	v = math.Abs(math.Round(v*100) / 100)
	if v < 1000 && v == math.Trunc(v) { // most points and figures: no separator, no decimals
		if neg {
			return "-" + strconv.Itoa(int(v))
		}
		return strconv.Itoa(int(v)) // 0–99 without allocating
	}
	return formatRounded(neg, v)
}

// formatRounded writes v, already rounded to hundredths and not negative,
// with thousands separated and the sign neg.
func formatRounded(neg bool, v float64) string {
	whole, frac, _ := strings.Cut(strconv.FormatFloat(v, 'f', 2, 64), ".")
	frac = strings.TrimRight(frac, "0")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// Attachments (tệp đính kèm of a dossier). A scanned tờ trình or biên bản
// of a few pages is 1–5 MB; a báo cáo thành tích with photographs of
// evidence can reach 15. A dossier holds a handful of parts, each with a
// few versions; the bundle sent up must still travel as one file.
const (
	// MaxAttachmentBytes is the largest file one upload may carry.
	MaxAttachmentBytes = 20 << 20
	// MaxDossierBytes is the most the files of one record (a proposal's
	// dossier, a decision, an entry) may hold together, every version
	// counted: versions are kept, so they count.
	MaxDossierBytes = 200 << 20
	// MaxDocxUnzipped is the most a DOCX may unzip to. A 300-page report
	// of text and compressed pictures unzips to a few tens of MB.
	MaxDocxUnzipped = 100 << 20
	// MaxDocxRatio is the most any part of a DOCX may expand by. XML text
	// deflates 5–20×; a zip bomb expands by hundreds or thousands.
	MaxDocxRatio = 100
	// MaxDocxParts is the most parts (files in the zip) a DOCX may hold.
	MaxDocxParts = 5000
)

// MB says a byte count in whole megabytes, Vietnamese style ("20 MB").
func MB(n int64) string { return strconv.FormatInt(n>>20, 10) + " MB" }
