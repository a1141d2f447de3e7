-- The documents whose storage orders are $1, all between $2 and $3.
DELETE FROM documents WHERE seq BETWEEN $2 AND $3 AND seq IN (SELECT unnest($1::BIGINT[]));
