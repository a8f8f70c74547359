package app

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"thidua/internal/auth"
	"thidua/internal/errs"
	"thidua/internal/scoring"
	"thidua/internal/store"
	"thidua/internal/xlsx"
)

// Self-assessment workbooks: the unit downloads its filing as a protected
// template, fills it offline and uploads it; the upload is checked in
// full and, confirmed, saved as the unit's draft in one transaction.

// SelfWorkbook is the unit's self-assessment template, prefilled with what
// it has saved, for those who may file it.
func (a *App) SelfWorkbook(ctx context.Context, p auth.Principal, year int, unitID int64) (xlsx.SelfDoc, error) {
	v, _, err := a.filingFor(ctx, &a.store.Q, p, auth.FileSelf, year, unitID)
	if err != nil {
		return xlsx.SelfDoc{}, err
	}
	return xlsx.SelfDoc{UnitID: v.Unit.ID, UnitCode: v.Unit.Code, UnitName: v.Unit.Name, Year: year, TableID: v.Info.ID,
		TableName: v.Info.Name, TableVersion: v.Info.VersionNo, StatusLabel: v.Filing.Status.Label(), Deadline: v.Deadline,
		Table: v.Table, Entries: v.Filing.Self, Off: switchedOff(v)}, nil
}

func switchedOff(v FilingView) map[int64]string {
	off := map[int64]string{}
	for id, adj := range v.Adjustments {
		if adj.Share == 0 {
			off[id] = adj.Reason
		}
	}
	return off
}

// SelfImport is the outcome of checking (and, confirmed, saving) a
// self-assessment workbook. Problems: nothing was written. Version is the
// filing's version the summary was made on: the confirm step sends it
// back, so a filing changed in between is not overwritten unseen.
type SelfImport struct {
	UnitID   int64          `json:"unit_id"`
	UnitName string         `json:"unit_name"`
	Year     int            `json:"year"`
	Summary  ImportCounts   `json:"summary"`
	Problems []xlsx.Problem `json:"problems,omitempty"`
	Version  int            `json:"version"`
	Saved    bool           `json:"saved"`
}

// SelfImportInput is an uploaded self-assessment workbook: a fresh file,
// or on the confirm step the same bytes sent back with the filing's
// version the summary was made on.
type SelfImportInput struct {
	File     []byte
	Size     int64 // as declared; a file over the limit is refused unread
	FileName string
	Version  int // used only on confirm
	Confirm  bool
}

// ImportSelf reads an uploaded self-assessment workbook and checks it, in
// full, against the unit's filing; when in.Confirm is set and nothing is
// wrong it saves it as the draft, in the same transaction. A file that is
// not the unit's template (not a workbook, another unit, year or table)
// is refused with errs.Invalid and the reason on "file"; the outcome still
// names the unit for the form shown again.
func (a *App) ImportSelf(ctx context.Context, p auth.Principal, year int, unitID int64, in SelfImportInput) (SelfImport, error) {
	out := SelfImport{UnitID: unitID, Year: year}
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		v, t, err := a.filingFor(ctx, tx, p, auth.FileSelf, year, unitID)
		if err != nil {
			return err
		}
		out.UnitName, out.Version = v.Unit.Name, v.Filing.Version
		up, read, err := xlsx.ReadSelf(bytes.NewReader(in.File), in.Size)
		if err != nil {
			return err
		}
		confirm := in.Confirm && len(read) == 0
		if confirm && v.Filing.Version != in.Version {
			return store.ErrFilingChanged
		}
		if err := a.unitMayEdit(v); err != nil {
			return err
		}
		target := xlsx.SelfTarget{UnitID: unitID, UnitName: v.Unit.Name, Year: year, TableID: v.Info.ID, TableName: v.Info.Name, TableVersion: v.Info.VersionNo}
		if msg := up.Mismatch(target); msg != "" {
			return &errs.Error{Code: errs.Invalid, Message: msg, Fields: map[string]string{"file": msg}}
		}
		entries, problems := xlsx.SelfEntries(up, v.Table, switchedOff(v))
		out.Problems = xlsx.SortPeopleProblems(append(read, problems...))
		merged := make(map[int64]scoring.Entry, len(v.Filing.Self))
		for id, e := range v.Filing.Self {
			merged[id] = e
		}
		for id, e := range entries {
			old, had := v.Filing.Self[id]
			switch {
			case emptyEntry(e) && (!had || emptyEntry(old)):
				out.Summary.Unchanged++
			case !had || emptyEntry(old):
				out.Summary.Created++
			case sameEntry(old, e):
				out.Summary.Unchanged++
			default:
				out.Summary.Updated++
			}
			if emptyEntry(e) {
				delete(merged, id)
			} else {
				merged[id] = e
			}
		}
		if len(out.Problems) > 0 || !confirm {
			return nil
		}
		reason := "Nhập từ tệp Excel"
		if name := strings.TrimSpace(in.FileName); name != "" {
			reason += fmt.Sprintf(" “%s”", name)
		}
		saved, err := a.saveSelf(ctx, tx, p, v, t, merged, false, reason)
		if err != nil {
			return err
		}
		out.Version, out.Saved = saved.Filing.Version, true
		return nil
	})
	return out, err
}

func emptyEntry(e scoring.Entry) bool {
	return e.Score == nil && e.Numerator == nil && e.Denominator == nil && !e.NotArisen && e.Explanation == "" && e.Evidence == ""
}

func sameEntry(a, b scoring.Entry) bool {
	eq := func(x, y *float64) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	return eq(a.Score, b.Score) && eq(a.Numerator, b.Numerator) && eq(a.Denominator, b.Denominator) &&
		a.NotArisen == b.NotArisen && a.Explanation == b.Explanation && a.Evidence == b.Evidence
}
