-- insert_fact_kinds: new combinations of a fact's key, scope, semantic, unit and method.
-- $1: their codes; $2–$6: the strings, in the same order ('' for no unit or method).
INSERT INTO fact_kinds
SELECT code, key, scope, semantic, nullif(unit, ''), nullif(method, '')
FROM (SELECT unnest($1::INTEGER[]) AS code, unnest($2::VARCHAR[]) AS key, unnest($3::VARCHAR[]) AS scope,
             unnest($4::VARCHAR[]) AS semantic, unnest($5::VARCHAR[]) AS unit, unnest($6::VARCHAR[]) AS method);
