-- The last storage order given out; a batch numbers its documents after it.
SELECT coalesce(max(seq), 0) FROM documents;
