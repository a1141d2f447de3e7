-- refresh_report_metrics_stage: the empty table the pivot chunks fill, with report_metrics'
-- columns. They are report_metrics_pivot's (migration 002's view, renamed by 006): the view
-- is where the pivoted keys are declared, and a chunk naming a key the view lacks fails
-- its INSERT … BY NAME rather than dropping the column (TestRefreshMatchesPivot checks the
-- two agree). LIMIT 0 plans an empty result: no fact is read.
CREATE TABLE refresh_stage.report_metrics AS FROM report_metrics_pivot LIMIT 0;
