-- facts_key_count: the rows of the facts view filtered by key alone: every fact belongs
-- to a stored report (DB.Integrity checks it), so facts' own rows of the key, without
-- the join with the reports. $1: key.
SELECT count(*) FROM facts WHERE key = $1;
