-- 010: an index of report_texts by doc_seq. A report's page reads one text; a scan
-- filtered by doc_seq finds its row group by zone maps but then decodes the whole vector
-- of 2,048 texts around it (about 7 MB): 65-100 ms for a text no request read before, at
-- 10⁶ reports. Through the index DuckDB fetches the one row: 5-15 ms. Texts are the one
-- table where this pays: a report's facts fill their vectors, and reports and documents
-- rows are small. Appends and deletes keep it up to date (10⁶ BIGINT keys, a few MB).
CREATE INDEX IF NOT EXISTS report_texts_doc_seq ON report_texts (doc_seq);
