-- Cluster votes (bình xét, suy tôn) for the sector's emulation flag: the
-- cluster's head opens a vote on candidates taken from the cluster's
-- ranking, each member unit casts one ballot per candidate, the head closes
-- it. Shares are computed over the electorate (the member units).

-- +goose Up
CREATE TABLE votes (
    id         bigserial PRIMARY KEY,
    cluster_id bigint NOT NULL REFERENCES clusters (id),
    year       integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    title      text NOT NULL DEFAULT 'co_nganh',
    status     text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_by  bigint REFERENCES users (id),
    opened_at  timestamptz NOT NULL DEFAULT now(),
    closed_at  timestamptz,
    version    integer NOT NULL DEFAULT 1,
    CONSTRAINT votes_closed_at CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX votes_cluster_idx ON votes (cluster_id);
-- At most one open vote per cluster and title.
CREATE UNIQUE INDEX votes_one_open ON votes (cluster_id, title) WHERE status = 'open';

CREATE TABLE vote_candidates (
    vote_id      bigint NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
    unit_id      bigint NOT NULL REFERENCES units (id),
    rank_at_open integer NOT NULL DEFAULT 0,
    PRIMARY KEY (vote_id, unit_id)
);

CREATE TABLE ballots (
    vote_id           bigint NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
    voter_unit_id     bigint NOT NULL REFERENCES units (id),
    candidate_unit_id bigint NOT NULL REFERENCES units (id),
    approve           boolean NOT NULL,
    cast_by           bigint REFERENCES users (id),
    cast_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (vote_id, voter_unit_id, candidate_unit_id),
    FOREIGN KEY (vote_id, candidate_unit_id) REFERENCES vote_candidates (vote_id, unit_id) ON DELETE CASCADE
);

-- +goose Down
DROP TABLE ballots;
DROP TABLE vote_candidates;
DROP TABLE votes;
