package cluster

import (
	"reflect"
	"testing"
)

func TestFlagVoteBlockers(t *testing.T) {
	all := func(reviewed, registered bool) []VoteMember {
		return []VoteMember{
			{UnitID: 1, Name: "Thanh Hóa", Reviewed: reviewed, Registered: registered},
			{UnitID: 2, Name: "Hà Tĩnh", Reviewed: true, Registered: true},
			{UnitID: 3, Name: "Nghệ An", Reviewed: reviewed, Registered: registered},
		}
	}
	for _, c := range []struct {
		name       string
		members    []VoteMember
		candidates []int64
		want       []string
	}{
		{"all reviewed, candidate registered", all(true, true), []int64{2}, nil},
		{"a member not reviewed blocks even a registered candidate", all(false, true), []int64{2},
			[]string{"Chưa thể bình xét: 2/3 đơn vị thành viên chưa được thẩm định bản tự chấm điểm (Thanh Hóa; Nghệ An)."}},
		{"an unregistered candidate is refused", all(true, false), []int64{1, 2},
			[]string{"Đơn vị chưa đăng ký thi đua năm này không được bình xét: Thanh Hóa."}},
		{"an unregistered non-candidate does not matter", all(true, false), []int64{2}, nil},
		{"both", all(false, false), []int64{3},
			[]string{"Chưa thể bình xét: 2/3 đơn vị thành viên chưa được thẩm định bản tự chấm điểm (Thanh Hóa; Nghệ An).",
				"Đơn vị chưa đăng ký thi đua năm này không được bình xét: Nghệ An."}},
		{"no members", nil, nil, []string{"Cụm chưa có đơn vị thành viên."}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := FlagVoteBlockers(c.members, c.candidates); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %q\nwant %q", got, c.want)
			}
		})
	}
}
