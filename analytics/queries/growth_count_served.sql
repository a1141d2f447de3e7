-- growth_count_served: the number of rows growth.sql gives with the same arguments, from
-- serving_growth_cells, for requests that choose no organ and no base year (views.go).
-- $1, $2: year span; $3: region prefix; $4: metric; $5: base year (NULL); $6: level;
-- $7: organ (NULL).
SELECT coalesce(sum(n), 0)::BIGINT
FROM serving_growth_cells
WHERE {{template "filter"}} AND ($4::VARCHAR IS NULL OR metric = $4) AND $5::INTEGER IS NULL
  AND ($6::VARCHAR IS NULL OR level = $6) AND $7::VARCHAR IS NULL;
