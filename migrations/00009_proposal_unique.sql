-- One live proposal per subject, title and year: a second draft of the same
-- title would be counted twice against the quotas and could be approved
-- twice. A rejected proposal no longer counts, so the unit may propose again.

-- +goose Up
CREATE UNIQUE INDEX proposals_one_live_per_subject ON proposals
    (year, title, COALESCE(person_id, 0), COALESCE(unit_id, 0))
    WHERE status <> 'rejected';

-- +goose Down
DROP INDEX proposals_one_live_per_subject;
