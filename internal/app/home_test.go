package app_test

import (
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/seed"
)

// tasksOf returns the home's tasks of a kind.
func tasksOf(h app.Home, k app.TaskKind) []app.Task {
	var out []app.Task
	for _, t := range h.Tasks {
		if t.Kind == k {
			out = append(out, t)
		}
	}
	return out
}

func dumpTasks(h app.Home) string {
	var b strings.Builder
	for _, t := range h.Tasks {
		b.WriteString("\n  " + string(t.Kind) + " [" + t.Urgency + "] " + t.Text + " | " + t.Detail + " → " + t.Action)
	}
	return b.String()
}

// TestHomeWorkLists walks the demo's "Bắc Trung Bộ" on 26/11/2026 (and
// later): Thanh Hóa (head) submitted, Hà Tĩnh (deputy) reviewed, Quảng Trị
// returned, Huế drafting, Nghệ An not started and not registered.
func TestHomeWorkLists(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ids := f.ids(t, "Thanh Hóa", "Hà Tĩnh", "Huế")
	thanhHoa, haTinh, hue := ids[0], ids[1], ids[2]
	quangTri := f.unit(t, seed.ProvinceCode("Quảng Trị")+"-2025").ID // the merged province

	// The head's home counts only what it reviews: its own submitted
	// filing is the deputy's to review, so Thanh Hóa has none.
	h, err := f.Home(f.ctx, f.officer)
	if err != nil {
		t.Fatal(err)
	}
	if h.Year != 2026 || len(tasksOf(h, app.TaskReview)) != 0 || len(tasksOf(h, app.TaskClusterReview)) != 0 {
		t.Fatalf("Thanh Hóa's home:%s", dumpTasks(h))
	}
	own := tasksOf(h, app.TaskFiling)
	if len(own) != 1 || own[0].Urgency != app.UrgencyInfo || !strings.Contains(own[0].Text, "đã nộp") {
		t.Fatalf("Thanh Hóa's own filing:%s", dumpTasks(h))
	}
	for _, d := range h.Deadlines {
		if d.Label == "Nộp bản tự chấm điểm" && (!d.Done || d.DaysLeft != 14 || !d.Date.Equal(time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC))) {
			t.Errorf("Thanh Hóa's filing deadline: %+v", d)
		}
	}

	// The deputy reviews the head: one task, to Thanh Hóa's filing.
	h, err = f.Home(f.ctx, f.officerOf(haTinh))
	if err != nil {
		t.Fatal(err)
	}
	if rv := tasksOf(h, app.TaskReview); len(rv) != 1 || rv[0].UnitID != thanhHoa || rv[0].Action != "Thẩm định" || rv[0].DaysLeft != 24 {
		t.Fatalf("Hà Tĩnh's reviews:%s", dumpTasks(h))
	}

	// A returned filing comes with its reason.
	h, err = f.Home(f.ctx, f.officerOf(quangTri))
	if err != nil {
		t.Fatal(err)
	}
	if ft := tasksOf(h, app.TaskFiling); len(ft) != 1 || ft[0].Action != "Sửa và nộp lại" || !strings.Contains(ft[0].Detail, "Lý do: ") || len(ft[0].Detail) < 20 {
		t.Fatalf("Quảng Trị's home:%s", dumpTasks(h))
	}
	// Quảng Trị corrects and submits again: now the head has one filing to
	// review, its member's, and still not its own.
	v, err := f.Filing(f.ctx, f.officerOf(quangTri), 2026, quangTri)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.SaveSelf(f.ctx, f.officerOf(quangTri), 2026, quangTri, v.Filing.Version, v.Filing.Self, true, "Đã bổ sung tài liệu"); err != nil {
		t.Fatal(err)
	}
	h, err = f.Home(f.ctx, f.officer)
	if err != nil {
		t.Fatal(err)
	}
	if rv := tasksOf(h, app.TaskReview); len(rv) != 1 || rv[0].UnitID != quangTri || rv[0].ClusterID == 0 {
		t.Fatalf("Thanh Hóa's reviews after Quảng Trị resubmits:%s", dumpTasks(h))
	}

	// A draft: continue it, 14 days left.
	h, err = f.Home(f.ctx, f.officerOf(hue))
	if err != nil {
		t.Fatal(err)
	}
	if ft := tasksOf(h, app.TaskFiling); len(ft) != 1 || ft[0].Action != "Tiếp tục tự chấm điểm" || ft[0].DaysLeft != 14 || ft[0].Urgency != app.UrgencyDue {
		t.Fatalf("Huế's home:%s", dumpTasks(h))
	}

	// Nghệ An, not started: 14 days left on 26/11; its registration is
	// overdue. On 12/12 the filing is overdue too, and says what to do.
	h, err = f.Home(f.ctx, f.other)
	if err != nil {
		t.Fatal(err)
	}
	ft, reg := tasksOf(h, app.TaskFiling), tasksOf(h, app.TaskRegistration)
	if len(ft) != 1 || ft[0].Action != "Tự chấm điểm" || ft[0].DaysLeft != 14 || ft[0].DueLabel() != "còn 14 ngày" ||
		len(reg) != 1 || reg[0].Urgency != app.UrgencyOverdue || h.Tasks[0].Urgency != app.UrgencyOverdue {
		t.Fatalf("Nghệ An's home on 26/11:%s", dumpTasks(h))
	}
	late := *f.App
	late.Now = func() time.Time { return time.Date(2026, 12, 12, 1, 0, 0, 0, time.UTC) }
	h, err = late.Home(f.ctx, f.other)
	if err != nil {
		t.Fatal(err)
	}
	if ft = tasksOf(h, app.TaskFiling); len(ft) != 1 || ft[0].Urgency != app.UrgencyOverdue || ft[0].DaysLeft != -2 ||
		!strings.Contains(ft[0].Detail, "Đã quá hạn nộp (10/12/2026)") {
		t.Fatalf("Nghệ An's home on 12/12:%s", dumpTasks(h))
	}
	var overdue bool
	for _, d := range h.Deadlines {
		overdue = overdue || d.Label == "Nộp bản tự chấm điểm" && d.Overdue && d.DaysLeft == -2
	}
	if !overdue {
		t.Fatalf("deadlines on 12/12: %+v", h.Deadlines)
	}
}

// TestHomeBoardAndViewer: the board sees filings awaiting review by
// cluster and proposals awaiting its decision, counted; a viewer sees the
// year's results.
func TestHomeBoardAndViewer(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	h, err := f.Home(f.ctx, f.board)
	if err != nil {
		t.Fatal(err)
	}
	var submitted int
	if err := f.Store.ScanForTest(&submitted, `SELECT count(*) FROM proposals WHERE year = 2026 AND status = 'submitted'`); err != nil {
		t.Fatal(err)
	}
	pt := tasksOf(h, app.TaskProposals)
	if submitted == 0 || len(pt) != 1 || pt[0].Status != "submitted" || pt[0].Action != "Xét duyệt đề nghị" ||
		!strings.HasPrefix(pt[0].Text, itoa64(int64(submitted))+" đề nghị") {
		t.Fatalf("%d submitted proposals; board's home:%s", submitted, dumpTasks(h))
	}
	var bacTrungBo bool
	for _, rt := range tasksOf(h, app.TaskClusterReview) {
		if strings.Contains(rt.Text, "Bắc Trung Bộ") {
			bacTrungBo = strings.Contains(rt.Text, ": 1 bản tự chấm điểm chờ thẩm định (đã thẩm định 1/5 đơn vị)")
		}
	}
	if !bacTrungBo || len(tasksOf(h, app.TaskPublication)) != 1 {
		t.Fatalf("board's home:%s", dumpTasks(h))
	}

	h, err = f.Home(f.ctx, f.viewer)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Results) == 0 || len(tasksOf(h, app.TaskRanking)) != 1 {
		t.Fatalf("viewer's home: %+v", h)
	}
	for _, r := range h.Results {
		for _, l := range r.Leaders {
			if !l.Reviewed || l.Rank != 1 {
				t.Fatalf("an unverified leader: %+v", l)
			}
		}
	}
}
