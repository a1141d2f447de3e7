-- dash_search_candidates: the documents a filtered search looks in, in storage order
-- (doc_seq), as one text list, and how many of the selected reports have no doc_seq
-- (stored before migration 007: the database is then searched with dash_search.sql).
-- $1: year (NULL = all); $2: level (NULL = all); $3: region code prefix (NULL = all).
-- Read from serving_fact_index, stored in year and region order, so that zone maps skip
-- every other year and province: the reports table, in ingest order, took 0.2 s a search
-- at 10⁶ reports. One value, not a row a report: the driver's rows of a large province's
-- year (4,000-5,000 reports, seven columns) took 20-30 ms, the list 3-5 ms; the identity
-- of the hits alone is read after (dash_search_hit_identity.sql). A document with two
-- selected reports is listed twice (list(DISTINCT …) costs more than the reader's check).
SELECT count(*) FILTER (WHERE doc_seq IS NULL),
       coalesce(list(doc_seq ORDER BY doc_seq) FILTER (WHERE doc_seq IS NOT NULL), [])::VARCHAR
FROM serving_fact_index
WHERE ($1::INTEGER IS NULL OR year = $1) AND ($2::VARCHAR IS NULL OR level = $2)
  AND ($3::VARCHAR IS NULL OR (starts_with(region_code, $3) AND region_code >= $3 AND region_code < ($3 || chr(1114111))));
