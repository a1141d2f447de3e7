DELETE FROM documents WHERE sha256 IN (SELECT unnest(?::VARCHAR[]));
