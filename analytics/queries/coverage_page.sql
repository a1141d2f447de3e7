-- coverage_page: a page of the unfiltered coverage view, as a range of serving_coverage's
-- dense seq (see reports_page.sql for why; Refresh computes the view there with the
-- scored key-area lists). $1: offset; $2: offset + limit.
SELECT * EXCLUDE (seq)
FROM serving_coverage
WHERE seq > $1 AND seq <= $2
ORDER BY seq;
