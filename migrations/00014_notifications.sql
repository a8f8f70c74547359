-- Notifications: in the app (unread count, a list per user) and by e-mail
-- through an outbox. A notification is written in the same transaction as
-- the event that causes it; e-mail is delivered after commit by a worker
-- that claims rows with FOR UPDATE SKIP LOCKED, so two app servers never
-- send the same row. (user_id, event_key) is unique: each event reaches
-- each recipient once, whichever server records it.

-- +goose Up
ALTER TABLE users ADD COLUMN email text;

CREATE TABLE notifications (
    id              bigserial PRIMARY KEY,
    user_id         bigint NOT NULL REFERENCES users (id),
    event_key       text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('returned', 'accepted', 'decided', 'commented', 'deadline')),
    title           text NOT NULL,
    body            text NOT NULL DEFAULT '',
    link            text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    read_at         timestamptz,
    -- The outbox: 'none' (no e-mail to send), 'pending', 'sent' or 'failed'.
    mail_to         text,
    mail_state      text NOT NULL DEFAULT 'none' CHECK (mail_state IN ('none', 'pending', 'sent', 'failed')),
    mail_attempts   integer NOT NULL DEFAULT 0,
    mail_next_at    timestamptz NOT NULL DEFAULT now(),
    mail_sent_at    timestamptz,
    mail_error      text NOT NULL DEFAULT '',
    CONSTRAINT notifications_once UNIQUE (user_id, event_key)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_outbox_idx ON notifications (mail_next_at) WHERE mail_state = 'pending';

-- A periodic job claims its day here (INSERT … ON CONFLICT DO NOTHING in
-- the job's transaction): of several app servers, one runs it.
CREATE TABLE job_runs (
    job        text NOT NULL,
    run_on     date NOT NULL,
    claimed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job, run_on)
);

-- +goose Down
DROP TABLE job_runs;
DROP TABLE notifications;
ALTER TABLE users DROP COLUMN email;
