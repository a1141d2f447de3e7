-- The documents stored, processed by this extractor version (ingest's skip set).
SELECT sha256 FROM documents WHERE extractor_version = ?;
