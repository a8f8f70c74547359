package award

import (
	"fmt"

	"thidua/internal/scoring"
)

// Quota names a cap on a whole proposal list.
type Quota string

const (
	// QuotaCSTDCS: Chiến sĩ thi đua cơ sở, over the unit's Lao động tiên tiến.
	QuotaCSTDCS Quota = "cstd_cs"
	// QuotaTTLDXS: Tập thể lao động xuất sắc, over the units rated Tập thể
	// lao động tiên tiến (Điều 18 khoản 2 TT 02/2024/TT-VKSTC).
	QuotaTTLDXS Quota = "tt_ldxs"
	// QuotaCoChinhPhu: Cờ thi đua của Chính phủ, over the units meeting the
	// sector Cờ standard (Điều 11 khoản 1 NĐ 91/2017/NĐ-CP).
	QuotaCoChinhPhu Quota = "co_cp"
)

// QuotaResult is a list's count against its cap.
type QuotaResult struct {
	Kind      Quota  `json:"kind"`
	Percent   int    `json:"percent"` // the share of Base allowed; 0: the version sets no quota
	Min       int    `json:"min"`     // allowed at least this many, when Base > 0
	Allowed   int    `json:"allowed"`
	Proposed  int    `json:"proposed"`
	Base      int    `json:"base"`
	Over      bool   `json:"over"`
	Text      string `json:"text"` // Vietnamese, for the user
	Article   string `json:"article"`
	RuleSetID string `json:"rule_set_id"`
	// Insufficient: the version leaves the cap to the board and the board
	// has set none (chưa đủ thông tin); Over is false, Allowed is 0.
	Insufficient bool `json:"insufficient,omitempty"`
}

// BoardQuota is a cap the emulation board sets itself, where the version
// leaves it to the board (RuleSet.CSTDCSQuotaByBoard): the share, and the
// board's own rule it rests on ("Quy chế … ban hành kèm theo Quyết định số
// …"). Zero: the board has set none.
type BoardQuota struct {
	Percent int    `json:"percent"`
	Rule    string `json:"rule"`
}

// CheckQuota checks proposed against the cap of kind over base in rs.
//
// Rounding: the law caps the number ("không quá", "không vượt quá" x %),
// so the allowed count is the largest whole number not above x % of base:
// x % × base rounded down, computed in integers. 15 % of 7 is 1,05 → 1.
// Where the version sets a minimum (Điều 18 khoản 2 TT 02/2024: "Trường
// hợp số lượng đơn vị theo tỷ lệ trên nhỏ hơn 01 thì được 01 đơn vị"), a
// smaller result is raised to it: 20 % of 3 is 0,6 → 1. The minimum applies
// only when base > 0 — with no unit rated Tập thể lao động tiên tiến there
// is nobody to choose from.
func CheckQuota(rs RuleSet, kind Quota, proposed, base int) QuotaResult {
	return CheckQuotaBoard(rs, kind, proposed, base, BoardQuota{})
}

// CheckQuotaBoard is CheckQuota where the version leaves a cap to the
// board: the board's value, citing the board's rule, stands in for the
// version's; with none set the result is chưa đủ thông tin (Insufficient).
func CheckQuotaBoard(rs RuleSet, kind Quota, proposed, base int, board BoardQuota) QuotaResult {
	r := QuotaResult{Kind: kind, Proposed: proposed, Base: base, RuleSetID: rs.ID}
	var label string
	switch kind {
	case QuotaCSTDCS:
		r.Percent, r.Article, label = rs.CSTDCSQuotaPercent, rs.Cite.CSTDCSQuota, ChienSiThiDuaCoSo.Label()
		if rs.CSTDCSQuotaByBoard {
			if board.Percent <= 0 || board.Rule == "" {
				r.Insufficient = true
				r.Text = fmt.Sprintf("%s: đề nghị %d — chưa đủ thông tin: Hội đồng Thi đua - Khen thưởng chưa quy định tỷ lệ (%s)", label, proposed, rs.Cite.CSTDCSQuota)
				return r
			}
			r.Percent, r.Article = board.Percent, board.Rule+" ("+rs.Cite.BoardQuota+")"
		}
	case QuotaTTLDXS:
		r.Percent, r.Min, r.Article, label = rs.TTLDXSQuotaPercent, rs.TTLDXSQuotaMin, rs.Cite.TTLDXSQuota, TapTheLaoDongXuatSac.Label()
	case QuotaCoChinhPhu:
		r.Percent, r.Article, label = rs.CoCPQuotaPercent, rs.Cite.CoCPQuota, CoThiDuaChinhPhu.Label()
	default:
		r.Text = fmt.Sprintf("không có hạn mức %q", string(kind))
		return r
	}
	if proposed < 0 || base < 0 || proposed > base {
		r.Over = true
		r.Text = fmt.Sprintf("%s: số liệu không hợp lệ (đề nghị %d trên cơ sở %d)", label, proposed, base)
		return r
	}
	if r.Percent == 0 {
		r.Allowed = base
		r.Text = fmt.Sprintf("%s: đề nghị %d, bộ quy tắc này không quy định tỷ lệ", label, proposed)
		return r
	}
	exact := scoring.FormatNumber(float64(r.Percent*base) / 100)
	r.Allowed = r.Percent * base / 100
	how := fmt.Sprintf("%d%% của %d = %s, làm tròn xuống", r.Percent, base, exact)
	if base > 0 && r.Allowed < r.Min {
		r.Allowed = r.Min
		how = fmt.Sprintf("%d%% của %d = %s, nhỏ hơn %d nên được %d", r.Percent, base, exact, r.Min, r.Min)
	}
	r.Over = proposed > r.Allowed
	verb := "trong hạn mức"
	if r.Over {
		verb = fmt.Sprintf("vượt %d", proposed-r.Allowed)
	}
	r.Text = fmt.Sprintf("%s: đề nghị %d, tối đa %d (%s) — %s", label, proposed, r.Allowed, how, verb)
	return r
}
