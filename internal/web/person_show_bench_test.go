package web

import (
	"bytes"
	"strconv"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/store"
)

// benchPersonPage is a person's page model with every kind of line, as
// the board sees it (every form): the record of person 101 of the
// national data set, give or take.
func benchPersonPage() app.PersonPage {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	end := day(2025, 8, 1)
	v := app.PersonPage{CanEdit: true, CanAward: true, PersonRecord: app.PersonRecord{
		Person: store.Person{ID: 101, FullName: "Đặng Thanh Hoa", Position: "Viện trưởng", UnitID: 5, UnitName: "Viện kiểm sát nhân dân tỉnh Điện Biên",
			Since: day(2019, 10, 1), Active: true},
		Disciplines: []store.PersonDiscipline{{ID: 655, Measure: "khien_trach", FromDate: day(2019, 1, 1), ToDate: &end, Note: "QĐ 12"}},
		Absences: []store.PersonAbsence{{ID: 1, Kind: "thai_san", FromDate: day(2025, 2, 1), ToDate: &end, Note: "QĐ số 12"},
			{ID: 2, Kind: "om_dau", FromDate: day(2026, 9, 1)}},
		Pending: []store.PendingMatter{{ID: 1, Version: 1, Kind: "thanh_tra", OpenedOn: day(2026, 3, 1), Note: "Ghi chú"},
			{ID: 2, Kind: "khieu_nai", OpenedOn: day(2025, 3, 1), ClosedOn: &end, Outcome: "không có sai phạm"}},
		Moves: []store.PersonMove{{OnDate: day(2020, 1, 1), FromName: "VKSND tỉnh Sơn La", ToName: "VKSND tỉnh Điện Biên", Note: "điều động"}},
	}}
	for y := 2021; y <= 2025; y++ {
		v.Ratings = append(v.Ratings, store.PersonRating{Year: y, Rating: "htxs"})
		v.Awards = append(v.Awards, store.Award{ID: int64(y), Year: y, Title: "lao_dong_tien_tien", Kind: "cong_trang", DecisionNo: strconv.Itoa(y) + "/QĐ-VKSTC",
			DecisionDate: &end, Signer: "Viện trưởng", Revoked: y == 2021, RevokeReason: "sai sót"})
	}
	v.Initiatives = []store.PersonInitiative{{ID: 68, Year: 2024, Title: "Số hóa hồ sơ", Level: "nganh", Applied: true}, {ID: 69, Year: 2025, Title: "Sổ tay", Level: "co_so"}}
	v.Verdicts = app.Verdicts{Year: 2026, RuleSetID: "nd152-2025", RuleSetName: "Nghị định 152/2025/NĐ-CP"}
	for _, t := range award.IndividualTitles[:4] {
		vd := award.Verdict{Title: t, Year: 2026, Outcome: award.Eligible}
		for i := range 6 {
			vd.Reasons = append(vd.Reasons, award.Reason{Text: "Tiêu chí số " + strconv.Itoa(i), Article: "Điều 4 khoản 1", Met: i%2 == 0, Judgement: i%2 == 1,
				Missing: map[bool]string{true: "kết quả xếp loại"}[i == 3], Supplier: "đơn vị"})
		}
		v.Verdicts.Verdicts = append(v.Verdicts.Verdicts, vd)
	}
	return v
}

// BenchmarkPersonPageRender is the person page's own work after the
// record is read: its lines, forms and template, layout included.
func BenchmarkPersonPageRender(b *testing.B) {
	r, err := newRenderer()
	if err != nil {
		b.Fatal(err)
	}
	v := benchPersonPage()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		d := personShowView(v, 2026, "", nil)
		pg := Page{Title: v.Person.FullName, OrgName: "VKSND", User: auth.Principal{UserID: 2, Role: auth.RoleBoard, FullName: "Hội đồng"},
			CSRF: "JkKcRyIeKhUfYRxfJLGQBZEayVtVcqhI", Nav: "people"}
		d.write(pg.CSRF, pg.Errors, nil)
		pg.Data = d
		if err := r.Render(&buf, "person_show", pg, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}
