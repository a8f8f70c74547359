package app_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"thidua/internal/seed"
	"thidua/internal/xlsx"
)

// A row of "Cán bộ" the rules of a person refuse is placed on its sheet,
// row and column when the file is checked — by the field key of the rule
// for the person's own checks (a name over 200 characters, in a doc not
// read from a file), and against the app's day for a birth date — and the
// confirm step saves nothing.
func TestImportPeopleRulesOnTheirCells(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa")).ID
	day := func(y int, m time.Month, d int) *time.Time { t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC); return &t }
	long := strings.Repeat("Nguyễn ", 40) // shown cut to 120 characters
	doc := xlsx.PeopleDoc{People: []xlsx.PersonRow{
		{Row: 2, FullName: "Đỗ Minh Khoa", BirthDate: day(1986, 4, 12), RecruitedOn: day(2008, 9, 1)},
		{Row: 3, FullName: long},
		{Row: 4, FullName: "Lê Văn Sinh", BirthDate: day(2026, 11, 26)}, // seed.FixtureClock's day
	}}
	want := []xlsx.Problem{
		{Sheet: xlsx.SheetPeople, Row: 3, Column: "B", Header: xlsx.HeadFullName, Value: string([]rune(long)[:120]) + "…", Expected: "họ và tên không quá 200 ký tự"},
		{Sheet: xlsx.SheetPeople, Row: 4, Column: "C", Header: xlsx.HeadBirthDate, Value: "26/11/2026", Expected: "ngày sinh có thật, trước hôm nay (ví dụ 05/09/1985)"},
	}
	for _, confirm := range []bool{false, true} {
		res, err := f.ImportPeople(f.ctx, f.officer, th, doc, confirm)
		if err != nil {
			t.Fatalf("confirm %v: %v", confirm, err)
		}
		if !reflect.DeepEqual(res.Problems, want) || res.Saved {
			t.Errorf("confirm %v: saved %v, problems\n got %+v\nwant %+v", confirm, res.Saved, res.Problems, want)
		}
	}
}
