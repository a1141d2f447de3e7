-- Is this document stored, processed by this extractor version?
SELECT EXISTS (SELECT 1 FROM documents WHERE sha256 = ? AND extractor_version = ?);
