DELETE FROM facts WHERE document_sha256 IN (SELECT unnest(?::VARCHAR[]));
