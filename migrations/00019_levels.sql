-- Awards decided at each level (issue #16). A proposal travels upward: it
-- is addressed to the level that holds it now (its province's council, a
-- high procuracy's, the sector's), which returns it with a reason, decides
-- it when the title is in its power, or forwards it with its own tờ trình
-- to the next level. Every step is kept, with who, when and why.
-- A decision belongs to the level that made it: numbered in that level's
-- series for the year (…/QĐ-VKSTH), signed by its head or a deputy (KT.)
-- from the level's council, printed as signed.

-- +goose Up
ALTER TABLE proposals ADD COLUMN addressed_unit_id bigint REFERENCES units (id);
ALTER TABLE proposals DROP CONSTRAINT proposals_status_check;
ALTER TABLE proposals ADD CONSTRAINT proposals_status_check
    CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'forwarded'));
-- Until now only the sector's board decided: what was sent is addressed to it.
UPDATE proposals SET addressed_unit_id = (SELECT id FROM units WHERE type = 'supreme' ORDER BY id LIMIT 1)
    WHERE status <> 'draft';
CREATE INDEX proposals_addressed_idx ON proposals (addressed_unit_id, year);

CREATE TABLE proposal_steps (
    id           bigserial PRIMARY KEY,
    proposal_id  bigint NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    step         text NOT NULL CHECK (step IN ('submit', 'forward', 'return', 'approve', 'reject')),
    from_unit_id bigint NOT NULL REFERENCES units (id),  -- who acted: the proposer, or the level holding it
    to_unit_id   bigint REFERENCES units (id),           -- where it went; NULL above the sector or once decided
    to_tier      text NOT NULL DEFAULT '',               -- award.Tier it went to (a level above the sector too)
    by_user_id   bigint REFERENCES users (id),           -- NULL: the server's command line
    reason       text NOT NULL DEFAULT '',
    document_no  text NOT NULL DEFAULT '',               -- the forwarding level's tờ trình, or the decision
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX proposal_steps_proposal_idx ON proposal_steps (proposal_id, id);
INSERT INTO proposal_steps (proposal_id, step, from_unit_id, to_unit_id, to_tier, at)
    SELECT id, 'submit', proposer_unit_id, addressed_unit_id, 'supreme', updated_at FROM proposals WHERE status <> 'draft';

ALTER TABLE decisions ADD COLUMN unit_id bigint REFERENCES units (id);
UPDATE decisions SET unit_id = (SELECT id FROM units WHERE type = 'supreme' ORDER BY id LIMIT 1);
ALTER TABLE decisions ALTER COLUMN unit_id SET NOT NULL;
ALTER TABLE decisions ADD COLUMN serial integer CHECK (serial > 0);       -- its number in the level's series of the year
ALTER TABLE decisions ADD COLUMN signer_title text NOT NULL DEFAULT '';   -- "PHÓ VIỆN TRƯỞNG"
ALTER TABLE decisions ADD COLUMN sign_mode text NOT NULL DEFAULT '' CHECK (sign_mode IN ('', 'KT.', 'TL.'));
CREATE UNIQUE INDEX decisions_series ON decisions (unit_id, year, serial) WHERE serial IS NOT NULL;
CREATE INDEX decisions_unit_idx ON decisions (unit_id, year);

-- +goose Down
DROP INDEX decisions_unit_idx;
DROP INDEX decisions_series;
ALTER TABLE decisions DROP COLUMN sign_mode, DROP COLUMN signer_title, DROP COLUMN serial, DROP COLUMN unit_id;
DROP TABLE proposal_steps;
DROP INDEX proposals_addressed_idx;
UPDATE proposals SET status = 'submitted' WHERE status = 'forwarded';
ALTER TABLE proposals DROP CONSTRAINT proposals_status_check;
ALTER TABLE proposals ADD CONSTRAINT proposals_status_check CHECK (status IN ('draft', 'submitted', 'approved', 'rejected'));
ALTER TABLE proposals DROP COLUMN addressed_unit_id;
