-- dash_overview_counts_all: dash_overview_counts without filters, as Refresh stored it
-- (serving_overview).
SELECT dim, key, value FROM serving_overview;
