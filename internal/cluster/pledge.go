package cluster

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"thidua/internal/errs"
)

// PledgeStatus is where a pledge stands.
type PledgeStatus string

const (
	PledgeDraft      PledgeStatus = "draft"      // the head drafts; members may already sign
	PledgeFinal      PledgeStatus = "final"      // every member signed: read-only
	PledgeSuperseded PledgeStatus = "superseded" // a later version amended it; kept as it was
)

// Label is the Vietnamese name of the status.
func (s PledgeStatus) Label() string {
	switch s {
	case PledgeDraft:
		return "Đang dự thảo, chờ ký"
	case PledgeFinal:
		return "Đã ký kết"
	case PledgeSuperseded:
		return "Đã được thay thế bằng bản sửa đổi"
	}
	return string(s)
}

// Pledge is one version of a cluster's emulation pledge (giao ước thi đua).
type Pledge struct {
	ID          int64        `json:"id"`
	ClusterID   int64        `json:"cluster_id"`
	VersionNo   int          `json:"version_no"` // 1 for the original, 2… for amendments
	Status      PledgeStatus `json:"status"`
	Title       string       `json:"title"`
	Place       string       `json:"place"`
	SignedOn    *time.Time   `json:"signed_on"` // the date of the signing ceremony
	Preamble    string       `json:"preamble"`
	Commitments []Commitment `json:"commitments"`
	Signatures  []Signature  `json:"signatures"`
	AmendReason string       `json:"amend_reason"`
	Version     int          `json:"version"` // optimistic lock
}

// Commitment is one numbered commitment, optionally tied to a criterion of
// the year's scoring table as a target.
type Commitment struct {
	No            int    `json:"no"`
	Text          string `json:"text"`
	CriterionCode string `json:"criterion_code"`
}

// Signature is a member unit's signature line.
type Signature struct {
	UnitID         int64      `json:"unit_id"`
	Representative string     `json:"representative"` // họ tên người ký
	Position       string     `json:"position"`       // chức vụ
	SignedAt       *time.Time `json:"signed_at"`
	SignedBy       *int64     `json:"signed_by"` // the user who confirmed it
}

// Signed reports whether the line has been confirmed.
func (s Signature) Signed() bool { return s.SignedAt != nil }

// Unsigned returns the members who have not signed yet.
func (p Pledge) Unsigned() []int64 {
	var out []int64
	for _, s := range p.Signatures {
		if !s.Signed() {
			out = append(out, s.UnitID)
		}
	}
	return out
}

// SignedCount returns how many lines are signed.
func (p Pledge) SignedCount() int { return len(p.Signatures) - len(p.Unsigned()) }

// PledgeContent is what the head may edit.
type PledgeContent struct {
	Title       string
	Place       string
	SignedOn    *time.Time
	Preamble    string
	Commitments []Commitment
	Lines       map[int64]SignatureLine // representative per member unit
}

// SignatureLine is the name and position printed under a member's signature.
type SignatureLine struct {
	Representative string
	Position       string
}

// ValidatePledge checks the head's draft. knownCriteria reports whether a
// criterion code exists in the year's scoring table (nil: any code).
func ValidatePledge(c PledgeContent, knownCriteria func(string) bool) error {
	f := errs.Fields{}
	if strings.TrimSpace(c.Title) == "" {
		f.Add("title", "Vui lòng nhập tiêu đề giao ước.")
	} else if utf8.RuneCountInString(c.Title) > 300 {
		f.Add("title", "Tiêu đề tối đa 300 ký tự.")
	}
	if utf8.RuneCountInString(c.Place) > 200 {
		f.Add("place", "Địa điểm tối đa 200 ký tự.")
	}
	if len(c.Commitments) == 0 {
		f.Add("commitments", "Giao ước phải có ít nhất một nội dung cam kết.")
	}
	for i, cm := range c.Commitments {
		field := fmt.Sprintf("commitments.%d", i+1)
		if strings.TrimSpace(cm.Text) == "" {
			f.Add(field, fmt.Sprintf("Nội dung cam kết số %d đang để trống.", i+1))
		}
		if cm.CriterionCode != "" && knownCriteria != nil && !knownCriteria(cm.CriterionCode) {
			f.Add(field, fmt.Sprintf("Cam kết số %d gắn với tiêu chí %q không có trong bảng tiêu chí của năm.", i+1, cm.CriterionCode))
		}
	}
	for unit, l := range c.Lines {
		if utf8.RuneCountInString(l.Representative) > 200 || utf8.RuneCountInString(l.Position) > 200 {
			f.Add(fmt.Sprintf("lines.%d", unit), "Họ tên và chức vụ người ký tối đa 200 ký tự.")
		}
	}
	return f.Err()
}

// ContentChanged reports whether an edit changes what members sign, in
// which case earlier signatures no longer hold.
func ContentChanged(p Pledge, c PledgeContent) bool {
	if p.Title != c.Title || p.Place != c.Place || p.Preamble != c.Preamble || !sameDay(p.SignedOn, c.SignedOn) ||
		len(p.Commitments) != len(c.Commitments) {
		return true
	}
	for i := range p.Commitments {
		if p.Commitments[i].Text != c.Commitments[i].Text || p.Commitments[i].CriterionCode != c.Commitments[i].CriterionCode {
			return true
		}
	}
	return false
}

func sameDay(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

// StatusAfterSigning is final once every member has signed.
func StatusAfterSigning(p Pledge) PledgeStatus {
	if len(p.Signatures) > 0 && len(p.Unsigned()) == 0 {
		return PledgeFinal
	}
	return PledgeDraft
}

// ParseCommitments reads the commitments textarea: one commitment per
// non-empty line; a line may start with its number ("1." or "1)"), and may
// end with a criterion code in square brackets: "… [I.1]".
func ParseCommitments(text string) []Commitment {
	var out []Commitment
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if i := strings.IndexAny(line, ".)"); i > 0 && i <= 3 && isDigits(line[:i]) {
			line = strings.TrimSpace(line[i+1:])
		}
		cm := Commitment{No: len(out) + 1, Text: line}
		if strings.HasSuffix(line, "]") {
			if open := strings.LastIndex(line, "["); open >= 0 {
				cm.CriterionCode = strings.TrimSpace(line[open+1 : len(line)-1])
				cm.Text = strings.TrimSpace(line[:open])
			}
		}
		out = append(out, cm)
	}
	return out
}

// FormatCommitments is the inverse of ParseCommitments, for the edit form.
func FormatCommitments(cs []Commitment) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "%d. %s", c.No, c.Text)
		if c.CriterionCode != "" {
			fmt.Fprintf(&b, " [%s]", c.CriterionCode)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
