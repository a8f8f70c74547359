package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/xuri/excelize/v2"

	"thidua/internal/scoring"
	"thidua/internal/seed"
	"thidua/internal/xlsx"
	"thidua/internal/xlsx/xlsxtest"
)

// TestWorkbooksSavedByLibreOffice exports the criteria table and the
// personnel workbooks, has LibreOffice open and save them as a user
// would (after changing a cell of the personnel one), imports them
// through the API, and compares what is stored with what was filled.
// (The self-assessment does the same in TestSelfWorkbookRoundTrip; the
// copies kept under internal/xlsx/testdata/libreoffice are read without
// LibreOffice.)
func TestWorkbooksSavedByLibreOffice(t *testing.T) {
	xlsxtest.RequireLibreOffice(t)
	s := newSite(t)
	ctx := context.Background()

	t.Run("criteria table", func(t *testing.T) {
		infos, err := s.store.Tables(ctx, 2026)
		if err != nil || len(infos) == 0 {
			t.Fatalf("no tables: %v", err)
		}
		stored, err := s.store.Table(ctx, infos[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		var book bytes.Buffer
		if err := xlsx.WriteTable(&book, xlsx.TableDoc{Year: 2026, Criteria: stored.Criteria}); err != nil {
			t.Fatal(err)
		}
		saved, _ := xlsxtest.SaveWithLibreOffice(t, book.Bytes())
		st, body := tableAPI(t, s, s.token(t, "hoidong"), map[string]string{"name": "Bảng lưu bằng LibreOffice", "level": "bloc",
			"unit_type": "regional", "confirm": "true"}, saved)
		if st != http.StatusCreated {
			t.Fatalf("import: %d %v", st, body)
		}
		got, err := s.store.Table(ctx, int64(body["id"].(float64)))
		if err != nil {
			t.Fatal(err)
		}
		if a, b := criteriaByCode(stored), criteriaByCode(got); a != b {
			t.Errorf("stored table\n got %s\nwant %s", b, a)
		}
	})

	t.Run("personnel", func(t *testing.T) {
		th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))
		b := s.browser(t)
		b.login("canbo.thanhhoa")
		res, book := b.download("/units/" + itoa(th) + "/people/template.xlsx")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("template: %d", res.StatusCode)
		}
		f, err := excelize.OpenReader(bytes.NewReader(book))
		if err != nil {
			t.Fatal(err)
		}
		name, _ := f.GetCellValue(xlsx.SheetPeople, "B2")
		_ = f.SetCellValue(xlsx.SheetPeople, "E2", "Phó Viện trưởng")
		var edited bytes.Buffer
		_ = f.Write(&edited)
		f.Close()
		saved, _ := xlsxtest.SaveWithLibreOffice(t, edited.Bytes())
		st, body := apiUpload(t, s, s.token(t, "canbo.thanhhoa"), "/units/"+itoa(th)+"/people/import", map[string]string{"confirm": "true"}, saved)
		if st != http.StatusOK || body["saved"] != true {
			t.Fatalf("import: %d %v", st, body)
		}
		total := body["summary"].(map[string]any)["total"].(map[string]any)
		if total["created"] != 0.0 || total["updated"] != 1.0 {
			t.Errorf("summary %v, want the one changed position only", total)
		}
		var position string
		if err := s.store.ScanForTest(&position, `SELECT position FROM people WHERE unit_id = ? AND full_name = ?`, th, name); err != nil || position != "Phó Viện trưởng" {
			t.Errorf("%s's position: %q %v", name, position, err)
		}
	})
}

// criteriaByCode is a table's rows as JSON, without ids: what an import
// must reproduce.
func criteriaByCode(t scoring.Table) string {
	rows := t.Positional().Criteria
	for i := range rows {
		rows[i].ID = 0
	}
	b, _ := json.Marshal(rows)
	return string(b)
}
