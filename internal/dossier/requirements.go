package dossier

import (
	"strings"

	"thidua/internal/award"
)

// Requirement is one part a dossier must hold, and the text that asks for it.
type Requirement struct {
	Part Part   `json:"part"`
	What string `json:"what"` // what the part must be, in Vietnamese
	Cite string `json:"cite"`
}

// requirements per rule version (award.RuleSet.ID): the version the
// proposal was judged under says which texts govern its dossier. A
// version absent here has no list: Luật TĐKT 2003 and NĐ 91/2017's
// dossier articles were not read, and no list is invented for them.
// Sources and certainty: ../award/SOURCES.md, "Dossier parts".
var requirements = map[string]func(award.Title) []Requirement{
	"tt01-2019-luat2022": luat2022(false),
	"tt02-2024":          luat2022(false),
	"nd152-2025":         luat2022(true),
	"nd152-tt15-2025":    luat2022(true),
}

const (
	dieu84k1 = "Điều 84 khoản 1 Luật Thi đua, khen thưởng 2022"
	// The forms of commendation: the Law's clause on them was not read.
	formsCite = "Điều 84 Luật Thi đua, khen thưởng 2022 (khoản về hình thức khen thưởng)" + award.Unconfirmed
	// NĐ 152/2025 Điều 6 khoản 2 điểm c leaves the dossier of the Giấy
	// khen to the sector, whose text was not found.
	giayKhenCite = "hồ sơ Giấy khen do ngành quy định (Điều 6 khoản 2 điểm c NĐ 152/2025/NĐ-CP); theo Điều 84 Luật Thi đua, khen thưởng 2022" + award.Unconfirmed
)

// luat2022 is the list under Luật TĐKT 2022 (in force 1/1/2024); nd152
// adds what NĐ 152/2025/NĐ-CP and QĐ 638/QĐ-BNV say (from 1/7/2025).
func luat2022(nd152 bool) func(award.Title) []Requirement {
	return func(t award.Title) []Requirement {
		cite := dieu84k1
		switch {
		case t == award.BangKhenThuTuong && nd152:
			cite = "Điều 42 NĐ 152/2025/NĐ-CP"
		case t == award.GiayKhen && nd152:
			cite = giayKhenCite
		case t.IsForm():
			cite = formsCite
		}
		reqs := []Requirement{
			{ToTrinh, "Tờ trình đề nghị của đơn vị (Mẫu số 01)", withPoint(cite, "a")},
			{BaoCao, "Báo cáo thành tích có xác nhận của cấp trình", withPoint(cite, "b")},
			{BienBan, "Biên bản họp xét của Hội đồng Thi đua – Khen thưởng, có kết quả bỏ phiếu", withPoint(cite, "c")},
		}
		switch t {
		case award.ChienSiThiDuaCoSo:
			what := "Chứng nhận, xác nhận sáng kiến hoặc đề tài, đề án, công trình khoa học đã nghiệm thu"
			c := dieu84k1 + " điểm d"
			if nd152 {
				// QĐ 638/QĐ-BNV (2025) accepts the certification of "hoàn thành
				// xuất sắc nhiệm vụ" too, matching Điều 23 Luật 2022's "hoặc".
				what += ", hoặc xác nhận hoàn thành xuất sắc nhiệm vụ"
				c += "; QĐ 638/QĐ-BNV năm 2025"
			}
			reqs = append(reqs, Requirement{XacNhan, what, c})
		case award.ChienSiThiDuaNganh, award.ChienSiThiDuaToanQuoc:
			what := "Chứng nhận, xác nhận sáng kiến (hiệu quả áp dụng, phạm vi ảnh hưởng) hoặc đề tài, đề án, công trình khoa học đã nghiệm thu"
			c := dieu84k1 + " điểm d"
			if nd152 {
				what += " (Mẫu số 13)"
				c += "; Mẫu số 13 NĐ 152/2025/NĐ-CP" + award.Unconfirmed
			}
			reqs = append(reqs, Requirement{XacNhan, what, c})
		}
		return reqs
	}
}

// withPoint cites point p of the Law's clause; other sources as they are.
func withPoint(cite, p string) string {
	if cite == dieu84k1 {
		return cite + " điểm " + p
	}
	return cite
}

// Required is the list of parts a dossier for title t must hold under
// rule version ruleSetID; ok is false when no list is recorded for it.
func Required(ruleSetID string, t award.Title) (reqs []Requirement, ok bool) {
	f, ok := requirements[ruleSetID]
	if !ok {
		return nil, false
	}
	return f(t), true
}

// Missing is the requirements no file of files meets.
func Missing(reqs []Requirement, files []File) []Requirement {
	have := map[Part]bool{}
	for _, f := range files {
		have[f.Part] = true
	}
	var out []Requirement
	for _, r := range reqs {
		if !have[r.Part] {
			out = append(out, r)
		}
	}
	return out
}

// MissingMessage says in Vietnamese what a dossier lacks before it can be
// sent up.
func MissingMessage(missing []Requirement) string {
	names := make([]string, len(missing))
	for i, r := range missing {
		names[i] = r.Part.Label()
	}
	return "Hồ sơ đề nghị còn thiếu: " + strings.Join(names, "; ") +
		". Vui lòng tải lên đủ các thành phần hồ sơ trước khi gửi đề nghị."
}
