-- Emulation and commendation councils (Hội đồng thi đua – khen thưởng) of
-- every level that decides awards: the sector's (at the Supreme Procuracy),
-- a high procuracy's and a provincial procuracy's. A council advises the
-- head of its unit for one year; its members vote on the candidates that
-- need a council vote, and its standing members (Thường trực) form the
-- standing office that prepares the sessions.

-- +goose Up
CREATE TABLE councils (
    id           bigserial PRIMARY KEY,
    unit_id      bigint NOT NULL REFERENCES units (id),   -- the deciding level
    year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    name         text NOT NULL CHECK (name <> ''),
    founded_by   text NOT NULL DEFAULT '',                -- the decision that set it up
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (unit_id, year)
);

CREATE TABLE council_members (
    id          bigserial PRIMARY KEY,
    council_id  bigint NOT NULL REFERENCES councils (id) ON DELETE CASCADE,
    user_id     bigint REFERENCES users (id),             -- the account they vote with
    full_name   text NOT NULL CHECK (full_name <> ''),
    position    text NOT NULL DEFAULT '',                 -- their post: "Phó Viện trưởng"
    role        text NOT NULL CHECK (role IN ('chair', 'vice_chair', 'standing', 'member', 'secretary')),
    UNIQUE (council_id, user_id)
);
CREATE INDEX council_members_user_idx ON council_members (user_id);

-- +goose Down
DROP TABLE council_members;
DROP TABLE councils;
