-- dash_search: full-text search by substring scan (instr is character-based, so pos is a
-- 1-based character position). A sequential scan of report_texts: measured in the
-- dashboard benchmarks. $1: the literal text sought; $2: year (NULL = all); $3: level
-- (NULL = all); $4: region code prefix (NULL = all); $5: limit; $6: offset.
WITH hits AS (
    SELECT t.report_id, t.document_sha256, instr(t.text, $1) AS pos, t.text
    FROM report_texts t
    JOIN reports r USING (document_sha256, report_id)
    WHERE ($2::INTEGER IS NULL OR r.year = $2)
      AND ($3::VARCHAR IS NULL OR r.level = $3)
      AND ($4::VARCHAR IS NULL OR starts_with(r.region_code, $4))
      AND instr(t.text, $1) > 0
)
SELECT h.report_id, h.document_sha256, r.organ, r.region_code, r.level, r.year,
       count(*) OVER () AS total,
       greatest(h.pos - 60, 1) AS snippet_start,
       h.pos,
       substr(h.text, greatest(h.pos - 60, 1), 60 + length($1) + 80) AS snippet
FROM hits h
JOIN reports r USING (document_sha256, report_id)
ORDER BY r.year DESC NULLS LAST, r.organ, h.report_id
LIMIT $5 OFFSET $6;
