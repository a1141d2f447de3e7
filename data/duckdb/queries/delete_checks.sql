DELETE FROM checks WHERE document_sha256 IN (SELECT unnest(?::VARCHAR[]));
