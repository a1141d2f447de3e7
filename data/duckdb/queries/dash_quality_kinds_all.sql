-- dash_quality_kinds_all: dash_quality_kinds from serving_quality_kinds, which Refresh
-- stores (the quality page's chart, unfiltered: a count of every problem per request).
SELECT kind, n FROM serving_quality_kinds;
