-- Unit and people searches match the typed term against names folded
-- (lower case, Vietnamese marks and đ stripped: store.foldSQL). Folding
-- with translate() over the marked letters cost some 12 µs a value, paid
-- for every unit (twice: name and code) or every person on each search;
-- stored generated columns are folded once, when the row is written, by
-- PostgreSQL itself, so no write can leave them stale. The expression must
-- stay foldSQL's.

-- +goose Up
ALTER TABLE units
	ADD COLUMN name_folded text GENERATED ALWAYS AS (translate(lower(name), 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd')) STORED,
	ADD COLUMN code_folded text GENERATED ALWAYS AS (translate(lower(code), 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd')) STORED;
ALTER TABLE people
	ADD COLUMN full_name_folded text GENERATED ALWAYS AS (translate(lower(full_name), 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd')) STORED;

-- +goose Down
ALTER TABLE people DROP COLUMN full_name_folded;
ALTER TABLE units DROP COLUMN name_folded, DROP COLUMN code_folded;
