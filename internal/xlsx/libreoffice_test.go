package xlsx

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"thidua/internal/xlsx/xlsxtest"
)

var updateLibreOffice = flag.Bool("update-libreoffice", false, "rewrite testdata/libreoffice/*.xlsx by saving the templates with LibreOffice")

// TestLibreOfficeSavedWorkbooks reads the three templates as LibreOffice
// saves them: the copies kept under testdata/libreoffice always, and
// fresh ones when LibreOffice is installed (-update-libreoffice rewrites
// the kept copies from them).
func TestLibreOfficeSavedWorkbooks(t *testing.T) {
	cases := []struct {
		file  string
		build func(t *testing.T) []byte
		check func(t *testing.T, book []byte)
	}{
		{"self.xlsx", func(t *testing.T) []byte { return selfFill(t, selfWrite(t, selfDoc()), selfFilled) }, func(t *testing.T, book []byte) {
			up, problems, err := ReadSelf(bytes.NewReader(book), int64(len(book)))
			if err != nil || len(problems) > 0 {
				t.Fatalf("read: %v %v", err, problems)
			}
			got, problems := SelfEntries(up, selfDoc().Table, nil)
			if len(problems) > 0 {
				t.Fatalf("problems: %v", problems)
			}
			if want := selfWant(); !reflect.DeepEqual(got, want) {
				t.Errorf("entries\n got %+v\nwant %+v", got, want)
			}
			if up.UnitID != 7 || up.Year != 2026 || up.TableID != 3 || up.TableVersion != 2 {
				t.Errorf("identification lost: %+v", up)
			}
		}},
		{"table.xlsx", func(t *testing.T) []byte {
			return tioWrite(t, TableDoc{Year: 2026, Name: "Bảng tiêu chí năm 2026", VersionNo: 2, Criteria: tioStored()})
		}, func(t *testing.T, book []byte) {
			rows, problems := tioRead(t, book)
			if len(problems) > 0 {
				t.Fatalf("problems: %v", problems)
			}
			tioSame(t, rows, tioPositional(tioStored()))
		}},
		{"people.xlsx", func(t *testing.T) []byte {
			var b bytes.Buffer
			if err := WritePeopleTemplate(&b, samplePeopleDoc()); err != nil {
				t.Fatal(err)
			}
			return b.Bytes()
		}, func(t *testing.T, book []byte) {
			got, problems, err := ReadPeople(bytes.NewReader(book), int64(len(book)))
			if err != nil || len(problems) > 0 {
				t.Fatalf("read: %v %v", err, problems)
			}
			want := samplePeopleDoc()
			if got.UnitID != want.UnitID || len(got.People) != 3 || len(got.Ratings) != 2 || len(got.Initiatives) != 1 || len(got.Disciplines) != 1 {
				t.Fatalf("read back %+v", got)
			}
			for i, p := range got.People {
				w := want.People[i]
				g, _ := json.Marshal([]any{p.ID, p.FullName, p.BirthDate, p.Sex, p.Position})
				e, _ := json.Marshal([]any{w.ID, w.FullName, w.BirthDate, w.Sex, w.Position})
				if string(g) != string(e) {
					t.Errorf("person %d: got %s, want %s", i, g, e)
				}
			}
			if d := got.Disciplines[0]; !d.From.Equal(want.Disciplines[0].From) || d.To == nil || !d.To.Equal(*want.Disciplines[0].To) {
				t.Errorf("discipline dates %v – %v", d.From, d.To)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			path := filepath.Join("testdata", "libreoffice", c.file)
			if fresh, ok := xlsxtest.SaveWithLibreOffice(t, c.build(t)); ok {
				t.Run("fresh", func(t *testing.T) { c.check(t, fresh) })
				if *updateLibreOffice {
					if err := os.WriteFile(path, fresh, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			kept, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run: go test ./internal/xlsx -run LibreOffice -update-libreoffice)", err)
			}
			c.check(t, kept)
		})
	}
}
