package app_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/crypto/bcrypt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/dbtest"
	"thidua/internal/seed"
	"thidua/internal/xlsx"
)

// BenchmarkImportPeople15000 imports a personnel workbook of 15 000 new
// people, each with a rating (30 000 rows), into one unit: read, checked
// against the stored record, written with the audit trail in one
// transaction (people/app), beside the bare libraries doing the writing
// part of it: excelize's streaming reader reading the same cells and one multi-row INSERT
// per 1 000 rows through database/sql in one transaction (people/bare).
// After each operation the imported people are deleted, outside the timer.
func BenchmarkImportPeople15000(b *testing.B) {
	ctx, h := context.Background(), auth.Hasher{Cost: bcrypt.MinCost}
	s := dbtest.New(b)
	if err := seed.Demo(ctx, s, h, seed.FixtureClock); err != nil {
		b.Fatal(err)
	}
	a := app.New(s, h, app.FixedClock(seed.FixtureClock))
	a.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	unit, err := s.UnitByCode(ctx, seed.ProvinceCode("Thanh Hóa"))
	if err != nil {
		b.Fatal(err)
	}
	board, err := s.UserByName(ctx, "hoidong")
	if err != nil {
		b.Fatal(err)
	}
	doc := xlsx.PeopleDoc{UnitID: unit.ID, UnitCode: unit.Code, UnitName: unit.Name}
	for i := range 15000 {
		name := fmt.Sprintf("Nguyễn Văn Thử %05d", i)
		born := time.Date(1965+i%35, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		doc.People = append(doc.People, xlsx.PersonRow{FullName: name, BirthDate: &born, Sex: "nam", Position: "Kiểm sát viên"})
		doc.Ratings = append(doc.Ratings, xlsx.RatingRow{Person: xlsx.PersonRef{Name: name}, Year: 2025, Rating: "htt"})
	}
	var buf bytes.Buffer
	if err := xlsx.WritePeopleTemplate(&buf, doc); err != nil {
		b.Fatal(err)
	}
	book := buf.Bytes()
	b.Logf("workbook: %d KiB", len(book)>>10)
	db := s.SQL()
	var before int64
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM people`).Scan(&before); err != nil {
		b.Fatal(err)
	}
	clean := func(b *testing.B, want int) {
		b.Helper()
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM people WHERE id > $1`, before).Scan(&n); err != nil || n != want {
			b.Fatalf("imported %d people (%v), want %d", n, err, want)
		}
		// The change history is append-only (migration 00024): the audit
		// rows of the imported people stay.
		if _, err := db.ExecContext(ctx, `DELETE FROM people WHERE id > $1`, before); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("people/app", func(b *testing.B) {
		for b.Loop() {
			got, problems, err := xlsx.ReadPeople(bytes.NewReader(book), int64(len(book)))
			if err != nil || len(problems) > 0 {
				b.Fatal(err, problems)
			}
			res, err := a.ImportPeople(ctx, board.Principal(), unit.ID, got, true)
			if err != nil || !res.Saved || res.Summary.Total.Created != 30000 {
				b.Fatalf("%v %+v %v", err, res.Summary, res.Problems)
			}
			b.StopTimer()
			clean(b, 15000)
			b.StartTimer()
		}
	})
	b.Run("people/bare", func(b *testing.B) {
		for b.Loop() {
			f, err := excelize.OpenReader(bytes.NewReader(book))
			if err != nil {
				b.Fatal(err)
			}
			people, ratings := streamRows(b, f, xlsx.SheetPeople), streamRows(b, f, xlsx.SheetRatings)
			f.Close()
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			ids := map[string]int64{}
			for start := 1; start < len(people); start += 1000 {
				chunk := people[start:min(start+1000, len(people))]
				var q strings.Builder
				args := make([]any, 0, 4*len(chunk))
				q.WriteString(`INSERT INTO people (full_name, birth_date, sex, position, unit_id, since) VALUES `)
				for i, r := range chunk {
					if i > 0 {
						q.WriteString(",")
					}
					born, _ := time.Parse("02/01/2006", r[2])
					n := len(args)
					fmt.Fprintf(&q, "($%d, $%d, 'nam', $%d, $%d, '2026-11-20')", n+1, n+2, n+3, n+4)
					args = append(args, r[1], born, r[4], unit.ID)
				}
				q.WriteString(` RETURNING id, full_name`)
				rows, err := tx.QueryContext(ctx, q.String(), args...)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
					var id int64
					var name string
					_ = rows.Scan(&id, &name)
					ids[name] = id
				}
				rows.Close()
			}
			for start := 1; start < len(ratings); start += 1000 {
				chunk := ratings[start:min(start+1000, len(ratings))]
				var q strings.Builder
				args := make([]any, 0, 2*len(chunk))
				q.WriteString(`INSERT INTO person_ratings (person_id, year, rating) VALUES `)
				for i, r := range chunk {
					if i > 0 {
						q.WriteString(",")
					}
					fmt.Fprintf(&q, "($%d, 2025, $%d)", len(args)+1, len(args)+2)
					args = append(args, ids[r[0]], "htt")
				}
				if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
					b.Fatal(err)
				}
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			clean(b, 15000)
			b.StartTimer()
		}
	})
}

// streamRows reads a sheet with excelize's streaming reader, as the app does.
func streamRows(b *testing.B, f *excelize.File, sheet string) [][]string {
	rows, err := f.Rows(sheet)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		cells, err := rows.Columns()
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, cells)
	}
	return out
}
