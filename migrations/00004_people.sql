-- People (cán bộ, công chức) with their unit history and the record the
-- award rules read: yearly ratings, initiatives, disciplines, and the
-- award history of people and collectives.

-- +goose Up
CREATE TABLE people (
    id          bigserial PRIMARY KEY,
    full_name   text NOT NULL,
    birth_date  date,
    sex         text CHECK (sex IN ('nam', 'nu')),
    position    text NOT NULL DEFAULT '',
    unit_id     bigint NOT NULL REFERENCES units (id),
    since       date NOT NULL,                     -- in this unit from
    active      boolean NOT NULL DEFAULT true,
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX people_unit_idx ON people (unit_id);

-- Every move of a person from one unit to another.
CREATE TABLE person_moves (
    id           bigserial PRIMARY KEY,
    person_id    bigint NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    from_unit_id bigint NOT NULL REFERENCES units (id),
    to_unit_id   bigint NOT NULL REFERENCES units (id),
    on_date      date NOT NULL,
    note         text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_moves_person_idx ON person_moves (person_id);

-- Yearly evaluation (xếp loại chất lượng), award.Rating codes.
CREATE TABLE person_ratings (
    person_id bigint NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    year      integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    rating    text NOT NULL CHECK (rating IN ('htxs', 'htt', 'ht', 'khht')),
    PRIMARY KEY (person_id, year)
);

-- Initiatives and research recognised at a level (award.Level codes).
CREATE TABLE person_initiatives (
    id        bigserial PRIMARY KEY,
    person_id bigint NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    year      integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    title     text NOT NULL,
    level     text NOT NULL CHECK (level IN ('co_so', 'nganh', 'toan_quoc')),
    applied   boolean NOT NULL DEFAULT false
);
CREATE INDEX person_initiatives_person_idx ON person_initiatives (person_id);

-- Disciplinary measures (award.Measure codes) and when they are in effect.
CREATE TABLE person_disciplines (
    id        bigserial PRIMARY KEY,
    person_id bigint NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    measure   text NOT NULL CHECK (measure IN ('khien_trach', 'canh_cao', 'ha_bac_luong', 'giang_chuc', 'cach_chuc', 'buoc_thoi_viec')),
    from_date date NOT NULL,
    to_date   date,
    note      text NOT NULL DEFAULT '',
    CONSTRAINT person_disciplines_dates CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX person_disciplines_person_idx ON person_disciplines (person_id);

-- Awards decided for a person or a collective (award.Title and award.Kind
-- codes). A revoked award keeps its row, with the reason.
CREATE TABLE awards (
    id            bigserial PRIMARY KEY,
    person_id     bigint REFERENCES people (id) ON DELETE CASCADE,
    unit_id       bigint REFERENCES units (id),
    year          integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    title         text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('cong_trang', 'chuyen_de', 'dot_xuat', 'cong_hien', 'doi_ngoai')),
    decision_no   text NOT NULL DEFAULT '',
    decision_date date,
    signer        text NOT NULL DEFAULT '',
    revoked       boolean NOT NULL DEFAULT false,
    revoke_reason text NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT awards_one_holder CHECK ((person_id IS NULL) <> (unit_id IS NULL)),
    CONSTRAINT awards_revoked_reason CHECK (NOT revoked OR revoke_reason <> '')
);
CREATE INDEX awards_person_idx ON awards (person_id);
CREATE INDEX awards_unit_idx ON awards (unit_id);

-- +goose Down
DROP TABLE awards;
DROP TABLE person_disciplines;
DROP TABLE person_initiatives;
DROP TABLE person_ratings;
DROP TABLE person_moves;
DROP TABLE people;
