-- The facts of the documents whose storage orders are $1, all between $2 and $3: the
-- range lets the scan skip every other row group.
DELETE FROM fact_codes WHERE doc_seq BETWEEN $2 AND $3 AND doc_seq IN (SELECT unnest($1::BIGINT[]));
