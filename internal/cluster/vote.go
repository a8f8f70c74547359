package cluster

import (
	"fmt"
	"strings"
)

// VoteMember is what the flag vote needs to know of a member unit.
type VoteMember struct {
	UnitID     int64
	Name       string
	Reviewed   bool // its self-assessment has been reviewed (thẩm định)
	Registered bool // it registered a collective title for the year (đăng ký thi đua)
}

// FlagVoteBlockers lists, in Vietnamese, what keeps a cluster from voting
// for the sector's Cờ thi đua on the given candidates; none means the vote
// may open.
//
// The vote picks among the cluster's leading units, so the ranking it
// rests on must be final: every member's filing reviewed, not a
// self-score (the flag goes to units that exceed their targets, TT
// 02/2024/TT-VKSTC). And a unit is considered for a title only if it took
// part in the emulation by registering for the year (đăng ký thi đua).
func FlagVoteBlockers(members []VoteMember, candidates []int64) []string {
	var out, unreviewed, unregistered []string
	if len(members) == 0 {
		return []string{"Cụm chưa có đơn vị thành viên."}
	}
	byID := map[int64]VoteMember{}
	for _, m := range members {
		byID[m.UnitID] = m
		if !m.Reviewed {
			unreviewed = append(unreviewed, m.Name)
		}
	}
	if len(unreviewed) > 0 {
		out = append(out, fmt.Sprintf("Chưa thể bình xét: %d/%d đơn vị thành viên chưa được thẩm định bản tự chấm điểm (%s).",
			len(unreviewed), len(members), strings.Join(unreviewed, "; ")))
	}
	for _, id := range candidates {
		if m, ok := byID[id]; ok && !m.Registered {
			unregistered = append(unregistered, m.Name)
		}
	}
	if len(unregistered) > 0 {
		out = append(out, fmt.Sprintf("Đơn vị chưa đăng ký thi đua năm này không được bình xét: %s.", strings.Join(unregistered, "; ")))
	}
	return out
}
