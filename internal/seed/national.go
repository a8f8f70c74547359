package seed

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"thidua/internal/award"
	"thidua/internal/org"
	"thidua/internal/scoring"
)

// The national seed (`thidua seed --scale national`) is a data set for load
// tests and benchmarks (issue #7): the 34 provincial procuracies of
// 1/7/2025 with invented regional procuracies under them, about 15 000
// people with five years of ratings, initiatives, disciplines, filings
// (self-assessments, most of them reviewed) and the awards decided on them.
//
// It is made in two steps. NationalPlan is a plain function of the seed
// number and the scale: it returns plain data (units, people, figures)
// and nothing else, so that determinism is a test without a database.
// National (national_load.go) writes a plan into an empty database in
// batches.
//
// The structure is the post-2025 one for every year of the plan, as if the
// 34 provinces and their regional procuracies had existed throughout: it is
// load, not history. Every name is invented.

// Scale is how big a national data set is.
type Scale struct {
	Provinces int `json:"provinces"` // how many of the 34 provinces, in cluster order
	Regional  int `json:"regional"`  // regional procuracies in all, spread over the provinces
	People    int `json:"people"`    // people in all
	FirstYear int `json:"first_year"`
	LastYear  int `json:"last_year"` // the year in progress: filings in every state, no awards yet
}

// The scales the seed command knows.
var (
	// NationalScale is the sector: 34 provinces, 350 regional
	// procuracies, 15 000 people, 2022–2026.
	NationalScale = Scale{Provinces: 34, Regional: 350, People: 15000, FirstYear: 2022, LastYear: 2026}
	// SmallScale is the same shape in small, for tests: two clusters of
	// five provinces.
	SmallScale = Scale{Provinces: 10, Regional: 30, People: 400, FirstYear: 2024, LastYear: 2026}
)

// ScaleNamed returns a scale by its name on the command line.
func ScaleNamed(name string) (Scale, bool) {
	switch name {
	case "national":
		return NationalScale, true
	case "small":
		return SmallScale, true
	}
	return Scale{}, false
}

// Plan is a national data set as plain data. Units, people and clusters
// refer to each other by index in their slices.
type Plan struct {
	Seed      uint64         `json:"seed"`
	Scale     Scale          `json:"scale"`
	Units     []PlanUnit     `json:"units"`
	Users     []PlanUser     `json:"users"`
	Years     []int          `json:"years"`
	Clusters  []PlanCluster  `json:"clusters"`
	Filings   []PlanFiling   `json:"filings"`
	People    []PlanPerson   `json:"people"`
	Decisions []PlanDecision `json:"decisions"`
	Awards    []PlanAward    `json:"awards"`
	// Schedule places the year in progress around the seeding day.
	Schedule Schedule `json:"schedule"`
}

// PlanUnit is a unit; Parent is an index into Plan.Units, -1 for none.
type PlanUnit struct {
	Code   string       `json:"code"`
	Name   string       `json:"name"`
	Type   org.UnitType `json:"type"`
	Parent int          `json:"parent"`
}

// PlanUser is an account; Unit is -1 for none. Every account has the demo
// password.
type PlanUser struct {
	Username string `json:"username"`
	FullName string `json:"full_name"`
	Role     string `json:"role"`
	Unit     int    `json:"unit"`
}

// PlanCluster is a national cluster (Owner -1) or a province's bloc.
type PlanCluster struct {
	Year    int    `json:"year"`
	Owner   int    `json:"owner"`
	Number  int    `json:"number"`
	Name    string `json:"name"`
	Members []int  `json:"members"`
	Head    int    `json:"head"`   // -1: not designated
	Deputy  int    `json:"deputy"` // -1: none
}

// PlanFiling is a unit's self-assessment of a year, against the national
// table (provinces) or the bloc table (regional procuracies). Entries and
// rulings are keyed by criterion code.
type PlanFiling struct {
	Year          int                       `json:"year"`
	Unit          int                       `json:"unit"`
	Bloc          bool                      `json:"bloc"`
	Status        scoring.Status            `json:"status"`
	Self          map[string]scoring.Entry  `json:"self"`
	Review        map[string]scoring.Review `json:"review,omitempty"`
	SelfTotal     float64                   `json:"self_total"`
	ReviewedTotal *float64                  `json:"reviewed_total,omitempty"`
	SubmittedAt   *time.Time                `json:"submitted_at,omitempty"`
	ReviewedAt    *time.Time                `json:"reviewed_at,omitempty"`
}

// PlanPerson is a person with their record.
type PlanPerson struct {
	Unit        int              `json:"unit"`
	Name        string           `json:"name"`
	Born        time.Time        `json:"born"`
	Sex         string           `json:"sex"`
	Position    string           `json:"position"`
	Since       time.Time        `json:"since"`
	Ratings     map[int]string   `json:"ratings"` // year → award.Rating code
	Initiatives []PlanInitiative `json:"initiatives,omitempty"`
	Disciplines []PlanDiscipline `json:"disciplines,omitempty"`
}

// PlanInitiative is an initiative recognised in a year at a level.
type PlanInitiative struct {
	Year    int         `json:"year"`
	Title   string      `json:"title"`
	Level   award.Level `json:"level"`
	Applied bool        `json:"applied"`
}

// PlanDiscipline is a disciplinary measure of a year.
type PlanDiscipline struct {
	Measure award.Measure `json:"measure"`
	From    time.Time     `json:"from"`
	To      time.Time     `json:"to"`
	Note    string        `json:"note"`
}

// PlanDecision is a decision on a year's awards, by a province's director
// (individual titles of its people) or by the Supreme Procuracy.
type PlanDecision struct {
	Unit   int       `json:"unit"` // the deciding level: a province, or the Supreme Procuracy
	Year   int       `json:"year"`
	Number string    `json:"number"`
	On     time.Time `json:"on"`
	Signer string    `json:"signer"`
}

// PlanAward is an award decided for a person (Person ≥ 0) or a unit
// (Person -1, Unit ≥ 0), proposed by Proposer and approved by Decision.
type PlanAward struct {
	Person   int         `json:"person"`
	Unit     int         `json:"unit"`
	Proposer int         `json:"proposer"`
	Year     int         `json:"year"`
	Title    award.Title `json:"title"`
	Decision int         `json:"decision"`
}

// Counts is how many rows of each table a plan makes.
func (p Plan) Counts() map[string]int {
	c := map[string]int{"units": len(p.Units), "users": len(p.Users), "emulation_years": len(p.Years),
		"clusters": len(p.Clusters), "assessments": len(p.Filings), "people": len(p.People),
		"decisions": len(p.Decisions), "awards": len(p.Awards), "proposals": len(p.Awards),
		"criteria_tables": 2 * len(p.Years)}
	for _, cl := range p.Clusters {
		c["cluster_members"] += len(cl.Members)
	}
	for _, f := range p.Filings {
		n := len(f.Self)
		for code := range f.Review {
			if _, ok := f.Self[code]; !ok {
				n++
			}
		}
		c["assessment_entries"] += n
	}
	for _, pp := range p.People {
		c["person_ratings"] += len(pp.Ratings)
		c["person_initiatives"] += len(pp.Initiatives)
		c["person_disciplines"] += len(pp.Disciplines)
	}
	return c
}

// Fingerprint is a SHA-256 of the whole plan: two plans with the same
// fingerprint write the same data.
func (p Plan) Fingerprint() string {
	b, err := json.Marshal(p) // maps are written in key order
	if err != nil {
		panic(err) // plain data always marshals
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// loadMark labels the national data set's invented content.
const loadMark = "(dữ liệu tải thử)"

// The sector's own units, above the provinces.
const (
	codeOffice = "VKSTC-VP"
	codeBoard  = "VKSTC-VP-TDKT"
)

// nationalProvinces are the 34 provinces of 1/7/2025 in the order of the
// demo's current clusters (currentClusters), with their demo codes, and the
// cluster each belongs to.
type natProvince struct {
	province
	code    string
	cluster int    // the demo's cluster number
	cname   string // its name
	from    int    // how many provinces it was formed from (1: unchanged)
}

func nationalProvinces() []natProvince {
	byCode := map[string]natProvince{}
	for _, p := range provinces63 {
		byCode[ProvinceCode(p.name)] = natProvince{province: p, from: 1}
	}
	byCode[ProvinceCode("Huế")] = natProvince{province: province{"Huế", true}, from: 1}
	for _, m := range merged34 {
		byCode[ProvinceCode(m.name)+suffix2025] = natProvince{province: m.province, from: len(m.from)}
	}
	var out []natProvince
	for _, c := range currentClusters(FirstDemoYear) {
		if c.owner != "" {
			continue // Thanh Hóa's blocs
		}
		for _, code := range c.members {
			p, ok := byCode[code]
			if !ok {
				panic("seed: the 2026 clusters name an unknown province " + code)
			}
			p.code, p.cluster, p.cname = code, c.number, c.name
			out = append(out, p)
		}
	}
	return out
}

// planRand is the plan's generator for one purpose, so that adding draws
// to one part of the plan does not shift the others.
func planRand(seed uint64, purpose string, n ...int) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "thidua national %d %s %v", seed, purpose, n)
	s := h.Sum64()
	return rand.New(rand.NewPCG(s, s>>11^0x2545f4914f6cdd1d))
}

// NationalPlan makes the national data set of a seed at a scale, its
// years moved so the last is the schedule's year in progress.
func NationalPlan(seed uint64, sc Scale, sch Schedule) Plan {
	provs := nationalProvinces()
	sc.Provinces = min(max(sc.Provinces, 1), len(provs))
	sc.Regional = max(sc.Regional, sc.Provinces)
	if sc.LastYear < sc.FirstYear {
		sc.LastYear = sc.FirstYear
	}
	sc.FirstYear, sc.LastYear = sc.FirstYear+sch.Year-sc.LastYear, sch.Year
	provs = provs[:sc.Provinces]
	p := Plan{Seed: seed, Scale: sc, Schedule: sch}
	for y := sc.FirstYear; y <= sc.LastYear; y++ {
		p.Years = append(p.Years, y)
	}

	// Units: the Supreme Procuracy and its board's office, the provinces,
	// then each province's regional procuracies.
	addUnit := func(code, name string, t org.UnitType, parent int) int {
		p.Units = append(p.Units, PlanUnit{Code: code, Name: name, Type: t, Parent: parent})
		return len(p.Units) - 1
	}
	supreme := addUnit(CodeSupreme, "Viện kiểm sát nhân dân tối cao", org.TypeSupreme, -1)
	office := addUnit(codeOffice, "Văn phòng Viện kiểm sát nhân dân tối cao", org.TypeDepartment, supreme)
	board := addUnit(codeBoard, "Phòng Thi đua – Khen thưởng, Văn phòng VKSND tối cao", org.TypeDepartment, office)
	provIdx := make([]int, len(provs))
	for i, pr := range provs {
		provIdx[i] = addUnit(pr.code, pr.fullName(), org.TypeProvincial, supreme)
	}
	regional := make([][]int, len(provs)) // per province
	for i, n := range spread(sc.Regional, provs) {
		name := provs[i].name
		if provs[i].name == "Hồ Chí Minh" {
			name = "Thành phố Hồ Chí Minh"
		}
		for k := 1; k <= n; k++ {
			regional[i] = append(regional[i], addUnit(fmt.Sprintf("%s-KV%d", provs[i].code, k),
				fmt.Sprintf("Viện kiểm sát nhân dân khu vực %d – %s", k, name), org.TypeRegional, provIdx[i]))
		}
	}

	p.Users = []PlanUser{
		{"admin", "Đỗ Minh Quản", "admin", -1},
		{"hoidong", "Nguyễn Văn Hội", "board", board},
		{"xem", "Phạm Minh Xem", "viewer", -1},
	}
	for i, pr := range provs {
		p.Users = append(p.Users, PlanUser{Username: "canbo." + strings.ToLower(ascii(pr.name)),
			FullName: "Cán bộ thi đua VKSND " + pr.name, Role: "officer", Unit: provIdx[i]})
	}

	p.planClusters(provs, provIdx, regional)
	p.planFilings(provIdx, regional)
	p.planPeople(provIdx, regional)
	p.planAwards()
	return p
}

// spread shares n regional procuracies among the provinces: a merged
// province gets more than an unchanged one, the two big cities most.
func spread(n int, provs []natProvince) []int {
	weights := make([]int, len(provs))
	sum := 0
	for i, pr := range provs {
		weights[i] = 2 + pr.from
		if pr.name == "Hà Nội" || pr.name == "Hồ Chí Minh" {
			weights[i] += 4
		}
		sum += weights[i]
	}
	out := make([]int, len(provs))
	given := 0
	for i, w := range weights {
		out[i] = max(1, n*w/sum)
		given += out[i]
	}
	for i := 0; given < n; i = (i + 1) % len(out) {
		out[i]++
		given++
	}
	return out
}

// planClusters makes, every year, the national clusters of the demo's 2026
// grouping and one bloc of regional procuracies per province; heads and
// deputies rotate through the members year by year.
func (p *Plan) planClusters(provs []natProvince, provIdx []int, regional [][]int) {
	for _, y := range p.Years {
		var members []int
		for i, pr := range provs {
			members = append(members, provIdx[i])
			if i+1 == len(provs) || provs[i+1].cluster != pr.cluster {
				p.Clusters = append(p.Clusters, rotated(PlanCluster{Year: y, Owner: -1, Number: pr.cluster, Name: pr.cname, Members: members}))
				members = nil
			}
		}
		for i := range provs {
			if len(regional[i]) == 0 {
				continue
			}
			p.Clusters = append(p.Clusters, rotated(PlanCluster{Year: y, Owner: provIdx[i], Number: 1,
				Name: "Khối VKSND khu vực", Members: regional[i]}))
		}
	}
}

// rotated designates the head and deputy of a cluster's year in rotation.
func rotated(c PlanCluster) PlanCluster {
	n := len(c.Members)
	k := (c.Year + c.Number) % n
	c.Head, c.Deputy = c.Members[k], -1
	if n > 1 {
		c.Deputy = c.Members[(k+1)%n]
	}
	return c
}

// planTable is a demo criteria table with positional ids (row i has id
// i+1), so the demo's drawing code can fill it without a database.
func planTable(specs []critSpec) seededTable {
	t, err := positional("", specs)
	if err != nil {
		panic(err) // the demo tables are static
	}
	st := seededTable{table: t, specs: map[string]critSpec{}, ids: map[string]int64{}}
	for i := range st.table.Criteria {
		c := &st.table.Criteria[i]
		c.ID = int64(i + 1)
		st.specs[c.Code], st.ids[c.Code] = specs[i], c.ID
	}
	return st
}

// planFilings files every unit's self-assessment every year, drawn as the
// demo draws them. Past years are all reviewed; in the year in progress
// about half are reviewed, the rest submitted, drafted or not started.
func (p *Plan) planFilings(provIdx []int, regional [][]int) {
	national, bloc := planTable(nationalCriteria()), planTable(blocCriteria())
	units := slices.Clone(provIdx)
	for _, r := range regional {
		units = append(units, r...)
	}
	quality := planRand(p.Seed, "quality")
	q := map[int]float64{}
	for _, u := range units {
		q[u] = 0.3 + 0.65*quality.Float64()
	}
	for _, y := range p.Years {
		for _, u := range units {
			r := planRand(p.Seed, "filing", y, u)
			isBloc := p.Units[u].Type == org.TypeRegional
			t := national
			if isBloc {
				t = bloc
			}
			status := scoring.Reviewed
			if y == p.Scale.LastYear {
				switch x := r.Float64(); {
				case x < 0.12:
					continue // not started
				case x < 0.27:
					status = scoring.Draft
				case x < 0.47:
					status = scoring.Submitted
				}
			}
			d := &draw{r: r, q: min(0.95, max(0.05, q[u]+0.1*(r.Float64()-0.5))), size: 0.6 + 1.1*r.Float64()}
			if p.Units[u].Type == org.TypeProvincial {
				d.size *= 1.5
			}
			entries := d.entries(t, filingPlan{})
			f := PlanFiling{Year: y, Unit: u, Bloc: isBloc, Status: status, Self: map[string]scoring.Entry{}}
			for id, e := range entries {
				f.Self[t.table.Criteria[id-1].Code] = e
			}
			f.SelfTotal = scoring.Evaluate(t.table, entries, nil).Total
			if status == scoring.Draft {
				p.Filings = append(p.Filings, f)
				continue
			}
			// Past years closed in November and December; the year in
			// progress over the schedule's closing days, before today.
			sub := time.Date(y, 11, 10+r.IntN(15), 8+r.IntN(9), r.IntN(60), 0, 0, ict).UTC()
			if y == p.Scale.LastYear {
				sub = p.Schedule.At(sub.In(ict).Day()-9, sub.In(ict).Hour(), sub.Minute()).UTC()
			}
			f.SubmittedAt = &sub
			if status == scoring.Reviewed {
				rulings := d.reviews(t, entries)
				rev := time.Date(y, 12, 1+r.IntN(9), 8+r.IntN(9), r.IntN(60), 0, 0, ict).UTC()
				if y == p.Scale.LastYear {
					rev = p.Schedule.At(rev.In(ict).Day()+15, rev.In(ict).Hour(), rev.Minute()).UTC()
				}
				total := scoring.Evaluate(t.table, scoring.Filing{Self: entries, Review: rulings}.ReviewedEntries(), nil).Total
				f.ReviewedAt, f.ReviewedTotal = &rev, &total
				if len(rulings) > 0 {
					f.Review = map[string]scoring.Review{}
					for id, rv := range rulings {
						f.Review[t.table.Criteria[id-1].Code] = rv
					}
				}
			}
			p.Filings = append(p.Filings, f)
		}
	}
}

// Vietnamese names: family names with their rough frequency, and middle
// and given names by sex.
var (
	familyNames = []struct {
		name   string
		weight int
	}{
		{"Nguyễn", 38}, {"Trần", 11}, {"Lê", 9}, {"Phạm", 7}, {"Hoàng", 5}, {"Huỳnh", 3}, {"Phan", 4}, {"Vũ", 4},
		{"Võ", 3}, {"Đặng", 2}, {"Bùi", 2}, {"Đỗ", 2}, {"Hồ", 2}, {"Ngô", 2}, {"Dương", 1}, {"Lý", 1},
		{"Đinh", 1}, {"Trịnh", 1}, {"Lương", 1}, {"Mai", 1}, {"Tạ", 1}, {"Cao", 1}, {"Lâm", 1}, {"Hà", 1},
	}
	middleMale   = []string{"Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Đình", "Xuân", "Thanh", "Ngọc", "Mạnh", "Tiến"}
	middleFemale = []string{"Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Phương", "Kim", "Diệu", "Bích"}
	givenMale    = []string{"Anh", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Huy", "Khánh", "Long", "Minh", "Nam",
		"Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Thành", "Tiến", "Trung", "Tuấn", "Việt", "Vinh"}
	givenFemale = []string{"Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Loan",
		"Mai", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Thu", "Trang", "Vân", "Yến"}
)

func personName(r *rand.Rand, female bool) string {
	total := 0
	for _, f := range familyNames {
		total += f.weight
	}
	k, family := r.IntN(total), ""
	for _, f := range familyNames {
		if k -= f.weight; k < 0 {
			family = f.name
			break
		}
	}
	middle, given := middleMale, givenMale
	if female {
		middle, given = middleFemale, givenFemale
	}
	return family + " " + middle[r.IntN(len(middle))] + " " + given[r.IntN(len(given))]
}

// Staff positions after the head and deputies, with their weight.
var staffPositions = []struct {
	name   string
	weight int
}{
	{"Kiểm sát viên sơ cấp", 30}, {"Kiểm sát viên trung cấp", 25}, {"Kiểm tra viên", 15}, {"Kiểm tra viên chính", 5},
	{"Chuyên viên", 12}, {"Kế toán", 4}, {"Văn thư", 4}, {"Lái xe", 3}, {"Kiểm sát viên cao cấp", 2},
}

var initiativeTopics = []string{
	"Quy trình kiểm sát việc giải quyết tin báo về tội phạm",
	"Mẫu bảng tổng hợp chứng cứ phục vụ xét hỏi tại phiên tòa",
	"Số hóa hồ sơ kiểm sát và trình chiếu chứng cứ tại phiên tòa",
	"Sổ theo dõi điện tử việc tạm giữ, tạm giam",
	"Kỹ năng tranh tụng trong các vụ án ma túy",
	"Phối hợp kiểm sát thi hành án dân sự đối với khoản thu hồi tài sản",
}

// planPeople staffs the units: a province's own office about three times a
// regional procuracy. Each person has a rating for every year they were in
// post, now and then an initiative (most often in a year rated "hoàn thành
// xuất sắc") and rarely a discipline.
func (p *Plan) planPeople(provIdx []int, regional [][]int) {
	units := slices.Clone(provIdx)
	for _, r := range regional {
		units = append(units, r...)
	}
	weight := func(u int) int {
		if p.Units[u].Type == org.TypeProvincial {
			return 3
		}
		return 1
	}
	sum := 0
	for _, u := range units {
		sum += weight(u)
	}
	per := make([]int, len(units))
	given := 0
	for i, u := range units {
		per[i] = p.Scale.People * weight(u) / sum
		given += per[i]
	}
	for i := 0; given < p.Scale.People; i = (i + 1) % len(per) {
		per[i]++
		given++
	}
	ratings := []struct {
		code   award.Rating
		weight int
	}{{award.XuatSac, 16}, {award.Tot, 74}, {award.HoanThanh, 8}, {award.KhongHoanThanh, 2}}
	first := p.Scale.FirstYear
	for i, u := range units {
		r := planRand(p.Seed, "people", u)
		for k := range per[i] {
			female := r.IntN(100) < 45
			pp := PlanPerson{Unit: u, Name: personName(r, female), Sex: "nam", Ratings: map[int]string{}}
			if female {
				pp.Sex = "nu"
			}
			age := 24 + r.IntN(36)
			pp.Born = date(p.Scale.LastYear-age, time.Month(1+r.IntN(12)), 1+r.IntN(28))
			switch {
			case k == 0:
				pp.Position = "Viện trưởng"
			case k <= 2 || (k == 3 && p.Units[u].Type == org.TypeProvincial):
				pp.Position = "Phó Viện trưởng"
			default:
				total := 0
				for _, s := range staffPositions {
					total += s.weight
				}
				x := r.IntN(total)
				for _, s := range staffPositions {
					if x -= s.weight; x < 0 {
						pp.Position = s.name
						break
					}
				}
			}
			// One in ten joined during the plan's years.
			joined := first - 1 - r.IntN(15)
			if r.IntN(10) == 0 {
				joined = first + r.IntN(len(p.Years))
			}
			pp.Since = date(max(joined, pp.Born.Year()+22), time.Month(1+r.IntN(12)), 1)
			for _, y := range p.Years {
				if pp.Since.Year() > y || (pp.Since.Year() == y && pp.Since.Month() > 6) {
					continue
				}
				x := r.IntN(100)
				for _, rt := range ratings {
					if x -= rt.weight; x < 0 {
						pp.Ratings[y] = string(rt.code)
						break
					}
				}
				chance := 6
				if pp.Ratings[y] == string(award.XuatSac) {
					chance = 45
				}
				if r.IntN(100) < chance {
					lvl := award.CapCoSo
					if r.IntN(20) == 0 {
						lvl = award.CapNganh
					}
					pp.Initiatives = append(pp.Initiatives, PlanInitiative{Year: y, Level: lvl, Applied: r.IntN(5) > 0,
						Title: initiativeTopics[r.IntN(len(initiativeTopics))] + " " + loadMark})
				}
				if r.IntN(400) == 0 || pp.Ratings[y] == string(award.KhongHoanThanh) && r.IntN(3) == 0 {
					m := award.KhienTrach
					if r.IntN(4) == 0 {
						m = award.CanhCao
					}
					from := date(y, time.Month(2+r.IntN(9)), 1+r.IntN(28))
					pp.Disciplines = append(pp.Disciplines, PlanDiscipline{Measure: m, From: from, To: from.AddDate(1, 0, -1),
						Note: "Vi phạm kỷ luật, kỷ cương công vụ " + loadMark})
				}
			}
			p.People = append(p.People, pp)
		}
	}
}

// planAwards decides every past year's awards, as the cycle would: each
// province's director awards Lao động tiên tiến to its people rated "hoàn
// thành tốt" or better with no discipline that year, and Chiến sĩ thi đua
// cơ sở to those rated "xuất sắc" with an applied initiative; the Supreme
// Procuracy awards the units Tập thể lao động xuất sắc (the best reviewed
// third of each cluster; a province's director for its bloc) or tiên
// tiến, and Chiến sĩ thi đua ngành to whoever
// holds Chiến sĩ thi đua cơ sở three years running with a sector-level
// initiative. The year in progress has no awards yet.
func (p *Plan) planAwards() {
	provinceOf := func(u int) int {
		for p.Units[u].Type != org.TypeProvincial {
			u = p.Units[u].Parent
		}
		return u
	}
	supreme := 0
	for i, u := range p.Units {
		if u.Type == org.TypeSupreme {
			supreme = i
		}
	}
	decisionOf := map[[2]int]int{} // (year, province unit or -1) → decision
	decision := func(y, prov int) int {
		if i, ok := decisionOf[[2]int{y, prov}]; ok {
			return i
		}
		d := PlanDecision{Year: y, On: date(y, 12, 20), Unit: prov}
		if prov < 0 {
			d.Unit = supreme
			d.Number, d.Signer = fmt.Sprintf("%d/QĐ-VKSTC", 400+y%100), "Viện trưởng VKSND tối cao "+loadMark
			d.On = date(y+1, 1, 15)
		} else {
			d.Number = fmt.Sprintf("%d/QĐ-%s", 100+prov, p.Units[prov].Code)
			d.Signer = "Viện trưởng " + p.Units[prov].Name + " " + loadMark
		}
		p.Decisions = append(p.Decisions, d)
		decisionOf[[2]int{y, prov}] = len(p.Decisions) - 1
		return len(p.Decisions) - 1
	}
	held := map[[2]int]bool{} // (person, year) → held Chiến sĩ thi đua cơ sở
	for _, y := range p.Years {
		if y == p.Scale.LastYear {
			break
		}
		for i, pp := range p.People {
			rt, ok := pp.Ratings[y]
			if !ok || rt == string(award.HoanThanh) || rt == string(award.KhongHoanThanh) {
				continue
			}
			if slices.ContainsFunc(pp.Disciplines, func(d PlanDiscipline) bool { return d.From.Year() == y }) {
				continue
			}
			prov := provinceOf(pp.Unit)
			p.Awards = append(p.Awards, PlanAward{Person: i, Unit: -1, Proposer: pp.Unit, Year: y,
				Title: award.LaoDongTienTien, Decision: decision(y, prov)})
			applied := func(lvl award.Level) bool {
				return slices.ContainsFunc(pp.Initiatives, func(in PlanInitiative) bool {
					return in.Year == y && in.Applied && (lvl == award.CapCoSo || in.Level == lvl)
				})
			}
			if rt == string(award.XuatSac) && applied(award.CapCoSo) {
				p.Awards = append(p.Awards, PlanAward{Person: i, Unit: -1, Proposer: pp.Unit, Year: y,
					Title: award.ChienSiThiDuaCoSo, Decision: decision(y, prov)})
				held[[2]int{i, y}] = true
				if held[[2]int{i, y - 1}] && held[[2]int{i, y - 2}] && applied(award.CapNganh) {
					p.Awards = append(p.Awards, PlanAward{Person: i, Unit: -1, Proposer: prov, Year: y,
						Title: award.ChienSiThiDuaNganh, Decision: decision(y, -1)})
				}
			}
		}
		// Units, by their reviewed totals within their cluster.
		total := map[int]float64{}
		for _, f := range p.Filings {
			if f.Year == y && f.ReviewedTotal != nil {
				total[f.Unit] = *f.ReviewedTotal
			}
		}
		for _, c := range p.Clusters {
			if c.Year != y {
				continue
			}
			ranked := slices.Clone(c.Members)
			slices.SortStableFunc(ranked, func(a, b int) int {
				switch {
				case total[a] > total[b]:
					return -1
				case total[a] < total[b]:
					return 1
				}
				return 0
			})
			for k, u := range ranked {
				t := award.TapTheLaoDongTienTien
				if k < (len(ranked)+2)/3 {
					t = award.TapTheLaoDongXuatSac
				}
				// A province's director decides on its regional procuracies.
				proposer := u
				if c.Owner >= 0 {
					proposer = c.Owner
				}
				p.Awards = append(p.Awards, PlanAward{Person: -1, Unit: u, Proposer: proposer, Year: y, Title: t, Decision: decision(y, c.Owner)})
			}
		}
	}
}
