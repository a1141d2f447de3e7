-- facts_range_docs: the first and last doc_seq of the facts with a rowid in [$1, $2)
-- (NULL for none): the texts facts_range.sql reads.
SELECT min(doc_seq), max(doc_seq) FROM fact_codes WHERE rowid >= $1 AND rowid < $2;
