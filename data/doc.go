// Package data owns nianbao's domain: the converted Document that extractors read, the
// Report and Metric they produce, the metric catalogue of METRICS.md and the embedded
// reference data (key areas per year). It imports only the standard library, so every other
// package can depend on it and it can depend on none of them.
package data
