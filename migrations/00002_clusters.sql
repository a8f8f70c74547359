-- Emulation years, clusters and blocs with their yearly head and deputy,
-- registrations (đăng ký thi đua) and pledges (giao ước thi đua).

-- +goose Up
CREATE TABLE emulation_years (
    year                     integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    title                    text NOT NULL,
    starts_on                date NOT NULL,
    ends_on                  date NOT NULL,
    pledge_deadline          date,
    registration_deadline    date,
    self_assessment_deadline date,
    review_deadline          date,
    proposal_deadline        date,
    version                  integer NOT NULL DEFAULT 1,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT emulation_years_dates CHECK (ends_on > starts_on)
);

CREATE TABLE clusters (
    id                        bigserial PRIMARY KEY,
    year                      integer NOT NULL REFERENCES emulation_years (year),
    level                     text NOT NULL CHECK (level IN ('national', 'bloc')),
    number                    integer NOT NULL CHECK (number BETWEEN 1 AND 999),
    name                      text NOT NULL DEFAULT '',
    owner_unit_id             bigint REFERENCES units (id),
    head_unit_id              bigint REFERENCES units (id),
    deputy_unit_id            bigint REFERENCES units (id),
    suggested_head_unit_id    bigint REFERENCES units (id),
    suggested_deputy_unit_id  bigint REFERENCES units (id),
    nominated_deputy_unit_id  bigint REFERENCES units (id),
    designation_ref           text NOT NULL DEFAULT '',
    follower_user_id          bigint REFERENCES users (id),
    note                      text NOT NULL DEFAULT '',
    version                   integer NOT NULL DEFAULT 1,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT clusters_bloc_has_owner CHECK ((level = 'bloc') = (owner_unit_id IS NOT NULL)),
    CONSTRAINT clusters_head_not_deputy CHECK (head_unit_id IS NULL OR head_unit_id <> deputy_unit_id)
);
CREATE UNIQUE INDEX clusters_number_key ON clusters (year, level, coalesce(owner_unit_id, 0), number);

-- Members in rotation order. A unit belongs to one cluster or bloc a year.
CREATE TABLE cluster_members (
    cluster_id bigint NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    unit_id    bigint NOT NULL REFERENCES units (id),
    year       integer NOT NULL,
    ord        integer NOT NULL,
    PRIMARY KEY (cluster_id, unit_id)
);
CREATE UNIQUE INDEX cluster_members_one_per_year ON cluster_members (year, unit_id);

-- Units not eligible for emulation review in a year (e.g. corruption
-- findings): they cannot be designated head or deputy the year after.
CREATE TABLE review_exclusions (
    year       integer NOT NULL,
    unit_id    bigint NOT NULL REFERENCES units (id),
    reason     text NOT NULL,
    created_by bigint REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (year, unit_id)
);

CREATE TABLE registrations (
    id               bigserial PRIMARY KEY,
    year             integer NOT NULL REFERENCES emulation_years (year),
    unit_id          bigint NOT NULL REFERENCES units (id),
    collective_title text NOT NULL DEFAULT '',
    people           jsonb NOT NULL DEFAULT '[]',
    note             text NOT NULL DEFAULT '',
    submitted_at     timestamptz,
    submitted_by     bigint REFERENCES users (id),
    version          integer NOT NULL DEFAULT 1,
    UNIQUE (year, unit_id)
);

CREATE TABLE pledges (
    id           bigserial PRIMARY KEY,
    cluster_id   bigint NOT NULL REFERENCES clusters (id),
    version_no   integer NOT NULL DEFAULT 1,
    status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final', 'superseded')),
    title        text NOT NULL,
    place        text NOT NULL DEFAULT '',
    signed_on    date,
    preamble     text NOT NULL DEFAULT '',
    commitments  jsonb NOT NULL DEFAULT '[]',
    amend_reason text NOT NULL DEFAULT '',
    version      integer NOT NULL DEFAULT 1,
    created_by   bigint REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (cluster_id, version_no)
);
-- At most one version of a cluster's pledge is current (draft or final).
CREATE UNIQUE INDEX pledges_one_current ON pledges (cluster_id) WHERE status <> 'superseded';

CREATE TABLE pledge_signatures (
    pledge_id      bigint NOT NULL REFERENCES pledges (id) ON DELETE CASCADE,
    unit_id        bigint NOT NULL REFERENCES units (id),
    ord                     integer NOT NULL,
    representative          text NOT NULL DEFAULT '',
    representative_position text NOT NULL DEFAULT '',
    signed_at      timestamptz,
    signed_by      bigint REFERENCES users (id),
    PRIMARY KEY (pledge_id, unit_id)
);

-- +goose Down
DROP TABLE pledge_signatures;
DROP TABLE pledges;
DROP TABLE registrations;
DROP TABLE review_exclusions;
DROP TABLE cluster_members;
DROP TABLE clusters;
DROP TABLE emulation_years;
