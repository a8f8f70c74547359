package xlsx

import (
	"bytes"
	"strings"
	"testing"
)

// A NUL character typed into a workbook (stored as _x0000_, which excelize
// turns back into the character) is a located problem in every reader,
// never a value passed on to PostgreSQL.
func TestReadersRefuseNUL(t *testing.T) {
	nul := "Nguyễn Văn_x0000_ An" // how a workbook stores a NUL
	check := func(t *testing.T, problems []Problem, err error, sheet string, row int, col string) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			if p.Sheet == sheet && p.Row == row && p.Column == col && strings.Contains(p.Expected, "NUL") {
				if strings.ContainsRune(p.Value, 0) {
					t.Errorf("the problem shows the NUL itself: %q", p.Value)
				}
				return
			}
		}
		t.Errorf("no problem at %s!%s%d for a NUL: %v", sheet, col, row, problems)
	}
	t.Run("table", func(t *testing.T) {
		b := tioSheet(t, []any{"I", "Công tác_x0000_ kiểm sát", nil, "Nhóm tiêu chí"})
		_, problems, err := ReadTable(bytes.NewReader(b), int64(len(b)))
		check(t, problems, err, SheetTable, 2, "B")
	})
	t.Run("people", func(t *testing.T) {
		b := handBook(t, map[string][][]any{"Cán bộ": {
			{"Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ"},
			{nil, nul, "01/02/1980", "Nam", "Kiểm sát viên"},
		}}, []string{"Cán bộ"})
		_, problems, err := ReadPeople(bytes.NewReader(b), int64(len(b)))
		check(t, problems, err, "Cán bộ", 2, "B")
	})
	t.Run("self", func(t *testing.T) {
		b := selfFill(t, selfWrite(t, selfDoc()), map[string]any{"F11": 5, "J11": nul})
		_, problems, err := ReadSelf(bytes.NewReader(b), -1)
		check(t, problems, err, SheetSelf, 11, "J")
	})
}
