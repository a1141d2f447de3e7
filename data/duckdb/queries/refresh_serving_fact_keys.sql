-- refresh_serving_fact_keys: the number of facts of each key, the total of the facts
-- view filtered by key alone, which otherwise counts a key over every fact (10⁸ at 10⁶
-- reports) per request.
CREATE OR REPLACE TABLE serving_fact_keys AS
SELECT k.key, sum(c.n) AS n
FROM (SELECT kind, count(*) AS n FROM fact_codes GROUP BY kind) c
JOIN fact_kinds k ON k.code = c.kind
GROUP BY k.key
ORDER BY k.key;
