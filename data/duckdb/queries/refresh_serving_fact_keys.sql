-- refresh_serving_fact_keys: the number of facts of each key, the total of the facts
-- view filtered by key alone, which otherwise counts a key over every fact (10⁸ at 10⁶
-- reports) per request.
CREATE OR REPLACE TABLE serving_fact_keys AS
SELECT key, count(*) AS n FROM fact_rows GROUP BY key ORDER BY key;
