-- drop_index_report_texts: a bulk Writer drops refresh_index_report_texts.sql's index
-- before it appends: the next refresh builds it again.
DROP INDEX IF EXISTS report_texts_doc_seq;
