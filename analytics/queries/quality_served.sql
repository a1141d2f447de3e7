-- quality_served: the quality view (quality.sql) when no government is expected (as the
-- dashboard and API ask it): then there is no 'missing' row, and the view is the rows of
-- serving_quality, in its order (seq), rather than a sort of every problem per request.
-- $1, $2: year span; $3: region prefix; $4…$7: expected governments (empty here).
SELECT * EXCLUDE (seq)
FROM serving_quality
WHERE len($4::VARCHAR[]) = 0 AND len($5::VARCHAR[]) = 0 AND len($6::VARCHAR[]) = 0 AND len($7::VARCHAR[]) = 0
  AND {{template "filter"}} {{match 8 "level" "organ" "report_id"}}
ORDER BY seq;
