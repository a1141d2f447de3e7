-- refresh_chunks: the chunks refresh_report_metrics_chunk.sql pivots, about $1 reports each,
-- never splitting a document: a chunk starts at a document's doc_seq (inclusive) and ends
-- before the next chunk's. One row per chunk: its doc_seq range (lo, hi). Every row has a
-- doc_seq since migration 012.
WITH numbered AS (
    SELECT doc_seq, row_number() OVER (ORDER BY doc_seq) AS rn
    FROM reports
),
starts AS (
    SELECT DISTINCT doc_seq AS lo
    FROM numbered
    WHERE (rn - 1) % $1 = 0
)
SELECT lo, coalesce(lead(lo) OVER (ORDER BY lo) - 1, 9223372036854775807) AS hi
FROM starts
ORDER BY lo;
