-- Facts about a unit in a year that the collective titles need (its own
-- rating, targets exceeded, movement, unity, new model, thrift, leading its
-- cluster), each with who recorded it; and the window in which a year's
-- submitted proposals are published for comment (công khai lấy ý kiến).

-- +goose Up
CREATE TABLE collective_facts (
    unit_id          bigint NOT NULL REFERENCES units (id),
    year             integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    rating           text NOT NULL DEFAULT '' CHECK (rating IN ('', 'htxs', 'htt', 'ht', 'khht')),
    completed        boolean NOT NULL DEFAULT false,
    exceeded_targets boolean NOT NULL DEFAULT false,
    movement         boolean NOT NULL DEFAULT false,
    solidarity       boolean NOT NULL DEFAULT false,
    new_model        boolean NOT NULL DEFAULT false,
    thrift           boolean NOT NULL DEFAULT false,
    leads_cluster    boolean NOT NULL DEFAULT false,
    note             text NOT NULL DEFAULT '',
    -- per fact: {"rating": {"user_id": 1, "name": "…", "at": "…"}, …}
    recorded_by      jsonb NOT NULL DEFAULT '{}',
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (unit_id, year)
);

CREATE TABLE publications (
    year         integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    open_from    date NOT NULL,
    open_until   date NOT NULL,
    published_by bigint REFERENCES users (id),
    published_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT publications_window CHECK (open_until >= open_from)
);

-- +goose Down
DROP TABLE publications;
DROP TABLE collective_facts;
