package analytics

import (
	"context"
	"strconv"
	"strings"
)

// factDocs fills in the last argument of facts_served.sql, the doc_seq list of the
// page's reports, from facts_served_docs.sql.
func (a *Analytics) factDocs(ctx context.Context, p Params, args []any) ([]any, error) {
	list, err := a.listOf(ctx, "facts_served_docs", args[:len(args)-1]...)
	if err != nil {
		return nil, err
	}
	args[len(args)-1] = list
	return args, nil
}

// The texts CTE of facts_served.sql as written, and what indexedTexts makes of it.
const (
	servedTexts       = "texts AS ("
	servedTextsFilter = "WHERE ($10::BIGINT[] IS NULL OR (list_contains($10::BIGINT[], doc_seq) AND doc_seq BETWEEN list_min($10::BIGINT[]) AND list_max($10::BIGINT[])))"
	indexedTextsMax   = 2048 // DuckDB's index_scan_max_count: past it DuckDB scans anyway
)

// indexedTexts returns facts_served.sql q reading the texts of the page's documents, list
// (facts_served_docs.sql's literal), through report_texts' index on doc_seq: a
// MATERIALIZED CTE whose only filter is the documents as a literal list. The list is
// formatted anew from the numbers it parses to, so nothing else reaches the query's text.
// Past indexedTextsMax documents, or for a list that does not parse, q is returned as it
// is, and DuckDB scans report_texts within the documents' range.
func indexedTexts(q string, list any) string {
	s, _ := list.(string)
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
		return q
	}
	parts := strings.Split(s[1:len(s)-1], ",")
	if len(parts) > indexedTextsMax || strings.TrimSpace(parts[0]) == "" {
		return q
	}
	docs := make([]string, len(parts))
	for i, p := range parts {
		n, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64)
		if err != nil {
			return q
		}
		docs[i] = strconv.FormatInt(n, 10)
	}
	if strings.Count(q, servedTexts) != 1 || strings.Count(q, servedTextsFilter) != 1 {
		return q
	}
	q = strings.Replace(q, servedTexts, "texts AS MATERIALIZED (", 1)
	return strings.Replace(q, servedTextsFilter, "WHERE doc_seq IN ("+strings.Join(docs, ", ")+")", 1)
}

// listOf runs query name, whose one row is a list literal, which a query then takes as a
// parameter: a list parameter is a filter of a scan, where the subquery it is made of
// would be a join after it.
func (a *Analytics) listOf(ctx context.Context, name string, args ...any) (string, error) {
	var list string
	if err := a.scanRow(ctx, a.query(name), args, &list); err != nil {
		return "", err
	}
	return list, nil
}
