-- dash_overview_counts: the overview's tallies under the page filters, one row per
-- (dim, key): 'reports' and 'annual' row counts, 'organs' distinct annual organs, 'level'
-- and 'template' annual rows by value, 'province' new requests by province code.
-- $1, $2: year span; $3: region prefix; $4: level; $5: organ (NULL = all).
WITH r AS (
    SELECT * FROM serving_reports
    WHERE ($1::INTEGER IS NULL OR year >= $1) AND ($2::INTEGER IS NULL OR year <= $2)
      AND ($3::VARCHAR IS NULL OR (starts_with(region_code, $3) AND region_code >= $3 AND region_code < ($3 || chr(1114111))))
      AND ($4::VARCHAR IS NULL OR level = $4) AND ($5::VARCHAR IS NULL OR organ = $5)
)
SELECT 'reports' AS dim, '' AS key, count(*)::DOUBLE AS value FROM r
UNION ALL SELECT 'annual', '', count(*) FROM r WHERE is_annual_report
UNION ALL SELECT 'organs', '', count(DISTINCT coalesce(organ, '')) FROM r WHERE is_annual_report
UNION ALL SELECT 'level', coalesce(level, ''), count(*) FROM r WHERE is_annual_report GROUP BY ALL
UNION ALL SELECT 'template', coalesce(template, ''), count(*) FROM r WHERE is_annual_report GROUP BY ALL
UNION ALL SELECT 'province', province_code, sum(requests_new) FROM r
    WHERE is_annual_report AND requests_new IS NOT NULL AND province_code IS NOT NULL GROUP BY ALL;
