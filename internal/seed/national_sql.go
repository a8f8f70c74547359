package seed

// The hand-written SQL that the load test's bare handlers and the national
// benchmarks compare the app with: each is the one query a bare
// database/sql program would run for the same page. They read the schema
// directly, as such a program would; the app reads it through the store.

// BareUnitSearchSQL is the unit list's search, folded like the store's
// (lower case, Vietnamese marks and đ stripped) on both sides: $1 is the
// term as typed.
const BareUnitSearchSQL = `SELECT id, code, name, type, count(*) OVER () AS total FROM units
WHERE valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)
  AND (translate(lower(name), ` + viFold + `) LIKE '%' || translate(lower($1), ` + viFold + `) || '%'
    OR translate(lower(code), ` + viFold + `) LIKE '%' || translate(lower($1), ` + viFold + `) || '%')
ORDER BY CASE type WHEN 'supreme' THEN 1 WHEN 'high' THEN 2 WHEN 'provincial' THEN 3 WHEN 'regional' THEN 4 ELSE 5 END,
  name COLLATE "vi-x-icu", id
LIMIT 50`

const viFold = `'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ', ` +
	`'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd'`

// BareFilingSQL is a unit's filing of a year with its entries: $1 year,
// $2 unit.
const BareFilingSQL = `SELECT a.id, a.status, a.version, a.self_total, a.reviewed_total,
  e.criterion_id, e.self_score, e.self_num, e.self_den, e.self_not_arisen, e.rev_set, e.rev_score, e.rev_num, e.rev_den
FROM assessments a JOIN assessment_entries e ON e.assessment_id = a.id
WHERE a.year = $1 AND a.unit_id = $2
ORDER BY e.criterion_id`

// BareRankingSQL ranks every cluster's members of a year in one aggregate
// over the stored totals (the reviewed total once reviewed, the unit's own
// before; 0 without a filing): $1 year.
const BareRankingSQL = `SELECT c.id AS cluster_id, c.level, c.number, u.id AS unit_id, u.name,
  coalesce(a.status, 'not_started') AS status,
  coalesce(CASE WHEN a.status = 'reviewed' THEN a.reviewed_total END, a.self_total, 0) AS total,
  rank() OVER (PARTITION BY c.id ORDER BY coalesce(CASE WHEN a.status = 'reviewed' THEN a.reviewed_total END, a.self_total, 0) DESC) AS rank
FROM clusters c
JOIN cluster_members m ON m.cluster_id = c.id
JOIN units u ON u.id = m.unit_id
LEFT JOIN assessments a ON a.unit_id = m.unit_id AND a.year = c.year
WHERE c.year = $1
ORDER BY c.level DESC, c.owner_unit_id NULLS FIRST, c.number, rank, u.id`

// BarePersonSQL is a person with the whole record the award rules read,
// in one row of JSON arrays: $1 person.
const BarePersonSQL = `SELECT p.id, p.full_name, p.position, u.name AS unit_name,
  coalesce((SELECT json_agg(json_build_object('year', r.year, 'rating', r.rating) ORDER BY r.year) FROM person_ratings r WHERE r.person_id = p.id), '[]') AS ratings,
  coalesce((SELECT json_agg(json_build_object('year', i.year, 'level', i.level, 'applied', i.applied)) FROM person_initiatives i WHERE i.person_id = p.id), '[]') AS initiatives,
  coalesce((SELECT json_agg(json_build_object('measure', d.measure, 'from', d.from_date, 'to', d.to_date)) FROM person_disciplines d WHERE d.person_id = p.id), '[]') AS disciplines,
  coalesce((SELECT json_agg(json_build_object('year', a.year, 'title', a.title, 'kind', a.kind, 'revoked', a.revoked)) FROM awards a WHERE a.person_id = p.id), '[]') AS awards
FROM people p JOIN units u ON u.id = p.unit_id
WHERE p.id = $1`

// BareSaveEntrySQL changes one figure of a filing: $1 filing, $2
// criterion, $3 numerator.
const BareSaveEntrySQL = `UPDATE assessment_entries SET self_num = $3 WHERE assessment_id = $1 AND criterion_id = $2`
