package xlsx

import (
	"thidua/internal/scoring"
)

// Sheets of the criteria table workbook: the instructions first, then the
// table the board fills in, then a small worked example.
const (
	SheetGuide   = "Hướng dẫn"
	SheetTable   = "Bảng tiêu chí"
	SheetExample = "Ví dụ"
)

// Limits on an uploaded criteria table.
const (
	MaxTableFileSize = 5 << 20 // bytes of the .xlsx file
	MaxTableRows     = 2000    // criteria (non-empty rows)
)

// TableDoc is a criteria table as the workbook shows it.
type TableDoc struct {
	Year      int
	Name      string // empty for the blank template
	Level     string // label: "Cụm thi đua toàn quốc", "Khối thi đua trong tỉnh"
	UnitType  string // label, empty for every type
	VersionNo int
	// Criteria in display order. ParentID names the parent's ID, as stored;
	// when no row has an ID, ParentID is the parent's 1-based position.
	Criteria []scoring.Criterion
}

// The workbook's columns, in template order.
type tioCol int

const (
	colCode tioCol = iota
	colName
	colParent
	colMethod
	colMax
	colNumerator
	colDenominator
	colDirection
	colTargetNA
	colTargetSector
	colExceed
	colBelow
	tioNCols
)

var tioHeaders = [tioNCols]string{"Mã", "Tên tiêu chí", "Mã nhóm cấp trên", "Cách chấm", "Điểm tối đa", "Tử số", "Mẫu số",
	"Chiều", "Chỉ tiêu Quốc hội", "Chỉ tiêu Ngành", "Điểm cộng khi vượt", "Chưa đạt"}

var tioWidths = [tioNCols]float64{9, 48, 12, 17, 10, 34, 34, 20, 11, 11, 11, 18}

// tioFields is the column of each field key of a criterion (its JSON
// name), as scoring.ValidateTable's problems name them.
var tioFields = map[string]tioCol{"code": colCode, "name": colName, "parent_id": colParent, "method": colMethod, "max": colMax,
	"numerator": colNumerator, "denominator": colDenominator, "direction": colDirection, "target_na": colTargetNA,
	"target_sector": colTargetSector, "exceed_bonus": colExceed, "below": colBelow}

// tioAliases are other headers people give the same columns.
var tioAliases = map[string]int{}

func init() {
	for i, h := range tioHeaders {
		tioAliases[fold(h)] = i
	}
	for h, c := range map[string]tioCol{
		"Mã tiêu chí": colCode, "Mã số": colCode, "Tên": colName, "Nội dung tiêu chí": colName, "Tiêu chí": colName,
		"Mã cấp trên": colParent, "Nhóm cấp trên": colParent, "Mã nhóm": colParent, "Thuộc nhóm": colParent,
		"Phương pháp chấm": colMethod, "Điểm": colMax, "Điểm chuẩn": colMax, "Chiều đánh giá": colDirection,
		"Chỉ tiêu QH": colTargetNA, "Chỉ tiêu của Quốc hội": colTargetNA, "Chỉ tiêu của Ngành": colTargetSector,
		"Điểm cộng": colExceed, "Điểm vượt": colExceed, "Khi chưa đạt": colBelow,
	} {
		tioAliases[fold(h)] = int(c)
	}
}

// Allowed values of the enumerated columns.
var (
	tioMethods    = []scoring.Method{scoring.Group, scoring.Fixed, scoring.Indicator, scoring.Bonus, scoring.Deduction}
	tioDirections = []scoring.Direction{scoring.Higher, scoring.Lower, scoring.Zero}
	tioBelows     = []scoring.BelowRule{scoring.Nothing, scoring.Proportional}
)

// DirectionLabel is the workbook's word for a direction.
func DirectionLabel(d scoring.Direction) string {
	switch d {
	case scoring.Higher:
		return "Càng cao càng tốt"
	case scoring.Lower:
		return "Càng thấp càng tốt"
	case scoring.Zero:
		return "Bằng 0"
	}
	return string(d)
}

// BelowLabel is the workbook's word for what a missed target earns.
func BelowLabel(b scoring.BelowRule) string {
	switch b {
	case scoring.Proportional:
		return "Tính theo tỷ lệ"
	case scoring.Nothing:
		return "Không tính điểm"
	}
	return string(b)
}

func methodLabels() []string {
	out := make([]string, len(tioMethods))
	for i, m := range tioMethods {
		out[i] = m.Label()
	}
	return out
}

func directionLabels() []string {
	out := make([]string, len(tioDirections))
	for i, d := range tioDirections {
		out[i] = DirectionLabel(d)
	}
	return out
}

func belowLabels() []string {
	out := make([]string, len(tioBelows))
	for i, b := range tioBelows {
		out[i] = BelowLabel(b)
	}
	return out
}
