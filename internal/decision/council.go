package decision

import (
	"fmt"
	"strings"

	"thidua/internal/document"
	"thidua/internal/errs"
)

// Council is the emulation and commendation council (Hội đồng thi đua –
// khen thưởng) of a deciding level for a year: it advises the head of its
// procuracy, who chairs it; its standing members form the standing office.
type Council struct {
	ID        int64    `json:"id"`
	UnitID    int64    `json:"unit_id"`
	UnitName  string   `json:"unit_name"`
	Year      int      `json:"year"`
	Name      string   `json:"name"`
	FoundedBy string   `json:"founded_by"`
	Version   int      `json:"version"`
	Members   []Member `json:"members"`
}

// Member is one member of a council, with the account they act with.
type Member struct {
	ID        int64  `json:"id"`
	CouncilID int64  `json:"council_id"`
	UserID    *int64 `json:"user_id"`
	FullName  string `json:"full_name"`
	Position  string `json:"position"`
	Seat      string `json:"role"` // the seat on the council: chair, vice_chair …
}

// The seats on a council (council_members.role, migration 00016).
const (
	SeatChair     = "chair"      // Chủ tịch: the head of the procuracy
	SeatViceChair = "vice_chair" // Phó Chủ tịch: a deputy head
	SeatStanding  = "standing"   // Ủy viên thường trực
	SeatMember    = "member"     // Ủy viên
	SeatSecretary = "secretary"  // Thư ký
)

// Seats lists the seats in the order of a council's list.
var Seats = []string{SeatChair, SeatViceChair, SeatStanding, SeatMember, SeatSecretary}

// SeatLabel is a seat in Vietnamese.
func SeatLabel(r string) string {
	switch r {
	case SeatChair:
		return "Chủ tịch Hội đồng"
	case SeatViceChair:
		return "Phó Chủ tịch Hội đồng"
	case SeatStanding:
		return "Ủy viên thường trực"
	case SeatMember:
		return "Ủy viên"
	case SeatSecretary:
		return "Thư ký"
	}
	return r
}

// CheckCouncil adds to f what a council must state; c is trimmed first.
func CheckCouncil(f errs.Fields, c *Council) {
	c.Name, c.FoundedBy = strings.TrimSpace(c.Name), strings.TrimSpace(c.FoundedBy)
	if c.Name == "" {
		f.Add("name", "Vui lòng nhập tên Hội đồng (ví dụ: Hội đồng Thi đua – Khen thưởng VKSND tỉnh Trà Vinh).")
	}
	if len([]rune(c.Name)) > 300 {
		f.Add("name", "Tên Hội đồng không quá 300 ký tự.")
	}
	if len([]rune(c.FoundedBy)) > 300 {
		f.Add("founded_by", "Quyết định thành lập không quá 300 ký tự.")
	}
}

// CheckMember adds to f what a member must state, against the council's
// current members: a name, a known seat, one chair only. m is trimmed.
func CheckMember(f errs.Fields, m *Member, current []Member) {
	m.FullName, m.Position = strings.TrimSpace(m.FullName), strings.TrimSpace(m.Position)
	if m.FullName == "" {
		f.Add("full_name", "Vui lòng nhập họ và tên thành viên.")
	}
	if len([]rune(m.FullName)) > 200 || len([]rune(m.Position)) > 200 {
		f.Add("full_name", "Họ tên và chức vụ không quá 200 ký tự.")
	}
	known := false
	for _, r := range Seats {
		known = known || r == m.Seat
	}
	if !known {
		f.Add("role", "Vui lòng chọn vai trò trong Hội đồng.")
	}
	for _, x := range current {
		if m.Seat == SeatChair && x.Seat == SeatChair {
			f.Add("role", fmt.Sprintf("Hội đồng đã có Chủ tịch (%s).", x.FullName))
		}
		if m.UserID != nil && x.UserID != nil && *x.UserID == *m.UserID {
			f.Add("user_id", fmt.Sprintf("Tài khoản này đã là thành viên Hội đồng (%s).", x.FullName))
		}
	}
	if (m.Seat == SeatChair || m.Seat == SeatViceChair) && m.Position == "" {
		f.Add("position", "Vui lòng nhập chức vụ (Viện trưởng, Phó Viện trưởng): tên chức vụ in ở phần ký quyết định.")
	}
}

// HeadTitle is the title of a procuracy's head, in whose name its
// decisions are signed.
const HeadTitle = "Viện trưởng"

// Signer is how member m signs the level's decisions: the chair, the
// head, in their own name; a vice-chair, a deputy, for the head (KT., NĐ
// 30/2020 Điều 13). Other members do not sign.
func (m Member) Signer() (document.Signer, error) {
	switch m.Seat {
	case SeatChair:
		return document.Signer{HeadTitle: HeadTitle, Title: m.Position, Name: m.FullName, Mode: document.SignHead}, nil
	case SeatViceChair:
		return document.Signer{HeadTitle: HeadTitle, Title: m.Position, Name: m.FullName, Mode: document.SignDeputy}, nil
	}
	return document.Signer{}, (errs.Fields{"signer_member_id": fmt.Sprintf("%s là %s: chỉ Viện trưởng (Chủ tịch Hội đồng) hoặc Phó Viện trưởng (Phó Chủ tịch, ký thay) ký quyết định.",
		m.FullName, strings.ToLower(SeatLabel(m.Seat)))}).Err()
}

// CheckNumber adds to f why number is not in the series of issuer (the
// deciding level): "125/QĐ-VKSTH" for VKSND tỉnh Thanh Hóa. An empty
// number takes the next in the series.
func CheckNumber(f errs.Fields, number string, issuer document.Issuer) {
	if number == "" {
		return
	}
	suffix := "/QĐ-" + issuer.Symbol
	if !strings.HasSuffix(number, suffix) || len(number) == len(suffix) {
		f.Add("number", fmt.Sprintf("Số quyết định phải thuộc sổ quyết định của %s (…%s); để trống để lấy số tiếp theo.",
			issuer.Name, suffix))
	}
}

// SignedAs is the signature block of decision d as recorded: the head in
// their own name, or a deputy KT.; a decision entered without a title
// (no council recorded) shows the name typed alone.
func (d Decision) SignedAs() document.Signer {
	title := d.SignerTitle
	if title == "" {
		title = HeadTitle
	}
	return document.Signer{HeadTitle: HeadTitle, Title: title, Name: d.Signer, Mode: document.SignMode(d.SignMode)}
}
