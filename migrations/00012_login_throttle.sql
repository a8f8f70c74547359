-- Sign-in throttling by growing delays (issue 13) instead of a hard
-- lock-out: failures are counted per account, per client address and per
-- (account, address), so each needs its own lookup; and failures of the
-- current-password check on the password change form count too, marked
-- by kind so the administrator's list says where they came from.

-- +goose Up
ALTER TABLE login_failures ADD COLUMN kind text NOT NULL DEFAULT 'sign_in'
    CHECK (kind IN ('sign_in', 'password_change'));
CREATE INDEX login_failures_ip_at_idx ON login_failures (ip, at);
CREATE INDEX login_failures_at_idx ON login_failures (at);

-- +goose Down
DROP INDEX login_failures_at_idx;
DROP INDEX login_failures_ip_at_idx;
ALTER TABLE login_failures DROP COLUMN kind;
