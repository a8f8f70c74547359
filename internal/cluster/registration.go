package cluster

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"thidua/internal/award"
	"thidua/internal/errs"
)

// Registration is a unit's đăng ký thi đua for a year: the collective
// title it aims for and the titles its people aim for.
type Registration struct {
	ID              int64              `json:"id"`
	Year            int                `json:"year"`
	UnitID          int64              `json:"unit_id"`
	CollectiveTitle award.Title        `json:"collective_title"`
	People          []RegisteredPerson `json:"people"`
	Note            string             `json:"note"`
	SubmittedAt     *time.Time         `json:"submitted_at"`
	Version         int                `json:"version"`
}

// RegisteredPerson is one line of the individual registration list.
type RegisteredPerson struct {
	FullName string      `json:"full_name"`
	Position string      `json:"position"`
	Title    award.Title `json:"title"`
}

// Counts returns how many people registered for each individual title.
func (r Registration) Counts() map[award.Title]int {
	m := map[award.Title]int{}
	for _, p := range r.People {
		m[p.Title]++
	}
	return m
}

// ValidateRegistration checks a registration; people rows are numbered
// from 1 as on the form.
func ValidateRegistration(r Registration) error {
	f := errs.Fields{}
	if r.CollectiveTitle != "" && !r.CollectiveTitle.Collective() {
		f.Add("collective_title", "Danh hiệu tập thể không hợp lệ.")
	}
	seen := map[string]int{}
	for i, p := range r.People {
		field := fmt.Sprintf("people.%d", i+1)
		name := strings.TrimSpace(p.FullName)
		switch {
		case name == "":
			f.Add(field, fmt.Sprintf("Dòng %d: vui lòng nhập họ và tên.", i+1))
		case utf8.RuneCountInString(name) > 200:
			f.Add(field, fmt.Sprintf("Dòng %d: họ và tên tối đa 200 ký tự.", i+1))
		case !p.Title.Individual():
			f.Add(field, fmt.Sprintf("Dòng %d (%s): vui lòng chọn danh hiệu cá nhân.", i+1, name))
		}
		key := strings.ToLower(name)
		if j, dup := seen[key]; dup && name != "" {
			f.Add(field, fmt.Sprintf("Dòng %d trùng họ tên với dòng %d (%s).", i+1, j, name))
		}
		seen[key] = i + 1
	}
	if r.CollectiveTitle == "" && len(r.People) == 0 {
		f.Add("collective_title", "Vui lòng đăng ký danh hiệu tập thể hoặc ít nhất một cá nhân.")
	}
	return f.Err()
}
