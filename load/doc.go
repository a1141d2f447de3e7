// Package load is an open-loop HTTP load generator for the dashboard and API: requests
// start at a fixed rate whatever the server's latency (a slow server meets more work, not
// less, as with real users), each timed from when it was due to start, so queueing in the
// client is counted, not hidden. Targets lists the endpoints and pages with realistic
// query strings, shared with the bench's sequential latency measurement.
package load
