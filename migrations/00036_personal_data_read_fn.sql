-- store.PersonFile logs a read of a person's discipline records in the
-- statement that reads them ("no log, no read"). As a data-modifying CTE
-- the INSERT was set up on every read, some 40 µs of the statement's
-- server time, though it writes a row for few people; called from a
-- CASE, this function runs only when there is something to log.

-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION log_personal_data_read(reader bigint, person bigint, what text) RETURNS boolean
	LANGUAGE sql VOLATILE AS $$
	INSERT INTO personal_data_reads (user_id, person_id, what) VALUES (reader, person, what) RETURNING true
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION log_personal_data_read(bigint, bigint, text);
