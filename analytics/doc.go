// Package analytics owns every number nianbao shows or exports that is not an extracted
// fact: the derived indicators of METRICS.md (grant, refusal, non-disclosure and
// correction rates with their numerators, denominators and Wilson 95% intervals; yoy_*
// and cagr_* growth; key-area coverage; on_time; consistency_ok), comparisons (rankings
// within a peer group or parent region with empirical-Bayes shrinkage, percentiles, the
// biggest year-over-year movers), data quality (completeness, late reports, failed and
// cross-year checks, copy-paste similarity) and the tabular exports built on them.
//
// It reads the store only through the Querier interface (database/sql types), with one
// query per embedded file in queries/*.sql; files whose names start with "_" are shared
// CTE fragments. It never imports ingest or HTTP code, so the dashboard, the API and the
// CLI all get the same numbers from the same SQL. The formulas that SQL computes also
// exist as small Go functions (Wilson, ShrinkBetaBinomial, YoY, CAGR, OnTime): the tests
// hold the SQL to them and both to hand arithmetic.
package analytics
