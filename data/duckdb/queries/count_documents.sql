-- count_documents: how many documents are stored, which sizes a Writer's memory_limit.
SELECT count(*) FROM documents;
