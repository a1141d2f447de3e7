-- dash_levels_all: dash_levels from serving_levels, which Refresh stores.
SELECT level, year FROM serving_levels ORDER BY year, level;
