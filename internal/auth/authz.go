// Package auth decides who may do what. Authorize is the one function of
// (user, unit, year, action) that every service call goes through; it is
// pure, so every rule is tested without a database.
package auth

import (
	"slices"

	"thidua/internal/errs"
)

// Role is what a user account is for. The cluster head's rights are not a
// role: they follow from the user's unit heading a cluster in a given year.
type Role string

const (
	RoleAdmin   Role = "admin"   // quản trị hệ thống
	RoleBoard   Role = "board"   // Hội đồng / Thường trực thi đua
	RoleOfficer Role = "officer" // cán bộ của một đơn vị
	RoleViewer  Role = "viewer"  // chỉ xem
)

// Roles lists the roles in display order.
var Roles = []Role{RoleAdmin, RoleBoard, RoleOfficer, RoleViewer}

// Label is the Vietnamese name of the role.
func (r Role) Label() string {
	switch r {
	case RoleAdmin:
		return "Quản trị hệ thống"
	case RoleBoard:
		return "Hội đồng thi đua – khen thưởng"
	case RoleOfficer:
		return "Cán bộ đơn vị"
	case RoleViewer:
		return "Người xem"
	}
	return string(r)
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Principal is the signed-in user as authorisation sees them.
type Principal struct {
	UserID   int64
	Username string
	FullName string
	Role     Role
	UnitID   int64  // 0 when the account belongs to no unit
	UnitName string // for display
	// BoardOf is, for a board member, the province whose council they sit
	// on (it plays the board's role for that province's blocs); 0 for the
	// sector's board.
	BoardOf int64
	System  bool // the operator at the server's command line
}

// System is the principal of commands run on the server itself (user add,
// token create, seed): whoever can run them already holds the database.
var System = Principal{Username: "system", FullName: "Quản trị máy chủ", Role: RoleAdmin, System: true}

// Anonymous reports whether nobody is signed in.
func (p Principal) Anonymous() bool { return p.UserID == 0 && !p.System }

// Action is something a user asks to do.
type Action string

const (
	ViewUnits   Action = "units.view"   // list and open units
	ManageUnits Action = "units.manage" // create, edit, retire units and record lineage
	ViewAudit   Action = "audit.view"   // read the change history
	ManageUsers Action = "users.manage" // create users, reset passwords, deactivate

	ViewClusters     Action = "clusters.view"     // years, clusters, members, pledges
	ManageYears      Action = "years.manage"      // open a year, set its deadlines
	ManageClusters   Action = "clusters.manage"   // clusters, members, designation of head and deputy
	EditPledge       Action = "pledge.edit"       // draft and amend the cluster's pledge
	SignPledge       Action = "pledge.sign"       // confirm a member's signature line
	Register         Action = "registration.edit" // a unit's đăng ký thi đua
	ViewRegistration Action = "registration.view" // read a unit's registration

	ManageTables Action = "tables.manage" // criteria tables and per-unit adjustments
	FileSelf     Action = "filing.self"   // a unit's own self-assessment
	ReviewFiling Action = "filing.review" // the cluster head's review of a member
	ViewFiling   Action = "filing.view"   // read a unit's filing and its history

	ManagePeople Action = "people.manage" // a unit's people and their records
	RecordAwards Action = "awards.record" // awards received, and their revocation
	RecordFacts  Action = "facts.record"  // a unit's collective facts for a year (xếp loại, phong trào …)
	ConfirmLead  Action = "facts.lead"    // confirm that a unit leads its cluster (after the cluster's vote)

	ViewProposal    Action = "proposal.view"      // read a proposal; a listing is limited by UnitScope
	ExportAwards    Action = "proposal.export"    // award lists and tờ trình: of a unit (UnitPath), or of a cluster or the sector
	ProposeAward    Action = "proposal.edit"      // draft, change and send a unit's proposals
	CommentProposal Action = "proposal.comment"   // comment on a proposal published for comment
	PublishList     Action = "proposal.publish"   // publish a year's proposals for comment
	DecideAwards    Action = "proposal.decide"    // a level's decision: approve proposals under a decision of that level (UnitPath: the deciding level's)
	RejectProposal  Action = "proposal.reject"    // a level refuses a proposal it holds (UnitPath: the proposer's)
	ReturnProposal  Action = "proposal.return"    // a level returns a proposal it holds to the proposer, with a reason
	ForwardProposal Action = "proposal.forward"   // a level forwards a proposal above its power to the next level, with its tờ trình
	ViewCouncils    Action = "council.view"       // read the councils of a year and their members
	ManageCouncil   Action = "council.manage"     // set up a level's council and its members (UnitPath: the level's)
	SetQuota        Action = "quota.set"          // the share the board sets itself (CSTĐCS from NĐ 152/2025)
	ViewConflicts   Action = "ratings.conflicts"  // ratings contradicted by a discipline of the year
	PrintCerts      Action = "certificates.print" // position the fields on a unit's blanks, print its decisions' certificates (UnitPath: the issuing unit's)

	RunVote    Action = "vote.run"    // open and close the cluster's vote, propose from its result
	CastBallot Action = "vote.ballot" // a member unit's ballot

	RunCouncilSession Action = "council.session" // open and close a session of the council's secret ballot
	CouncilBallot     Action = "council.ballot"  // a council member's secret ballot
	ViewCouncilVotes  Action = "council.votes"   // a council's sessions, results and minutes
)

// Target is what an action is about. UnitPath is the unit concerned and its
// ancestors (the unit first), so a unit officer's rights reach the units
// under their own. Year is the emulation year where the action has one.
type Target struct {
	UnitPath []int64
	Year     int
	Cluster  *ClusterFacts
	// Council: the council whose session the action is on (UnitPath is
	// its unit's).
	Council *CouncilFacts
	// Published: the thing is public to every signed-in user (a proposal
	// sent for comment, or approved), whoever's unit it belongs to.
	Published bool
}

// ClusterFacts are the facts of one cluster in one year that rights
// follow from. Last year's head has no rights here: it is another cluster.
type ClusterFacts struct {
	OwnerUnitID  int64 // the province running a bloc; 0 for a national cluster
	HeadUnitID   int64
	DeputyUnitID int64
	Members      []int64
}

// CouncilFacts are who sits on a council: the accounts its members vote with.
type CouncilFacts struct {
	MemberUsers []int64
}

func (c *CouncilFacts) member(user int64) bool {
	return c != nil && user != 0 && slices.Contains(c.MemberUsers, user)
}

func (c *ClusterFacts) member(unit int64) bool {
	return c != nil && unit != 0 && slices.Contains(c.Members, unit)
}

// boardOver reports whether p acts as the board for the cluster: the
// sector's board for every cluster, a provincial council for its blocs.
func boardOver(p Principal, c *ClusterFacts) bool {
	switch {
	case p.Role == RoleAdmin:
		return true
	case p.Role != RoleBoard:
		return false
	case p.BoardOf == 0:
		return true
	}
	return c != nil && c.OwnerUnitID == p.BoardOf
}

// reviewer reports whether p reviews the target unit's filing: the board,
// the officers of the cluster's head for its members, and those of the
// deputy for the head's own unit.
func reviewer(p Principal, t Target) bool {
	if boardOver(p, t.Cluster) {
		return true
	}
	if p.Role != RoleOfficer || t.Cluster == nil || len(t.UnitPath) == 0 || p.UnitID == 0 {
		return false
	}
	unit := t.UnitPath[0]
	if !t.Cluster.member(unit) {
		return false
	}
	if unit == t.Cluster.HeadUnitID {
		return p.UnitID == t.Cluster.DeputyUnitID
	}
	return p.UnitID == t.Cluster.HeadUnitID
}

// boardOverUnit reports whether p acts as the board for the target's
// unit: the sector's board everywhere, a provincial council within its
// province.
func boardOverUnit(p Principal, t Target) bool {
	return p.Role == RoleAdmin || p.Role == RoleBoard && (p.BoardOf == 0 || slices.Contains(t.UnitPath, p.BoardOf))
}

// keeper reports whether p keeps the target unit's records: the board over
// it, or an officer of it or of a unit above it.
func keeper(p Principal, t Target) bool {
	return boardOverUnit(p, t) || p.Role == RoleOfficer && p.UnitID != 0 && slices.Contains(t.UnitPath, p.UnitID)
}

// clusterHead reports whether p is the board over the cluster or an
// officer of the unit heading it that year.
func clusterHead(p Principal, t Target) bool {
	return boardOver(p, t.Cluster) || p.Role == RoleOfficer && t.Cluster != nil && p.UnitID != 0 && p.UnitID == t.Cluster.HeadUnitID
}

// ownUnit reports whether the target's unit is the officer's own unit.
func ownUnit(p Principal, t Target) bool {
	return p.Role == RoleOfficer && len(t.UnitPath) > 0 && t.UnitPath[0] == p.UnitID
}

// UnitScope is the unit an account acts for: an officer's own unit, which
// their listings are limited to (with its sub-units) and which they sign
// and vote for; 0 for the accounts that see the whole sector.
func UnitScope(p Principal) int64 {
	if p.Role == RoleOfficer && !p.System {
		return p.UnitID
	}
	return 0
}

// sectorBoard reports whether p is the sector's board (or an administrator).
func sectorBoard(p Principal) bool {
	return p.Role == RoleAdmin || p.Role == RoleBoard && p.BoardOf == 0
}

// Unit returns a Target for a unit and its ancestors.
func Unit(path []int64) Target { return Target{UnitPath: path} }

// Authorize returns nil when p may do a on t, and a coded error saying why
// not otherwise: Unauthorized for nobody signed in, Forbidden for the rest.
func Authorize(p Principal, a Action, t Target) error {
	if p.Anonymous() {
		return errs.New(errs.Unauthorized, "Vui lòng đăng nhập để tiếp tục.")
	}
	if p.System {
		return nil
	}
	switch a {
	case ViewUnits:
		switch p.Role {
		case RoleAdmin, RoleBoard, RoleViewer:
			return nil
		case RoleOfficer:
			if len(t.UnitPath) == 0 || slices.Contains(t.UnitPath, p.UnitID) {
				return nil // a listing, filtered to their own unit, or a unit within it
			}
			return forbidden("Anh/chị chỉ được xem thông tin của đơn vị mình.")
		}
	case ManageUnits:
		if p.Role == RoleAdmin || p.Role == RoleBoard && p.BoardOf == 0 {
			return nil
		}
		// A provincial council keeps the registry of the units under its province.
		if p.Role == RoleBoard && len(t.UnitPath) > 1 && t.UnitPath[0] != p.BoardOf && slices.Contains(t.UnitPath, p.BoardOf) {
			return nil
		}
		return forbidden("Chỉ Hội đồng thi đua – khen thưởng hoặc quản trị hệ thống được thay đổi danh mục đơn vị.")
	case ViewAudit:
		if p.Role == RoleAdmin || p.Role == RoleBoard && p.BoardOf == 0 ||
			p.Role == RoleBoard && len(t.UnitPath) > 0 && slices.Contains(t.UnitPath, p.BoardOf) {
			return nil
		}
		return forbidden("Chỉ Hội đồng thi đua – khen thưởng hoặc quản trị hệ thống được xem lịch sử thay đổi.")
	case ManageUsers:
		if p.Role == RoleAdmin {
			return nil
		}
		return forbidden("Chỉ quản trị hệ thống được quản lý tài khoản.")
	case ViewClusters:
		return nil
	case ManageYears:
		if sectorBoard(p) {
			return nil
		}
		return forbidden("Chỉ Hội đồng thi đua – khen thưởng ngành được mở năm thi đua và đặt thời hạn.")
	case ManageClusters:
		if boardOver(p, t.Cluster) {
			return nil
		}
		return forbidden("Chỉ Hội đồng thi đua – khen thưởng (với khối trong tỉnh: Hội đồng của tỉnh) được quản lý cụm, khối thi đua.")
	case EditPledge:
		if clusterHead(p, t) {
			return nil
		}
		return forbidden("Chỉ đơn vị Cụm trưởng của năm này được soạn, sửa giao ước thi đua.")
	case SignPledge:
		if ownUnit(p, t) && t.Cluster.member(p.UnitID) {
			return nil
		}
		return forbidden("Mỗi đơn vị thành viên chỉ được xác nhận chữ ký của chính đơn vị mình.")
	case Register:
		if ownUnit(p, t) {
			return nil
		}
		return forbidden("Chỉ cán bộ của đơn vị được đăng ký thi đua cho đơn vị mình.")
	case ManageTables:
		if boardOver(p, t.Cluster) {
			return nil
		}
		return forbidden("Chỉ Hội đồng thi đua – khen thưởng được soạn, sửa bảng tiêu chí chấm điểm.")
	case FileSelf:
		if ownUnit(p, t) {
			return nil
		}
		return forbidden("Chỉ cán bộ của đơn vị được tự chấm điểm cho đơn vị mình.")
	case ReviewFiling:
		if reviewer(p, t) {
			return nil
		}
		return forbidden("Chỉ đơn vị Cụm trưởng của năm này (với chính đơn vị Cụm trưởng: đơn vị Cụm phó) và Hội đồng được thẩm định, chấm điểm.")
	case ViewFiling:
		if p.Role != RoleOfficer || ownUnit(p, t) || reviewer(p, t) {
			return nil
		}
		return forbidden("Anh/chị chỉ được xem bản chấm điểm của đơn vị mình hoặc của đơn vị mình thẩm định.")
	case ManagePeople:
		// An officer keeps the people of their unit and the units under it; the
		// board those of the whole sector, a provincial council its province's.
		if keeper(p, t) {
			return nil
		}
		return forbidden("Chỉ cán bộ của đơn vị hoặc Hội đồng thi đua – khen thưởng được cập nhật hồ sơ cán bộ của đơn vị.")
	case RecordAwards:
		if boardOverUnit(p, t) {
			return nil
		}
		return forbidden("Chỉ Hội đồng thi đua – khen thưởng được ghi nhận, thu hồi khen thưởng.")
	case RecordFacts:
		// Who keeps the unit's people keeps its collective facts.
		if keeper(p, t) {
			return nil
		}
		return forbidden("Chỉ cán bộ của đơn vị hoặc Hội đồng thi đua – khen thưởng được ghi nhận kết quả của tập thể đơn vị.")
	case ConfirmLead:
		if boardOverUnit(p, t) {
			return nil
		}
		return forbidden("Chỉ Hội đồng thi đua – khen thưởng xác nhận đơn vị dẫn đầu cụm, khối thi đua (theo kết quả bình xét của cụm).")
	case ViewProposal:
		// The board and viewers read every proposal; an officer their own
		// unit's (and those under it), and any once it is published. A
		// listing (no unit) is limited to UnitScope.
		if p.Role != RoleOfficer || t.Published || len(t.UnitPath) == 0 || slices.Contains(t.UnitPath, p.UnitID) {
			return nil
		}
		return forbidden("Anh/chị chỉ được xem đề nghị khen thưởng của đơn vị mình hoặc đề nghị đang công khai.")
	case ExportAwards:
		// An officer downloads their own unit's documents (or a unit's under
		// it), never a cluster's or the sector's list.
		if p.Role != RoleOfficer || len(t.UnitPath) > 0 && slices.Contains(t.UnitPath, p.UnitID) {
			return nil
		}
		return forbidden("Anh/chị chỉ được tải danh sách, tờ trình khen thưởng của đơn vị mình.")
	case ProposeAward:
		if ownUnit(p, t) {
			return nil
		}
		return forbidden("Chỉ cán bộ của đơn vị được lập, sửa đề nghị khen thưởng của đơn vị mình.")
	case CommentProposal:
		if p.Role != RoleViewer {
			return nil
		}
		return forbidden("Tài khoản chỉ xem không được góp ý.")
	case DecideAwards, ManageCouncil, PrintCerts:
		// Each level acts for itself: the sector's board at the Supreme
		// Procuracy, a provincial (or high) procuracy's council at its own;
		// certificates are printed on the issuing unit's own blanks.
		if boardAt(p, t) {
			return nil
		}
		return forbidden(levelOnly[a])
	case RejectProposal, ReturnProposal, ForwardProposal:
		// The board of a level above the proposer (app checks that the
		// proposal is held by the board's own level).
		if boardOverUnit(p, t) && len(t.UnitPath) > 0 {
			return nil
		}
		return forbidden("Chỉ Hội đồng thi đua – khen thưởng của cấp đang giữ đề nghị được trả lại, chuyển lên hoặc không chấp thuận đề nghị.")
	case ViewCouncils:
		return nil
	case PublishList, SetQuota, ViewConflicts:
		if sectorBoard(p) {
			return nil
		}
		return forbidden(sectorBoardOnly[a])
	case RunVote:
		if clusterHead(p, t) {
			return nil
		}
		return forbidden("Chỉ đơn vị Cụm trưởng của năm này hoặc Hội đồng thi đua – khen thưởng được tổ chức bình xét.")
	case CastBallot:
		if ownUnit(p, t) && t.Cluster.member(p.UnitID) {
			return nil
		}
		return forbidden("Chỉ cán bộ của đơn vị thành viên được bỏ phiếu, và chỉ cho chính đơn vị mình.")
	case RunCouncilSession:
		if boardOverUnit(p, t) {
			return nil
		}
		return forbidden("Chỉ Hội đồng thi đua – khen thưởng của cấp này (Thường trực Hội đồng) được mở, kết thúc phiên bỏ phiếu.")
	case CouncilBallot:
		if t.Council.member(p.UserID) {
			return nil
		}
		return forbidden("Chỉ thành viên của Hội đồng được bỏ phiếu, mỗi người bằng tài khoản của mình.")
	case ViewCouncilVotes:
		if boardOverUnit(p, t) || t.Council.member(p.UserID) {
			return nil
		}
		return forbidden("Chỉ thành viên Hội đồng và Thường trực Hội đồng được xem phiên bỏ phiếu của Hội đồng.")
	case ViewRegistration:
		if p.Role != RoleOfficer || ownUnit(p, t) || t.Cluster.member(p.UnitID) {
			return nil
		}
		return forbidden("Chỉ các đơn vị cùng cụm được xem bản đăng ký thi đua của đơn vị này.")
	}
	return forbidden("Anh/chị không có quyền thực hiện thao tác này.")
}

// levelOnly says why an action of a level's own board is refused.
var levelOnly = map[Action]string{
	DecideAwards:  "Chỉ Hội đồng thi đua – khen thưởng của chính cấp quyết định (Hội đồng ngành ở VKSND tối cao, Hội đồng của tỉnh ở VKSND tỉnh) được ghi nhận quyết định khen thưởng của cấp đó.",
	ManageCouncil: "Chỉ Hội đồng thi đua – khen thưởng của chính cấp đó (hoặc quản trị hệ thống) được lập, sửa Hội đồng và thành viên.",
	PrintCerts:    "Chỉ Hội đồng thi đua – khen thưởng của chính cấp ban hành (Hội đồng ngành ở VKSND tối cao, Hội đồng của tỉnh ở VKSND tỉnh) được căn chỉnh phôi và in Bằng khen, Giấy khen của cấp đó.",
}

// boardAt reports whether p is the board of the level at the end of the
// target's path (UnitPath[0]): the sector's board for the Supreme
// Procuracy (the root, a path of one), a provincial or high procuracy's
// council for its own procuracy; administrators everywhere.
func boardAt(p Principal, t Target) bool {
	switch {
	case p.Role == RoleAdmin:
		return len(t.UnitPath) > 0
	case p.Role != RoleBoard || len(t.UnitPath) == 0:
		return false
	case p.BoardOf == 0:
		return len(t.UnitPath) == 1
	}
	return t.UnitPath[0] == p.BoardOf
}

// LevelOf is the procuracy whose board p sits on: the province (or high
// procuracy) of a council member; 0 for the sector's board, whose level is
// the Supreme Procuracy.
func LevelOf(p Principal) int64 {
	if p.Role == RoleBoard {
		return p.BoardOf
	}
	return 0
}

// sectorBoardOnly says why an action of the sector's board is refused.
var sectorBoardOnly = map[Action]string{
	PublishList:   "Chỉ Hội đồng thi đua – khen thưởng ngành được công khai danh sách đề nghị khen thưởng.",
	SetQuota:      "Chỉ Hội đồng thi đua – khen thưởng ngành được quy định tỷ lệ khen thưởng.",
	ViewConflicts: "Chỉ Hội đồng thi đua – khen thưởng ngành được xem danh sách xếp loại mâu thuẫn với kỷ luật.",
}

// Can is Authorize as a yes/no, for showing or hiding links.
func Can(p Principal, a Action, t Target) bool { return Authorize(p, a, t) == nil }

func forbidden(msg string) error { return errs.New(errs.Forbidden, "%s", msg) }
