-- The council's secret ballot, records kept for their retention period,
-- and the log of reads of discipline records.
--
-- A session of a council (00016) puts to the vote the proposals whose
-- title needs the council's secret ballot. Each member votes once: the
-- session keeps that the member has voted (council_session_voters) and
-- the anonymous counts per candidate (council_session_candidates), never
-- which member voted how — there is no row a choice could be read from.
-- Shares are over every member of the council (members, fixed at opening).
--
-- Retention: records of awards are kept for the period of the archive
-- rules (internal/retention, which cites them); retention_years() is the
-- same table in SQL, and a trigger refuses a delete before the period
-- ends, whatever path the delete takes. internal/store's retention test
-- checks the two tables agree.

-- +goose Up
CREATE TABLE council_sessions (
    id         bigserial PRIMARY KEY,
    council_id bigint NOT NULL REFERENCES councils (id),
    held_on    date NOT NULL,
    status     text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    members    integer NOT NULL CHECK (members > 0),   -- the council's members at opening: the electorate
    quorum     integer NOT NULL CHECK (quorum > 0),    -- ballots needed before the session may close
    rule_set   text NOT NULL,                          -- award.RuleSet that set the thresholds
    opened_by  bigint REFERENCES users (id),
    opened_at  timestamptz NOT NULL DEFAULT now(),
    closed_by  bigint REFERENCES users (id),
    closed_at  timestamptz,
    version    integer NOT NULL DEFAULT 1,
    CONSTRAINT council_sessions_closed CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
    CONSTRAINT council_sessions_quorum CHECK (quorum <= members)
);
CREATE UNIQUE INDEX council_sessions_one_open ON council_sessions (council_id) WHERE status = 'open';

CREATE TABLE council_session_candidates (
    session_id    bigint NOT NULL REFERENCES council_sessions (id),
    proposal_id   bigint NOT NULL REFERENCES proposals (id),
    title         text NOT NULL,
    threshold     integer NOT NULL CHECK (threshold BETWEEN 1 AND 100), -- % of all members
    votes_for     integer NOT NULL DEFAULT 0 CHECK (votes_for >= 0),
    votes_against integer NOT NULL DEFAULT 0 CHECK (votes_against >= 0),
    PRIMARY KEY (session_id, proposal_id)
);
CREATE INDEX council_session_candidates_proposal_idx ON council_session_candidates (proposal_id);

-- That a member has voted; how is not recorded anywhere.
CREATE TABLE council_session_voters (
    session_id bigint NOT NULL REFERENCES council_sessions (id),
    member_id  bigint NOT NULL REFERENCES council_members (id),
    PRIMARY KEY (session_id, member_id)
);

-- Who read a person's discipline records, when (personal data: Luật Bảo
-- vệ dữ liệu cá nhân 91/2025/QH15, Nghị định 13/2023/NĐ-CP before it).
CREATE TABLE personal_data_reads (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    user_id   bigint REFERENCES users (id),
    person_id bigint NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    what      text NOT NULL CHECK (what <> '')
);
CREATE INDEX personal_data_reads_person_idx ON personal_data_reads (person_id, at);

-- Years an award's records are kept, by its title (NULL: permanently).
-- The same table as retention.ForTitle; keep them together.
CREATE FUNCTION retention_years(title text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN title IN ('ldtt', 'cstd_cs', 'tt_ldtt', 'giay_khen') THEN 10
        WHEN title IN ('tt_ldxs', 'co_nganh', 'cstd_ng', 'bk_vkstc') THEN 20
        ELSE NULL
    END
$$;

-- kept_until is the day a record may be deleted from: its day plus the
-- title's years; NULL (permanent, or no day) never.
CREATE FUNCTION kept_until(title text, day date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
    SELECT (day + make_interval(years => retention_years(title)))::date
$$;

-- +goose StatementBegin
CREATE FUNCTION refuse_delete_before_retention() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    until   date;
    session bigint;
BEGIN
    IF TG_TABLE_NAME = 'awards' THEN
        until := kept_until(OLD.title, COALESCE(OLD.decision_date, make_date(OLD.year, 12, 31)));
    ELSIF TG_TABLE_NAME = 'decisions' THEN
        -- A decision is kept as long as the longest-kept title it grants.
        SELECT CASE WHEN bool_or(retention_years(p.title) IS NULL) THEN NULL
                    ELSE OLD.decided_on + make_interval(years => COALESCE(max(retention_years(p.title)), 20)) END
          INTO until FROM proposals p WHERE p.decision_id = OLD.id;
    ELSIF TG_TABLE_NAME = 'council_session_candidates' THEN
        SELECT kept_until(OLD.title, s.held_on) INTO until FROM council_sessions s WHERE s.id = OLD.session_id;
    ELSE
        -- A session's minutes and who took part are kept as long as its
        -- candidates (no candidate: permanently).
        IF TG_TABLE_NAME = 'council_sessions' THEN
            session := OLD.id;
        ELSE
            session := OLD.session_id;
        END IF;
        SELECT CASE WHEN bool_or(retention_years(c.title) IS NULL) THEN NULL
                    ELSE max(kept_until(c.title, s.held_on)) END
          INTO until FROM council_sessions s LEFT JOIN council_session_candidates c ON c.session_id = s.id
         WHERE s.id = session;
    END IF;
    IF until IS NULL OR until > current_date THEN
        RAISE EXCEPTION 'retention: % % is kept until %', TG_TABLE_NAME, OLD, COALESCE(until::text, 'forever')
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER awards_retention BEFORE DELETE ON awards
    FOR EACH ROW EXECUTE FUNCTION refuse_delete_before_retention();
CREATE TRIGGER decisions_retention BEFORE DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION refuse_delete_before_retention();
CREATE TRIGGER council_sessions_retention BEFORE DELETE ON council_sessions
    FOR EACH ROW EXECUTE FUNCTION refuse_delete_before_retention();
CREATE TRIGGER council_session_candidates_retention BEFORE DELETE ON council_session_candidates
    FOR EACH ROW EXECUTE FUNCTION refuse_delete_before_retention();
CREATE TRIGGER council_session_voters_retention BEFORE DELETE ON council_session_voters
    FOR EACH ROW EXECUTE FUNCTION refuse_delete_before_retention();

-- The change history is append-only: it keeps what every write replaced,
-- discipline records removed as mistakes included, for their retention
-- (70 years for discipline records, permanent for the highest awards).
-- +goose StatementBegin
CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'retention: the change history (audit_log) is append-only'
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();

-- +goose Down
DROP TRIGGER audit_log_append_only ON audit_log;
DROP FUNCTION refuse_audit_change();
DROP TRIGGER council_session_voters_retention ON council_session_voters;
DROP TRIGGER council_session_candidates_retention ON council_session_candidates;
DROP TRIGGER council_sessions_retention ON council_sessions;
DROP TRIGGER decisions_retention ON decisions;
DROP TRIGGER awards_retention ON awards;
DROP FUNCTION refuse_delete_before_retention();
DROP FUNCTION kept_until(text, date);
DROP FUNCTION retention_years(text);
DROP TABLE personal_data_reads;
DROP TABLE council_session_voters;
DROP TABLE council_session_candidates;
DROP TABLE council_sessions;
