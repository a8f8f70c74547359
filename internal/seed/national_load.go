package seed

import (
	"context"
	"encoding/json"
	"fmt"

	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/decision"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/proposal"
	"thidua/internal/scoring"
	"thidua/internal/store"
)

// ErrNotEmpty refuses the national seed on a database that has units.
var ErrNotEmpty = errs.New(errs.Conflict,
	"Cơ sở dữ liệu đã có dữ liệu (đơn vị): bộ dữ liệu toàn Ngành chỉ nạp vào cơ sở dữ liệu trống — hãy tạo cơ sở dữ liệu mới. "+
		"/ The database is not empty (it has units): the national data set loads into an empty database only.")

// National writes the plan into an empty, migrated database in one
// transaction, in batches: all of it or nothing. It refuses a database
// that has units (ErrNotEmpty). h hashes the demo password once for every
// account.
func National(ctx context.Context, s *store.Store, h auth.Hasher, p Plan) error {
	hash, err := h.Hash(DemoPassword)
	if err != nil {
		return err
	}
	err = s.Tx(ctx, func(tx *store.Q) error {
		if exists, err := tx.HasUnits(ctx); err != nil {
			return err
		} else if exists {
			return ErrNotEmpty
		}
		w := &natWriter{ctx: ctx, tx: tx, p: p}
		steps := []struct {
			name string
			fn   func() error
		}{
			{"units", w.writeUnits},
			{"users", func() error { return w.users(hash) }},
			{"years", w.years},
			{"clusters", w.clusters},
			{"tables", w.tables},
			{"filings", w.filings},
			{"people", w.writePeople},
			{"records", w.records},
			{"awards", w.awards},
		}
		for _, st := range steps {
			if err := st.fn(); err != nil {
				return fmt.Errorf("seed national: %s: %w", st.name, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.Analyze(ctx)
}

type natWriter struct {
	ctx      context.Context
	tx       *store.Q
	p        Plan
	units    []int64                     // plan index → id
	crit     map[[2]any]map[string]int64 // (year, bloc) → criterion code → id
	tableIDs map[[2]any]int64
	people   []int64
}

// units goes through the store one unit at a time (a few hundred): a
// unit's parent needs its id first.
func (w *natWriter) writeUnits() error {
	from := date(w.p.Scale.FirstYear, 1, 1)
	w.units = make([]int64, len(w.p.Units))
	for i, pu := range w.p.Units {
		u := org.Unit{Code: pu.Code, Name: pu.Name, Type: pu.Type, ValidFrom: from, Note: "Đơn vị của bộ dữ liệu tải thử toàn Ngành " + loadMark}
		if pu.Parent >= 0 {
			u.ParentID = &w.units[pu.Parent]
		}
		created, err := w.tx.CreateUnit(w.ctx, u)
		if err != nil {
			return fmt.Errorf("%s: %w", pu.Code, err)
		}
		w.units[i] = created.ID
	}
	return nil
}

func (w *natWriter) users(hash string) error {
	for _, pu := range w.p.Users {
		u := store.User{Username: pu.Username, FullName: pu.FullName, Role: pu.Role, PasswordHash: hash, Active: true}
		if pu.Unit >= 0 {
			u.UnitID = &w.units[pu.Unit]
		}
		if _, err := w.tx.CreateUser(w.ctx, u); err != nil {
			return fmt.Errorf("%s: %w", pu.Username, err)
		}
	}
	return nil
}

// years opens each year with the demo's deadlines; the year in progress
// takes self-assessments until the schedule's deadline, so load tests can
// save drafts on the day it was seeded and the two weeks after.
func (w *natWriter) years() error {
	for _, y := range w.p.Years {
		yr := w.p.Schedule.yearOf(y)
		if _, err := w.tx.SaveYear(w.ctx, yr); err != nil {
			return fmt.Errorf("%d: %w", y, err)
		}
	}
	return nil
}

func (w *natWriter) idOf(i int) *int64 {
	if i < 0 {
		return nil
	}
	return &w.units[i]
}

func (w *natWriter) clusters() error {
	for _, pc := range w.p.Clusters {
		c := cluster.Cluster{Year: pc.Year, Level: cluster.National, Number: pc.Number, Name: pc.Name,
			OwnerUnitID: w.idOf(pc.Owner), HeadUnitID: w.idOf(pc.Head), DeputyUnitID: w.idOf(pc.Deputy),
			DesignationRef: fmt.Sprintf("Quyết định chỉ định Cụm trưởng, Cụm phó năm %d %s", pc.Year, loadMark)}
		if pc.Owner >= 0 {
			c.Level = cluster.Bloc
		}
		for _, m := range pc.Members {
			c.Members = append(c.Members, w.units[m])
		}
		if _, err := w.tx.SaveCluster(w.ctx, c); err != nil {
			return fmt.Errorf("%s %d: %w", pc.Name, pc.Year, err)
		}
	}
	return nil
}

// tables saves the demo's two tables (provincial procuracies, blocs) for
// every year through the store.
func (w *natWriter) tables() error {
	w.crit, w.tableIDs = map[[2]any]map[string]int64{}, map[[2]any]int64{}
	for _, y := range w.p.Years {
		for _, bloc := range []bool{false, true} {
			info := scoring.TableInfo{Year: y, Name: fmt.Sprintf(nationalTableName, y), Kind: "main",
				Level: string(cluster.National), UnitType: string(org.TypeProvincial)}
			t := planTable(nationalCriteria())
			if bloc {
				info = scoring.TableInfo{Year: y, Name: fmt.Sprintf("Bảng tiêu chí chấm điểm thi đua năm %d – khối VKSND khu vực %s", y, loadMark),
					Kind: "main", Level: string(cluster.Bloc)}
				t = planTable(blocCriteria())
			}
			positional := t.table
			for i := range positional.Criteria { // SaveTable takes parents by position, which planTable's ids are
				positional.Criteria[i].ID = 0
			}
			saved, err := w.tx.SaveTable(w.ctx, info, positional, 0)
			if err != nil {
				return err
			}
			table, err := w.tx.Table(w.ctx, saved.ID)
			if err != nil {
				return err
			}
			ids := map[string]int64{}
			for _, c := range table.Criteria {
				ids[c.Code] = c.ID
			}
			w.crit[[2]any{y, bloc}], w.tableIDs[[2]any{y, bloc}] = ids, saved.ID
		}
	}
	return nil
}

func (w *natWriter) filings() error {
	fs := make([]store.BulkFiling, len(w.p.Filings))
	for i, f := range w.p.Filings {
		ids := w.crit[[2]any{f.Year, f.Bloc}]
		self := f.SelfTotal
		fs[i] = store.BulkFiling{Filing: scoring.Filing{TableID: w.tableIDs[[2]any{f.Year, f.Bloc}], UnitID: w.units[f.Unit], Year: f.Year,
			Status: f.Status, SubmittedAt: f.SubmittedAt, ReviewedAt: f.ReviewedAt,
			Self: map[int64]scoring.Entry{}, Review: map[int64]scoring.Review{}}, SelfTotal: &self, ReviewedTotal: f.ReviewedTotal}
		for code, e := range f.Self {
			fs[i].Self[ids[code]] = e
		}
		for code, rv := range f.Review {
			fs[i].Review[ids[code]] = rv
		}
	}
	return w.tx.InsertFilings(w.ctx, fs)
}

func (w *natWriter) writePeople() error {
	rows := make([]store.Person, len(w.p.People))
	for i, pp := range w.p.People {
		born, sex := pp.Born, pp.Sex
		rows[i] = store.Person{FullName: pp.Name, BirthDate: &born, Sex: &sex, Position: pp.Position, UnitID: w.units[pp.Unit],
			Since: pp.Since, Active: true, Version: 1}
	}
	if err := w.tx.InsertPeople(w.ctx, rows); err != nil {
		return err
	}
	w.people = make([]int64, len(rows))
	for i, r := range rows {
		w.people[i] = r.ID
	}
	return nil
}

// records writes the people's ratings, initiatives and disciplines.
func (w *natWriter) records() error {
	var ratings []store.PersonRating
	var inits []store.PersonInitiative
	var discs []store.PersonDiscipline
	for i, pp := range w.p.People {
		id := w.people[i]
		for _, y := range w.p.Years {
			if r, ok := pp.Ratings[y]; ok {
				ratings = append(ratings, store.PersonRating{PersonID: id, Year: y, Rating: r})
			}
		}
		for _, in := range pp.Initiatives {
			inits = append(inits, store.PersonInitiative{PersonID: id, Year: in.Year, Title: in.Title, Level: string(in.Level), Applied: in.Applied})
		}
		for _, d := range pp.Disciplines {
			to := d.To
			discs = append(discs, store.PersonDiscipline{PersonID: id, Measure: string(d.Measure), FromDate: d.From, ToDate: &to, Note: d.Note})
		}
	}
	return w.tx.InsertRecords(w.ctx, ratings, inits, discs)
}

// awards writes the decisions, an approved proposal for each award under
// its decision, and the award itself.
func (w *natWriter) awards() error {
	decisions := make([]decision.Decision, len(w.p.Decisions))
	for i, d := range w.p.Decisions {
		decisions[i] = decision.Decision{Year: d.Year, Number: d.Number, DecidedOn: d.On, Signer: d.Signer, UnitID: w.units[d.Unit],
			Note: fmt.Sprintf("Quyết định tặng danh hiệu thi đua năm %d %s", d.Year, loadMark)}
	}
	if len(decisions) == 0 {
		return nil
	}
	if err := w.tx.InsertDecisions(w.ctx, decisions); err != nil {
		return err
	}
	reasons, _ := json.Marshal([]string{})
	proposals := make([]proposal.Proposal, len(w.p.Awards))
	awards := make([]decision.Award, len(w.p.Awards))
	for i, a := range w.p.Awards {
		d := decisions[a.Decision]
		on := d.DecidedOn
		pr := proposal.Proposal{Year: a.Year, ProposerUnitID: w.units[a.Proposer], Title: string(a.Title), Status: "approved",
			VerdictReasons: reasons, DecisionID: &d.ID, AddressedUnitID: &d.UnitID, Version: 1,
			Summary: fmt.Sprintf("Đề nghị tặng danh hiệu năm %d %s", a.Year, loadMark)}
		aw := decision.Award{Year: a.Year, Title: string(a.Title), Kind: "cong_trang", DecisionNo: d.Number, DecisionDate: &on, Signer: d.Signer}
		if a.Person >= 0 {
			pr.PersonID, aw.PersonID = &w.people[a.Person], &w.people[a.Person]
		} else {
			pr.UnitID, aw.UnitID = &w.units[a.Unit], &w.units[a.Unit]
		}
		proposals[i], awards[i] = pr, aw
	}
	return w.tx.InsertApproved(w.ctx, proposals, awards)
}
