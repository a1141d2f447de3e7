DELETE FROM report_texts WHERE document_sha256 IN (SELECT unnest(?::VARCHAR[]));
