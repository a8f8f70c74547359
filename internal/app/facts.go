package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/errs"
	"thidua/internal/proposal"
	"thidua/internal/store"
)

// CollectiveFactsInput is what the unit's officer or the board sets on a
// unit's facts for a year. LeadsCluster follows the cluster vote: only the
// board changes it.
type CollectiveFactsInput struct {
	Rating          string      `json:"rating"`
	Completed       bool        `json:"completed"`
	ExceededTargets bool        `json:"exceeded_targets"`
	Movement        bool        `json:"movement"`
	Solidarity      bool        `json:"solidarity"`
	NewModel        bool        `json:"new_model"`
	Thrift          bool        `json:"thrift"`
	LeadsCluster    bool        `json:"leads_cluster"`
	Note            string      `json:"note"`
	Version         int         `json:"version"` // the facts' version as read; 0 when none were recorded
	Unparsed        errs.Fields `json:"-"`
}

// FactsView is a unit's facts for a year, with whether anything was recorded.
type FactsView struct {
	store.CollectiveFacts
	UnitName string `json:"unit_name"`
	Recorded bool   `json:"recorded"`
	CanEdit  bool   `json:"-"`
	IsBoard  bool   `json:"-"`
}

// FactFields lists the facts in display order, with their labels.
var FactFields = []struct{ Key, Label string }{
	{"rating", "Xếp loại tập thể"},
	{"completed", "Hoàn thành nhiệm vụ, kế hoạch được giao"},
	{"exceeded_targets", "Hoàn thành vượt mức các chỉ tiêu, nhiệm vụ được phê duyệt trong năm"},
	{"movement", "Có phong trào thi đua thường xuyên, thiết thực, hiệu quả"},
	{"solidarity", "Nội bộ đoàn kết, chấp hành tốt chủ trương, chính sách, pháp luật"},
	{"new_model", "Có nhân tố mới, mô hình mới để các đơn vị khác học tập"},
	{"thrift", "Tích cực thực hành tiết kiệm, chống lãng phí, chống tham nhũng"},
	{"leads_cluster", "Dẫn đầu cụm, khối thi đua (theo kết quả bình xét của cụm; Hội đồng xác nhận)"},
}

func factValues(f store.CollectiveFacts) map[string]any {
	return map[string]any{"rating": f.Rating, "completed": f.Completed, "exceeded_targets": f.ExceededTargets,
		"movement": f.Movement, "solidarity": f.Solidarity, "new_model": f.NewModel, "thrift": f.Thrift,
		"leads_cluster": f.LeadsCluster}
}

// isFactsBoard reports whether p confirms, as the board over the unit,
// that it leads its cluster.
func isFactsBoard(p auth.Principal, path []int64) bool {
	return auth.Can(p, auth.ConfirmLead, auth.Unit(path))
}

// UnitFacts returns a unit's facts for year (0: this year), for anyone
// who may see the unit.
func (a *App) UnitFacts(ctx context.Context, p auth.Principal, unitID int64, year int) (FactsView, error) {
	if err := a.authorizeUnit(ctx, p, auth.ViewUnits, unitID); err != nil {
		return FactsView{}, err
	}
	if year == 0 {
		year = a.Today().Year()
	}
	if year < 2000 || year > 2100 {
		return FactsView{}, errs.New(errs.NotFound, "Năm thi đua không hợp lệ.")
	}
	u, err := a.store.Unit(ctx, unitID)
	if err != nil {
		return FactsView{}, err
	}
	f, ok, err := a.store.CollectiveFacts(ctx, unitID, year)
	if err != nil {
		return FactsView{}, err
	}
	path, err := a.unitPathOf(ctx, &a.store.Q, unitID)
	if err != nil {
		return FactsView{}, err
	}
	return FactsView{CollectiveFacts: f, UnitName: u.Name, Recorded: ok,
		CanEdit: auth.Can(p, auth.RecordFacts, auth.Unit(path)), IsBoard: isFactsBoard(p, path)}, nil
}

// SetUnitFacts records a unit's facts for year: the unit's officer (or an
// officer of a unit above it) or the board; leading the cluster only the
// board. Each changed fact is stamped with who recorded it; the change is
// audited.
func (a *App) SetUnitFacts(ctx context.Context, p auth.Principal, unitID int64, year int, in CollectiveFactsInput) (store.CollectiveFacts, error) {
	if year == 0 {
		year = a.Today().Year()
	}
	var out store.CollectiveFacts
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		if p.Anonymous() {
			return auth.Authorize(p, auth.RecordFacts, auth.Target{})
		}
		path, err := a.unitPathOf(ctx, tx, unitID)
		if err != nil {
			return err
		}
		if err := auth.Authorize(p, auth.RecordFacts, auth.Unit(path)); err != nil {
			return err
		}
		board := isFactsBoard(p, path)
		before, _, err := tx.CollectiveFacts(ctx, unitID, year)
		if err != nil {
			return err
		}
		if in.Version != before.Version { // someone saved since the form was read
			return store.ErrFactsChanged
		}
		f := errs.Fields{}
		for k, v := range in.Unparsed {
			f.Add(k, v)
		}
		validYear(f, year)
		in.Rating = strings.TrimSpace(in.Rating)
		switch award.Rating(in.Rating) {
		case "", award.XuatSac, award.Tot, award.HoanThanh, award.KhongHoanThanh:
		default:
			f.Add("rating", "Xếp loại tập thể không hợp lệ.")
		}
		in.Note = strings.TrimSpace(in.Note)
		if len([]rune(in.Note)) > 2000 {
			f.Add("note", "Ghi chú không quá 2000 ký tự.")
		}
		if in.LeadsCluster != before.LeadsCluster && !board {
			f.Add("leads_cluster", "Chỉ Hội đồng thi đua – khen thưởng xác nhận đơn vị dẫn đầu cụm, khối thi đua (theo kết quả bình xét của cụm).")
		}
		if err := f.Err(); err != nil {
			return err
		}
		nf := before
		nf.UnitID, nf.Year = unitID, year
		nf.Rating, nf.Completed, nf.ExceededTargets, nf.Movement = in.Rating, in.Completed, in.ExceededTargets, in.Movement
		nf.Solidarity, nf.NewModel, nf.Thrift, nf.LeadsCluster, nf.Note = in.Solidarity, in.NewModel, in.Thrift, in.LeadsCluster, in.Note
		nf.RecordedBy = map[string]store.Recorder{}
		for k, v := range before.RecordedBy {
			nf.RecordedBy[k] = v
		}
		old, now := factValues(before), factValues(nf)
		who := store.Recorder{UserID: p.UserID, Name: p.FullName, At: a.Now().UTC()}
		for _, fd := range FactFields {
			if fd.Key == "leads_cluster" && !board {
				continue // who cannot set it did not record it
			}
			if _, seen := before.RecordedBy[fd.Key]; !seen || old[fd.Key] != now[fd.Key] {
				nf.RecordedBy[fd.Key] = who
			}
		}
		if out, err = tx.SaveCollectiveFacts(ctx, nf); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "update", "collective_facts", unitID, fmt.Sprintf("năm %d", year), before, out)
	})
	return out, err
}

// applyUnitFacts puts a unit's recorded facts for year into c, the input
// of the collective titles' rules. Nothing recorded leaves c as it was
// (every fact unconfirmed).
func applyUnitFacts(ctx context.Context, tx *store.Q, c *award.Collective, year int) error {
	f, ok, err := tx.CollectiveFacts(ctx, c.UnitID, year)
	if err != nil {
		return err
	}
	if !ok {
		// Never recorded: each fact is chưa đủ thông tin, not "not met".
		c.FactsMissing = true
		return nil
	}
	c.Rating = award.Rating(f.Rating)
	c.ExceededTargets, c.Movement, c.Solidarity = f.ExceededTargets, f.Movement, f.Solidarity
	c.NewModel, c.Thrift, c.LeadsCluster = f.NewModel, f.Thrift, f.LeadsCluster
	return nil
}

// PublicationInput is a window for comments; nil From is today, nil Until
// ten days after From.
type PublicationInput struct {
	From     *time.Time  `json:"from"`
	Until    *time.Time  `json:"until"`
	Unparsed errs.Fields `json:"-"`
}

// PublicationDays is the default length of the comment window.
const PublicationDays = proposal.WindowDays

// PublicationView is a year's window and whether it is open today.
type PublicationView struct {
	Year       int              `json:"year"`
	Published  bool             `json:"published"`
	Open       bool             `json:"open"`
	Window     *proposal.Window `json:"window"`
	Submitted  int              `json:"submitted"`
	CanPublish bool             `json:"-"`
	// Today is the app's day, for the form's defaults.
	Today time.Time `json:"-"`
}

// Publication returns a year's comment window.
func (a *App) Publication(ctx context.Context, p auth.Principal, year int) (PublicationView, error) {
	if err := auth.Authorize(p, auth.ViewProposal, auth.Target{Published: true}); err != nil {
		return PublicationView{}, err
	}
	v, err := a.publicationView(ctx, &a.store.Q, year)
	v.CanPublish = auth.Can(p, auth.PublishList, auth.Target{})
	return v, err
}

func (a *App) publicationView(ctx context.Context, tx *store.Q, year int) (PublicationView, error) {
	v := PublicationView{Year: year, Today: a.Today()}
	w, ok, err := tx.Publication(ctx, year)
	if err != nil {
		return v, err
	}
	if ok {
		v.Published, v.Window = true, &w
		today := a.Today()
		v.Open = w.Open(today)
	}
	list, err := tx.ListProposals(ctx, store.ProposalFilter{Year: year, Status: proposal.Submitted})
	if err != nil {
		return v, err
	}
	v.Submitted = len(list)
	return v, nil
}

// Publish publishes a year's submitted proposals for comment in a window:
// the sector's board only. Audited.
func (a *App) Publish(ctx context.Context, p auth.Principal, year int, in PublicationInput) (PublicationView, error) {
	var out PublicationView
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		if err := auth.Authorize(p, auth.PublishList, auth.Target{}); err != nil {
			return err
		}
		f := errs.Fields{}
		for k, v := range in.Unparsed {
			f.Add(k, v)
		}
		validYear(f, year)
		w, wf := proposal.NewWindow(year, a.Today(), in.From, in.Until)
		for k, v := range wf {
			f.Add(k, v)
		}
		if err := f.Err(); err != nil {
			return err
		}
		before, _, err := tx.Publication(ctx, year)
		if err != nil {
			return err
		}
		if p.UserID != 0 {
			id := p.UserID
			w.PublishedBy = &id
		}
		w, err = tx.SavePublication(ctx, w)
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, p.UserID, "publish", "publication", int64(year), "", before, w); err != nil {
			return err
		}
		out, err = a.publicationView(ctx, tx, year)
		return err
	})
	return out, err
}

// checkCommentWindow refuses a comment on a proposal of year outside the
// year's publication window. A year published with no window recorded
// keeps the earlier rule: a submitted proposal is open for comment.
func (a *App) checkCommentWindow(ctx context.Context, tx *store.Q, year int) error {
	w, ok, err := tx.Publication(ctx, year)
	if err != nil || !ok {
		return err
	}
	return w.CheckComment(a.Today())
}

func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
