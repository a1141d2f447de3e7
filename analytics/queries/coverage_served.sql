-- coverage_served: the coverage view (coverage.sql) under filters, as rows of
-- serving_coverage: every area of a report shares the report's year, region, level and
-- organ, so filtering the stored view selects the same rows, with the same per-report
-- windows, as filtering before them; coverage.sql joins every annual report with its
-- listed areas per request. The lists are those Refresh was given (as for the
-- unfiltered pages, coverage_page.sql). $1, $2: year span; $3: region prefix; $4, $5:
-- the lists (unused: stored).
SELECT * EXCLUDE (seq)
FROM serving_coverage
WHERE len($4::INTEGER[]) >= 0 AND len($5::VARCHAR[]) >= 0
  AND {{template "filter"}} {{match 6 "level" "organ" "report_id"}}
ORDER BY seq;
