package app_test

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/dbtest"
	"thidua/internal/errs"
	"thidua/internal/mail"
	"thidua/internal/mail/mailtest"
	"thidua/internal/store"
)

// ict builds a time in Vietnam.
func ict(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, time.FixedZone("ICT", 7*3600))
}

// waitFor polls cond generously (no wall-clock assertion: only a bound
// so a broken build fails instead of hanging).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 3000 { // up to about a minute
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// TestNotificationsTwoServers: two app servers over one database, both
// running the reminder job and the mail delivery; each kind of
// notification reaches the SMTP server exactly once per recipient.
func TestNotificationsTwoServers(t *testing.T) {
	f := newFixture(t)
	smtp := mailtest.Start(t)
	mailer, err := mail.New(mail.Settings{Host: smtp.Host, Port: smtp.Port, From: "Thi đua <thidua@vks.test>", TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	var now atomic.Pointer[time.Time]
	set := func(at time.Time) { now.Store(&at) }
	set(ict(2026, 11, 26, 8))
	clock := func() time.Time { return *now.Load() }
	f.Now, f.Mailer, f.PublicURL = clock, mailer, "https://thidua.vks.test/"
	b := app.New(dbtest.Reopen(t, f.Store), auth.Hasher{Cost: bcrypt.MinCost}, clock)
	b.Mailer, b.PublicURL = mailer, "https://thidua.vks.test"

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, a := range []*app.App{f.App, b} {
		wg.Go(func() { a.RunNotifications(ctx, 10*time.Millisecond) })
	}
	t.Cleanup(func() { cancel(); wg.Wait() })

	for who, addr := range map[auth.Principal]string{f.officer: "thanh@vks.test", f.other: "nghe@vks.test"} {
		if _, err := f.SetUserEmail(f.ctx, f.admin, who.UserID, addr); err != nil {
			t.Fatal(err)
		}
	}
	th := f.unit(t, "VKS-THANHHOA")

	// Returned then, once resubmitted, accepted: by the board, on server B.
	v, err := f.Filing(f.ctx, f.officer, 2026, th.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v, err = b.ReviewFiling(f.ctx, f.board, 2026, th.ID, v.Filing.Version, nil, app.ReviewReturn, "Thiếu biểu thống kê tiêu chí 1.2"); err != nil {
		t.Fatal(err)
	}
	if v, err = f.SaveSelf(f.ctx, f.officer, 2026, th.ID, v.Filing.Version, v.Filing.Self, true, "Đã bổ sung"); err != nil {
		t.Fatal(err)
	}
	if _, err = b.ReviewFiling(f.ctx, f.board, 2026, th.ID, v.Filing.Version, nil, app.ReviewAccept, ""); err != nil {
		t.Fatal(err)
	}

	// A comment from Nghệ An on a published proposal of Thanh Hóa.
	list, err := f.Store.ListProposals(f.ctx, store.ProposalFilter{Year: 2026, UnitID: &th.ID, Status: app.ProposalSubmitted})
	if err != nil || len(list) == 0 {
		t.Fatalf("no published proposal of Thanh Hóa: %v", err)
	}
	pr := list[0]
	if _, err := f.CommentProposal(f.ctx, f.other, pr.ID, "Thống nhất đề nghị"); err != nil {
		t.Fatal(err)
	}

	// Three days before the self-assessment deadline (10/12): Nghệ An has
	// not filed, Thanh Hóa has. Both servers run the job; and again the
	// next day, which must not repeat it.
	set(ict(2026, 12, 7, 6))
	var both sync.WaitGroup
	for _, a := range []*app.App{f.App, b} {
		both.Go(func() {
			if _, err := a.RemindDeadlines(f.ctx); err != nil {
				t.Error(err)
			}
		})
	}
	both.Wait()
	set(ict(2026, 12, 8, 6))
	if n, err := b.RemindDeadlines(f.ctx); err != nil || n != 0 {
		t.Fatalf("the next day's run repeated the reminder: %d %v", n, err)
	}

	// The board decides after the publication window (until 10/12).
	set(ict(2026, 12, 11, 9))
	decided := ict(2026, 12, 11, 0)
	item := app.DecisionItem{ProposalID: pr.ID, Version: pr.Version}
	if !award.Outcome(pr.VerdictOutcome).IsEligible() {
		item.OverrideReason = "Hội đồng xét đủ điều kiện"
	}
	if _, err := b.Decide(f.ctx, f.board, app.DecisionInput{Year: 2026, Number: "15/QĐ-VKSTC", DecidedOn: &decided,
		Signer: "Viện trưởng", Items: []app.DecisionItem{item}}); err != nil {
		t.Fatal(err)
	}

	want := map[string][]string{
		"thanh@vks.test": {"bị trả lại", "đã được thẩm định", "góp ý mới", "đã có quyết định"},
		"nghe@vks.test":  {"Sắp đến hạn nộp bản tự chấm điểm"},
	}
	waitFor(t, "five e-mails", func() bool { return len(smtp.Messages()) >= 5 })
	// Every outbox row is marked: nothing is still being sent. One more
	// pass of both servers' jobs must send nothing again.
	waitFor(t, "the outbox to empty", func() bool {
		var pending int64
		err := f.Store.ScanForTest(&pending, `SELECT count(*) FROM notifications WHERE mail_state = 'pending'`)
		return err == nil && pending == 0
	})
	for _, a := range []*app.App{f.App, b} {
		if _, err := a.DeliverMail(f.ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := a.RemindDeadlines(f.ctx); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string][]string{}
	for _, m := range smtp.Messages() {
		if len(m.To) != 1 {
			t.Fatalf("recipients %v", m.To)
		}
		got[m.To[0]] = append(got[m.To[0]], m.Subject)
		if !strings.HasPrefix(m.Subject, "[Thi đua] ") || !strings.Contains(m.Body, "Xem chi tiết: https://thidua.vks.test/") ||
			!strings.Contains(m.Body, strings.TrimPrefix(m.Subject, "[Thi đua] ")) {
			t.Errorf("e-mail %q:\n%s", m.Subject, m.Body)
		}
		if strings.Contains(m.Subject, "bị trả lại") && !strings.Contains(m.Body, "Lý do trả lại: Thiếu biểu thống kê tiêu chí 1.2") {
			t.Errorf("the return's e-mail lacks the reason:\n%s", m.Body)
		}
	}
	for to, subjects := range want {
		if len(got[to]) != len(subjects) {
			t.Fatalf("%s received %d e-mails, want %d: %q", to, len(got[to]), len(subjects), got[to])
		}
		for _, s := range subjects {
			n := 0
			for _, g := range got[to] {
				if strings.Contains(g, s) {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s: %d e-mails about %q, want 1: %q", to, n, s, got[to])
			}
		}
	}
	if len(got) != len(want) {
		t.Errorf("e-mails to %v", got)
	}
	var runs int64
	if err := f.Store.ScanForTest(&runs, `SELECT count(*) FROM job_runs WHERE run_on = '2026-12-07'`); err != nil || runs != 1 {
		t.Errorf("job runs on 7/12: %d", runs)
	}
}

// TestNotificationsInApp: the list, the unread count and marking read,
// each user seeing only their own; without SMTP nothing is queued.
func TestNotificationsInApp(t *testing.T) {
	f := newFixture(t)
	th := f.unit(t, "VKS-THANHHOA")
	v, err := f.Filing(f.ctx, f.officer, 2026, th.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.SetUserEmail(f.ctx, f.admin, f.officer.UserID, "thanh@vks.test"); err != nil {
		t.Fatal(err)
	}
	_, err = f.SetUserEmail(f.ctx, f.officer, f.officer.UserID, "x@vks.test")
	wantCode(t, err, errs.Forbidden)
	_, err = f.SetUserEmail(f.ctx, f.admin, f.officer.UserID, "không phải địa chỉ")
	wantField(t, err, "email")
	// The demo's own history (made through the app) left notifications.
	before := map[int64]int64{}
	for _, p := range []auth.Principal{f.officer, f.board, f.other, f.viewer} {
		before[p.UserID], _ = f.UnreadNotifications(f.ctx, p)
	}
	if _, err = f.ReviewFiling(f.ctx, f.board, 2026, th.ID, v.Filing.Version, nil, app.ReviewReturn, "Thiếu tài liệu"); err != nil {
		t.Fatal(err)
	}
	l, err := f.Notifications(f.ctx, f.officer)
	if err != nil || l.Unread != before[f.officer.UserID]+1 || len(l.Notifications) == 0 {
		t.Fatalf("list %+v %v", l, err)
	}
	n := l.Notifications[0]
	if n.Kind != app.NotifyReturned || !strings.Contains(n.Title, "bị trả lại") || !strings.Contains(n.Body, "Thiếu tài liệu") ||
		n.Link != "/years/2026/filing" || n.MailState != "none" || !n.CreatedAt.Equal(f.Now()) {
		t.Fatalf("notification %+v", n)
	}
	for _, p := range []auth.Principal{f.board, f.other, f.viewer} {
		if c, _ := f.UnreadNotifications(f.ctx, p); c != before[p.UserID] {
			t.Errorf("%s has %d unread, had %d", p.Username, c, before[p.UserID])
		}
	}
	_, err = f.ReadNotification(f.ctx, f.other, n.ID)
	wantCode(t, err, errs.NotFound)
	_, err = f.Notifications(f.ctx, auth.Principal{})
	wantCode(t, err, errs.Unauthorized)
	if link, err := f.ReadNotification(f.ctx, f.officer, n.ID); err != nil || link != n.Link {
		t.Fatalf("read: %q %v", link, err)
	}
	if c, _ := f.UnreadNotifications(f.ctx, f.officer); c != before[f.officer.UserID] {
		t.Fatalf("unread after reading: %d", c)
	}
	// A second reminder run the same day adds nothing.
	f.Now = app.FixedClock(ict(2026, 12, 8, 9))
	first, err := f.RemindDeadlines(f.ctx)
	if err != nil || first == 0 {
		t.Fatalf("reminders: %d %v", first, err)
	}
	if again, err := f.RemindDeadlines(f.ctx); err != nil || again != 0 {
		t.Fatalf("second run: %d %v", again, err)
	}
	l, _ = f.Notifications(f.ctx, f.other)
	if len(l.Notifications) == 0 || l.Notifications[0].Kind != app.NotifyDeadline || !strings.Contains(l.Notifications[0].Title, "còn 2 ngày") {
		t.Fatalf("Nghệ An's reminder %+v", l.Notifications)
	}
	if _, err := f.ReadNotification(f.ctx, f.other, 0); err != nil {
		t.Fatal(err)
	}
	if c, _ := f.UnreadNotifications(f.ctx, f.other); c != 0 {
		t.Fatalf("unread after reading all: %d", c)
	}
}

// TestMailRetried: an SMTP server that is not there leaves the e-mail
// waiting with the error, to be retried later, and never fails the event.
func TestMailRetried(t *testing.T) {
	f := newFixture(t)
	// Nothing listens on port 1 of the loopback address.
	mailer, err := mail.New(mail.Settings{Host: "127.0.0.1", Port: 1, From: "thidua@vks.test", TLS: "none", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	f.Mailer = mailer
	if _, err := f.SetUserEmail(f.ctx, f.admin, f.officer.UserID, "thanh@vks.test"); err != nil {
		t.Fatal(err)
	}
	th := f.unit(t, "VKS-THANHHOA")
	v, err := f.Filing(f.ctx, f.officer, 2026, th.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.ReviewFiling(f.ctx, f.board, 2026, th.ID, v.Filing.Version, nil, app.ReviewReturn, "Thiếu tài liệu"); err != nil {
		t.Fatal(err)
	}
	sent, err := f.DeliverMail(f.ctx)
	if err != nil || sent != 0 {
		t.Fatalf("sent %d %v", sent, err)
	}
	var n store.Notification
	if err := f.Store.ScanForTest(&n, `SELECT * FROM notifications WHERE mail_to = ? LIMIT 1`, "thanh@vks.test"); err != nil || n.ID == 0 {
		t.Fatal(err)
	}
	if n.MailState != "pending" || n.MailAttempts != 1 || n.MailError == "" {
		t.Fatalf("after a failed send: %+v", n)
	}
	// Not due again yet: a second pass does not hammer the server.
	if sent, err := f.DeliverMail(f.ctx); err != nil || sent != 0 {
		t.Fatalf("second pass: %d %v", sent, err)
	}
	if err := f.Store.ScanForTest(&n, `SELECT * FROM notifications WHERE id = ?`, n.ID); err != nil || n.MailAttempts != 1 {
		t.Fatalf("retried before its time: %+v", n)
	}
}

// TestDeadlineReminders: who is reminded of which deadline, three days
// before it: the review deadline goes to the deputy for the head's own
// filing; the proposal deadline to every unit officer.
func TestDeadlineReminders(t *testing.T) {
	f := newFixture(t)
	ht := f.unit(t, "VKS-HATINH")
	deputy, err := f.CreateUser(f.ctx, f.admin, app.UserInput{Username: "canbo.hatinh", FullName: "Nguyễn Thị Hà", Role: "officer",
		UnitID: &ht.ID, Password: "mat-khau-thu-nghiem"})
	if err != nil {
		t.Fatal(err)
	}
	deadlines := func(id int64) []string {
		var out []string
		if err := f.Store.ScanForTest(&out, `SELECT title FROM notifications WHERE user_id = ? AND kind = 'deadline' ORDER BY id`, id); err != nil {
			t.Fatal(err)
		}
		return out
	}
	// 17/12: the review deadline (20/12) is three days away; Thanh Hóa's
	// own filing waits for its deputy, Hà Tĩnh.
	f.Now = app.FixedClock(ict(2026, 12, 17, 8))
	if _, err := f.RemindDeadlines(f.ctx); err != nil {
		t.Fatal(err)
	}
	if got := deadlines(deputy.ID); len(got) != 1 || !strings.Contains(got[0], "hạn thẩm định") || !strings.Contains(got[0], "còn 3 ngày") {
		t.Fatalf("the deputy's reminders: %q", got)
	}
	if got := deadlines(f.officer.UserID); len(got) != 0 {
		t.Fatalf("the head has nothing to review but got %q", got)
	}
	// 30/12, the proposal deadline's last day: every unit officer.
	f.Now = app.FixedClock(ict(2026, 12, 30, 8))
	if _, err := f.RemindDeadlines(f.ctx); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{deputy.ID, f.officer.UserID, f.other.UserID} {
		got := deadlines(id)
		if len(got) == 0 || !strings.Contains(got[len(got)-1], "gửi đề nghị khen thưởng") || !strings.Contains(got[len(got)-1], "hôm nay là ngày cuối") {
			t.Fatalf("user %d: %q", id, got)
		}
	}
	for _, p := range []auth.Principal{f.board, f.viewer, f.admin} {
		if got := deadlines(p.UserID); len(got) != 0 {
			t.Fatalf("%s reminded: %q", p.Username, got)
		}
	}
}
