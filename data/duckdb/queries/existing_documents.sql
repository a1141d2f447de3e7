-- Which of a batch's documents are already stored (their rows are replaced).
SELECT sha256 FROM documents WHERE sha256 IN (SELECT unnest(?::VARCHAR[]));
