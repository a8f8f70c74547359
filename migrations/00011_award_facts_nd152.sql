-- The facts the award rules need from NĐ 152/2025/NĐ-CP on (issue #12):
-- a person's recruitment date and date of joining the sector, long
-- absences with their kind, matters pending against a person or a unit
-- (discipline review, investigation, inspection, complaint,
-- denunciation), a unit's own disciplines, and the quotas the board sets
-- itself, and the day a proposal is considered. Every editable row carries a version; changes are audited by
-- the app. Verdicts stored as "needs_judgement" are renamed to the third
-- value of a verdict, "insufficient" (chưa đủ thông tin).

-- +goose Up
ALTER TABLE people
    ADD COLUMN recruited_on     date,  -- ngày tuyển dụng; NULL: not in the record
    ADD COLUMN joined_sector_on date;  -- ngày về ngành Kiểm sát (by transfer); NULL: same as recruitment

-- Long absences (award.AbsenceKind codes). to_date NULL: still away.
CREATE TABLE person_absences (
    id         bigserial PRIMARY KEY,
    person_id  bigint NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN ('thai_san', 'om_dau', 'tai_nan', 'hoc_tap', 'khong_luong', 'khac')),
    from_date  date NOT NULL,
    to_date    date,
    note       text NOT NULL DEFAULT '',
    version    integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT person_absences_dates CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX person_absences_person_idx ON person_absences (person_id);

-- Matters that stop an award while open (award.PendingKind codes), for a
-- person or a unit. Closing one keeps the row, with the day and the outcome.
CREATE TABLE pending_matters (
    id         bigserial PRIMARY KEY,
    person_id  bigint REFERENCES people (id) ON DELETE CASCADE,
    unit_id    bigint REFERENCES units (id),
    kind       text NOT NULL CHECK (kind IN ('xem_xet_ky_luat', 'dieu_tra', 'thanh_tra', 'khieu_nai', 'to_cao', 'bao_chi')),
    opened_on  date NOT NULL,
    closed_on  date,
    outcome    text NOT NULL DEFAULT '',  -- how it closed, e.g. "không có sai phạm"
    note       text NOT NULL DEFAULT '',
    version    integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pending_matters_one_subject CHECK ((person_id IS NULL) <> (unit_id IS NULL)),
    CONSTRAINT pending_matters_dates CHECK (closed_on IS NULL OR closed_on >= opened_on),
    CONSTRAINT pending_matters_outcome CHECK (closed_on IS NULL OR outcome <> '')
);
CREATE INDEX pending_matters_person_idx ON pending_matters (person_id);
CREATE INDEX pending_matters_unit_idx ON pending_matters (unit_id);

-- A unit's own disciplines (award.Measure codes), as for people.
CREATE TABLE unit_disciplines (
    id         bigserial PRIMARY KEY,
    unit_id    bigint NOT NULL REFERENCES units (id),
    measure    text NOT NULL CHECK (measure IN ('khien_trach', 'canh_cao', 'ha_bac_luong', 'giang_chuc', 'cach_chuc', 'buoc_thoi_viec')),
    from_date  date NOT NULL,
    to_date    date,
    note       text NOT NULL DEFAULT '',
    version    integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT unit_disciplines_dates CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX unit_disciplines_unit_idx ON unit_disciplines (unit_id);

-- Quotas the board sets itself where the rule version leaves them to it
-- (award.BoardQuota): the share and the board's own rule it rests on.
CREATE TABLE board_quotas (
    year       integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    kind       text NOT NULL CHECK (kind IN ('cstd_cs')),
    percent    integer NOT NULL CHECK (percent BETWEEN 1 AND 100),
    rule       text NOT NULL CHECK (rule <> ''),
    set_by     bigint REFERENCES users (id),
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (year, kind)
);

UPDATE proposals SET verdict_outcome = 'insufficient' WHERE verdict_outcome = 'needs_judgement';

-- The day a proposal is considered (ngày xét): the rules in force that day
-- judge it. NULL: the day it is saved (back-filling an old year sets it).
ALTER TABLE proposals ADD COLUMN considered_on date;

-- +goose Down
ALTER TABLE proposals DROP COLUMN considered_on;
UPDATE proposals SET verdict_outcome = 'needs_judgement' WHERE verdict_outcome = 'insufficient';
DROP TABLE board_quotas;
DROP TABLE unit_disciplines;
DROP TABLE pending_matters;
DROP TABLE person_absences;
ALTER TABLE people DROP COLUMN joined_sector_on, DROP COLUMN recruited_on;
