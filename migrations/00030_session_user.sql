-- The user a session is signed in as, written by the session store with
-- the session's data, so the read of a page's session row brings the user
-- (and the header's unread count) in the same statement. NULL: nobody
-- signed in, or a row written before this column (read the old way until
-- it is next written).

-- +goose Up
ALTER TABLE sessions ADD COLUMN user_id bigint;

-- +goose Down
ALTER TABLE sessions DROP COLUMN user_id;
