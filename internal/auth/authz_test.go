package auth

import (
	"testing"

	"thidua/internal/errs"
)

func TestAuthorize(t *testing.T) {
	const supreme, thanhHoa, thanhHoaDept, ngheAn = 1, 39, 98, 40
	anon := Principal{}
	admin := Principal{UserID: 1, Role: RoleAdmin}
	board := Principal{UserID: 2, Role: RoleBoard, UnitID: supreme}
	officer := Principal{UserID: 3, Role: RoleOfficer, UnitID: thanhHoa}
	viewer := Principal{UserID: 4, Role: RoleViewer}

	const haTinh, slID = 41, 50
	council := Principal{UserID: 5, Role: RoleBoard, UnitID: thanhHoa, BoardOf: thanhHoa}
	headTH := Principal{UserID: 6, Role: RoleOfficer, UnitID: thanhHoa}
	officerNA := Principal{UserID: 7, Role: RoleOfficer, UnitID: ngheAn}
	officerHT := Principal{UserID: 8, Role: RoleOfficer, UnitID: haTinh}
	officerSL := Principal{UserID: 9, Role: RoleOfficer, UnitID: slID}
	cluster2026 := &ClusterFacts{HeadUnitID: thanhHoa, DeputyUnitID: haTinh, Members: []int64{thanhHoa, ngheAn, haTinh}}
	htPath := []int64{haTinh, supreme}
	thPath := []int64{thanhHoa, supreme}
	deptPath := []int64{thanhHoaDept, thanhHoa, supreme}
	naPath := []int64{ngheAn, supreme}
	sectorCouncil := Target{UnitPath: []int64{supreme}, Council: &CouncilFacts{MemberUsers: []int64{headTH.UserID, officerNA.UserID}}}

	tests := []struct {
		name   string
		p      Principal
		action Action
		target Target
		want   errs.Code // "" for allowed
	}{
		{"anonymous cannot list units", anon, ViewUnits, Target{}, errs.Unauthorized},
		{"anonymous cannot manage", anon, ManageUnits, Target{}, errs.Unauthorized},
		{"admin views any unit", admin, ViewUnits, Unit(naPath), ""},
		{"board views any unit", board, ViewUnits, Unit(naPath), ""},
		{"viewer views any unit", viewer, ViewUnits, Unit(naPath), ""},
		{"officer lists (filtered later)", officer, ViewUnits, Target{}, ""},
		{"officer views own unit", officer, ViewUnits, Unit(thPath), ""},
		{"officer views a department of own unit", officer, ViewUnits, Unit(deptPath), ""},
		{"officer cannot view another unit", officer, ViewUnits, Unit(naPath), errs.Forbidden},
		{"officer cannot view the parent", officer, ViewUnits, Unit([]int64{supreme}), errs.Forbidden},
		{"admin manages units", admin, ManageUnits, Target{}, ""},
		{"board manages units", board, ManageUnits, Target{}, ""},
		{"officer cannot manage units, even own", officer, ManageUnits, Unit(thPath), errs.Forbidden},
		{"viewer cannot manage units", viewer, ManageUnits, Target{}, errs.Forbidden},
		{"board reads audit", board, ViewAudit, Target{}, ""},
		{"officer cannot read audit", officer, ViewAudit, Target{}, errs.Forbidden},
		{"only admin manages users", admin, ManageUsers, Target{}, ""},
		{"board cannot manage users", board, ManageUsers, Target{}, errs.Forbidden},
		{"viewer cannot manage users", viewer, ManageUsers, Target{}, errs.Forbidden},
		{"system may do anything", System, ManageUsers, Target{}, ""},
		{"provincial council manages a unit under its province", council, ManageUnits, Unit(deptPath), ""},
		{"provincial council cannot manage its province itself", council, ManageUnits, Unit(thPath), errs.Forbidden},
		{"provincial council cannot manage another province", council, ManageUnits, Unit(naPath), errs.Forbidden},
		{"provincial council cannot open years", council, ManageYears, Target{}, errs.Forbidden},
		{"provincial council runs its own blocs", council, ManageClusters, Target{Cluster: &ClusterFacts{OwnerUnitID: thanhHoa}}, ""},
		{"provincial council cannot run national clusters", council, ManageClusters, Target{Cluster: &ClusterFacts{}}, errs.Forbidden},
		{"this year's head edits the pledge", headTH, EditPledge, Target{Cluster: cluster2026}, ""},
		{"last year's head cannot edit this year's pledge", officerNA, EditPledge, Target{Cluster: cluster2026}, errs.Forbidden},
		{"a member signs its own line", officerNA, SignPledge, Target{UnitPath: naPath, Cluster: cluster2026}, ""},
		{"a member cannot sign for another", officerNA, SignPledge, Target{UnitPath: htPath, Cluster: cluster2026}, errs.Forbidden},
		{"a non-member cannot sign", officerSL, SignPledge, Target{UnitPath: []int64{slID, supreme}, Cluster: cluster2026}, errs.Forbidden},
		{"the head reviews a member", headTH, ReviewFiling, Target{UnitPath: naPath, Cluster: cluster2026}, ""},
		{"the head does not review itself", headTH, ReviewFiling, Target{UnitPath: thPath, Cluster: cluster2026}, errs.Forbidden},
		{"the deputy reviews the head", officerHT, ReviewFiling, Target{UnitPath: thPath, Cluster: cluster2026}, ""},
		{"the deputy does not review other members", officerHT, ReviewFiling, Target{UnitPath: naPath, Cluster: cluster2026}, errs.Forbidden},
		{"a unit files for itself", officerNA, FileSelf, Target{UnitPath: naPath}, ""},
		{"the head cannot file for a member", headTH, FileSelf, Target{UnitPath: naPath}, errs.Forbidden},
		{"a unit proposes for itself", officerNA, ProposeAward, Unit(naPath), ""},
		{"an officer cannot propose for a unit under its own", officer, ProposeAward, Unit(deptPath), errs.Forbidden},
		{"the board does not propose for a unit", board, ProposeAward, Unit(naPath), errs.Forbidden},
		{"an officer reads its own unit's draft", officer, ViewProposal, Unit(thPath), ""},
		{"an officer reads a draft of a unit under its own", officer, ViewProposal, Unit(deptPath), ""},
		{"an officer cannot read another unit's draft", officer, ViewProposal, Unit(naPath), errs.Forbidden},
		{"an officer reads another unit's published proposal", officer, ViewProposal, Target{UnitPath: naPath, Published: true}, ""},
		{"a viewer reads any draft", viewer, ViewProposal, Unit(naPath), ""},
		{"anonymous reads no proposal", anon, ViewProposal, Target{Published: true}, errs.Unauthorized},
		{"an officer comments", officerNA, CommentProposal, Target{}, ""},
		{"a viewer cannot comment", viewer, CommentProposal, Target{}, errs.Forbidden},
		{"the board decides at the Supreme Procuracy", board, DecideAwards, Unit([]int64{supreme}), ""},
		{"the sector's board does not decide in a province's name", board, DecideAwards, Unit(thPath), errs.Forbidden},
		{"a provincial council decides at its province", council, DecideAwards, Unit(thPath), ""},
		{"a provincial council does not decide the sector's awards", council, DecideAwards, Unit([]int64{supreme}), errs.Forbidden},
		{"a provincial council does not decide for another province", council, DecideAwards, Unit(naPath), errs.Forbidden},
		{"a decision names its level", board, DecideAwards, Target{}, errs.Forbidden},
		{"an officer cannot decide", officer, DecideAwards, Unit(thPath), errs.Forbidden},
		{"an administrator decides at any level", admin, DecideAwards, Unit(thPath), ""},
		{"a provincial council keeps its own council", council, ManageCouncil, Unit(thPath), ""},
		{"a provincial council does not keep the sector's council", council, ManageCouncil, Unit([]int64{supreme}), errs.Forbidden},
		{"the sector's board keeps its own council", board, ManageCouncil, Unit([]int64{supreme}), ""},
		{"the sector's board does not keep a province's council", board, ManageCouncil, Unit(naPath), errs.Forbidden},
		{"an officer keeps no council", officer, ManageCouncil, Unit(thPath), errs.Forbidden},
		{"everyone signed in reads the councils", viewer, ViewCouncils, Target{}, ""},
		{"a provincial council returns a proposal of a unit under it", council, ReturnProposal, Unit(deptPath), ""},
		{"a provincial council forwards a proposal of a unit under it", council, ForwardProposal, Unit(deptPath), ""},
		{"a provincial council rejects a proposal of a unit under it", council, RejectProposal, Unit(deptPath), ""},
		{"a provincial council does not touch another province's proposal", council, ReturnProposal, Unit(naPath), errs.Forbidden},
		{"the sector's board returns any proposal it holds", board, ReturnProposal, Unit(naPath), ""},
		{"an officer cannot return a proposal", officer, ReturnProposal, Unit(deptPath), errs.Forbidden},
		{"an officer cannot forward a proposal", officerNA, ForwardProposal, Unit(naPath), errs.Forbidden},
		{"the board publishes the list", board, PublishList, Target{}, ""},
		{"a viewer cannot publish", viewer, PublishList, Target{}, errs.Forbidden},
		{"the board sets its quota", board, SetQuota, Target{}, ""},
		{"a provincial council cannot set the sector's quota", council, SetQuota, Target{}, errs.Forbidden},
		{"the board reads the rating conflicts", admin, ViewConflicts, Target{}, ""},
		{"an officer cannot read the rating conflicts", officer, ViewConflicts, Target{}, errs.Forbidden},
		// Certificates: each level's board on the issuing unit's own blanks.
		{"the board positions and prints the Supreme Procuracy's certificates", board, PrintCerts, Unit([]int64{supreme}), ""},
		{"the sector's board does not print a province's certificates", board, PrintCerts, Unit(thPath), errs.Forbidden},
		{"a provincial council prints its province's certificates", council, PrintCerts, Unit(thPath), ""},
		{"a provincial council does not print another province's certificates", council, PrintCerts, Unit(naPath), errs.Forbidden},
		{"a provincial council does not print the sector's certificates", council, PrintCerts, Unit([]int64{supreme}), errs.Forbidden},
		{"a provincial council does not print a unit's under it", council, PrintCerts, Unit(deptPath), errs.Forbidden},
		{"certificates name their issuing unit", board, PrintCerts, Target{}, errs.Forbidden},
		{"a viewer cannot print certificates", viewer, PrintCerts, Unit([]int64{supreme}), errs.Forbidden},
		{"an officer cannot print certificates", officer, PrintCerts, Unit(thPath), errs.Forbidden},
		{"an administrator prints at any level", admin, PrintCerts, Unit(naPath), ""},
		{"this year's head runs the vote", headTH, RunVote, Target{Cluster: cluster2026}, ""},
		{"the deputy does not run the vote", officerHT, RunVote, Target{Cluster: cluster2026}, errs.Forbidden},
		{"a provincial council runs its own bloc's vote", council, RunVote, Target{Cluster: &ClusterFacts{OwnerUnitID: thanhHoa}}, ""},
		{"a member casts its own ballot", officerNA, CastBallot, Target{UnitPath: naPath, Cluster: cluster2026}, ""},
		{"a member cannot cast another's ballot", officerNA, CastBallot, Target{UnitPath: htPath, Cluster: cluster2026}, errs.Forbidden},
		// The council's secret ballot: the board over the council's unit runs
		// its sessions; members read them and vote with their own accounts.
		{"the sector board runs the sector council's sessions", board, RunCouncilSession, sectorCouncil, ""},
		{"a provincial council does not run the sector's", council, RunCouncilSession, sectorCouncil, errs.Forbidden},
		{"a provincial council runs its province's", council, RunCouncilSession, Target{UnitPath: thPath, Council: &CouncilFacts{}}, ""},
		{"a member does not run the sessions", officerNA, RunCouncilSession, sectorCouncil, errs.Forbidden},
		{"a member votes", officerNA, CouncilBallot, sectorCouncil, ""},
		{"the board's own account does not vote unless a member", board, CouncilBallot, sectorCouncil, errs.Forbidden},
		{"a non-member officer does not vote", officerHT, CouncilBallot, sectorCouncil, errs.Forbidden},
		{"no council: nobody votes", officerNA, CouncilBallot, Target{UnitPath: []int64{supreme}}, errs.Forbidden},
		{"a member reads the sessions", headTH, ViewCouncilVotes, sectorCouncil, ""},
		{"the board reads the sessions", board, ViewCouncilVotes, sectorCouncil, ""},
		{"a viewer does not read the sessions", viewer, ViewCouncilVotes, sectorCouncil, errs.Forbidden},
		{"a non-member officer does not read them", officerSL, ViewCouncilVotes, sectorCouncil, errs.Forbidden},
		{"a non-member casts no ballot", officerSL, CastBallot, Target{UnitPath: []int64{slID, supreme}, Cluster: cluster2026}, errs.Forbidden},
		{"the board casts no ballot", board, CastBallot, Target{UnitPath: naPath, Cluster: cluster2026}, errs.Forbidden},
		{"an officer records its unit's facts", officer, RecordFacts, Unit(deptPath), ""},
		{"an officer cannot confirm its unit leads the cluster", officer, ConfirmLead, Unit(thPath), errs.Forbidden},
		{"a provincial council confirms a lead in its province", council, ConfirmLead, Unit(deptPath), ""},
		{"an officer exports its unit's list", officer, ExportAwards, Unit(deptPath), ""},
		{"an officer cannot export another unit's list", officer, ExportAwards, Unit(naPath), errs.Forbidden},
		{"an officer cannot export the sector's list", officer, ExportAwards, Target{}, errs.Forbidden},
		{"a viewer exports the sector's list", viewer, ExportAwards, Target{}, ""},
		{"unknown action refused", admin, Action("units.delete"), Target{}, errs.Forbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Authorize(tt.p, tt.action, tt.target)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("want allowed, got %v", err)
				}
				return
			}
			if got := errs.CodeOf(err); got != tt.want {
				t.Fatalf("want %s, got %v", tt.want, err)
			}
		})
	}
}

func TestPasswordPolicyAndHash(t *testing.T) {
	h := Hasher{Cost: 4}
	for _, p := range []string{"", "short", "ngắn quá", string(make([]byte, 73))} {
		if _, err := h.Hash(p); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("Hash(%q): want Invalid, got %v", p, err)
		}
	}
	hash, err := h.Hash("mật-khẩu-đủ-dài")
	if err != nil {
		t.Fatal(err)
	}
	if !h.Verify(hash, "mật-khẩu-đủ-dài") || h.Verify(hash, "mat-khau-du-dai") {
		t.Fatal("Verify accepts the wrong password or refuses the right one")
	}
}

func TestTokens(t *testing.T) {
	a, ha, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := NewToken()
	if a == b || len(a) < 40 {
		t.Fatalf("tokens not random or too short: %q %q", a, b)
	}
	if string(TokenHash(a)) != string(ha) {
		t.Fatal("stored hash differs from the hash of the token")
	}
}

func TestUnitScope(t *testing.T) {
	for _, tt := range []struct {
		p    Principal
		want int64
	}{
		{Principal{UserID: 1, Role: RoleOfficer, UnitID: 39}, 39},
		{Principal{UserID: 2, Role: RoleBoard, UnitID: 1}, 0},
		{Principal{UserID: 3, Role: RoleViewer, UnitID: 39}, 0},
		{System, 0},
	} {
		if got := UnitScope(tt.p); got != tt.want {
			t.Errorf("UnitScope(%s) = %d, want %d", tt.p.Role, got, tt.want)
		}
	}
}
