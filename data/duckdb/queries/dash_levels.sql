-- dash_levels: the levels and years present, for the filter menus.
SELECT DISTINCT level, year FROM reports WHERE is_annual_report ORDER BY year, level;
