-- Stored totals of each filing, so the ranking reads them instead of
-- scoring every filing of the year again (issue 14). self_total and
-- reviewed_total exist since 00003; the reviewed side now also keeps the
-- tie-break inputs (docs/scoring.md): the deduction and the indicators that
-- arose, were met, could be exceeded and were exceeded.
--
-- Every write that changes them (the unit's entries, the review, a
-- criterion adjustment) stores them in its transaction, computed by
-- internal/scoring. SQL cannot compute them without repeating those rules,
-- so there is no backfill here: totals_stale marks a row whose totals
-- nobody computed — every row existing now, and any row written by a
-- loader that leaves the column out — and the first ranking that reads it
-- computes and stores them.

-- +goose Up
ALTER TABLE assessments
    ADD COLUMN reviewed_deduction  double precision, -- float8: the tie-break compares it exactly as computed
    ADD COLUMN reviewed_arisen     integer,
    ADD COLUMN reviewed_met        integer,
    ADD COLUMN reviewed_exceedable integer,
    ADD COLUMN reviewed_exceeded   integer,
    ADD COLUMN totals_stale        boolean NOT NULL DEFAULT true;

-- +goose Down
ALTER TABLE assessments
    DROP COLUMN reviewed_deduction,
    DROP COLUMN reviewed_arisen,
    DROP COLUMN reviewed_met,
    DROP COLUMN reviewed_exceedable,
    DROP COLUMN reviewed_exceeded,
    DROP COLUMN totals_stale;
