-- Foundation: the organisation registry, users, API tokens, sessions,
-- login throttling and the audit trail.

-- +goose Up
CREATE TABLE units (
    id          bigserial PRIMARY KEY,
    code        text NOT NULL,
    name        text NOT NULL,
    type        text NOT NULL CHECK (type IN ('supreme', 'high', 'provincial', 'regional', 'district', 'department')),
    parent_id   bigint REFERENCES units (id),
    valid_from  date NOT NULL,
    valid_to    date,
    note        text NOT NULL DEFAULT '',
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT units_dates_ordered CHECK (valid_to IS NULL OR valid_to >= valid_from),
    CONSTRAINT units_not_own_parent CHECK (parent_id <> id)
);
CREATE UNIQUE INDEX units_code_key ON units (upper(code));
CREATE INDEX units_parent_idx ON units (parent_id);

-- A unit formed by merging, renaming or splitting others keeps links to them,
-- so history (scores, titles, consecutive years) survives reorganisations.
CREATE TABLE unit_lineage (
    successor_id   bigint NOT NULL REFERENCES units (id),
    predecessor_id bigint NOT NULL REFERENCES units (id),
    kind           text NOT NULL CHECK (kind IN ('merge', 'rename', 'split')),
    note           text NOT NULL DEFAULT '',
    PRIMARY KEY (successor_id, predecessor_id),
    CONSTRAINT unit_lineage_not_self CHECK (successor_id <> predecessor_id)
);
CREATE INDEX unit_lineage_predecessor_idx ON unit_lineage (predecessor_id);

CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    username      text NOT NULL,
    full_name     text NOT NULL,
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('admin', 'board', 'officer', 'viewer')),
    unit_id       bigint REFERENCES units (id),
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_officer_has_unit CHECK (role <> 'officer' OR unit_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

-- Only a SHA-256 of each bearer token is kept; the token itself is shown once.
CREATE TABLE api_tokens (
    id           bigserial PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id),
    name         text NOT NULL DEFAULT '',
    token_hash   bytea NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- Server-side sessions (scs), shared by every app server.
CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- Failed sign-ins, counted per user name across all app servers.
CREATE TABLE login_failures (
    id       bigserial PRIMARY KEY,
    username text NOT NULL,
    ip       text NOT NULL DEFAULT '',
    at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_username_at_idx ON login_failures (lower(username), at);

-- Who changed what, when and why: one row per write, with before and after.
CREATE TABLE audit_log (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    user_id   bigint REFERENCES users (id),
    action    text NOT NULL,
    entity    text NOT NULL,
    entity_id bigint,
    reason    text NOT NULL DEFAULT '',
    before    jsonb,
    after     jsonb
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, at);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE login_failures;
DROP TABLE sessions;
DROP TABLE api_tokens;
DROP TABLE users;
DROP TABLE unit_lineage;
DROP TABLE units;
