package store

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// Notification is one message to one user: shown in the app and, when the
// user has an e-mail address and mail is on, delivered from the outbox.
type Notification struct {
	ID           int64      `json:"id"`
	UserID       int64      `json:"-"`
	EventKey     string     `json:"-"`
	Kind         string     `json:"kind"`
	Title        string     `json:"title"`
	Body         string     `json:"body"`
	Link         string     `json:"link"`
	CreatedAt    time.Time  `json:"created_at"`
	ReadAt       *time.Time `json:"read_at"`
	MailTo       *string    `json:"-"`
	MailState    string     `json:"-"`
	MailAttempts int        `json:"-"`
	MailSentAt   *time.Time `json:"-"`
	MailError    string     `json:"-"`
}

func (Notification) TableName() string { return "notifications" }

// NewNotification is an event's message before its recipients are known.
type NewNotification struct {
	Key   string // the event; with the recipient, unique
	Kind  string
	Title string
	Body  string
	Link  string
}

// Notify records n for each listed user, once per (user, event key): a
// recipient who already has it is skipped (ON CONFLICT DO NOTHING). The
// e-mail is queued, with the address the user has now, when mail is set.
// at is the event's time by the app's clock.
// It returns how many notifications were new.
func (s *Q) Notify(ctx context.Context, n NewNotification, userIDs []int64, mail bool, at time.Time) (int64, error) {
	if len(userIDs) == 0 {
		return 0, nil
	}
	res := s.db.WithContext(ctx).Exec(`
INSERT INTO notifications (user_id, event_key, kind, title, body, link, created_at, mail_to, mail_state)
SELECT u.id, ?, ?, ?, ?, ?, ?, nullif(trim(u.email), ''),
       CASE WHEN ? AND nullif(trim(u.email), '') IS NOT NULL THEN 'pending' ELSE 'none' END
FROM users u WHERE u.id IN ? AND u.active
ORDER BY u.id
ON CONFLICT (user_id, event_key) DO NOTHING`, n.Key, n.Kind, n.Title, n.Body, n.Link, at, mail, userIDs)
	return res.RowsAffected, res.Error
}

// UnitUsers returns the active officers of the listed units.
func (s *Q) UnitUsers(ctx context.Context, unitIDs ...int64) ([]int64, error) {
	out := []int64{}
	if len(unitIDs) == 0 {
		return out, nil
	}
	err := s.db.WithContext(ctx).Table("users").Where("active AND role = 'officer' AND unit_id IN ?", unitIDs).
		Order("id").Pluck("id", &out).Error
	return out, err
}

// UnitsNotSubmitted returns the units in a cluster of the year whose
// filing is not yet with the reviewer (none, a draft, or returned).
func (s *Q) UnitsNotSubmitted(ctx context.Context, year int) ([]int64, error) {
	out := []int64{}
	err := s.db.WithContext(ctx).Raw(`
SELECT m.unit_id FROM cluster_members m
WHERE m.year = ? AND NOT EXISTS (
    SELECT 1 FROM assessments a WHERE a.year = m.year AND a.unit_id = m.unit_id AND a.status IN ('submitted', 'reviewed'))
ORDER BY m.unit_id`, year).Scan(&out).Error
	return out, err
}

// ReviewersWithPending returns the units with a submitted filing of the
// year's clusters still to review: the cluster's head, or its deputy for
// the head's own filing.
func (s *Q) ReviewersWithPending(ctx context.Context, year int) ([]int64, error) {
	out := []int64{}
	err := s.db.WithContext(ctx).Raw(`
SELECT DISTINCT r.unit_id FROM (
    SELECT CASE WHEN a.unit_id = c.head_unit_id THEN c.deputy_unit_id ELSE c.head_unit_id END AS unit_id
    FROM clusters c
    JOIN cluster_members m ON m.cluster_id = c.id
    JOIN assessments a ON a.year = m.year AND a.unit_id = m.unit_id AND a.status = 'submitted'
    WHERE c.year = ?) r
WHERE r.unit_id IS NOT NULL
ORDER BY r.unit_id`, year).Scan(&out).Error
	return out, err
}

// UsersByRole returns the active users of the listed roles.
func (s *Q) UsersByRole(ctx context.Context, roles ...string) ([]int64, error) {
	out := []int64{}
	err := s.db.WithContext(ctx).Table("users").Where("active AND role IN ?", roles).Order("id").Pluck("id", &out).Error
	return out, err
}

// Notifications returns a user's notifications, newest first.
func (s *Q) Notifications(ctx context.Context, userID int64, limit int) ([]Notification, error) {
	out := []Notification{}
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("id DESC").Limit(limit).Find(&out).Error
	return out, err
}

// UnreadCount counts a user's unread notifications.
func (s *Q) UnreadCount(ctx context.Context, userID int64) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&Notification{}).Where("user_id = ? AND read_at IS NULL", userID).Count(&n).Error
	return n, err
}

// MarkRead marks one of the user's notifications read (id 0: all of them),
// at the given time. It reports how many changed; another user's
// notification is never touched.
func (s *Q) MarkRead(ctx context.Context, userID, id int64, at time.Time) (int64, error) {
	q := s.db.WithContext(ctx).Model(&Notification{}).Where("user_id = ? AND read_at IS NULL", userID)
	if id != 0 {
		q = q.Where("id = ?", id)
	}
	res := q.Update("read_at", at)
	return res.RowsAffected, res.Error
}

// NotificationOf returns one of a user's notifications; another user's is
// "not found", as if it did not exist.
func (s *Q) NotificationOf(ctx context.Context, userID, id int64) (Notification, error) {
	var n Notification
	err := s.db.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).Take(&n).Error
	return n, notFound(err, "thông báo")
}

// ClaimJob claims a periodic job's run for a day, in the caller's
// transaction: true for the one transaction that inserted the row. A
// concurrent claimer waits for that transaction and then gets false; if
// it rolls back, the claim goes with it and the next run tries again.
func (s *Q) ClaimJob(ctx context.Context, job string, day time.Time) (bool, error) {
	res := s.db.WithContext(ctx).Exec(`INSERT INTO job_runs (job, run_on) VALUES (?, ?) ON CONFLICT DO NOTHING`, job, day.Format("2006-01-02"))
	return res.RowsAffected == 1, res.Error
}

// Outbox is a claimed e-mail to send.
type Outbox struct {
	ID       int64
	MailTo   string
	Title    string
	Body     string
	Link     string
	Attempts int
}

// ClaimOutbox locks up to limit pending e-mails due now, skipping rows
// another server holds (FOR UPDATE SKIP LOCKED). Call it in a transaction
// and record each outcome (MailSent, MailFailed) before committing.
func (s *Q) ClaimOutbox(ctx context.Context, limit int) ([]Outbox, error) {
	out := []Outbox{}
	err := s.db.WithContext(ctx).Raw(`
SELECT id, mail_to, title, body, link, mail_attempts AS attempts FROM notifications
WHERE mail_state = 'pending' AND mail_next_at <= now()
ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED`, limit).Scan(&out).Error
	return out, err
}

// MailSent records a delivered e-mail.
func (s *Q) MailSent(ctx context.Context, id int64) error {
	return s.db.WithContext(ctx).Model(&Notification{}).Where("id = ?", id).
		Updates(map[string]any{"mail_state": "sent", "mail_sent_at": gorm.Expr("now()"), "mail_attempts": gorm.Expr("mail_attempts + 1"), "mail_error": ""}).Error
}

// MailFailed records a failed attempt: retried after retryIn, or given up
// (state 'failed') when final.
func (s *Q) MailFailed(ctx context.Context, id int64, msg string, retryIn time.Duration, final bool) error {
	state := "pending"
	if final {
		state = "failed"
	}
	return s.db.WithContext(ctx).Model(&Notification{}).Where("id = ?", id).
		Updates(map[string]any{"mail_state": state, "mail_error": msg, "mail_attempts": gorm.Expr("mail_attempts + 1"),
			"mail_next_at": gorm.Expr("now() + make_interval(secs => ?)", retryIn.Seconds())}).Error
}
