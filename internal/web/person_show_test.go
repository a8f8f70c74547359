package web

import (
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/store"
)

// A person's page works out its lines from the record: dates written
// dd/mm/yyyy, a period open or closed, notes, labels; and the option a
// failed record form sent comes back selected in that form only.
func TestPersonShowView(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	end := day(2025, 2, 1)
	when := day(2024, 3, 5)
	v := app.PersonPage{CanEdit: true, PersonRecord: app.PersonRecord{
		Person:      store.Person{ID: 7, FullName: "Lê Thị Hoa", Since: day(2020, 1, 2)},
		Ratings:     []store.PersonRating{{Year: 2025, Rating: "htxs"}},
		Initiatives: []store.PersonInitiative{{ID: 3, Year: 2024, Title: "Số hóa hồ sơ", Level: "nganh", Applied: true}},
		Disciplines: []store.PersonDiscipline{{ID: 4, Measure: "khien_trach", FromDate: day(2024, 2, 1), ToDate: &end, Note: "QĐ 12"},
			{ID: 5, Measure: "canh_cao", FromDate: day(2026, 2, 1)}},
		Absences: []store.PersonAbsence{{ID: 6, Kind: "hoc_tap", FromDate: day(2026, 9, 1)}},
		Pending: []store.PendingMatter{{ID: 8, Version: 2, Kind: "khieu_nai", OpenedOn: day(2026, 2, 1), Note: "Đơn số 1"},
			{ID: 9, Kind: "dieu_tra", OpenedOn: day(2024, 1, 5), ClosedOn: &end, Outcome: "Không có sai phạm"}},
		Awards: []store.Award{{ID: 10, Year: 2024, Title: "chien_si_thi_dua_co_so", Kind: "cong_trang", DecisionNo: "12/QĐ",
			DecisionDate: &when, Signer: "Viện trưởng"}, {ID: 11, Year: 2023, Title: "lao_dong_tien_tien", Kind: "cong_trang", Revoked: true}},
		Moves: []store.PersonMove{{OnDate: day(2023, 7, 1), FromName: "VKSND tỉnh A", ToName: "VKSND tỉnh B", Note: "Điều động"}},
	}}
	d := personShowView(v, 2026, "", nil)
	for _, c := range []struct{ got, want string }{
		{d.Since, "02/01/2020"},
		{d.RecruitedOn, ""},
		{d.RatingRows[0].Year + " " + d.RatingRows[0].Label, "2025 hoàn thành xuất sắc nhiệm vụ"},
		{d.InitiativeRows[0].Line, "2024: Số hóa hồ sơ"},
		{d.DisciplineRows[0].Text, "từ 01/02/2024 đến 01/02/2025 — QĐ 12"},
		{d.DisciplineRows[1].Text, "từ 01/02/2026 (chưa hết hiệu lực)"},
		{d.AbsenceRows[0].Text, "từ 01/09/2026 (đang nghỉ)"},
		{d.PendingRows[0].Text, "từ 01/02/2026 (Đơn số 1)"},
		{d.PendingRows[1].Text, "từ 05/01/2024 đến 01/02/2025 — kết luận: Không có sai phạm"},
		{d.AwardRows[0].Decision, "Quyết định số 12/QĐ ngày 05/03/2024, Viện trưởng"},
		{d.AwardRows[1].Decision, "Quyết định số "},
		{d.MoveLines[0], "01/07/2023: VKSND tỉnh A → VKSND tỉnh B (Điều động)"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if !d.PendingRows[0].Open || d.PendingRows[1].Open || d.PendingRows[0].Version != 2 {
		t.Errorf("pending rows: %+v", d.PendingRows)
	}
	if !d.CanEdit || d.CanAward || !d.AwardRows[1].Revoked {
		t.Errorf("flags: edit %v, award %v, revoked %v", d.CanEdit, d.CanAward, d.AwardRows[1].Revoked)
	}
	all := func(d personShowData) string {
		return string(d.RatingOptions + d.LevelOptions + d.MeasureOptions + d.AbsenceOptions + d.PendingOptions + d.TitleOptions + d.KindOptions)
	}
	if strings.Contains(all(d), "selected") {
		t.Error("an option is selected on a page no form failed on")
	}
	// The discipline form failed: its measure comes back selected, and
	// the same value in no other form.
	d = personShowView(v, 2026, "discipline", map[string]string{"measure": "canh_cao", "kind": "hoc_tap"})
	if !strings.Contains(string(d.MeasureOptions), `<option value="canh_cao" selected>`) || strings.Count(all(d), "selected") != 1 {
		t.Errorf("discipline form: %s", all(d))
	}
	d = personShowView(v, 2026, "absence", map[string]string{"kind": "hoc_tap"})
	if !strings.Contains(string(d.AbsenceOptions), `<option value="hoc_tap" selected>`) || strings.Count(all(d), "selected") != 1 {
		t.Errorf("absence form: %s", all(d))
	}
}
