package web

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"thidua/internal/award"
	"thidua/internal/cluster"
	"thidua/internal/org"
	"thidua/internal/proposal"
	"thidua/internal/scoring"
	"thidua/internal/vote"
	"thidua/internal/xlsx"
)

// pageFuncs are the small helpers the cluster and pledge pages use.
var pageFuncs = template.FuncMap{
	"ptr":           func(i int64) *int64 { return &i },
	"deadlineLabel": func(k string) string { return cluster.DeadlineKind(k).Label() },
	"derefTime": func(t *time.Time) time.Time {
		if t == nil {
			return time.Time{}
		}
		return *t
	},
	"hasPrefix": strings.HasPrefix,
	"pendingClose": func(matter int64, version int, csrf string) template.HTML {
		var w htmlLines
		writePendingClose(&w, matter, version, csrf)
		return w.html()
	},
	"num":       formatNum,
	"inum":      inputNum,
	"idstr":     func(id int64) string { return strconv.FormatInt(id, 10) },
	"stepLabel": proposal.StepLabel,
	"tierLabel": func(t award.Tier) string { return t.Label() },
	// heldAt: a proposal addressed to the level unit (it is that level's to decide).
	"heldAt":       func(addressed *int64, unit int64) bool { return addressed != nil && *addressed == unit },
	"outcomeLabel": outcomeLabel,
	"short":        shortName,
	"methods": func() []scoring.Method {
		return []scoring.Method{scoring.Group, scoring.Fixed, scoring.Indicator, scoring.Bonus, scoring.Deduction}
	},
	"unitTypeLabel": func(t string) string { return org.UnitType(t).Label() },
	"fieldLabel": func(f string) string {
		return map[string]string{"score": "Điểm", "numerator": "Tử số", "denominator": "Mẫu số", "not_arisen": "Không phát sinh",
			"explanation": "Giải trình", "status": "Trạng thái", "evidence": "Tài liệu chứng minh", "comment": "Nhận xét",
			"rulings": "Kết quả thẩm định"}[f]
	},
	"ruleSetName":       ruleSetName,
	"collectiveTitles":  func() []award.Title { return award.CollectiveTitles },
	"individualTitles":  func() []award.Title { return award.IndividualTitles },
	"commendationForms": func() []award.Title { return award.Forms },
	"titleLabel":        func(t string) string { return award.Title(t).Label() },
	"councilSeat":       vote.SeatLabel,
	"placeDate":         func(place string, on time.Time) string { return xlsx.PlaceDate(place, &on) }, // "Hà Nội, ngày 26 tháng 11 năm 2026"
}

// inputNum writes a number for a form field: decimal comma, no thousands
// separator, so what is shown reads back as the same number.
func inputNum(v any) string {
	return strings.ReplaceAll(formatNum(v), ".", "")
}

// formatNum writes a number (or a *float64, empty when nil) the Vietnamese way.
func formatNum(v any) string {
	switch x := v.(type) {
	case float64:
		return scoring.FormatNumber(x)
	case *float64:
		if x == nil {
			return ""
		}
		return scoring.FormatNumber(*x)
	case int:
		return scoring.FormatNumber(float64(x))
	}
	return ""
}

func outcomeLabel(o scoring.Outcome) string {
	switch o {
	case scoring.Met:
		return "Đạt"
	case scoring.Exceeded:
		return "Vượt"
	case scoring.Missed:
		return "Chưa đạt"
	}
	return ""
}

// shortName is a unit's name as tables and charts print it: "VKSND tỉnh Thanh Hóa".
func shortName(name string) string {
	return strings.Replace(name, "Viện kiểm sát nhân dân", "VKSND", 1)
}

// ruleSetName is a rule set as a reader cites it ("Luật TĐKT 2022 + NĐ
// 98/2023/NĐ-CP + TT 02/2024/TT-VKSTC"), not its stored code; an unknown
// code is shown as it is.
func ruleSetName(id string) string {
	if rs, ok := award.RuleSetByID(id); ok {
		return rs.Name
	}
	return id
}
