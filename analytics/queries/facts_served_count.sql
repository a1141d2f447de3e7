-- facts_served_count: the rows of the facts view filtered by report (see facts_served.sql):
-- the facts Refresh counted for each selected report, summed.
-- $1, $2: year span; $3: region prefix; $4: level; $5: organ; $6: report_id; $7: key
-- (always NULL here).
SELECT coalesce(sum(n_facts), 0)::BIGINT
FROM serving_fact_index
WHERE $7::VARCHAR IS NULL AND {{template "filter"}} {{match 4 "level" "organ" "report_id"}};
