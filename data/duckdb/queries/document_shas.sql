-- The SHA-256 of every stored document, read once per process by the first batch saved
-- (storedSet).
SELECT sha256 FROM documents;
