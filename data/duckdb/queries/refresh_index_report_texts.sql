-- refresh_index_report_texts: an index of report_texts by doc_seq. A report's page reads
-- one text, and a search a batch of them; a scan filtered by doc_seq finds the row group
-- by zone maps but then decodes the whole vector of 2,048 texts around each, 70-120 ms at
-- 10⁶ reports, where through the index DuckDB fetches the one row (1-35 ms). It is built
-- here, not kept up to date by ingest: a bulk Writer drops it (drop_index_report_texts),
-- since appending to an indexed table cost 23% of ingest throughput at 10⁵ reports.
CREATE INDEX IF NOT EXISTS report_texts_doc_seq ON report_texts (doc_seq);
