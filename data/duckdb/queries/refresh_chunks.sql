-- refresh_chunks: the chunks refresh_report_metrics_chunk.sql pivots, about $1 reports each,
-- never splitting a document: a chunk starts at a document's doc_seq (inclusive) and ends
-- before the next chunk's. Reports stored before migration 007 (NULL doc_seq) are chunked
-- the same way by document_sha256, after the others. One row per chunk: legacy, the
-- doc_seq range (lo, hi), the sha range [lo_sha, hi_sha) (hi_sha NULL for the last).
WITH numbered AS (
    SELECT doc_seq, document_sha256,
           row_number() OVER (PARTITION BY doc_seq IS NULL ORDER BY doc_seq, document_sha256) AS rn
    FROM reports
),
starts AS (
    SELECT DISTINCT doc_seq IS NULL AS legacy, doc_seq AS lo,
           CASE WHEN doc_seq IS NULL THEN document_sha256 END AS lo_sha
    FROM numbered
    WHERE (rn - 1) % $1 = 0
)
SELECT legacy, lo, coalesce(lead(lo) OVER w - 1, 9223372036854775807) AS hi, lo_sha, lead(lo_sha) OVER w AS hi_sha
FROM starts
WINDOW w AS (PARTITION BY legacy ORDER BY lo, lo_sha)
ORDER BY legacy, lo, lo_sha;
