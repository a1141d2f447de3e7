DELETE FROM reports WHERE document_sha256 IN (SELECT unnest(?::VARCHAR[]));
