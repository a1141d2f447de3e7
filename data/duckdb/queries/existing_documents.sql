-- Which of a batch's documents are already stored (their rows are replaced), with the
-- storage order their rows carry.
SELECT sha256, seq FROM documents WHERE sha256 IN (SELECT unnest(?::VARCHAR[]));
