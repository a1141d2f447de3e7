-- dash_search: full-text search by substring scan (instr is character-based, so pos is a
-- 1-based character position), in storage order and without a total: the scan stops as
-- soon as $5 + $6 texts matched, so a common term answers after reading a few row
-- groups, and only a rare one (or one absent) reads every text. There is no full-text
-- index (the FTS extension cannot be loaded offline). The caller asks for one row more
-- than a page to know whether there is a next page. Hits come in storage order, the
-- order a scan meets them: sorting by anything else would need every hit first.
-- $1: the literal text sought; $2: year (NULL = all); $3: level (NULL = all); $4: region
-- code prefix (NULL = all); $5: limit; $6: offset.
WITH h AS (
    -- n keeps the scan's order through the join below
    SELECT report_id, document_sha256, pos, row_number() OVER () AS n,
           greatest(pos - 60, 1) AS snippet_start,
           substr(text, greatest(pos - 60, 1), 60 + length($1) + 80) AS snippet
    FROM (
        SELECT t.report_id, t.document_sha256, t.text, instr(t.text, $1) AS pos
        FROM report_texts t
        WHERE contains(t.text, $1)
          -- without filters, no join at all: the scan streams into the LIMIT
          AND ($2::INTEGER IS NULL AND $3::VARCHAR IS NULL AND $4::VARCHAR IS NULL
               OR (t.document_sha256, t.report_id) IN (
                   SELECT document_sha256, report_id FROM serving_reports
                   WHERE ($2::INTEGER IS NULL OR year = $2)
                     AND ($3::VARCHAR IS NULL OR level = $3)
                     AND ($4::VARCHAR IS NULL OR (starts_with(region_code, $4) AND region_code >= $4 AND region_code < ($4 || chr(1114111))))))
        LIMIT $5 OFFSET $6
    )
)
SELECT h.report_id, h.document_sha256, r.organ, r.region_code, r.level, r.year,
       h.snippet_start, h.pos, h.snippet
FROM h
JOIN serving_reports r USING (document_sha256, report_id)
ORDER BY h.n
