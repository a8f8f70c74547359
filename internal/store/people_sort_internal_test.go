package store

import (
	"testing"
	"time"
)

// sortPersonFile gives the lists the orders personFileSQL's aggregates
// gave them before they stopped sorting: ties (the same year or day)
// by id.
func TestSortPersonFileOrders(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	f := PersonFile{
		Ratings:     []PersonRating{{Year: 2023}, {Year: 2025}, {Year: 2024}},
		Initiatives: []PersonInitiative{{ID: 9, Year: 2024}, {ID: 3, Year: 2022}, {ID: 5, Year: 2024}},
		Disciplines: []PersonDiscipline{{ID: 7, FromDate: day(2023, 1, 1)}, {ID: 2, FromDate: day(2025, 1, 1)}, {ID: 4, FromDate: day(2023, 1, 1)}},
		Awards:      []Award{{ID: 8, Year: 2023}, {ID: 6, Year: 2024}, {ID: 1, Year: 2023}},
		Absences:    []PersonAbsence{{ID: 3, FromDate: day(2024, 1, 5)}, {ID: 1, FromDate: day(2024, 1, 5)}, {ID: 2, FromDate: day(2025, 3, 1)}},
		Pending:     []PendingMatter{{ID: 5, OpenedOn: day(2024, 6, 1)}, {ID: 9, OpenedOn: day(2025, 1, 1)}, {ID: 2, OpenedOn: day(2024, 6, 1)}},
		Moves:       []PersonMove{{ID: 4, OnDate: day(2022, 1, 1)}, {ID: 3, OnDate: day(2020, 1, 1)}, {ID: 1, OnDate: day(2020, 1, 1)}},
	}
	sortPersonFile(&f)
	got := func(n int, at func(i int) int64) []int64 {
		out := make([]int64, n)
		for i := range out {
			out[i] = at(i)
		}
		return out
	}
	for _, c := range []struct {
		name      string
		got, want []int64
	}{
		{"ratings (year)", got(3, func(i int) int64 { return int64(f.Ratings[i].Year) }), []int64{2025, 2024, 2023}},
		{"initiatives", got(3, func(i int) int64 { return f.Initiatives[i].ID }), []int64{5, 9, 3}},
		{"disciplines", got(3, func(i int) int64 { return f.Disciplines[i].ID }), []int64{2, 4, 7}},
		{"awards", got(3, func(i int) int64 { return f.Awards[i].ID }), []int64{6, 1, 8}},
		{"absences", got(3, func(i int) int64 { return f.Absences[i].ID }), []int64{2, 1, 3}},
		{"pending", got(3, func(i int) int64 { return f.Pending[i].ID }), []int64{9, 2, 5}},
		{"moves", got(3, func(i int) int64 { return f.Moves[i].ID }), []int64{1, 3, 4}},
	} {
		for i := range c.want {
			if c.got[i] != c.want[i] {
				t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
				break
			}
		}
	}
}
