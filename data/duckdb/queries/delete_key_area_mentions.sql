DELETE FROM key_area_mentions WHERE document_sha256 IN (SELECT unnest(?::VARCHAR[]));
