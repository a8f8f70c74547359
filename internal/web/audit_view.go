package web

import (
	"encoding/json"

	"fmt"
	"sort"
	"thidua/internal/org"
	"time"
)

// auditLabels name, in Vietnamese, the actions and fields the history shows.
var auditLabels = map[string]string{
	"create": "Thêm mới", "update": "Sửa", "retire": "Kết thúc hoạt động", "link": "Ghi nhận tiền thân",
	"unlink": "Xóa liên kết tiền thân", "lock": "Khóa tài khoản", "unlock": "Mở khóa tài khoản", "token": "Cấp mã truy cập API", "password": "Đổi mật khẩu", "exclusion": "Không đủ điều kiện xét thi đua",
	"adjust": "Điều chỉnh tiêu chí", "designate": "Chỉ định Cụm trưởng, Cụm phó", "copy": "Sao chép sang năm sau", "sign": "Xác nhận chữ ký",
	"amend": "Sửa đổi giao ước", "register": "Đăng ký thi đua", "version": "Tạo phiên bản mới", "year": "Năm", "reason": "Lý do",
	"code": "Mã", "name": "Tên", "type": "Loại", "parent_id": "Đơn vị cấp trên (ID)", "valid_from": "Bắt đầu hoạt động",
	"valid_to": "Kết thúc hoạt động", "note": "Ghi chú", "kind": "Hình thức", "predecessor_id": "Đơn vị tiền thân (ID)",
	"successor_id": "Đơn vị kế thừa (ID)",
}

func auditLabel(key string) string {
	if l, ok := auditLabels[key]; ok {
		return l
	}
	return key
}

// change is one field of an audited write, before and after.
type change struct{ Field, Old, New string }

// auditChanges lists the fields that differ between two audited JSON
// snapshots, so the history page says "Tên: A → B" rather than dumping JSON.
func auditChanges(before, after json.RawMessage) []change {
	var b, a map[string]any
	_ = json.Unmarshal(before, &b)
	_ = json.Unmarshal(after, &a)
	keys := map[string]bool{}
	for k := range b {
		keys[k] = true
	}
	for k := range a {
		keys[k] = true
	}
	var out []change
	for k := range keys {
		if k == "version" || k == "id" {
			continue
		}
		o, n := auditValue(b[k]), auditValue(a[k])
		if k == "type" { // unit types read as their names
			o, n = org.UnitType(o).Label(), org.UnitType(n).Label()
		}
		if o != n {
			out = append(out, change{Field: auditLabel(k), Old: o, New: n})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

func auditValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case string:
		if t, err := time.Parse(time.RFC3339, x); err == nil {
			return formatDate(t)
		}
		if x == "" {
			return "—"
		}
		return x
	case float64:
		return fmt.Sprintf("%.0f", x)
	}
	return fmt.Sprint(v)
}
