-- The rows of the documents in $1, all stored with doc_seq between $2 and $3: the range
-- lets the scan skip every other row group.
DELETE FROM checks WHERE doc_seq BETWEEN $2 AND $3 AND document_sha256 IN (SELECT unnest($1::VARCHAR[]));
