package xlsx

// The self-assessment workbook: a unit's tự chấm điểm filled offline. The
// criteria are prefilled and the sheet protected so only the input cells
// can be typed in; a hidden sheet names the unit, year and table version,
// so that a file for another unit, year or table is refused on upload.

const (
	SheetSelf     = "Tự chấm điểm"
	sheetSelfMeta = "_thidua_tu_cham"
	selfKind      = "tu_cham_diem"
	selfHeaderRow = 5 // rows 1–3 are the title block
	// MaxSelfText is the longest explanation or evidence a cell may hold.
	MaxSelfText = 4000
)

// The columns of the self-assessment sheet.
const (
	scCode = iota
	scName
	scMethod
	scMax
	scNeeds
	scScore
	scNumerator
	scDenominator
	scNotArisen
	scExplanation
	scEvidence
	scNCols
)

var selfHeaders = [scNCols]string{"Mã", "Tên tiêu chí", "Cách chấm", "Điểm tối đa", "Cần nhập", "Điểm tự chấm", "Tử số", "Mẫu số",
	"Không phát sinh", "Giải trình", "Tài liệu chứng minh"}

var selfWidths = [scNCols]float64{7, 44, 13, 9, 34, 10, 10, 10, 13, 34, 28}

// selfAliases are the headers the reader accepts for each column.
var selfAliases = map[string]int{}

func init() {
	for i, h := range selfHeaders {
		selfAliases[fold(h)] = i
	}
	for a, i := range map[string]int{"ma tieu chi": scCode, "tieu chi": scName, "noi dung": scName, "diem": scScore, "diem tu cham diem": scScore,
		"so lieu": scNumerator, "tu so (so lieu)": scNumerator, "khong phat sinh?": scNotArisen, "giai trinh, ghi chu": scExplanation,
		"tai lieu": scEvidence, "minh chung": scEvidence, "tai lieu, minh chung": scEvidence} {
		selfAliases[a] = i
	}
}

// NotArisenLabel is the value of the "Không phát sinh" column's list.
const NotArisenLabel = "Không phát sinh"
