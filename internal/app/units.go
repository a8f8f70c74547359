package app

import (
	"context"
	"strings"
	"time"

	"thidua/internal/auth"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/store"
)

// UnitInput is what a person may set on a unit. Id, version and the
// audit fields are never taken from input.
type UnitInput struct {
	Code      string     `json:"code"`
	Name      string     `json:"name"`
	Type      string     `json:"type"`
	ParentID  *int64     `json:"parent_id"`
	ValidFrom time.Time  `json:"valid_from"`
	ValidTo   *time.Time `json:"valid_to"`
	Note      string     `json:"note"`
	// Unparsed holds fields the edge could not read (a date that is not a
	// date), reported together with the rules' own findings.
	Unparsed errs.Fields `json:"-"`
}

func (in UnitInput) apply(u org.Unit) org.Unit {
	u.Code = org.NormalizeCode(in.Code)
	u.Name = strings.TrimSpace(in.Name)
	u.Type = org.UnitType(in.Type)
	u.ParentID = in.ParentID
	u.ValidFrom = org.Day(in.ValidFrom)
	u.ValidTo = nil
	if in.ValidTo != nil {
		d := org.Day(*in.ValidTo)
		u.ValidTo = &d
	}
	u.Note = strings.TrimSpace(in.Note)
	return u
}

// Units lists units. A unit officer sees only their own unit and the
// units under it.
func (a *App) Units(ctx context.Context, p auth.Principal, f org.UnitFilter) ([]org.Unit, int64, error) {
	if err := auth.Authorize(p, auth.ViewUnits, auth.Target{}); err != nil {
		return nil, 0, err
	}
	if u := auth.UnitScope(p); u != 0 {
		f.Within = &u
	}
	if f.On.IsZero() {
		f.On = a.Now()
	}
	return a.store.ListUnits(ctx, f)
}

// UnitDetail is a unit with what its page shows around it.
type UnitDetail struct {
	Unit         org.Unit     `json:"unit"`
	Parent       *org.Unit    `json:"parent"`
	Children     []org.Unit   `json:"children"`
	Predecessors []LinkedUnit `json:"predecessors"` // units this one was formed from
	Successors   []LinkedUnit `json:"successors"`   // units formed from this one
	Ancestry     []org.Unit   `json:"ancestry"`     // every predecessor at any depth, nearest first
	// Open holds the linked units (parent, lineage) the reader may open;
	// the others are named without a link.
	Open map[int64]bool `json:"-"`
}

// LinkedUnit is one end of a lineage link.
type LinkedUnit struct {
	Unit org.Unit        `json:"unit"`
	Kind org.LineageKind `json:"kind"`
	Note string          `json:"note"`
}

// Unit returns one unit with its surroundings, if p may see it.
func (a *App) Unit(ctx context.Context, p auth.Principal, id int64) (UnitDetail, error) {
	if err := a.authorizeUnit(ctx, p, auth.ViewUnits, id); err != nil {
		return UnitDetail{}, err
	}
	u, err := a.store.Unit(ctx, id)
	if err != nil {
		return UnitDetail{}, err
	}
	d := UnitDetail{Unit: u, Children: []org.Unit{}, Predecessors: []LinkedUnit{}, Successors: []LinkedUnit{}, Ancestry: []org.Unit{}}
	if d.Children, err = a.store.Children(ctx, id); err != nil {
		return d, err
	}
	from, into, err := a.store.Lineage(ctx, id)
	if err != nil {
		return d, err
	}
	preds, err := a.store.PredecessorMap(ctx)
	if err != nil {
		return d, err
	}
	ancestry := org.Ancestry(id, preds)
	ids := append([]int64{}, ancestry...)
	for _, l := range into {
		ids = append(ids, l.SuccessorID)
	}
	if u.ParentID != nil {
		ids = append(ids, *u.ParentID)
	}
	byID, err := a.store.UnitsByID(ctx, ids)
	if err != nil {
		return d, err
	}
	if u.ParentID != nil {
		if pu, ok := byID[*u.ParentID]; ok {
			d.Parent = &pu
		}
	}
	for _, l := range from {
		d.Predecessors = append(d.Predecessors, LinkedUnit{Unit: byID[l.PredecessorID], Kind: l.Kind, Note: l.Note})
	}
	for _, l := range into {
		d.Successors = append(d.Successors, LinkedUnit{Unit: byID[l.SuccessorID], Kind: l.Kind, Note: l.Note})
	}
	for _, pid := range ancestry {
		d.Ancestry = append(d.Ancestry, byID[pid])
	}
	d.Open = map[int64]bool{}
	for uid := range byID {
		d.Open[uid] = a.authorizeUnit(ctx, p, auth.ViewUnits, uid) == nil
	}
	return d, nil
}

// CreateUnit adds a unit to the registry.
func (a *App) CreateUnit(ctx context.Context, p auth.Principal, in UnitInput) (org.Unit, error) {
	if err := a.authorizeUnder(ctx, p, in.ParentID); err != nil {
		return org.Unit{}, err
	}
	var out org.Unit
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		u := in.apply(org.Unit{})
		if err := a.validateUnit(ctx, tx, u, in.Unparsed); err != nil {
			return err
		}
		var err error
		if out, err = tx.CreateUnit(ctx, u); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "create", "unit", out.ID, "", nil, out)
	})
	return out, err
}

// UpdateUnit changes a unit. version is the version the editor loaded;
// if someone saved in between, the edit is refused as a Conflict.
func (a *App) UpdateUnit(ctx context.Context, p auth.Principal, id int64, version int, in UnitInput, reason string) (org.Unit, error) {
	if err := a.authorizeUnit(ctx, p, auth.ManageUnits, id); err != nil {
		return org.Unit{}, err
	}
	if err := a.authorizeUnder(ctx, p, in.ParentID); err != nil { // and where it moves to
		return org.Unit{}, err
	}
	var out org.Unit
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		before, err := tx.Unit(ctx, id)
		if err != nil {
			return err
		}
		u := in.apply(before)
		u.Version = version
		if err := a.validateUnit(ctx, tx, u, in.Unparsed); err != nil {
			return err
		}
		if u.ValidTo != nil && (before.ValidTo == nil || !before.ValidTo.Equal(*u.ValidTo)) {
			if err := checkChildrenEnded(ctx, tx, id, *u.ValidTo); err != nil {
				return err
			}
		}
		if out, err = tx.UpdateUnit(ctx, u); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "update", "unit", id, strings.TrimSpace(reason), before, out)
	})
	return out, err
}

// RetireUnit records the last day a unit existed. A unit whose sub-units
// outlive that day cannot be retired until they are moved or retired.
func (a *App) RetireUnit(ctx context.Context, p auth.Principal, id int64, version int, lastDay time.Time, reason string) (org.Unit, error) {
	if err := a.authorizeUnit(ctx, p, auth.ManageUnits, id); err != nil {
		return org.Unit{}, err
	}
	reason = strings.TrimSpace(reason)
	var out org.Unit
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		before, err := tx.Unit(ctx, id)
		if err != nil {
			return err
		}
		f := errs.Fields{}
		if lastDay.IsZero() {
			f.Add("valid_to", "Vui lòng nhập ngày kết thúc hoạt động.")
		} else if org.Day(lastDay).Before(before.ValidFrom) {
			f.Add("valid_to", "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu hoạt động ("+before.ValidFrom.Format("02/01/2006")+").")
		}
		if reason == "" {
			f.Add("reason", "Vui lòng ghi lý do (ví dụ: số nghị quyết, quyết định sáp nhập).")
		}
		if err := f.Err(); err != nil {
			return err
		}
		day := org.Day(lastDay)
		if err := checkChildrenEnded(ctx, tx, id, day); err != nil {
			return err
		}
		u := before
		u.Version = version
		u.ValidTo = &day
		if out, err = tx.UpdateUnit(ctx, u); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "retire", "unit", id, reason, before, out)
	})
	return out, err
}

// AddLink records that successor was formed from predecessor.
func (a *App) AddLink(ctx context.Context, p auth.Principal, l org.Link) error {
	if err := a.authorizeUnit(ctx, p, auth.ManageUnits, l.SuccessorID); err != nil {
		return err
	}
	l.Note = strings.TrimSpace(l.Note)
	return a.store.Tx(ctx, func(tx *store.Q) error {
		succ, err := tx.Unit(ctx, l.SuccessorID)
		if err != nil {
			return err
		}
		f := errs.Fields{}
		if !l.Kind.Valid() {
			f.Add("kind", "Vui lòng chọn hình thức hình thành.")
		}
		if l.PredecessorID == 0 {
			f.Add("predecessor_id", "Vui lòng chọn đơn vị tiền thân.")
			return f.Err()
		}
		pred, err := tx.Unit(ctx, l.PredecessorID)
		if errs.CodeOf(err) == errs.NotFound {
			f.Add("predecessor_id", "Đơn vị tiền thân không tồn tại.")
			return f.Err()
		} else if err != nil {
			return err
		}
		preds, err := tx.PredecessorMap(ctx)
		if err != nil {
			return err
		}
		if err := org.ValidateLink(l, succ, pred, preds); err != nil {
			return err
		}
		if err := tx.AddLink(ctx, l); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "link", "unit", l.SuccessorID, l.Note, nil, l)
	})
}

// RemoveLink deletes a lineage link recorded by mistake.
func (a *App) RemoveLink(ctx context.Context, p auth.Principal, successorID, predecessorID int64, reason string) error {
	if err := a.authorizeUnit(ctx, p, auth.ManageUnits, successorID); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Q) error {
		from, _, err := tx.Lineage(ctx, successorID)
		if err != nil {
			return err
		}
		var removed *org.Link
		for _, l := range from {
			if l.PredecessorID == predecessorID {
				removed = &l
			}
		}
		if removed == nil {
			return errs.New(errs.NotFound, "Không tìm thấy liên kết tiền thân này.")
		}
		if _, err := tx.RemoveLink(ctx, successorID, predecessorID); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "unlink", "unit", successorID, strings.TrimSpace(reason), removed, nil)
	})
}

// UnitHistory returns who changed a unit, when and why.
func (a *App) UnitHistory(ctx context.Context, p auth.Principal, id int64) ([]store.AuditEntry, error) {
	if err := a.authorizeUnit(ctx, p, auth.ViewAudit, id); err != nil {
		return nil, err
	}
	return a.store.History(ctx, "unit", id)
}

// checkChildrenEnded refuses to end a unit while a sub-unit outlives it.
func checkChildrenEnded(ctx context.Context, tx *store.Q, id int64, lastDay time.Time) error {
	children, err := tx.Children(ctx, id)
	if err != nil {
		return err
	}
	f := errs.Fields{}
	for _, c := range children {
		if c.ValidTo == nil || c.ValidTo.After(lastDay) {
			f.Add("valid_to", "Đơn vị cấp dưới "+c.Name+" vẫn hoạt động sau ngày "+lastDay.Format("02/01/2006")+"; hãy chuyển hoặc kết thúc đơn vị đó trước.")
		}
	}
	return f.Err()
}

func (a *App) validateUnit(ctx context.Context, tx *store.Q, u org.Unit, unparsed errs.Fields) error {
	var parent *org.Unit
	if u.ParentID != nil {
		pu, err := tx.Unit(ctx, *u.ParentID)
		if err == nil {
			parent = &pu
		} else if errs.CodeOf(err) != errs.NotFound {
			return err
		}
	}
	parents, err := tx.ParentMap(ctx)
	if err != nil {
		return err
	}
	f := errs.Fields{}
	for k, v := range unparsed {
		f.Add(k, v)
	}
	if e, ok := errs.As(org.Validate(u, parent, parents)); ok {
		for k, v := range e.Fields {
			f.Add(k, v)
		}
	}
	// Checked here too (the unique index is the last word) so that every
	// problem of the form is reported at once.
	if other, err := tx.UnitByCode(ctx, u.Code); err == nil && other.ID != u.ID {
		f.Add("code", "Mã đơn vị "+u.Code+" đã được dùng cho "+other.Name+".")
	} else if err != nil && errs.CodeOf(err) != errs.NotFound {
		return err
	}
	return f.Err()
}

// authorizeUnit checks an action on one existing unit, giving the rule the
// unit's place in the tree.
func (a *App) authorizeUnit(ctx context.Context, p auth.Principal, act auth.Action, id int64) error {
	if p.Anonymous() {
		return auth.Authorize(p, act, auth.Target{})
	}
	path, err := a.store.UnitPath(ctx, id)
	if err != nil {
		return err
	}
	if len(path) == 0 {
		return errs.New(errs.NotFound, "Không tìm thấy đơn vị.")
	}
	return auth.Authorize(p, act, auth.Unit(path))
}

// authorizeUnder checks ManageUnits for a unit placed under parent (nil
// for the top of the tree).
func (a *App) authorizeUnder(ctx context.Context, p auth.Principal, parent *int64) error {
	if parent == nil {
		return auth.Authorize(p, auth.ManageUnits, auth.Target{})
	}
	path, err := a.store.UnitPath(ctx, *parent)
	if err != nil {
		return err
	}
	return auth.Authorize(p, auth.ManageUnits, auth.Unit(append([]int64{0}, path...)))
}
