package store

import (
	"strings"
	"testing"

	"thidua/migrations"
)

// The searches read names folded when written (migration 00033): the
// stored columns must be foldSQL's expression, which fold mirrors in Go.
func TestFoldedColumnsAreFoldSQL(t *testing.T) {
	b, err := migrations.FS.ReadFile("00033_folded_search.sql")
	if err != nil {
		t.Fatal(err)
	}
	for col, from := range map[string]string{"name_folded": "name", "code_folded": "code", "full_name_folded": "full_name"} {
		if want := col + " text GENERATED ALWAYS AS (" + foldSQL(from) + ") STORED"; !strings.Contains(string(b), want) {
			t.Errorf("migration 00033 does not add %s", want)
		}
	}
}
