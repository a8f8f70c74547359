-- Criteria tables (bảng tiêu chí chấm điểm), per-unit adjustments,
-- self-assessments with the cluster head's review, and every score change.

-- +goose Up
CREATE TABLE criteria_tables (
    id            bigserial PRIMARY KEY,
    year          integer NOT NULL REFERENCES emulation_years (year),
    name          text NOT NULL,
    kind          text NOT NULL DEFAULT 'main' CHECK (kind IN ('main', 'campaign')),
    level         text NOT NULL DEFAULT 'national' CHECK (level IN ('national', 'bloc')),
    unit_type     text NOT NULL DEFAULT '',          -- '' applies to every unit type
    cluster_id    bigint REFERENCES clusters (id),   -- a table for one cluster or bloc only
    version_no    integer NOT NULL DEFAULT 1,
    previous_id   bigint REFERENCES criteria_tables (id),
    change_reason text NOT NULL DEFAULT '',
    superseded    boolean NOT NULL DEFAULT false,
    version       integer NOT NULL DEFAULT 1,
    created_by    bigint REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX criteria_tables_year_idx ON criteria_tables (year);

CREATE TABLE criteria (
    id            bigserial PRIMARY KEY,
    table_id      bigint NOT NULL REFERENCES criteria_tables (id) ON DELETE CASCADE,
    parent_id     bigint REFERENCES criteria (id) ON DELETE CASCADE,
    code          text NOT NULL,
    name          text NOT NULL,
    method        text NOT NULL CHECK (method IN ('group', 'fixed', 'indicator', 'bonus', 'deduction')),
    max           numeric(8, 2) NOT NULL DEFAULT 0,
    numerator     text NOT NULL DEFAULT '',
    denominator   text NOT NULL DEFAULT '',
    direction     text NOT NULL DEFAULT '' CHECK (direction IN ('', 'higher', 'lower', 'zero')),
    target_na     numeric(10, 2),
    target_sector numeric(10, 2),
    exceed_bonus  numeric(8, 2) NOT NULL DEFAULT 0,
    below         text NOT NULL DEFAULT 'zero' CHECK (below IN ('zero', 'proportional')),
    ord           integer NOT NULL,
    UNIQUE (table_id, code)
);
CREATE INDEX criteria_table_idx ON criteria (table_id, ord);

-- A criterion switched off for one unit (share 0) or applied to part of the
-- year (the 2025 merger), with the reason.
CREATE TABLE criterion_adjustments (
    criterion_id bigint NOT NULL REFERENCES criteria (id) ON DELETE CASCADE,
    unit_id      bigint NOT NULL REFERENCES units (id),
    share        numeric(4, 3) NOT NULL CHECK (share >= 0 AND share < 1),
    reason       text NOT NULL,
    created_by   bigint REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (criterion_id, unit_id)
);

CREATE TABLE assessments (
    id             bigserial PRIMARY KEY,
    table_id       bigint NOT NULL REFERENCES criteria_tables (id),
    unit_id        bigint NOT NULL REFERENCES units (id),
    year           integer NOT NULL,
    status         text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'reviewed')),
    submitted_at   timestamptz,
    returned_at    timestamptz,
    return_reason  text NOT NULL DEFAULT '',
    reviewed_at    timestamptz,
    self_total     numeric(8, 2),
    reviewed_total numeric(8, 2),
    version        integer NOT NULL DEFAULT 1,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (table_id, unit_id)
);
CREATE INDEX assessments_year_idx ON assessments (year, unit_id);

CREATE TABLE assessment_entries (
    assessment_id   bigint NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    criterion_id    bigint NOT NULL REFERENCES criteria (id),
    self_score      numeric(10, 2),
    self_num        numeric(14, 2),
    self_den        numeric(14, 2),
    self_not_arisen boolean NOT NULL DEFAULT false,
    explanation     text NOT NULL DEFAULT '',
    evidence        text NOT NULL DEFAULT '',
    rev_set         boolean NOT NULL DEFAULT false, -- the reviewer has ruled on this row
    rev_score       numeric(10, 2),
    rev_num         numeric(14, 2),
    rev_den         numeric(14, 2),
    rev_not_arisen  boolean NOT NULL DEFAULT false,
    rev_comment     text NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, criterion_id)
);

-- Every change of a score or figure, by anyone: who, when, old → new, why.
CREATE TABLE score_changes (
    id            bigserial PRIMARY KEY,
    assessment_id bigint NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    criterion_id  bigint REFERENCES criteria (id),
    side          text NOT NULL CHECK (side IN ('self', 'review', 'status')),
    field         text NOT NULL,
    old_value     text NOT NULL DEFAULT '',
    new_value     text NOT NULL DEFAULT '',
    reason        text NOT NULL DEFAULT '',
    changed_by    bigint REFERENCES users (id),
    changed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX score_changes_assessment_idx ON score_changes (assessment_id, changed_at);

-- +goose Down
DROP TABLE score_changes;
DROP TABLE assessment_entries;
DROP TABLE assessments;
DROP TABLE criterion_adjustments;
DROP TABLE criteria;
DROP TABLE criteria_tables;
