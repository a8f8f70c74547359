-- Certificate layouts belong to the issuing unit, not to its level type:
-- each procuracy that decides (the Supreme Procuracy, a high procuracy, a
-- provincial procuracy, a regional one where it has the power) buys its
-- own blanks, so its board positions the fields for its own blanks.
--
-- Carrying the rows of 00022 over: until now only the sector's board could
-- calibrate, so a 'supreme' row is the Supreme Procuracy's own blank and
-- becomes that unit's layout. A row of another type was the sector's board
-- guessing at blanks it does not buy; no unit of that type ever measured
-- it, so it is dropped rather than copied to every unit (which would show
-- each province a measurement it never made). Those units print on the
-- default A4 layout until their board calibrates. No type-level default is
-- kept: one key, one layout, one version to lock on.

-- +goose Up
ALTER TABLE certificate_layouts ADD COLUMN unit_id bigint REFERENCES units (id);
UPDATE certificate_layouts SET unit_id = (SELECT id FROM units WHERE type = 'supreme' ORDER BY id LIMIT 1)
    WHERE level = 'supreme';
DELETE FROM certificate_layouts WHERE unit_id IS NULL;
ALTER TABLE certificate_layouts DROP CONSTRAINT certificate_layouts_pkey,
    DROP COLUMN level,
    ALTER COLUMN unit_id SET NOT NULL,
    ADD PRIMARY KEY (unit_id, kind);

-- +goose Down
-- Back to one layout per level type: the most recently saved of each type.
ALTER TABLE certificate_layouts ADD COLUMN level text;
UPDATE certificate_layouts c SET level = u.type FROM units u WHERE u.id = c.unit_id;
DELETE FROM certificate_layouts c WHERE c.level = 'department' OR EXISTS (
    SELECT 1 FROM certificate_layouts o WHERE o.level = c.level AND o.kind = c.kind
        AND (o.updated_at, o.unit_id) > (c.updated_at, c.unit_id));
ALTER TABLE certificate_layouts DROP CONSTRAINT certificate_layouts_pkey,
    DROP COLUMN unit_id,
    ALTER COLUMN level SET NOT NULL,
    ADD CHECK (level IN ('supreme', 'high', 'provincial', 'regional', 'district')),
    ADD PRIMARY KEY (level, kind);
