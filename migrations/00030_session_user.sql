-- The user a session is signed in as, written by the session store with
-- the session's data, so the read of a page's session row brings the user
-- (and the header's unread count) in the same statement. NULL: nobody
-- signed in, or a row written before this column (read the old way until
-- it is next written). Rows are written with store.SessionCodec from this
-- version on (first byte 0xA7); going back deletes them, since older
-- versions read gob only: their users sign in again.

-- +goose Up
ALTER TABLE sessions ADD COLUMN user_id bigint;

-- +goose Down
DELETE FROM sessions WHERE get_byte(data, 0) = 167;
ALTER TABLE sessions DROP COLUMN user_id;
