package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"thidua/internal/auth"
	"thidua/internal/errs"
	"thidua/internal/store"
)

// Mailer sends one plain-text e-mail. The SMTP one is internal/mail's;
// App.Mailer nil means e-mail is off and notifications stay in the app.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// Notification kinds.
const (
	NotifyReturned  = "returned"  // a filing returned to its unit
	NotifyAccepted  = "accepted"  // a filing accepted (reviewed)
	NotifyDecided   = "decided"   // a proposal approved or refused
	NotifyCommented = "commented" // a comment on a proposal
	NotifyDeadline  = "deadline"  // three days before a deadline
)

// ReminderDays is how many days before a deadline its reminder goes out.
const ReminderDays = 3

// notify records n for the users, once each, in the caller's transaction:
// the notification (and its e-mail in the outbox) commits or rolls back
// with the event. The actor is never notified of their own action.
func (a *App) notify(ctx context.Context, tx *store.Q, actor int64, n store.NewNotification, users []int64) error {
	to := make([]int64, 0, len(users))
	for _, u := range users {
		if u != actor {
			to = append(to, u)
		}
	}
	_, err := tx.Notify(ctx, n, to, a.Mailer != nil, a.Now().UTC())
	return err
}

// notifyUnit notifies the officers of a unit.
func (a *App) notifyUnit(ctx context.Context, tx *store.Q, actor, unitID int64, n store.NewNotification) error {
	users, err := tx.UnitUsers(ctx, unitID)
	if err != nil {
		return err
	}
	return a.notify(ctx, tx, actor, n, users)
}

// NotificationList is a user's notifications with the unread count.
type NotificationList struct {
	Unread        int64                `json:"unread"`
	Notifications []store.Notification `json:"notifications"`
}

// Notifications returns the signed-in user's own notifications, newest
// first (the latest 200).
func (a *App) Notifications(ctx context.Context, p auth.Principal) (NotificationList, error) {
	var out NotificationList
	if err := signedIn(p); err != nil {
		return out, err
	}
	var err error
	if out.Notifications, err = a.store.Notifications(ctx, p.UserID, 200); err != nil {
		return out, err
	}
	out.Unread, err = a.store.UnreadCount(ctx, p.UserID)
	return out, err
}

// UnreadNotifications counts the signed-in user's unread notifications,
// for the header; 0 for nobody.
func (a *App) UnreadNotifications(ctx context.Context, p auth.Principal) (int64, error) {
	if p.UserID == 0 {
		return 0, nil
	}
	return a.store.UnreadCount(ctx, p.UserID)
}

// ReadNotification marks one of the user's notifications read and returns
// its link (a path in the app); id 0 marks all of them. Another user's
// notification is "not found".
func (a *App) ReadNotification(ctx context.Context, p auth.Principal, id int64) (string, error) {
	if err := signedIn(p); err != nil {
		return "", err
	}
	link := ""
	if id != 0 {
		n, err := a.store.NotificationOf(ctx, p.UserID, id)
		if err != nil {
			return "", err
		}
		if strings.HasPrefix(n.Link, "/") && !strings.HasPrefix(n.Link, "//") {
			link = n.Link
		}
	}
	_, err := a.store.MarkRead(ctx, p.UserID, id, a.Now().UTC())
	return link, err
}

func signedIn(p auth.Principal) error {
	if p.UserID == 0 {
		return errs.New(errs.Unauthorized, "Vui lòng đăng nhập.")
	}
	return nil
}

// RemindDeadlines notifies, from three days before each deadline of the
// current year (self-assessment, review, proposals) until the day itself,
// those who still have something to do by it: officers of units that
// have not submitted; of the head (the deputy, for the head's own filing)
// of a cluster with filings to review; every unit officer for proposals. Of several app servers one
// runs it a day: the run claims the day in job_runs in its transaction;
// and (user, deadline) is unique, so a rerun adds nothing. It returns how
// many notifications it recorded.
func (a *App) RemindDeadlines(ctx context.Context) (int64, error) {
	today := a.Today()
	var total int64
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		claimed, err := tx.ClaimJob(ctx, "deadline-reminders", today)
		if err != nil || !claimed {
			return err
		}
		y, err := tx.Year(ctx, today.Year())
		if errs.CodeOf(err) == errs.NotFound {
			return nil
		} else if err != nil {
			return err
		}
		type reminder struct {
			what     string
			deadline *time.Time
			link     string
			users    func() ([]int64, error)
		}
		units := func(ids []int64, err error) ([]int64, error) {
			if err != nil {
				return nil, err
			}
			return tx.UnitUsers(ctx, ids...)
		}
		for _, r := range []reminder{
			{"self", y.SelfAssessmentDeadline, fmt.Sprintf("/years/%d/filing", y.Year),
				func() ([]int64, error) { return units(tx.UnitsNotSubmitted(ctx, y.Year)) }},
			{"review", y.ReviewDeadline, "/scoring",
				func() ([]int64, error) { return units(tx.ReviewersWithPending(ctx, y.Year)) }},
			{"proposal", y.ProposalDeadline, fmt.Sprintf("/proposals?year=%d", y.Year),
				func() ([]int64, error) { return tx.UsersByRole(ctx, string(auth.RoleOfficer)) }},
		} {
			if r.deadline == nil {
				continue
			}
			d := time.Date(r.deadline.Year(), r.deadline.Month(), r.deadline.Day(), 0, 0, 0, 0, time.UTC)
			left := int(d.Sub(today).Hours() / 24)
			if left < 0 || left > ReminderDays {
				continue
			}
			users, err := r.users()
			if err != nil {
				return err
			}
			n := deadlineNotice(r.what, y.Year, d, left)
			n.Link = r.link
			added, err := tx.Notify(ctx, n, users, a.Mailer != nil, a.Now().UTC())
			if err != nil {
				return err
			}
			total += added
		}
		return nil
	})
	return total, err
}

func deadlineNotice(what string, year int, d time.Time, left int) store.NewNotification {
	label := map[string]string{
		"self":     "nộp bản tự chấm điểm thi đua",
		"review":   "thẩm định bản tự chấm điểm của các đơn vị trong cụm, khối",
		"proposal": "gửi đề nghị khen thưởng",
	}[what]
	when := fmt.Sprintf("còn %d ngày", left)
	if left == 0 {
		when = "hôm nay là ngày cuối"
	}
	return store.NewNotification{
		Key:   fmt.Sprintf("deadline:%s:%d:%s", what, year, d.Format("2006-01-02")),
		Kind:  NotifyDeadline,
		Title: fmt.Sprintf("Sắp đến hạn %s năm %d (%s)", label, year, when),
		Body:  fmt.Sprintf("Hạn %s năm %d là ngày %s.", label, year, d.Format("02/01/2006")),
	}
}

// MailRetries is how many times an e-mail is tried before it is given up.
const MailRetries = 5

// DeliverMail sends the outbox's due e-mails after their events have
// committed. Each batch is claimed with FOR UPDATE SKIP LOCKED in its own
// transaction (never a user's), sent, and marked before commit: another
// server running it at the same moment skips the claimed rows, so no
// e-mail goes out twice. It returns how many were sent.
func (a *App) DeliverMail(ctx context.Context) (int, error) {
	if a.Mailer == nil {
		return 0, nil
	}
	sent := 0
	for {
		var batch int
		err := a.store.Tx(ctx, func(tx *store.Q) error {
			rows, err := tx.ClaimOutbox(ctx, 20)
			if err != nil {
				return err
			}
			batch = len(rows)
			for _, m := range rows {
				if err := a.Mailer.Send(ctx, m.MailTo, "[Thi đua] "+m.Title, a.mailBody(m)); err != nil {
					final := m.Attempts+1 >= MailRetries
					slog.Warn("e-mail not sent", "notification", m.ID, "attempt", m.Attempts+1, "final", final, "err", err)
					if err := tx.MailFailed(ctx, m.ID, truncate(err.Error(), 500), time.Duration(m.Attempts+1)*time.Minute, final); err != nil {
						return err
					}
					continue
				}
				if err := tx.MailSent(ctx, m.ID); err != nil {
					return err
				}
				sent++
			}
			return nil
		})
		if err != nil || batch == 0 || ctx.Err() != nil {
			return sent, err
		}
	}
}

func (a *App) mailBody(m store.Outbox) string {
	var b strings.Builder
	b.WriteString(m.Title + "\n\n")
	if m.Body != "" {
		b.WriteString(m.Body + "\n\n")
	}
	if m.Link != "" {
		b.WriteString("Xem chi tiết: " + strings.TrimRight(a.PublicURL, "/") + m.Link + "\n\n")
	}
	b.WriteString("Thư này do phần mềm quản lý thi đua, khen thưởng gửi tự động; vui lòng không trả lời thư này.\n")
	return b.String()
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// RunNotifications runs the reminder job and the mail delivery every
// interval until ctx ends; `thidua serve` starts it on every server.
func (a *App) RunNotifications(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := a.RemindDeadlines(ctx); err != nil && !errors.Is(err, context.Canceled) {
			slog.Error("deadline reminders", "err", err)
		}
		if _, err := a.DeliverMail(ctx); err != nil && !errors.Is(err, context.Canceled) {
			slog.Error("mail delivery", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
