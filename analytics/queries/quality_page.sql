-- quality_page: a page of the unfiltered quality view (without expected governments).
-- serving_quality is written in seq order with seq = 1..n (row_number), so the page is a
-- seq range that zone maps find, as reports_page.sql. $1: offset; $2: offset + limit.
SELECT * EXCLUDE (seq)
FROM serving_quality
WHERE seq > $1 AND seq <= $2
ORDER BY seq;
