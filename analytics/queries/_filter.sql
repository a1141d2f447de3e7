{{define "filter"}}($1::INTEGER IS NULL OR year >= $1) AND ($2::INTEGER IS NULL OR year <= $2) AND ($3::VARCHAR IS NULL OR starts_with(region_code, $3)){{end}}
