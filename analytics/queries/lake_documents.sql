-- lake_documents: the documents table (not partitioned: a document may hold reports
-- of several years and regions).
SELECT * EXCLUDE (seq) FROM documents
