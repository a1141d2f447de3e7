-- lake_years: the report years, NULL last (non-reports and undated reports), each of
-- which the lake's facts are written for in turn (lake_facts_year.sql).
SELECT DISTINCT year FROM reports ORDER BY year NULLS LAST;
