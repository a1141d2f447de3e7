-- 007: doc_seq, the order in which documents were stored, on every row of a document.
-- Replacing a document's rows (a new extractor version, a forced re-extraction) deleted
-- them by SHA-256, which scans the whole column: one scan of every fact per batch, so a
-- re-extraction of N documents cost O(N²). Rows are appended in storage order, so a batch
-- of documents stored together occupies a narrow doc_seq range, and DuckDB's zone maps
-- skip every row group outside the range the batch's documents span.
-- Rows stored before this migration have NULL doc_seq; their documents are deleted by
-- SHA-256 alone, as before.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS seq BIGINT;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS doc_seq BIGINT;
ALTER TABLE facts ADD COLUMN IF NOT EXISTS doc_seq BIGINT;
ALTER TABLE checks ADD COLUMN IF NOT EXISTS doc_seq BIGINT;
ALTER TABLE key_area_mentions ADD COLUMN IF NOT EXISTS doc_seq BIGINT;
ALTER TABLE report_texts ADD COLUMN IF NOT EXISTS doc_seq BIGINT;
