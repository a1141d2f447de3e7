-- fact_kind_codes: the codes of the kinds of key $1 in fact_kinds (facts_key_page.sql's
-- $3), as a list literal.
SELECT coalesce(list(code ORDER BY code), [])::VARCHAR FROM fact_kinds WHERE key = $1;
