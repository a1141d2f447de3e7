-- facts_key_count: the rows of the facts view filtered by key alone: every fact belongs
-- to a stored report (DB.Integrity checks it), so facts' own rows of the key, as Refresh
-- counted them (serving_fact_keys; counting them here scanned 10⁸ keys). $1: key.
SELECT coalesce((SELECT n FROM serving_fact_keys WHERE key = $1), 0);
