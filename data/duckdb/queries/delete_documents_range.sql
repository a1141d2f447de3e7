-- The documents in $1, all stored with seq between $2 and $3.
DELETE FROM documents WHERE seq BETWEEN $2 AND $3 AND sha256 IN (SELECT unnest($1::VARCHAR[]));
