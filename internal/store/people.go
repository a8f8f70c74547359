package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"thidua/internal/errs"
	"thidua/internal/org"
)

// Person is one civil servant or employee of a unit (cán bộ).
type Person struct {
	ID        int64      `json:"id"`
	FullName  string     `json:"full_name"`
	BirthDate *time.Time `json:"birth_date"`
	Sex       *string    `json:"sex"` // "nam", "nu" or null
	Position  string     `json:"position"`
	UnitID    int64      `json:"unit_id"`
	UnitName  string     `json:"unit_name" gorm:"->;-:migration"` // filled by joins when reading
	Since     time.Time  `json:"since"`                           // in this unit from
	// RecruitedOn (ngày tuyển dụng) and JoinedSectorOn (ngày về ngành, by
	// transfer): nil when not in the record; the award rules then answer
	// "chưa đủ thông tin".
	RecruitedOn    *time.Time `json:"recruited_on"`
	JoinedSectorOn *time.Time `json:"joined_sector_on"`
	Active         bool       `json:"active"`
	Version        int        `json:"version"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

func (Person) TableName() string { return "people" }

// SexLabel is the person's sex in Vietnamese, or "" when not recorded.
func (p Person) SexLabel() string {
	switch {
	case p.Sex == nil:
		return ""
	case *p.Sex == "nam":
		return "Nam"
	case *p.Sex == "nu":
		return "Nữ"
	}
	return *p.Sex
}

// PersonMove is one move of a person from a unit to another.
type PersonMove struct {
	ID         int64     `json:"id"`
	PersonID   int64     `json:"person_id"`
	FromUnitID int64     `json:"from_unit_id"`
	ToUnitID   int64     `json:"to_unit_id"`
	FromName   string    `json:"from_unit_name" gorm:"->;-:migration"`
	ToName     string    `json:"to_unit_name" gorm:"->;-:migration"`
	OnDate     time.Time `json:"on_date"`
	Note       string    `json:"note"`
}

func (PersonMove) TableName() string { return "person_moves" }

// PersonRating is a person's yearly evaluation (an award.Rating code).
type PersonRating struct {
	PersonID int64  `json:"person_id"`
	Year     int    `json:"year"`
	Rating   string `json:"rating"`
}

func (PersonRating) TableName() string { return "person_ratings" }

// PersonInitiative is an initiative or research recognised at a level.
type PersonInitiative struct {
	ID       int64  `json:"id"`
	PersonID int64  `json:"person_id"`
	Year     int    `json:"year"`
	Title    string `json:"title"`
	Level    string `json:"level"`
	Applied  bool   `json:"applied"`
}

func (PersonInitiative) TableName() string { return "person_initiatives" }

// PersonDiscipline is one disciplinary measure and its period.
type PersonDiscipline struct {
	ID       int64      `json:"id"`
	PersonID int64      `json:"person_id"`
	Measure  string     `json:"measure"`
	FromDate time.Time  `json:"from"`
	ToDate   *time.Time `json:"to"`
	Note     string     `json:"note"`
}

func (PersonDiscipline) TableName() string { return "person_disciplines" }

// personColumns are Person's (not the folded name searches read).
const personColumns = "people.id, people.full_name, people.birth_date, people.sex, people.position, people.unit_id, units.name AS unit_name, " +
	"people.since, people.recruited_on, people.joined_sector_on, people.active, people.version, people.created_at, people.updated_at"

func (s *Q) people() *gorm.DB {
	return s.db.Table("people").Joins("JOIN units ON units.id = people.unit_id")
}

// ListPeople returns people matching f, by name, and the count before paging.
func (s *Q) ListPeople(ctx context.Context, f org.PersonFilter) ([]Person, int64, error) {
	q := s.people().WithContext(ctx)
	if f.Within != nil {
		q = q.Where(`people.unit_id IN (WITH RECURSIVE sub AS (SELECT id FROM units WHERE id = ?
			UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) SELECT id FROM sub)`, *f.Within)
	}
	if f.UnitID != nil {
		q = q.Where("people.unit_id = ?", *f.UnitID)
	}
	if term := strings.TrimSpace(f.Query); term != "" {
		q = q.Where("people.full_name_folded LIKE ? ESCAPE '\\'", "%"+escapeLike(fold(term))+"%") // foldSQL, stored
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit).Offset(f.Offset)
	}
	out := []Person{} // never nil: the API says [] for none
	err := q.Select(personColumns).Order("people.full_name COLLATE \"vi-x-icu\"").Order("people.id").Find(&out).Error
	return out, total, err
}

// Person returns one person by id.
func (s *Q) Person(ctx context.Context, id int64) (Person, error) {
	var p Person
	if err := s.people().WithContext(ctx).Select(personColumns).Where("people.id = ?", id).Take(&p).Error; err != nil {
		return Person{}, notFound(err, "cán bộ")
	}
	return p, nil
}

// CreatePerson inserts p and returns it with its id.
func (s *Q) CreatePerson(ctx context.Context, p Person) (Person, error) {
	p.ID, p.Version = 0, 1
	if err := s.db.WithContext(ctx).Omit("ID", "UnitName", "CreatedAt", "UpdatedAt").Create(&p).Error; err != nil {
		return Person{}, err
	}
	return s.Person(ctx, p.ID)
}

// CreatePeople records new people in a few statements (imports); the
// returned people carry their IDs, in the same order.
func (s *Q) CreatePeople(ctx context.Context, people []Person) ([]Person, error) {
	now := time.Now()
	for i := range people {
		people[i].ID, people[i].Version, people[i].CreatedAt, people[i].UpdatedAt = 0, 1, now, now
	}
	if len(people) == 0 {
		return people, nil
	}
	err := s.db.WithContext(ctx).Omit("ID", "UnitName").CreateInBatches(&people, batchRows).Error
	return people, err
}

// UpdatePerson writes every editable column of p if its version is still
// p.Version; otherwise someone else saved first and Conflict is returned.
func (s *Q) UpdatePerson(ctx context.Context, p Person) (Person, error) {
	res := s.db.WithContext(ctx).Model(&Person{}).Where("id = ? AND version = ?", p.ID, loadedVersion(p.Version)).
		Updates(map[string]any{"full_name": p.FullName, "birth_date": p.BirthDate, "sex": p.Sex, "position": p.Position,
			"unit_id": p.UnitID, "since": p.Since, "active": p.Active,
			"recruited_on": p.RecruitedOn, "joined_sector_on": p.JoinedSectorOn,
			"version": gorm.Expr("version + 1"), "updated_at": gorm.Expr("now()")})
	if res.Error != nil {
		return Person{}, res.Error
	}
	if res.RowsAffected != 1 {
		if _, err := s.Person(ctx, p.ID); err != nil {
			return Person{}, err
		}
		return Person{}, stale("cán bộ")
	}
	return s.Person(ctx, p.ID)
}

// AddMove records a person's move to another unit.
func (s *Q) AddMove(ctx context.Context, m PersonMove) (PersonMove, error) {
	m.ID = 0
	err := s.db.WithContext(ctx).Omit("ID", "FromName", "ToName").Create(&m).Error
	return m, err
}

// Moves returns a person's moves, oldest first.
func (s *Q) Moves(ctx context.Context, personID int64) ([]PersonMove, error) {
	out := []PersonMove{}
	err := s.db.WithContext(ctx).Table("person_moves m").
		Select("m.*, f.name AS from_name, t.name AS to_name").
		Joins("JOIN units f ON f.id = m.from_unit_id").Joins("JOIN units t ON t.id = m.to_unit_id").
		Where("m.person_id = ?", personID).Order("m.on_date").Order("m.id").Find(&out).Error
	return out, err
}

// SetRating records a person's rating for a year, replacing any earlier one.
func (s *Q) SetRating(ctx context.Context, r PersonRating) error {
	return s.db.WithContext(ctx).Exec(`INSERT INTO person_ratings (person_id, year, rating) VALUES (?, ?, ?)
		ON CONFLICT (person_id, year) DO UPDATE SET rating = EXCLUDED.rating`, r.PersonID, r.Year, r.Rating).Error
}

// SetRatings records many ratings, replacing those of the same person
// and year, in a few statements (imports).
func (s *Q) SetRatings(ctx context.Context, ratings []PersonRating) error {
	for start := 0; start < len(ratings); start += batchRows {
		chunk := ratings[start:min(start+batchRows, len(ratings))]
		var q strings.Builder
		args := make([]any, 0, 3*len(chunk))
		q.WriteString(`INSERT INTO person_ratings (person_id, year, rating) VALUES `)
		for i, r := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?, ?)")
			args = append(args, r.PersonID, r.Year, r.Rating)
		}
		q.WriteString(` ON CONFLICT (person_id, year) DO UPDATE SET rating = EXCLUDED.rating`)
		if err := s.db.WithContext(ctx).Exec(q.String(), args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// DeleteRating removes a person's rating for a year.
func (s *Q) DeleteRating(ctx context.Context, personID int64, year int) (PersonRating, error) {
	var r PersonRating
	if err := s.db.WithContext(ctx).Where("person_id = ? AND year = ?", personID, year).Take(&r).Error; err != nil {
		return r, notFound(err, "kết quả xếp loại năm này")
	}
	return r, s.db.WithContext(ctx).Where("person_id = ? AND year = ?", personID, year).Delete(&PersonRating{}).Error
}

// Ratings returns a person's ratings, latest year first.
func (s *Q) Ratings(ctx context.Context, personID int64) ([]PersonRating, error) {
	out := []PersonRating{}
	err := s.db.WithContext(ctx).Where("person_id = ?", personID).Order("year DESC").Find(&out).Error
	return out, err
}

// AddInitiative records an initiative.
func (s *Q) AddInitiative(ctx context.Context, in PersonInitiative) (PersonInitiative, error) {
	in.ID = 0
	err := s.db.WithContext(ctx).Omit("ID").Create(&in).Error
	return in, err
}

// DeleteInitiative removes one of a person's initiatives.
func (s *Q) DeleteInitiative(ctx context.Context, personID, id int64) (PersonInitiative, error) {
	var in PersonInitiative
	if err := s.db.WithContext(ctx).Where("person_id = ? AND id = ?", personID, id).Take(&in).Error; err != nil {
		return in, notFound(err, "sáng kiến")
	}
	return in, s.db.WithContext(ctx).Delete(&PersonInitiative{}, id).Error
}

// Initiatives returns a person's initiatives, latest year first.
func (s *Q) Initiatives(ctx context.Context, personID int64) ([]PersonInitiative, error) {
	out := []PersonInitiative{}
	err := s.db.WithContext(ctx).Where("person_id = ?", personID).Order("year DESC").Order("id").Find(&out).Error
	return out, err
}

// AddDiscipline records a disciplinary measure.
func (s *Q) AddDiscipline(ctx context.Context, d PersonDiscipline) (PersonDiscipline, error) {
	d.ID = 0
	err := s.db.WithContext(ctx).Omit("ID").Create(&d).Error
	return d, err
}

// DeleteDiscipline removes one of a person's disciplines.
func (s *Q) DeleteDiscipline(ctx context.Context, personID, id int64) (PersonDiscipline, error) {
	var d PersonDiscipline
	if err := s.db.WithContext(ctx).Where("person_id = ? AND id = ?", personID, id).Take(&d).Error; err != nil {
		return d, notFound(err, "quyết định kỷ luật")
	}
	return d, s.db.WithContext(ctx).Delete(&PersonDiscipline{}, id).Error
}

// Disciplines returns a person's disciplines, latest first.
func (s *Q) Disciplines(ctx context.Context, personID int64) ([]PersonDiscipline, error) {
	out := []PersonDiscipline{}
	err := s.db.WithContext(ctx).Where("person_id = ?", personID).Order("from_date DESC").Order("id").Find(&out).Error
	return out, err
}

// PersonFile is a person with everything the award rules read of them,
// and their unit's path up the tree.
type PersonFile struct {
	Person      Person
	UnitPath    []int64 // the person's unit first
	Ratings     []PersonRating
	Initiatives []PersonInitiative
	Disciplines []PersonDiscipline
	Awards      []Award
	Absences    []PersonAbsence
	Pending     []PendingMatter // open and closed
	Moves       []PersonMove
	Logged      bool // the read was logged (ReadLog)
}

// ReadLog asks PersonFile to log, in its own statement, a read of the
// person's discipline records: by UserID (0: nobody, no log), as What,
// when the person has a discipline on record and their unit is Within or
// under it (0: wherever it is).
type ReadLog struct {
	UserID int64
	What   string
	Within int64
}

// PersonFile reads a person's record in one statement, whatever its
// length: the person with the unit's name and path, and every list as a
// JSON array, in the orders Ratings, Initiatives, … give them. It is
// scanned by position below GORM: matching the columns by reflection was
// a third of the statement's cost on a person's page. The same statement
// logs the read as log asks (no round trip of its own).
func (s *Q) PersonFile(ctx context.Context, id int64, log ReadLog) (PersonFile, error) {
	if _, pool := s.db.Statement.ConnPool.(*sql.DB); pool {
		// Read with the request's session or token, if it asked
		// (sent_reads.go); never in a transaction, which reads in its own.
		if v, ok := takeSentRead(ctx, personKey{id}); ok {
			return s.logRead(ctx, v.(PersonFile), log)
		}
	}
	var f PersonFile
	found := false
	// Scanned by pgx itself (readWithPgx): database/sql's conversion of
	// its 23 values was a tenth of the page's Go time.
	err := s.readWithPgx(ctx, func(query queryFunc) error {
		rows, done, err := query(personFileSQL, id, log.UserID, log.What, log.Within)
		if err != nil {
			return err
		}
		defer done()
		if rows.Next() {
			found = true
			if err := scanPersonFile(rows, &f); err != nil {
				return err
			}
		}
		return rows.Err()
	})
	if err != nil {
		return PersonFile{}, err
	}
	if !found {
		return PersonFile{}, errs.New(errs.NotFound, "Không tìm thấy cán bộ.")
	}
	return f, nil
}

// logRead logs the read of f, read without its log (WithPersonRead), as
// PersonFile's statement would have: when log names a reader, f has
// discipline records and its unit is within log's scope.
func (s *Q) logRead(ctx context.Context, f PersonFile, log ReadLog) (PersonFile, error) {
	if log.UserID == 0 || len(f.Disciplines) == 0 || log.Within != 0 && !slices.Contains(f.UnitPath, log.Within) {
		return f, nil
	}
	err := s.db.WithContext(ctx).Statement.ConnPool.QueryRowContext(ctx, `SELECT log_personal_data_read($1, $2, $3)`,
		log.UserID, f.Person.ID, log.What).Scan(&f.Logged)
	return f, err
}

// scanPersonFile scans PersonFile's row into f.
func scanPersonFile(rows positionalRows, f *PersonFile) error {
	p := &f.Person
	var path string
	var lists [7][]byte
	err := rows.Scan(&p.ID, &p.FullName,
		&p.BirthDate, &p.Sex, &p.Position, &p.UnitID, &p.UnitName, &p.Since, &p.RecruitedOn, &p.JoinedSectorOn, &p.Active, &p.Version,
		&p.CreatedAt, &p.UpdatedAt, &path,
		&lists[0], &lists[1], &lists[2], &lists[3], &lists[4], &lists[5], &lists[6], &f.Logged)
	if err != nil {
		return err
	}
	f.UnitPath = ids(path)
	f.Ratings, f.Initiatives, f.Disciplines, f.Awards = []PersonRating{}, []PersonInitiative{}, []PersonDiscipline{}, []Award{}
	f.Absences, f.Pending, f.Moves = []PersonAbsence{}, []PendingMatter{}, []PersonMove{}
	for i, into := range []any{&f.Ratings, &f.Initiatives, &f.Disciplines, &f.Awards, &f.Absences, &f.Pending, &f.Moves} {
		if len(lists[i]) > 0 { // null: none, and the list stays []
			if err := json.Unmarshal(lists[i], into); err != nil {
				return err
			}
		}
	}
	sortPersonFile(f)
	return nil
}

// sortPersonFile puts f's lists in their orders, as personFileSQL reads
// them unsorted: ratings and initiatives and awards by year, disciplines
// and absences and pending matters by their start, latest first, moves
// oldest first; ties by id.
func sortPersonFile(f *PersonFile) {
	latestFirst := func(a, b time.Time, idA, idB int64) int {
		if c := b.Compare(a); c != 0 {
			return c
		}
		return cmp.Compare(idA, idB)
	}
	slices.SortFunc(f.Ratings, func(a, b PersonRating) int { return cmp.Compare(b.Year, a.Year) })
	slices.SortFunc(f.Initiatives, func(a, b PersonInitiative) int {
		return cmp.Or(cmp.Compare(b.Year, a.Year), cmp.Compare(a.ID, b.ID))
	})
	slices.SortFunc(f.Disciplines, func(a, b PersonDiscipline) int { return latestFirst(a.FromDate, b.FromDate, a.ID, b.ID) })
	slices.SortFunc(f.Awards, func(a, b Award) int { return cmp.Or(cmp.Compare(b.Year, a.Year), cmp.Compare(a.ID, b.ID)) })
	slices.SortFunc(f.Absences, func(a, b PersonAbsence) int { return latestFirst(a.FromDate, b.FromDate, a.ID, b.ID) })
	slices.SortFunc(f.Pending, func(a, b PendingMatter) int { return latestFirst(a.OpenedOn, b.OpenedOn, a.ID, b.ID) })
	slices.SortFunc(f.Moves, func(a, b PersonMove) int { return cmp.Or(a.OnDate.Compare(b.OnDate), cmp.Compare(a.ID, b.ID)) })
}

// personFileSQL is PersonFile's statement: each list is built by an
// independent subquery with the keys of its type, cheap to plan. The walk
// up the unit tree reads each parent by its key, and a move its units'
// names (joins there were planned as scans of every unit). $1 is
// the person; $2, $3, $4 the ReadLog, written by the last column only
// when there is a read to log (log_personal_data_read, migration 00036: a
// data-modifying CTE cost its set-up on every read).
//
// Nothing in it sorts: each list's json_agg with an ORDER BY began a
// tuplesort on every read, empty lists included, and so did the path's
// string_agg. The lists come in the order their scans give and
// sortPersonFile puts them in their order (each by a unique key); the
// path is written as the walk goes up, the unit first, and read from the
// walk's last row. The disciplines are read once, in FROM, for the list
// and for whether there is a read to log (an EXISTS of its own opened the
// same index again).
var personFileSQL = `WITH RECURSIVE up(id, parent_id, depth, path) AS (
		SELECT u.id, u.parent_id, 0, u.id::text FROM people p JOIN units u ON u.id = p.unit_id WHERE p.id = $1
		UNION ALL SELECT up.parent_id, (SELECT u.parent_id FROM units u WHERE u.id = up.parent_id), up.depth + 1, up.path || ',' || up.parent_id
			FROM up WHERE up.parent_id IS NOT NULL AND up.depth < 50)
	SELECT p.id, p.full_name, p.birth_date, p.sex, p.position, p.unit_id, units.name, p.since,
		p.recruited_on, p.joined_sector_on, p.active, p.version, p.created_at, p.updated_at,
		(SELECT path FROM up WHERE parent_id IS NULL OR depth >= 50),
		(SELECT json_agg(json_build_object('person_id', person_id, 'year', year, 'rating', rating))
			FROM person_ratings WHERE person_id = p.id),
		(SELECT json_agg(json_build_object('id', id, 'person_id', person_id, 'year', year, 'title', title, 'level', level, 'applied', applied))
			FROM person_initiatives WHERE person_id = p.id),
		d.list,
		(SELECT json_agg(json_build_object('id', id, 'person_id', person_id, 'unit_id', unit_id, 'year', year, 'title', title, 'kind', kind,
			'decision_no', decision_no, 'decision_date', ` + jsonDay("decision_date") + `, 'signer', signer, 'revoked', revoked,
			'revoke_reason', revoke_reason)) FROM awards WHERE person_id = p.id),
		(SELECT json_agg(json_build_object('id', id, 'person_id', person_id, 'kind', kind, 'from', ` + jsonDay("from_date") + `,
			'to', ` + jsonDay("to_date") + `, 'note', note, 'version', version, 'created_at', created_at))
			FROM person_absences WHERE person_id = p.id),
		(SELECT json_agg(json_build_object('id', id, 'person_id', person_id, 'unit_id', unit_id, 'kind', kind,
			'opened_on', ` + jsonDay("opened_on") + `, 'closed_on', ` + jsonDay("closed_on") + `, 'outcome', outcome, 'note', note,
			'version', version, 'created_at', created_at)) FROM pending_matters WHERE person_id = p.id),
		(SELECT json_agg(json_build_object('id', m.id, 'person_id', m.person_id, 'from_unit_id', m.from_unit_id, 'to_unit_id', m.to_unit_id,
			'from_unit_name', (SELECT name FROM units WHERE id = m.from_unit_id), 'to_unit_name', (SELECT name FROM units WHERE id = m.to_unit_id),
			'on_date', ` + jsonDay("m.on_date") + `, 'note', m.note)) FROM person_moves m WHERE m.person_id = p.id),
		CASE WHEN $2::bigint <> 0 AND d.list IS NOT NULL
			AND ($4::bigint = 0 OR EXISTS (SELECT 1 FROM up WHERE id = $4))
		THEN log_personal_data_read($2, $1, $3) ELSE false END
	FROM people p JOIN units ON units.id = p.unit_id,
		LATERAL (SELECT json_agg(json_build_object('id', id, 'person_id', person_id, 'measure', measure, 'from', ` + jsonDay("from_date") + `,
			'to', ` + jsonDay("to_date") + `, 'note', note)) AS list FROM person_disciplines WHERE person_id = p.id) d
	WHERE p.id = $1`

// jsonDay writes a date column as JSON that a time.Time reads back as the
// driver gives a date: midnight UTC.
func jsonDay(col string) string { return "to_char(" + col + `, 'YYYY-MM-DD"T00:00:00Z"')` }
