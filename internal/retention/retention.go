// Package retention says how long each kind of record the app keeps must
// be kept before it may be destroyed (thời hạn bảo quản), by the archive
// rules:
//
//   - Luật Lưu trữ số 33/2024/QH15 (in force 1/7/2025): records are kept
//     permanently or for a fixed period, by the list of retention periods
//     of their field. [S2: domain notes; the article was not read.]
//   - Thông tư 10/2022/TT-BNV, Bảng thời hạn bảo quản hồ sơ, tài liệu chung,
//     mục "Tài liệu thi đua, khen thưởng" and "Hồ sơ kỷ luật cán bộ".
//     [S2-weak: read in a data file reproducing the table, not in the
//     official text; issued under the Luật Lưu trữ 2011 — whether it stays
//     in force under the 2024 law until a new circular replaces it was not
//     confirmed.]
//
// The periods here are the minimum keeping: the app never deletes such a
// record, and the database refuses a delete before the period ends
// (migration 00024: retention_years, refuse_delete_before_retention; a
// store test checks that table agrees with this one). Destroying a record
// after its period is an archive procedure (a council for the value of
// records), not a user action.
package retention

import (
	"time"

	"thidua/internal/award"
)

// Period is how long a kind of record is kept: Years after its day, or
// permanently (vĩnh viễn).
type Period struct {
	Permanent bool   `json:"permanent"`
	Years     int    `json:"years"`
	Basis     string `json:"basis"` // the entry of the retention table it rests on
}

// Until is the first day the record may be destroyed, counted from its
// day (its time of day dropped); ok false for a permanent record.
func (p Period) Until(day time.Time) (until time.Time, ok bool) {
	if p.Permanent {
		return time.Time{}, false
	}
	// As PostgreSQL adds years (the trigger of migration 00024): 29/02
	// plus a year not a leap year is 28/02, not 01/03.
	y, m, d := day.Date()
	last := time.Date(y+p.Years, m+1, 0, 0, 0, 0, 0, day.Location()).Day()
	return time.Date(y+p.Years, m, min(d, last), 0, 0, 0, 0, day.Location()), true
}

const tt10 = "TT 10/2022/TT-BNV, Bảng thời hạn bảo quản tài liệu chung, mục Tài liệu thi đua, khen thưởng: Hồ sơ khen thưởng cho tập thể, cá nhân"

var (
	// permanent: "Các hình thức khen thưởng của Chủ tịch Nước và Thủ tướng Chính phủ: Vĩnh viễn".
	permanent = Period{Permanent: true, Basis: tt10 + " – hình thức khen thưởng của Chủ tịch nước, Thủ tướng Chính phủ"}
	// ministry: "… của Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, … Chủ tịch UBND cấp tỉnh và tương đương: 20 năm".
	// The Viện trưởng VKSND tối cao is taken as "tương đương" [unconfirmed].
	ministry = Period{Years: 20, Basis: tt10 + " – của Bộ trưởng và tương đương (Viện trưởng VKSND tối cao: coi là tương đương, chưa xác nhận)"}
	// head: "… của người đứng đầu cơ quan, tổ chức: 10 năm".
	head = Period{Years: 10, Basis: tt10 + " – của người đứng đầu cơ quan, tổ chức"}
)

// ForTitle is how long the records of an award of title t (the award, its
// decision, its dossier and the council's ballot on it) are kept, by who
// confers it. Titles conferred by the President or the Prime Minister are
// kept permanently; the sector's (Viện trưởng VKSND tối cao) 20 years;
// those a unit's head confers 10 years. A title not listed is kept
// permanently: nothing is destroyed on a guess.
//
// Tập thể lao động xuất sắc is counted as the sector's (20 years): who
// confers it under TT 02/2024/TT-VKSTC was not read, and 2023 practice had
// the provincial procuracy confer it — the longer period is the safe one.
func ForTitle(t award.Title) Period {
	switch t {
	case award.LaoDongTienTien, award.ChienSiThiDuaCoSo, award.TapTheLaoDongTienTien, award.GiayKhen:
		return head
	case award.TapTheLaoDongXuatSac, award.CoThiDuaNganh, award.ChienSiThiDuaNganh, award.BangKhenNganh:
		return ministry
	}
	return permanent // Cờ thi đua của Chính phủ, Chiến sĩ thi đua toàn quốc, Bằng khen của Thủ tướng, and any other
}

// Discipline is how long a person's discipline records are kept: "Hồ sơ
// kỷ luật cán bộ: 70 năm" (TT 10/2022/TT-BNV, mục Tài liệu tổ chức, nhân
// sự) [S2-weak, as above]. The app keeps every discipline it was told of
// in its change history (audit_log, which the database keeps append-only);
// removing a row entered by mistake is a correction, not a destruction.
var Discipline = Period{Years: 70, Basis: "TT 10/2022/TT-BNV, Bảng thời hạn bảo quản tài liệu chung, mục Tài liệu tổ chức, nhân sự: Hồ sơ kỷ luật cán bộ"}
