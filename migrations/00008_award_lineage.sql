-- The board's record of whether a predecessor's awards count for its
-- successor (a unit formed by merger, renaming or split): consecutive-year
-- prerequisites read them only when the board said so, with the reason.

-- +goose Up
CREATE TABLE award_carryover (
    successor_id   bigint NOT NULL,
    predecessor_id bigint NOT NULL,
    counts         boolean NOT NULL,
    reason         text NOT NULL CHECK (reason <> ''),
    decided_by     bigint REFERENCES users (id),
    decided_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (successor_id, predecessor_id),
    FOREIGN KEY (successor_id, predecessor_id)
        REFERENCES unit_lineage (successor_id, predecessor_id) ON DELETE CASCADE
);

-- +goose Down
DROP TABLE award_carryover;
