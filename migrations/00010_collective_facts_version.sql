-- Collective facts carry a version like every other editable row, so two
-- people saving a unit's facts at once cannot silently overwrite each other.

-- +goose Up
ALTER TABLE collective_facts ADD COLUMN version integer NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE collective_facts DROP COLUMN version;
