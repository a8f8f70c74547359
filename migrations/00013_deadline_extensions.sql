-- Deadlines per unit and working days (issue 15).
--
-- deadline_extensions: the board extends one of a year's deadlines for
-- one unit, with a reason. Rows are only ever added: a later extension
-- of the same deadline is a new row, and the newest row (highest id) is
-- the one in force; the earlier ones stay as the record of what was
-- granted, by whom and when.
--
-- calendar_days: the board's calendar of public holidays that fall on
-- weekdays and make-up working days that fall on weekends, from which
-- time limits in working days are counted. Each change is in audit_log.

-- +goose Up
CREATE TABLE deadline_extensions (
    id         bigserial PRIMARY KEY,
    year       integer NOT NULL REFERENCES emulation_years (year),
    unit_id    bigint NOT NULL REFERENCES units (id),
    kind       text NOT NULL CHECK (kind IN ('registration', 'pledge', 'self_assessment', 'review', 'proposal')),
    until      date NOT NULL,
    reason     text NOT NULL CHECK (btrim(reason) <> ''),
    created_by bigint REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deadline_extensions_unit_idx ON deadline_extensions (year, unit_id, kind, id);

CREATE TABLE calendar_days (
    day        date PRIMARY KEY,
    kind       text NOT NULL CHECK (kind IN ('holiday', 'workday')),
    note       text NOT NULL DEFAULT '',
    updated_by bigint REFERENCES users (id),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE calendar_days;
DROP TABLE deadline_extensions;
