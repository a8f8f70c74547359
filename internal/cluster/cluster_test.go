package cluster

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"thidua/internal/award"
	"thidua/internal/errs"
)

func fieldsOf(err error) map[string]string {
	if e, ok := errs.As(err); ok {
		return e.Fields
	}
	return nil
}

func name(id int64) string { return fmt.Sprintf("Đơn vị %d", id) }

// Cluster 6 (Bắc Trung Bộ): Thanh Hóa 1, Nghệ An 2, Hà Tĩnh 3, Quảng Bình 4, Quảng Trị 5, Thừa Thiên Huế 6.
var cluster6 = []int64{1, 2, 3, 4, 5, 6}

func TestSuggestRotation(t *testing.T) {
	none := func(int64) bool { return false }
	tests := []struct {
		name                 string
		members              []int64
		head, nominated      int64
		blocked              func(int64) bool
		wantHead, wantDeputy int64
	}{
		// 2020 head Thanh Hóa → 2021 head Nghệ An, deputy Quảng Trị as nominated (the record's outcome).
		{"rotation with the members' nomination", cluster6, 1, 5, none, 2, 5},
		{"without nomination the next member is deputy", cluster6, 1, 0, none, 2, 3},
		{"wraps around from the last member", cluster6, 6, 0, none, 1, 2},
		{"skips a unit not eligible last year", cluster6, 1, 0, func(u int64) bool { return u == 2 }, 3, 4},
		{"an ineligible nominee is not suggested", cluster6, 1, 4, func(u int64) bool { return u == 4 }, 2, 3},
		{"the nominee cannot also be head", cluster6, 1, 2, none, 2, 3},
		{"last year's head left the cluster: start at the first", []int64{7, 8, 9}, 1, 0, none, 7, 8},
		{"no eligible member", []int64{7, 8}, 7, 0, func(int64) bool { return true }, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := SuggestRotation(tt.members, tt.head, tt.nominated, tt.blocked)
			if s.HeadUnitID != tt.wantHead || s.DeputyUnitID != tt.wantDeputy {
				t.Fatalf("head %d deputy %d, want %d %d (%s)", s.HeadUnitID, s.DeputyUnitID, tt.wantHead, tt.wantDeputy, s.Why)
			}
			if s.Why == "" {
				t.Fatal("a suggestion must say why")
			}
		})
	}
}

func TestCarryMembers(t *testing.T) {
	// 2025: Trà Vinh 10, Vĩnh Long 11, Bến Tre 12 merge into Vĩnh Long 20; Cà Mau 13 stays.
	active := func(u int64) bool { return u == 20 || u == 13 }
	succ := map[int64][]int64{10: {20}, 11: {20}, 12: {20}}
	got := CarryMembers([]int64{10, 13, 11, 12}, active, func(u int64) []int64 { return succ[u] })
	if !reflect.DeepEqual(got, []int64{20, 13}) {
		t.Fatalf("CarryMembers = %v, want [20 13]", got)
	}
	// A unit that ended with no successor drops out.
	if got := CarryMembers([]int64{99, 13}, active, func(int64) []int64 { return nil }); !reflect.DeepEqual(got, []int64{13}) {
		t.Fatalf("CarryMembers = %v", got)
	}
}

func TestCheckDesignation(t *testing.T) {
	c := Cluster{Year: 2021, Level: National, Number: 6, Name: "Bắc Trung Bộ", Members: cluster6}
	noAncestry := func(int64) []int64 { return nil }
	ineligible := map[int64]string{4: "có vụ việc tham nhũng"}
	tests := []struct {
		name      string
		d         Designation
		ancestry  func(int64) []int64
		wantField string
	}{
		{"Nghệ An head, Quảng Trị deputy", Designation{2, 5, "QĐ 01"}, noAncestry, ""},
		{"not eligible last year", Designation{4, 5, ""}, noAncestry, "head_unit_id"},
		{"predecessor not eligible last year", Designation{2, 7, ""}, func(u int64) []int64 {
			if u == 7 {
				return []int64{4}
			}
			return nil
		}, "deputy_unit_id"},
		{"not a member", Designation{2, 9, ""}, noAncestry, "deputy_unit_id"},
		{"same unit twice", Designation{2, 2, ""}, noAncestry, "deputy_unit_id"},
		{"missing head", Designation{0, 5, ""}, noAncestry, "head_unit_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cc := c
			if tt.name == "predecessor not eligible last year" {
				cc.Members = append(append([]int64{}, cluster6...), 7)
			}
			f := fieldsOf(CheckDesignation(cc, tt.d, tt.ancestry, ineligible, name))
			if tt.wantField == "" && f != nil {
				t.Fatalf("want ok, got %v", f)
			}
			if tt.wantField != "" && f[tt.wantField] == "" {
				t.Fatalf("want a message for %s, got %v", tt.wantField, f)
			}
		})
	}
	// The refusal says why, and for which year.
	f := fieldsOf(CheckDesignation(c, Designation{4, 5, ""}, noAncestry, ineligible, name))
	if want := "Đơn vị 4 không đủ điều kiện xét thi đua năm 2020 (có vụ việc tham nhũng) nên không thể làm Cụm trưởng năm 2021."; f["head_unit_id"] != want {
		t.Fatalf("message %q", f["head_unit_id"])
	}
}

func TestValidateCluster(t *testing.T) {
	owner := int64(50)
	ok := Cluster{Year: 2026, Level: National, Number: 6, Members: []int64{1, 2}}
	if err := ValidateCluster(ok, nil, name); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		c     Cluster
		taken map[int64]string
		field string
	}{
		{"one member", Cluster{Year: 2026, Level: National, Number: 1, Members: []int64{1}}, nil, "members"},
		{"member in another cluster", ok, map[int64]string{2: "Cụm thi đua số 7"}, "members"},
		{"duplicate member", Cluster{Year: 2026, Level: National, Number: 1, Members: []int64{1, 1}}, nil, "members"},
		{"bloc without province", Cluster{Year: 2026, Level: Bloc, Number: 1, Members: []int64{1, 2}}, nil, "owner_unit_id"},
		{"national with province", Cluster{Year: 2026, Level: National, Number: 1, OwnerUnitID: &owner, Members: []int64{1, 2}}, nil, "owner_unit_id"},
		{"number zero", Cluster{Year: 2026, Level: National, Members: []int64{1, 2}}, nil, "number"},
	} {
		if f := fieldsOf(ValidateCluster(tc.c, tc.taken, name)); f[tc.field] == "" {
			t.Errorf("%s: want a message for %s, got %v", tc.name, tc.field, f)
		}
	}
}

func TestValidateYear(t *testing.T) {
	d := func(y int, m time.Month, day int) *time.Time {
		t := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
		return &t
	}
	y := Year{Year: 2026, Title: "Năm thi đua 2026", StartsOn: *d(2026, 1, 1), EndsOn: *d(2026, 12, 31),
		PledgeDeadline: d(2026, 3, 31), SelfAssessmentDeadline: d(2026, 11, 30), ReviewDeadline: d(2026, 12, 10), ProposalDeadline: d(2027, 1, 10)}
	if err := ValidateYear(y); err != nil {
		t.Fatal(err)
	}
	bad := y
	bad.ReviewDeadline = d(2026, 11, 1)
	if f := fieldsOf(ValidateYear(bad)); f["review_deadline"] == "" {
		t.Fatalf("review before self-assessment: %v", f)
	}
	bad = y
	bad.EndsOn = y.StartsOn
	if f := fieldsOf(ValidateYear(bad)); f["ends_on"] == "" {
		t.Fatalf("ends on start: %v", f)
	}
}

func TestPledgeRules(t *testing.T) {
	cs := ParseCommitments("1. Hoàn thành 100% chỉ tiêu giải quyết tin báo [I.1]\n\n2) Tổ chức ít nhất 2 phiên tòa rút kinh nghiệm\r\nKhông có án bị hủy do lỗi của VKS")
	want := []Commitment{{1, "Hoàn thành 100% chỉ tiêu giải quyết tin báo", "I.1"}, {2, "Tổ chức ít nhất 2 phiên tòa rút kinh nghiệm", ""},
		{3, "Không có án bị hủy do lỗi của VKS", ""}}
	if !reflect.DeepEqual(cs, want) {
		t.Fatalf("ParseCommitments = %+v", cs)
	}
	if got := ParseCommitments(FormatCommitments(cs)); !reflect.DeepEqual(got, cs) {
		t.Fatalf("round trip = %+v", got)
	}
	if f := fieldsOf(ValidatePledge(PledgeContent{}, nil)); f["title"] == "" || f["commitments"] == "" {
		t.Fatalf("empty pledge: %v", f)
	}
	known := func(c string) bool { return c == "I.1" }
	if f := fieldsOf(ValidatePledge(PledgeContent{Title: "Giao ước", Commitments: []Commitment{{1, "x", "IX.9"}}}, known)); f["commitments.1"] == "" {
		t.Fatalf("unknown criterion: %v", f)
	}

	now := time.Date(2026, 3, 12, 9, 0, 0, 0, time.UTC)
	p := Pledge{Title: "A", Commitments: cs, Signatures: []Signature{{UnitID: 1, SignedAt: &now}, {UnitID: 2}}}
	if StatusAfterSigning(p) != PledgeDraft || len(p.Unsigned()) != 1 || p.SignedCount() != 1 {
		t.Fatal("one of two signed must stay draft")
	}
	p.Signatures[1].SignedAt = &now
	if StatusAfterSigning(p) != PledgeFinal {
		t.Fatal("all signed must be final")
	}
	if ContentChanged(p, PledgeContent{Title: "A", Commitments: cs}) {
		t.Fatal("same content reported as changed")
	}
	if !ContentChanged(p, PledgeContent{Title: "A", Commitments: cs[:2]}) {
		t.Fatal("dropped commitment not reported")
	}
}

func TestValidateRegistration(t *testing.T) {
	ok := Registration{CollectiveTitle: award.TapTheLaoDongXuatSac, People: []RegisteredPerson{
		{FullName: "Nguyễn Văn An", Title: award.ChienSiThiDuaCoSo}, {FullName: "Lê Thị Bình", Title: award.LaoDongTienTien}}}
	if err := ValidateRegistration(ok); err != nil {
		t.Fatal(err)
	}
	if c := ok.Counts(); c[award.ChienSiThiDuaCoSo] != 1 || c[award.LaoDongTienTien] != 1 {
		t.Fatalf("counts %v", c)
	}
	bad := Registration{CollectiveTitle: award.LaoDongTienTien, People: []RegisteredPerson{
		{FullName: "", Title: award.LaoDongTienTien}, {FullName: "Lê Thị Bình", Title: award.TapTheLaoDongTienTien},
		{FullName: "lê thị bình", Title: award.LaoDongTienTien}}}
	f := fieldsOf(ValidateRegistration(bad))
	for _, k := range []string{"collective_title", "people.1", "people.2", "people.3"} {
		if f[k] == "" {
			t.Errorf("want a message for %s, got %v", k, f)
		}
	}
	if f := fieldsOf(ValidateRegistration(Registration{})); f["collective_title"] == "" {
		t.Fatalf("empty registration: %v", f)
	}
}
