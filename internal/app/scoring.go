package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/limits"
	"thidua/internal/org"
	"thidua/internal/scoring"
	"thidua/internal/store"
)

// tableTarget is the authorisation target of a table: a bloc table is
// its province's council's, every other table the sector board's.
func (a *App) tableTarget(ctx context.Context, tx *store.Q, info scoring.TableInfo) (auth.Target, error) {
	t := auth.Target{Year: info.Year}
	if info.ClusterID != nil {
		c, err := tx.Cluster(ctx, *info.ClusterID)
		if err != nil {
			return t, err
		}
		t.Cluster = facts(c)
	}
	return t, nil
}

// Tables lists a year's criteria tables.
func (a *App) Tables(ctx context.Context, p auth.Principal, year int) ([]scoring.TableInfo, error) {
	if err := auth.Authorize(p, auth.ViewClusters, auth.Target{Year: year}); err != nil {
		return nil, err
	}
	ts, err := a.store.Tables(ctx, year)
	return ts, err
}

// TableDetail is a table with its header.
type TableDetail struct {
	Info  scoring.TableInfo `json:"info"`
	Table scoring.Table     `json:"table"`
}

// Table returns a table with its rows.
func (a *App) Table(ctx context.Context, p auth.Principal, id int64) (TableDetail, error) {
	info, err := a.store.TableInfo(ctx, id)
	if err != nil {
		return TableDetail{}, err
	}
	if err := auth.Authorize(p, auth.ViewClusters, auth.Target{Year: info.Year}); err != nil {
		return TableDetail{}, err
	}
	t, err := a.store.Table(ctx, id)
	return TableDetail{Info: info, Table: t}, err
}

// SaveTable creates a table (info.ID 0) or replaces an unfrozen table's
// rows. Rows name their parent by position (scoring.Table.Positional). A
// table that a unit has submitted against is frozen: change it with
// NewTableVersion, which records why.
func (a *App) SaveTable(ctx context.Context, p auth.Principal, in scoring.TableInfo, t scoring.Table) (scoring.TableInfo, error) {
	info, out := in, scoring.TableInfo{}
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		target, err := a.tableTarget(ctx, tx, info)
		if err != nil {
			return err
		}
		if err := auth.Authorize(p, auth.ManageTables, target); err != nil {
			return err
		}
		if info.ID != 0 { // whoever edits a table must also own it as it is stored
			cur, err := tx.TableInfo(ctx, info.ID)
			if err != nil {
				return err
			}
			curTarget, err := a.tableTarget(ctx, tx, cur)
			if err != nil {
				return err
			}
			if err := auth.Authorize(p, auth.ManageTables, curTarget); err != nil {
				return err
			}
		}
		info.Name = strings.TrimSpace(info.Name)
		if info.Kind == "" {
			info.Kind = "main"
		}
		if info.Level == "" {
			info.Level = string(cluster.National)
		}
		t.Name = info.Name
		if err := validateInfo(info, t); err != nil {
			return err
		}
		if info.Kind == "main" && info.ID == 0 {
			existing, err := tx.Tables(ctx, info.Year)
			if err != nil {
				return err
			}
			for _, e := range existing {
				if !e.Superseded && e.Kind == "main" && e.Level == info.Level && e.UnitType == info.UnitType && ptrEq(e.ClusterID, info.ClusterID) {
					return errs.New(errs.Invalid, "Năm %d đã có bảng tiêu chí chính cho phạm vi này (%s); hãy sửa bảng đó hoặc tạo phiên bản mới.", info.Year, e.Name)
				}
			}
		}
		if _, err := tx.Year(ctx, info.Year); err != nil {
			if errs.CodeOf(err) == errs.NotFound {
				return errs.Fields{"year": fmt.Sprintf("Chưa mở năm thi đua %d.", info.Year)}.Err()
			}
			return err
		}
		var before any
		if info.ID != 0 {
			cur, err := tx.TableInfo(ctx, info.ID)
			if err != nil {
				return err
			}
			started, err := tx.HasFilings(ctx, cur.ID)
			if err != nil {
				return err
			}
			if started {
				return errs.New(errs.Invalid, "Đã có đơn vị tự chấm điểm theo bảng tiêu chí này nên không sửa trực tiếp được; hãy tạo phiên bản mới và ghi lý do.")
			}
			before = cur
		}
		if out, err = tx.SaveTable(ctx, info, t, p.UserID); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, map[bool]string{true: "create", false: "update"}[before == nil], "criteria_table", out.ID, "", before, out)
	})
	return out, err
}

// validateInfo checks a table's header and rows (rows name their parents
// by position).
func validateInfo(info scoring.TableInfo, t scoring.Table) error {
	f := errs.Fields{}
	if info.Kind != "main" && info.Kind != "campaign" {
		f.Add("kind", "Loại bảng phải là bảng chính (main) hoặc thi đua theo đợt (campaign).")
	}
	if info.Level != string(cluster.National) && info.Level != string(cluster.Bloc) {
		f.Add("level", "Phạm vi phải là cụm toàn quốc (national) hoặc khối trong tỉnh (bloc).")
	}
	if info.UnitType != "" && !org.UnitType(info.UnitType).Valid() {
		f.Add("unit_type", "Loại đơn vị không hợp lệ.")
	}
	scored := 0
	for i, c := range t.Criteria {
		if c.ParentID > int64(i) {
			f.Add(fmt.Sprintf("criteria.%d", i+1), fmt.Sprintf("Dòng %d (%s): nhóm cấp trên phải đứng trước tiêu chí.", i+1, c.Code))
		}
		if c.Scored() {
			scored++
		}
	}
	if scored == 0 {
		f.Add("criteria", "Bảng tiêu chí phải có ít nhất một tiêu chí chấm điểm.")
	}
	if err := f.Err(); err != nil {
		return err
	}
	return validatePositional(t)
}

// validatePositional validates a table whose rows name parents by position.
func validatePositional(t scoring.Table) error {
	check := t
	check.Criteria = make([]scoring.Criterion, len(t.Criteria))
	for i, c := range t.Criteria {
		c.ID = int64(i + 1) // positions as ids, so parents resolve
		check.Criteria[i] = c
	}
	return scoring.ValidateTable(check)
}

// NewTableVersion copies a table into a new version, with the reason,
// and supersedes the old one. Filings already made stay with the version
// they were made against.
func (a *App) NewTableVersion(ctx context.Context, p auth.Principal, id int64, reason string) (scoring.TableInfo, error) {
	reason = strings.TrimSpace(reason)
	var out scoring.TableInfo
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		info, err := tx.TableInfo(ctx, id)
		if err != nil {
			return err
		}
		target, err := a.tableTarget(ctx, tx, info)
		if err != nil {
			return err
		}
		if err := auth.Authorize(p, auth.ManageTables, target); err != nil {
			return err
		}
		if reason == "" {
			return errs.Fields{"change_reason": "Vui lòng ghi lý do tạo phiên bản mới của bảng tiêu chí."}.Err()
		}
		if info.Superseded {
			return errs.New(errs.Invalid, "Bảng tiêu chí này đã có phiên bản mới hơn.")
		}
		t, err := tx.Table(ctx, id)
		if err != nil {
			return err
		}
		next := info
		next.ID, next.VersionNo, next.PreviousID, next.ChangeReason, next.Superseded = 0, info.VersionNo+1, &info.ID, reason, false
		if out, err = tx.SaveTable(ctx, next, t.Positional(), p.UserID); err != nil {
			return err
		}
		if err := tx.SupersedeTable(ctx, id); err != nil {
			return err
		}
		if err := tx.CopyAdjustments(ctx, id, out.ID); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "version", "criteria_table", out.ID, reason, info, out)
	})
	return out, err
}

// CopyTable copies a table (last year's, usually) into another year.
func (a *App) CopyTable(ctx context.Context, p auth.Principal, id int64, year int) (scoring.TableInfo, error) {
	src, err := a.Table(ctx, p, id)
	if err != nil {
		return scoring.TableInfo{}, err
	}
	if year == 0 {
		year = src.Info.Year + 1
	}
	f := errs.Fields{}
	if validYear(f, year); len(f) > 0 {
		return scoring.TableInfo{}, f.Err()
	}
	info := src.Info
	info.ID, info.Year, info.VersionNo, info.PreviousID, info.ChangeReason, info.Superseded, info.ClusterID = 0, year, 1, nil, "", false, nil
	info.Name = strings.Replace(info.Name, fmt.Sprint(src.Info.Year), fmt.Sprint(year), 1)
	return a.SaveTable(ctx, p, info, src.Table.Positional())
}

// FilingView is a unit's filing with everything its pages show.
type FilingView struct {
	Unit        org.Unit                     `json:"unit"`
	Info        scoring.TableInfo            `json:"table_info"`
	Table       scoring.Table                `json:"table"`
	Filing      scoring.Filing               `json:"filing"`
	Adjustments map[int64]scoring.Adjustment `json:"adjustments"`
	Self        scoring.Result               `json:"self_result"`
	Reviewed    scoring.Result               `json:"reviewed_result"`
	Cluster     *cluster.Cluster             `json:"cluster"`
	Deadline    *time.Time                   `json:"deadline"`           // the unit's: the year's, or its extension's
	Extension   *store.DeadlineExtension     `json:"deadline_extension"` // the extension in force for the unit, if any
	CanEdit     bool                         `json:"can_edit"`           // the unit may change its own scores now
	CanReview   bool                         `json:"can_review"`         // p may review it now
	Closed      bool                         `json:"closed"`             // the deadline has passed for this filing
}

// Filing returns a unit's self-assessment for a year, against the table
// that applies to it.
func (a *App) Filing(ctx context.Context, p auth.Principal, year int, unitID int64) (FilingView, error) {
	v, _, err := a.filingFor(ctx, &a.store.Q, p, auth.ViewFiling, year, unitID)
	return v, err
}

// filingFor loads a unit's filing for p, authorised for act, with what
// its pages show (derive).
func (a *App) filingFor(ctx context.Context, tx *store.Q, p auth.Principal, act auth.Action, year int, unitID int64) (FilingView, auth.Target, error) {
	v, t, err := a.loadFiling(ctx, tx, p, act, year, unitID)
	if err == nil {
		a.derive(&v, p, t)
	}
	return v, t, err
}

// loadFiling is filingFor without the results and flags, which a write
// works out once on the filing it writes (writeFiling). The view costs one
// statement whatever the number of units: the unit with its path,
// cluster, year and extension, and the filing with its table; p is
// authorised on the unit year before anything of the filing is used.
func (a *App) loadFiling(ctx context.Context, tx *store.Q, p auth.Principal, act auth.Action, year int, unitID int64) (FilingView, auth.Target, error) {
	uy, sheet, found, err := tx.UnitFiling(ctx, year, unitID)
	if err != nil {
		return FilingView{}, auth.Target{}, err
	}
	t := auth.Target{UnitPath: uy.Path, Year: year}
	if uy.Cluster != nil {
		t.Cluster = facts(*uy.Cluster)
	}
	if err := auth.Authorize(p, act, t); err != nil {
		return FilingView{}, t, err
	}
	v := FilingView{Unit: uy.Unit, Cluster: uy.Cluster}
	if uy.Cluster == nil {
		return v, t, errs.New(errs.NotFound, "%s không thuộc cụm, khối thi đua nào trong năm %d nên chưa có bảng tiêu chí để chấm.", uy.Unit.Name, year)
	}
	if !found {
		return v, t, errs.New(errs.NotFound, "Chưa có bảng tiêu chí chấm điểm năm %d áp dụng cho đơn vị này.", year)
	}
	v.Info, v.Table, v.Filing, v.Adjustments = sheet.Info, sheet.Table, sheet.Filing, sheet.Adjustments
	if uy.Year == nil {
		return v, t, errs.New(errs.NotFound, "Không tìm thấy năm thi đua.")
	}
	dl := deadlinesOf(*uy.Year, uy.Extensions)[cluster.DeadlineSelfAssessment]
	v.Deadline, v.Extension = dl.Date, dl.Extension
	return v, t, nil
}

// derive computes what the view shows from its filing as it stands: the
// results, and what p may do now.
func (a *App) derive(v *FilingView, p auth.Principal, t auth.Target) {
	v.Self = scoring.Evaluate(v.Table, v.Filing.Self, v.Adjustments)
	if len(v.Filing.Review) == 0 {
		// No ruling: the reviewed entries are the unit's own (a copy), and
		// Evaluate of the same entries is the same result.
		v.Reviewed = v.Self
	} else {
		v.Reviewed = scoring.Evaluate(v.Table, v.Filing.ReviewedEntries(), v.Adjustments)
	}
	v.Closed = a.pastDeadline(*v)
	v.CanEdit = auth.Can(p, auth.FileSelf, t) && v.Filing.Status.UnitMayEdit() && !v.Closed
	v.CanReview = auth.Can(p, auth.ReviewFiling, t) && v.Filing.Status.ReviewerMayEdit()
}

// pastDeadline: a first submission is due by the board's deadline (the
// unit's extension when it has one); a filing the head returned may be
// corrected after it.
func (a *App) pastDeadline(v FilingView) bool {
	return v.Deadline != nil && v.Filing.Status != scoring.Returned && a.Today().After(*v.Deadline)
}

// SaveSelf saves a unit's own scores (draft), and submits them when
// submit is set. version is the filing's version as loaded.
func (a *App) SaveSelf(ctx context.Context, p auth.Principal, year int, unitID int64, version int, entries map[int64]scoring.Entry, submit bool, reason string) (FilingView, error) {
	return a.SaveSelfForm(ctx, p, year, unitID, version, entries, nil, submit, reason)
}

// SaveSelfForm is SaveSelf from a page's form: unread holds the numbers
// the form carried that could not be read (by criterion, then input "n",
// "d" or "s"), refused with each named by its criterion's code.
//
// It opens no transaction: it reads once and writes once, and its one
// write (SaveFiling's statement) is all or nothing by itself and lands
// only if the filing is still at the version read, so a transaction
// would add its BEGIN and COMMIT round trips and nothing else (at READ
// COMMITTED the read and the write see different snapshots either way).
func (a *App) SaveSelfForm(ctx context.Context, p auth.Principal, year int, unitID int64, version int, entries map[int64]scoring.Entry, unread Unread, submit bool, reason string) (FilingView, error) {
	q := &a.store.Q
	v, t, err := a.filingForWrite(ctx, q, p, auth.FileSelf, year, unitID, version)
	if err != nil {
		return FilingView{}, err
	}
	if err := unread.check(v.Table); err != nil {
		return FilingView{}, err
	}
	return a.saveSelf(ctx, q, p, v, t, entries, submit, reason)
}

// unitMayEdit refuses a change to a filing the unit cannot change now.
func (a *App) unitMayEdit(v FilingView) error {
	switch {
	case !v.Filing.Status.UnitMayEdit():
		return errs.New(errs.Invalid, "Bản tự chấm điểm đang ở trạng thái “%s” nên đơn vị không sửa được; chỉ khi Cụm trưởng trả lại mới sửa tiếp được.", v.Filing.Status.Label())
	case a.pastDeadline(v):
		return errs.New(errs.Invalid, "Đã hết hạn nộp bản tự chấm điểm (%s).", v.Deadline.Format("02/01/2006"))
	}
	return nil
}

// saveSelf is SaveSelf within its transaction, on the filing as loaded.
func (a *App) saveSelf(ctx context.Context, tx *store.Q, p auth.Principal, v FilingView, t auth.Target, entries map[int64]scoring.Entry, submit bool, reason string) (FilingView, error) {
	if err := a.unitMayEdit(v); err != nil {
		return v, err
	}
	f := v.Filing
	clean := make(map[int64]scoring.Entry, len(entries))
	for _, c := range v.Table.Criteria {
		if e, ok := entries[c.ID]; ok && c.Method != scoring.Group {
			e.CriterionID = c.ID
			e.Explanation, e.Evidence = strings.TrimSpace(e.Explanation), strings.TrimSpace(e.Evidence)
			clean[c.ID] = e
		}
	}
	if err := scoring.ValidateEntries(v.Table, clean); err != nil {
		return v, err
	}
	changes := diffSelf(v.Table, f, clean, p.UserID, reason)
	before := f.Status
	f.Self = clean
	if f.Status == scoring.NotStarted {
		f.Status = scoring.Draft
	}
	if submit {
		if missing := scoring.Missing(v.Table, clean, v.Adjustments); len(missing) > 0 {
			codes := make([]string, 0, len(missing))
			for _, c := range missing {
				codes = append(codes, c.Code)
			}
			return v, errs.New(errs.Invalid, "Chưa nộp được: còn %d tiêu chí chưa chấm hoặc chưa ghi “không phát sinh” (%s).", len(missing), strings.Join(codes, ", "))
		}
		now := a.Now().UTC()
		if f.Status == scoring.Returned && len(f.Review) > 0 {
			f.Review = map[int64]scoring.Review{} // the corrected filing is reviewed afresh
			changes = append(changes, store.ScoreChange{Side: "review", Field: "rulings", OldValue: fmt.Sprintf("%d dòng", len(v.Filing.Review)),
				NewValue: "xóa để thẩm định lại", Reason: "Đơn vị nộp lại sau khi bị trả lại", ChangedBy: nullable(p.UserID)})
		}
		f.Status, f.SubmittedAt = scoring.Submitted, &now
	}
	if f.Status != before {
		changes = append(changes, statusChange(f, before, p.UserID, reason))
	}
	return a.writeFiling(ctx, tx, p, t, v, f, changes)
}

// ReviewAction is what the reviewer does with a filing.
type ReviewAction string

const (
	ReviewSave   ReviewAction = "save"   // keep the reviewed scores, decide later
	ReviewReturn ReviewAction = "return" // trả lại: back to the unit, with a reason
	ReviewAccept ReviewAction = "accept" // the review is done
)

// ReviewFiling records the reviewer's scores on a submitted filing and
// saves, returns or accepts it.
func (a *App) ReviewFiling(ctx context.Context, p auth.Principal, year int, unitID int64, version int, reviews map[int64]scoring.Review, action ReviewAction, reason string) (FilingView, error) {
	return a.ReviewFilingForm(ctx, p, year, unitID, version, reviews, nil, action, reason)
}

// ReviewFilingForm is ReviewFiling from the review page's form, with the
// numbers it could not read (see SaveSelfForm).
func (a *App) ReviewFilingForm(ctx context.Context, p auth.Principal, year int, unitID int64, version int, reviews map[int64]scoring.Review, unread Unread, action ReviewAction, reason string) (FilingView, error) {
	reason = strings.TrimSpace(reason)
	var out FilingView
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		v, t, err := a.filingForWrite(ctx, tx, p, auth.ReviewFiling, year, unitID, version)
		if err != nil {
			return err
		}
		if err := unread.check(v.Table); err != nil {
			return err
		}
		f := v.Filing
		switch {
		case !f.Status.ReviewerMayEdit():
			return errs.New(errs.Invalid, "Chỉ thẩm định được bản đã nộp; bản này đang ở trạng thái “%s”.", f.Status.Label())
		case action == ReviewReturn && reason == "":
			return errs.Fields{"reason": "Vui lòng ghi lý do trả lại để đơn vị biết cần sửa gì."}.Err()
		}
		clean := scoring.Rulings(v.Table, f.Self, reviews)
		if err := scoring.ValidateReviews(v.Table, clean); err != nil {
			return err
		}
		changes := diffReview(v.Table, f, clean, p.UserID, reason)
		before := f.Status
		f.Review = clean
		now := a.Now().UTC()
		switch action {
		case ReviewReturn:
			f.Status, f.ReturnedAt, f.ReturnReason = scoring.Returned, &now, reason
		case ReviewAccept:
			f.Status, f.ReviewedAt = scoring.Reviewed, &now
		}
		if f.Status != before {
			changes = append(changes, statusChange(f, before, p.UserID, reason))
		}
		if out, err = a.writeFiling(ctx, tx, p, t, v, f, changes); err != nil {
			return err
		}
		if f.Status != before && (action == ReviewReturn || action == ReviewAccept) {
			return a.notifyUnit(ctx, tx, p.UserID, unitID, filingNotice(v, action, reason))
		}
		return nil
	})
	return out, err
}

// filingNotice tells a unit its filing was returned or accepted. The key
// names the filing's version as loaded: each return is its own event.
func filingNotice(v FilingView, action ReviewAction, reason string) store.NewNotification {
	n := store.NewNotification{Key: fmt.Sprintf("filing:%d:v%d:%s", v.Filing.ID, v.Filing.Version, action),
		Link: fmt.Sprintf("/years/%d/filing", v.Info.Year)}
	if action == ReviewReturn {
		n.Kind = NotifyReturned
		n.Title = fmt.Sprintf("Bản tự chấm điểm thi đua năm %d của %s bị trả lại", v.Info.Year, v.Unit.Name)
		n.Body = "Lý do trả lại: " + reason + "\nĐơn vị sửa theo ý kiến thẩm định rồi nộp lại."
		return n
	}
	n.Kind = NotifyAccepted
	n.Title = fmt.Sprintf("Bản tự chấm điểm thi đua năm %d của %s đã được thẩm định", v.Info.Year, v.Unit.Name)
	n.Body = "Cụm trưởng đã thẩm định xong bản tự chấm điểm của đơn vị."
	return n
}

// filingForWrite loads a filing for a write by p: authorised for act, and
// still at the version the writer loaded. Its results and flags are not
// worked out (loadFiling).
func (a *App) filingForWrite(ctx context.Context, tx *store.Q, p auth.Principal, act auth.Action, year int, unitID int64, version int) (FilingView, auth.Target, error) {
	v, t, err := a.loadFiling(ctx, tx, p, act, year, unitID)
	if err == nil && v.Filing.Version != version {
		err = store.ErrFilingChanged
	}
	return v, t, err
}

// writeFiling stores a filing with its totals and its recorded changes,
// and returns the view as the write left it (nothing is read back).
func (a *App) writeFiling(ctx context.Context, tx *store.Q, p auth.Principal, t auth.Target, v FilingView, f scoring.Filing, changes []store.ScoreChange) (FilingView, error) {
	before := v.Filing
	v.Filing = f
	a.derive(&v, p, t)
	now := a.Now().UTC()
	for i := range changes {
		changes[i].ChangedAt = now
	}
	saved, err := tx.SaveFiling(ctx, before, f, scoring.TotalsFrom(f, v.Self, v.Reviewed), changes)
	v.Filing.ID, v.Filing.Version = saved.ID, saved.Version
	return v, err
}

// refreshTotals stores again the totals of a unit's filing against a
// table after its adjustments changed. The filing's version moves on, so
// a save computed with the old adjustments meanwhile is refused (409).
func refreshTotals(ctx context.Context, tx *store.Q, t scoring.Table, unitID int64) error {
	f, err := tx.Filing(ctx, t.ID, unitID)
	if err != nil || f.ID == 0 {
		return err
	}
	adj, err := tx.Adjustments(ctx, t.ID, unitID)
	if err != nil {
		return err
	}
	_, err = tx.SaveFiling(ctx, f, f, scoring.TotalsOf(t, f, adj), nil)
	return err
}

// FilingHistory returns every recorded change of a filing.
func (a *App) FilingHistory(ctx context.Context, p auth.Principal, year int, unitID int64) ([]store.ScoreChange, error) {
	h, err := a.FilingHistoryPage(ctx, p, year, unitID)
	return h.Changes, err
}

// FilingHistoryPage is a filing with every recorded change of it, and
// the code of each criterion the changes name.
type FilingHistoryPage struct {
	View    FilingView
	Changes []store.ScoreChange
	Codes   map[int64]string
}

// FilingHistoryPage returns a filing's history page, if p may see it.
func (a *App) FilingHistoryPage(ctx context.Context, p auth.Principal, year int, unitID int64) (FilingHistoryPage, error) {
	h := FilingHistoryPage{Changes: []store.ScoreChange{}, Codes: map[int64]string{}}
	var err error
	if h.View, err = a.Filing(ctx, p, year, unitID); err != nil {
		return h, err
	}
	for _, cr := range h.View.Table.Criteria {
		h.Codes[cr.ID] = cr.Code
	}
	if h.View.Filing.ID == 0 {
		return h, nil
	}
	h.Changes, err = a.store.ScoreChanges(ctx, h.View.Filing.ID)
	return h, err
}

// Unread are the numbers a form carried that could not be read: by
// criterion id, then the input ("n", "d" or "s") with what was typed.
type Unread map[int64]map[string]string

// check names each unread number by its criterion's code, in the table's
// order; those of rows the table does not have are not the user's doing
// and are left out, as the save leaves out such rows.
func (u Unread) check(t scoring.Table) error {
	if len(u) == 0 {
		return nil
	}
	fe := errs.Fields{}
	for _, cr := range t.Criteria {
		var parts []string // the row's inputs; the first unread is its message
		switch cr.Method {
		case scoring.Group:
		case scoring.Indicator:
			parts = []string{"n", "d"}
		default:
			parts = []string{"s"}
		}
		for _, part := range parts {
			if raw, ok := u[cr.ID][part]; ok {
				fe.Add("c"+strconv.FormatInt(cr.ID, 10), "Tiêu chí "+cr.Code+": “"+raw+"” không phải là số.")
			}
		}
	}
	return fe.Err()
}

func statusChange(f scoring.Filing, before scoring.Status, by int64, reason string) store.ScoreChange {
	return store.ScoreChange{Side: "status", Field: "status", OldValue: before.Label(), NewValue: f.Status.Label(), Reason: reason, ChangedBy: nullable(by)}
}

func nullable(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// diffSelf lists what the unit changed, field by field.
func diffSelf(t scoring.Table, f scoring.Filing, next map[int64]scoring.Entry, by int64, reason string) []store.ScoreChange {
	var out []store.ScoreChange
	for _, c := range t.Criteria {
		o, n := f.Self[c.ID], next[c.ID]
		id := c.ID
		add := func(field, ov, nv string) {
			if ov != nv {
				out = append(out, store.ScoreChange{CriterionID: &id, Side: "self", Field: field, OldValue: ov, NewValue: nv, Reason: reason, ChangedBy: nullable(by)})
			}
		}
		addNum := func(field string, ov, nv *float64) {
			if !sameNumber(ov, nv) {
				add(field, num(ov), num(nv))
			}
		}
		addNum("score", o.Score, n.Score)
		addNum("numerator", o.Numerator, n.Numerator)
		addNum("denominator", o.Denominator, n.Denominator)
		add("not_arisen", yesNo(o.NotArisen), yesNo(n.NotArisen))
		add("explanation", o.Explanation, n.Explanation)
		add("evidence", o.Evidence, n.Evidence)
	}
	return out
}

// sameNumber: the two figures are written alike without writing them
// (numbers that differ are written and compared as written).
func sameNumber(a, b *float64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// diffReview lists what the reviewer changed.
func diffReview(t scoring.Table, f scoring.Filing, next map[int64]scoring.Review, by int64, reason string) []store.ScoreChange {
	var out []store.ScoreChange
	for _, c := range t.Criteria {
		o, ok := f.Review[c.ID]
		if !ok { // before any ruling, the reviewer starts from what the unit declared
			e := f.Self[c.ID]
			o = scoring.Review{Score: e.Score, Numerator: e.Numerator, Denominator: e.Denominator, NotArisen: e.NotArisen}
		}
		n, ok := next[c.ID]
		if !ok {
			e := f.Self[c.ID]
			n = scoring.Review{Score: e.Score, Numerator: e.Numerator, Denominator: e.Denominator, NotArisen: e.NotArisen}
		}
		id := c.ID
		add := func(field, ov, nv string) {
			if ov != nv {
				why := reason
				if n.Comment != "" {
					why = n.Comment
				}
				out = append(out, store.ScoreChange{CriterionID: &id, Side: "review", Field: field, OldValue: ov, NewValue: nv, Reason: why, ChangedBy: nullable(by)})
			}
		}
		add("score", num(o.Score), num(n.Score))
		add("numerator", num(o.Numerator), num(n.Numerator))
		add("denominator", num(o.Denominator), num(n.Denominator))
		add("not_arisen", yesNo(o.NotArisen), yesNo(n.NotArisen))
		add("comment", o.Comment, n.Comment)
	}
	return out
}

func num(v *float64) string {
	if v == nil {
		return ""
	}
	return scoring.FormatNumber(*v)
}

func yesNo(b bool) string {
	if b {
		return "không phát sinh"
	}
	return ""
}

// SetAdjustment switches a criterion off for one unit, or applies it to
// part of the year, with the reason (share 1 removes the adjustment).
func (a *App) SetAdjustment(ctx context.Context, p auth.Principal, tableID, unitID int64, adj scoring.Adjustment) error {
	return a.store.Tx(ctx, func(tx *store.Q) error {
		info, err := tx.TableInfo(ctx, tableID)
		if err != nil {
			return err
		}
		target, err := a.tableTarget(ctx, tx, info)
		if err != nil {
			return err
		}
		if err := auth.Authorize(p, auth.ManageTables, target); err != nil {
			return err
		}
		adj.Reason = strings.TrimSpace(adj.Reason)
		f := errs.Fields{}
		if _, err := tx.Unit(ctx, unitID); errs.CodeOf(err) == errs.NotFound {
			f.Add("unit_id", "Đơn vị không tồn tại.")
		} else if err != nil {
			return err
		}
		if !limits.Finite(adj.Share) || adj.Share < 0 || adj.Share > 1 {
			f.Add("share", "Tỷ lệ áp dụng phải từ 0 (không áp dụng) đến 1 (cả năm).")
		}
		if adj.Share < 1 && adj.Reason == "" {
			f.Add("reason", "Vui lòng ghi lý do điều chỉnh tiêu chí cho đơn vị.")
		}
		t, err := tx.Table(ctx, tableID)
		if err != nil {
			return err
		}
		found := false
		for _, c := range t.Criteria {
			found = found || c.ID == adj.CriterionID && c.Scored()
		}
		if !found {
			f.Add("criterion_id", "Tiêu chí không thuộc bảng này hoặc không phải tiêu chí chấm điểm.")
		}
		if err := f.Err(); err != nil {
			return err
		}
		before, err := tx.Adjustments(ctx, tableID, unitID)
		if err != nil {
			return err
		}
		if err := tx.SetAdjustment(ctx, unitID, adj, p.UserID); err != nil {
			return err
		}
		if err := refreshTotals(ctx, tx, t, unitID); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "adjust", "criteria_table", tableID, adj.Reason, before[adj.CriterionID], adj)
	})
}
