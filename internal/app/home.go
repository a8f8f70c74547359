package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"thidua/internal/auth"
	"thidua/internal/calendar"
	"thidua/internal/cluster"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/scoring"
	"thidua/internal/store"
)

// TaskKind says where a task leads; the web layer turns it into a link.
type TaskKind string

const (
	TaskFiling        TaskKind = "filing"         // the unit's own self-assessment
	TaskReview        TaskKind = "review"         // one member's submitted filing (UnitID)
	TaskClusterReview TaskKind = "cluster_review" // a cluster's filings and their review (ClusterID)
	TaskPledge        TaskKind = "pledge"         // a cluster's pledge (ClusterID)
	TaskRegistration  TaskKind = "registration"   // the unit's đăng ký thi đua
	TaskProposals     TaskKind = "proposals"      // the year's proposals, with Status as a filter
	TaskPublication   TaskKind = "publication"    // the year's comment window
	TaskVotes         TaskKind = "votes"          // a cluster's votes (ClusterID)
	TaskVote          TaskKind = "vote"           // one vote (VoteID)
	TaskRanking       TaskKind = "ranking"        // the year's ranking
)

// Task urgencies, most urgent first.
const (
	UrgencyOverdue = "overdue" // past its deadline and not done
	UrgencyDue     = "due"     // waits for the person
	UrgencyInfo    = "info"    // nothing to do now: a state to know
	UrgencyDone    = "done"    // finished
)

// Task is one line of a home page's work list.
type Task struct {
	Kind     TaskKind   `json:"kind"`
	Text     string     `json:"text"`             // what it is, with its counts
	Detail   string     `json:"detail,omitempty"` // e.g. the reason a filing was returned
	Action   string     `json:"action"`           // the button, named for the task
	Urgency  string     `json:"urgency"`
	Due      *time.Time `json:"due,omitempty"`
	DaysLeft int        `json:"days_left"` // with Due: 0 the last day, negative when late
	// WorkingDaysLeft counts the same in working days, by the board's
	// calendar of holidays and make-up days.
	WorkingDaysLeft int   `json:"working_days_left"`
	Year            int   `json:"year"`
	UnitID          int64 `json:"unit_id,omitempty"`
	// ClusterID, VoteID and Status locate the exact place.
	ClusterID int64  `json:"cluster_id,omitempty"`
	VoteID    int64  `json:"vote_id,omitempty"`
	Status    string `json:"status,omitempty"`
	// ProposalID is the one proposal a task is about, when it is one.
	ProposalID int64 `json:"proposal_id,omitempty"`
}

// DueLabel is the days left in Vietnamese ("còn 14 ngày", "quá hạn 3 ngày").
func (t Task) DueLabel() string { return cluster.DaysLeftLabel(t.DaysLeft) }

// WorkLabel is the working days left before the deadline ("còn 10 ngày
// làm việc"); empty on its last day and after it.
func (t Task) WorkLabel() string { return workLabel(t.DaysLeft, t.WorkingDaysLeft) }

func workLabel(days, working int) string {
	if days <= 0 {
		return ""
	}
	return calendar.WorkingDaysLeftLabel(working)
}

// Deadline is one of the year's deadlines as a unit lives it.
type Deadline struct {
	Kind            cluster.DeadlineKind `json:"kind"`
	Label           string               `json:"label"`
	Date            time.Time            `json:"date"` // the unit's: its extension's when it has one
	DaysLeft        int                  `json:"days_left"`
	WorkingDaysLeft int                  `json:"working_days_left"`
	Done            bool                 `json:"done"`    // the unit has done what the deadline asks
	Overdue         bool                 `json:"overdue"` // passed, and not done
	// YearDate and Extension: when the board extended the deadline for
	// the unit, the year's date for everyone and the extension (who,
	// when, why).
	YearDate  *time.Time               `json:"year_date,omitempty"`
	Extension *store.DeadlineExtension `json:"extension,omitempty"`
}

// DueLabel is the days left in Vietnamese.
func (d Deadline) DueLabel() string { return cluster.DaysLeftLabel(d.DaysLeft) }

// WorkLabel is the working days left ("còn 10 ngày làm việc").
func (d Deadline) WorkLabel() string { return workLabel(d.DaysLeft, d.WorkingDaysLeft) }

// ExtensionNote says who extended the deadline, when and why.
func (d Deadline) ExtensionNote() string { return ExtensionNote(d.Extension) }

// ClusterResult is a cluster's line in the year's results.
type ClusterResult struct {
	ClusterID int64      `json:"cluster_id"`
	Title     string     `json:"title"`
	Members   int        `json:"members"`
	Ranked    int        `json:"ranked"`
	Leaders   []Standing `json:"leaders"` // ranked first (reviewed filings only)
}

// UnitCount is how many current units there are of a type.
type UnitCount struct {
	Type  org.UnitType `json:"type"`
	Count int64        `json:"count"`
}

// Home is a person's home page: the year's work waiting for them.
type Home struct {
	Year       int             `json:"year"` // the current emulation year; 0 when none is open
	Tasks      []Task          `json:"tasks"`
	Deadlines  []Deadline      `json:"deadlines,omitempty"` // an officer's unit's
	Results    []ClusterResult `json:"results,omitempty"`   // a viewer's: the year's results
	UnitCounts []UnitCount     `json:"unit_counts"`
}

// Home gathers the signed-in person's work list for the current year:
// the board's queue (filings awaiting review by cluster, proposals awaiting
// its decision, the comment window, votes), a cluster head's reviews of
// its members, a unit officer's deadlines and tasks, a viewer's results.
// Every part is read through the app methods that authorise it.
func (a *App) Home(ctx context.Context, p auth.Principal) (Home, error) {
	var h Home
	if err := auth.Authorize(p, auth.ViewUnits, auth.Target{}); err != nil {
		return h, err
	}
	for _, t := range org.Types {
		_, n, err := a.Units(ctx, p, org.UnitFilter{Type: t, Limit: 1})
		if err != nil {
			return h, err
		}
		h.UnitCounts = append(h.UnitCounts, UnitCount{Type: t, Count: n})
	}
	y, err := a.currentYear(ctx, p)
	if err != nil || y == nil {
		return h, err
	}
	h.Year = y.Year
	progress, err := a.ProgressBoard(ctx, p, y.Year)
	if err != nil {
		return h, err
	}
	cal, err := workingCalendar(ctx, &a.store.Q, a.Today())
	if err != nil {
		return h, err
	}
	hw := homeWork{a: a, ctx: ctx, p: p, y: *y, today: a.Today(), progress: progress, cal: cal}
	switch auth.DeskOf(p) {
	case auth.DeskUnit:
		err = hw.officer(&h)
	case auth.DeskBoard:
		err = hw.board(&h)
	case auth.DeskViewer:
		err = hw.viewer(&h)
	}
	slices.SortStableFunc(h.Tasks, func(x, y Task) int { return urgencyOrder(x.Urgency) - urgencyOrder(y.Urgency) })
	return h, err
}

func urgencyOrder(u string) int {
	return slices.Index([]string{UrgencyOverdue, UrgencyDue, UrgencyInfo, UrgencyDone}, u)
}

// currentYear is the emulation year of today's date, or the latest one
// before it; nil when no year is open.
func (a *App) currentYear(ctx context.Context, p auth.Principal) (*cluster.Year, error) {
	ys, err := a.Years(ctx, p)
	if err != nil {
		return nil, err
	}
	var best *cluster.Year
	for i, y := range ys {
		if y.Year <= a.Today().Year() && (best == nil || y.Year > best.Year) {
			best = &ys[i]
		}
	}
	return best, nil
}

// homeWork is one home page being gathered.
type homeWork struct {
	a        *App
	ctx      context.Context
	p        auth.Principal
	y        cluster.Year
	today    time.Time
	progress []Progress
	cal      calendar.Calendar
}

// unitDeadline is a year's deadline for a unit (its extension's when the
// board extended it); the year's when it cannot be read.
func (w homeWork) unitDeadline(unitID int64, k cluster.DeadlineKind) (UnitDeadline, error) {
	return unitDeadline(w.ctx, &w.a.store.Q, w.y, unitID, k)
}

// due fills a task's deadline and its urgency: overdue once it has passed.
func (w homeWork) due(t Task, deadline *time.Time) Task {
	t.Year = w.y.Year
	if deadline == nil {
		return t
	}
	d := *deadline
	t.Due, t.DaysLeft, t.WorkingDaysLeft = &d, cluster.DaysLeft(w.today, d), w.cal.WorkingDaysLeft(w.today, d)
	if t.DaysLeft < 0 && t.Urgency == UrgencyDue {
		t.Urgency = UrgencyOverdue
	}
	return t
}

func date(t time.Time) string { return t.Format("02/01/2006") }

// officer: the unit's deadlines, its filing, pledge, registration,
// proposals and ballot; and, for a cluster's head or deputy, the members'
// filings it reviews.
func (w homeWork) officer(h *Home) error {
	unit := w.p.UnitID
	var filed, signed, registered, proposed bool
	dls, err := unitDeadlines(w.ctx, &w.a.store.Q, w.y, unit)
	if err != nil {
		return err
	}

	if v, err := w.a.Filing(w.ctx, w.p, w.y.Year, unit); err == nil {
		t, done := w.filingTask(v, dls[cluster.DeadlineReview].Date)
		h.Tasks, filed = append(h.Tasks, t), done
	} else if errs.CodeOf(err) != errs.NotFound && errs.CodeOf(err) != errs.Invalid {
		return err
	}

	if r, err := w.a.Registration(w.ctx, w.p, w.y.Year, unit); err != nil {
		return err
	} else if registered = r.Version > 0; !registered {
		t := Task{Kind: TaskRegistration, Text: "Đơn vị chưa đăng ký thi đua năm " + fmt.Sprint(w.y.Year) + ".",
			Detail: "Đơn vị chưa đăng ký thi đua không được bình xét Cờ thi đua.", Action: "Đăng ký thi đua", Urgency: UrgencyDue}
		h.Tasks = append(h.Tasks, w.due(t, dls[cluster.DeadlineRegistration].Date))
	}

	for _, pr := range w.progress {
		cv := pr.Cluster
		if !cv.IsMember(unit) {
			continue
		}
		if st := cv.PledgeState; st != nil && st.Signed < st.Lines {
			pv, err := w.a.Pledge(w.ctx, w.p, cv.ID)
			if err != nil {
				return err
			}
			for _, sg := range pv.Pledge.Signatures {
				if sg.UnitID == unit && !sg.Signed() {
					t := Task{Kind: TaskPledge, ClusterID: cv.ID, Text: "Giao ước thi đua của " + cv.Title + " chờ đơn vị xác nhận chữ ký.",
						Action: "Ký giao ước", Urgency: UrgencyDue}
					h.Tasks = append(h.Tasks, w.due(t, dls[cluster.DeadlinePledge].Date))
				}
			}
		}
		signed = !slices.ContainsFunc(h.Tasks, func(t Task) bool { return t.Kind == TaskPledge })
		h.Tasks = append(h.Tasks, w.reviews(pr)...)
		votes, err := w.votes(cv, unit)
		if err != nil {
			return err
		}
		h.Tasks = append(h.Tasks, votes...)
	}

	props, err := w.a.store.ListProposals(w.ctx, store.ProposalFilter{Year: w.y.Year, Within: &unit})
	if err != nil {
		return err
	}
	count, only := map[string]int{}, map[string]int64{}
	var rejected string
	for _, pr := range props {
		count[pr.Status]++
		only[pr.Status] = pr.ID
		if pr.Status == ProposalRejected && rejected == "" && pr.RejectReason != "" {
			rejected = pr.SubjectName + ": " + pr.RejectReason
		}
	}
	proposed = count[ProposalSubmitted]+count[ProposalApproved] > 0
	for _, c := range []struct {
		status, text, action, urgency string
	}{
		{ProposalDraft, "%d đề nghị khen thưởng của đơn vị còn là dự thảo, chưa gửi Hội đồng.", "Hoàn thiện và gửi đề nghị", UrgencyDue},
		{ProposalSubmitted, "%d đề nghị khen thưởng đã gửi, đang chờ Hội đồng xét.", "Xem đề nghị đã gửi", UrgencyInfo},
		{ProposalRejected, "%d đề nghị khen thưởng không được chấp thuận.", "Xem lý do", UrgencyInfo},
		{ProposalApproved, "%d đề nghị đã được khen thưởng.", "Xem quyết định", UrgencyDone},
	} {
		if n := count[c.status]; n > 0 {
			t := Task{Kind: TaskProposals, Status: c.status, Text: fmt.Sprintf(c.text, n), Action: c.action, Urgency: c.urgency}
			if n == 1 {
				t.ProposalID = only[c.status]
			}
			if c.status == ProposalRejected {
				t.Detail = rejected
			}
			if c.status == ProposalDraft {
				t = w.due(t, dls[cluster.DeadlineProposal].Date)
			}
			h.Tasks = append(h.Tasks, t)
		}
	}

	for _, d := range []struct {
		kind cluster.DeadlineKind
		done bool
	}{
		{cluster.DeadlineRegistration, registered},
		{cluster.DeadlinePledge, signed},
		{cluster.DeadlineSelfAssessment, filed},
		{cluster.DeadlineProposal, proposed},
	} {
		ud := dls[d.kind]
		if ud.Date == nil {
			continue
		}
		left := cluster.DaysLeft(w.today, *ud.Date)
		dl := Deadline{Kind: d.kind, Label: d.kind.Label(), Date: *ud.Date, DaysLeft: left, WorkingDaysLeft: w.cal.WorkingDaysLeft(w.today, *ud.Date),
			Done: d.done, Overdue: left < 0 && !d.done}
		if ud.Extension != nil {
			dl.YearDate, dl.Extension = ud.YearDate, ud.Extension
		}
		h.Deadlines = append(h.Deadlines, dl)
	}
	return nil
}

// filingTask is the unit's own filing as a task, and whether the unit has
// done its part (submitted, or reviewed).
func (w homeWork) filingTask(v FilingView, reviewDeadline *time.Time) (Task, bool) {
	f := v.Filing
	t := Task{Kind: TaskFiling, UnitID: f.UnitID}
	switch f.Status {
	case scoring.Returned:
		t.Text, t.Action, t.Urgency = "Bản tự chấm điểm bị Cụm trưởng trả lại để sửa.", "Sửa và nộp lại", UrgencyDue
		t.Detail = "Lý do: " + f.ReturnReason
		if f.ReturnedAt != nil {
			t.Detail = fmt.Sprintf("Trả lại ngày %s. Lý do: %s", date(f.ReturnedAt.In(ict)), f.ReturnReason)
		}
		return w.due(t, reviewDeadline), false
	case scoring.Submitted:
		t.Text, t.Action, t.Urgency = "Bản tự chấm điểm đã nộp, đang chờ thẩm định.", "Xem bản đã nộp", UrgencyInfo
		if f.SubmittedAt != nil {
			t.Text = fmt.Sprintf("Bản tự chấm điểm đã nộp ngày %s, đang chờ thẩm định.", date(f.SubmittedAt.In(ict)))
		}
		return w.due(t, nil), true
	case scoring.Reviewed:
		t.Text = fmt.Sprintf("Bản tự chấm điểm đã được thẩm định: %s điểm.", scoring.FormatNumber(v.Reviewed.Total))
		t.Action, t.Urgency = "Xem kết quả thẩm định", UrgencyDone
		return w.due(t, nil), true
	}
	t.Urgency = UrgencyDue
	t.Text, t.Action = "Đơn vị chưa tự chấm điểm năm "+fmt.Sprint(w.y.Year)+".", "Tự chấm điểm"
	if f.Status == scoring.Draft {
		t.Text, t.Action = "Bản tự chấm điểm đang soạn, chưa nộp.", "Tiếp tục tự chấm điểm"
	}
	t = w.due(t, v.Deadline)
	if v.Extension != nil {
		t.Detail = ExtensionNote(v.Extension)
	}
	if t.Urgency == UrgencyOverdue {
		t.Detail = fmt.Sprintf("Đã quá hạn nộp (%s). Đơn vị không còn tự nộp được; đề nghị liên hệ Hội đồng thi đua – khen thưởng.", date(*v.Deadline))
		t.Action = "Xem bản tự chấm điểm"
	}
	return t, false
}

var ict = time.FixedZone("ICT", 7*3600)

// reviews are the cluster's submitted filings the person reviews: a
// head's its members' (not its own), a deputy's the head's; the board's,
// cluster by cluster.
func (w homeWork) reviews(pr Progress) []Task {
	cv := pr.Cluster
	var mine []org.Unit
	for _, u := range pr.ByState[scoring.Submitted] {
		if auth.Can(w.p, auth.ReviewFiling, auth.Target{UnitPath: []int64{u.ID}, Year: cv.Year, Cluster: facts(cv.Cluster)}) {
			mine = append(mine, u)
		}
	}
	if len(mine) == 0 {
		return nil
	}
	if !auth.WorksForUnit(w.p) { // the board: one line per cluster
		t := Task{Kind: TaskClusterReview, ClusterID: cv.ID, Urgency: UrgencyDue, Action: "Xem các bản chờ thẩm định",
			Text: fmt.Sprintf("%s: %d bản tự chấm điểm chờ thẩm định (đã thẩm định %d/%d đơn vị).", cv.Title, len(mine), pr.Counts[scoring.Reviewed], len(cv.Members))}
		return []Task{w.due(t, w.y.ReviewDeadline)}
	}
	out := []Task{}
	for _, u := range mine {
		t := Task{Kind: TaskReview, UnitID: u.ID, ClusterID: cv.ID, Urgency: UrgencyDue, Action: "Thẩm định",
			Text: fmt.Sprintf("Bản tự chấm điểm của %s (%s) đã nộp, chờ đơn vị anh/chị thẩm định.", u.Name, cv.Title)}
		d := w.y.ReviewDeadline
		if ud, err := w.unitDeadline(u.ID, cluster.DeadlineReview); err == nil {
			d = ud.Date
		}
		out = append(out, w.due(t, d))
	}
	if len(mine) > 1 {
		t := Task{Kind: TaskClusterReview, ClusterID: cv.ID, Urgency: UrgencyInfo, Action: "Mở trang thẩm định của cụm",
			Text: fmt.Sprintf("%s: %d bản chờ thẩm định; đã thẩm định %d/%d đơn vị.", cv.Title, len(mine), pr.Counts[scoring.Reviewed], len(cv.Members))}
		out = append(out, w.due(t, nil))
	}
	return out
}

// votes are a cluster's open votes: a member unit's ballot to cast, the
// runner's vote to follow and close; for the runner of a cluster whose
// members are all reviewed and that has no vote yet, the vote to hold.
func (w homeWork) votes(cv ClusterView, unit int64) ([]Task, error) {
	vs, err := w.a.store.ClusterVotes(w.ctx, cv.ID)
	if err != nil {
		return nil, err
	}
	var out []Task
	runs := CanRunVote(w.p, cv)
	for _, v := range vs {
		if v.Status != VoteOpen {
			continue
		}
		view, err := w.a.Vote(w.ctx, w.p, v.ID)
		if err != nil {
			return nil, err
		}
		if unit != 0 && !view.HasVoted(unit) {
			out = append(out, w.due(Task{Kind: TaskVote, VoteID: v.ID, ClusterID: cv.ID, Urgency: UrgencyDue, Action: "Bỏ phiếu",
				Text: fmt.Sprintf("Bình xét Cờ thi đua của %s đang mở: đơn vị chưa bỏ phiếu.", cv.Title)}, nil))
		} else if runs {
			out = append(out, w.due(Task{Kind: TaskVote, VoteID: v.ID, ClusterID: cv.ID, Urgency: UrgencyInfo, Action: "Theo dõi và kết thúc bình xét",
				Text: fmt.Sprintf("Bình xét Cờ thi đua của %s đang mở: %d/%d đơn vị đã bỏ phiếu.", cv.Title, len(view.Voted), len(cv.Members))}, nil))
		}
	}
	if runs && len(vs) == 0 && len(cv.Members) > 0 {
		reviewed := 0
		for _, pr := range w.progress {
			if pr.Cluster.ID == cv.ID {
				reviewed = pr.Counts[scoring.Reviewed]
			}
		}
		if reviewed == len(cv.Members) {
			out = append(out, w.due(Task{Kind: TaskVotes, ClusterID: cv.ID, Urgency: UrgencyDue, Action: "Tổ chức bình xét",
				Text: fmt.Sprintf("%s đã thẩm định xong %d/%d đơn vị: có thể bình xét, suy tôn Cờ thi đua.", cv.Title, reviewed, len(cv.Members))}, nil))
		}
	}
	return out, nil
}

// board: filings awaiting review by cluster, proposals awaiting its
// decision, the comment window, votes.
func (w homeWork) board(h *Home) error {
	for _, pr := range w.progress {
		h.Tasks = append(h.Tasks, w.reviews(pr)...)
		votes, err := w.votes(pr.Cluster, 0)
		if err != nil {
			return err
		}
		h.Tasks = append(h.Tasks, votes...)
	}
	pub, err := w.a.Publication(w.ctx, w.p, w.y.Year)
	if err != nil {
		return err
	}
	if pub.Submitted > 0 {
		t := Task{Kind: TaskProposals, Status: ProposalSubmitted, Urgency: UrgencyDue, Action: "Xét duyệt đề nghị",
			Text: fmt.Sprintf("%d đề nghị khen thưởng đang chờ Hội đồng xét, quyết định.", pub.Submitted)}
		h.Tasks = append(h.Tasks, w.due(t, nil))
	}
	switch {
	case pub.Open:
		t := Task{Kind: TaskPublication, Urgency: UrgencyInfo, Action: "Xem công khai lấy ý kiến",
			Text: fmt.Sprintf("Đang công khai lấy ý kiến về các đề nghị, từ %s đến %s.", date(pub.Window.From), date(pub.Window.Until))}
		until := dayOf(pub.Window.Until)
		h.Tasks = append(h.Tasks, w.due(t, &until))
	case !pub.Published && pub.Submitted > 0:
		h.Tasks = append(h.Tasks, w.due(Task{Kind: TaskPublication, Urgency: UrgencyDue, Action: "Mở công khai lấy ý kiến",
			Text: "Chưa mở thời gian công khai lấy ý kiến về các đề nghị khen thưởng."}, nil))
	case pub.Published:
		h.Tasks = append(h.Tasks, w.due(Task{Kind: TaskPublication, Urgency: UrgencyDone, Action: "Xem công khai lấy ý kiến",
			Text: fmt.Sprintf("Đã hết thời gian công khai lấy ý kiến (%s – %s).", date(pub.Window.From), date(pub.Window.Until))}, nil))
	}
	return nil
}

// viewer: the year's results, cluster by cluster, reviewed filings only.
func (w homeWork) viewer(h *Home) error {
	rankings, _, err := w.a.Ranking(w.ctx, w.p, w.y.Year)
	if err != nil {
		return err
	}
	ranked := 0
	for _, cr := range rankings {
		r := ClusterResult{ClusterID: cr.Cluster.ID, Title: cr.Cluster.Title, Members: len(cr.Cluster.Members), Ranked: cr.Ranked}
		for _, s := range cr.Standings {
			if s.Rank == 1 {
				r.Leaders = append(r.Leaders, s)
			}
		}
		ranked += cr.Ranked
		h.Results = append(h.Results, r)
	}
	t := Task{Kind: TaskRanking, Urgency: UrgencyInfo, Action: "Xem bảng xếp hạng",
		Text: fmt.Sprintf("Kết quả chấm điểm, xếp hạng năm %d: %d đơn vị đã được thẩm định.", w.y.Year, ranked)}
	if ranked == 0 {
		t.Text = fmt.Sprintf("Năm %d chưa có bản tự chấm điểm nào được thẩm định.", w.y.Year)
	}
	h.Tasks = append(h.Tasks, w.due(t, nil))
	return nil
}
