package org

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"thidua/internal/errs"
	"thidua/internal/limits"
)

var codePattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9._-]*$`)

// Validate checks a unit's own fields. parentOf maps every other unit's id
// to its parent's id (0 for none) and is used to refuse cycles; parent is
// the chosen parent unit, if any. Field keys match the form's field names.
func Validate(u Unit, parent *Unit, parentOf map[int64]int64) error {
	f := errs.Fields{}
	code := NormalizeCode(u.Code)
	switch {
	case code == "":
		f.Add("code", "Vui lòng nhập mã đơn vị.")
	case utf8.RuneCountInString(code) > 40:
		f.Add("code", "Mã đơn vị tối đa 40 ký tự.")
	case !codePattern.MatchString(code):
		f.Add("code", "Mã đơn vị chỉ gồm chữ cái không dấu, chữ số và các dấu . _ -")
	}
	name := strings.TrimSpace(u.Name)
	switch {
	case name == "":
		f.Add("name", "Vui lòng nhập tên đơn vị.")
	case utf8.RuneCountInString(name) > 255:
		f.Add("name", "Tên đơn vị tối đa 255 ký tự.")
	}
	if !u.Type.Valid() {
		f.Add("type", "Vui lòng chọn loại đơn vị.")
	}
	limits.Date(f, "valid_from", "Ngày bắt đầu hoạt động", u.ValidFrom, limits.FirstDay)
	limits.DatePtr(f, "valid_to", "Ngày kết thúc", u.ValidTo, limits.FirstDay)
	if u.ValidFrom.IsZero() {
		f.Add("valid_from", "Vui lòng nhập ngày bắt đầu hoạt động.")
	} else if u.ValidTo != nil && u.ValidTo.Before(u.ValidFrom) {
		f.Add("valid_to", "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu hoạt động.")
	}
	if u.Type == TypeSupreme && u.ParentID != nil {
		f.Add("parent_id", "VKSND tối cao là cấp cao nhất, không có đơn vị cấp trên.")
	}
	if u.Type != TypeSupreme && u.Type.Valid() && u.ParentID == nil {
		f.Add("parent_id", "Vui lòng chọn đơn vị cấp trên.")
	}
	if u.ParentID != nil {
		switch {
		case parent == nil:
			f.Add("parent_id", "Đơn vị cấp trên không tồn tại.")
		case u.ID != 0 && createsCycle(u.ID, *u.ParentID, parentOf):
			f.Add("parent_id", "Không thể chọn đơn vị này làm cấp trên: đơn vị cấp trên đang là đơn vị cấp dưới của chính đơn vị này.")
		case u.Type.Valid() && !parentAllowed(u.Type, parent.Type):
			f.Add("parent_id", "Một "+u.Type.Label()+" không thể trực thuộc "+parent.Type.Label()+".")
		}
	}
	return f.Err()
}

// createsCycle reports whether making parent the parent of id would put id
// among its own ancestors.
func createsCycle(id, parent int64, parentOf map[int64]int64) bool {
	seen := map[int64]bool{}
	for p := parent; p != 0; p = parentOf[p] {
		if p == id || seen[p] {
			return true
		}
		seen[p] = true
	}
	return false
}

// parentAllowed encodes the procuracy's tiers: provinces and high
// procuracies sit under the Supreme Procuracy, district and regional
// procuracies under a province, departments under any procuracy.
func parentAllowed(child, parent UnitType) bool {
	switch child {
	case TypeHigh, TypeProvincial:
		return parent == TypeSupreme
	case TypeDistrict, TypeRegional:
		return parent == TypeProvincial
	case TypeDepartment:
		return true // departments may nest (Vụ → Phòng)
	}
	return false
}

// Link is one lineage edge: Successor was formed (wholly or partly) from
// Predecessor on the successor's start date.
type Link struct {
	SuccessorID   int64       `json:"successor_id"`
	PredecessorID int64       `json:"predecessor_id"`
	Kind          LineageKind `json:"kind"`
	Note          string      `json:"note"`
}

// ValidateLink checks a lineage edge against both units and the existing
// edges (predecessorsOf maps a unit to the units it was formed from).
func ValidateLink(l Link, successor, predecessor Unit, predecessorsOf map[int64][]int64) error {
	f := errs.Fields{}
	if !l.Kind.Valid() {
		f.Add("kind", "Vui lòng chọn hình thức hình thành.")
	}
	if l.SuccessorID == l.PredecessorID {
		f.Add("predecessor_id", "Một đơn vị không thể được hình thành từ chính nó.")
		return f.Err()
	}
	for _, p := range predecessorsOf[l.SuccessorID] {
		if p == l.PredecessorID {
			f.Add("predecessor_id", "Liên kết này đã có.")
		}
	}
	if isAncestor(l.SuccessorID, l.PredecessorID, predecessorsOf) {
		f.Add("predecessor_id", "Không thể tạo liên kết vòng: "+successor.Name+" đã là tiền thân của "+predecessor.Name+".")
	}
	if l.Kind == LineageMerge || l.Kind == LineageRename {
		if predecessor.ValidTo == nil {
			f.Add("predecessor_id", predecessor.Name+" chưa có ngày kết thúc hoạt động; hãy ghi ngày kết thúc trước khi ghi nhận hợp nhất hoặc đổi tên.")
		} else if !predecessor.ValidTo.Before(successor.ValidFrom) {
			f.Add("predecessor_id", predecessor.Name+" phải kết thúc hoạt động trước ngày "+successor.Name+" bắt đầu hoạt động.")
		}
	}
	return f.Err()
}

// isAncestor reports whether a is among the predecessors (at any depth) of b.
func isAncestor(a, b int64, predecessorsOf map[int64][]int64) bool {
	seen := map[int64]bool{}
	stack := []int64{b}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range predecessorsOf[n] {
			if p == a {
				return true
			}
			if !seen[p] {
				seen[p] = true
				stack = append(stack, p)
			}
		}
	}
	return false
}

// Ancestry returns every unit the given unit descends from through
// lineage, nearest first, so that multi-year history (scores, titles,
// consecutive years) can be gathered across mergers.
func Ancestry(id int64, predecessorsOf map[int64][]int64) []int64 {
	var out []int64
	seen := map[int64]bool{id: true}
	queue := []int64{id}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, p := range predecessorsOf[n] {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
				queue = append(queue, p)
			}
		}
	}
	return out
}
