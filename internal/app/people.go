package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/decision"
	"thidua/internal/errs"
	"thidua/internal/limits"
	"thidua/internal/org"
	"thidua/internal/store"
)

// PersonInput is what a user may set on a person. Id, version and the
// audit fields are never taken from input.
type PersonInput struct {
	FullName  string     `json:"full_name"`
	BirthDate *time.Time `json:"birth_date"`
	Sex       string     `json:"sex"` // "nam", "nu" or ""
	Position  string     `json:"position"`
	UnitID    int64      `json:"unit_id"`
	Since     time.Time  `json:"since"` // in the unit from; for a move, the day of the move
	// RecruitedOn (ngày tuyển dụng) and JoinedSectorOn (ngày về ngành):
	// nil leaves them out of the record.
	RecruitedOn    *time.Time  `json:"recruited_on"`
	JoinedSectorOn *time.Time  `json:"joined_sector_on"`
	Active         bool        `json:"active"`
	MoveNote       string      `json:"move_note"`
	Unparsed       errs.Fields `json:"-"`
}

func (in PersonInput) apply(p store.Person) store.Person {
	p.FullName = strings.Join(strings.Fields(in.FullName), " ")
	p.BirthDate = nil
	if in.BirthDate != nil {
		d := org.Day(*in.BirthDate)
		p.BirthDate = &d
	}
	p.Sex = nil
	if s := strings.TrimSpace(in.Sex); s != "" {
		p.Sex = &s
	}
	p.Position = strings.TrimSpace(in.Position)
	p.UnitID = in.UnitID
	p.Since = org.Day(in.Since)
	p.RecruitedOn, p.JoinedSectorOn = dayPtr(in.RecruitedOn), dayPtr(in.JoinedSectorOn)
	p.Active = in.Active
	return p
}

func dayPtr(t *time.Time) *time.Time {
	if t == nil || t.IsZero() {
		return nil
	}
	d := org.Day(*t)
	return &d
}

func validatePerson(p store.Person, unparsed errs.Fields) error {
	f := errs.Fields{}
	for k, v := range unparsed {
		f.Add(k, v)
	}
	if p.FullName == "" {
		f.Add("full_name", "Vui lòng nhập họ và tên.")
	} else if len([]rune(p.FullName)) > 200 {
		f.Add("full_name", "Họ và tên không quá 200 ký tự.")
	}
	if p.Sex != nil && *p.Sex != "nam" && *p.Sex != "nu" {
		f.Add("sex", "Giới tính không hợp lệ.")
	}
	if p.UnitID == 0 {
		f.Add("unit_id", "Vui lòng chọn đơn vị công tác.")
	}
	limits.DatePtr(f, "birth_date", "Ngày sinh", p.BirthDate, limits.FirstBirthDay)
	limits.Date(f, "since", "Ngày bắt đầu công tác tại đơn vị", p.Since, limits.FirstDay)
	if p.Since.IsZero() && unparsed["since"] == "" {
		f.Add("since", "Vui lòng nhập ngày bắt đầu công tác tại đơn vị.")
	}
	if p.BirthDate != nil && !p.Since.IsZero() && !p.BirthDate.Before(p.Since) {
		f.Add("birth_date", "Ngày sinh phải trước ngày bắt đầu công tác.")
	}
	if p.BirthDate != nil && p.RecruitedOn != nil && !p.BirthDate.Before(*p.RecruitedOn) {
		f.Add("recruited_on", "Ngày tuyển dụng phải sau ngày sinh.")
	}
	if p.RecruitedOn != nil && p.JoinedSectorOn != nil && p.JoinedSectorOn.Before(*p.RecruitedOn) {
		f.Add("joined_sector_on", "Ngày về ngành Kiểm sát không được trước ngày tuyển dụng.")
	}
	return f.Err()
}

// unitPathOf is a unit's path up the tree, the unit first; NotFound when
// there is no such unit.
func (a *App) unitPathOf(ctx context.Context, tx *store.Q, unitID int64) ([]int64, error) {
	path, err := tx.UnitPath(ctx, unitID)
	if err != nil {
		return nil, err
	}
	if len(path) == 0 {
		return nil, errs.New(errs.NotFound, "Không tìm thấy đơn vị.")
	}
	return path, nil
}

// authorizePeopleWrite checks that p may change the people of a unit: an
// officer of that very unit (FileSelf), or the board (ManageUnits).
func (a *App) authorizePeopleWrite(ctx context.Context, tx *store.Q, p auth.Principal, unitID int64) error {
	if p.Anonymous() {
		return auth.Authorize(p, auth.ManagePeople, auth.Target{})
	}
	path, err := a.unitPathOf(ctx, tx, unitID)
	if err != nil {
		return err
	}
	return auth.Authorize(p, auth.ManagePeople, auth.Unit(path))
}

// authorizeAwards checks that p may record awards for a unit's people: the board.
func (a *App) authorizeAwards(ctx context.Context, tx *store.Q, p auth.Principal, unitID int64) error {
	if p.Anonymous() {
		return auth.Authorize(p, auth.RecordAwards, auth.Target{})
	}
	path, err := a.unitPathOf(ctx, tx, unitID)
	if err != nil {
		return err
	}
	return auth.Authorize(p, auth.RecordAwards, auth.Unit(path))
}

// People lists people. A unit officer sees only the people of their own
// unit and the units under it.
func (a *App) People(ctx context.Context, p auth.Principal, f org.PersonFilter) ([]Person, int64, error) {
	if err := auth.Authorize(p, auth.ViewUnits, auth.Target{}); err != nil {
		return nil, 0, err
	}
	if u := auth.UnitScope(p); u != 0 {
		f.Within = &u
	}
	rows, n, err := a.store.ListPeople(ctx, f)
	out := make([]Person, len(rows))
	for i, r := range rows {
		out[i] = Person(r)
	}
	return out, n, err
}

// PersonRecord is a person with the record the award rules read.
type PersonRecord struct {
	Person      store.Person             `json:"person"`
	Ratings     []store.PersonRating     `json:"ratings"`
	Initiatives []store.PersonInitiative `json:"initiatives"`
	Disciplines []store.PersonDiscipline `json:"disciplines"`
	Awards      []store.Award            `json:"awards"`
	Moves       []store.PersonMove       `json:"moves"`
	Absences    []store.PersonAbsence    `json:"absences"`
	Pending     []store.PendingMatter    `json:"pending"` // open and closed
	// UnitPath is the person's unit and those above it, the unit first:
	// what p's rights on the person are judged on.
	UnitPath []int64 `json:"-"`
}

// DisciplineRead is what a read of a person's discipline records is logged as.
const DisciplineRead = "person_disciplines"

// readLog is how the statement reading a record logs p's read of the
// person's disciplines: where p may view the person's unit, which is the
// unit p's listings are limited to (auth.UnitScope), or any unit when p
// may view a unit whatever it is (-1: no unit's id). The authorisation
// of the read itself comes after, on the unit's path; a principal who may
// view no unit logs nothing, and is refused.
func readLog(p auth.Principal) store.ReadLog {
	within := auth.UnitScope(p)
	probe := within
	if probe == 0 {
		probe = -1
	}
	if p.System || !auth.Can(p, auth.ViewUnits, auth.Unit([]int64{probe})) {
		return store.ReadLog{}
	}
	return store.ReadLog{UserID: p.UserID, What: DisciplineRead, Within: within}
}

// Person returns one person with their record, if p may see their unit,
// in one statement (store.PersonFile).
func (a *App) Person(ctx context.Context, p auth.Principal, id int64) (PersonRecord, error) {
	return a.personRecord(ctx, &a.store.Q, p, id)
}

// personRecord is Person read through q: the pool, or a transaction.
func (a *App) personRecord(ctx context.Context, q *store.Q, p auth.Principal, id int64) (PersonRecord, error) {
	if p.Anonymous() {
		return PersonRecord{}, auth.Authorize(p, auth.ViewUnits, auth.Target{})
	}
	f, err := q.PersonFile(ctx, id, readLog(p))
	if err != nil {
		return PersonRecord{}, err
	}
	if err := auth.Authorize(p, auth.ViewUnits, auth.Unit(f.UnitPath)); err != nil {
		return PersonRecord{}, err
	}
	// Discipline records are personal data: who reads them is logged
	// (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15). No log, no read.
	if len(f.Disciplines) > 0 && !p.System && !f.Logged {
		return PersonRecord{}, errs.New(errs.Internal, "Không ghi được nhật ký truy cập dữ liệu cá nhân; hồ sơ kỷ luật không được hiển thị.")
	}
	return PersonRecord{Person: f.Person, Ratings: f.Ratings, Initiatives: f.Initiatives, Disciplines: f.Disciplines, Awards: f.Awards,
		Moves: f.Moves, Absences: f.Absences, Pending: f.Pending, UnitPath: f.UnitPath}, nil
}

// AwardPerson is the record as the award rules read it, with every matter
// not yet closed counted as pending (AwardPersonOn for a given day).
func (r PersonRecord) AwardPerson() award.Person { return r.AwardPersonOn(time.Time{}) }

// AwardPersonOn is the record as the award rules read it on day on, the
// day of consideration: matters open that day are pending (a zero day:
// every matter not yet closed). A revoked award is kept, marked Revoked:
// the rules count it for nothing.
func (r PersonRecord) AwardPersonOn(on time.Time) award.Person {
	ap := award.Person{ID: r.Person.ID, Name: r.Person.FullName, Ratings: map[int]award.Rating{}}
	if r.Person.RecruitedOn != nil {
		ap.RecruitedOn = *r.Person.RecruitedOn
	}
	if r.Person.JoinedSectorOn != nil {
		ap.JoinedSectorOn = *r.Person.JoinedSectorOn
	}
	ap.Female = r.Person.Sex != nil && *r.Person.Sex == "nu"
	for _, x := range r.Absences {
		a := award.Absence{Kind: award.AbsenceKind(x.Kind), From: x.FromDate}
		if x.ToDate != nil {
			a.To = *x.ToDate
		}
		ap.Absences = append(ap.Absences, a)
	}
	ap.Pending = pendingOn(r.Pending, on)
	for _, x := range r.Ratings {
		ap.Ratings[x.Year] = award.Rating(x.Rating)
	}
	for _, x := range r.Initiatives {
		ap.Initiatives = append(ap.Initiatives, award.Initiative{Year: x.Year, Level: award.Level(x.Level), Applied: x.Applied})
	}
	for _, x := range r.Disciplines {
		ap.Disciplines = append(ap.Disciplines, awardDiscipline(x))
	}
	for _, x := range r.Awards {
		ap.Awards = append(ap.Awards, award.Held{Year: x.Year, Title: award.Title(x.Title), Kind: award.Kind(x.Kind), Revoked: x.Revoked})
	}
	return ap
}

// awardDiscipline is a stored discipline as the rules read it.
func awardDiscipline(x store.PersonDiscipline) award.Discipline {
	d := award.Discipline{Measure: award.Measure(x.Measure), From: x.FromDate}
	if x.ToDate != nil {
		d.To = *x.ToDate
	}
	return d
}

// Verdicts are the award rules' answers on a person for one year.
type Verdicts struct {
	Year        int             `json:"year"`
	RuleSetID   string          `json:"rule_set_id"`
	RuleSetName string          `json:"rule_set_name"`
	Verdicts    []award.Verdict `json:"verdicts"`
}

// PersonVerdicts runs the individual titles' rules on the record for the
// current year, under the rules in force today. Chiến sĩ thi đua ngành is
// judged with no ballot held yet.
func (a *App) PersonVerdicts(r PersonRecord) Verdicts {
	today := a.Today()
	year := today.Year()
	rs := award.RulesFor(today)
	p := r.AwardPersonOn(today)
	return Verdicts{Year: year, RuleSetID: rs.ID, RuleSetName: rs.Name, Verdicts: []award.Verdict{
		rs.LaoDongTienTien(p, year),
		rs.ChienSiThiDuaCoSo(p, year),
		rs.ChienSiThiDuaNganh(p, year, award.Vote{}),
		rs.ChienSiThiDuaToanQuoc(p, year),
	}}
}

// CreatePerson adds a person to a unit.
func (a *App) CreatePerson(ctx context.Context, p auth.Principal, in PersonInput) (store.Person, error) {
	var out store.Person
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		np := in.apply(store.Person{})
		if np.UnitID != 0 {
			if err := a.authorizePeopleWrite(ctx, tx, p, np.UnitID); err != nil {
				if errs.CodeOf(err) != errs.NotFound {
					return err
				}
				in.Unparsed = withField(in.Unparsed, "unit_id", "Đơn vị không tồn tại.")
			}
		} else if err := auth.MayCreateUnplacedPerson(p); err != nil {
			return err
		}
		if err := validatePerson(np, in.Unparsed); err != nil {
			return err
		}
		var err error
		if out, err = tx.CreatePerson(ctx, np); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "create", "person", out.ID, "", nil, out)
	})
	return out, err
}

func withField(f errs.Fields, field, msg string) errs.Fields {
	if f == nil {
		f = errs.Fields{}
	}
	f.Add(field, msg)
	return f
}

// UpdatePerson changes a person. version is the version the editor loaded.
// A change of unit is a move: it is recorded in the person's unit history,
// on the day in Since. An officer moves people only within their own unit
// and the units under it.
func (a *App) UpdatePerson(ctx context.Context, p auth.Principal, id int64, version int, in PersonInput, reason string) (store.Person, error) {
	var out store.Person
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		before, err := tx.Person(ctx, id)
		if err != nil {
			return err
		}
		if err := a.authorizePeopleWrite(ctx, tx, p, before.UnitID); err != nil {
			return err
		}
		np := in.apply(before)
		np.Version = version
		if np.UnitID == 0 {
			np.UnitID = before.UnitID
		}
		moved := np.UnitID != before.UnitID
		if moved {
			path, err := tx.UnitPath(ctx, np.UnitID)
			if err != nil {
				return err
			}
			switch {
			case len(path) == 0:
				in.Unparsed = withField(in.Unparsed, "unit_id", "Đơn vị không tồn tại.")
			case auth.MayMovePersonTo(p, path):
			default:
				return errs.New(errs.Forbidden, "Anh/chị chỉ được chuyển cán bộ sang đơn vị mình hoặc đơn vị trực thuộc.")
			}
			if !np.Since.IsZero() && !np.Since.After(before.Since) {
				in.Unparsed = withField(in.Unparsed, "since", "Ngày chuyển đơn vị phải sau ngày bắt đầu công tác tại đơn vị cũ ("+before.Since.Format("02/01/2006")+").")
			}
		}
		if err := validatePerson(np, in.Unparsed); err != nil {
			return err
		}
		if out, err = tx.UpdatePerson(ctx, np); err != nil {
			return err
		}
		if moved {
			if _, err := tx.AddMove(ctx, store.PersonMove{PersonID: id, FromUnitID: before.UnitID, ToUnitID: np.UnitID,
				OnDate: np.Since, Note: strings.TrimSpace(in.MoveNote)}); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, p.UserID, "update", "person", id, strings.TrimSpace(reason), before, out)
	})
	return out, err
}

// recordChange runs one change of a person's record: it loads the person,
// authorises the change on their unit, audits what fn returns and answers
// the person's page as the change leaves it, read in the same transaction.
func (a *App) recordChange(ctx context.Context, p auth.Principal, personID int64, awards bool, action, reason string,
	fn func(tx *store.Q, person store.Person) (before, after any, err error)) (PersonPage, error) {
	var page PersonPage
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		person, err := tx.Person(ctx, personID)
		if err != nil {
			return err
		}
		if awards {
			err = a.authorizeAwards(ctx, tx, p, person.UnitID)
		} else {
			err = a.authorizePeopleWrite(ctx, tx, p, person.UnitID)
		}
		if err != nil {
			return err
		}
		before, after, err := fn(tx, person)
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, p.UserID, action, "person", personID, reason, before, after); err != nil {
			return err
		}
		page, err = a.personPage(ctx, tx, p, personID)
		return err
	})
	return page, err
}

func validYear(f errs.Fields, year int) {
	if year < 2000 || year > 2100 {
		f.Add("year", "Năm phải từ 2000 đến 2100.")
	}
}

// SetRating records a person's yearly rating, replacing any earlier one.
func (a *App) SetRating(ctx context.Context, p auth.Principal, personID int64, in Rating) (PersonPage, error) {
	r := store.PersonRating{PersonID: personID, Year: in.Year, Rating: in.Rating}
	return a.recordChange(ctx, p, personID, false, "rate", "", func(tx *store.Q, _ store.Person) (any, any, error) {
		f := errs.Fields{}
		validYear(f, r.Year)
		switch award.Rating(r.Rating) {
		case award.XuatSac, award.Tot, award.HoanThanh, award.KhongHoanThanh:
		default:
			f.Add("rating", "Vui lòng chọn kết quả xếp loại.")
		}
		if err := f.Err(); err != nil {
			return nil, nil, err
		}
		// Cross-check: disciplined in the year, rated "không hoàn thành nhiệm vụ".
		ds, err := tx.Disciplines(ctx, personID)
		if err != nil {
			return nil, nil, err
		}
		for _, d := range ds {
			if msg, bad := award.RatingConflict(award.Rating(r.Rating), r.Year, awardDiscipline(d)); bad {
				return nil, nil, errs.Fields{"rating": msg}.Err()
			}
		}
		return nil, r, tx.SetRating(ctx, r)
	})
}

// DeleteRating removes a person's rating for a year.
func (a *App) DeleteRating(ctx context.Context, p auth.Principal, personID int64, year int) (PersonPage, error) {
	return a.recordChange(ctx, p, personID, false, "unrate", "", func(tx *store.Q, _ store.Person) (any, any, error) {
		r, err := tx.DeleteRating(ctx, personID, year)
		return r, nil, err
	})
}

// AddInitiative records an initiative or research project.
func (a *App) AddInitiative(ctx context.Context, p auth.Principal, personID int64, req Initiative) (PersonPage, error) {
	in := store.PersonInitiative{PersonID: personID, Year: req.Year, Title: strings.TrimSpace(req.Title), Level: req.Level, Applied: req.Applied}
	return a.recordChange(ctx, p, personID, false, "add_initiative", "", func(tx *store.Q, _ store.Person) (any, any, error) {
		f := errs.Fields{}
		validYear(f, in.Year)
		if in.Title == "" {
			f.Add("title", "Vui lòng nhập tên sáng kiến, đề tài.")
		}
		switch award.Level(in.Level) {
		case award.CapCoSo, award.CapNganh, award.CapToanQuoc:
		default:
			f.Add("level", "Vui lòng chọn cấp công nhận.")
		}
		if err := f.Err(); err != nil {
			return nil, nil, err
		}
		var err error
		in, err = tx.AddInitiative(ctx, in)
		return nil, in, err
	})
}

// DeleteInitiative removes an initiative recorded by mistake.
func (a *App) DeleteInitiative(ctx context.Context, p auth.Principal, personID, id int64) (PersonPage, error) {
	return a.recordChange(ctx, p, personID, false, "remove_initiative", "", func(tx *store.Q, _ store.Person) (any, any, error) {
		in, err := tx.DeleteInitiative(ctx, personID, id)
		return in, nil, err
	})
}

// AddDiscipline records a disciplinary measure. unparsed holds dates the
// edge could not read.
func (a *App) AddDiscipline(ctx context.Context, p auth.Principal, personID int64, req Discipline, unparsed errs.Fields) (PersonPage, error) {
	d := store.PersonDiscipline{PersonID: personID, Measure: req.Measure, FromDate: req.FromDate, ToDate: req.ToDate, Note: strings.TrimSpace(req.Note)}
	return a.recordChange(ctx, p, personID, false, "add_discipline", "", func(tx *store.Q, _ store.Person) (any, any, error) {
		if err := disciplineFields(d.Measure, d.FromDate, d.ToDate, unparsed).Err(); err != nil {
			return nil, nil, err
		}
		// Cross-check: the year's rating must already say "không hoàn thành nhiệm vụ".
		rs, err := tx.Ratings(ctx, personID)
		if err != nil {
			return nil, nil, err
		}
		ratings := map[int]award.Rating{}
		for _, x := range rs {
			ratings[x.Year] = award.Rating(x.Rating)
		}
		if msg, bad := award.DisciplineConflict(awardDiscipline(d), ratings); bad {
			return nil, nil, errs.Fields{"from": msg + " Hãy sửa kết quả xếp loại năm " + strconv.Itoa(d.FromDate.Year()) + " trước."}.Err()
		}
		d, err = tx.AddDiscipline(ctx, d)
		return nil, d, err
	})
}

// DeleteDiscipline removes a discipline recorded by mistake.
func (a *App) DeleteDiscipline(ctx context.Context, p auth.Principal, personID, id int64) (PersonPage, error) {
	return a.recordChange(ctx, p, personID, false, "remove_discipline", "", func(tx *store.Q, _ store.Person) (any, any, error) {
		d, err := tx.DeleteDiscipline(ctx, personID, id)
		return d, nil, err
	})
}

// AddAward records an award decided for a person; the board only.
func (a *App) AddAward(ctx context.Context, p auth.Principal, personID int64, in AwardInput, unparsed errs.Fields) (PersonPage, error) {
	aw := in.row()
	aw.PersonID = &personID
	return a.recordChange(ctx, p, personID, true, "award", "", func(tx *store.Q, _ store.Person) (any, any, error) {
		f := errs.Fields{}
		for k, v := range unparsed {
			f.Add(k, v)
		}
		validYear(f, aw.Year)
		decision.CheckAward(f, &aw)
		if err := f.Err(); err != nil {
			return nil, nil, err
		}
		var err error
		aw, err = tx.AddAward(ctx, aw)
		return nil, aw, err
	})
}

// RevokeAward records that an award was revoked (hủy bỏ); the row stays,
// with the reason, and the rules count it for nothing. The board only.
func (a *App) RevokeAward(ctx context.Context, p auth.Principal, personID, awardID int64, reason string) (PersonPage, error) {
	reason = strings.TrimSpace(reason)
	return a.recordChange(ctx, p, personID, true, "revoke_award", reason, func(tx *store.Q, _ store.Person) (any, any, error) {
		before, err := tx.PersonAward(ctx, personID, awardID)
		if err != nil {
			return nil, nil, err
		}
		if err := decision.CheckRevoke(before, reason); err != nil {
			return nil, nil, err
		}
		if err := tx.RevokeAward(ctx, awardID, reason); err != nil {
			return nil, nil, err
		}
		after, err := tx.PersonAward(ctx, personID, awardID)
		return before, after, err
	})
}
