-- Award proposals (đề nghị khen thưởng) of units for their people or
-- themselves, comments during publication, and the decisions that approve
-- them. An approved proposal enters the awards table (00004).

-- +goose Up
CREATE TABLE decisions (
    id         bigserial PRIMARY KEY,
    year       integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    number     text NOT NULL CHECK (number <> ''),          -- số …/QĐ-VKSTC
    decided_on date NOT NULL,
    signer     text NOT NULL DEFAULT '',
    note       text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE proposals (
    id                bigserial PRIMARY KEY,
    year              integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    proposer_unit_id  bigint NOT NULL REFERENCES units (id),
    person_id         bigint REFERENCES people (id),
    unit_id           bigint REFERENCES units (id),
    title             text NOT NULL,
    vote_electorate   integer CHECK (vote_electorate >= 0),
    vote_for          integer CHECK (vote_for >= 0),
    summary           text NOT NULL DEFAULT '',
    status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
    verdict_outcome   text NOT NULL DEFAULT '',
    verdict_reasons   jsonb NOT NULL DEFAULT '[]',
    verdict_rule_set  text NOT NULL DEFAULT '',
    override_reason   text NOT NULL DEFAULT '',
    reject_reason     text NOT NULL DEFAULT '',
    decision_id       bigint REFERENCES decisions (id),
    version           integer NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT proposals_one_subject CHECK ((person_id IS NULL) <> (unit_id IS NULL)),
    CONSTRAINT proposals_vote CHECK (vote_for IS NULL OR vote_electorate IS NOT NULL AND vote_for <= vote_electorate),
    CONSTRAINT proposals_approved_decision CHECK (status <> 'approved' OR decision_id IS NOT NULL)
);
CREATE INDEX proposals_year_unit_idx ON proposals (year, proposer_unit_id);
CREATE INDEX proposals_decision_idx ON proposals (decision_id);

CREATE TABLE proposal_comments (
    id             bigserial PRIMARY KEY,
    proposal_id    bigint NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    author_user_id bigint NOT NULL REFERENCES users (id),
    body           text NOT NULL CHECK (body <> ''),
    at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX proposal_comments_proposal_idx ON proposal_comments (proposal_id);

-- +goose Down
DROP TABLE proposal_comments;
DROP TABLE proposals;
DROP TABLE decisions;
